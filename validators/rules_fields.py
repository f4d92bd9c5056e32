"""FIELD_MISSING: what the archive copy of each document must carry.

A draft may leave anything blank (DESIGN.md, "Principles"); the archive copy
may not leave blank the fields that make a document what it is: its date, its
文号, its seals and its signatures. A signature block counts as done when it
has a name, a fingerprint, or a recorded refusal. Fields that other rules
judge (the dates of notifying on release, testers of a test) are left to them.
"""

from __future__ import annotations

from collections.abc import Iterable

from forms import CaseFile, DocumentKind
from forms.choices import TestResult
from forms.fields import Seal, Signature
from validators.context import Context
from validators.registry import rule

Check = tuple[str, str, object]
"""(field path, Chinese label, value)."""


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, Signature):
        return not (value.name or value.fingerprint or value.refused)
    if isinstance(value, Seal):
        return value.organ is None
    return isinstance(value, list) and not value


def _decision(case: CaseFile) -> Iterable[tuple[object, list[Check]]]:
    d = case.decision
    if d is None:
        return []
    checks: list[Check] = [
        ("number", "文号", d.number),
        ("issuing_organ", "决定机关", d.issuing_organ),
        ("issue_date", "决定日期", d.issue_date),
        ("served_date", "送达日期", d.served_date),
        ("seal", "公安机关印章", d.seal),
        ("person_receipt", "被决定人签收", d.person_receipt),
        ("execution_place", "执行地", d.execution_place),
    ]
    if case.measure is None and d.measure is None:
        checks.append(("measure", "措施种类", None))
    if d.measure is not None and d.measure.value == "community_rehab":
        checks.append(("term_years", "期限", d.term_years))
    return [(d, checks)]


def _person(case: CaseFile) -> list[Check]:
    p = case.person
    return [
        ("person.name", "姓名", p.name),
        ("person.sex", "性别", p.sex),
        ("person.id_number", "公民身份号码", p.id_number),
        ("person.residence_address", "现住址", p.residence_address),
    ]


def _documents(case: CaseFile) -> Iterable[tuple[DocumentKind, object, list[Check]]]:
    for doc, checks in _decision(case):
        yield DocumentKind.decision, doc, checks
    for i, r in enumerate(case.registrations):
        intake: list[Check] = [
            ("report_date", "报到日期", r.report_date),
            ("person_signature", "本人签名", r.person_signature),
            ("filled_by", "填表人", r.filled_by),
        ]
        yield DocumentKind.registration, r, (_person(case) if i == 0 else []) + intake
    for a in case.agreements:
        yield (
            DocumentKind.agreement,
            a,
            [
                ("signed_date", "签订日期", a.signed_date),
                ("term_start", "期限起", a.term_start),
                ("term_end", "期限止", a.term_end),
                ("party_a_seal", "甲方印章", a.party_a_seal),
                ("person_signature", "乙方签名", a.person_signature),
            ],
        )
    if case.plan is not None:
        p = case.plan
        yield (
            DocumentKind.plan,
            p,
            [
                ("made_date", "制定日期", p.made_date),
                ("author", "制定人", p.author),
                ("office_seal", "办公室审批盖章", p.office_seal),
                ("person_signature", "本人知悉签名", p.person_signature),
            ],
        )
    if case.group_roster is not None:
        g = case.group_roster
        yield (
            DocumentKind.group_roster,
            g,
            [
                ("formed_date", "成立日期", g.formed_date),
                ("members", "成员", g.members),
                ("office_seal", "办公室印章", g.office_seal),
            ],
        )
    for v in case.visits:
        yield (
            DocumentKind.visit,
            v,
            [
                ("date", "日期", v.date),
                ("content", "谈话内容", v.content),
                ("recorder", "记录人签名", v.recorder),
                ("interviewee_signature", "谈话对象签名", v.interviewee_signature),
            ],
        )
    for n in case.test_notices:
        yield (
            DocumentKind.test_notice,
            n,
            [
                ("issue_date", "通知日期", n.issue_date),
                ("seal", "印章", n.seal),
                ("person_receipt", "被检测人签收", n.person_receipt),
            ],
        )
    yield from _rows(case)
    yield from _later(case)


def _rows(case: CaseFile) -> Iterable[tuple[DocumentKind, object, list[Check]]]:
    for t in case.tests:
        checks: list[Check] = [
            ("date", "检测日期", t.date),
            ("result", "结果", t.result),
        ]
        if t.result is TestResult.missed:
            checks.append(("missed_reason", "未检测原因", t.missed_reason))
        elif t.result is not None:
            checks += [
                ("sample_type", "样本种类", t.sample_type),
                ("person_signature", "被检测人签名", t.person_signature),
            ]
        yield DocumentKind.test_log, None, checks


def _later(case: CaseFile) -> Iterable[tuple[DocumentKind, object, list[Check]]]:
    for w in case.warning_letters:
        yield (
            DocumentKind.warning_letter,
            w,
            [
                ("issue_date", "告诫日期", w.issue_date),
                ("trigger", "事由", w.trigger),
                ("event_date", "违反协议行为日期", w.event_date),
                ("seal", "印章", w.seal),
                ("person_receipt", "被告诫人签收", w.person_receipt),
            ],
        )
    for x in case.leave_requests:
        checks: list[Check] = [
            ("application_date", "申请日期", x.application_date),
            ("planned_departure", "拟离开日期", x.planned_departure),
            ("planned_return", "拟返回日期", x.planned_return),
            ("person_signature", "申请人签名", x.person_signature),
        ]
        if x.approved:
            checks += [
                ("approver", "审批人签字", x.approver),
                ("office_seal", "办公室印章", x.office_seal),
                ("permit_number", "准假通知书编号", x.permit_number),
            ]
        yield DocumentKind.leave_request, x, checks
    for t in case.transfers:
        yield (
            DocumentKind.transfer,
            t,
            [
                ("direction", "迁出或迁入", t.direction),
                ("application_date", "申请日期", t.application_date),
                ("new_place", "新执行地", t.new_place),
            ],
        )
    for e in case.evaluations:
        yield (
            DocumentKind.evaluation,
            e,
            [
                ("date", "评价日期", e.date),
                ("period", "评价类型", e.period),
                ("assessors", "评价人签名", e.assessors),
                ("office_seal", "办公室印章", e.office_seal),
            ],
        )
    if case.release_notice is not None:
        r = case.release_notice
        yield (
            DocumentKind.release_notice,
            r,
            [
                ("number", "文号", r.number),
                ("issue_date", "通知书日期", r.issue_date),
                ("release_date", "解除日期", r.release_date),
                ("seal", "印章", r.seal),
            ],
        )


@rule("FIELD_MISSING")
def field_missing(ctx: Context) -> None:
    rows: dict[DocumentKind, int] = {}
    for kind, doc, checks in _documents(ctx.case):
        where = _where(ctx, kind, doc, rows)
        for path, label, value in checks:
            if not _blank(value):
                continue
            ctx.add(
                "FIELD_MISSING",
                f"{where}的“{label}”未填写",
                f"{kind.value}: field {path} is blank",
                kind=kind,
                document=doc,
            )
    for s in ctx.case.suspensions:
        _annex(
            ctx,
            "中止记录",
            [("start", "羁押开始日期", s.start), ("reason", "原因", s.reason)],
        )
    if ctx.case.termination is not None:
        t = ctx.case.termination
        _annex(
            ctx,
            "终止记录",
            [("date", "终止日期", t.date), ("reason", "原因", t.reason)],
        )
    for p in ctx.case.police_reports:
        _annex(
            ctx,
            "向公安机关的报告",
            [("date", "报告日期", p.date), ("trigger", "事由", p.trigger)],
        )


def _where(
    ctx: Context, kind: DocumentKind, doc: object, rows: dict[DocumentKind, int]
) -> str:
    if doc is None:
        rows[kind] = rows.get(kind, 0) + 1
        return f"{kind.label}第{rows[kind]}行"
    instance = ctx.instance(doc)
    return kind.label + (f"（第{instance}份）" if instance else "")


def _annex(ctx: Context, title: str, checks: list[Check]) -> None:
    for path, label, value in checks:
        if _blank(value):
            ctx.add(
                "FIELD_MISSING",
                f"{title}的“{label}”未填写",
                f"{title}: {path} is blank",
            )
