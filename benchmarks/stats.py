"""Time ``python -m tools stats`` against potodo, ``sphinx-intl stat`` and ``msgfmt --statistics``.

Ours runs twice: reading every file (``--no-cache``), and with the counts the run before kept, as a
translator's next run finds them.

All four read the same 496 catalogues of the python-docs-fr corpus, extracted to a temporary folder, in the same
run, alternating so that a busy moment of the machine does not favour one tool. msgfmt reads one file per
process, so it runs over all cores at once, as a CI job would run it. Each tool runs cold (potodo without its
cache). Peak memory is the resident size of the largest process a tool started.

    python benchmarks/stats.py [--runs 5] [--corpus PATH.tar.xz]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time

from corpus import ROOT, arguments, extracted

# Runs a command; prints its status, the peak resident size (kB) of the largest process it started, and the
# CPU seconds all of them used.
PEAK = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(done.returncode, use.ru_maxrss, use.ru_utime + use.ru_stime)\n"
)
MSGFMT_ALL = (
    "import os, subprocess, sys\n"
    "from concurrent.futures import ThreadPoolExecutor\n"
    "def one(path):\n"
    "    return subprocess.run(['msgfmt', '--statistics', '-o', os.devnull, path], capture_output=True).returncode\n"
    "with ThreadPoolExecutor(os.cpu_count()) as pool:\n"
    "    sys.exit(max(pool.map(one, sys.argv[1:])))\n"
)


def measure(command: list[str]) -> tuple[float, int, float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *command], capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    status, peak, cpu = done.stdout.split()
    if int(status) not in (0, 1):  # potodo and msgfmt exit 1 on some inputs without failing
        raise SystemExit(f"{command[:4]} failed with status {status}")
    return elapsed, int(peak), float(cpu)


def main() -> int:
    args = arguments(__doc__, runs=5)
    # sphinx-intl looks for <locale>/<language>/
    with extracted(args.corpus, below="locale/fr") as target:
        locale = target.parent
        files = sorted(str(p) for p in target.rglob("*.po"))
        ours = [sys.executable, "-m", "tools", "stats", str(target), "--format", "json"]
        tools = {
            "python -m tools stats --no-cache": [*ours, "--no-cache"],
            # The counts of the run before, as a translator's next run finds them (a cache folder of its own).
            "python -m tools stats (counts kept)": ours,
            "potodo --no-cache": [sys.executable, "-m", "potodo", "-p", str(target), "--no-cache", "-n", "-j"],
            "sphinx-intl stat": [sys.executable, "-m", "sphinx_intl", "stat", "-d", str(locale), "-l", "fr"],
        }
        if shutil.which("msgfmt"):
            tools[f"msgfmt --statistics (x{os.cpu_count()})"] = [sys.executable, "-c", MSGFMT_ALL, *files]
        else:
            print("msgfmt not found (apt-get install gettext): left out", file=sys.stderr)
        os.environ["PUBLICATION_CACHE_DIR"] = str(target.parent / "cache")
        measure(ours)  # the run before
        times: dict[str, list[float]] = {name: [] for name in tools}
        cpus: dict[str, list[float]] = {name: [] for name in tools}
        peaks: dict[str, int] = dict.fromkeys(tools, 0)
        for _ in range(args.runs):
            for name, command in tools.items():
                elapsed, peak, cpu = measure(command)
                times[name].append(elapsed)
                cpus[name].append(cpu)
                peaks[name] = max(peaks[name], peak)
    cold = statistics.median(times["python -m tools stats --no-cache"])
    kept = statistics.median(times["python -m tools stats (counts kept)"])
    print(f"{len(files)} catalogues, {args.runs} runs each, {os.cpu_count()} cores")
    print(f"{'tool':36} {'median s':>9} {'best s':>8} {'ratio to ours':>14} {'CPU s':>6} {'peak MB':>8}")
    for name in tools:
        median, cpu = statistics.median(times[name]), statistics.median(cpus[name])
        row = f"{median:9.2f} {min(times[name]):8.2f} {median / cold:14.2f} {cpu:6.2f} {peaks[name] / 1024:8.1f}"
        print(f"{name:36} {row}")
    print("(ratio to ours: to python -m tools stats --no-cache)")
    potodo = statistics.median(times["potodo --no-cache"])
    print(f"target: at most 0.5 x potodo --no-cache, reading every file: {cold / potodo:.2f} x",
          "met" if cold <= 0.5 * potodo else "NOT MET")  # fmt: skip
    msgfmt = next((statistics.median(t) for name, t in times.items() if name.startswith("msgfmt")), None)
    if msgfmt is not None:
        for label, ours in (("reading every file", cold), ("counts kept from the run before", kept)):
            verdict = "met" if ours <= 0.6 * msgfmt else "NOT MET"
            print(f"target: at most 0.6 x msgfmt --statistics, {label}: {ours / msgfmt:.2f} x", verdict)
    peak = max(peaks["python -m tools stats --no-cache"], peaks["python -m tools stats (counts kept)"]) / 1024
    print(f"target: peak memory under 100 MB: {peak:.1f} MB", "met" if peak < 100 else "NOT MET")
    return 0


if __name__ == "__main__":
    sys.exit(main())
