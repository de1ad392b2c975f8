"""The counts ``stats`` keeps between runs: the same as reading every file, for any change to a file or the cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tools import stats_cache
from tools.stats import collect
from tools.stats_cache import collect_cached

from helpers import run_in_process

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)
FILES = {
    "fr/LC_MESSAGES/done.po": HEADER + 'msgid "One"\nmsgstr "Un"\n',
    "fr/LC_MESSAGES/left.po": HEADER + 'msgid "One"\nmsgstr "Un"\n\n#, fuzzy\nmsgid "Two words"\nmsgstr "Deux"\n',
    "fr/LC_MESSAGES/broken.po": HEADER + 'msgid "One"\nmsgstr "Un"\nmsgstr "again"\n',
    "es/LC_MESSAGES/nocharset.po": 'msgid ""\nmsgstr "Language: es\\n"\n\nmsgid "One"\nmsgstr ""\n',
}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PUBLICATION_CACHE_DIR", str(folder))
    return folder


def _locale(root: Path) -> list[Path]:
    paths = []
    for name, text in FILES.items():
        path = root / "locale" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        paths.append(path)
    return sorted(paths)


def _key(stats):
    return sorted(stats, key=lambda s: str(s.path))


def _same(paths: list[Path]) -> None:
    """The cached reading says what reading every file says, errors included."""
    cached, cached_errors = collect_cached(paths, jobs=1)
    fresh, fresh_errors = collect(paths, jobs=1)
    assert _key(cached) == _key(fresh)
    assert [(e.path, e.line, e.message) for e in cached_errors] == [(e.path, e.line, e.message) for e in fresh_errors]


def _cache_file(cache: Path) -> Path:
    (found,) = cache.glob("stats-*.json")
    return found


def test_a_second_run_reads_no_catalogue_and_counts_the_same(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _locale(tmp_path)
    _same(paths)
    read: list[Path] = []
    original = stats_cache.collect

    def counting(missing, jobs=None):
        read.extend(missing)
        return original(missing, jobs)

    monkeypatch.setattr(stats_cache, "collect", counting)
    _same(paths)
    assert read == []


@pytest.mark.parametrize(
    "change",
    [
        'msgid "Three"\nmsgstr ""\n',  # one more untranslated message
        "\n",  # the same messages in other bytes: read again, the same counts
    ],
)
def test_a_changed_file_is_read_again(tmp_path: Path, cache: Path, change: str) -> None:
    paths = _locale(tmp_path)
    _same(paths)
    done = tmp_path / "locale/fr/LC_MESSAGES/done.po"
    stamp = done.stat()
    done.write_text(FILES["fr/LC_MESSAGES/done.po"] + "\n" + change, "utf-8")
    os.utime(done, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same time: the bytes decide, not the clock
    _same(paths)


def test_the_same_bytes_under_another_path_are_counted_for_that_path(tmp_path: Path, cache: Path) -> None:
    """The language comes from the folder when the header has none: a copy in es/ is Spanish."""
    paths = _locale(tmp_path)
    _same(paths)
    copy = tmp_path / "locale/es/LC_MESSAGES/done.po"
    copy.write_text(FILES["fr/LC_MESSAGES/done.po"].replace("Language: fr", "Language: es"), "utf-8")
    _same([*paths, copy])
    folder_only = tmp_path / "locale/de/LC_MESSAGES/x.po"
    folder_only.parent.mkdir(parents=True)
    folder_only.write_text(FILES["fr/LC_MESSAGES/done.po"].replace('"Language: fr\\n"\n', ""), "utf-8")
    _same([*paths, copy, folder_only])
    by_path = {s.path: s.language for s in collect_cached([*paths, copy, folder_only], jobs=1)[0]}
    assert (by_path[copy], by_path[folder_only]) == ("es", "de")


HOSTILE_CACHES = [
    b"",
    b"not json",
    b"[1, 2]",
    b'{"x": 1}',
    b"\xff\xfe",
]


@pytest.mark.parametrize("content", HOSTILE_CACHES)
def test_a_cache_file_that_is_not_one_is_ignored(tmp_path: Path, cache: Path, content: bytes) -> None:
    paths = _locale(tmp_path)
    _same(paths)
    _cache_file(cache).write_bytes(content)
    _same(paths)


ROW_CHANGES = [
    lambda row: row[:3],
    lambda row: [row[0], "error", *row[2:]],
    lambda row: [row[0], [1], *row[2:]],
    lambda row: [row[0], ["1", "x"], *row[2:]],
    lambda row: [row[0], row[1], 7, *row[3:]],
    lambda row: [row[0], row[1], row[2], "3", *row[4:]],
    lambda row: [row[0], row[1], row[2], True, *row[4:]],
    lambda row: [*row[:-2], "9", row[-1]],
    lambda row: [*row[:-1], 1],
    lambda row: {"row": row},
]


@pytest.mark.parametrize("change", ROW_CHANGES)
def test_a_malformed_row_is_read_again_not_believed(tmp_path: Path, cache: Path, change) -> None:
    paths = _locale(tmp_path)
    _same(paths)
    path = _cache_file(cache)
    rows = json.loads(path.read_bytes())
    path.write_text(json.dumps({key: change(row) for key, row in rows.items()}), "utf-8")
    _same(paths)


def test_a_row_for_other_bytes_is_not_believed(tmp_path: Path, cache: Path) -> None:
    """A row whose counts were changed by hand but whose hash still matches is all a cache can be fooled by:
    the cache is the user's own file. A row with another hash is never used."""
    paths = _locale(tmp_path)
    _same(paths)
    path = _cache_file(cache)
    rows = json.loads(path.read_bytes())
    for row in rows.values():
        row[0] = "0" * 64
        row[3] += 5  # "translated"
    path.write_text(json.dumps(rows), "utf-8")
    _same(paths)


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", "utf-8")
    monkeypatch.setenv("PUBLICATION_CACHE_DIR", str(blocked / "cache"))
    _same(_locale(tmp_path))


def test_no_cache_neither_reads_nor_writes_it(tmp_path: Path, cache: Path) -> None:
    _locale(tmp_path)
    plain = run_in_process("stats", "--no-cache", "--format", "json", root=tmp_path)
    assert not cache.exists()
    first = run_in_process("stats", "--format", "json", root=tmp_path)
    assert _cache_file(cache).is_file()
    rows = json.loads(_cache_file(cache).read_bytes())
    for row in rows.values():
        row[4] += 5  # a user's edit of the cache, matching hashes: --no-cache does not read it
    _cache_file(cache).write_text(json.dumps(rows), "utf-8")
    again = run_in_process("stats", "--no-cache", "--format", "json", root=tmp_path)
    assert plain.returncode == first.returncode == again.returncode == 2  # broken.po and nocharset.po
    assert plain.stdout == first.stdout == again.stdout
    assert plain.stderr == first.stderr == again.stderr


def test_old_rows_go_first_when_the_cache_is_full(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stats_cache, "MAX_FILES", 3)
    paths = _locale(tmp_path)
    collect_cached(paths[:2], jobs=1)
    collect_cached(paths[2:], jobs=1)
    kept = list(json.loads(_cache_file(cache).read_bytes()))
    assert kept == [str(p) for p in paths[1:]]
