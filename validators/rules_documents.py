"""Completeness, order and numbering of the documents themselves.

- DOC_MISSING: a document the person's state requires is absent. The
  decision always; once the person has reported and ``intake_days`` have
  passed, the agreement, plan, group roster and test notice; a leave request
  when a test was missed for leave; a transfer when there is a second
  registration; the release notice once the term has ended, unless the
  measure was terminated or the person transferred out. Talks, tests,
  warning letters and evaluations have their own rules, window by window.
- SEQUENCE: dates that contradict the flow (a decision served before it was
  made or after the report, a plan before the report, leave or transfer
  steps out of order, a test done during a suspension, records after 终止,
  anything dated after the as-of date …).
- NUMBERING: numbered instances of one kind run 1, 2, 3 … with no gap or
  repeat; 文号 are not repeated (DA/T 70 checks continuity).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from forms import DocumentKind
from forms.choices import MissedReason, TestResult
from validators.context import Context
from validators.registry import rule
from validators.schedule import zh_date


@rule("DOC_MISSING")
def doc_missing(ctx: Context) -> None:
    case = ctx.case
    if case.decision is None:
        _missing(ctx, DocumentKind.decision, "案卷中没有决定书", None)
    report = case.report_date
    if report is not None and ctx.as_of > report + dt.timedelta(
        days=ctx.policy.intake_days
    ):
        due = report + dt.timedelta(days=ctx.policy.intake_days)
        required = (
            (DocumentKind.agreement, bool(case.agreements)),
            (DocumentKind.plan, case.plan is not None),
            (DocumentKind.group_roster, case.group_roster is not None),
            (DocumentKind.test_notice, bool(case.test_notices)),
        )
        for kind, present in required:
            if not present:
                _missing(ctx, kind, f"报到后应建立{kind.label}，案卷中没有", due)
    _leave_missing(ctx)
    if len(case.registrations) > 1 and not case.transfers:
        _missing(
            ctx,
            DocumentKind.transfer,
            f"案卷中有{len(case.registrations)}份登记表（变更过执行地），"
            f"应有{DocumentKind.transfer.label}，实际没有",
            None,
        )
    _release_missing(ctx)


def _missing(ctx: Context, kind: DocumentKind, zh: str, day: dt.date | None) -> None:
    ctx.add(
        "DOC_MISSING", zh, f"{kind.value}: required, not on file", kind=kind, date=day
    )


def _leave_missing(ctx: Context) -> None:
    spans = []
    for leave in ctx.case.leave_requests:
        first = leave.actual_departure or leave.planned_departure
        last = leave.actual_return or leave.planned_return or first
        if first is not None and last is not None:
            spans.append((first, last))
    for t in ctx.case.tests:
        if t.missed_reason is not MissedReason.on_leave or t.date is None:
            continue
        if any(first <= t.date <= last for first, last in spans):
            continue
        ctx.add(
            "DOC_MISSING",
            f"{zh_date(t.date)}因请假外出未检测，应有覆盖该日的外出请假审批表，"
            "案卷中没有",
            f"test missed on {t.date} for leave: no leave request covers that day",
            kind=DocumentKind.leave_request,
            date=t.date,
        )


def _release_missing(ctx: Context) -> None:
    schedule = ctx.schedule
    if schedule is None or ctx.case.release_notice is not None:
        return
    if ctx.terminated() or ctx.transferred_out() or not ctx.term_expired():
        return
    ctx.add(
        "DOC_MISSING",
        f"执行期限已于{zh_date(schedule.term_end)}届满，应出具"
        f"{DocumentKind.release_notice.label}，案卷中没有",
        f"the term ended on {schedule.term_end}; no release notice on file",
        kind=DocumentKind.release_notice,
        date=schedule.term_end,
    )


@rule("SEQUENCE")
def sequence(ctx: Context) -> None:
    for kind, doc, day, zh, en in _out_of_order(ctx):
        ctx.add("SEQUENCE", zh, en, kind=kind, document=doc, date=day)


_Step = tuple[DocumentKind, object, dt.date, str, str]


def _before(
    kind: DocumentKind,
    doc: object,
    earlier: tuple[str, dt.date | None],
    later: tuple[str, dt.date | None],
) -> list[_Step]:
    """A finding when ``later`` is dated before ``earlier``."""
    (name_a, a), (name_b, b) = earlier, later
    if a is None or b is None or b >= a:
        return []
    return [
        (
            kind,
            doc,
            b,
            f"{kind.label}：{name_b}（{zh_date(b)}）不应早于{name_a}（{zh_date(a)}）",
            f"{kind.value}: {name_b} ({b}) must not precede {name_a} ({a})",
        )
    ]


def _out_of_order(ctx: Context) -> list[_Step]:
    case = ctx.case
    steps: list[_Step] = []
    d = case.decision
    report = ("报到日期", case.report_date)
    if d is not None:
        k = DocumentKind.decision
        steps += _before(k, d, ("决定日期", d.issue_date), ("送达日期", d.served_date))
        steps += _before(k, d, ("送达日期", d.served_date), report)
        steps += _before(k, d, ("决定日期", d.issue_date), report)
    if case.plan is not None:
        steps += _before(
            DocumentKind.plan, case.plan, report, ("制定日期", case.plan.made_date)
        )
    for leave in case.leave_requests:
        k = DocumentKind.leave_request
        steps += _before(
            k,
            leave,
            ("拟离开日期", leave.planned_departure),
            ("拟返回日期", leave.planned_return),
        )
        steps += _before(
            k,
            leave,
            ("实际离开日期", leave.actual_departure),
            ("实际返回日期", leave.actual_return),
        )
        steps += _before(
            k,
            leave,
            ("申请日期", leave.application_date),
            ("审批日期", leave.approver.date),
        )
    for t in case.transfers:
        k = DocumentKind.transfer
        steps += _before(
            k, t, ("申请日期", t.application_date), ("批准日期", t.approval_date)
        )
        steps += _before(
            k, t, ("批准日期", t.approval_date), ("发函日期", t.letter_date)
        )
        steps += _before(
            k, t, ("批准日期", t.approval_date), ("新执行地报到日期", t.new_report_date)
        )
    for w in case.warning_letters:
        steps += _before(
            DocumentKind.warning_letter,
            w,
            ("违反协议行为日期", w.event_date),
            ("告诫日期", w.issue_date),
        )
    for e in case.evaluations:
        steps += _before(
            DocumentKind.evaluation,
            e,
            ("评价期间起", e.period_start),
            ("评价期间止", e.period_end),
        )
    for s in case.suspensions:
        steps += _before(
            DocumentKind.evaluation,
            None,
            ("中止开始日期", s.start),
            ("中止结束日期", s.end),
        )
    steps += _tests_in_suspension(ctx)
    steps += _after_termination(ctx)
    steps += _after_as_of(ctx)
    return steps


def _tests_in_suspension(ctx: Context) -> list[_Step]:
    spans = ctx.schedule.suspensions if ctx.schedule is not None else ()
    steps: list[_Step] = []
    for t in ctx.case.tests:
        done = t.result in (TestResult.negative, TestResult.positive)
        if not done or t.date is None:
            continue
        for first, last in spans:
            if first <= t.date <= last:
                steps.append(
                    (
                        DocumentKind.test_log,
                        None,
                        t.date,
                        f"{zh_date(t.date)}的检测记录落在中止期间"
                        f"（{zh_date(first)}至{zh_date(last)}）内，中止期间不应在社区检测",
                        f"test on {t.date} falls in the suspension {first} to {last}",
                    )
                )
    return steps


def _dated_records(ctx: Context) -> Iterable[tuple[DocumentKind, object, dt.date]]:
    for entry in ctx.entries:
        if entry.kind is DocumentKind.test_log or entry.date is None:
            continue
        yield entry.kind, entry.document, entry.date
    for t in ctx.case.tests:
        if t.date is not None:
            yield DocumentKind.test_log, None, t.date


def _after_termination(ctx: Context) -> list[_Step]:
    ended = ctx.case.termination
    if ended is None or ended.date is None:
        return []
    end = ended.date
    supervision = (DocumentKind.visit, DocumentKind.test_log, DocumentKind.evaluation)
    return [
        (
            kind,
            doc,
            day,
            f"{kind.label}日期{zh_date(day)}晚于终止执行日期{zh_date(end)}",
            f"{kind.value} dated {day}, after the termination on {end}",
        )
        for kind, doc, day in _dated_records(ctx)
        if kind in supervision and day > end
    ]


def _after_as_of(ctx: Context) -> list[_Step]:
    as_of = ctx.as_of
    return [
        (
            kind,
            doc,
            day,
            f"{kind.label}日期{zh_date(day)}晚于检查基准日{zh_date(as_of)}",
            f"{kind.value} dated {day}, after the as-of date {as_of}",
        )
        for kind, doc, day in _dated_records(ctx)
        if day > as_of
    ]


@rule("NUMBERING")
def numbering(ctx: Context) -> None:
    case = ctx.case
    numbered: Sequence[tuple[DocumentKind, list[int | None]]] = (
        (DocumentKind.visit, [v.no for v in case.visits]),
        (DocumentKind.test_log, [t.no for t in case.tests]),
        (DocumentKind.leave_request, [x.no for x in case.leave_requests]),
        (DocumentKind.evaluation, [e.no for e in case.evaluations]),
    )
    for kind, numbers in numbered:
        _sequence_numbers(ctx, kind, [n for n in numbers if n is not None])
    texts = (
        (DocumentKind.test_notice, [n.number for n in case.test_notices]),
        (DocumentKind.warning_letter, [w.number for w in case.warning_letters]),
    )
    for kind, values in texts:
        for value, count in Counter(v for v in values if v).items():
            if count > 1:
                ctx.add(
                    "NUMBERING",
                    f"{kind.label}文号“{value}”重复{count}次，文号应唯一",
                    f"{kind.value}: number '{value}' used {count} times",
                    kind=kind,
                )


def _sequence_numbers(ctx: Context, kind: DocumentKind, numbers: list[int]) -> None:
    if not numbers:
        return
    counts = Counter(numbers)
    for n, count in sorted(counts.items()):
        if count > 1:
            ctx.add(
                "NUMBERING",
                f"{kind.label}编号{n}重复{count}次，编号应连续且不重复",
                f"{kind.value}: number {n} used {count} times",
                kind=kind,
            )
    gaps = [n for n in range(1, max(numbers) + 1) if n not in counts]
    if gaps:
        shown = "、".join(str(n) for n in gaps[:10]) + ("等" if len(gaps) > 10 else "")
        ctx.add(
            "NUMBERING",
            f"{kind.label}编号应从1起连续，缺少第{shown}号",
            f"{kind.value}: numbers should run from 1 without gaps; missing "
            f"{', '.join(str(n) for n in gaps[:10])}",
            kind=kind,
        )
