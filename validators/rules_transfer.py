"""Change of the place of execution (戒毒条例 art. 22; 规范).

- RELOC_APPROVAL_15_WORKDAYS: the county 禁毒 department approves by the
  ``relocation_approval_workdays``-th working day after the application
  (counted from the day after, DOMAIN.md §5); still unapproved past that day
  is the same finding.
- RELOC_REPORT_15_DAYS: the person reports at the new place within
  ``relocation_report_days`` of the 函 date (规范; or of the approval, policy
  ``relocation_report_from``). For an incoming transfer a missing report
  past the deadline is the same finding.
- RELOC_NEW_AGREEMENT: after reporting at the new place, a new agreement is
  signed on or after that report (条例 art. 22); the term runs on unchanged.
"""

from __future__ import annotations

import datetime as dt

from forms import DocumentKind
from forms.choices import TransferDirection
from validators.calendar import add_workdays
from validators.context import Context
from validators.registry import rule
from validators.schedule import zh_date


@rule("RELOC_APPROVAL_15_WORKDAYS")
def reloc_approval_15_workdays(ctx: Context) -> None:
    n = ctx.policy.relocation_approval_workdays
    for t in ctx.case.transfers:
        if t.application_date is None:
            continue
        due = add_workdays(t.application_date, n)
        approved = t.approval_date
        if not ctx.missed(approved, due):
            continue
        found_zh = f"实际于{zh_date(approved)}批准" if approved else "至今未批准"
        found_en = f"approved on {approved}" if approved else "not approved"
        ctx.add(
            "RELOC_APPROVAL_15_WORKDAYS",
            f"{zh_date(t.application_date)}申请变更执行地点，应在{n}个工作日内"
            f"（{zh_date(due)}前）批准，{found_zh}",
            f"relocation applied for on {t.application_date}: approval due "
            f"within {n} working days (by {due}); {found_en}",
            kind=DocumentKind.transfer,
            document=t,
            date=approved or due,
        )


@rule("RELOC_REPORT_15_DAYS")
def reloc_report_15_days(ctx: Context) -> None:
    n = ctx.policy.relocation_report_days
    for t in ctx.case.transfers:
        start = (
            t.letter_date
            if ctx.policy.relocation_report_from == "letter"
            else t.approval_date
        )
        if start is None:
            continue
        due = start + dt.timedelta(days=n)
        report = t.new_report_date
        # Only the receiving office can know that a report never came.
        if report is None and t.direction is not TransferDirection.incoming:
            continue
        if not ctx.missed(report, due):
            continue
        found_zh = f"实际于{zh_date(report)}报到" if report else "至今未报到"
        found_en = f"reported on {report}" if report else "not reported"
        ctx.add(
            "RELOC_REPORT_15_DAYS",
            f"应自{zh_date(start)}起{n}日内（{zh_date(due)}前）到新执行地报到，"
            f"{found_zh}",
            f"report at the new place due within {n} days of {start} (by {due}); "
            f"{found_en}",
            kind=DocumentKind.transfer,
            document=t,
            date=report or due,
        )


@rule("RELOC_NEW_AGREEMENT")
def reloc_new_agreement(ctx: Context) -> None:
    signed = [a.signed_date for a in ctx.case.agreements if a.signed_date]
    for t in ctx.case.transfers:
        report = t.new_report_date
        if t.direction is not TransferDirection.incoming or report is None:
            continue
        dates = [*signed, *([t.new_agreement_date] if t.new_agreement_date else [])]
        if any(d >= report for d in dates):
            continue
        ctx.add(
            "RELOC_NEW_AGREEMENT",
            f"{zh_date(report)}到新执行地报到后应重新签订协议书，案卷中没有",
            f"a new agreement is due after reporting at the new place on "
            f"{report}; none on file",
            kind=DocumentKind.agreement,
            date=report,
        )
