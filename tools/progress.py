"""What the build is doing: a live table on a terminal, one line per event in a log."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

# What Sphinx says when it enters a stage, and how the display names it.
STAGES = (
    ("loading translations", "loading translations"),
    ("reading sources", "reading"),
    ("assembling single document", "assembling"),
    ("writing output", "writing"),
    ("writing additional pages", "writing"),
    ("copying static files", "copying files"),
    ("dumping search index", "indexing"),
    ("PDF written", "PDF written"),
)


def stage_of(line: str) -> str | None:
    for marker, stage in STAGES:
        if marker in line:
            return stage
    return None


class Progress:
    def __init__(self, tasks: list[str], stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.live = self.stream.isatty()
        self.tasks = tasks
        self.state = dict.fromkeys(tasks, "waiting")
        self.started: dict[str, float] = {}
        self.lock = threading.Lock()
        self.drawn = False

    def _draw(self) -> None:
        if self.drawn:
            self.stream.write(f"\x1b[{len(self.tasks)}F")
        for task in self.tasks:
            elapsed = f" {time.monotonic() - self.started[task]:5.1f} s" if task in self.started else ""
            self.stream.write(f"\x1b[2K  {task:<12} {self.state[task]}{elapsed}\n")
        self.stream.flush()
        self.drawn = True

    def update(self, task: str, state: str) -> None:
        with self.lock:
            if task not in self.started and state != "up to date":
                self.started[task] = time.monotonic()
            if self.state[task] == state:
                return
            self.state[task] = state
            if self.live:
                self._draw()
            elif state in ("starting", "done", "failed", "up to date"):  # a log keeps to what happened
                elapsed = f" ({time.monotonic() - self.started[task]:.1f} s)" if state in ("done", "failed") else ""
                self.stream.write(f"[{task}] {state}{elapsed}\n")
                self.stream.flush()
