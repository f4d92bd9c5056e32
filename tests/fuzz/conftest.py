"""Fuzzing with hypothesis: how many inputs, and the count of those tried.

``FUZZ_EXAMPLES`` sets the examples per test (default 300, what ``make test``
runs); the long run is ``FUZZ_EXAMPLES=10000 .venv/bin/python -m pytest
tests/fuzz -m fuzz``. The build fuzz runs a thirtieth of that (it is slower).
The inputs actually tried are counted and printed at the end of the session.
"""

from __future__ import annotations

import os
import time
from collections import Counter

import pytest

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
BUILD_EXAMPLES = max(10, EXAMPLES // 30)
TRIED: Counter[str] = Counter()
SECONDS: Counter[str] = Counter()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fuzz: hypothesis fuzzing (FUZZ_EXAMPLES)")


@pytest.fixture
def timed(request: pytest.FixtureRequest) -> object:
    started = time.perf_counter()
    yield None
    SECONDS[request.node.name] += time.perf_counter() - started


def pytest_terminal_summary(terminalreporter: object) -> None:
    if not TRIED:
        return
    write = getattr(terminalreporter, "write_line", print)
    for name, count in sorted(TRIED.items()):
        write(f"fuzz: {name}: {count} inputs")
    total = sum(SECONDS.values())
    write(f"fuzz: {sum(TRIED.values())} inputs in {total:.1f} s")
