"""The loader and the checker meet broken input with their own errors only."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from forms import CaseFile, CaseFileError, load_case
from tests.fuzz.conftest import EXAMPLES, TRIED
from tests.fuzz.mutations import REPO, broken_bytes, mutated_cases, sample_data
from validators import default_policy
from validators.check import check_case

pytestmark = pytest.mark.fuzz

SAMPLE = "sample_archive/p003/case.yaml"
POLICY = default_policy()
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
SCRATCH = Path(tempfile.mkdtemp(prefix="rehab-fuzz-"))


def load_and_check(data: bytes, counter: str) -> None:
    TRIED[counter] += 1
    path = SCRATCH / "case.yaml"
    path.write_bytes(data)
    try:
        case = load_case(path)
    except CaseFileError as exc:
        assert exc.problems and all(p.message("zh") for p in exc.problems)
        return
    assert isinstance(case, CaseFile)
    for as_of in (dt.date(2026, 12, 1), dt.date(2000, 1, 1)):
        findings = check_case(case, "p003", POLICY, as_of)
        assert all(f.code and f.message for f in findings)


@FUZZ
@given(broken_bytes((REPO / SAMPLE).read_bytes()))
def test_broken_bytes_give_case_file_errors(timed: None, data: bytes) -> None:
    load_and_check(data, "load+check (bytes)")


@FUZZ
@given(mutated_cases(sample_data(SAMPLE)))
def test_mutated_case_files_give_case_file_errors(timed: None, data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    load_and_check(text.encode("utf-8"), "load+check (structured)")


def test_unknown_key_with_bracket_is_a_case_file_error() -> None:
    """Found by the 10,000-input run: such a key once raised IndexError."""
    load_and_check(b"s[hema_version: 1\n", "regression")
