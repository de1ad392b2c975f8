"""Time ``python -m tools check`` on the project's own catalogues, as a translator runs it after each edit:
with nothing kept (the first run on a machine: no spelling verdicts, no English templates in
``build/templates``) and with what the run before kept (every run after, until the English or a dictionary
changes), alternating, each in a process of its own; wall time and peak memory.

    python benchmarks/check_project.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.extract import TEMPLATES_FOLDER

ROOT = Path(__file__).resolve().parent.parent
FIRST = "nothing (the first run)"
AFTER = "spelling verdicts, English templates"
TARGET_SECONDS = 1.0
TARGET_MB = 100


def _run(cache: Path, fresh: bool) -> tuple[float, float]:
    """Wall seconds and peak resident megabytes of one check."""
    if fresh:
        shutil.rmtree(ROOT / TEMPLATES_FOLDER, ignore_errors=True)
    env = {**os.environ, "PUBLICATION_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "tools", "check"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"check failed with status {process.returncode}: {process.stderr.read().decode()[-2000:]}")
    process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {FIRST: [], AFTER: []}
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):
            cold = Path(folder, f"cold-{run}")
            results[FIRST].append(_run(cold, fresh=True))
            results[AFTER].append(_run(cold, fresh=False))
    print(f"python -m tools check on the project, {args.runs} runs each, alternating, {os.cpu_count()} cores")
    print("| kept from the run before | median wall | peak memory |")
    print("| --- | --- | --- |")
    for name, runs in results.items():
        print(f"| {name} | {statistics.median(t for t, _ in runs):.2f} s | {max(m for _, m in runs):.0f} MB |")
    cold = statistics.median(t for t, _ in results[FIRST])
    warm = statistics.median(t for t, _ in results[AFTER])
    memory = max(m for _, m in results[AFTER])
    print(f"ratio: {warm / cold:.2f} × the first run")
    met = warm <= TARGET_SECONDS and memory <= TARGET_MB
    print(f"target: at most {TARGET_SECONDS:g} s and {TARGET_MB} MB after the first run:", "met" if met else "NOT MET")
    return 0


if __name__ == "__main__":
    sys.exit(main())
