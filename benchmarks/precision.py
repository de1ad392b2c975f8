"""The precision of the checks on catalogues the project did not write, as a reviewer judged samples of them.

    python benchmarks/precision.py [--per 6] [--unreviewed FILE.csv]

Corpora, each extracted or copied to a temporary folder, never into the project:
- ``myst-zh``: two Chinese translations of MyST manuals (``../shared/corpora/real-myst-zh-po.tar.xz``);
- ``sphinx``: the interface catalogues of the installed Sphinx (``sphinx.po``) in the six official languages of
  the United Nations (Arabic, Chinese, English as en_GB, French, Russian, Spanish), written by their teams.

The python-docs-fr corpus is left out: its messages are reStructuredText, whose roles and links the checks
read as MyST text (``:func:`max``` ends with a colon), so its findings say nothing of the checks' precision.

``python -m tools check`` runs on each. For each corpus, language and check, the sample is the ``--per``
findings that come first in the order of a hash of (file, msgid, message): stable from run to run, and a
change that removes a finding brings the next one in. ``benchmarks/precision_verdicts.csv`` holds a reviewer's
verdict on each sampled finding: ``true`` when the translation has the defect the finding names, ``false``
when it does not. The key of a finding is that hash, so the table holds no text of the corpora. The script
prints, per check, the findings, the sampled and reviewed ones and the precision, then the goals: at least
95 % for the errors, 80 % for the warnings. ``--unreviewed`` writes the sampled findings with no verdict yet,
with their texts, to a file outside the project for a reviewer to judge.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sphinx
from corpus import ROOT, extracted

MYST_ZH = ROOT.parent / "shared" / "corpora" / "real-myst-zh-po.tar.xz"
VERDICTS = Path(__file__).with_name("precision_verdicts.csv")
UN_LANGUAGES = ("ar", "zh_CN", "en_GB", "fr", "ru", "es")
GOALS = {"error": 0.95, "warning": 0.80}
FIELDS = ("corpus", "language", "check", "key", "verdict", "note")


@contextmanager
def sphinx_catalogues() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        for language in UN_LANGUAGES:
            source = Path(sphinx.__file__).parent / "locale" / language / "LC_MESSAGES" / "sphinx.po"
            target = Path(folder) / language / "LC_MESSAGES" / "sphinx.po"
            target.parent.mkdir(parents=True)
            shutil.copyfile(source, target)
        yield Path(folder)


def corpora() -> Iterator[tuple[str, Path]]:
    if MYST_ZH.exists():
        with extracted(MYST_ZH) as folder:
            yield "myst-zh", folder
    with sphinx_catalogues() as folder:
        yield "sphinx", folder


def key(finding: dict, folder: Path) -> str:
    where = Path(finding["path"]).relative_to(folder).as_posix()
    text = "\0".join([where, finding["msgid"] or "", finding["check"], finding["message"]])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def language_of(finding: dict, folder: Path) -> str:
    parts = Path(finding["path"]).relative_to(folder).parts
    return parts[parts.index("LC_MESSAGES") - 1] if "LC_MESSAGES" in parts else "?"


def findings(folder: Path) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "tools", "check", str(folder), "--format", "json"],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    if done.returncode not in (0, 1, 2) or "Traceback" in done.stderr:
        raise SystemExit(f"check failed on {folder}:\n{done.stderr[-2000:]}")
    return [f for f in json.loads(done.stdout)["findings"] if not f["suppressed"]]


def texts(finding: dict) -> tuple[str, str]:
    """The msgid and msgstr of the entry a finding is at, for the reviewer."""
    from tools.catalogues import CatalogueError, read_catalogue

    try:
        entries = read_catalogue(Path(finding["path"])).entries
    except CatalogueError:
        return finding["msgid"] or "", ""
    entry = next((e for e in entries if e.line == finding["line"]), None)
    return finding["msgid"] or "", "\n".join(entry.msgstrs) if entry else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per", type=int, default=6, help="findings sampled per corpus, language and check")
    parser.add_argument("--unreviewed", type=Path, help="write the sampled findings with no verdict to this CSV")
    args = parser.parse_args()
    with VERDICTS.open(encoding="utf-8", newline="") as file:
        verdicts = {(row["corpus"], row["key"]): row for row in csv.DictReader(file)}
    found: Counter[str] = Counter()
    severity: dict[str, str] = {}
    reviewed: dict[str, list[bool]] = defaultdict(list)
    unreviewed: list[dict] = []
    for corpus, folder in corpora():
        groups: dict[tuple[str, str], list[tuple[str, dict]]] = defaultdict(list)
        for finding in findings(folder):
            found[finding["check"]] += 1
            severity[finding["check"]] = finding["severity"]
            groups[(language_of(finding, folder), finding["check"])].append((key(finding, folder), finding))
        for (language, check), items in sorted(groups.items()):
            for name, finding in sorted(items, key=lambda item: item[0])[: args.per]:
                verdict = verdicts.get((corpus, name))
                if verdict is None:
                    msgid, msgstr = texts(finding)
                    unreviewed.append({"corpus": corpus, "language": language, "check": check, "key": name,
                                       "verdict": "", "note": "", "message": finding["message"], "msgid": msgid,
                                       "msgstr": msgstr})  # fmt: skip
                else:
                    reviewed[check].append(verdict["verdict"] == "true")
    print(f"{'check':<14} {'severity':<8} {'findings':>8} {'reviewed':>8} {'true':>5} {'precision':>9}")
    for check in sorted(found, key=lambda c: (severity[c], c)):
        judged = reviewed[check]
        precision = f"{sum(judged) / len(judged):.0%}" if judged else "-"
        print(f"{check:<14} {severity[check]:<8} {found[check]:>8} {len(judged):>8} {sum(judged):>5} {precision:>9}")
    for level, goal in GOALS.items():
        judged = [v for check, values in reviewed.items() if severity.get(check) == level for v in values]
        share = sum(judged) / len(judged) if judged else 0.0
        print(f"{level}s: {sum(judged)} of {len(judged)} reviewed findings true, {share:.0%} "
              f"(goal {goal:.0%}): {'met' if share >= goal else 'NOT MET'}")  # fmt: skip
    if unreviewed:
        print(f"{len(unreviewed)} sampled findings have no verdict yet", file=sys.stderr)
        if args.unreviewed:
            with args.unreviewed.open("w", encoding="utf-8", newline="") as file:
                writer = csv.DictWriter(file, fieldnames=list(unreviewed[0]))
                writer.writeheader()
                writer.writerows(unreviewed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
