"""Translation statistics: gettext's counting rules, every output format, the CI gate, broken input."""

from __future__ import annotations

import json
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from corpus import ARCHIVE, MSGFMT, extract, msgfmt_statistics

from tools.__main__ import main
from tools.catalogues import find_catalogues
from tools.stats import catalogue_stats, collect, count_words

from helpers import run_in_process, run_tools

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)
SAMPLE = HEADER + (
    '#: a.md:1\nmsgid "Translated message"\nmsgstr "Message traduit"\n\n'
    '#, fuzzy\nmsgid "Fuzzy message here"\nmsgstr "Message flou"\n\n'
    '#, fuzzy\nmsgid "Fuzzy but empty"\nmsgstr ""\n\n'
    'msgid "Not translated at all"\nmsgstr ""\n\n'
    'msgctxt "menu"\nmsgid "Translated message"\nmsgstr "Message traduit (menu)"\n\n'
    'msgid "one file"\nmsgid_plural "%d files"\nmsgstr[0] "un fichier"\nmsgstr[1] "%d fichiers"\n\n'
    'msgid "one page"\nmsgid_plural "%d pages"\nmsgstr[0] ""\nmsgstr[1] ""\n\n'
    '#~ msgid "Old message"\n#~ msgstr "Ancien message"\n\n'
    '#~ msgid "Another old one"\n#~ msgstr ""\n'
)


def write(tmp_path: Path, text: str, name: str = "fr/LC_MESSAGES/sample.po") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_counting_rules(tmp_path: Path) -> None:
    stats = catalogue_stats(write(tmp_path, SAMPLE))
    assert (stats.translated, stats.fuzzy, stats.untranslated, stats.obsolete) == (3, 1, 3, 2)
    assert stats.total == 7
    assert stats.percent == pytest.approx(300 / 7)
    assert stats.language == "fr"
    # Words left: "Fuzzy message here" (3) + "Fuzzy but empty" (3) + "Not translated at all" (4) + "one page" (2).
    assert stats.words_left == 12
    assert stats.first_incomplete_line == SAMPLE.splitlines().index('msgid "Fuzzy message here"') + 1


@pytest.mark.skipif(not MSGFMT, reason="GNU gettext's msgfmt is not installed (apt-get install gettext)")
def test_counting_rules_agree_with_msgfmt(tmp_path: Path) -> None:
    path = write(tmp_path, SAMPLE)
    stats = catalogue_stats(path)
    assert msgfmt_statistics(path) == (stats.translated, stats.fuzzy, stats.untranslated)


def test_words_are_counted_as_translators_count_them() -> None:
    assert count_words("A ‘gender-sensitive’ training, l’égalité des sexes: +20 (CoP).") == 8


@pytest.mark.skipif(not MSGFMT, reason="GNU gettext's msgfmt is not installed (apt-get install gettext)")
@pytest.mark.skipif(not ARCHIVE.exists(), reason=f"{ARCHIVE} is not beside this checkout")
def test_every_corpus_file_agrees_with_msgfmt(tmp_path: Path) -> None:
    files = find_catalogues([extract(tmp_path)])
    assert len(files) == 496
    stats, errors = collect(files)
    assert not errors
    with ThreadPoolExecutor() as pool:
        expected = dict(zip(files, pool.map(msgfmt_statistics, files), strict=True))
    disagree = [
        (s.path.relative_to(tmp_path), expected[s.path], (s.translated, s.fuzzy, s.untranslated))
        for s in stats
        if expected[s.path] != (s.translated, s.fuzzy, s.untranslated)
    ]
    assert not disagree, disagree[:5]
    assert sum(s.total for s in stats) == sum(sum(e) for e in expected.values() if e) == 55660


# Edits found in real corpora, each made to one file of the French Python documentation: (file, old, new, broken).
CORPUS_EDITS = [
    # Two header fields run together by a lost backslash, as in a python-docs-es catalogue.
    ("about.po", '8bit\\n"\n"X-Generator', "8bitnX-Generator", False),
    ("license.po", "#, fuzzy\n", '#," fuzzy\n', False),
    ("contents.po", 'msgstr ""\n', 'msgstr""\n', False),
    ("library/2to3.po", "#, fuzzy\n", "#, fuzzy\n#, python-format\n", False),
    ("glossary.po", '\nmsgstr "', "\nmsgstr ", True),  # a lost quote: msgfmt stops
]


@pytest.mark.skipif(not MSGFMT, reason="GNU gettext's msgfmt is not installed (apt-get install gettext)")
@pytest.mark.skipif(not ARCHIVE.exists(), reason=f"{ARCHIVE} is not beside this checkout")
def test_a_real_corpus_with_damage_agrees_with_msgfmt_and_names_the_broken_file(tmp_path: Path) -> None:
    """Stats over many files (worker processes) on a corpus with what real catalogues have: one file msgfmt
    refuses, four it reads though other tools would not. Exit 2, one line naming the broken file where msgfmt
    stops, a failed row for it; every other file counted exactly as msgfmt counts it."""
    root = extract(tmp_path)
    for name, old, new, _broken in CORPUS_EDITS:
        path = root / name
        text = path.read_text("utf-8")
        assert old in text, name
        path.write_text(text.replace(old, new, 1), "utf-8")
    broken = root / "glossary.po"
    stops = subprocess.run([str(MSGFMT), "-o", "/dev/null", str(broken)], capture_output=True, text=True).stderr
    line = int(re.search(r"glossary\.po:(\d+):", stops).group(1))
    done = run_tools("stats", str(root), "--format", "json", "--jobs", "2")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    (error,) = done.stderr.splitlines()
    assert error.startswith(f"{broken}:") and abs(int(error.split(":")[1]) - line) <= 1, (error, stops)
    files = {f["path"]: f for language in json.loads(done.stdout)["languages"] for f in language["files"]}
    assert len(files) == 496 and files[str(broken)]["readable"] is False
    with ThreadPoolExecutor() as pool:
        expected = dict(zip(files, pool.map(msgfmt_statistics, map(Path, files)), strict=True))
    disagree = {
        path: (expected[path], (f["translated"], f["fuzzy"], f["untranslated"]))
        for path, f in files.items()
        if f["readable"] and expected[path] != (f["translated"], f["fuzzy"], f["untranslated"])
    }
    assert disagree == {} and expected[str(broken)] is None
    warned = run_tools("check", "--select", "syntax", "--format", "json", str(root))
    findings = json.loads(warned.stdout)["findings"]
    flagged = {Path(f["path"]).relative_to(root).as_posix() for f in findings if f["severity"] == "warning"}
    assert {name for name, *_rest, is_broken in CORPUS_EDITS if not is_broken} - {"about.po"} <= flagged


ZH_ARCHIVE = ARCHIVE.with_name("real-myst-zh-po.tar.xz")


@pytest.mark.skipif(not MSGFMT, reason="GNU gettext's msgfmt is not installed (apt-get install gettext)")
@pytest.mark.skipif(not ZH_ARCHIVE.exists(), reason=f"{ZH_ARCHIVE} is not beside this checkout")
def test_two_real_myst_translations_with_their_broken_file(tmp_path: Path) -> None:
    """94 catalogues of two Chinese MyST projects, in domains below LC_MESSAGES; one msgfmt refuses."""
    import tarfile

    with tarfile.open(ZH_ARCHIVE) as archive:
        archive.extractall(tmp_path, filter="data")
    done = run_tools("stats", str(tmp_path), "--format", "json", "--jobs", "2")
    broken = tmp_path / "myst-parser/locales/zh_CN/LC_MESSAGES/syntax/typography.po"
    assert done.returncode == 2 and done.stderr.splitlines() == [f"{broken}:204: string is missing its closing quote"]
    (language,) = json.loads(done.stdout)["languages"]
    assert language["language"] == "zh_CN" and language["failed"] == 1 and len(language["files"]) == 94
    for row in language["files"]:
        counts = (row["translated"], row["fuzzy"], row["untranslated"]) if row["readable"] else None
        assert msgfmt_statistics(Path(row["path"])) == counts, row["path"]


@pytest.mark.content
def test_project_catalogues_pass_the_gate() -> None:
    done = run_in_process("stats", "--fail-under", "100")
    assert done.returncode == 0, done.stderr
    assert re.search(r"^es +all \d+ files +\d+ +\d+ +0 +0 +0 +100\.0%", done.stdout, re.MULTILINE)


def test_fail_under_names_the_language(tmp_path: Path) -> None:
    write(tmp_path, SAMPLE)
    complete = SAMPLE.split("#, fuzzy")[0]
    write(tmp_path, complete.replace('"Language: fr\\n"', '"Language: es\\n"'), "es/LC_MESSAGES/sample.po")
    done = run_in_process("stats", str(tmp_path), "--fail-under", "90")
    assert done.returncode == 1
    assert done.stderr.strip() == "error: fr is 42.9% translated, below 90%"
    assert run_in_process("stats", str(tmp_path), "--fail-under", "90", "--lang", "es").returncode == 0
    unknown = run_in_process("stats", str(tmp_path), "--lang", "de")
    assert (unknown.returncode, unknown.stderr.strip()) == (2, "error: no catalogues for de")


def test_json_schema(tmp_path: Path) -> None:
    write(tmp_path, SAMPLE)
    done = run_in_process("stats", str(tmp_path), "--format", "json")
    data = json.loads(done.stdout)
    assert data["version"] == 1 and data["errors"] == []
    [language] = data["languages"]
    assert language["language"] == "fr"
    counts = {k: language[k] for k in ("total", "translated", "fuzzy", "untranslated", "obsolete", "percent")}
    assert counts == {"total": 7, "translated": 3, "fuzzy": 1, "untranslated": 3, "obsolete": 2, "percent": 42.86}
    assert language["words"] == {"total": 18, "left": 12}
    [entry] = language["files"]
    assert entry["path"].endswith("fr/LC_MESSAGES/sample.po") and entry["total"] == 7


def test_markdown_table(tmp_path: Path) -> None:
    write(tmp_path, SAMPLE)
    lines = run_in_process("stats", str(tmp_path), "--format", "markdown").stdout.splitlines()
    assert lines[0].startswith("| Language | Translated |")
    assert lines[2].startswith("| Français (`fr`) | 3 / 7 | 1 | 3 | 2 |")
    assert "42.9%" in lines[2]
    assert any("sample.po" in line for line in lines[3:])


def test_github_annotations(tmp_path: Path) -> None:
    path = write(tmp_path, SAMPLE)
    done = run_in_process("stats", str(tmp_path), "--format", "github", "--fail-under", "100")
    lines = done.stdout.splitlines()
    line = SAMPLE.splitlines().index('msgid "Fuzzy message here"') + 1
    assert lines[0] == (
        f"::warning file={path},line={line},title=Translation (fr)::42.9%25 translated: "
        "3 untranslated, 1 fuzzy (12 words left)"
    )
    assert "::error title=Translation coverage::fr is 42.9%25 translated, below 100%25" in lines
    assert done.returncode == 1


def test_invalid_catalogue_is_reported_not_counted(tmp_path: Path) -> None:
    write(tmp_path, SAMPLE.replace('msgstr "Message traduit"', 'msgstr Message traduit"'))
    good = write(tmp_path, SAMPLE, "fr/LC_MESSAGES/good.po")
    done = run_in_process("stats", str(tmp_path), "--format", "json")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    line = SAMPLE.splitlines().index('msgstr "Message traduit"') + 1
    expected = f"{tmp_path}/fr/LC_MESSAGES/sample.po:{line}: msgstr: expected a string in double quotes"
    assert done.stderr.strip() == expected
    data = json.loads(done.stdout)
    files = {f["path"]: f for f in data["languages"][0]["files"]}
    broken = files[f"{tmp_path}/fr/LC_MESSAGES/sample.po"]
    assert broken["error"] == {"line": line, "message": "msgstr: expected a string in double quotes"}
    assert (broken["readable"], broken["total"], files[str(good)]["error"]) == (False, 0, None)
    assert data["languages"][0]["failed"] == 1 and data["languages"][0]["total"] == files[str(good)]["total"]
    assert data["errors"][0]["line"] == line
    text = run_in_process("stats", str(tmp_path))
    assert text.returncode == 2 and "all 2 files, 1 failed" in text.stdout and "FAILED" in text.stdout
    assert "100.0%" not in text.stdout


def test_missing_path(tmp_path: Path) -> None:
    done = run_in_process("stats", str(tmp_path / "nowhere"))
    assert (done.returncode, done.stderr.strip()) == (2, f"{tmp_path / 'nowhere'}: no such file or folder")


def test_language_from_folder_when_header_has_none(tmp_path: Path) -> None:
    path = write(tmp_path, SAMPLE.replace('"Language: fr\\n"\n', ""), "pt_BR/LC_MESSAGES/x.po")
    assert catalogue_stats(path).language == "pt_BR"
    assert main(["stats", str(tmp_path), "--lang", "pt_BR"]) == 0


@pytest.mark.parametrize(
    ("percent", "bar"),
    [(0, "░░░░░░░░░░"), (4.9, "░░░░░░░░░░"), (42.9, "████░░░░░░"), (97.0, "█████████░"), (99.99, "█████████░"),
     (100, "██████████")],
)  # fmt: skip
def test_a_markdown_bar_is_full_only_at_100_percent(percent: float, bar: str) -> None:
    """A bar rounds down: 97 % is nine tenths, never the full bar of a finished language."""
    from tools.stats_report import _bar

    assert _bar(percent) == bar


def test_a_language_without_catalogues_is_one_error_line(tmp_path: Path) -> None:
    write(tmp_path, SAMPLE)
    done = run_in_process("stats", str(tmp_path), "--lang", "xx")
    assert (done.returncode, done.stdout, done.stderr) == (2, "", "error: no catalogues for xx\n")


def test_root_may_follow_the_command(tmp_path: Path) -> None:
    """``--root`` before or after the command: the same run."""
    project = tmp_path / "project"
    write(project / "locale", SAMPLE)
    before = run_in_process("--root", str(project), "stats", "--format", "json")
    after = run_in_process("stats", "--format", "json", "--root", str(project))
    assert before.returncode == after.returncode == 0
    assert after.stdout == before.stdout and '"language": "fr"' in after.stdout
