"""The reviewer's table of verdicts that ``benchmarks/precision.py`` reads: one verdict per sampled finding, each
true or false with the reason in a few words, for a check that exists."""

from __future__ import annotations

import csv

from tools.checks import REGISTRY

from helpers import ROOT

TABLE = ROOT / "benchmarks" / "precision_verdicts.csv"


def test_every_verdict_is_true_or_false_with_its_reason_for_a_known_check() -> None:
    with TABLE.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert rows
    assert list(rows[0]) == ["corpus", "language", "check", "key", "verdict", "note"]
    keys = [(row["corpus"], row["key"]) for row in rows]
    assert len(keys) == len(set(keys))
    for row in rows:
        assert row["verdict"] in ("true", "false"), row
        assert row["check"] in REGISTRY, row
        assert row["note"].strip() and len(row["note"]) <= 120, row
        assert len(row["key"]) == 16 and int(row["key"], 16) >= 0, row
