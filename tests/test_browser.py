"""What readers do, in a real browser: Chromium driven by Playwright, against the built site over HTTP.

Also the Content-Security-Policy at work: the site runs under it, and injected handlers do not.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import serve
from helpers import ROOT

playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright to run the browser tests")

SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR", ROOT / "test-artifacts" / "screenshots"))
PHONE = {"width": 390, "height": 844}
SUMMARY_TITLE = {
    "en": "Virtual Dialogue: Training for Gender Equality and Beijing +20",
    "es": "Diálogo Virtual: Capacitación para la Igualdad de Género y Beijing +20",
    "fr": "Dialogue Virtuel\u00a0: La formation pour l’égalité des sexes et Beijing +20",
}


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture
def open_page(browser: object) -> Iterator:
    contexts = []

    def make(locale: str = "en-US", viewport: dict | None = None):
        context = browser.new_context(locale=locale, viewport=viewport or {"width": 1280, "height": 900})
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize(("locale", "lang"), [("es-ES", "es"), ("fr-FR", "fr"), ("fr-CA", "fr"), ("en-GB", "en")])
def test_root_sends_the_browser_to_its_language(open_page, server: str, locale: str, lang: str) -> None:
    page = open_page(locale)
    page.goto(f"{server}/")
    page.wait_for_url(f"{server}/{lang}/index.html")
    assert page.locator("html").get_attribute("lang") == lang


def test_root_offers_every_language_when_the_browsers_is_not_there(open_page, server: str) -> None:
    page = open_page("de-DE")
    page.goto(f"{server}/")
    page.wait_for_load_state("load")
    assert page.url == f"{server}/"
    for name in ("English", "Español", "Français"):
        assert page.get_by_role("link", name=name).first.is_visible()


def test_switcher_leads_to_the_same_page_in_each_language(open_page, server: str) -> None:
    page = open_page()
    page.goto(f"{server}/es/index.html")
    switcher = page.locator("nav.language-switcher")
    switcher.get_by_role("link", name="Français").click()
    page.wait_for_url(f"{server}/fr/index.html")
    page.locator("nav.language-switcher").get_by_role("link", name="English").click()
    page.wait_for_url(f"{server}/en/index.html")
    page.locator("nav.language-switcher").get_by_role("link", name="Español").click()
    page.wait_for_url(f"{server}/es/index.html")
    page.goto(f"{server}/fr/status.html")
    page.locator("nav.language-switcher").get_by_role("link", name="Español").click()
    page.wait_for_url(f"{server}/es/status.html")


@pytest.mark.parametrize(
    ("lang", "word", "finished"),
    [("es", "capacitación", "Búsqueda finalizada"), ("fr", "formation", "Recherche terminée")],
)
def test_search_finds_the_summary_in_its_language(open_page, server: str, lang: str, word: str, finished: str) -> None:
    page = open_page()
    page.goto(f"{server}/{lang}/search.html?q={word}")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15000)
    assert results.first.get_attribute("href").startswith("index.html")
    assert SUMMARY_TITLE[lang].split(":")[0] in results.first.inner_text()
    assert finished in page.locator("#search-results").inner_text()
    english = open_page()
    english.goto(f"{server}/en/search.html?q={word}")
    english.locator("#search-results p.search-summary").wait_for(timeout=15000)
    found = english.locator("#search-results ul.search li a")
    # Only the glossary page, which lists every language's terms, may have the word in English.
    hrefs = [found.nth(i).get_attribute("href") for i in range(found.count())]
    assert not any(href.startswith("index.html") for href in hrefs), hrefs


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_download_pdf_answers_with_that_languages_pdf(open_page, server: str, lang: str) -> None:
    page = open_page()
    page.goto(f"{server}/{lang}/index.html")
    link = page.locator(".publication-download a")
    href = link.get_attribute("href")
    assert href.endswith(f"-{lang}.pdf")
    response = page.request.get(f"{server}/{lang}/{href}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")


def test_status_page_shows_every_language(open_page, server: str) -> None:
    page = open_page()
    page.goto(f"{server}/en/status.html")
    rows = page.locator("table.translation-status tbody tr")
    assert rows.count() == 2
    assert [rows.nth(i).locator("a").inner_text() for i in range(2)] == ["Español", "Français"]


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_phone_has_no_horizontal_scroll_and_reaches_the_switcher(open_page, server: str, lang: str) -> None:
    page = open_page(viewport=PHONE)
    page.goto(f"{server}/{lang}/index.html")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    target = "Français" if lang != "fr" else "Español"
    # On a phone the sidebar is a drawer behind the menu button of the header.
    page.locator(".mobile-header label[for='__navigation']").click()
    switcher = page.locator("nav.language-switcher").get_by_role("link", name=target)
    switcher.click()
    page.wait_for_url(f"{server}/{'fr' if lang != 'fr' else 'es'}/index.html")


def _axe(page) -> list[dict]:
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text("utf-8")
    # Evaluated, not added as a <script>: the pages' Content-Security-Policy refuses inline scripts they did not ship.
    page.evaluate(script)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path", ["", "en/index.html", "es/index.html", "fr/index.html", "fr/status.html"])
def test_no_serious_accessibility_violation(open_page, server: str, path: str) -> None:
    page = open_page("de-DE")  # stays on the root page
    page.goto(f"{server}/{path}")
    page.wait_for_load_state("load")
    violations = _axe(page)
    described = [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in violations]
    assert violations == [], "\n".join(described)


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_screenshots(open_page, server: str, lang: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", PHONE)):
        page = open_page(viewport=viewport)
        page.goto(f"{server}/{lang}/index.html")
        target = SCREENSHOTS / f"summary-{lang}-{name}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000


# -- Content-Security-Policy -------------------------------------------------------------------------------

# Registered before any script of the page runs; Playwright's init scripts are not subject to the page's CSP.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""
PAGES = [
    "en/index.html",
    "es/index.html",
    "fr/index.html",
    "fr/status.html",
    "fr/glossary.html",
    "fr/index.html?highlight=formation",
]


def watched(open_page, locale: str = "en-US"):
    page = open_page(locale)
    page.add_init_script(WATCH_VIOLATIONS)
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(f"page error: {error}"))
    return page, messages


def violations(page, messages: list[str]) -> list[str]:
    found = page.evaluate("window.__violations || []")
    return found + [m for m in messages if "Content Security Policy" in m or m.startswith("page error")]


@pytest.mark.parametrize("path", PAGES)
def test_pages_run_without_a_violation(open_page, server: str, path: str) -> None:
    page, messages = watched(open_page)
    page.goto(f"{server}/{path}")
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)
    assert page.evaluate("document.body.dataset.theme") in ("auto", "light", "dark")  # furo's inline script ran
    if "highlight=" in path:  # sphinx_highlight.js adds its translated link as HTML
        assert page.locator("#searchbox .highlight-link a").count() == 1
    assert violations(page, messages) == []


def test_search_works_under_the_policy(open_page, server: str) -> None:
    page, messages = watched(open_page)
    page.goto(f"{server}/fr/search.html?q=formation")
    page.locator("#search-results ul.search li a").first.wait_for(timeout=15000)
    assert "Recherche terminée" in page.locator("#search-results").inner_text()
    assert violations(page, messages) == []


def test_switcher_and_root_redirect_work_under_the_policy(open_page, server: str) -> None:
    page, messages = watched(open_page, "de-DE")
    page.goto(f"{server}/")
    page.wait_for_load_state("load")
    assert page.url == f"{server}/"  # no German: every choice is shown
    page.locator("ul.languages").get_by_role("link", name="Français").click()
    page.wait_for_url(f"{server}/fr/index.html")
    assert violations(page, messages) == []
    page.goto(f"{server}/")  # the choice is remembered by the root page's own click handler
    page.wait_for_url(f"{server}/fr/index.html")
    page.locator("nav.language-switcher").get_by_role("link", name="Español").click()
    page.wait_for_url(f"{server}/es/index.html")
    assert violations(page, messages) == []
    french, french_messages = watched(open_page, "fr-FR")
    french.goto(f"{server}/")
    french.wait_for_url(f"{server}/fr/index.html")
    assert violations(french, french_messages) == []


def test_pages_opened_from_disk_run_without_a_violation(open_page, site: Path) -> None:
    page, messages = watched(open_page)
    page.goto((site / "fr" / "index.html").as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("document.body.dataset.theme") in ("auto", "light", "dark")
    assert violations(page, messages) == []


INJECTED = (
    '<img src="x" onerror="window.__ran = (window.__ran || 0) + 1">'
    "<script>window.__ran = (window.__ran || 0) + 10</script>"
    '<input autofocus onfocus="window.__ran = (window.__ran || 0) + 100">'
    '<a id="js" href="javascript:window.__ran = (window.__ran || 0) + 1000">x</a>'
)


@pytest.fixture
def injected_server(site: Path, tmp_path: Path) -> Iterator[str]:
    """A copy of the site with a page that has injected code under the site's own policy."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "fr" / "index.html"
    html = page.read_text("utf-8")
    html, count = re.subn(r"(<body[^>]*>)", lambda m: m.group(1) + INJECTED, html, count=1)
    assert count == 1 and 'http-equiv="Content-Security-Policy"' in html
    (copy / "fr" / "injected.html").write_text(html, "utf-8")
    with serve(copy) as url:
        yield url


def test_an_injected_handler_is_blocked(open_page, injected_server: str) -> None:
    page, messages = watched(open_page)
    page.goto(f"{injected_server}/fr/injected.html")
    page.wait_for_load_state("load")
    page.locator("#js").click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran") is None
    blocked = page.evaluate("window.__violations")
    assert len(blocked) >= 3 and all(v.startswith("script-src") for v in blocked), blocked
    # The site's own scripts still ran.
    assert page.evaluate("document.body.dataset.theme") in ("auto", "light", "dark")
    assert page.evaluate("typeof Documentation") == "object"
    assert messages


def test_the_root_chooser_uses_the_sites_font(open_page, server: str) -> None:
    page = open_page("de-DE")  # stays on the root page
    page.goto(f"{server}/index.html")
    chooser = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    page.goto(f"{server}/en/index.html")
    site = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert chooser == site


# -- The reader's visit (issue 17) -------------------------------------------------------------------------

DESKTOP = {"width": 1280, "height": 900}
# Every box of the page that is drawn, for the selector: furo keeps two copies of its icons, one per layout.
DRAWN_BOXES = """(selector) => [...document.querySelectorAll(selector)]
  .map((element) => element.getBoundingClientRect())
  .filter((box) => box.width > 0 && box.height > 0)
  .map((box) => ({top: box.top, bottom: box.bottom, left: box.left, right: box.right}))"""

PDF_LINKS = ".publication-download a, .publication-download-header a"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", ["en/index.html", "fr/index.html", "es/status.html", "fr/search.html"])
def test_download_pdf_sits_in_the_row_of_the_theme_icons(open_page, server: str, path: str, viewport: dict) -> None:
    page = open_page(viewport=viewport)
    page.goto(f"{server}/{path}")
    # One link is drawn: the full label beside the content, or the phone header's shorter one.
    [pill] = page.evaluate(DRAWN_BOXES, PDF_LINKS)
    [toggle] = page.evaluate(DRAWN_BOXES, ".theme-toggle")
    middle = (pill["top"] + pill["bottom"]) / 2
    assert abs(middle - (toggle["top"] + toggle["bottom"]) / 2) <= 3, (pill, toggle)
    assert pill["top"] >= 4
    assert pill["right"] <= toggle["left"] and pill["left"] >= 0  # beside the icons, inside the window
    lang = path.split("/")[0]
    label = {"en": "Download PDF", "es": "Descargar PDF", "fr": "Télécharger le PDF"}[lang]
    assert page.get_by_role("link", name=label).first.is_visible()
    hrefs = page.eval_on_selector_all(PDF_LINKS, "(links) => links.map((link) => link.href)")
    assert len(hrefs) == 2 and len(set(hrefs)) == 1 and hrefs[0].endswith(f"-{lang}.pdf")


@pytest.mark.parametrize(
    "path", ["", "index.html", "en/index.html", "es/status.html", "fr/glossary.html", "fr/search.html?q=formation"]
)
def test_every_page_links_a_favicon_that_loads(open_page, server: str, path: str) -> None:
    page = open_page("de-DE")  # stays on the root page
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(f"failed {request.url}"))
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    page.goto(f"{server}/{path}")
    page.wait_for_load_state("load")
    icons = page.evaluate("""() => [...document.querySelectorAll('link[rel~="icon"]')].map((link) => link.href)""")
    assert icons, "no <link rel=icon>"
    for href in [*icons, f"{server}/favicon.ico"]:  # what browsers ask for when a page names none
        response = page.request.get(href)
        assert response.status == 200, href
        assert response.headers["content-type"].startswith("image/"), href
    assert failed == []


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_status_tables_fit_a_phone_or_scroll_with_a_cue(open_page, server: str, lang: str) -> None:
    page = open_page(viewport=PHONE)
    page.goto(f"{server}/{lang}/status.html")
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    tables = page.evaluate("""() => [...document.querySelectorAll("article table")].map((table) => {
      const wrapper = table.closest(".table-wrapper");
      const style = wrapper && getComputedStyle(wrapper);
      return {
        cut: [...table.querySelectorAll("th")].filter((th) => {
          const box = th.getBoundingClientRect();
          return box.left < 0 || box.right > window.innerWidth;
        }).map((th) => th.innerText),
        scrolls: !!wrapper && wrapper.scrollWidth > wrapper.clientWidth && /auto|scroll/.test(style.overflowX),
        // A shadow at the edge that hides more (a gradient background), or a scrollbar that takes room.
        cue: !!wrapper && (/gradient/.test(style.backgroundImage) || wrapper.offsetHeight - wrapper.clientHeight > 2),
      };
    })""")
    assert len(tables) == 2
    for table in tables:
        assert not table["cut"] or (table["scrolls"] and table["cue"]), table


THEME_STRINGS = """() => {
  const found = [];
  const add = (text) => { text = (text || "").trim(); if (text) found.push(text); };
  for (const element of document.querySelectorAll("[title], [aria-label], [placeholder]")) {
    for (const name of ["title", "aria-label", "placeholder"]) add(element.getAttribute(name));
  }
  for (const title of document.querySelectorAll("svg title")) add(title.textContent);
  for (const hidden of document.querySelectorAll(".visually-hidden, .sr-only, .skip-to-content, .back-to-top")) {
    add(hidden.textContent);
  }
  return found;
}"""


@pytest.mark.parametrize("lang", ["es", "fr"])
@pytest.mark.parametrize("name", ["index.html", "status.html", "glossary.html", "search.html"])
def test_the_themes_titles_and_labels_are_translated(open_page, server: str, lang: str, name: str) -> None:
    page = open_page()
    page.goto(f"{server}/en/{name}")
    english = set(page.evaluate(THEME_STRINGS))
    assert {"Contents", "Menu", "Light mode", "Back to top"} <= english  # what the test is about is there
    page.goto(f"{server}/{lang}/{name}")
    translated = page.evaluate(THEME_STRINGS)
    assert translated
    assert sorted(english & set(translated)) == []


@pytest.mark.parametrize(("lang", "word"), [("fr", "formation"), ("es", "capacitación"), ("en", "training")])
def test_search_from_disk_shows_snippets(open_page, site: Path, lang: str, word: str) -> None:
    page, messages = watched(open_page)
    page.goto(f"{(site / lang / 'search.html').as_uri()}?q={word}")
    page.locator("#search-results p.search-summary").wait_for(timeout=15000)
    results = page.locator("#search-results ul.search > li")
    assert results.count() >= 1
    page.wait_for_timeout(300)  # snippets are added one result after the other
    for i in range(results.count()):
        context = results.nth(i).locator(".context")
        assert context.count() == 1, results.nth(i).inner_text()
        assert context.inner_text().strip()
    assert word.lower() in page.locator("#search-results .context").first.inner_text().lower()
    assert violations(page, messages) == []


def test_search_over_http_shows_snippets(open_page, server: str) -> None:
    page, messages = watched(open_page)
    page.goto(f"{server}/fr/search.html?q=formation")
    page.locator("#search-results p.search-summary").wait_for(timeout=15000)
    page.wait_for_timeout(300)
    results = page.locator("#search-results ul.search > li")
    assert results.count() >= 1
    assert all(results.nth(i).locator(".context").inner_text().strip() for i in range(results.count()))
    assert violations(page, messages) == []
