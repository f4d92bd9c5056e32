"""The term: its length, pauses, early end and release.

- TERM_SJ_3Y_FROM_REPORT: 社区戒毒 lasts 3 years from the report (禁毒法
  art. 33, 戒毒条例 art. 14): the decision says 3 years, and the term the
  agreement and the release notice print starts on the report date and ends
  on the schedule's term end (before or after 中止 days are added).
- TERM_SK_MAX_3Y: 社区康复 lasts at most 3 years (禁毒法 art. 48, 条例 art.
  37): the same check against the decision's years.
- SUSPEND_ON_CUSTODY: a test missed because of custody falls in a 中止 span
  (条例 art. 24(2)); otherwise the suspension record is missing.
- TERMINATE_ON_SENTENCE: after 终止 (条例 art. 24(1)) no release notice.
- RELEASE_ON_EXPIRY: the release is dated on or after the term end (条例
  art. 23, 40).
- RELEASE_NOTIFY_7_DAYS: within ``release_notify_days`` of the notice the
  乡镇/街道 is told (条例), and the person, the family and the deciding organ
  (规范).
"""

from __future__ import annotations

import datetime as dt

from forms import DocumentKind, Measure
from forms.choices import MissedReason, TestResult
from validators.calendar import ONE_DAY, add_years
from validators.context import Context
from validators.registry import rule
from validators.schedule import zh_date


def _term(ctx: Context, code: str, measure: Measure, allowed_years: int) -> None:
    if ctx.measure is not measure:
        return
    _decision_years(ctx, code, measure, allowed_years)
    _printed_terms(ctx, code)


def _decision_years(
    ctx: Context, code: str, measure: Measure, allowed_years: int
) -> None:
    decision = ctx.case.decision
    years = decision.term_years if decision is not None else None
    if decision is None or years is None:
        return
    rehab = measure is Measure.community_rehab
    if years <= allowed_years and (rehab or years == allowed_years):
        return
    ctx.add(
        code,
        f"{measure.zh}期限应为{allowed_years}年{'以内' if rehab else ''}，"
        f"决定书写为{years}年",
        f"{measure.value}: a term of {'at most ' if rehab else ''}"
        f"{allowed_years} years expected; the decision says {years}",
        kind=DocumentKind.decision,
        document=decision,
        date=decision.issue_date,
    )


def _printed_terms(ctx: Context, code: str) -> None:
    """The agreement and release notice print the term the schedule computes."""
    schedule = ctx.schedule
    if schedule is None:
        return
    start = schedule.term_start
    ends = {add_years(start, schedule.term_years) - ONE_DAY, schedule.term_end}
    records: list[tuple[DocumentKind, object, dt.date | None, dt.date | None]] = [
        (DocumentKind.agreement, a, a.term_start, a.term_end)
        for a in ctx.case.agreements
    ]
    notice = ctx.case.release_notice
    if notice is not None:
        records.append(
            (
                DocumentKind.release_notice,
                notice,
                notice.period_start,
                notice.period_end,
            )
        )
    for kind, doc, first, last in records:
        # A later agreement (at a new place) may start later; the notice may not.
        if kind is DocumentKind.release_notice:
            wrong_start = first is not None and first != start
        else:
            wrong_start = first is not None and first < start
        if not wrong_start and (last is None or last in ends):
            continue
        ctx.add(
            code,
            f"{kind.label}所载期限应自{zh_date(start)}至{zh_date(schedule.term_end)}止"
            f"（报到之日起{schedule.term_years}年，含中止顺延），实际为"
            f"{_zh_or_blank(first)}至{_zh_or_blank(last)}",
            f"{kind.value}: term from {start} to {schedule.term_end} expected "
            f"({schedule.term_years} years from the report, plus suspensions); "
            f"found {first} to {last}",
            kind=kind,
            document=doc,
            date=first,
        )


def _zh_or_blank(d: dt.date | None) -> str:
    return zh_date(d) if d is not None else "（空）"


@rule("TERM_SJ_3Y_FROM_REPORT")
def term_sj_3y_from_report(ctx: Context) -> None:
    _term(
        ctx,
        "TERM_SJ_3Y_FROM_REPORT",
        Measure.community_treatment,
        ctx.policy.treatment_term_years,
    )


@rule("TERM_SK_MAX_3Y")
def term_sk_max_3y(ctx: Context) -> None:
    _term(
        ctx, "TERM_SK_MAX_3Y", Measure.community_rehab, ctx.policy.rehab_max_term_years
    )


@rule("SUSPEND_ON_CUSTODY")
def suspend_on_custody(ctx: Context) -> None:
    spans = ctx.schedule.suspensions if ctx.schedule is not None else ()
    for t in ctx.case.tests:
        if t.result is not TestResult.missed or t.date is None:
            continue
        if t.missed_reason is not MissedReason.in_custody:
            continue
        if any(first <= t.date <= last for first, last in spans):
            continue
        ctx.add(
            "SUSPEND_ON_CUSTODY",
            f"{zh_date(t.date)}因被羁押未检测，羁押期间应中止执行，"
            "案卷中无覆盖该日的中止记录",
            f"test missed on {t.date} because of custody: custody suspends the "
            "term; no suspension record covers that day",
            kind=DocumentKind.evaluation,
            date=t.date,
        )


@rule("TERMINATE_ON_SENTENCE")
def terminate_on_sentence(ctx: Context) -> None:
    ended, notice = ctx.case.termination, ctx.case.release_notice
    if ended is None or notice is None:
        return
    reason = ended.reason.zh if ended.reason else "终止"
    ctx.add(
        "TERMINATE_ON_SENTENCE",
        f"已因“{reason}”终止执行"
        f"{'（' + zh_date(ended.date) + '）' if ended.date else ''}，"
        "不应出具解除通知书，实际案卷中有解除通知书",
        f"the measure was terminated ({ended.reason or 'termination'}); no release "
        "notice may follow, yet one is on file",
        kind=DocumentKind.release_notice,
        document=notice,
        date=notice.issue_date,
    )


@rule("RELEASE_ON_EXPIRY")
def release_on_expiry(ctx: Context) -> None:
    notice, schedule = ctx.case.release_notice, ctx.schedule
    if notice is None or schedule is None:
        return
    day = notice.release_date or notice.issue_date
    if day is None or day >= schedule.term_end:
        return
    ctx.add(
        "RELEASE_ON_EXPIRY",
        f"执行期限至{zh_date(schedule.term_end)}届满，期满方可解除，"
        f"解除通知书日期为{zh_date(day)}",
        f"the term ends on {schedule.term_end}; release is dated {day}",
        kind=DocumentKind.release_notice,
        document=notice,
        date=day,
    )


@rule("RELEASE_NOTIFY_7_DAYS")
def release_notify_7_days(ctx: Context) -> None:
    notice = ctx.case.release_notice
    if notice is None or notice.issue_date is None:
        return
    n = ctx.policy.release_notify_days
    due = notice.issue_date + dt.timedelta(days=n)
    who = (
        ("乡镇(街道)", "the township office", notice.office_notified_date),
        ("本人", "the person", notice.person_receipt.date),
        ("家属", "the family", notice.family_receipt.date),
        ("原决定机关", "the deciding organ", notice.deciding_organ_notified_date),
    )
    for zh, en, day in who:
        if not ctx.missed(day, due):
            continue
        found_zh = f"实际为{zh_date(day)}" if day else "案卷中无通知记录"
        found_en = f"told on {day}" if day else "no record"
        ctx.add(
            "RELEASE_NOTIFY_7_DAYS",
            f"解除通知书{zh_date(notice.issue_date)}出具，应在{n}日内"
            f"（{zh_date(due)}前）通知{zh}，{found_zh}",
            f"release notice of {notice.issue_date}: {en} to be told within {n} "
            f"days (by {due}); {found_en}",
            kind=DocumentKind.release_notice,
            document=notice,
            date=day or due,
        )
