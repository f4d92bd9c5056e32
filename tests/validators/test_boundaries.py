"""The boundaries issue 5 names: each figure on both sides of its limit."""

from __future__ import annotations

import datetime as dt

import pytest

from forms import CaseFile, Office
from forms.choices import SuspensionReason
from forms.closing import Suspension
from forms.office import StaffMember
from tests.validators.builder import AS_OF, REPORT, clean_case
from tests.validators.cases import (
    absence,
    absences,
    leave,
    refusals,
    served_days_before,
)
from validators.calendar import add_workdays, term_end
from validators.check import check_case, check_office
from validators.policy import Policy
from validators.schedule import Activity, build_schedule

D = dt.date


def codes(case: CaseFile, policy: Policy) -> set[str]:
    return {f.code for f in check_case(case, "p001", policy, AS_OF)}


def test_report_on_day_15_passes(policy: Policy) -> None:
    case = served_days_before(clean_case(), 15)
    assert "REPORT_WITHIN_15_DAYS" not in codes(case, policy)


def test_report_on_day_16_fails(policy: Policy) -> None:
    case = served_days_before(clean_case(), 16)
    assert "REPORT_WITHIN_15_DAYS" in codes(case, policy)


@pytest.mark.parametrize(("days", "fires"), [(2, False), (3, True)])
def test_leave_of_3_days_needs_approval_and_2_does_not(
    days: int, fires: bool, policy: Policy
) -> None:
    case = clean_case()
    case.leave_requests.append(leave(days, approved=None))
    assert ("LEAVE_3_DAYS" in codes(case, policy)) is fires


@pytest.mark.parametrize(("days", "fires"), [(2, False), (3, True)])
def test_absence_of_3_days_is_a_breach_and_2_is_not(
    days: int, fires: bool, policy: Policy
) -> None:
    case = clean_case()
    case.absences.append(absence(D(2025, 8, 1), days))
    assert ("WARNING_TRIGGERS" in codes(case, policy)) is fires


@pytest.mark.parametrize(("days", "fires"), [(30, False), (31, True)])
def test_unauthorised_absence_over_30_days_is_serious(
    days: int, fires: bool, policy: Policy
) -> None:
    case = clean_case()
    absences(days)(case)
    assert ("SEVERE_ABSENCE_OVER_30D" in codes(case, policy)) is fires


@pytest.mark.parametrize(("n", "fires"), [(2, False), (3, True)])
def test_three_refused_tests_are_serious_and_two_are_not(
    n: int, fires: bool, policy: Policy
) -> None:
    case = clean_case()
    refusals(n)(case)
    assert ("SEVERE_TEST_REFUSAL_3" in codes(case, policy)) is fires


def test_term_end_moves_by_exactly_the_suspension_days(policy: Policy) -> None:
    plain = build_schedule(clean_case(), policy)
    case = clean_case()
    case.suspensions.append(
        Suspension(
            start=D(2025, 7, 1),
            end=D(2025, 7, 17),
            reason=SuspensionReason.administrative_detention,
        )
    )
    paused = build_schedule(case, policy)
    assert (paused.term_end - plain.term_end).days == 17
    assert term_end(REPORT, 3) == D(2028, 3, 8)


def test_window_overlapped_by_suspension_grows_and_later_ones_shift(
    policy: Policy,
) -> None:
    case = clean_case()
    case.suspensions.append(Suspension(start=D(2025, 4, 20), end=D(2025, 4, 29)))
    windows = build_schedule(case, policy).of(Activity.test)
    assert windows[1].start == D(2025, 4, 9)
    assert windows[1].end == D(2025, 5, 18)
    assert windows[2].start == D(2025, 5, 19)


def test_15th_working_day_skips_holiday_and_counts_make_up_saturday() -> None:
    # 国庆 2026: 10-1..10-7 off, Saturday 10-10 a working day (DOMAIN.md §5).
    assert add_workdays(D(2026, 9, 25), 15) == D(2026, 10, 22)
    # 春节 2026: Saturday 2-14 is a make-up working day.
    assert add_workdays(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert add_workdays(D(2026, 2, 14), 1) == D(2026, 2, 24)


def test_staff_ratio_at_30_per_worker(policy: Policy) -> None:
    one = [StaffMember(name="甲")]
    assert (
        check_office(
            Office(name="某办", registered_drug_users=30, staff=one), 0, policy
        )
        == []
    )
    short = check_office(
        Office(name="某办", registered_drug_users=31, staff=one), 0, policy
    )
    assert [f.code for f in short] == ["STAFF_RATIO_30"]
    two = [*one, StaffMember(name="乙")]
    assert (
        check_office(
            Office(name="某办", registered_drug_users=31, staff=two), 0, policy
        )
        == []
    )
    assert (
        check_office(Office(name="某办", staff=[]), 3, policy)[0].code
        == "STAFF_RATIO_30"
    )
