"""Fixtures of the validator tests: the national policy and a clean case file."""

from __future__ import annotations

import pytest

from forms import CaseFile
from tests.validators.builder import clean_case
from validators.policy import Policy, default_policy


@pytest.fixture
def policy() -> Policy:
    return default_policy()


@pytest.fixture
def case() -> CaseFile:
    return clean_case()
