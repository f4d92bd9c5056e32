"""报到 and the agreement: 戒毒条例 art. 14, 16, 38.

- REPORT_WITHIN_15_DAYS: the report is due within ``report_days`` of the day
  the decision was served, that day not counted (民法典 art. 201); a later
  report with no 逾期报到告知书 on file is an error.
- LATE_REPORT_LEGIT_REASON: a late report's 告知书 gives a reason the policy
  does not accept, or an accepted reason without proof (warning).
- LATE_NO_REASON_TO_POLICE: a late report (or none at all past the deadline)
  with no accepted reason counts as refusal (条例 art. 14; 禁毒法 art. 38(1)):
  a report to the police dated on or after the deadline must exist.
- AGREEMENT_AFTER_REPORT: the first agreement is signed on or after the
  report date (条例 art. 16 "及时"), within ``agreement_max_days`` if set.
"""

from __future__ import annotations

import datetime as dt

from forms import DocumentKind
from forms.choices import PoliceReportTrigger
from validators.calendar import next_workday
from validators.context import Context
from validators.findings import Severity
from validators.registry import rule
from validators.schedule import zh_date


def report_deadline(ctx: Context) -> dt.date | None:
    """The last day to report, or None while the decision is not served."""
    decision = ctx.case.decision
    if decision is None or decision.served_date is None:
        return None
    deadline = decision.served_date + dt.timedelta(days=ctx.policy.report_days)
    if ctx.policy.report_deadline_skips_holiday:
        deadline = next_workday(deadline)
    return deadline


def _late(ctx: Context) -> tuple[dt.date, dt.date | None] | None:
    """(deadline, report date or None) when the report is late as of today."""
    deadline = report_deadline(ctx)
    if deadline is None:
        return None
    report = ctx.case.report_date
    if report is not None:
        return (deadline, report) if report > deadline else None
    return (deadline, None) if ctx.as_of > deadline else None


def _accepted_reason(ctx: Context) -> bool:
    notice = ctx.case.late_report
    return (
        notice is not None
        and notice.reason is not None
        and notice.reason.value in ctx.policy.late_reasons
    )


@rule("REPORT_WITHIN_15_DAYS")
def report_within_15_days(ctx: Context) -> None:
    late = _late(ctx)
    if late is None or ctx.case.late_report is not None:
        return
    deadline, report = late
    if report is None:
        return
    days = (report - (deadline - dt.timedelta(days=ctx.policy.report_days))).days
    ctx.add(
        "REPORT_WITHIN_15_DAYS",
        f"应于{zh_date(deadline)}前报到（决定书送达后{ctx.policy.report_days}日内），"
        f"实际于{zh_date(report)}报到（第{days}日），案卷中无逾期报到告知书",
        f"report due by {deadline} ({ctx.policy.report_days} days after service); "
        f"reported on {report} (day {days}) with no late-report notice on file",
        kind=DocumentKind.registration,
        date=report,
    )


@rule("LATE_REPORT_LEGIT_REASON")
def late_report_legit_reason(ctx: Context) -> None:
    notice = ctx.case.late_report
    if _late(ctx) is None or notice is None or notice.reason is None:
        return
    if notice.reason.value not in ctx.policy.late_reasons:
        ctx.add(
            "LATE_REPORT_LEGIT_REASON",
            f"逾期报到告知书所列理由“{notice.reason.zh}”不属于本政策认可的正当理由",
            f"the late-report reason '{notice.reason.value}' is not one the policy "
            "accepts",
            kind=DocumentKind.registration,
            date=notice.date,
        )
    elif notice.proof is None:
        ctx.add(
            "LATE_REPORT_LEGIT_REASON",
            f"逾期报到理由为“{notice.reason.zh}”，应附证明材料，实际未附",
            f"late-report reason '{notice.reason.value}' given without proof",
            kind=DocumentKind.registration,
            date=notice.date,
            severity=Severity.warning,
        )


@rule("LATE_NO_REASON_TO_POLICE")
def late_no_reason_to_police(ctx: Context) -> None:
    late = _late(ctx)
    if late is None or _accepted_reason(ctx):
        return
    deadline, report = late
    reported = any(
        p.trigger is PoliceReportTrigger.refused_to_report
        and p.date is not None
        and p.date > deadline
        for p in ctx.case.police_reports
    )
    if reported:
        return
    found_zh = f"于{zh_date(report)}报到" if report else "至今未报到"
    found_en = f"reported on {report}" if report else "has not reported"
    ctx.add(
        "LATE_NO_REASON_TO_POLICE",
        f"报到期限{zh_date(deadline)}已过，{found_zh}且无正当理由，视为拒绝报到，"
        "应向公安机关报告，案卷中无该报告",
        f"report deadline {deadline} passed; {found_en} with no accepted reason, "
        "which counts as refusal; no report to the police on file",
        kind=DocumentKind.warning_letter,
        date=deadline,
    )


@rule("AGREEMENT_AFTER_REPORT")
def agreement_after_report(ctx: Context) -> None:
    report = ctx.case.report_date
    signed = [a for a in ctx.case.agreements if a.signed_date is not None]
    if report is None or not signed:
        return
    first = min(signed, key=lambda a: a.signed_date or dt.date.max)
    day = first.signed_date
    assert day is not None
    if day < report:
        ctx.add(
            "AGREEMENT_AFTER_REPORT",
            f"协议书应于报到（{zh_date(report)}）后签订，实际签订于{zh_date(day)}",
            f"agreement to be signed on or after the report ({report}); "
            f"signed on {day}",
            kind=DocumentKind.agreement,
            document=first,
            date=day,
        )
        return
    limit = ctx.policy.agreement_max_days
    if limit is not None and (day - report).days > limit:
        due = report + dt.timedelta(days=limit)
        ctx.add(
            "AGREEMENT_AFTER_REPORT",
            f"协议书应于报到后{limit}日内签订（{zh_date(due)}前），"
            f"实际签订于{zh_date(day)}",
            f"agreement due within {limit} days of the report; signed on {day}",
            kind=DocumentKind.agreement,
            document=first,
            date=day,
        )
