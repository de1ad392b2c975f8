"""Time the merge of ``python -m tools update`` against ``msgmerge --previous``, and compare their decisions.

The 496 python-docs-fr catalogues are extracted to a temporary folder. Each one's template is made from its
own messages, then 5 % of all messages are edited, in equal shares: words changed (one replaced, one removed
or two swapped), a sentence split in two messages, a message moved to another file's template. Both tools
merge every catalogue with its template, one file after another on one core: msgmerge as one process per
file, as a makefile runs it; ours as one process that reads each template and runs the command's own
per-file step (``tools.update.update_file``: read, merge, write in canonical form). The extraction of the
templates from the English source, which ``update`` does first, is not part of it.

Each entry of the two results is then put in one class: kept (translated as before), fuzzy, new
(untranslated), obsolete, or dropped; the share of entries in the same class is the agreement, and where they
differ is listed by kind with examples.

    python benchmarks/update.py [--runs 3] [--corpus PATH.tar.xz]
"""

from __future__ import annotations

import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import polib
from corpus import ROOT, arguments, extracted

sys.path.insert(0, str(ROOT))
from tools.catalogues import load

SEED = 18
SHARE = 0.05  # of the messages edited
# One process: every template, then the command's per-file step on every catalogue.
MERGE = (
    "import sys\n"
    "from pathlib import Path\n"
    "import polib\n"
    "from tools.update import update_file\n"
    "templates, catalogues = Path(sys.argv[1]), Path(sys.argv[2])\n"
    "for pot in sorted(templates.rglob('*.pot')):\n"
    "    domain = pot.relative_to(templates).with_suffix('').as_posix()\n"
    "    update_file(catalogues / (domain + '.po'), polib.pofile(str(pot)), 'fr', domain)\n"
)
_WORD = re.compile(r"\b[^\W\d_]{3,}\b")
_SENTENCE_END = re.compile(r"(?<=[a-z]\.) (?=[A-Z])")


def _change_words(text: str, rng: random.Random) -> str | None:
    words = list(_WORD.finditer(text))
    if len(words) < 3:
        return None
    kind = rng.choice(("replace", "remove", "swap"))
    if kind == "swap":
        first, second = sorted(rng.sample(range(len(words)), 2))
        a, b = words[first], words[second]
        return text[: a.start()] + b.group() + text[a.end() : b.start()] + a.group() + text[b.end() :]
    word = rng.choice(words)
    replacement = "" if kind == "remove" else rng.choice(("documentation", "example", "module", "value"))
    return text[: word.start()] + replacement + text[word.end() :]


def _split(text: str) -> tuple[str, str] | None:
    match = _SENTENCE_END.search(text)
    return (text[: match.start()], text[match.end() :]) if match else None


def _template_entry(entry: polib.POEntry, msgid: str | None = None) -> polib.POEntry:
    made = polib.POEntry(msgid=entry.msgid if msgid is None else msgid, msgctxt=entry.msgctxt, msgstr="")
    made.occurrences, made.comment = list(entry.occurrences), entry.comment
    made.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    if entry.msgid_plural:
        made.msgid_plural, made.msgstr_plural = entry.msgid_plural, {0: "", 1: ""}
    return made


def make_templates(catalogues: Path, templates: Path, share: float) -> Counter[str]:
    """A template for each catalogue, ``share`` of the messages edited; how many of each edit were made."""
    rng = random.Random(SEED)
    names = sorted(p.relative_to(catalogues).with_suffix("").as_posix() for p in catalogues.rglob("*.po"))
    entries = {name: [e for e in load(catalogues / f"{name}.po") if e.msgid and not e.obsolete] for name in names}
    made: dict[str, list[polib.POEntry]] = {name: [] for name in names}
    edits: Counter[str] = Counter()
    for name in names:
        for entry in entries[name]:
            kind = rng.choice(("words", "split", "move")) if rng.random() < share else None
            if kind == "words" and not entry.msgid_plural and (changed := _change_words(entry.msgid, rng)):
                made[name].append(_template_entry(entry, changed))
            elif kind == "split" and not entry.msgid_plural and (halves := _split(entry.msgid)):
                made[name] += [_template_entry(entry, half) for half in halves]
            elif kind == "move" and len(names) > 1:
                other = rng.choice([n for n in names if n != name])
                made[other].insert(rng.randrange(len(made[other]) + 1), _template_entry(entry))
            else:
                made[name].append(_template_entry(entry))
                kind = None
            if kind:
                edits[kind] += 1
    for name in names:
        pot = polib.POFile()
        pot.metadata = {"Content-Type": "text/plain; charset=UTF-8", "MIME-Version": "1.0"}
        seen: set[tuple[str | None, str]] = set()
        for entry in made[name]:
            # A moved message may meet its own copy, or a split half another message: a template has each once.
            if (entry.msgctxt, entry.msgid) not in seen:
                seen.add((entry.msgctxt, entry.msgid))
                pot.append(entry)
        (templates / f"{name}.pot").parent.mkdir(parents=True, exist_ok=True)
        pot.save(str(templates / f"{name}.pot"))
    return edits


def _msgmerge_all(catalogues: Path, templates: Path) -> None:
    for pot in sorted(templates.rglob("*.pot")):
        po = catalogues / pot.relative_to(templates).with_suffix(".po")
        done = subprocess.run(
            ["msgmerge", "--previous", "--quiet", "--update", "--backup=off", str(po), str(pot)], capture_output=True
        )
        if done.returncode:
            raise SystemExit(f"msgmerge failed on {po}: {done.stderr.decode()[-500:]}")


def _ours_all(catalogues: Path, templates: Path) -> None:
    done = subprocess.run([sys.executable, "-c", MERGE, str(templates), str(catalogues)], cwd=ROOT, capture_output=True)
    if done.returncode:
        raise SystemExit(f"update failed: {done.stderr.decode()[-2000:]}")


def _classes(path: Path) -> dict[tuple[str | None, str], str]:
    classes = {}
    for entry in load(path):
        if not entry.msgid and not entry.msgctxt:
            continue
        if entry.obsolete:
            kind = "obsolete"
        elif not (entry.msgstr or any(entry.msgstr_plural.values())):
            kind = "new"
        elif "fuzzy" in entry.flags:
            kind = "fuzzy"
        else:
            kind = "kept"
        classes[(entry.msgctxt, entry.msgid)] = kind
    return classes


def compare(ours: Path, gnu: Path) -> tuple[int, Counter[tuple[str, str]], dict[tuple[str, str], list[str]]]:
    """The entries compared, the count per (ours, msgmerge) class pair, and examples where they differ."""
    pairs: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], list[str]] = {}
    total = 0
    for path in sorted(ours.rglob("*.po")):
        name = path.relative_to(ours)
        mine, theirs = _classes(path), _classes(gnu / name)
        for key in mine.keys() | theirs.keys():
            pair = (mine.get(key, "dropped"), theirs.get(key, "dropped"))
            pairs[pair] += 1
            total += 1
            if pair[0] != pair[1] and len(examples.setdefault(pair, [])) < 3:
                examples[pair].append(f"{name}: {key[1][:70]!r}")
    return total, pairs, examples


def main() -> int:
    parser_args = arguments(__doc__, runs=3)
    if shutil.which("msgmerge") is None:
        print("msgmerge not found (apt-get install gettext)", file=sys.stderr)
        return 2
    with extracted(parser_args.corpus, below="original") as original:
        work = original.parent
        templates = work / "templates"
        edits = make_templates(original, templates, SHARE)
        messages = sum(1 for p in original.rglob("*.po") for e in load(p) if e.msgid and not e.obsolete)
        times: dict[str, list[float]] = {"msgmerge --previous": [], "python -m tools update (merge)": []}
        for run in range(parser_args.runs):
            for name, merge_all in (
                ("msgmerge --previous", _msgmerge_all),
                ("python -m tools update (merge)", _ours_all),
            ):
                target = work / f"{name.split()[0]}-{run}"
                shutil.copytree(original, target)
                start = time.perf_counter()
                merge_all(target, templates)
                times[name].append(time.perf_counter() - start)
        total, pairs, examples = compare(work / "python-0", work / "msgmerge-0")
        files = len(list(original.rglob("*.po")))
    print(
        f"{files} catalogues, {messages} messages; edited: " + ", ".join(f"{k} {v}" for k, v in sorted(edits.items()))
    )
    print(f"{parser_args.runs} runs each, one core, {os.cpu_count()} cores on the machine")
    gnu = statistics.median(times["msgmerge --previous"])
    print(f"{'tool':34} {'median s':>9} {'best s':>8} {'x msgmerge':>11}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:34} {median:9.2f} {min(values):8.2f} {median / gnu:11.2f}")
    same = sum(count for (mine, theirs), count in pairs.items() if mine == theirs)
    print(f"same decision: {same} of {total} entries ({100 * same / total:.2f} %)")
    print(f"{'ours':10} {'msgmerge':10} {'entries':>8}")
    for (mine, theirs), count in sorted(pairs.items(), key=lambda item: -item[1]):
        print(f"{mine:10} {theirs:10} {count:8}" + ("" if mine == theirs else "   e.g. " + examples[(mine, theirs)][0]))
    ours = statistics.median(times["python -m tools update (merge)"])
    print(f"target: at most 1.5 x msgmerge's time: {ours / gnu:.2f} x", "met" if ours <= 1.5 * gnu else "NOT MET")
    print(f"target: the same decision on at least 95 % of entries: {100 * same / total:.2f} %",
          "met" if same >= 0.95 * total else "NOT MET")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
