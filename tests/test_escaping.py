"""Every catalogue string that reaches a page is text at the point of use: in templates, attributes and scripts.

The injection guard refuses markup in translations before and while Sphinx reads them; these tests take it
out of the build, so what they show is that escaping alone keeps a hostile catalogue from reaching a reader
as code: every msgstr of sphinx.po, and of every interface message furo, Sphinx and the project's templates
ask for, is a payload, and so is the title of the summary, with entities.
"""

from __future__ import annotations

import re
from pathlib import Path

import furo
import polib
import pytest
import sphinx
from bs4 import BeautifulSoup
from jinja2 import Environment
from markupsafe import Markup

from tools.site_build import Project, build
from tools.site_build.plan import manifest
from tools.site_build.publish import write_root_page
from tools.sphinxext.interface import (
    SEARCH_HTML_MESSAGES,
    SEARCH_MESSAGES,
    read_search_catalogue,
    safe_plural_expression,
    safe_translation,
    search_script,
)

from helpers import ROOT, copy_project

LANG = "fr"
# Messages Sphinx's HTML writer puts into attributes with its own _() (sphinx/writers/html5.py).
WRITER_MESSAGES = (
    "Link to this heading", "Link to this definition", "Link to this term", "Link to this table",
    "Link to this code", "Link to this image", "Link to this toctree",
)  # fmt: skip
HANDLERS = ("onerror", "onfocus", "onmouseover", "onload")
TITLE = (
    "Dialogue virtuel &lt;img src=x onerror=alert(1)&gt; &quot; autofocus onfocus=&quot;alert(2) "
    "&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;"
)
# What a reader sees (French typography turns the straight quotes into guillemets).
TITLE_TEXT = (
    "Dialogue virtuel <img src=x onerror=alert(1)> «\u00a0 autofocus onfocus=\u00a0»alert(2) "
    "</title><script>alert(3)</script>"
)


def payload(msgid: str) -> str:
    """A translation that would be code in every context if printed as it is, keeping the msgid's placeholders."""
    keep = " ".join(re.findall(r"%\(\w+\)s|\$\{\w+\}|\{\w+\}", msgid))
    return (
        f'X" autofocus onfocus="alert(1)\' <img src=x onerror=alert(2)> & `<img src=x onerror=alert(3)>` '
        f"{{{{ <img src=x onerror=alert(4)> }}}} </script><script>alert(5)</script> \\<img src=x onerror=alert(6)> "
        f"</title><svg onload=alert(7)> {keep}"
    ).strip()


def template_messages() -> set[str]:
    """Every message the site's templates translate: furo's, Sphinx's basic theme's and the project's."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    folders = [Path(furo.__file__).parent / "theme" / "furo", Path(sphinx.package_dir) / "themes" / "basic"]
    messages = set()
    for folder in [*folders, ROOT / "docs" / "_templates"]:
        for path in folder.rglob("*.html"):
            for _line, _function, message in env.extract_translations(path.read_text("utf-8")):
                messages.update([message] if isinstance(message, str) else [m for m in message if m])
    return messages


def make_hostile(project: Project) -> list[str]:
    """Fill the French interface catalogue and the summary's title with payloads; return the msgids."""
    path = project.locale / LANG / "LC_MESSAGES" / "sphinx.po"
    po = polib.pofile(str(path))
    wanted = template_messages() | set(WRITER_MESSAGES) | set(SEARCH_MESSAGES)
    present = {entry.msgid for entry in po}
    po.extend(polib.POEntry(msgid=message, msgstr="") for message in sorted(wanted - present))
    for entry in po:
        # msgfmt wants a msgstr to begin and end with a line break exactly when its msgid does.
        lead, trail = "\n" * entry.msgid.startswith("\n"), "\n" * entry.msgid.endswith("\n")
        entry.msgstr = lead + payload(entry.msgid) + trail
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    po.save()
    index = polib.pofile(str(project.locale / LANG / "LC_MESSAGES" / "index.po"))
    next(e for e in index if e.msgid.startswith("Virtual Dialogue: Training")).msgstr = TITLE
    index.save()
    glossary = project.locale / "glossary.csv"
    header = glossary.read_text("utf-8").splitlines()[0].split(",")
    row = ['"<img src=x onerror=alert(8)>"' if column in ("en", LANG) else "" for column in header]
    glossary.write_text(glossary.read_text("utf-8").rstrip("\n") + "\n" + ",".join(row) + "\n", "utf-8")
    # Escaping on its own, without the guard that refuses such catalogues before the build.
    conf = project.docs / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace('    "tools.sphinxext.guard",\n', ""), "utf-8")
    return [entry.msgid for entry in po]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, list[str]]:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    msgids = make_hostile(project)
    assert build(project, languages=[LANG], formats=("html",)) == 0
    return project, msgids


def _words(text: str) -> str:
    return " ".join(text.split())


def _policy_hashes(page: BeautifulSoup) -> set[str]:
    meta = page.select_one('head meta[http-equiv="Content-Security-Policy"]')
    assert meta is not None, "no Content-Security-Policy"
    script_src = next(d for d in meta["content"].split(";") if d.split()[0] == "script-src").split()[1:]
    return {source.strip("'") for source in script_src if source.startswith("'sha256-")}


def assert_no_code(path: Path) -> BeautifulSoup:
    """Nothing on the page would run that the site did not ship."""
    from tools.sphinxext.csp import script_hash

    page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    hashes = _policy_hashes(page)
    for element in page.find_all(True):
        handlers = [name for name in element.attrs if name.startswith("on") or name == "autofocus"]
        assert not handlers, f"{path.name}: <{element.name} {handlers}>"
        assert element.name not in ("svg", "img") or element.get("src") != "x", f"{path.name}: {element}"
    for script in page.find_all("script"):
        if script.get("src"):
            assert not re.match(r"^(?:[a-z]+:|//)", script["src"]), f"{path.name}: remote script {script['src']}"
        else:
            assert script_hash(script.string or "").strip("'") in hashes, f"{path.name}: foreign script {script}"
            assert "alert(" not in (script.string or "")
    return page


def test_every_page_of_a_hostile_catalogue_is_free_of_code(hostile: tuple[Project, list[str]]) -> None:
    project, msgids = hostile
    pages = sorted((project.build / "html" / LANG).rglob("*.html"))
    assert {p.name for p in pages} >= {"index.html", "search.html", "status.html", "glossary.html"}
    for path in pages:
        assert_no_code(path)
    assert len(msgids) > 40


def test_the_payloads_are_shown_as_text(hostile: tuple[Project, list[str]]) -> None:
    """Escaped, not dropped: the reader sees what the catalogue says (and a reviewer sees what is wrong)."""
    project, _msgids = hostile
    page = assert_no_code(project.build / "html" / LANG / "index.html")
    assert page.select_one(".sidebar-brand-text").get_text() == TITLE_TEXT
    assert _words(page.select_one("title").get_text()) == _words(TITLE_TEXT)  # furo's striptags folds spaces
    assert page.select_one("input.sidebar-search")["placeholder"] == payload("Search")
    assert page.select_one("nav.language-switcher")["aria-label"] == payload("Language")
    assert page.select_one("a.headerlink")["title"] == payload("Link to this heading")
    assert page.select_one(".publication-download a").get_text() == payload("Download PDF")
    assert page.select_one(".bottom-of-page a").get_text() == payload("Translation status")
    search = assert_no_code(project.build / "html" / LANG / "search.html")
    assert _words(search.select_one("title").get_text()) == _words(f"{payload('Search')} - {TITLE_TEXT}")
    status = assert_no_code(project.build / "html" / LANG / "status.html")
    headers = [th.get_text() for th in status.select("table.translation-status thead p")]
    assert any("<img src=x onerror=alert(2)>" in header for header in headers)  # typography turns its quotes
    glossary = assert_no_code(project.build / "html" / LANG / "glossary.html")
    assert "<img src=x onerror=alert(8)>" in [p.get_text() for p in glossary.select("table td p")]


def test_search_messages_stay_data(hostile: tuple[Project, list[str]]) -> None:
    project, _msgids = hostile
    path = project.build / "html" / LANG / "_static" / "translations.js"
    text = path.read_text("utf-8")
    assert "<" not in text and "new Function(" not in text and "addTranslations" not in text
    messages = read_search_catalogue(path)["messages"]
    for message in SEARCH_MESSAGES:
        expected = payload(message)
        if message in SEARCH_HTML_MESSAGES:  # put into the page as HTML by sphinx_highlight.js
            expected = str(Markup.escape(expected))
        assert messages[message] == expected


def test_root_page_of_a_hostile_manifest_is_free_of_code(hostile: tuple[Project, list[str]], tmp_path: Path) -> None:
    project, _msgids = hostile
    write_root_page(tmp_path, [manifest(project, LANG)])
    page = assert_no_code(tmp_path / "index.html")
    assert page.select_one("h1").get_text() == TITLE_TEXT
    assert page.select_one("a.pdf").get_text().startswith(payload("Download PDF"))
    assert _policy_hashes(page), "the redirect script is allowed by its hash"


@pytest.mark.parametrize(
    ("message", "translated", "expected"),
    [
        ("Search", 'Rechercher" autofocus onfocus="alert(1)', "Rechercher&#34; autofocus onfocus=&#34;alert(1)"),
        ("Download PDF", "Télécharger \\<img src=x onerror=alert(1)>",
         "Télécharger \\&lt;img src=x onerror=alert(1)&gt;"),
        ("Next", "Suivant", "Suivant"),
        # English markup of a theme's footer: the same tags are kept, any other change falls back to English.
        ('<a href="%(path)s">Copyright</a> &#169; %(copyright)s', '<a href="%(path)s">Droits</a> &#169; %(copyright)s',
         '<a href="%(path)s">Droits</a> &#169; %(copyright)s'),
        ('<a href="%(path)s">Copyright</a>', '<a href="%(path)s" onclick="alert(1)">Droits</a>',
         '<a href="%(path)s">Copyright</a>'),
        ('<a href="%(path)s">Copyright</a>', '<a href="%(path)s">Droits <img src=x></a>',
         '<a href="%(path)s">Copyright</a>'),
        ('<a href="%(path)s">Copyright</a>', """<a href="%(path)s">Droits " ' &amp; < </a>""",
         '<a href="%(path)s">Droits &#34; &#39; &amp; &lt; </a>'),
        ("Copyright &#169; %(copyright)s", "Droits &#169; %(copyright)s", "Droits &#169; %(copyright)s"),
        ("Copyright &#169; %(copyright)s", "Droits <b>&#169;</b> %(copyright)s", "Copyright &#169; %(copyright)s"),
        ("Last updated on %(last_updated)s", "Mis à jour le %(date)s", "Last updated on %(last_updated)s"),
        ("Last updated on %(last_updated)s", "Mis à jour à 100 % le %(last_updated)s",
         "Last updated on %(last_updated)s"),
        # <<…>> is text to a browser, escaped in the English and in the translation alike.
        ("<<original entry>>", "<<entrée originale>>", "&lt;&lt;entrée originale&gt;&gt;"),
        ("<<original entry>>", "<<original entry>>", "&lt;&lt;original entry&gt;&gt;"),
        ('<a href="%(path)s">Copyright</a>', '<<b>> <a href="%(path)s">Droits</a>',
         '&lt;&lt;b&gt;&gt; <a href="%(path)s">Droits</a>'),
    ],
)  # fmt: skip
def test_safe_translation(message: str, translated: str, expected: str) -> None:
    assert str(safe_translation(message, translated)) == expected


def test_formatting_a_translation_escapes_its_arguments() -> None:
    """``_('…%(x)s')|format(…)`` and ``{% trans %}`` blocks with variables still format, with escaped values."""
    from tools.sphinxext.interface import escaping_callables

    class French:
        def gettext(self, message: str) -> str:
            return {"Search within %(docstitle)s": "Rechercher dans %(docstitle)s"}.get(message, message)

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return singular if n == 1 else plural

    env = Environment(extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(**escaping_callables(French()), newstyle=False)
    source = (
        "{{ _('Search within %(docstitle)s')|format(docstitle=t) }}|"
        "{{ _('Search within %(docstitle)s') % {'docstitle': t} }}|"
        "{% trans docstitle=t %}Search within {{ docstitle }}{% endtrans %}|"
        "{% trans docstitle=t|e %}Search within {{ docstitle }}{% endtrans %}"
    )
    rendered = env.from_string(source).render(t="<b>")
    assert rendered == "|".join(["Rechercher dans &lt;b&gt;"] * 4)


def test_the_plural_rule_written_into_a_script_is_arithmetic_only() -> None:
    assert safe_plural_expression("(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2").startswith("(n")
    for hostile_rule in ("alert(1)", "n; fetch('//evil')", "n ? 0 : constructor", "n=1", "n /* */"):
        assert safe_plural_expression(hostile_rule) == "(n != 1)"
    assert "PLURAL_EXPR = (n) => Number((n != 1));" in search_script(
        {"messages": {}, "plural_expr": "alert(document.cookie)", "locale": "fr"}
    )


def test_the_pdf_page_footer_stays_a_css_string() -> None:
    """The PDF footer ("Page {page} of {pages}") goes into the print theme's <style>. "</style>" there would
    open the page to elements such as <link rel=attachment>, with which WeasyPrint embeds any local file."""
    import tinycss2

    from tools.sphinxext.pdf import _css_string

    text = payload("Page {page} of {pages}") + ' \\ " \n \x01'
    css = _css_string(text)
    assert not re.search(r"[<>&\n]", css)
    tokens = [t for t in tinycss2.parse_component_value_list(css) if t.type != "whitespace"]
    assert [t.type for t in tokens] == ["string"]
    assert tokens[0].value == text.replace("\n", " ")
