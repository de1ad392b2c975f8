"""Which PDFs a publication has, and which one a reader of a page downloads.

A publication of one document has one PDF. A publication whose root document lists others in its toctree
has one PDF per document of that toctree (a *top-level document*, with every document its own toctrees
include), and one PDF of the whole publication (the root document with everything it includes). The whole
publication keeps the name of the one-document PDF, ``<publication_pdf_basename>-<language>.pdf``, so a
publication that grows keeps its URL; a top-level document's PDF adds the document's path, ``/`` written as
``-``: ``<basename>-dialogues-2015-<language>.pdf`` for ``docs/dialogues/2015.md``.

Pages of a top-level document (or of a document it includes) offer that document's PDF; the root document,
and pages outside every toctree (the status page, the glossary), offer the whole publication.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class PDFDocument:
    start: str  # the document whose toctree the PDF follows
    filename: str
    docnames: tuple[str, ...]  # every document in it, in reading order


def _language(config: Any) -> str:
    return config.language or config.publication_source_language


def whole_filename(config: Any) -> str:
    """The whole publication's PDF: stable, descriptive, and saying its language."""
    return f"{config.publication_pdf_basename}-{_language(config)}.pdf"


def document_filename(config: Any, docname: str) -> str:
    return f"{config.publication_pdf_basename}-{docname.replace('/', '-')}-{_language(config)}.pdf"


def _included(env: BuildEnvironment, docname: str, seen: list[str]) -> list[str]:
    """``docname`` and every document its toctrees include, depth first, each once (a cycle ends there)."""
    if docname in seen or docname not in env.all_docs:
        return []
    seen.append(docname)
    for child in env.toctree_includes.get(docname, []):
        _included(env, child, seen)
    return seen


def top_level(env: BuildEnvironment) -> list[str]:
    root = env.config.root_doc
    return [doc for doc in dict.fromkeys(env.toctree_includes.get(root, [])) if doc in env.all_docs and doc != root]


def pdf_documents(env: BuildEnvironment) -> list[PDFDocument]:
    """The publication's PDFs: the whole publication first, then one per top-level document."""
    config = env.config
    root = config.root_doc
    pdfs = [PDFDocument(root, whole_filename(config), tuple(_included(env, root, [])))]
    for doc in top_level(env):
        pdfs.append(PDFDocument(doc, document_filename(config, doc), tuple(_included(env, doc, [root]))[1:]))
    return pdfs


@dataclass(frozen=True)
class Part:
    """One rendering by WeasyPrint, kept in the output folder: the PDFs are made from these (pdf_assembly.py)."""

    start: str
    docnames: tuple[str, ...]
    alone: bool  # the root document without the documents its toctree includes
    filename: str
    published: str | None  # the PDF made from it alone; None for the root's part of a collection


def parts(env: BuildEnvironment) -> list[Part]:
    """The renderings: with one document, the whole publication; else the root document alone and each
    top-level document with what it includes, which the whole publication is put together from."""
    pdfs = pdf_documents(env)
    whole = pdfs[0]
    if len(pdfs) == 1:
        return [Part(whole.start, whole.docnames, False, f".part-{whole.filename}", whole.filename)]
    root = [Part(whole.start, (whole.start,), True, f".part-{whole.filename}", None)]
    return root + [Part(pdf.start, pdf.docnames, False, f".part-{pdf.filename}", pdf.filename) for pdf in pdfs[1:]]


def pdf_for_page(env: BuildEnvironment, docname: str) -> str:
    """The file name of the PDF a reader of ``docname`` downloads: the smallest one that holds it."""
    for pdf in reversed(pdf_documents(env)):
        if docname in pdf.docnames:
            return pdf.filename
    return whole_filename(env.config)
