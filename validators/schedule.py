"""The schedule of a person's term: when each test, talk, report and evaluation falls.

Public API (stable; the plan template and the sample generator use it)::

    build_schedule(case, policy, as_of=None) -> Schedule   # ScheduleError if no 报到
    Schedule.term_start, Schedule.term_end                 # inclusive dates
    Schedule.windows: list[Window]                         # by activity, then date
    Schedule.of(activity) -> list[Window]
    Schedule.due(as_of, within_days) -> list[Window]       # open or opening soon
    Window(activity, index, year, start, end, index_in_year)  # frozen; dates inclusive
    Activity: test, visit, self_report, mentoring,
              evaluation_quarterly, evaluation_annual, evaluation_final

How the windows are laid (DOMAIN.md §2a, §2c and §6):

- The term starts on the report date (戒毒条例 art. 14) and lasts 3 years for
  社区戒毒, ``decision.term_years`` (at most 3) for 社区康复; it ends the day
  before the anniversary (policy ``term_end_inclusive``).
- Windows are anchored to the report date with month arithmetic: window k of
  m months in term year y runs from report + 12(y−1) + m(k−1) months to the
  day before report + 12(y−1) + mk months, each computed from the anchor (a
  31st clamps to a shorter month's end, without drift).
- Tests: 社区戒毒 12×1, 6×2, 4×3 months = 22; 社区康复 6×2, 4×3, 2×6 = 12,
  and only the years of a shorter term (pro rata). Talks, written reports and
  帮教 have one window per policy period. Evaluations: one per term quarter
  and one per term year, each window stretched ``evaluation_grace_days`` past
  the period's end (never past the term end), and a final one in the last
  ``final_evaluation_days`` of the term.
- 中止 (戒毒条例 art. 24(2)) pauses the clock: every date of the unpaused
  schedule on or after a suspension's first day is pushed back by the
  suspension's days, so a window the suspension overlaps grows by those days
  and every later window, and the term end, moves by exactly that much. A
  suspension still open ends on ``as_of`` (or, without it, runs 3 years).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from forms import CaseFile, Measure
from validators.calendar import (
    ONE_DAY,
    Span,
    add_months,
    add_years,
    merge_spans,
    shift_by_suspensions,
)
from validators.errors import ScheduleError
from validators.policy import Policy

_Shift = Callable[[dt.date, dt.date], tuple[dt.date, dt.date]]


class Activity(StrEnum):
    """What a window asks for."""

    test = "test"
    visit = "visit"
    self_report = "self_report"
    mentoring = "mentoring"
    evaluation_quarterly = "evaluation_quarterly"
    evaluation_annual = "evaluation_annual"
    evaluation_final = "evaluation_final"

    @property
    def zh(self) -> str:
        """The Chinese name of one such window, as messages print it."""
        return _ZH[self]


_ZH = {
    Activity.test: "检测周期",
    Activity.visit: "谈话(家访)周期",
    Activity.self_report: "定期报告周期",
    Activity.mentoring: "帮教周期",
    Activity.evaluation_quarterly: "季度评价",
    Activity.evaluation_annual: "年度评价",
    Activity.evaluation_final: "期满评价",
}


@dataclass(frozen=True)
class Window:
    """One period in which one thing must happen at least once.

    ``index`` counts from 1 within the activity over the whole term;
    ``index_in_year`` counts from 1 within the term year ``year`` (1–3).
    ``start`` and ``end`` are inclusive and already shifted by suspensions.
    For an evaluation, ``end`` is the day it is due: the end of the period it
    evaluates, ``period_end``, plus the policy's grace days for writing it.
    """

    activity: Activity
    index: int
    year: int
    start: dt.date
    end: dt.date
    index_in_year: int = 0
    period_end: dt.date | None = None

    def contains(self, d: dt.date) -> bool:
        return self.start <= d <= self.end

    def label_zh(self) -> str:
        """E.g. 第1年第3个检测周期（2025年5月9日至2025年6月8日）.

        An evaluation names the period it evaluates and the day it is due:
        第2季度评价（评价期间2026年11月14日至2027年2月13日，2027年2月28日前完成）.
        """
        span = f"（{zh_date(self.start)}至{zh_date(self.end)}）"
        if self.period_end is not None:
            span = (
                f"（评价期间{zh_date(self.start)}至{zh_date(self.period_end)}，"
                f"{zh_date(self.end)}前完成）"
            )
        if self.activity is Activity.evaluation_final:
            return f"期满评价{span}"
        if self.activity is Activity.evaluation_annual:
            return f"第{self.year}年度评价{span}"
        if self.activity is Activity.evaluation_quarterly:
            return f"第{self.index}季度评价{span}"
        return f"第{self.year}年第{self.index_in_year}个{self.activity.zh}{span}"

    def label_en(self) -> str:
        span = f"({self.start.isoformat()} to {self.end.isoformat()})"
        if self.period_end is not None:
            span = (
                f"(period {self.start.isoformat()} to {self.period_end.isoformat()},"
                f" due {self.end.isoformat()})"
            )
        name = self.activity.value.replace("_", " ")
        if self.activity is Activity.evaluation_final:
            return f"final evaluation {span}"
        if self.activity is Activity.evaluation_annual:
            return f"annual evaluation of year {self.year} {span}"
        if self.activity is Activity.evaluation_quarterly:
            return f"quarterly evaluation {self.index} {span}"
        return f"{name} window {self.index_in_year} of year {self.year} {span}"


@dataclass(frozen=True)
class Schedule:
    """The term and its windows, ordered by activity and then by start."""

    measure: Measure
    term_years: int
    term_start: dt.date
    term_end: dt.date
    suspensions: tuple[Span, ...] = ()
    windows: list[Window] = field(default_factory=list)

    def of(self, activity: Activity) -> list[Window]:
        return [w for w in self.windows if w.activity is activity]

    def due(self, as_of: dt.date, within_days: int) -> list[Window]:
        """Windows open on ``as_of`` or opening within ``within_days``.

        Soonest end first.
        """
        horizon = as_of + dt.timedelta(days=within_days)
        found = [w for w in self.windows if w.start <= horizon and w.end >= as_of]
        return sorted(found, key=lambda w: (w.end, w.start, w.activity.value))

    def suspended_on(self, d: dt.date) -> bool:
        return any(start <= d <= end for start, end in self.suspensions)


def measure_of(case: CaseFile) -> Measure:
    """The measure of the file: its own field, the decision's, else 社区戒毒."""
    if case.measure is not None:
        return case.measure
    if case.decision is not None and case.decision.measure is not None:
        return case.decision.measure
    return Measure.community_treatment


def term_years_of(case: CaseFile, policy: Policy) -> int:
    """3 years of 社区戒毒; the decision's years (at most the maximum) of 社区康复."""
    if measure_of(case) is Measure.community_treatment:
        return policy.treatment_term_years
    years = case.decision.term_years if case.decision is not None else None
    return min(years or policy.rehab_max_term_years, policy.rehab_max_term_years)


def suspension_spans(
    case: CaseFile, report_date: dt.date, as_of: dt.date | None = None
) -> list[Span]:
    """The 中止 spans on or after the report date, merged; open ones end on as_of."""
    spans: list[Span] = []
    for s in case.suspensions:
        if s.start is None:
            continue
        end = s.end
        if end is None:
            end = as_of if as_of is not None else add_years(s.start, 3)
        if end < report_date or end < s.start:
            continue
        spans.append((max(s.start, report_date), end))
    return merge_spans(spans)


def build_schedule(
    case: CaseFile, policy: Policy, as_of: dt.date | None = None
) -> Schedule:
    """The schedule of ``case`` under ``policy``.

    Raises :class:`ScheduleError` when the file has no report date yet.
    """
    start = case.report_date
    if start is None:
        raise ScheduleError("案卷没有报到日期，无法计算执行期限和各周期")
    measure = measure_of(case)
    rehab = measure is Measure.community_rehab
    years = term_years_of(case, policy)
    spans = suspension_spans(case, start, as_of)
    unpaused_end = add_years(start, years) - (
        ONE_DAY if policy.term_end_inclusive else dt.timedelta(0)
    )
    end = shift_by_suspensions(unpaused_end, spans)

    def shifted(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
        if not spans:
            return first, last
        return shift_by_suspensions(first, spans), shift_by_suspensions(last, spans)

    windows: list[Window] = []
    windows += _periodic(
        Activity.test, start, policy.test_months(rehab)[:years], shifted
    )
    windows += _periodic(
        Activity.visit, start, [policy.visit_months(rehab)] * years, shifted
    )
    if policy.check_self_reports:
        months = [policy.self_report_months(rehab)] * years
        windows += _periodic(Activity.self_report, start, months, shifted)
    if policy.check_mentoring:
        windows += _periodic(
            Activity.mentoring, start, [policy.mentoring_months] * years, shifted
        )
    windows += _evaluations(start, years, end, policy, shifted)
    return Schedule(measure, years, start, end, tuple(spans), windows)


def _periodic(
    activity: Activity,
    anchor: dt.date,
    months_per_year: list[int],
    shifted: _Shift,
) -> list[Window]:
    windows: list[Window] = []
    for year, months in enumerate(months_per_year, start=1):
        base = 12 * (year - 1)
        for k in range(1, 12 // months + 1):
            first = add_months(anchor, base + months * (k - 1))
            last = add_months(anchor, base + months * k) - ONE_DAY
            s, e = shifted(first, last)
            windows.append(Window(activity, len(windows) + 1, year, s, e, k))
    return windows


def _evaluations(
    anchor: dt.date, years: int, term_end: dt.date, policy: Policy, shifted: _Shift
) -> list[Window]:
    grace = dt.timedelta(days=policy.evaluation_grace_days)
    quarter = policy.evaluation_quarter_months
    per_year = 12 // quarter
    windows: list[Window] = []
    for q in range(1, per_year * years + 1):
        first = add_months(anchor, quarter * (q - 1))
        last = add_months(anchor, quarter * q) - ONE_DAY
        s, e = shifted(first, last)
        year, k = divmod(q - 1, per_year)
        windows.append(
            Window(
                Activity.evaluation_quarterly,
                q,
                year + 1,
                s,
                min(e + grace, term_end),
                k + 1,
                period_end=e,
            )
        )
    for y in range(1, years + 1):
        s, e = shifted(add_years(anchor, y - 1), add_years(anchor, y) - ONE_DAY)
        windows.append(
            Window(
                Activity.evaluation_annual,
                y,
                y,
                s,
                min(e + grace, term_end),
                1,
                period_end=e,
            )
        )
    if policy.final_evaluation:
        first = term_end - dt.timedelta(days=policy.final_evaluation_days - 1)
        windows.append(Window(Activity.evaluation_final, 1, years, first, term_end, 1))
    return windows


def zh_date(d: dt.date) -> str:
    """2025年5月9日."""
    return f"{d.year}年{d.month}月{d.day}日"
