"""The translation checks: the examples of CONTRIBUTING.md, the traps that must pass, the command line, robustness."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools.checks import Pair, Scope, check_catalogue, of_scope
from tools.checks.terms import find_dictionary, load_wordlist
from tools.glossary import load_glossary
from tools.links import counterparts

from helpers import ROOT, Result, run_in_process, says

GUIDE = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
ESCAPES = {"\\u202f": "\u202f", "\\u00a0": "\u00a0", "\\u200b": "\u200b", "\\n": "\n"}


def _unescape(text: str) -> str:
    for escape, char in ESCAPES.items():
        text = text.replace(escape, char)
    return text


def documented_examples() -> list[tuple[str, str, str, str, str]]:
    """(check id, fails|passes, language, msgid, msgstr) for every example in CONTRIBUTING.md."""
    examples = []
    check = None
    for line in GUIDE.splitlines():
        heading = re.match(r"### `([\w-]+)`", line)
        if heading:
            check = heading.group(1)
        example = re.match(r"- (fails|passes) \((\w+)\): ``(.*)`` → ``(.*)``$", line)
        if example and check:
            outcome, language, source, translation = example.groups()
            examples.append((check, outcome, language, _unescape(source), _unescape(translation)))
    return examples


EXAMPLES = documented_examples()


GLOSSARY = load_glossary(ROOT / "locale")
WORDS = load_wordlist(ROOT / "locale")


def findings(check: str, language: str, source: str, translation: str) -> list[str]:
    if check == "spelling" and find_dictionary(language) is None:
        pytest.skip(f"no Hunspell dictionary for {language} (apt-get install hunspell-{language})")
    links = counterparts(ROOT / "locale", language)
    # The examples of placeholders are interface messages (sphinx.po), the only ones the templates format.
    return says(check, source, translation, language, links, GLOSSARY, WORDS, interface=check == "placeholders")


MESSAGE_CHECKS = [check.id for check in of_scope(Scope.MESSAGE)]


def test_every_check_is_documented_with_a_failing_and_a_passing_example() -> None:
    for check in MESSAGE_CHECKS:
        outcomes = {outcome for c, outcome, *_ in EXAMPLES if c == check}
        assert outcomes == {"fails", "passes"}, check


@pytest.mark.parametrize(("check", "outcome", "language", "source", "translation"), EXAMPLES)
def test_documented_example(check: str, outcome: str, language: str, source: str, translation: str) -> None:
    found = findings(check, language, source, translation)
    if outcome == "fails":
        assert found, f"{check} should find something in {translation!r}"
    else:
        assert found == [], f"{check} should pass {translation!r}: {found}"


@pytest.mark.parametrize(
    ("source", "translation", "language"),
    [
        ("Why?", "Pourquoi\u202f?", "fr"),
        ("‘gender-sensitive training’", "«\u00a0formation sensible au genre\u00a0»", "fr"),
        ("See [a](http://a.org/1) and [b](http://a.org/2).", "Voir [b](http://a.org/2) et [a](http://a.org/1).", "fr"),
        ("*x* and **y**", "_x_ et __y__", "fr"),
        ("<http://gtcop.unwomen.org/>", "<http://gtcop.unwomen.org/>", "fr"),
        ("Visit http://a.org/?lang=en at 10:30.", "Visitez http://a.org/?lang=en à 10:30.", "fr"),
        ("**Key points:**", "**Puntos clave:**", "es"),
        ("What should be the priorities for +20?", "¿Cuáles deben ser las prioridades para +20?", "es"),
    ],
)
def test_traps_pass_every_check(source: str, translation: str, language: str) -> None:
    for check in (c for c in MESSAGE_CHECKS if c != "spelling"):
        assert findings(check, language, source, translation) == [], check


@pytest.mark.content
def test_project_catalogues_have_no_finding() -> None:
    done = run_in_process("check", "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr
    active = [f for f in json.loads(done.stdout)["findings"] if not f["suppressed"]]
    assert active == []


SAMPLE = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
    'msgid "Why?"\nmsgstr "Pourquoi?"\n\n'
    '#, ignore-punctuation\nmsgid "How?"\nmsgstr "Comment?"\n\n'
    'msgid "Summary"\nmsgstr "Résumé <script>alert(1)</script>"\n\n'
    '#, ignore-unsafe\nmsgid "Background"\nmsgstr "Introduction <iframe src=x></iframe>"\n\n'
    '#, fuzzy\nmsgid "Untouched?"\nmsgstr "Pas vérifié?"\n\n'
    'msgid "Not yet"\nmsgstr ""\n'
)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "fr" / "LC_MESSAGES" / "sample.po"
    path.parent.mkdir(parents=True)
    path.write_text(SAMPLE, "utf-8")
    return path


def run(*args: str) -> Result:
    return run_in_process("check", *args)


def test_findings_name_file_line_and_check(sample: Path) -> None:
    done = run(str(sample))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    line_of = {text: n for n, text in enumerate(SAMPLE.splitlines(), start=1)}
    why, summary, background = (line_of[f'msgid "{m}"'] for m in ("Why?", "Summary", "Background"))
    assert f"{sample}:{why}: WARNING: [punctuation] French puts a (no-break) space before '?': …Pourquoi?" in lines
    unsafe = [line for line in lines if "[unsafe]" in line]
    assert {line.split(":")[1] for line in unsafe} == {str(summary), str(background)}
    assert any("ignore-unsafe has no effect" in line for line in unsafe)
    assert not any("Comment?" in line or "vérifié" in line for line in lines)  # silenced and fuzzy


def test_json_marks_suppressed_findings(sample: Path) -> None:
    data = json.loads(run(str(sample), "--format", "json").stdout)
    assert data["version"] == 1
    suppressed = [f for f in data["findings"] if f["suppressed"]]
    assert [(f["check"], f["msgid"]) for f in suppressed] == [("punctuation", "How?")]
    unsafe = [f for f in data["findings"] if f["check"] == "unsafe"]
    assert unsafe and not any(f["suppressed"] for f in unsafe) and all(f["severity"] == "error" for f in unsafe)
    assert set(data["findings"][0]) == {"path", "line", "check", "severity", "message", "msgid", "suppressed", "fixed"}


def test_select_and_ignore(sample: Path) -> None:
    only = json.loads(run(str(sample), "--format", "json", "--select", "punctuation").stdout)["findings"]
    assert {f["check"] for f in only} == {"punctuation"}
    assert run(str(sample), "--select", "punctuation").returncode == 0  # warnings do not fail
    without = json.loads(run(str(sample), "--format", "json", "--ignore", "unsafe").stdout)["findings"]
    assert "unsafe" not in {f["check"] for f in without}
    bad = run(str(sample), "--select", "nonsense")
    assert bad.returncode == 2 and "unknown check nonsense" in bad.stderr


def test_github_annotations(sample: Path) -> None:
    lines = run(str(sample), "--format", "github").stdout.splitlines()
    assert any(line.startswith(f"::error file={sample},line=") and ",title=unsafe::" in line for line in lines)
    assert any(line.startswith("::warning ") and ",title=punctuation::" in line for line in lines)


def test_unreadable_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr b"\n')
    done = run(str(path))
    assert done.returncode == 2
    assert done.stdout.splitlines()[0] == f"{path}:6: ERROR: [syntax] msgstr: expected a string in double quotes"
    assert "Traceback" not in done.stderr


def test_file_level_header_findings(tmp_path: Path) -> None:
    path = tmp_path / "es" / "LC_MESSAGES" / "x.po"
    path.parent.mkdir(parents=True)
    path.write_bytes(
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    )
    found = check_catalogue(path, ("header",))
    assert [(f.line, f.severity) for f in found] == [(3, "error"), (1, "error"), (1, "warning")]
    assert "charset is ISO-8859-1" in found[0].message and "Language: es" in found[1].message


PIECES = [
    *"ab <>[]()`*_{}:;?!«»¿¡\u00a0\u202f\n\r\x1b\u202e#-=.1\\\"'é",
    *("javascript:", "http://x", "```", "{ref}", "**"),
]
texts = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(texts, texts, st.sampled_from(["fr", "es", "en"]))
def test_checks_never_crash(source: str, translation: str, language: str) -> None:
    pair = Pair(source, translation, language, {})
    for check in of_scope(Scope.MESSAGE):
        for message in check.messages(pair):
            # One line, and nothing a terminal acts on: no control character (an escape, a line break) and no
            # bidirectional override survives the check's own output filter.
            assert isinstance(message, str) and message
            assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", message), message


@pytest.mark.parametrize(
    ("check", "translation"),
    [
        ("unsafe", "Résumé <b title='\x1b]0;owned\x07'>x</b>"),
        ("unsafe", "Résumé <b>\x1b[2J\u202e</b>"),
        ("literals", "Résumé `\x1b[31mrm -rf`"),
    ],
)
def test_findings_quote_no_character_a_terminal_acts_on(check: str, translation: str) -> None:
    found = findings(check, "fr", "Summary", translation)
    assert found
    for message in found:
        assert not re.search(r"[\x00-\x1f\x7f\u202e]", message), message


@pytest.mark.parametrize("translation", ["Le big data : un enjeu", "Les métadonnées (metadata: auteur, date)"])
def test_a_word_before_a_colon_is_no_url_scheme(translation: str) -> None:
    assert not findings("unsafe", "fr", "Summary of the data: authors and dates", translation)
