"""The rule registry: one function per rule code.

A rule is registered with :func:`rule` and receives a
:class:`~validators.context.Context` (person rules) to which it adds findings.
``CODES`` lists every code the project defines (DOMAIN.md §2a plus DOC_MISSING,
FIELD_MISSING, SEQUENCE and NUMBERING); the tests hold the registry to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from validators.context import Context

PersonRule = Callable[[Context], None]

CODES = (
    "REPORT_WITHIN_15_DAYS",
    "LATE_REPORT_LEGIT_REASON",
    "LATE_NO_REASON_TO_POLICE",
    "TERM_SJ_3Y_FROM_REPORT",
    "TERM_SK_MAX_3Y",
    "AGREEMENT_AFTER_REPORT",
    "TEST_FREQ_SJ",
    "TEST_FREQ_SK",
    "TEST_SPOT_CHECKS",
    "TEST_TWO_STAFF",
    "VISIT_FREQ",
    "SELF_REPORT_FREQ",
    "MONTHLY_BANGJIAO",
    "EVAL_QUARTERLY",
    "EVAL_ANNUAL",
    "EVAL_TOTAL_16",
    "WARNING_TRIGGERS",
    "SEVERE_TEST_REFUSAL_3",
    "SEVERE_ABSENCE_3_TIMES",
    "SEVERE_ABSENCE_OVER_30D",
    "SEVERE_TO_POLICE",
    "LEAVE_3_DAYS",
    "LEAVE_1_DAY_AHEAD",
    "LEAVE_RETURN",
    "RELOC_APPROVAL_15_WORKDAYS",
    "RELOC_REPORT_15_DAYS",
    "RELOC_NEW_AGREEMENT",
    "SUSPEND_ON_CUSTODY",
    "TERMINATE_ON_SENTENCE",
    "RELEASE_ON_EXPIRY",
    "RELEASE_NOTIFY_7_DAYS",
    "STAFF_RATIO_30",
    "DOC_MISSING",
    "FIELD_MISSING",
    "SEQUENCE",
    "NUMBERING",
)
"""Every rule code, in the order of DOMAIN.md §2a, then the four general ones."""

OFFICE_CODES = ("STAFF_RATIO_30",)
"""Codes checked once per archive, not per person."""


@dataclass(frozen=True)
class Rule:
    code: str
    check: PersonRule


PERSON_RULES: dict[str, Rule] = {}


def rule(code: str) -> Callable[[PersonRule], PersonRule]:
    """Register ``check`` as the one rule of ``code``."""
    if code not in CODES:
        raise ValueError(f"unknown rule code {code}")

    def register(check: PersonRule) -> PersonRule:
        if code in PERSON_RULES:
            raise ValueError(f"rule code {code} registered twice")
        PERSON_RULES[code] = Rule(code, check)
        return check

    return register
