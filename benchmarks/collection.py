"""Time the build of a publication of many documents: how it grows with documents and languages, what a no-op
rebuild costs, and what a change to one document in one language costs, all in one run.

    python benchmarks/collection.py [--documents 10,25,50] [--languages 10]

It generates collections in a temporary folder: N documents in nested folders (``part-K/doc-I.md``), each of
about 100 messages with every feature a summary series uses (cross-document links, labels and ``{ref}``,
a figure with alt text and caption, a table, footnotes, admonitions, a definition list), listed by the root
document's toctree; each language's catalogues are pseudo-translated (every message marked with its
language, markup unchanged). It then times, as whole ``python -m tools build`` processes:

- the full build of 3 languages (en, es, fr) for each number of documents, and of every language for the
  largest;
- a no-op rebuild, and a rebuild after one message of one document changed in one language (French), at the
  largest number of documents and 3 languages.

Goals on 2 cores: the one-document change at most 0.1 x the full build; the no-op at most 1 s. It prints the
seconds per document-language of the fitted line through the full builds, and the peak memory of one
Sphinx process.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
from pathlib import Path

import polib
from build import timed

ROOT = Path(__file__).resolve().parent.parent
THREE = ("en", "es", "fr")
MORE = ("de", "it", "pt", "nl", "pl", "sv", "cs")  # with THREE: ten languages Sphinx knows
SECTIONS = 12  # about 100 messages a document
IMAGE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect x="10" y="20" width="20" '
    'height="40" fill="#1f5f8b"/><rect x="50" y="10" width="20" height="50" fill="#1f5f8b"/></svg>\n'
)


def docname(index: int) -> str:
    return f"part-{index // 10}/doc-{index}"


def document(index: int, count: int) -> str:
    """One generated document; it links to the next and refers to a label of the previous one."""
    following = f"../{docname((index + 1) % count)}"  # relative: the build refuses a path from the top
    lines = [f"# Dialogue {index}", "", f"(doc-{index}-start)=", "## Overview", ""]
    lines += [f"This dialogue follows [the next one]({following}.md) and {{ref}}`the previous <doc-"
              f"{(index - 1) % count}-start>`.[^note-{index}]", "",
              f"[^note-{index}]: A footnote of dialogue {index}.", "",
              "```{figure} ../img/chart.svg", f":alt: The messages of dialogue {index}", "",
              f"Messages of dialogue {index}.", "```", "",
              "| Week | Messages |", "| ---- | -------- |", "| First | 120 |", "| Second | 95 |", "",
              "```{note}", "The figures are those of the moderators.", "```", "",
              "```{warning}", "The numbers of the second week are incomplete.", "```", "",
              "Moderator", ": A person who leads the discussion.", "",
              f"See also {{doc}}`the next dialogue <{following}>`.", ""]  # fmt: skip
    for section in range(SECTIONS):
        lines += [f"## Question {section} of dialogue {index}", ""]
        for paragraph in range(6):
            lines += [
                f"Paragraph {paragraph} of question {section} in dialogue {index} says what the participants "
                f"wrote about training for gender equality, in *several* sentences of ordinary length. It is "
                f"long enough to wrap across two or three lines of a page.",
                "",
            ]
    return "\n".join(lines)


def pseudo_translate(folder: Path, language: str) -> None:
    """Every message of the language's catalogues marked with the language; the markup stays as it is."""
    for path in sorted(folder.rglob("*.po")):
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            if entry.msgid_plural:
                entry.msgstr_plural = {i: f"‹{language}› {entry.msgid_plural}" for i in entry.msgstr_plural}
            else:
                entry.msgstr = f"‹{language}› {entry.msgid}"
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalogue.save(str(path))


def tools(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "tools", "--root", str(root), *args]


def run(command: list[str]) -> float:
    return timed(command, ROOT)


def make_collection(root: Path, count: int, languages: tuple[str, ...]) -> None:
    shutil.copytree(ROOT / "tools", root / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("index.md"))
    shutil.copytree(ROOT / "locale", root / "locale", ignore=shutil.ignore_patterns("index.po", "*.mo"))
    shutil.copy2(ROOT / "pyproject.toml", root / "pyproject.toml")
    (root / "docs" / "img").mkdir()
    (root / "docs" / "img" / "chart.svg").write_text(IMAGE, "utf-8")
    entries = "\n".join(docname(i) for i in range(count))
    (root / "docs" / "index.md").write_text(
        f"# Virtual Dialogues\n\nThe summaries, one document each.\n\n```{{toctree}}\n{entries}\n```\n", "utf-8"
    )
    for index in range(count):
        path = root / "docs" / f"{docname(index)}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document(index, count), "utf-8")
    for language in languages[1:]:
        if not (root / "locale" / language).is_dir():
            run(tools(root, "add-language", language))
    run(tools(root, "update"))
    for language in languages[1:]:
        pseudo_translate(root / "locale" / language, language)


def full_build(root: Path, languages: tuple[str, ...]) -> float:
    shutil.rmtree(root / "build", ignore_errors=True)
    return run(tools(root, "build", *[arg for lang in languages for arg in ("--lang", lang)]))


def fitted_slope(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least squares: seconds = fixed + slope x document-languages."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x in xs)
    return slope, mean_y - slope * mean_x


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", default="10,25,50", help="numbers of documents, comma-separated")
    parser.add_argument("--languages", type=int, default=10, help="languages of the largest build (3 to 10)")
    args = parser.parse_args()
    counts = sorted(int(n) for n in args.documents.split(","))
    every = (*THREE, *MORE)[: max(3, min(args.languages, 10))]
    rows: list[tuple[str, float]] = []
    points: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        for count in counts:
            root = Path(folder) / f"collection-{count}"
            largest = count == counts[-1]
            make_collection(root, count, every if largest else THREE)
            seconds = full_build(root, THREE)
            rows.append((f"full build, {count} documents, 3 languages", seconds))
            points.append((count * 3, seconds))
            if not largest:
                continue
            rows.append((f"no-op rebuild, {count} documents, 3 languages", run(tools(root, "build", *_langs()))))
            catalogue = root / "locale" / "fr" / "LC_MESSAGES" / f"{docname(count // 2)}.po"
            entries = polib.pofile(str(catalogue))
            entries[3].msgstr += " (changed)"
            entries.save(str(catalogue))
            change = run(tools(root, "build", *_langs()))
            rows.append((f"one document changed in one language, {count} documents", change))
            if len(every) > 3:
                seconds = full_build(root, every)
                rows.append((f"full build, {count} documents, {len(every)} languages", seconds))
                points.append((count * len(every), seconds))
    full = next(seconds for label, seconds in rows if label == f"full build, {counts[-1]} documents, 3 languages")
    print("| measure | seconds | × full build (3 languages) |")
    print("| --- | ---: | ---: |")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.1f} | {seconds / full:.3f} |")
    if len(points) >= 2:
        slope, fixed = fitted_slope(points)
        print(f"\nfitted: {fixed:.1f} s + {slope:.2f} s per document-language (2 cores, both formats)")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of one process: {peak:.0f} MiB")
    return 0


def _langs() -> list[str]:
    return [arg for lang in THREE for arg in ("--lang", lang)]


if __name__ == "__main__":
    raise SystemExit(main())
