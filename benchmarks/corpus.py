"""The python-docs-fr corpus the benchmarks read: where it is, and its extraction to a temporary folder."""

from __future__ import annotations

import argparse
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the project the benchmarks run

CORPUS = ROOT.parent / "shared" / "corpora" / "python-docs-fr-3.11-po.tar.xz"


def arguments(description: str | None, runs: int) -> argparse.Namespace:
    """``--runs`` and ``--corpus``; exits with status 2 when the corpus is not there."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        raise SystemExit(2)
    return args


@contextmanager
def extracted(archive: Path, below: str = "") -> Iterator[Path]:
    """The catalogues, extracted into a temporary folder (``below`` it), removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / below
        with tarfile.open(archive) as tar:
            tar.extractall(target, filter="data")
        yield target
