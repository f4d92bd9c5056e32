"""Stores of what the renderer worked out once, each holding a bounded number.

A worker building many people meets the forms' labels, cells and tables again
and again, and names, dates and records once each. Every store here keeps up
to its limit and then starts again empty: what recurs is soon back, and a
worker never holds everything it ever set.
"""

from __future__ import annotations

import weakref
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Kept(dict[K, V]):
    """A dict that :meth:`keep` empties when it holds ``limit`` entries."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        _every[id(self)] = self

    def keep(self, key: K, value: V) -> V:
        """Store ``value`` under ``key``, first emptying a full store; ``value``."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value


_every: weakref.WeakValueDictionary[int, Kept[Any, Any]] = weakref.WeakValueDictionary()


def forget() -> None:
    """Empty every store, as in a worker that has built no one yet.

    For measuring: a person built again in one process finds their own names
    and dates already worked out, which a build, meeting each person once,
    never does (``benchmarks/bench_build.py``).
    """
    for store in list(_every.values()):
        store.clear()
