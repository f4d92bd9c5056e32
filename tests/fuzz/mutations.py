"""Hypothesis strategies: broken bytes and structured mutations of case files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]

Path_ = tuple[str | int, ...]

NASTY_TEXT = st.sampled_from([
    "{{ 7*7 }}",
    "{% for x in range(10**9) %}x{% endfor %}",
    "{{ ''.__class__.__mro__ }}",
    "\x00\x07\x1b[31m",
    "\u202e\ufeff\u200b",
    "张" * 5000,
    "../../etc/passwd",
    "2025-02-30",
    "9999-12-31",
    "0000-01-01",
    "110101190001011234",
    "yes",
    "",
    " ",
])  # fmt: skip

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True),
    st.text(max_size=60),
    NASTY_TEXT,
    st.dates().map(lambda d: d.isoformat()),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def sample_data(relative: str) -> Any:
    return yaml.safe_load((REPO / relative).read_text(encoding="utf-8"))


def leaves(value: Any, where: Path_ = ()) -> list[Path_]:
    """Every path into a loaded YAML tree (mappings and lists), itself included."""
    found = [where]
    if isinstance(value, dict):
        for key, item in value.items():
            found += leaves(item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += leaves(item, (*where, index))
    return found


def mutate(data: Any, where: Path_, value: Any, delete: bool) -> Any:
    """A copy of ``data`` with the node at ``where`` replaced or removed."""
    if not where:
        return value
    head, rest = where[0], where[1:]
    if isinstance(data, dict):
        copy: Any = dict(data)
    else:
        copy = list(data)
    if rest:
        copy[head] = mutate(copy[head], rest, value, delete)
    elif delete:
        del copy[head]
    else:
        copy[head] = value
    return copy


def mutated_cases(data: Any) -> st.SearchStrategy[Any]:
    """One to three mutations of ``data`` at paths drawn from its tree."""
    paths = leaves(data)

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        current = data
        for _ in range(draw(st.integers(min_value=1, max_value=3))):
            where = draw(st.sampled_from(paths))
            try:
                current = mutate(current, where, draw(VALUES), draw(st.booleans()))
            except (KeyError, IndexError, TypeError):
                continue
        return current

    return build()


def broken_bytes(original: bytes) -> st.SearchStrategy[bytes]:
    """Random bytes, or the sample file cut, flipped or spliced."""
    size = len(original)

    @st.composite
    def edit(draw: st.DrawFn) -> bytes:
        data = bytearray(original)
        for _ in range(draw(st.integers(min_value=1, max_value=4))):
            at = draw(st.integers(min_value=0, max_value=max(0, len(data) - 1)))
            action = draw(st.sampled_from(["flip", "cut", "insert"]))
            if action == "flip" and data:
                data[at] ^= draw(st.integers(min_value=1, max_value=255))
            elif action == "cut":
                del data[at : at + draw(st.integers(min_value=1, max_value=200))]
            else:
                data[at:at] = draw(st.binary(min_size=1, max_size=40))
        return bytes(data)

    return st.one_of(st.binary(max_size=2048), edit()) if size else st.binary()
