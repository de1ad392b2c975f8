"""The Content-Security-Policy in Chromium: the site works under it, and an injected handler does not run."""

# The browser fixtures are test_browser.py's (same Chromium, same server); tests name them as parameters.
# ruff: noqa: F811

from __future__ import annotations

import functools
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from test_browser import _QuietHandler, browser, open_page, server  # noqa: F401

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
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(copy)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


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
