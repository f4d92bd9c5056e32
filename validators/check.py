"""Checking a person's file, and the office: the entry points of the rules.

``check_case`` runs every person rule of the registry and returns their
findings, errors first. It never raises on a valid ``CaseFile``: a draft may
leave anything blank, and every rule skips what it cannot judge (the blank
itself is FIELD_MISSING's or DOC_MISSING's business).
"""

from __future__ import annotations

import datetime as dt

from forms import CaseFile, Office
from validators import (  # noqa: F401  (importing registers the rules)
    rules_breach,
    rules_documents,
    rules_fields,
    rules_leave,
    rules_report,
    rules_term,
    rules_tests,
    rules_transfer,
    rules_visits,
)
from validators.context import Context
from validators.findings import Finding, Stage
from validators.policy import Policy
from validators.registry import PERSON_RULES
from validators.rules_office import staff_ratio_30


def check_case(
    case: CaseFile,
    slug: str,
    policy: Policy,
    as_of: dt.date,
    stage: Stage | str = Stage.ongoing,
) -> list[Finding]:
    """Every finding about one person's file, errors first."""
    ctx = Context.build(case, slug, policy, as_of, Stage(stage))
    for entry in PERSON_RULES.values():
        entry.check(ctx)
    return sorted(ctx.found, key=Finding.sort_key)


def check_office(office: Office, n_people: int, policy: Policy) -> list[Finding]:
    """Archive-wide findings, reported once (STAFF_RATIO_30)."""
    return staff_ratio_30(office, n_people, policy)


def rule_codes() -> list[str]:
    """Codes with a registered rule: the person rules and the office rule."""
    return [*PERSON_RULES, "STAFF_RATIO_30"]
