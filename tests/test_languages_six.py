"""The six official languages of the United Nations, built, checked and read: Arabic right to left, Chinese,
Russian beside English, French and Spanish. ar, zh_CN and ru are drafts of a few fixture sentences each
(tests/six_languages.py), added to a copy of the project and built once for this module."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pikepdf
import pypdf
import pytest
from docutils import nodes
from six_languages import (
    ADDED,
    AREAS,
    DRAFT,
    QUESTION,
    TECHNOLOGY,
    TITLE,
    TRANSLATIONS,
    UNTRANSLATED,
    copy_with_six_languages,
    translate,
)
from test_browser import _axe

from tools.languages import MANIFEST
from tools.pdfcheck import font_problems
from tools.site_build import Project, build
from tools.sphinxext.language_of_parts import direction_attribute
from tools.sphinxext.pdf import FONTS_DIR, THEME_DIR

from browser import serve
from helpers import ROOT, run_tools
from pages import soup

SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR", ROOT / "test-artifacts" / "screenshots"))
COMPLETE = ("es", "fr")
PDF = "training-for-gender-equality-beijing20-summary-{}.pdf"
DRAFT_NOTICES = {
    "ar": "هذه الترجمة غير مكتملة: تُرجم {} منها، ويُعرض الباقي باللغة الإنكليزية.",
    "zh_CN": "此译文尚未完成：已翻译 {}，其余部分以英文显示。",
    "ru": "Этот перевод не завершён: переведено {}, остальное показано на английском языке.",
}


@pytest.fixture(scope="module")
def six(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_with_six_languages(tmp_path_factory.mktemp("six"))
    assert build(project) == 0, "the build with ar, zh_CN and ru failed; build tests/six_languages.py's copy to see why"
    return project


def pdf_of(project: Project, lang: str) -> Path:
    return project.site / lang / PDF.format(lang)


def manifest(project: Project, lang: str) -> dict:
    return json.loads((project.output(lang, "html") / MANIFEST).read_text("utf-8"))


# -- HTML --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "tag", "direction"), [
    ("en", "en", None), ("es", "es", None), ("fr", "fr", None), ("ar", "ar", "rtl"), ("zh_CN", "zh-CN", None),
    ("ru", "ru", None),
])  # fmt: skip
def test_each_page_says_its_language_and_direction(six: Project, lang: str, tag: str, direction: str | None) -> None:
    for page in ("index.html", "status.html", "search.html"):
        html = soup(six.site / lang / page).html
        assert html["lang"] == tag, page
        assert html.get("dir") == direction, page


def test_switcher_and_alternates_use_language_tags(six: Project) -> None:
    page = soup(six.site / "fr" / "index.html")
    chinese = page.select_one('.language-switcher a[href="../zh_CN/index.html"]')
    assert chinese["lang"] == chinese["hreflang"] == "zh-CN"
    assert page.select_one('.language-switcher a[hreflang="ar"]')["dir"] == "rtl"
    assert page.select_one('link[rel="alternate"][hreflang="zh-CN"]')["href"] == "../zh_CN/index.html"


@pytest.mark.parametrize("lang", ADDED)
def test_an_untranslated_passage_is_marked_english(six: Project, lang: str) -> None:
    """WCAG 3.1.2: the heading left untranslated says lang="en" (and dir="ltr" in Arabic); a translated one
    inherits the page's language."""
    article = soup(six.site / lang / "index.html").select_one("article")
    headings = article.select("h2, h3")
    untranslated = next(h for h in headings if h.get_text(strip=True).startswith(UNTRANSLATED))
    assert untranslated["lang"] == "en"
    assert untranslated.get("dir") == ("ltr" if lang == "ar" else None)
    translated = next(h for h in headings if TRANSLATIONS[lang]["index"][QUESTION] in h.get_text())
    assert "lang" not in translated.attrs and "dir" not in translated.attrs
    english = [p for p in article.select("p") if p.get("lang") == "en"]
    assert english and all(p.get("dir") == ("ltr" if lang == "ar" else None) for p in english)


@pytest.mark.parametrize("lang", COMPLETE)
def test_a_complete_language_has_no_english_passage(six: Project, lang: str) -> None:
    article = soup(six.site / lang / "index.html").select_one("article")
    assert article.select('[lang="en"]') == []


@pytest.mark.parametrize("lang", ADDED)
def test_a_draft_says_so_in_its_language_on_every_page(six: Project, lang: str) -> None:
    found = manifest(six, lang)
    assert found["draft"] is True and 0 < found["percent"] < 100
    for page in ("index.html", "status.html", "glossary.html"):
        notice = soup(six.site / lang / page).select_one("p.publication-draft")
        assert notice is not None, page
        assert notice.get_text() == DRAFT_NOTICES[lang].format(found["percent_shown"]), page
    # The PDF opens with it too (its digits: a text extractor puts an Arabic line's runs in visual order).
    first_page = pdf_text(pdf_of(six, lang)).split("COMMUNITY OF PRACTICE")[0]
    digits = re.sub(r"\D", "", found["percent_shown"])
    assert re.search(rf"\b{digits}\b", first_page) and DRAFT_NOTICES[lang].split()[0] in first_page


def _with_notice(tmp_path: Path, lang: str, notice: str) -> Project:
    """The six-language copy, with ``lang``'s translation of the draft notice replaced by ``notice``."""
    project = copy_with_six_languages(tmp_path)
    translate(project.locale / lang / "LC_MESSAGES" / "sphinx.po", {DRAFT: notice})
    return project


def test_a_draft_without_the_sentence_says_it_in_english(tmp_path: Path) -> None:
    """A new language whose sphinx.po does not translate the notice yet shows it in English, never nothing."""
    project = _with_notice(tmp_path, "ru", "")
    assert build(project, languages=["ru"], formats=("html",)) == 0
    notice = soup(project.output("ru", "html") / "index.html").select_one("p.publication-draft").get_text()
    assert re.fullmatch(r"This translation is incomplete: \d+\s%( of it is translated), .*", notice), notice


@pytest.mark.parametrize(
    "hostile",
    ["Переведено %(other)s.", "Переведено %s из %(percent)s.", "Переведено %(percent)d.", "Переведено 100 %."],
)
def test_a_notice_whose_placeholders_would_not_format_shows_the_english_and_check_says_where(
    tmp_path: Path, hostile: str
) -> None:
    project = _with_notice(tmp_path, "ru", hostile)
    assert build(project, languages=["ru"], formats=("html",)) == 0
    notice = soup(project.output("ru", "html") / "index.html").select_one("p.publication-draft").get_text()
    assert notice.startswith("This translation is incomplete: ")
    done = run_tools("check", "--select", "placeholders", "--lang", "ru", root=project.root)
    assert done.returncode == 1
    assert re.search(
        r"locale/ru/LC_MESSAGES/sphinx\.po:\d+: ERROR: \[placeholders\] .*the pages show the English", done.stdout
    )


def test_a_notice_of_markup_is_text_and_a_huge_one_stays_in_its_box(tmp_path: Path) -> None:
    """The notice is a catalogue's text: escaped in the page, broken across lines in the PDF however long."""
    project = _with_notice(tmp_path, "ru", "&lt;b&gt;Черновик&lt;/b&gt; " + "а" * 3000 + " %(percent)s")
    assert build(project, languages=["ru"]) == 0
    notice = soup(project.output("ru", "html") / "index.html").select_one("p.publication-draft")
    assert notice.find("b") is None and notice.get_text().startswith("&lt;b&gt;Черновик")
    text = pdf_text(pdf_of(project, "ru"))
    assert "Черновик" in text and "а" * 40 in text  # drawn, broken into lines, not off the page


def test_a_language_cldr_does_not_know_builds_and_leaves_the_others_building(tmp_path: Path) -> None:
    """Klingon (tlh) is a language code, which Sphinx builds and Babel has no data for: every language builds,
    and its percentage is written the English way."""
    project = copy_with_six_languages(tmp_path)
    shutil.copytree(project.locale / "ru", project.locale / "tlh")
    for catalogue in (project.locale / "tlh").rglob("*.po"):
        catalogue.write_text(catalogue.read_text("utf-8").replace("Language: ru", "Language: tlh"), "utf-8")
    assert build(project, languages=["fr", "tlh"], formats=("html",)) == 0
    switcher = soup(project.output("fr", "html") / "index.html").select_one('.language-switcher a[hreflang="tlh"]')
    assert re.fullmatch(r"tlh \d+%", switcher.get_text())


@pytest.mark.parametrize("lang", ("en", *COMPLETE))
def test_a_complete_language_shows_no_draft_sign(six: Project, lang: str) -> None:
    assert manifest(six, lang)["draft"] is False
    page = soup(six.site / lang / "index.html")
    assert page.select("p.publication-draft") == []
    switcher = {a["hreflang"]: a for a in page.select(".language-switcher a")}
    for complete in ("en", *COMPLETE):
        assert switcher[complete].select(".draft") == []
    for draft, tag in (("ar", "ar"), ("zh_CN", "zh-CN"), ("ru", "ru")):
        assert switcher[tag].select_one(".draft").get_text() == manifest(six, draft)["percent_shown"]


def test_the_root_page_lists_drafts_but_sends_no_browser_to_them(six: Project) -> None:
    root = soup(six.site / "index.html")
    drafts = {link["hreflang"] for link in root.select('link[rel="alternate"][data-draft]')}
    assert drafts == {"ar", "zh-CN", "ru"}
    listed = {a["hreflang"] for a in root.select("ul.languages > li > a:not(.pdf)")}
    assert listed == {"en", "es", "fr", "ar", "zh-CN", "ru"}


@pytest.mark.parametrize(("preferred", "landing"), [
    (["ar", "fr"], "/fr/index.html"),  # Arabic is a draft: the next preference that is not
    (["zh-CN"], "/index.html"),  # only a draft: the reader stays on the chooser
    (["ru-RU", "es"], "/es/index.html"),
    (["fr-CA"], "/fr/index.html"),
])  # fmt: skip
def test_the_root_page_redirects_only_to_complete_languages(
    six: Project, browser: object, preferred: list[str], landing: str
) -> None:
    with serve(six.site) as base:
        context = browser.new_context(locale=preferred[0], extra_http_headers={"Accept-Language": ",".join(preferred)})
        page = context.new_page()
        page.add_init_script(f"Object.defineProperty(navigator, 'languages', {{get: () => {preferred!r}}})")
        page.goto(f"{base}/index.html")
        page.wait_for_load_state("load")
        assert page.url == f"{base}{landing}"
        context.close()


def test_chinese_search_finds_a_word_inside_a_sentence(six: Project, browser: object) -> None:
    """性别 (gender) is inside the title's sentence, with no space around it: Sphinx's Chinese splitter
    (jieba) cuts the sentence into words when it indexes the page."""
    index = (six.site / "zh_CN" / "searchindex.js").read_text("utf-8")
    terms = json.loads(index.removeprefix("Search.setIndex(").removesuffix(")"))["terms"]
    assert "性别" in terms and "培训" in terms
    with serve(six.site) as base:
        page = browser.new_page()
        page.goto(f"{base}/zh_CN/search.html?q=%E6%80%A7%E5%88%AB")
        page.wait_for_selector("#search-results ul.search li", timeout=15000)
        results = page.locator("#search-results ul.search li a").all_inner_texts()
        page.close()
    assert any(TRANSLATIONS["zh_CN"]["index"][TITLE] in result for result in results), results


def _box(page: object, selector: str) -> dict[str, float]:
    return page.locator(selector).first.bounding_box()


def test_arabic_pages_are_laid_out_right_to_left(six: Project, browser: object) -> None:
    """Measured in the browser: furo's sidebar on the right, the text and headings aligned right, the
    switcher starting at the right, the search icon at the right of its box, list bullets at the right, and
    an English passage aligned left. A screenshot of each width is kept for the reviewer."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with serve(six.site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/ar/index.html")
        page.screenshot(path=str(SCREENSHOTS / "ar-1280.png"))
        sidebar, article = _box(page, ".sidebar-drawer"), _box(page, "article")
        assert sidebar["x"] >= article["x"] + article["width"]
        heading = page.locator("article h1").first
        assert heading.evaluate("h => getComputedStyle(h).direction") == "rtl"
        # Each line of the title, as the gaps at its right and left (a line is made of one rectangle per
        # direction run: "+20" is a left-to-right run of its own).
        lines = page.evaluate(
            "() => { const r = document.createRange(); const h = document.querySelector('article h1');"
            " r.selectNodeContents(h.firstChild); const box = h.getBoundingClientRect(); const lines = {};"
            " for (const b of r.getClientRects()) { const l = lines[Math.round(b.top)] ||= [Infinity, -Infinity];"
            " l[0] = Math.min(l[0], b.left); l[1] = Math.max(l[1], b.right); }"
            " return Object.values(lines).map(([left, right]) => [box.right - right, left - box.left]); }"
        )
        assert len(lines) == 2 and all(right < 12 for right, _ in lines)  # every line flush right
        assert lines[-1][1] > 100  # the last one ragged at the left
        names = page.locator(".language-switcher li").evaluate_all(
            "items => items.map(i => i.getBoundingClientRect().right)"
        )
        assert names[0] == max(names)  # the first language (English) is at the right
        search = page.locator(".sidebar-search").first
        padding = search.evaluate(
            "s => [parseFloat(getComputedStyle(s).paddingRight), parseFloat(getComputedStyle(s).paddingLeft)]"
        )
        assert padding[0] > padding[1]  # the room for the magnifier is at the right
        icon = page.evaluate(
            "() => { const c = document.querySelector('.sidebar-search-container');"
            " const s = getComputedStyle(c, '::before'); return [s.right, s.left]; }"
        )
        assert float(icon[0].removesuffix("px")) < float(icon[1].removesuffix("px"))  # the magnifier at the right
        bullet_list = page.locator("article ul").first
        assert bullet_list.evaluate("u => parseFloat(getComputedStyle(u).paddingRight) > 0")
        english = page.locator('article p[lang="en"]').first
        assert english.evaluate("p => getComputedStyle(p).direction") == "ltr"
        page.close()

        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(f"{base}/ar/index.html")
        phone.screenshot(path=str(SCREENSHOTS / "ar-390.png"))
        menu = _box(phone, '.mobile-header label[for="__navigation"]')
        assert menu["x"] > 390 / 2  # the menu button is at the right, where the drawer comes from
        phone.locator('.mobile-header label[for="__navigation"]').click()
        phone.wait_for_timeout(400)  # furo's drawer slides in over 0.25 s
        drawer = _box(phone, ".sidebar-drawer")
        assert abs(drawer["x"] + drawer["width"] - 390) < 1  # slid in from the right edge
        phone.screenshot(path=str(SCREENSHOTS / "ar-390-navigation.png"))
        phone.close()


# -- PDF ---------------------------------------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


@pytest.mark.parametrize("lang", ADDED)
def test_each_pdf_draws_every_glyph_with_the_publications_subset_fonts(six: Project, lang: str) -> None:
    path = pdf_of(six, lang)
    assert font_problems(path, FONTS_DIR) == []
    with pikepdf.open(path) as pdf:
        names = {str(font.BaseFont) for page in pdf.pages for font in page.Resources.Font.values()}
    assert all(re.fullmatch(r"/[A-Z]{6}\+Noto-[\w-]+", name) for name in names), names  # subset, ours
    own = {"ar": "Noto-Naskh-Arabic", "zh_CN": "Noto-Sans-CJK-SC", "ru": "Noto-Serif"}[lang]
    assert any(name.endswith(f"+{own}") for name in names), names


def test_the_arabic_pdf_is_shaped(six: Project) -> None:
    """The words come back from the PDF as the fixture wrote them, and lam (ل) is drawn with more than one glyph
    of the font: its initial, medial and final forms, which only shaping chooses."""
    text = re.sub(r"\s+", " ", pdf_text(pdf_of(six, "ar")))
    for message in ("Summary", "Background", QUESTION):
        assert TRANSLATIONS["ar"]["index"][message] in text, message
    with pikepdf.open(pdf_of(six, "ar")) as pdf:
        glyphs_for_lam = 0
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                if "Naskh" in str(font.BaseFont) and "/ToUnicode" in font:
                    cmap = font.ToUnicode.read_bytes().decode("latin-1")
                    glyphs_for_lam += len(re.findall(r"<[0-9a-fA-F]+>\s*<0644>", cmap))
    assert glyphs_for_lam >= 2


@pytest.mark.parametrize("lang", ("zh_CN", "ru"))
def test_chinese_and_russian_pdfs_hold_the_fixture_text(six: Project, lang: str) -> None:
    text = re.sub(r"\s+", "", pdf_text(pdf_of(six, lang)))
    for message in (TITLE, "Summary", QUESTION, AREAS):
        assert re.sub(r"[\s\u00ad‐-]+", "", TRANSLATIONS[lang]["index"][message]) in re.sub(r"[\u00ad‐-]", "", text)


def test_chinese_lines_break_by_the_rules_of_chinese(six: Project) -> None:
    """The long paragraphs break between hanzi, with no space to break at, and no line starts with a mark that
    closes (，。、：）》」 …): Unicode's line-breaking rules for East Asian text, which Pango applies."""
    lines = [line.strip() for line in pdf_text(pdf_of(six, "zh_CN")).splitlines() if line.strip()]
    paragraph = TRANSLATIONS["zh_CN"]["index"][TECHNOLOGY]
    broken = [line for line in lines if line in paragraph and line != paragraph]
    assert len(broken) >= 2, lines  # it takes more than one line
    assert "".join(broken[:2]) in paragraph
    assert not [line for line in lines if line[0] in "，。、：；！？）》」』”"], lines


@pytest.mark.parametrize(("lang", "tag"), [("ar", "ar"), ("zh_CN", "zh-CN"), ("ru", "ru"), ("fr", "fr")])
def test_the_tagged_pdf_says_the_language_of_each_part(six: Project, lang: str, tag: str) -> None:
    """The catalogue says the document's language; each English passage's structure element says /Lang (en)."""
    with pikepdf.open(pdf_of(six, lang)) as pdf:
        assert str(pdf.Root.Lang) == tag
        languages: list[str] = []

        def walk(element: object) -> None:
            if isinstance(element, pikepdf.Dictionary):
                if "/Lang" in element:
                    languages.append(str(element.Lang))
                kids = element.get("/K")
                for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                    walk(kid)

        walk(pdf.Root.StructTreeRoot)
    assert set(languages) == (set() if lang in COMPLETE else {"en"})


def test_the_arabic_pdf_page_reads_right_to_left(six: Project) -> None:
    """The title is set flush right: its first glyph is drawn near the right margin of the A4 page."""
    with pikepdf.open(pdf_of(six, "ar")) as pdf:
        page = pdf.pages[0]
        width = float(page.MediaBox[2])
        xs = [float(operands[4]) for operands, operator in pikepdf.parse_content_stream(page, "cm Tm")
              if str(operator) == "Tm"]  # fmt: skip
    assert xs and max(xs) > width * 0.6


# -- Checking ----------------------------------------------------------------------------------------------


def test_check_finds_nothing_wrong_in_the_fixture_translations(six: Project) -> None:
    done = run_tools("check", "--format", "json", *(f"--lang={lang}" for lang in ADDED), root=six.root)
    found = json.loads(done.stdout)["findings"]
    assert [f for f in found if f["severity"] == "error"] == []
    assert [f["message"] for f in found if f["check"] in ("punctuation", "numbers")] == []


def test_stats_counts_each_language(six: Project) -> None:
    done = run_tools("stats", "--format", "json", root=six.root)
    assert done.returncode == 0, done.stderr
    counted = {entry["language"]: entry for entry in json.loads(done.stdout)["languages"]}
    for lang in ADDED:
        assert round(counted[lang]["percent"], 1) == manifest(six, lang)["percent"]


@pytest.mark.parametrize("path", ["index.html", "ar/index.html", "zh_CN/index.html", "ru/index.html", "ar/status.html"])
def test_no_serious_accessibility_violation_in_any_script(six: Project, browser: object, path: str) -> None:
    """axe-core on the drafts and the chooser that lists them: languages of parts, contrast of the notice."""
    with serve(six.site) as base:
        page = browser.new_page()
        page.goto(f"{base}/{path}?choose")
        page.wait_for_load_state("load")
        violations = _axe(page)
        page.close()
    described = [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in violations]
    assert violations == [], "\n".join(described)


def _impostor_font(path: Path, family: str, char: str) -> None:
    """A font installed "on the system" with a shipped family's name and one glyph the shipped font lacks."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    pen = TTGlyphPen(None)
    pen.moveTo((100, 0))
    pen.lineTo((100, 800))
    pen.lineTo((900, 800))
    pen.lineTo((900, 0))
    pen.closePath()
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "glyph"])
    builder.setupCharacterMap({ord(char): "glyph"})
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "glyph": pen.glyph()})
    builder.setupHorizontalMetrics({".notdef": (1000, 0), "glyph": (1000, 100)})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    path.parent.mkdir(parents=True, exist_ok=True)
    builder.save(str(path))


def test_the_pdf_takes_no_glyph_from_the_systems_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A system font named like a shipped one ("Noto Sans CJK SC", as Debian's fonts-noto-cjk has) would fill
    the gaps of the shipped subset unseen, and two machines would make two PDFs. The builder's fontconfig sees
    no system font: a character the shipped fonts lack (㐀, CJK Extension A) fails the build, naming it."""
    share = tmp_path / "share"
    _impostor_font(share / "fonts" / "impostor.ttf", "Noto Sans CJK SC", "㐀")
    monkeypatch.setenv("XDG_DATA_HOME", str(share))
    project = copy_with_six_languages(tmp_path / "project")
    translate(project.locale / "zh_CN" / "LC_MESSAGES" / "index.po", {"Summary": "总结㐀"})
    done = run_tools("build", "--lang", "zh_CN", "--format", "pdf", root=project.root)
    assert done.returncode == 1
    assert re.search(r"\.notdef.*U\+3400", done.stderr), done.stderr


SCRIPTS = {
    "ar": "حوار افتراضي: التدريب من أجل المساواة بين الجنسين",
    "fa": "گفت‌وگوی مجازی: آموزش برای برابری جنسیتی",
    "ur": "ورچوئل مکالمہ: صنفی مساوات کے لیے تربیت",
    "he": "דיאלוג וירטואלי: הכשרה לשוויון מגדרי",
    "zh-CN": "虚拟对话：促进性别平等培训（朱镕基、喆、堃）",
    "ja": "仮想対話：ジェンダー平等のための研修",
    "ru": "Виртуальный диалог: обучение в интересах гендерного равенства",
    "el": "Εικονικός διάλογος: κατάρτιση για την ισότητα των φύλων",
    "uk": "Віртуальний діалог: навчання з питань ґендерної рівності",
    "vi": "Đối thoại ảo: đào tạo vì bình đẳng giới",
}


def _render(tmp_path: Path, lang: str, text: str) -> Path:
    from weasyprint import HTML

    from tools.languages import text_direction
    from tools.sphinxext.pdf_fonts import only_the_publication_fonts

    page = tmp_path / "page.html"
    direction = text_direction(lang.replace("-", "_"))
    page.write_text(
        f'<!doctype html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
        f'<link rel="stylesheet" href="{THEME_DIR / "static" / "print.css"}"></head>'
        f"<body><h1>{text}</h1><p>{text} <strong>{text}</strong> <em>{text}</em></p></body></html>",
        "utf-8",
    )
    target = tmp_path / "page.pdf"
    with only_the_publication_fonts():
        HTML(filename=str(page)).write_pdf(str(target))
    return target


@pytest.mark.parametrize(("lang", "text"), SCRIPTS.items())
def test_every_script_the_fonts_cover_is_drawn_with_them(tmp_path: Path, lang: str, text: str) -> None:
    """Headings, text, bold and italic in each script the shipped fonts cover: no glyph missing, none taken
    from another font."""
    assert font_problems(_render(tmp_path, lang, text), FONTS_DIR) == []


def test_a_script_the_fonts_do_not_cover_is_found_in_the_pdf(tmp_path: Path) -> None:
    """Korean is not shipped (README, "The PDF edition"): the text engine draws its syllables as glyphs past
    the last of the font it falls back to, which the PDF check finds in the file itself (the builder also
    fails on WeasyPrint's own warning, which names the character: see the test above)."""
    problems = font_problems(_render(tmp_path, "ko", "가상 대화"), FONTS_DIR)
    assert problems and all(problem.endswith("is drawn as an empty box (.notdef)") for problem in problems)


@pytest.mark.parametrize(
    ("page", "classes", "expected"),
    [
        ("ar", ["language-en"], "ltr"),  # an English passage of an Arabic page
        ("fr", ["todo-translation", "language-ar"], "rtl"),  # an Arabic entry on the French status page
        ("en", ["language-ar"], "rtl"),
        ("ar", ["language-ar"], None),
        ("fr", ["language-en"], None),
        ("ar", ["todo-english"], None),  # no language of its own: the page's
        ("fr", ["language-ar", "language-en"], "rtl"),  # docutils writes the first as lang=: dir follows it
    ],
)
def test_a_part_in_another_direction_gets_its_own(page: str, classes: list[str], expected: str | None) -> None:
    config = SimpleNamespace(language=page, publication_source_language="en")
    assert direction_attribute(nodes.paragraph(classes=classes), config) == expected


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("fr", {"en": None, "ar": "rtl", "ru": None, "zh-CN": None}),
        ("ar", {"en": "ltr", "ar": None, "ru": "ltr", "zh-CN": "ltr"}),
    ],
)
def test_each_entry_of_the_status_pages_list_says_its_language_and_direction(
    six: Project, page: str, expected: dict[str, str | None]
) -> None:
    """The list of what is left shows entries in every script on every page: each with its own lang=, and dir=
    when it is written the other way from the page (docutils has no smart quotes for Arabic or Chinese, which
    must not fail the English page's build)."""
    parts = soup(six.build / "html" / page / "status.html").select(".todo p[lang]")
    assert {part["lang"]: part.get("dir") for part in parts} == expected
