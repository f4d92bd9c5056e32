"""Every rule code fires on a file that breaks it and is silent once corrected."""

from __future__ import annotations

import pytest

from tests.validators.builder import AS_OF
from tests.validators.cases import AS_OF_FOR, PAIRS
from validators.check import check_case, rule_codes
from validators.findings import Severity, Stage
from validators.policy import Policy
from validators.registry import CODES


def codes(findings: list) -> set[str]:  # type: ignore[type-arg]
    return {f.code for f in findings}


def test_every_code_has_exactly_one_rule() -> None:
    assert sorted(rule_codes()) == sorted(CODES)
    assert len(rule_codes()) == len(set(rule_codes()))


def test_every_person_code_has_a_broken_and_corrected_case() -> None:
    assert set(PAIRS) == set(CODES) - {"STAFF_RATIO_30"}


@pytest.mark.parametrize("code", sorted(PAIRS))
def test_rule_fires_on_broken_file(code: str, policy: Policy) -> None:
    broken, _ = PAIRS[code]()
    as_of = AS_OF_FOR.get(code, AS_OF)
    found = check_case(broken, "p001", policy, as_of, Stage.ongoing)
    assert code in codes(found)
    hit = next(f for f in found if f.code == code)
    assert hit.person == "p001"
    assert hit.message_zh and hit.message_en


@pytest.mark.parametrize("code", sorted(PAIRS))
def test_corrected_file_passes(code: str, policy: Policy) -> None:
    _, corrected = PAIRS[code]()
    as_of = AS_OF_FOR.get(code, AS_OF)
    found = check_case(corrected, "p001", policy, as_of, Stage.ongoing)
    errors = [f"{f.code} {f.message_zh}" for f in found if f.severity is Severity.error]
    assert code not in codes(found)
    assert errors == []
