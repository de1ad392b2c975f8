"""The built site: one folder per language, each page in its language, linked to its translations."""

from __future__ import annotations

import tomllib
from pathlib import Path
from urllib.parse import unquote, urljoin

import polib
import pytest

from tools.languages import native_name
from tools.sphinxext.interface import SEARCH_MESSAGES, SEARCH_PLURALS, read_search_catalogue

from helpers import ROOT
from official import normalise, official_units
from pages import article_blocks, article_text, soup, visible_strings

UNITS = official_units()
ENGLISH = {unit.normalised() for unit in UNITS["en"]}
TRANSLATED = [lang for lang in UNITS if lang != "en"]


def pages(site: Path, lang: str) -> list[Path]:
    return sorted((site / lang).rglob("*.html"))


def test_every_language_has_its_pages(site: Path, languages: list[str]) -> None:
    assert languages[:1] == ["en"] and {"es", "fr"} <= set(languages)
    for lang in languages:
        assert (site / lang / "index.html").is_file()
        assert (site / lang / "search.html").is_file()


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_html_lang_attribute(site: Path, lang: str) -> None:
    for page in pages(site, lang):
        assert soup(page).html["lang"] == lang, page


@pytest.mark.content
@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_every_official_sentence_is_on_the_page(site: Path, lang: str) -> None:
    text = article_text(site / lang / "index.html")
    # Passages that the official French leaves in English are translated on purpose (see the catalogue).
    units = [u for u in UNITS[lang] if lang == "en" or u.normalised() not in ENGLISH]
    if lang == "fr":
        left_in_english = [u.text for u in UNITS["fr"] if u.normalised() in ENGLISH]
        assert left_in_english == ["Concept Note", "How will we know that such transformation has occurred?"]
    accentless = normalise(text, strip_accents=True)
    missing = [u.text for u in units if u.normalised() not in (accentless if u.caps else text)]
    assert not missing, f"{lang}: {len(missing)} official sentences missing:\n" + "\n".join(missing)


@pytest.mark.content
@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_english_paragraph_remains(site: Path, lang: str) -> None:
    english_blocks = {normalise(b) for b in article_blocks(site / "en" / "index.html")}
    for block in article_blocks(site / lang / "index.html"):
        text = normalise(block)
        assert text not in english_blocks, f"{lang}: English paragraph left: {block!r}"
        leaked = [sentence for sentence in ENGLISH if len(sentence) > 12 and sentence in text]
        assert not leaked, f"{lang}: English sentence inside {block!r}"


def _same_in_translation(lang: str) -> set[str]:
    """Messages whose translation is, rightly, the English word itself (Spanish "Error")."""
    same = set()
    for path in (ROOT / "locale" / lang / "LC_MESSAGES").glob("*.po"):
        same |= {e.msgid for e in polib.pofile(str(path)) if e.msgstr == e.msgid and e.translated()}
    return same


@pytest.mark.content
@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_english_interface_text(site: Path, lang: str) -> None:
    allowed = _same_in_translation(lang)
    for page in pages(site, lang):
        if page.name == "glossary.html":
            continue  # shows the English terms beside their translations, by design
        english = visible_strings(site / "en" / page.relative_to(site / lang))
        same = visible_strings(page) & english
        # Language names are written in their own language on every page, and proper names stay as they are.
        same -= {native_name(code) for code in ("en", "es", "fr")} | {"CoP"}
        same = {s for s in same - allowed if any(c.isalpha() for c in s)}
        assert not same, f"{page.relative_to(site)}: English text on a {lang} page: {sorted(same)}"


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_titles_are_translated(site: Path, lang: str) -> None:
    page = soup(site / lang / "index.html")
    h1 = page.select_one("article h1").get_text("").strip("¶ ")
    # Jinja's striptags, which themes apply to <title>, folds no-break spaces into plain ones.
    assert normalise(page.title.get_text()) == normalise(h1)
    assert page.select_one(".sidebar-brand-text").get_text().strip() == h1
    if lang != "en":
        assert h1 != soup(site / "en" / "index.html").select_one("article h1").get_text("").strip("¶ ")


def _resolves(page: Path, href: str) -> Path:
    target = Path(unquote(urljoin(page.as_uri(), href).removeprefix("file://").split("#")[0]))
    return target / "index.html" if target.is_dir() else target


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_switcher_links_to_same_page_in_every_language(site: Path, lang: str, languages: list[str]) -> None:
    for page in pages(site, lang):
        links = soup(page).select("nav.language-switcher a[hreflang]")
        assert [a["hreflang"] for a in links] == languages
        assert [a.get_text().strip() for a in links] == [native_name(code) for code in languages]
        assert {"English", "Español", "Français"} <= {a.get_text().strip() for a in links}
        for link in links:
            target = _resolves(page, link["href"])
            assert target == site / link["hreflang"] / page.relative_to(site / lang), (page, link["href"])
            assert target.is_file()
        current = [a["hreflang"] for a in links if a.get("aria-current") == "page"]
        assert current == [lang]


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_hreflang_alternates_resolve(site: Path, lang: str, languages: list[str]) -> None:
    for page in pages(site, lang):
        alternates = {link["hreflang"]: link["href"] for link in soup(page).select("link[rel=alternate][hreflang]")}
        assert set(alternates) == {*languages, "x-default"}
        for code, href in alternates.items():
            assert _resolves(page, href).is_file(), (page, code, href)
        assert _resolves(page, alternates["x-default"]) == site / "index.html"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_links_point_to_the_languages_own_pages(site: Path, lang: str) -> None:
    mapping = tomllib.loads((ROOT / "locale" / "links.toml").read_text("utf-8"))

    def external(path: Path) -> list[str]:
        return [unquote(a["href"]) for a in soup(path).select("article a.reference.external")]

    english = external(site / "en" / "index.html")
    expected = [mapping.get(url, {}).get(lang, url) for url in english]
    assert external(site / lang / "index.html") == expected
    assert any(f"?lang={lang}" in url for url in expected)
    assert any(f"20 {lang}.pdf" in url for url in expected)
    if lang == "es":
        assert "http://www.un.org/womenwatch/daw/beijing/pdf/BDPfA S.pdf" in expected


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_search_uses_the_languages_stemmer(site: Path, lang: str) -> None:
    stemmer = {"en": "english-stemmer.js", "es": "spanish-stemmer.js", "fr": "french-stemmer.js"}[lang]
    assert (site / lang / "_static" / stemmer).is_file()
    scripts = [s.get("src", "") for s in soup(site / lang / "search.html").select("script")]
    assert any(src.endswith("language_data.js") for src in scripts)
    language_data = (site / lang / "_static" / "language_data.js").read_text("utf-8")
    assert {"en": "EnglishStemmer", "es": "SpanishStemmer", "fr": "FrenchStemmer"}[lang] in language_data


def test_root_page_offers_every_language(site: Path, languages: list[str]) -> None:
    root = soup(site / "index.html")
    links = root.select("ul.languages a[hreflang]:not(.pdf)")
    assert [a["hreflang"] for a in links] == languages
    for link in links:
        assert _resolves(site / "index.html", link["href"]).is_file()
        assert native_name(link["hreflang"]) in link.get_text()
    script = root.select_one("script").get_text()
    # The redirect script is fixed (the page's Content-Security-Policy allows it by its hash): it reads the
    # languages from the alternates that come before it in the head.
    assert "navigator.languages" in script and 'link[rel="alternate"][hreflang]' in script
    alternates = [link["hreflang"] for link in root.select('head link[rel="alternate"][hreflang]')]
    assert alternates == [*languages, "x-default"]
    # Each PDF link says "Download PDF" in its language once, not "Download PDF (PDF)".
    labels = {a["hreflang"]: a.get_text() for a in root.select("ul.languages a.pdf")}
    assert labels == {"en": "Download PDF", "es": "Descargar PDF", "fr": "Télécharger le PDF"}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_search_messages_are_translated(site: Path, lang: str) -> None:
    """The search page writes its status lines from translations.js: none may stay English or empty."""
    catalogue = read_search_catalogue(site / lang / "_static" / "translations.js")
    messages = catalogue["messages"]
    for message in SEARCH_MESSAGES:
        assert messages.get(message) and messages[message] != message, message
    for singular, plural in SEARCH_PLURALS.items():
        forms = messages[singular]
        assert isinstance(forms, list) and all(forms) and singular not in forms and plural not in forms
        assert all("${resultCount}" in form for form in forms[1:])


STATUS_TITLE = {"en": "Translation status", "es": "Estado de la traducción", "fr": "État de la traduction"}


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_status_page_lists_every_translation(site: Path, lang: str, languages: list[str]) -> None:
    page = soup(site / lang / "status.html")
    assert page.select_one("article h1").get_text("").strip("¶ ") == STATUS_TITLE[lang]
    rows = page.select("table.translation-status tbody tr")
    assert [row.select_one("a")["href"] for row in rows] == [f"../{code}/index.html" for code in languages[1:]]
    assert [row.select_one("a").get_text() for row in rows] == [native_name(code) for code in languages[1:]]
    for row in rows:
        bar = row.select_one("progress")
        assert bar is not None and bar["max"] == "100" and float(bar["value"]) == 100.0
        assert _resolves(site / lang / "status.html", row.select_one("a")["href"]).is_file()
    assert len(page.select("table.translation-status thead th, table.translation-status thead td")) == 5


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_every_page_links_to_the_status_page(site: Path, lang: str) -> None:
    for page in pages(site, lang):
        if page.name == "status.html":
            continue
        links = [a for a in soup(page).select("footer a[href]") if a["href"].endswith("status.html")]
        assert len(links) == 1, page
        assert _resolves(page, links[0]["href"]) == site / lang / "status.html"


# Named by Sphinx's search page template itself, without a checksum.
SPHINX_UNVERSIONED = {"searchtools.js", "language_data.js"}


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_each_script_and_stylesheet_is_named_with_the_checksum_of_its_file(site: Path, lang: str) -> None:
    """A browser keeps a file by its address: ``?v=`` must change when the file does, and only then. A file
    written after the pages that name it (the search page's texts) would carry the last build's checksum."""
    from sphinx.builders.html._assets import _file_checksum

    for page in pages(site, lang):
        tree = soup(page)
        named = [(script, "src") for script in tree.find_all("script", src=True)]
        named += [(link, "href") for link in tree.find_all("link", rel="stylesheet", href=True)]
        for element, attribute in named:
            address = element[attribute]
            if "_static/" not in address or "://" in address:
                continue
            if address.startswith("_static/pygments.css?"):
                # furo writes its light and dark styles over Sphinx's file when the build finishes: named by
                # the checksum of Sphinx's, which changes with the Pygments style, as furo's does.
                continue
            path, _, query = address.partition("?")
            if not query and path.rsplit("/", 1)[-1] in SPHINX_UNVERSIONED:
                continue
            target = Path(unquote(urljoin(page.as_uri(), path).removeprefix("file://")))
            expected = _file_checksum(target.parent, target.name)
            assert query == f"v={expected}", f"{page.relative_to(site)}: {address}"
