"""Hypothesis: no valid case file makes the checker raise (drafts leave blanks)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms import CaseFile, Measure
from forms.choices import (
    EvaluationPeriod,
    LateReason,
    MissedReason,
    PoliceReportTrigger,
    TransferDirection,
    VisitKind,
    WarningTrigger,
)
from forms.choices import (
    TestResult as Result,
)
from forms.closing import (
    Evaluation,
    LateReportNotice,
    ReleaseNotice,
    Suspension,
    Termination,
)
from forms.intake import Agreement, Decision, Registration
from forms.movement import LeaveRequest, Transfer
from forms.supervision import (
    Absence,
    PoliceReport,
    Visit,
    WarningLetter,
)
from forms.supervision import Test as Row
from forms.supervision import TestNotice as Notice
from validators.check import check_case
from validators.due import due_items
from validators.findings import Stage
from validators.policy import default_policy

dates = st.one_of(st.none(), st.dates(dt.date(2003, 1, 1), dt.date(2030, 12, 31)))
small = st.one_of(st.none(), st.integers(0, 400))
nos = st.one_of(st.none(), st.integers(1, 30))


def opt(values):  # type: ignore[no-untyped-def]
    return st.one_of(st.none(), st.sampled_from(list(values)))


case_files = st.builds(
    CaseFile,
    measure=opt(Measure),
    decision=st.one_of(
        st.none(),
        st.builds(
            Decision,
            measure=opt(Measure),
            term_years=st.one_of(st.none(), st.integers(1, 3)),
            issue_date=dates,
            served_date=dates,
        ),
    ),
    registrations=st.lists(st.builds(Registration, report_date=dates), max_size=3),
    late_report=st.one_of(
        st.none(), st.builds(LateReportNotice, date=dates, reason=opt(LateReason))
    ),
    agreements=st.lists(
        st.builds(Agreement, signed_date=dates, term_start=dates, term_end=dates),
        max_size=2,
    ),
    visits=st.lists(
        st.builds(Visit, no=nos, date=dates, visit_kind=opt(VisitKind)), max_size=8
    ),
    test_notices=st.lists(
        st.builds(Notice, issue_date=dates, ad_hoc=st.booleans()), max_size=3
    ),
    tests=st.lists(
        st.builds(
            Row,
            no=nos,
            date=dates,
            result=opt(Result),
            missed_reason=opt(MissedReason),
        ),
        max_size=10,
    ),
    warning_letters=st.lists(
        st.builds(
            WarningLetter,
            trigger=opt(WarningTrigger),
            issue_date=dates,
            event_date=dates,
        ),
        max_size=3,
    ),
    police_reports=st.lists(
        st.builds(PoliceReport, date=dates, trigger=opt(PoliceReportTrigger)),
        max_size=3,
    ),
    absences=st.lists(
        st.builds(Absence, left_date=dates, return_date=dates, days=small), max_size=4
    ),
    leave_requests=st.lists(
        st.builds(
            LeaveRequest,
            application_date=dates,
            planned_departure=dates,
            planned_return=dates,
            actual_departure=dates,
            actual_return=dates,
            return_date=dates,
            days=small,
            approved=st.one_of(st.none(), st.booleans()),
            permit_date=dates,
        ),
        max_size=3,
    ),
    transfers=st.lists(
        st.builds(
            Transfer,
            direction=opt(TransferDirection),
            application_date=dates,
            approval_date=dates,
            letter_date=dates,
            new_report_date=dates,
            new_agreement_date=dates,
        ),
        max_size=2,
    ),
    evaluations=st.lists(
        st.builds(Evaluation, date=dates, period=opt(EvaluationPeriod), no=nos),
        max_size=5,
    ),
    suspensions=st.lists(st.builds(Suspension, start=dates, end=dates), max_size=3),
    release_notice=st.one_of(
        st.none(),
        st.builds(
            ReleaseNotice,
            issue_date=dates,
            release_date=dates,
            office_notified_date=dates,
        ),
    ),
    termination=st.one_of(st.none(), st.builds(Termination, date=dates)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=case_files,
    as_of=st.dates(dt.date(2004, 1, 1), dt.date(2030, 12, 31)),
    stage=st.sampled_from(list(Stage)),
)
def test_checker_never_raises_on_a_valid_case_file(
    case: CaseFile, as_of: dt.date, stage: Stage
) -> None:
    policy = default_policy()
    findings = check_case(case, "p001", policy, as_of, stage)
    for f in findings:
        assert f.as_dict("zh")["code"] == f.code
        assert f.message_zh and f.message_en
    due_items(case, policy, as_of, 30)
