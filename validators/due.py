"""What falls due, or is overdue, for one person: windows with no record yet.

A window is *overdue* when it ended before the as-of date with no record in
it, and *due* when it is open on the as-of date, or opens within the horizon,
and holds no record yet. Records fill windows one to one, as the rules count
them (:func:`validators.context.unmatched`). The report itself (before the
person has reported) and the release at the term end are items too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from forms import CaseFile
from forms.choices import EvaluationPeriod, TestResult, VisitKind
from validators.calendar import ONE_DAY
from validators.context import unmatched
from validators.errors import ScheduleError
from validators.policy import Policy
from validators.schedule import Activity, Window, build_schedule, zh_date


@dataclass(frozen=True)
class DueItem:
    """One thing to do: ``what`` is an Activity value, ``report`` or ``release``."""

    what: str
    start: dt.date
    end: dt.date
    overdue: bool
    label_zh: str
    label_en: str
    index: int = 1

    @property
    def uid(self) -> str:
        """Stable within a person: the same window gives the same id every run."""
        return f"{self.what}-{self.index}"


def record_dates(case: CaseFile, activity: Activity, policy: Policy) -> list[dt.date]:
    """Dates of the records that fill windows of ``activity``."""
    if activity is Activity.test:
        done = (TestResult.negative, TestResult.positive)
        return [t.date for t in case.tests if t.date and t.result in done]
    if activity is Activity.visit:
        dates = [
            v.date
            for v in case.visits
            if v.date and v.visit_kind is not VisitKind.outreach
        ]
        if policy.self_report_counts_as_visit:
            dates += [r.date for r in case.self_reports if r.date]
        return dates
    if activity is Activity.self_report:
        return [r.date for r in case.self_reports if r.date]
    if activity is Activity.mentoring:
        return [m.date for m in case.mentoring if m.date]
    period = {
        Activity.evaluation_quarterly: EvaluationPeriod.quarterly,
        Activity.evaluation_annual: EvaluationPeriod.annual,
        Activity.evaluation_final: EvaluationPeriod.final,
    }[activity]
    return [e.date for e in case.evaluations if e.date and e.period is period]


def due_items(
    case: CaseFile, policy: Policy, as_of: dt.date, within_days: int
) -> list[DueItem]:
    """Overdue and upcoming items of one person, soonest deadline first."""
    horizon = as_of + dt.timedelta(days=within_days)
    try:
        schedule = build_schedule(case, policy, as_of)
    except ScheduleError:
        return _report_item(case, policy, as_of, horizon)
    if case.termination is not None or _transferred_out(case):
        return []

    items: list[DueItem] = []
    for activity in Activity:
        windows = [w for w in schedule.of(activity) if w.start <= horizon]
        for w in unmatched(windows, record_dates(case, activity, policy)):
            items.append(_window_item(w, as_of))
    if case.release_notice is None and schedule.term_end <= horizon:
        items.append(
            DueItem(
                "release",
                schedule.term_end,
                schedule.term_end + ONE_DAY,
                schedule.term_end < as_of,
                f"执行期限{zh_date(schedule.term_end)}届满，解除社区戒毒（康复）",
                f"term ends {schedule.term_end}: release",
            )
        )
    return sorted(items, key=lambda i: (i.end, i.start, i.what, i.index))


def _window_item(w: Window, as_of: dt.date) -> DueItem:
    return DueItem(
        w.activity.value,
        w.start,
        w.end,
        w.end < as_of,
        w.label_zh(),
        w.label_en(),
        w.index,
    )


def _report_item(
    case: CaseFile, policy: Policy, as_of: dt.date, horizon: dt.date
) -> list[DueItem]:
    d = case.decision
    if d is None or d.served_date is None:
        return []
    deadline = d.served_date + dt.timedelta(days=policy.report_days)
    if deadline > horizon:
        return []
    return [
        DueItem(
            "report",
            d.served_date + ONE_DAY,
            deadline,
            deadline < as_of,
            f"决定书送达后{policy.report_days}日内报到（{zh_date(deadline)}前）",
            f"report within {policy.report_days} days of service (by {deadline})",
        )
    ]


def _transferred_out(case: CaseFile) -> bool:
    return any(
        t.direction is not None
        and t.direction.value == "outgoing"
        and (t.letter_date or t.approval_date)
        for t in case.transfers
    )
