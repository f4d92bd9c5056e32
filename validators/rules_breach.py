"""Breaches of the agreement: warnings and serious breaches (戒毒条例 art. 20, 21).

- WARNING_TRIGGERS: each evaded or refused test, and each unauthorised
  departure from the county, has a 告诫书 of that kind dated on or after it
  (within ``warning_letter_days`` if set). Letters are matched one to one.
- SEVERE_TEST_REFUSAL_3: evading or refusing tests ``serious_test_refusals``
  times or more ("3次以上" includes 3) is a serious breach: a report to the
  police for a serious breach dated on or after the one that reached the
  number must exist.
- SEVERE_ABSENCE_3_TIMES: the same for unauthorised departures.
- SEVERE_ABSENCE_OVER_30D: the same when unauthorised absence, plus days
  beyond an approved return, totals more than ``serious_absence_days``
  ("超过" excludes the number itself).
- SEVERE_TO_POLICE: a relapse (a positive test) is reported to the police on
  or after the test, within ``police_report_days`` if set.
"""

from __future__ import annotations

import datetime as dt

from forms import DocumentKind
from forms.choices import PoliceReportTrigger, TestResult, WarningTrigger
from validators.context import Context, absence_days
from validators.registry import rule
from validators.schedule import zh_date

_TEST_TRIGGERS = (WarningTrigger.test_evaded, WarningTrigger.test_refused)


def _match_letters(
    ctx: Context, events: list[dt.date], triggers: tuple[WarningTrigger, ...]
) -> list[dt.date]:
    """Events left without a warning letter of one of ``triggers``."""
    limit = ctx.policy.warning_letter_days
    letters = sorted(
        w.issue_date
        for w in ctx.case.warning_letters
        if w.trigger in triggers and w.issue_date is not None
    )
    missing = []
    for event in sorted(events):
        last = event + dt.timedelta(days=limit) if limit is not None else dt.date.max
        pick = next((d for d in letters if event <= d <= last), None)
        if pick is None:
            missing.append(event)
        else:
            letters.remove(pick)
    return missing


@rule("WARNING_TRIGGERS")
def warning_triggers(ctx: Context) -> None:
    tests = [t.date for t in ctx.refused_tests() if t.date is not None]
    for day in _match_letters(ctx, tests, _TEST_TRIGGERS):
        ctx.add(
            "WARNING_TRIGGERS",
            f"{zh_date(day)}逃避或拒绝吸毒检测，应出具告诫书，案卷中没有",
            f"test evaded or refused on {day}: a warning letter is expected; none",
            kind=DocumentKind.warning_letter,
            date=day,
        )
    departures = [
        a.left_date for a in ctx.unauthorised_absences() if a.left_date is not None
    ]
    triggers = (WarningTrigger.unauthorised_absence,)
    for day in _match_letters(ctx, departures, triggers):
        ctx.add(
            "WARNING_TRIGGERS",
            f"{zh_date(day)}未经批准离开所在县(市、区)，应出具告诫书，案卷中没有",
            f"left the county without permission on {day}: a warning letter is "
            "expected; none",
            kind=DocumentKind.warning_letter,
            date=day,
        )


def _reported_since(ctx: Context, day: dt.date) -> bool:
    """A report to the police for a serious breach dated on or after ``day``."""
    return any(
        p.trigger is PoliceReportTrigger.serious_breach
        and p.date is not None
        and p.date >= day
        for p in ctx.case.police_reports
    )


def _serious(
    ctx: Context, code: str, reached: dt.date, what_zh: str, what_en: str
) -> None:
    if _reported_since(ctx, reached):
        return
    ctx.add(
        code,
        f"{what_zh}，至{zh_date(reached)}已构成严重违反协议，应向公安机关报告，"
        "案卷中无该报告",
        f"{what_en}: a serious breach as of {reached}; no report to the police on file",
        kind=DocumentKind.warning_letter,
        date=reached,
    )


@rule("SEVERE_TEST_REFUSAL_3")
def severe_test_refusal_3(ctx: Context) -> None:
    rows = ctx.refused_tests()
    need = ctx.policy.serious_test_refusals
    if len(rows) < need:
        return
    reached = rows[need - 1].date
    assert reached is not None
    _serious(
        ctx,
        "SEVERE_TEST_REFUSAL_3",
        reached,
        f"逃避或拒绝吸毒检测{len(rows)}次（{need}次以上为严重违反协议）",
        f"{len(rows)} tests evaded or refused ({need} or more is serious)",
    )


@rule("SEVERE_ABSENCE_3_TIMES")
def severe_absence_3_times(ctx: Context) -> None:
    rows = [a for a in ctx.unauthorised_absences() if a.left_date is not None]
    need = ctx.policy.serious_absences
    if len(rows) < need:
        return
    reached = rows[need - 1].left_date
    assert reached is not None
    _serious(
        ctx,
        "SEVERE_ABSENCE_3_TIMES",
        reached,
        f"未经批准离开所在县(市、区){len(rows)}次（{need}次以上为严重违反协议）",
        f"{len(rows)} unauthorised departures ({need} or more is serious)",
    )


@rule("SEVERE_ABSENCE_OVER_30D")
def severe_absence_over_30d(ctx: Context) -> None:
    spans: list[tuple[dt.date, int]] = []
    for a in ctx.unauthorised_absences():
        days = absence_days(a)
        if a.left_date is not None and days is not None:
            spans.append((a.left_date, days))
    spans += ctx.overstay_days()
    limit = ctx.policy.serious_absence_days
    total, reached = 0, None
    for start, days in sorted(spans):
        if total + days > limit and reached is None:
            reached = start + dt.timedelta(days=limit - total)
        total += days
    if reached is None:
        return
    _serious(
        ctx,
        "SEVERE_ABSENCE_OVER_30D",
        reached,
        f"未经批准离开所在县(市、区)累计{total}日（超过{limit}日为严重违反协议）",
        f"{total} days of unauthorised absence in total (more than {limit} is serious)",
    )


@rule("SEVERE_TO_POLICE")
def severe_to_police(ctx: Context) -> None:
    limit = ctx.policy.police_report_days
    reports = [
        p.date
        for p in ctx.case.police_reports
        if p.trigger is PoliceReportTrigger.relapse and p.date is not None
    ]
    for t in ctx.case.tests:
        if t.result is not TestResult.positive or t.date is None:
            continue
        last = t.date + dt.timedelta(days=limit) if limit is not None else dt.date.max
        if any(t.date <= d <= last for d in reports):
            continue
        if limit is not None and ctx.as_of <= last:
            continue
        ctx.add(
            "SEVERE_TO_POLICE",
            f"{zh_date(t.date)}检测结果为阳性（复吸），应及时向公安机关报告，"
            "案卷中无该报告",
            f"positive test on {t.date} (relapse): a report to the police is "
            "expected; none on file",
            kind=DocumentKind.warning_letter,
            date=t.date,
        )
