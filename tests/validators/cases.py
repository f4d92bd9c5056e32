"""Pairs of case files per rule code: one that breaks the rule, one corrected.

Each function takes the as-of date and returns ``(broken, corrected)``; the
corrected file is the broken one with the one fix a clerk would make.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from forms import CaseFile, Measure
from forms.choices import (
    LateReason,
    MissedReason,
    PoliceReportTrigger,
    SuspensionReason,
    TerminationReason,
    TestResult,
    TransferDirection,
    WarningTrigger,
)
from forms.closing import LateReportNotice, ReleaseNotice, Suspension, Termination
from forms.movement import LeaveRequest, Transfer
from forms.supervision import Absence, PoliceReport, Test, TestNotice, WarningLetter
from tests.validators.builder import AS_OF, REPORT, SEAL, SIGNED, clean_case, signed
from validators.calendar import add_years

D = dt.date
Pair = tuple[CaseFile, CaseFile]
DAY = dt.timedelta(days=1)


def served_days_before(case: CaseFile, days: int) -> CaseFile:
    """Serve the decision ``days`` before the report (service day not counted)."""
    assert case.decision is not None
    served = REPORT - dt.timedelta(days=days)
    case.decision.issue_date = served - DAY
    case.decision.served_date = served
    return case


def police(day: dt.date, trigger: PoliceReportTrigger) -> PoliceReport:
    return PoliceReport(date=day, trigger=trigger, reported_to="某派出所")


def letter(day: dt.date, trigger: WarningTrigger, number: str) -> WarningLetter:
    return WarningLetter(
        number=number,
        trigger=trigger,
        event_date=day,
        issue_date=day,
        seal=SEAL,
        person_receipt=SIGNED,
    )


def refused(day: dt.date) -> Test:
    return Test(date=day, result=TestResult.missed, missed_reason=MissedReason.refused)


def absence(left: dt.date, days: int) -> Absence:
    return Absence(left_date=left, return_date=left + dt.timedelta(days=days - 1))


def pair(make: Callable[[CaseFile], None], fix: Callable[[CaseFile], None]) -> Pair:
    broken = clean_case()
    make(broken)
    corrected = clean_case()
    make(corrected)
    fix(corrected)
    return broken, corrected


def report_late() -> Pair:
    def make(c: CaseFile) -> None:
        served_days_before(c, 16)
        c.police_reports.append(police(REPORT, PoliceReportTrigger.refused_to_report))

    def fix(c: CaseFile) -> None:
        c.late_report = LateReportNotice(
            date=REPORT, reason=LateReason.serious_illness, proof="诊断证明"
        )

    return pair(make, fix)


def late_reason_without_proof() -> Pair:
    def make(c: CaseFile) -> None:
        served_days_before(c, 20)
        c.late_report = LateReportNotice(date=REPORT, reason=LateReason.bereavement)

    def fix(c: CaseFile) -> None:
        assert c.late_report is not None
        c.late_report.proof = "死亡证明"

    return pair(make, fix)


def late_without_reason() -> Pair:
    def make(c: CaseFile) -> None:
        served_days_before(c, 20)
        c.late_report = LateReportNotice(date=REPORT, reason_text="忘记了")

    def fix(c: CaseFile) -> None:
        c.police_reports.append(police(REPORT, PoliceReportTrigger.refused_to_report))

    return pair(make, fix)


def sj_term_years() -> Pair:
    def make(c: CaseFile) -> None:
        assert c.decision is not None
        c.decision.term_years = 2

    def fix(c: CaseFile) -> None:
        assert c.decision is not None
        c.decision.term_years = 3

    return pair(make, fix)


def sk_term() -> Pair:
    def build() -> CaseFile:
        c = clean_case(Measure.community_rehab, term_years=2)
        c.agreements[0].term_end = add_years(REPORT, 3) - DAY
        return c

    broken, corrected = build(), build()
    corrected.agreements[0].term_end = add_years(REPORT, 2) - DAY
    return broken, corrected


def agreement_before_report() -> Pair:
    def make(c: CaseFile) -> None:
        c.agreements[0].signed_date = REPORT - DAY

    def fix(c: CaseFile) -> None:
        c.agreements[0].signed_date = REPORT

    return pair(make, fix)


def drop(name: str, index: int, measure: Measure = Measure.community_treatment) -> Pair:
    broken, corrected = clean_case(measure), clean_case(measure)
    items = getattr(broken, name)
    removed = items.pop(index)
    if hasattr(removed, "no") and removed.no is not None:
        for later in items[index:]:
            later.no -= 1
    return broken, corrected


def drop_evaluation(period: str) -> Pair:
    broken, corrected = clean_case(), clean_case()
    first = next(i for i, e in enumerate(broken.evaluations) if e.period == period)
    broken.evaluations.pop(first)
    for k, e in enumerate(broken.evaluations, start=1):
        e.no = k
    return broken, corrected


def spot_check() -> Pair:
    day = D(2026, 4, 20)

    def make(c: CaseFile) -> None:
        c.test_notices.append(
            TestNotice(
                number="检通〔2026〕9号",
                ad_hoc=True,
                issue_date=day,
                seal=SEAL,
                person_receipt=SIGNED,
            )
        )

    def fix(c: CaseFile) -> None:
        c.tests.append(
            Test(
                date=day + DAY,
                sample_type=c.tests[0].sample_type,
                result=TestResult.negative,
                testers=["甲", "乙"],
                person_signature=SIGNED,
            )
        )

    return pair(make, fix)


def one_tester() -> Pair:
    def make(c: CaseFile) -> None:
        c.tests[0].testers = ["检测员甲"]

    def fix(c: CaseFile) -> None:
        c.tests[0].testers = ["检测员甲", "检测员乙"]

    return pair(make, fix)


def final_evaluation() -> Pair:
    as_of = D(2028, 4, 1)

    def build() -> CaseFile:
        c = clean_case(as_of=as_of)
        c.release_notice = release_notice(D(2028, 3, 9))
        return c

    broken, corrected = build(), build()
    broken.evaluations = [e for e in broken.evaluations if e.period != "final"]
    return broken, corrected


def release_notice(day: dt.date) -> ReleaseNotice:
    return ReleaseNotice(
        number="某公(禁)解字〔2028〕1号",
        period_start=REPORT,
        period_end=add_years(REPORT, 3) - DAY,
        release_date=day,
        issue_date=day,
        seal=SEAL,
        person_receipt=signed(day),
        family_receipt=signed(day),
        office_notified_date=day,
        deciding_organ_notified_date=day,
    )


def warning_missing() -> Pair:
    day = D(2026, 1, 20)
    return pair(
        lambda c: c.tests.append(refused(day)),
        lambda c: c.warning_letters.append(
            letter(day, WarningTrigger.test_refused, "1")
        ),
    )


def refusals(n: int) -> Callable[[CaseFile], None]:
    def make(c: CaseFile) -> None:
        for k in range(n):
            day = D(2025, 10, 10) + dt.timedelta(days=20 * k)
            c.tests.append(refused(day))
            c.warning_letters.append(letter(day, WarningTrigger.test_refused, str(k)))

    return make


def three_refusals() -> Pair:
    return pair(
        refusals(3),
        lambda c: c.police_reports.append(
            police(D(2026, 1, 1), PoliceReportTrigger.serious_breach)
        ),
    )


def absences(*lengths: int) -> Callable[[CaseFile], None]:
    def make(c: CaseFile) -> None:
        for k, days in enumerate(lengths):
            left = D(2025, 8, 1) + dt.timedelta(days=60 * k)
            c.absences.append(absence(left, days))
            trigger = WarningTrigger.unauthorised_absence
            c.warning_letters.append(letter(left, trigger, f"A{k}"))

    return make


def reported_breach(c: CaseFile) -> None:
    c.police_reports.append(police(D(2026, 3, 1), PoliceReportTrigger.serious_breach))


def positive_test() -> Pair:
    day = D(2025, 12, 1)

    def make(c: CaseFile) -> None:
        t = next(t for t in c.tests if t.date == day or (t.date and t.date > day))
        t.result = TestResult.positive

    def fix(c: CaseFile) -> None:
        c.police_reports.append(police(D(2026, 1, 1), PoliceReportTrigger.relapse))

    return pair(make, fix)


def leave(days: int, approved: bool | None, applied_ahead: int = 2) -> LeaveRequest:
    left = D(2026, 3, 10)
    return LeaveRequest(
        application_date=left - dt.timedelta(days=applied_ahead),
        planned_departure=left,
        planned_return=left + dt.timedelta(days=days - 1),
        actual_departure=left,
        actual_return=left + dt.timedelta(days=days - 1),
        return_date=left + dt.timedelta(days=days - 1),
        approved=approved,
        approver=signed(left - DAY) if approved else signed(),
        office_seal=SEAL,
        permit_number="准〔2026〕1号" if approved else None,
        person_signature=SIGNED,
    )


def leave_unapproved() -> Pair:
    broken, corrected = clean_case(), clean_case()
    broken.leave_requests.append(leave(3, approved=None))
    corrected.leave_requests.append(leave(3, approved=True))
    return broken, corrected


def leave_same_day() -> Pair:
    broken, corrected = clean_case(), clean_case()
    broken.leave_requests.append(leave(5, True, applied_ahead=0))
    broken.leave_requests[0].approver = signed(D(2026, 3, 10))
    corrected.leave_requests.append(leave(5, True, applied_ahead=1))
    return broken, corrected


def leave_not_closed() -> Pair:
    broken, corrected = clean_case(), clean_case()
    broken.leave_requests.append(leave(5, True))
    broken.leave_requests[0].return_date = None
    corrected.leave_requests.append(leave(5, True))
    return broken, corrected


def transfer(applied: dt.date, approved: dt.date, report_after: int) -> Transfer:
    return Transfer(
        direction=TransferDirection.incoming,
        application_date=applied,
        new_place="某街道",
        approval_date=approved,
        letter_date=approved,
        new_report_date=approved + dt.timedelta(days=report_after),
        new_agreement_date=approved + dt.timedelta(days=report_after),
    )


def late_approval() -> Pair:
    broken, corrected = (
        clean_case(as_of=D(2026, 12, 1)),
        clean_case(as_of=D(2026, 12, 1)),
    )
    broken.transfers.append(transfer(D(2026, 9, 25), D(2026, 10, 23), 1))
    corrected.transfers.append(transfer(D(2026, 9, 25), D(2026, 10, 22), 1))
    return broken, corrected


def late_new_report() -> Pair:
    broken, corrected = clean_case(), clean_case()
    broken.transfers.append(transfer(D(2026, 1, 5), D(2026, 1, 9), 16))
    corrected.transfers.append(transfer(D(2026, 1, 5), D(2026, 1, 9), 15))
    return broken, corrected


def no_new_agreement() -> Pair:
    broken, corrected = clean_case(), clean_case()
    broken.transfers.append(transfer(D(2026, 1, 5), D(2026, 1, 9), 3))
    broken.transfers[0].new_agreement_date = None
    corrected.transfers.append(transfer(D(2026, 1, 5), D(2026, 1, 9), 3))
    return broken, corrected


def custody_without_suspension() -> Pair:
    day = D(2026, 5, 20)
    custody = Test(
        date=day, result=TestResult.missed, missed_reason=MissedReason.in_custody
    )
    broken = clean_case()
    broken.tests.append(custody)
    corrected = clean_case(as_of=D(2026, 5, 15))
    corrected.suspensions.append(
        Suspension(
            start=D(2026, 5, 16), end=D(2026, 5, 25), reason=SuspensionReason.arrest
        )
    )
    corrected.tests.append(custody)
    return broken, corrected


def release_after_termination() -> Pair:
    ended = Termination(date=D(2026, 5, 1), reason=TerminationReason.prison_sentence)
    broken = clean_case(as_of=D(2026, 5, 1))
    broken.termination = ended
    broken.release_notice = release_notice(D(2026, 5, 1))
    corrected = clean_case(as_of=D(2026, 5, 1))
    corrected.termination = ended
    return broken, corrected


def early_release() -> Pair:
    as_of = D(2028, 4, 1)
    broken, corrected = clean_case(as_of=as_of), clean_case(as_of=as_of)
    broken.release_notice = release_notice(D(2028, 3, 1))
    corrected.release_notice = release_notice(D(2028, 3, 9))
    return broken, corrected


def late_notification() -> Pair:
    broken, corrected = early_release()
    assert corrected.release_notice is not None
    broken.release_notice = release_notice(D(2028, 3, 9))
    broken.release_notice.office_notified_date = D(2028, 3, 17)
    corrected.release_notice.office_notified_date = D(2028, 3, 16)
    return broken, corrected


def no_plan() -> Pair:
    broken = clean_case()
    broken.plan = None
    return broken, clean_case()


def blank_number() -> Pair:
    broken = clean_case()
    assert broken.decision is not None
    broken.decision.number = None
    return broken, clean_case()


def future_visit() -> Pair:
    broken = clean_case()
    broken.visits[-1].date = AS_OF + DAY
    return broken, clean_case()


def repeated_number() -> Pair:
    broken = clean_case()
    broken.visits[1].no = 1
    broken.visits[2].no = 2
    broken.visits[3].no = 2
    return broken, clean_case()


PAIRS: dict[str, Callable[[], Pair]] = {
    "REPORT_WITHIN_15_DAYS": report_late,
    "LATE_REPORT_LEGIT_REASON": late_reason_without_proof,
    "LATE_NO_REASON_TO_POLICE": late_without_reason,
    "TERM_SJ_3Y_FROM_REPORT": sj_term_years,
    "TERM_SK_MAX_3Y": sk_term,
    "AGREEMENT_AFTER_REPORT": agreement_before_report,
    "TEST_FREQ_SJ": lambda: drop("tests", 2),
    "TEST_FREQ_SK": lambda: drop("tests", 2, Measure.community_rehab),
    "TEST_SPOT_CHECKS": spot_check,
    "TEST_TWO_STAFF": one_tester,
    "VISIT_FREQ": lambda: drop("visits", 2),
    "SELF_REPORT_FREQ": lambda: drop("self_reports", 2),
    "MONTHLY_BANGJIAO": lambda: drop("mentoring", 2),
    "EVAL_QUARTERLY": lambda: drop_evaluation("quarterly"),
    "EVAL_ANNUAL": lambda: drop_evaluation("annual"),
    "EVAL_TOTAL_16": final_evaluation,
    "WARNING_TRIGGERS": warning_missing,
    "SEVERE_TEST_REFUSAL_3": three_refusals,
    "SEVERE_ABSENCE_3_TIMES": lambda: pair(absences(5, 5, 5), reported_breach),
    "SEVERE_ABSENCE_OVER_30D": lambda: pair(absences(31), reported_breach),
    "SEVERE_TO_POLICE": positive_test,
    "LEAVE_3_DAYS": leave_unapproved,
    "LEAVE_1_DAY_AHEAD": leave_same_day,
    "LEAVE_RETURN": leave_not_closed,
    "RELOC_APPROVAL_15_WORKDAYS": late_approval,
    "RELOC_REPORT_15_DAYS": late_new_report,
    "RELOC_NEW_AGREEMENT": no_new_agreement,
    "SUSPEND_ON_CUSTODY": custody_without_suspension,
    "TERMINATE_ON_SENTENCE": release_after_termination,
    "RELEASE_ON_EXPIRY": early_release,
    "RELEASE_NOTIFY_7_DAYS": late_notification,
    "DOC_MISSING": no_plan,
    "FIELD_MISSING": blank_number,
    "SEQUENCE": future_visit,
    "NUMBERING": repeated_number,
}
"""Every person rule code, with its broken and corrected file."""

AS_OF_FOR = {
    "EVAL_TOTAL_16": D(2028, 4, 1),
    "RELEASE_ON_EXPIRY": D(2028, 4, 1),
    "RELEASE_NOTIFY_7_DAYS": D(2028, 4, 1),
    "RELOC_APPROVAL_15_WORKDAYS": D(2026, 12, 1),
    "TERMINATE_ON_SENTENCE": D(2026, 5, 2),
}
"""As-of dates other than the builder's for the cases that need one."""
