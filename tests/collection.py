"""A publication of several documents in nested folders, for the tests of a collection.

The fixture in ``tests/data/collection`` replaces the summary in a private copy of the project: its landing
page lists two dialogues, one of which includes an annex; they use every MyST feature a summary series uses
(cross-document links, labels, a figure with a French variant, a table, footnotes, admonitions, a definition
list). Its French catalogues are faithful translations; Spanish is left out of the copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tools.site_build import Project

from helpers import copy_project

COLLECTION = Path(__file__).parent / "data" / "collection"
BASEURL = "https://publication.example/"
DOCUMENTS = ("index", "dialogues/2014", "dialogues/2015/index", "dialogues/2015/annex")


def copy_collection(destination: Path, baseurl: str = BASEURL) -> Project:
    """The project with the fixture collection in place of the summary, published at ``baseurl``."""
    project = copy_project(destination)
    (project.docs / "index.md").unlink()
    shutil.rmtree(project.locale / "es")
    (project.locale / "fr" / "LC_MESSAGES" / "index.po").unlink()
    shutil.copytree(COLLECTION / "docs", project.docs, dirs_exist_ok=True)
    shutil.copytree(COLLECTION / "locale", project.locale, dirs_exist_ok=True)
    if baseurl:
        with (project.docs / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(f"\nhtml_baseurl = {baseurl!r}\n")
    return project
