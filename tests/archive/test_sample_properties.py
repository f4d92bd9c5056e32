"""Property tests: generated case files round-trip, and wrong types are reported."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.sample import DEFAULT_AS_OF, generate_person
from archive.sample.writer import case_yaml
from forms import CaseFileError, load_case
from forms.casefile import CaseFile
from forms.loader import format_path

ENUM_KEYS = {
    "sex",
    "measure",
    "result",
    "missed_reason",
    "visit_kind",
    "period",
    "trigger",
    "grade",
    "risk",
    "sample_type",
    "role",
    "category",
    "direction",
}
"""Keys whose values are choices in every model that has them (``reason`` is not:
a plan revision's text and a suspension's choice share nothing else)."""

Loc = tuple[str | int, ...]

people = st.builds(
    lambda seed, number: generate_person(number, seed, DEFAULT_AS_OF).case,
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=1, max_value=16),
)


def _load_text(text: str) -> CaseFile:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.yaml"
        path.write_text(text, encoding="utf-8")
        return load_case(path)


def _leaves(data: Any, loc: Loc = ()) -> list[tuple[Loc, Any]]:
    if isinstance(data, dict):
        return [leaf for k, v in data.items() for leaf in _leaves(v, (*loc, k))]
    if isinstance(data, list):
        return [leaf for i, v in enumerate(data) for leaf in _leaves(v, (*loc, i))]
    return [(loc, data)]


def _mappings(data: Any, loc: Loc = ()) -> list[Loc]:
    found: list[Loc] = []
    if isinstance(data, dict):
        found.append(loc)
        for k, v in data.items():
            found += _mappings(v, (*loc, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            found += _mappings(v, (*loc, i))
    return found


def _set(data: Any, loc: Loc, value: Any) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def _get(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data[part]
    return data


@settings(max_examples=30, deadline=None)
@given(people)
def test_generated_case_round_trips_through_yaml(case: CaseFile) -> None:
    assert _load_text(case_yaml(case)) == case


@settings(max_examples=30, deadline=None)
@given(people, st.sampled_from(["date", "enum", "text", "unknown"]), st.data())
def test_a_wrong_type_is_reported_with_its_field_path(
    case: CaseFile, mutation: str, data: st.DataObject
) -> None:
    tree = yaml.safe_load(case_yaml(case))
    leaves = _leaves(tree)
    if mutation == "date":
        targets = [loc for loc, v in leaves if isinstance(v, dt.date)]
        loc = data.draw(st.sampled_from(targets))
        _set(tree, loc, 20250309)
    elif mutation == "enum":
        targets = [loc for loc, v in leaves if loc and loc[-1] in ENUM_KEYS]
        loc = data.draw(st.sampled_from(targets))
        _set(tree, loc, "bogus_value")
    elif mutation == "text":
        targets = [
            loc
            for loc, v in leaves
            if isinstance(v, str) and loc and loc[-1] not in ENUM_KEYS
        ]
        loc = data.draw(st.sampled_from(targets))
        _set(tree, loc, ["一", "二"])
    else:
        parent = data.draw(st.sampled_from(_mappings(tree)))
        _get(tree, parent)["bogus_field"] = "x"
        loc = (*parent, "bogus_field")

    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    try:
        _load_text(text)
    except CaseFileError as exc:
        assert format_path(loc) in {p.path for p in exc.problems}
    else:
        raise AssertionError(f"{format_path(loc)} mutated ({mutation}) but accepted")
