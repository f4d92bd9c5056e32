"""Leave from the county (戒毒条例 art. 19(3); 规范, stricter than the 条例).

- LEAVE_3_DAYS: a leave of ``leave_min_days`` or more ("3日以上" includes 3)
  that was taken is approved, and approved on or before the departure.
  Days count both the day of departure and the day of return.
- LEAVE_1_DAY_AHEAD: the application is made at least
  ``leave_apply_days_ahead`` days before the departure.
- LEAVE_RETURN: once the planned return has passed, the leave is closed
  (销假); a return later than planned carries an explanation.
"""

from __future__ import annotations

import datetime as dt

from forms import DocumentKind
from forms.movement import LeaveRequest
from validators.context import Context
from validators.registry import rule
from validators.schedule import zh_date


def leave_days(leave: LeaveRequest) -> int | None:
    """Days of the leave: the recorded figure, else both planned ends counted."""
    if leave.days is not None:
        return leave.days
    first, last = leave.planned_departure, leave.planned_return
    if first and last and last >= first:
        return (last - first).days + 1
    return None


def departure(leave: LeaveRequest) -> dt.date | None:
    return leave.actual_departure or leave.planned_departure


def approval_date(leave: LeaveRequest) -> dt.date | None:
    """When the office approved: the approver's date, else the permit's."""
    return leave.approver.date or leave.permit_date


@rule("LEAVE_3_DAYS")
def leave_3_days(ctx: Context) -> None:
    need = ctx.policy.leave_min_days
    for leave in ctx.case.leave_requests:
        days = leave_days(leave)
        left = leave.actual_departure
        if days is None or days < need or left is None:
            continue
        approved_on = approval_date(leave)
        if not leave.approved:
            zh, en = "未经批准", "without approval"
        elif approved_on is not None and approved_on > left:
            zh = f"批准日期为{zh_date(approved_on)}"
            en = f"approved only on {approved_on}"
        else:
            continue
        ctx.add(
            "LEAVE_3_DAYS",
            f"外出{days}日（{need}日以上）应在离开前经批准并领取准假通知书，"
            f"实际于{zh_date(left)}离开，{zh}",
            f"a leave of {days} days ({need} or more) needs approval before "
            f"departure; left on {left} {en}",
            kind=DocumentKind.leave_request,
            document=leave,
            date=left,
        )


@rule("LEAVE_1_DAY_AHEAD")
def leave_1_day_ahead(ctx: Context) -> None:
    ahead = ctx.policy.leave_apply_days_ahead
    for leave in ctx.case.leave_requests:
        applied, left = leave.application_date, departure(leave)
        if applied is None or left is None or (left - applied).days >= ahead:
            continue
        ctx.add(
            "LEAVE_1_DAY_AHEAD",
            f"应至少提前{ahead}日申请外出，实际于{zh_date(applied)}申请、"
            f"{zh_date(left)}离开",
            f"application due at least {ahead} day(s) before departure; applied "
            f"on {applied}, left on {left}",
            kind=DocumentKind.leave_request,
            document=leave,
            date=applied,
        )


@rule("LEAVE_RETURN")
def leave_return(ctx: Context) -> None:
    for leave in ctx.case.leave_requests:
        planned = leave.planned_return
        if not leave.approved or leave.actual_departure is None or planned is None:
            continue
        if planned >= ctx.as_of:
            continue
        if leave.return_date is None:
            ctx.add(
                "LEAVE_RETURN",
                f"应于{zh_date(planned)}返回并销假，案卷中无销假记录",
                f"return and close the leave by {planned}; no return recorded",
                kind=DocumentKind.leave_request,
                document=leave,
                date=planned,
            )
            continue
        back = leave.actual_return or leave.return_date
        if back > planned and leave.late_explanation is None:
            ctx.add(
                "LEAVE_RETURN",
                f"应于{zh_date(planned)}返回，实际于{zh_date(back)}返回，"
                "无逾期返回说明",
                f"return due on {planned}; returned on {back} with no explanation",
                kind=DocumentKind.leave_request,
                document=leave,
                date=back,
            )
