"""Conduct evaluations (#12): 12 quarterly, 3 annual, 1 final (DOMAIN.md §6).

Each is dated on the last day of its term quarter or term year, so it falls
inside the schedule's window; the final one on the last day of the term. A
period that has not ended by the cutoff has no evaluation yet.
"""

from __future__ import annotations

import datetime as dt

from archive.sample import identities as ids
from archive.sample.context import Context
from forms.choices import EvaluationPeriod, Grade, RiskLevel, TestResult
from forms.closing import Evaluation
from forms.supervision import SelfReport, Test, Visit, WarningLetter
from validators.policy import default_policy
from validators.schedule import Activity, Window


def evaluations(
    ctx: Context,
    tests: list[Test],
    visits: list[Visit],
    reports: list[SelfReport],
    letters: list[WarningLetter],
    final: bool,
) -> list[Evaluation]:
    grace = dt.timedelta(days=default_policy().evaluation_grace_days)
    term_end = ctx.schedule.term_end
    due: list[tuple[dt.date, EvaluationPeriod, dt.date, dt.date]] = []
    for activity, period in (
        (Activity.evaluation_quarterly, EvaluationPeriod.quarterly),
        (Activity.evaluation_annual, EvaluationPeriod.annual),
    ):
        for w in ctx.schedule.of(activity):
            end = w.end if w.end == term_end else w.end - grace
            due.append((end, period, w.start, end))
    if final:
        due.append((term_end, EvaluationPeriod.final, ctx.story.report_date, term_end))
    due.sort(key=lambda item: (item[0], list(EvaluationPeriod).index(item[1])))

    test_windows = ctx.schedule.of(Activity.test)
    out: list[Evaluation] = []
    for date, period, start, end in due:
        if date > ctx.cutoff:
            break
        free = ctx.free_days(start, date)
        out.append(
            _evaluation(
                ctx,
                len(out) + 1,
                period,
                start,
                end,
                free[-1] if free else date,
                _tests_due(test_windows, start, end),
                [t for t in tests if _within(t.date, start, end)],
                sum(1 for v in visits if _within(v.date, start, end)),
                sum(1 for r in reports if _within(r.date, start, end)),
                sum(1 for w in letters if _within(w.issue_date, start, end)),
            )
        )
    return out


def _evaluation(
    ctx: Context,
    no: int,
    period: EvaluationPeriod,
    start: dt.date,
    end: dt.date,
    date: dt.date,
    tests_due: int,
    tests: list[Test],
    talks: int,
    reports: int,
    warnings: int,
) -> Evaluation:
    done = [t for t in tests if t.result is not TestResult.missed]
    positive = any(t.result is TestResult.positive for t in tests)
    grade = Grade.poor if positive else Grade.fair if warnings else Grade.good
    risk = (
        RiskLevel.high if positive else RiskLevel.medium if warnings else RiskLevel.low
    )
    cooperation = (
        "能遵守协议，按时报告、接受检测和谈话"
        if not warnings
        else f"本期被告诫{warnings}次，配合程度有待提高"
    )
    state = (
        "检测结果呈阳性，已报告公安机关" if positive else "检测结果均为阴性，保持操守"
    )
    return Evaluation(
        no=no,
        period=period,
        period_start=start,
        period_end=end,
        date=date,
        tests_due=tests_due,
        tests_done=len(done),
        talks=talks,
        reports=reports,
        warnings=warnings,
        cooperation=cooperation,
        rehab_state=state,
        grade=grade,
        risk=risk,
        next_steps="继续按计划开展检测、谈话和帮教",
        person_comment="同意评价意见，今后继续遵守协议",
        person_signature=ctx.signed(ctx.name, date),
        assessors=ctx.signed(ctx.worker.name, date),
        office_seal=ctx.seal(ids.OFFICE_NAME, date),
    )


def _tests_due(windows: list[Window], start: dt.date, end: dt.date) -> int:
    return sum(1 for w in windows if start <= w.start <= end)


def _within(d: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return d is not None and start <= d <= end
