"""Time ``python -m tools check`` over the 496 python-docs-fr catalogues, and count what it finds.

Those catalogues are reStructuredText, not MyST, so many findings are expected; this measures speed and
robustness (no exception, no unreadable file), against a target of 4 seconds on 2 cores.

    python benchmarks/checks.py [--runs 3] [--corpus PATH.tar.xz]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter

from corpus import ROOT, arguments, extracted

TARGET_SECONDS = 4.0


def main() -> int:
    args = arguments(__doc__, runs=3)
    with extracted(args.corpus) as folder:
        command = [sys.executable, "-m", "tools", "check", str(folder), "--format", "json"]
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
            times.append(time.perf_counter() - start)
            if done.returncode not in (0, 1) or "Traceback" in done.stderr:
                print(f"check failed with status {done.returncode}:\n{done.stderr[-2000:]}", file=sys.stderr)
                return 1
        findings = json.loads(done.stdout)["findings"]
        files = len(list(folder.rglob("*.po")))
    median = statistics.median(times)
    print(f"{files} catalogues, {args.runs} runs, {os.cpu_count()} cores")
    print(f"python -m tools check: median {median:.2f} s, best {min(times):.2f} s")
    print(
        f"{len(findings)} findings: "
        + ", ".join(f"{k} {v}" for k, v in Counter(f["check"] for f in findings).most_common())
    )
    print(f"target: under {TARGET_SECONDS:g} s:", "met" if median < TARGET_SECONDS else "NOT MET")
    return 0


if __name__ == "__main__":
    sys.exit(main())
