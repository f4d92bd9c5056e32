"""Blueprints of leave and relocation: kinds 10 and 11.

Each instance is one file of two parts: the approval form, then (after a page
break) the document issued on it — the 外出准假通知书 or the 变更地点的函 —
because both are made from the same record and filed together.
"""

from __future__ import annotations

from typing import Any

from forms.blueprints._page import (
    LEFT,
    Cell,
    U,
    new_document,
    page_break,
    paragraph,
    seal_block,
    table,
    text_cell,
)
from forms.blueprints._parts import caption, heading, letter_head

W4 = [30.0, 48.0, 30.0, 48.0]


def _applicant() -> list[list[Any]]:
    """The first rows of an application: who applies, under which measure, when."""
    return [
        ["申请人", "{{ person.name }}", "公民身份号码", "{{ person.id_number }}"],
        [
            "措施",
            "{{ case.measure }}",
            "申请日期",
            "{{ doc.application_date|dateline }}",
        ],
    ]


def _applicant_signature() -> list[Any]:
    return [
        "申请人签名",
        Cell(
            (
                "{{ doc.person_signature.name }}　"
                "{{ doc.person_signature.date|dateline }}",
            ),
            span=3,
        ),
    ]


def _opinion(label: str, text: str, name: str, date: str) -> list[Any]:
    return [
        label,
        Cell((text,), span=3, align=LEFT, lines=[(f"签字：{name}　　{date}",)]),
    ]


def leave_request() -> Any:
    """#10 外出请假审批表, 外出准假通知书, and the 销假 on return.

    Needed for an absence from the county of 3 days or more (戒毒条例第十九条；
    the 规范 asks for approval and a permit before departure).
    """
    doc = new_document()
    heading(doc)
    caption(doc, "编号：{{ doc.no }}")
    table(
        doc,
        W4,
        [
            *_applicant(),
            ["外出事由", text_cell("{{ doc.reason }}", span=3)],
            ["前往地点", text_cell("{{ doc.destination }}", span=3)],
            [
                "拟离开日期",
                "{{ doc.planned_departure|dateline }}",
                "拟返回日期",
                "{{ doc.planned_return|dateline }}",
            ],
            [
                "外出天数",
                "{{ doc.days }}",
                "外出期间联系电话",
                "{{ doc.contact_phone }}",
            ],
            ["外出期间检测安排", text_cell("{{ doc.test_arrangement }}", span=3)],
            _applicant_signature(),
            _opinion(
                "工作小组意见",
                "{{ doc.group_opinion }}",
                "{{ doc.group_signature.name }}",
                "{{ doc.group_signature.date|dateline }}",
            ),
            [
                "办公室审批意见",
                Cell(
                    (
                        "{% if doc.approved == '是' %}同意外出。"
                        "{% elif doc.approved == '否' %}不同意外出。"
                        "{% else %}□同意　□不同意{% endif %}",
                    ),
                    span=3,
                    align=LEFT,
                    lines=[
                        (
                            "审批人：{{ doc.approver.name }}　"
                            "{{ doc.approver.date|dateline }}",
                        ),
                        (
                            "（盖章）{{ doc.office_seal.organ }}　"
                            "{{ doc.office_seal.date|dateline }}",
                        ),
                    ],
                ),
            ],
            [
                "准假通知书编号",
                "{{ doc.permit_number }}",
                "准假通知书日期",
                "{{ doc.permit_date|dateline }}",
            ],
            [
                "实际离开日期",
                "{{ doc.actual_departure|dateline }}",
                "实际返回日期",
                "{{ doc.actual_return|dateline }}",
            ],
            [
                "销假日期",
                "{{ doc.return_date|dateline }}",
                "销假经办人",
                "{{ doc.return_clerk }}",
            ],
            ["逾期返回说明", text_cell("{{ doc.late_explanation }}", span=3)],
        ],
        heights_mm=[10, 10, 18, 12, 10, 10, 12, 12, 24, 26, 10, 10, 10, 16],
    )
    page_break(doc)
    letter_head(doc, "doc.permit_number", "person.name", name="外出准假通知书")
    paragraph(
        doc,
        "你于",
        U("{{ doc.application_date|dateline }}"),
        "提出的外出申请已经批准。准予你于",
        U("{{ doc.planned_departure|dateline }}"),
        "至",
        U("{{ doc.planned_return|dateline }}"),
        "前往",
        U("{{ doc.destination|blank(12) }}"),
        "，共",
        U("{{ doc.days|blank(2) }}"),
        "日。",
        indent=2,
    )
    paragraph(
        doc,
        "外出期间应当保持通讯畅通，遵守法律、法规，按照以下安排接受吸毒检测：",
        U("{{ doc.test_arrangement|sentence|blank(12) }}"),
        "。返回后应当及时到执行地办理销假手续；逾期不归又无正当理由的，"
        "超出的日数按擅自离开计算。",
        indent=2,
    )
    seal_block(
        doc,
        "{{ doc.office_seal.organ or office.name }}",
        "{{ doc.permit_date|dateline }}",
    )
    return doc


def transfer() -> Any:
    """#11 变更戒毒(康复)地点审批表 and the 变更地点的函 (戒毒条例第二十二条).

    The person reports at the new place within 15 days (counted from the 函
    date, the 规范's reading; DOMAIN.md §6); the term runs on without a break.
    """
    doc = new_document()
    heading(doc)
    caption(doc, "类别：{{ doc.direction }}")
    table(
        doc,
        W4,
        [
            *_applicant(),
            ["原执行地", "{{ doc.old_place }}", "新执行地", "{{ doc.new_place }}"],
            ["新住址", text_cell("{{ doc.new_address }}", span=3)],
            ["变更理由", text_cell("{{ doc.reason }}", span=3)],
            _applicant_signature(),
            [
                "接收单位",
                "{{ doc.receiving_unit }}",
                "接收单位同意日期",
                "{{ doc.receiving_consent_date|dateline }}",
            ],
            [
                "办公室审核意见",
                Cell(
                    ("{{ doc.office_opinion }}",),
                    span=3,
                    align=LEFT,
                    lines=[("审核日期：{{ doc.office_review_date|dateline }}",)],
                ),
            ],
            [
                "县级禁毒部门审批",
                Cell(
                    ("（盖章）{{ doc.approval_seal.organ }}",),
                    span=3,
                    align=LEFT,
                    lines=[("批准日期：{{ doc.approval_date|dateline }}",)],
                ),
            ],
            [
                "函号",
                "{{ doc.letter_number }}",
                "发函日期",
                "{{ doc.letter_date|dateline }}",
            ],
            ["移交材料", text_cell("{{ doc.files_handed_over }}", span=3)],
            [
                "新执行地报到日期",
                "{{ doc.new_report_date|dateline }}",
                "新协议签订日期",
                "{{ doc.new_agreement_date|dateline }}",
            ],
            ["已执行天数", "{{ doc.days_served }}", "剩余天数", "{{ doc.days_left }}"],
        ],
        heights_mm=[10, 10, 10, 12, 20, 12, 10, 24, 24, 10, 20, 10, 10],
    )
    page_break(doc)
    letter_head(
        doc,
        "doc.letter_number",
        "doc.receiving_unit",
        name="关于变更{{ case.measure }}执行地点的函",
    )
    paragraph(
        doc,
        "{{ case.measure }}人员",
        U("{{ person.name|blank }}"),
        "（公民身份号码",
        U("{{ person.id_number|blank(12) }}"),
        "），经",
        U("{{ case.decision_organ|blank(10) }}"),
        "以",
        U("{{ case.decision_number|blank(10) }}"),
        "决定书责令接受{{ case.measure }}，期限自",
        U("{{ case.term_start|dateline }}"),
        "起至",
        U("{{ case.term_end|dateline }}"),
        "止，原在",
        U("{{ doc.old_place|blank(10) }}"),
        "执行。现本人申请将执行地点变更至",
        U("{{ doc.new_place|blank(10) }}"),
        "（新住址：",
        U("{{ doc.new_address|blank(12) }}"),
        "），申请理由：",
        U("{{ doc.reason|sentence|blank(10) }}"),
        "。经审核，已予批准。",
        indent=2,
    )
    paragraph(
        doc,
        "请你单位接收，并与其重新签订{{ case.measure }}协议。该人员已执行",
        U("{{ doc.days_served|blank(2) }}"),
        "日，剩余",
        U("{{ doc.days_left|blank(2) }}"),
        "日，期限连续计算。该人员应当自本函发出之日起十五日内到新执行地报到。",
        indent=2,
    )
    paragraph(
        doc,
        "随函移交材料：",
        U("{{ doc.files_handed_over|sentence|blank(16) }}"),
        "。",
        indent=2,
    )
    seal_block(doc, "{{ office.name }}", "{{ doc.letter_date|dateline }}")
    return doc
