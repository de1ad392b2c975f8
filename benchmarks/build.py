"""Time the build: the full parallel build against six sequential sphinx-build runs, a no-op rebuild, and a
rebuild after one catalogue changed. All in one run, on a copy of the project in a temporary folder.

    python benchmarks/build.py [--runs 2]

Targets on a 2-core machine: full build at most 0.45 x the sequential runs; no-op rebuild at most 0.15 x the
full build; one-catalogue rebuild at most 0.5 x the full build.
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

from corpus import ROOT

LANGUAGES = ("en", "es", "fr")


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:6])} failed:\n{done.stderr[-2000:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    results: dict[str, list[float]] = {"full": [], "sequential": [], "no-op": [], "one catalogue": []}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name in ("docs", "locale", "tools"):
            shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        tools = [sys.executable, "-m", "tools", "--root", str(root), "build"]
        catalogue = root / "locale" / "fr" / "LC_MESSAGES" / "index.po"
        for run in range(args.runs):
            shutil.rmtree(root / "build", ignore_errors=True)
            results["full"].append(timed(tools, ROOT))
            results["no-op"].append(timed(tools, ROOT))
            text = catalogue.read_text("utf-8")
            word = "Synthèse" if run % 2 == 0 else "Résumé"
            catalogue.write_text(
                text.replace('msgstr "Résumé"', f'msgstr "{word}"').replace('msgstr "Synthèse"', f'msgstr "{word}"')
            )
            results["one catalogue"].append(timed(tools, ROOT))
            sequential = 0.0
            plain = root / "plain"
            shutil.rmtree(plain, ignore_errors=True)
            for lang in LANGUAGES:
                for builder in ("html", "pdf"):
                    command = [sys.executable, "-m", "sphinx", "-b", builder, "-D", f"language={lang}", "-q"]
                    sequential += timed([*command, "docs", str(plain / builder / lang)], root)
            results["sequential"].append(sequential)
    full = statistics.median(results["full"])
    print(f"{args.runs} runs, {os.cpu_count()} cores, median wall time:")
    for name, times in results.items():
        print(f"  {name:<34} {statistics.median(times):6.2f} s   ({', '.join(f'{t:.2f}' for t in times)})")
    checks = [
        ("full build / six sequential sphinx-build runs", full / statistics.median(results["sequential"]), 0.45),
        ("no-op rebuild / full build", statistics.median(results["no-op"]) / full, 0.15),
        ("one-catalogue rebuild / full build", statistics.median(results["one catalogue"]) / full, 0.5),
    ]
    for label, ratio, target in checks:
        print(f"  {label:<48} {ratio:.2f} (target {target}) {'met' if ratio <= target else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
