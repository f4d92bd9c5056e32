"""A one-line progress bar on stderr: done/total, rate and time left.

Drawn only when stderr is a terminal, so logs and pipes stay clean; it is
redrawn at most ten times a second and erased when the run ends.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO


class Progress:
    """Count finished items of ``total``; draw the bar when ``stream`` is a tty."""

    def __init__(self, total: int, unit: str = "人", stream: TextIO | None = None):
        self.total = total
        self.unit = unit
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = total > 1 and self.stream.isatty()
        self._started = time.monotonic()
        self._drawn = 0.0

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.enabled and (now - self._drawn >= 0.1 or self.done >= self.total):
            self._drawn = now
            self.stream.write("\r" + self.line(now - self._started))
            self.stream.flush()

    def line(self, elapsed: float) -> str:
        """The bar for ``elapsed`` seconds, fitted to the terminal's width."""
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else None
        tail = (
            f" {self.done}/{self.total}  {rate:.1f} {self.unit}/秒  剩余 {_clock(left)}"
        )
        columns = shutil.get_terminal_size((80, 24)).columns
        width = max(10, min(40, columns - len(tail) * 2 - 4))
        filled = int(width * self.done / self.total) if self.total else width
        return f"[{'#' * filled}{'.' * (width - filled)}]{tail}"

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    whole = int(seconds + 0.5)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
