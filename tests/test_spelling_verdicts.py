"""The spelling verdicts kept between runs: the dictionary's own answers, read from it only for a new word."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools import spelling_verdicts
from tools.checks.terms import find_dictionary
from tools.spelling_verdicts import Verdicts

AFF = "SET UTF-8\nSFX S Y 1\nSFX S 0 s .\n"
DIC = "3\nhello/S\nworld\nl’égalité\n"


def _dictionary(folder: Path, dic: str = DIC) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "xx.aff").write_text(AFF, "utf-8")
    (folder / "xx.dic").write_text(dic, "utf-8")
    return folder / "xx"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PUBLICATION_CACHE_DIR", str(folder))
    return folder


def _loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The dictionaries spylls reads from now on."""
    from spylls.hunspell import Dictionary

    loaded: list[str] = []
    original = Dictionary.from_files.__func__

    def counting(cls, stem: str):
        loaded.append(stem)
        return original(cls, stem)

    monkeypatch.setattr(Dictionary, "from_files", classmethod(counting))
    return loaded


WORDS = [("hello", True), ("hellos", True), ("world", True), ("worlds", False), ("helo", False), ("l’égalité", True)]


@pytest.mark.parametrize(("word", "expected"), WORDS)
def test_a_verdict_is_the_dictionarys_first_and_from_the_cache_after(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, word: str, expected: bool
) -> None:
    stem = _dictionary(tmp_path / "dict")
    loaded = _loads(monkeypatch)
    first = Verdicts(stem)
    assert first.lookup(word) is expected and loaded == [str(stem)]
    first.save()
    again = Verdicts(stem)
    assert again.lookup(word) is expected and loaded == [str(stem)]  # not read again


def test_a_changed_dictionary_is_asked_again(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stem = _dictionary(tmp_path / "dict")
    first = Verdicts(stem)
    assert first.lookup("worlds") is False
    first.save()
    _dictionary(tmp_path / "dict", DIC.replace("3\n", "4\n") + "worlds\n")
    loaded = _loads(monkeypatch)
    assert Verdicts(stem).lookup("worlds") is True and loaded == [str(stem)]


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"hello": "yes", "helo": true}', ""])
def test_a_cache_file_that_says_anything_else_gives_the_dictionarys_verdicts(
    tmp_path: Path, cache: Path, content: str
) -> None:
    stem = _dictionary(tmp_path / "dict")
    path = cache / f"spelling-{spelling_verdicts._key(stem)}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, "utf-8")
    verdicts = Verdicts(stem)
    # A verdict of the wrong type is no verdict; a true one of the right type is kept, as written.
    assert verdicts.lookup("hello") is True and verdicts.lookup("worlds") is False
    verdicts.save()
    assert json.loads(path.read_text("utf-8"))["worlds"] is False


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("", "utf-8")
    monkeypatch.setenv("PUBLICATION_CACHE_DIR", str(blocked / "cache"))
    verdicts = Verdicts(_dictionary(tmp_path / "dict"))
    assert verdicts.lookup("hello") is True
    verdicts.save()  # no error: nothing kept


def test_verdicts_agree_with_spylls_on_every_word_of_the_french_catalogues(cache: Path) -> None:
    stem = find_dictionary("fr")
    if stem is None:
        pytest.skip("no French Hunspell dictionary (apt-get install hunspell-fr)")
    import polib
    from spylls.hunspell import Dictionary

    words = set()
    for path in Path(__file__).parent.parent.joinpath("locale", "fr", "LC_MESSAGES").glob("*.po"):
        for entry in polib.pofile(str(path)):
            words |= set(entry.msgstr.replace("*", " ").split())
    dictionary = Dictionary.from_files(str(stem))
    first = Verdicts(stem)
    expected = {word: bool(dictionary.lookup(word)) for word in words}
    assert {word: first.lookup(word) for word in words} == expected
    first.save()
    assert {word: Verdicts(stem).lookup(word) for word in words} == expected


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"PUBLICATION_CACHE_DIR": "/c", "XDG_CACHE_HOME": "/x", "HOME": "/h"}, "/c"),
        ({"XDG_CACHE_HOME": "/x", "HOME": "/h"}, "/x/publication-tools"),
        ({"HOME": "/h"}, "/h/.cache/publication-tools"),
    ],
)
def test_the_cache_folder(monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str) -> None:
    for name in ("PUBLICATION_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert spelling_verdicts.cache_folder() == Path(expected)
