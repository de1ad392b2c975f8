"""A publication of several documents in nested folders (tests/data/collection), from catalogue to PDF.

Built once per session in a private copy; the tests that change a file (incremental builds, a publication
without a web address) copy that build first.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin

import pikepdf
import polib
import pytest
from collection import BASEURL, DOCUMENTS, copy_collection

import tools.fingerprint
import tools.site_build
from tools.site_build import Project, build

from helpers import run_in_process
from pages import soup

LANG = "fr"
BASENAME = "training-for-gender-equality-beijing20-summary"
WHOLE = f"{BASENAME}-{LANG}.pdf"
PDFS = {
    WHOLE: ("Dialogues virtuels", DOCUMENTS),
    f"{BASENAME}-dialogues-2014-{LANG}.pdf": ("Le Dialogue de 2014", ("dialogues/2014",)),
    f"{BASENAME}-dialogues-2015-index-{LANG}.pdf": (
        "Le Dialogue de 2015",
        ("dialogues/2015/index", "dialogues/2015/annex"),
    ),
}
TITLES = {
    "index": "Dialogues virtuels",
    "dialogues/2014": "Le Dialogue de 2014",
    "dialogues/2015/index": "Le Dialogue de 2015",
    "dialogues/2015/annex": "Annexe au Dialogue de 2015",
}


@pytest.fixture(scope="session")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_collection(tmp_path_factory.mktemp("collection"))
    assert build(project) == 0, "the collection's build failed; see its output above"
    return project


def page(project: Project, docname: str, lang: str = LANG) -> Path:
    return project.site / lang / f"{docname}.html"


def resolves(page_file: Path, href: str) -> Path:
    return Path(unquote(urljoin(page_file.as_uri(), href).removeprefix("file://").split("#")[0]))


def anchor_exists(page_file: Path, href: str) -> bool:
    target = resolves(page_file, href)
    fragment = href.partition("#")[2]
    return target.is_file() and (not fragment or soup(target).find(id=fragment) is not None)


def links(pdf: pikepdf.Pdf) -> list[str]:
    """Every link of a PDF: ``#name`` for a place in it, else the address."""
    found = []
    for pdf_page in pdf.pages:
        for annotation in pdf_page.obj.get("/Annots", []):
            if "/Dest" in annotation:
                found.append(f"#{annotation.Dest}")
            elif "/A" in annotation:
                action = annotation.A
                found.append(str(action.URI) if "/URI" in action else f"#{action.D}")
    return list(dict.fromkeys(found))


def destinations(pdf: pikepdf.Pdf) -> set[str]:
    return {str(name) for name in pikepdf.NameTree(pdf.Root.Names.Dests)}


def bookmarks(pdf: pikepdf.Pdf) -> list[str]:
    with pdf.open_outline() as outline:
        pending, titles = list(outline.root), []
        while pending:
            item = pending.pop(0)
            titles.append(item.title)
            pending[:0] = item.children
    return titles


# -- The catalogues --------------------------------------------------------------------------------------------


def test_update_check_and_sync_hold_for_nested_documents(collection: Project) -> None:
    """update has nothing to change, check finds nothing in a faithful translation, and every document's
    catalogue sits in its document's folder, its references naming the source file."""
    assert run_in_process("check", "--sync", root=collection.root).returncode == 0
    result = run_in_process("check", "--format", "json", root=collection.root)
    findings = [f for f in json.loads(result.stdout)["findings"] if not f.get("suppressed")]
    assert (result.returncode, findings) == (0, [])
    result = run_in_process("update", root=collection.root)
    assert result.returncode == 0 and "created" not in result.stdout and "updated" not in result.stdout, result
    folder = collection.locale / LANG / "LC_MESSAGES"
    for docname in DOCUMENTS:
        catalogue = polib.pofile(str(folder / f"{docname}.po"))
        base = folder / Path(docname).parent / catalogue.metadata["X-Poedit-Basepath"]
        for entry in catalogue:
            assert [source for source, _line in entry.occurrences] == [f"docs/{docname}.md"]
            assert (base / entry.occurrences[0][0]).resolve().is_file()


def test_stats_count_each_nested_document(collection: Project) -> None:
    result = run_in_process("stats", "--format", "json", "--fail-under", "100", root=collection.root)
    assert result.returncode == 0
    report = json.loads(result.stdout)["languages"]
    files = {Path(f["path"]).relative_to(collection.root).as_posix(): f for lang in report for f in lang["files"]}
    for docname in DOCUMENTS:
        assert files[f"locale/{LANG}/LC_MESSAGES/{docname}.po"]["percent"] == 100.0


def test_sync_names_the_catalogue_of_a_removed_nested_document(collection: Project, tmp_path: Path) -> None:
    shutil.copytree(collection.root, tmp_path / "p", ignore=shutil.ignore_patterns("build"))
    (tmp_path / "p" / "docs" / "dialogues" / "2015" / "annex.md").unlink()
    (tmp_path / "p" / "docs" / "dialogues" / "2015" / "index.md").write_text(
        (collection.docs / "dialogues" / "2015" / "index.md").read_text("utf-8").replace("annex\n", ""), "utf-8"
    )
    result = run_in_process("check", "--sync", "--lang", LANG, root=tmp_path / "p")
    assert result.returncode == 1
    assert f"locale/{LANG}/LC_MESSAGES/dialogues/2015/annex.po:1: ERROR: [sync] no English document" in result.stdout


# -- The site --------------------------------------------------------------------------------------------------


def test_every_document_has_its_page_in_every_language(collection: Project) -> None:
    for lang in ("en", LANG):
        for docname in DOCUMENTS:
            assert page(collection, docname, lang).is_file(), (lang, docname)


def test_links_between_documents_and_labels_resolve(collection: Project) -> None:
    hrefs = {}
    for docname in DOCUMENTS:
        article = soup(page(collection, docname)).select_one("article[role=main]")
        for a in article.select("a.reference.internal[href]"):
            hrefs.setdefault(docname, []).append(a["href"])
            assert anchor_exists(page(collection, docname), a["href"]), (docname, a["href"])
    assert "2015/index.html" in hrefs["dialogues/2014"]  # [text](2015/index.md)
    assert "2015/annex.html#terms-2015" in hrefs["dialogues/2014"]  # {ref}`… <terms-2015>`
    assert "../2014.html" in hrefs["dialogues/2015/index"]  # {doc}`… <../2014>`
    assert "../../index.html" in hrefs["dialogues/2015/annex"]
    assert "../2014.html#background-2014" in hrefs["dialogues/2015/annex"]


def test_the_features_of_a_summary_are_translated(collection: Project) -> None:
    article = soup(page(collection, "dialogues/2014")).select_one("article[role=main]")
    figure = article.select_one("figure")
    image = figure.select_one("img")
    # The French variant of the image (figure_language_filename), with the translated alt text and caption.
    assert image["src"].endswith("chart.fr.svg") and (collection.site / LANG / "_images" / "chart.fr.svg").is_file()
    assert image["alt"] == "Un diagramme en barres des messages publiés chaque semaine"
    assert figure.select_one("figcaption").get_text(strip=True).rstrip("¶") == "Messages publiés chaque semaine."
    assert (
        article.select_one("aside.footnote-list, .footnote").get_text(" ", strip=True).endswith("Du 13 au 31 octobre.")
    )
    note = article.select_one("div.admonition.note")
    assert note.select_one(".admonition-title").get_text() == "Note"
    assert "Les chiffres sont ceux des modérateurs." in note.get_text()
    english = soup(page(collection, "dialogues/2014", "en")).select_one("article[role=main] figure img")
    assert english["src"].endswith("chart.svg") and english["alt"].startswith("A bar chart")

    article = soup(page(collection, "dialogues/2015/index")).select_one("article[role=main]")
    cells = [c.get_text(strip=True) for c in article.select("table td, table th")]
    assert cells == ["Semaine", "Messages", "Première", "120", "Deuxième", "95"]
    warning = article.select_one("div.admonition.warning")
    assert warning.select_one(".admonition-title").get_text() == "Avertissement"

    article = soup(page(collection, "dialogues/2015/annex")).select_one("article[role=main]")
    terms = [dt.get_text(strip=True) for dt in article.select("dl dt")]
    definitions = [dd.get_text(strip=True) for dd in article.select("dl dd")]
    assert terms == ["Modérateur", "Participant"]
    assert definitions == ["Une personne qui anime la discussion.", "Une personne qui publie un message."]


def test_sidebar_lists_every_document_in_the_language(collection: Project) -> None:
    for docname in DOCUMENTS:
        navigation = soup(page(collection, docname)).select_one(".sidebar-tree")
        shown = {a.get_text(strip=True) for a in navigation.select("a")}
        assert set(TITLES.values()) - {TITLES["index"]} <= shown, docname
        for a in navigation.select("a[href]"):
            assert resolves(page(collection, docname), a["href"]).is_file(), (docname, a["href"])


def test_switcher_leads_to_the_same_document(collection: Project) -> None:
    for docname in DOCUMENTS:
        here = page(collection, docname)
        english = soup(here).select_one('nav.language-switcher a[hreflang="en"]')
        assert resolves(here, english["href"]) == page(collection, docname, "en")


def test_search_covers_every_document(collection: Project) -> None:
    text = (collection.site / LANG / "searchindex.js").read_text("utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    assert set(DOCUMENTS) <= set(index["docnames"])
    assert set(TITLES.values()) <= set(index["titles"])


def test_status_page_has_a_row_per_document(collection: Project) -> None:
    status = collection.site / LANG / "status.html"
    rows = soup(status).select("table.translation-status-documents tbody tr")
    shown = {row.select_one("a").get_text(strip=True): row.select_one("a")["href"] for row in rows}
    for docname, title in TITLES.items():
        assert resolves(status, shown[title]) == page(collection, docname)
    assert all(row.select("td")[1].get_text(strip=True) == "100\xa0%" for row in rows)


def test_each_page_offers_the_pdf_of_its_document(collection: Project) -> None:
    expected = {
        "index": WHOLE,
        "status": WHOLE,
        "dialogues/2014": f"{BASENAME}-dialogues-2014-{LANG}.pdf",
        "dialogues/2015/index": f"{BASENAME}-dialogues-2015-index-{LANG}.pdf",
        "dialogues/2015/annex": f"{BASENAME}-dialogues-2015-index-{LANG}.pdf",
    }
    for docname, filename in expected.items():
        here = page(collection, docname)
        link = soup(here).select_one(".publication-download a")
        assert resolves(here, link["href"]) == collection.site / LANG / filename, docname


# -- The PDFs --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("filename", list(PDFS))
def test_each_pdf_has_its_document_title_language_and_bookmarks(collection: Project, filename: str) -> None:
    title, docnames = PDFS[filename]
    with pikepdf.open(collection.site / LANG / filename) as pdf:
        assert str(pdf.docinfo["/Title"]) == title
        assert str(pdf.Root.Lang) == LANG
        assert "/StructTreeRoot" in pdf.Root
        shown = bookmarks(pdf)
    assert [TITLES[doc] for doc in docnames] == [t for t in shown if t in TITLES.values()]


@pytest.mark.parametrize("filename", list(PDFS))
def test_links_in_each_pdf_reach_their_target(collection: Project, filename: str) -> None:
    """Inside the PDF when the target is in it; else the target's web page; never a file of the build."""
    _title, docnames = PDFS[filename]
    with pikepdf.open(collection.site / LANG / filename) as pdf:
        found, names = links(pdf), destinations(pdf)
    inside = [link for link in found if link.startswith("#")]
    assert all(link[1:] in names for link in inside), (inside, sorted(names))
    web = [link for link in found if link.startswith(BASEURL)]
    assert sorted(inside + web) == sorted(found)  # the fixture links to nothing else
    for link in web:
        path, _, fragment = link.removeprefix(BASEURL).partition("#")
        target = collection.site / path
        assert target.is_file() and path.removeprefix(f"{LANG}/").removesuffix(".html") not in docnames, link
        assert not fragment or soup(target).find(id=fragment) is not None, link
    if filename == WHOLE:
        assert "#document-dialogues/2015/index" in inside and "#document-index" in inside
        assert "#dialogues/2015/annex/terms-2015" in inside and not web
    else:
        assert web


def _objr_targets(element: pikepdf.Object) -> list[tuple[int, int]]:
    kids = element.get("/K", []) if isinstance(element, pikepdf.Dictionary) else []
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    return [kid.Obj.objgen for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/Obj" in kid]


@pytest.mark.parametrize("filename", list(PDFS))
def test_each_pdf_structure_tree_holds_every_page_and_link(collection: Project, filename: str) -> None:
    assert_structure(collection.site / LANG / filename)


def assert_structure(path: Path) -> None:
    """Tagged PDF, whether rendered or put together: every page's and link's key is in the parent tree, and
    each link's structure element points back at it; every element's parent holds it."""
    with pikepdf.open(path) as pdf:
        tree = pdf.Root.StructTreeRoot
        parents = dict(pikepdf.NumberTree(tree.ParentTree).items())
        assert int(tree.get("/ParentTreeNextKey", max(parents) + 1)) > max(parents)
        annotations, annotation_keys = set(), set()
        for pdf_page in pdf.pages:
            # The elements of the page's marked content are on that page.
            for element in parents[int(pdf_page.obj.StructParents)]:
                assert "/Pg" not in element or element.Pg.objgen == pdf_page.objgen
            for annotation in pdf_page.obj.get("/Annots", []):
                annotations.add(annotation.objgen)
                annotation_keys.add(int(annotation.StructParent))
                element = parents[int(annotation.StructParent)]
                assert annotation.objgen in _objr_targets(element)
        objrs = [target for value in parents.values() if isinstance(value, pikepdf.Dictionary)
                 for target in _objr_targets(value)]  # fmt: skip
        assert set(objrs) == annotations  # no element points at a link that is not on a page
        assert annotation_keys == {key for key, value in parents.items() if isinstance(value, pikepdf.Dictionary)}
        documents = tree.K if isinstance(tree.K, pikepdf.Array) else [tree.K]
        assert [str(d.S) for d in documents] == ["/Document"]
        pending = list(documents)
        while pending:
            element = pending.pop()
            kids = element.get("/K", [])
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    assert kid.P.objgen == element.objgen
                    pending.append(kid)


def test_two_documents_with_the_same_section_keep_their_own_anchor(collection: Project) -> None:
    with pikepdf.open(collection.site / LANG / WHOLE) as pdf:
        names = destinations(pdf)
    assert {"dialogues/2014/background-2014", "dialogues/2015/index/background"} <= names


def test_the_summary_pdf_name_stays_the_whole_publication(collection: Project) -> None:
    manifest = json.loads((collection.output(LANG, "html") / "_publication.json").read_text("utf-8"))
    assert manifest["pdf"] == WHOLE and sorted(manifest["pdfs"]) == sorted(PDFS)
    assert sorted(p.name for p in (collection.site / LANG).glob("*.pdf")) == sorted(PDFS)


# -- Builds that change something ------------------------------------------------------------------------------


def _mtimes(project: Project) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in project.output(LANG, "pdf").glob("[!.]*.pdf")}


def _retranslate(project: Project, docname: str, msgid: str, msgstr: str) -> None:
    path = project.locale / LANG / "LC_MESSAGES" / f"{docname}.po"
    catalogue = polib.pofile(str(path))
    catalogue.find(msgid).msgstr = msgstr
    catalogue.save(str(path))


def test_a_change_to_one_document_rebuilds_what_holds_it_and_a_title_reaches_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its own build: Sphinx's environment names the folder it was built in, so a copied build starts over."""
    project = copy_collection(tmp_path / "p")
    assert build(project) == 0
    before = _mtimes(project)
    renderings = {p.name: p.stat().st_mtime_ns for p in project.output(LANG, "pdf").glob(".part-*.pdf")}
    english_html = project.output("en", "html") / "index.html"
    english_before = english_html.stat().st_mtime_ns
    untouched = project.output(LANG, "html") / "dialogues" / "2014.html"
    untouched_before = untouched.stat().st_mtime_ns

    _retranslate(project, "dialogues/2015/annex", "A person who posts a message.", "Une personne qui écrit.")
    assert build(project) == 0
    after = _mtimes(project)
    assert {name for name in after if after[name] != before[name]} == {
        WHOLE, f"{BASENAME}-dialogues-2015-index-{LANG}.pdf"
    }  # fmt: skip
    # Only the changed document is rendered again; the whole publication is put together from the renderings.
    rendered = {
        p.name for p in project.output(LANG, "pdf").glob(".part-*.pdf") if p.stat().st_mtime_ns != renderings[p.name]
    }
    assert rendered == {f".part-{BASENAME}-dialogues-2015-index-{LANG}.pdf"}
    assert english_html.stat().st_mtime_ns == english_before  # the other language is not built again
    assert untouched.stat().st_mtime_ns == untouched_before  # nor a page that shows nothing of the change
    assert "Une personne qui écrit." in page(project, "dialogues/2015/annex").read_text("utf-8")

    _retranslate(project, "dialogues/2015/annex", "Annex to the 2015 Dialogue", "Annexe du Dialogue de 2015")
    assert build(project) == 0
    for docname in DOCUMENTS:  # every page's sidebar shows the title
        assert "Annexe du Dialogue de 2015" in page(project, docname).read_text("utf-8"), docname
    with pikepdf.open(project.site / LANG / WHOLE) as pdf:
        assert "Annexe du Dialogue de 2015" in bookmarks(pdf)

    # A no-op build parses no catalogue: what it learned of each is kept under the hash of its bytes.
    parsed: list[Path] = []

    def counting(real):
        def spy(paths, *args, **kwargs):
            paths = list(paths)
            parsed.extend(paths)
            return real(paths, *args, **kwargs)

        return spy

    monkeypatch.setattr(tools.site_build, "validate_all", counting(tools.site_build.validate_all))
    monkeypatch.setattr(tools.fingerprint, "collect", counting(tools.fingerprint.collect))
    assert build(project) == 0 and parsed == []
    # A catalogue whose bytes changed is read again, and refused when it is broken.
    annex = project.locale / LANG / "LC_MESSAGES" / "dialogues" / "2015" / "annex.po"
    annex.write_text(annex.read_text("utf-8") + '\nmsgid "unterminated\n', "utf-8")
    assert build(project) == 1
    assert annex in parsed


def test_without_a_web_address_a_pdf_leaves_out_links_it_cannot_follow(tmp_path: Path) -> None:
    project = copy_collection(tmp_path / "p", baseurl="")
    assert build(project, languages=[LANG], formats=("pdf",)) == 0
    for filename in PDFS:
        with pikepdf.open(project.output(LANG, "pdf") / filename) as pdf:
            found, names = links(pdf), destinations(pdf)
        assert all(link.startswith("#") and link[1:] in names for link in found), (filename, found)
        assert_structure(project.output(LANG, "pdf") / filename)
        assert found or filename != WHOLE


def test_a_nested_catalogue_is_checked_with_the_projects_glossary(collection: Project, tmp_path: Path) -> None:
    """The glossary, word list and link counterparts are the project's, however deep the catalogue is."""
    path = tmp_path / "locale" / LANG / "LC_MESSAGES" / "dialogues" / "2015" / "annex.po"
    path.parent.mkdir(parents=True)
    shutil.copy2(collection.locale / "glossary.csv", tmp_path / "locale" / "glossary.csv")
    catalogue = polib.pofile(str(collection.locale / LANG / "LC_MESSAGES" / "dialogues" / "2015" / "annex.po"))
    catalogue.append(polib.POEntry(msgid="Training for gender equality.", msgstr="Formation à l’égalité de genre."))
    catalogue.save(str(path))
    result = run_in_process("check", "--select", "glossary", str(path), root=tmp_path, cwd=tmp_path)
    assert "[glossary]" in result.stdout and "égalité des sexes" in result.stdout, result


def test_the_guard_stops_a_hostile_translation_in_a_nested_catalogue(tmp_path: Path) -> None:
    project = copy_collection(tmp_path / "p")
    _retranslate(project, "dialogues/2015/annex", "A person who posts a message.", "Une <img src=x onerror=alert(1)>.")
    result = run_in_process("build", "--lang", LANG, "--format", "html", root=project.root, cwd=project.root)
    assert result.returncode == 1
    assert f"locale/{LANG}/LC_MESSAGES/dialogues/2015/annex.po:" in result.stderr and "[unsafe]" in result.stderr
    assert not project.site.exists()


def test_the_pdf_carries_each_translated_feature(collection: Project) -> None:
    from pypdf import PdfReader

    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(collection.site / LANG / WHOLE).pages)
    for expected in (
        "Messages publiés chaque semaine.",  # figure caption
        "Du 13 au 31 octobre.",  # footnote
        "Note Les chiffres sont ceux des modérateurs.",  # admonitions, with their translated titles
        "Avertissement Les chiffres de la deuxième semaine sont incomplets.",
        "Semaine Messages Première 120 Deuxième 95",  # table
        "Modérateur Une personne qui anime la discussion.",  # definition list
        "Voir la liste des termes pour les mots employés ici.",  # {ref} with a translated title
    ):
        assert expected in text, expected
