"""The six official languages of the United Nations, built, checked and read: Arabic right to left, Chinese,
Russian beside English, French and Spanish. ar, zh_CN and ru are drafts of a few fixture sentences each
(tests/six_languages.py), added to a copy of the project and built once for this module."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pikepdf
import pypdf
import pytest
from six_languages import ADDED, AREAS, QUESTION, TECHNOLOGY, TITLE, TRANSLATIONS, UNTRANSLATED, copy_with_six_languages
from test_browser import _axe

from tools.languages import MANIFEST
from tools.pdfcheck import font_problems
from tools.site_build import Project, build
from tools.sphinxext.pdf import FONTS_DIR

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


def test_a_draft_without_the_sentence_says_it_in_english(tmp_path: Path) -> None:
    """A new language whose sphinx.po does not translate the notice yet shows it in English, never nothing."""
    project = copy_with_six_languages(tmp_path)
    catalogue = project.locale / "ru" / "LC_MESSAGES" / "sphinx.po"
    text = catalogue.read_text("utf-8")
    catalogue.write_text(text.replace(TRANSLATIONS["ru"]["sphinx"][next(iter(TRANSLATIONS["ru"]["sphinx"]))], ""))
    assert build(project, languages=["ru"], formats=("html",)) == 0
    notice = soup(project.output("ru", "html") / "index.html").select_one("p.publication-draft").get_text()
    assert re.fullmatch(r"Этот перевод не завершён: переведено \d+\s%, .*", notice)


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
