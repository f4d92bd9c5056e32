"""Talks, written reports, 帮教 and evaluations, window by window (规范).

- VISIT_FREQ: each closed talk window (社区戒毒 monthly, 社区康复 every two
  months) holds a talk or home visit; a written report also fills it when the
  policy says so (``self_report_counts_as_visit``). A 走访 of neighbours or
  cadres is not a meeting with the person and does not count.
- SELF_REPORT_FREQ: each closed written-report window holds a report.
- MONTHLY_BANGJIAO: each closed 帮教 window holds a session.
- EVAL_QUARTERLY / EVAL_ANNUAL: each closed term quarter / term year has an
  evaluation of that type, dated in the period or within
  ``evaluation_grace_days`` after it.
- EVAL_TOTAL_16: once the term is over (or at the release stage), the final
  evaluation is present (error), and the total reaches the target (warning;
  16 for three years, reading (a) of DOMAIN.md §2c).
"""

from __future__ import annotations

import datetime as dt

from forms import DocumentKind
from forms.choices import EvaluationPeriod, VisitKind
from validators.context import Context, unmatched
from validators.findings import Severity, Stage
from validators.registry import rule
from validators.schedule import Activity


def _report_missing(
    ctx: Context, code: str, activity: Activity, dates: list[dt.date], what: str
) -> None:
    for w in unmatched(ctx.closed_windows(activity), dates):
        ctx.add(
            code,
            f"{w.label_zh()}无{what}",
            f"no {activity.value.replace('_', ' ')} record in {w.label_en()}",
            kind=DocumentKind.visit
            if activity in (Activity.visit, Activity.self_report, Activity.mentoring)
            else DocumentKind.evaluation,
            date=w.end,
        )


@rule("VISIT_FREQ")
def visit_freq(ctx: Context) -> None:
    dates = [
        v.date
        for v in ctx.case.visits
        if v.date is not None and v.visit_kind is not VisitKind.outreach
    ]
    if ctx.policy.self_report_counts_as_visit:
        dates += [r.date for r in ctx.case.self_reports if r.date is not None]
    _report_missing(ctx, "VISIT_FREQ", Activity.visit, dates, "谈话或家访记录")


@rule("SELF_REPORT_FREQ")
def self_report_freq(ctx: Context) -> None:
    dates = [r.date for r in ctx.case.self_reports if r.date is not None]
    _report_missing(ctx, "SELF_REPORT_FREQ", Activity.self_report, dates, "定期报告")


@rule("MONTHLY_BANGJIAO")
def monthly_bangjiao(ctx: Context) -> None:
    dates = [m.date for m in ctx.case.mentoring if m.date is not None]
    _report_missing(ctx, "MONTHLY_BANGJIAO", Activity.mentoring, dates, "帮教记录")


def _evaluation_dates(ctx: Context, period: EvaluationPeriod) -> list[dt.date]:
    return [
        e.date
        for e in ctx.case.evaluations
        if e.period is period and e.date is not None
    ]


@rule("EVAL_QUARTERLY")
def eval_quarterly(ctx: Context) -> None:
    dates = _evaluation_dates(ctx, EvaluationPeriod.quarterly)
    _report_missing(
        ctx, "EVAL_QUARTERLY", Activity.evaluation_quarterly, dates, "季度评价"
    )


@rule("EVAL_ANNUAL")
def eval_annual(ctx: Context) -> None:
    dates = _evaluation_dates(ctx, EvaluationPeriod.annual)
    _report_missing(ctx, "EVAL_ANNUAL", Activity.evaluation_annual, dates, "年度评价")


@rule("EVAL_TOTAL_16")
def eval_total_16(ctx: Context) -> None:
    schedule = ctx.schedule
    if schedule is None or ctx.stop_date() is not None:
        return
    if ctx.stage is not Stage.release and not ctx.term_expired():
        return
    dates = _evaluation_dates(ctx, EvaluationPeriod.final)
    finals = ctx.closed_windows(Activity.evaluation_final)
    missing = unmatched(finals, dates)
    for w in missing:
        ctx.add(
            "EVAL_TOTAL_16",
            f"{w.label_zh()}无期满评价记录",
            f"no final evaluation in {w.label_en()}",
            kind=DocumentKind.evaluation,
            date=w.end,
        )
    if missing:
        return
    target = ctx.policy.evaluation_total_target
    if schedule.term_years != 3:
        target = sum(1 for w in schedule.windows if w.activity.name.startswith("eval"))
    total = sum(1 for e in ctx.case.evaluations if e.date is not None)
    if total < target:
        ctx.add(
            "EVAL_TOTAL_16",
            f"执行期间现实表现评价应达{target}次，实际{total}次",
            f"{target} evaluations expected over the term; {total} on file",
            kind=DocumentKind.evaluation,
            date=schedule.term_end,
            severity=Severity.warning,
        )
