"""Blueprints of evaluations, the release notice, and the records that end or
pause the term: kinds 12 and 13 with their annexes, and the late-report notice."""

from __future__ import annotations

from typing import Any

from forms.blueprints._page import (
    DATE_BLANK,
    FORM_LINE,
    FORM_SIZE,
    LEFT,
    Cell,
    U,
    new_document,
    paragraph,
    seal_block,
    table,
    text_cell,
)
from forms.blueprints._parts import caption, heading, issued_by, letter_head, sign_line

W4 = [30.0, 48.0, 30.0, 48.0]


def _record(rows: list[list[Any]], heights_mm: list[float]) -> Any:
    """A record that pauses or ends the term: identity row, the rows, the recorder."""
    doc = new_document()
    heading(doc)
    identity = ["姓名", "{{ person.name }}", "公民身份号码", "{{ person.id_number }}"]
    recorder = ["记录人", "", "记录日期", DATE_BLANK]
    table(doc, W4, [identity, *rows, recorder], heights_mm=[10, *heights_mm, 14])
    return doc


def evaluation() -> Any:
    """#12 现实表现评价表 (鉴定评估表): quarterly, annual or final (DOMAIN.md §2c)."""
    doc = new_document()
    heading(doc)
    caption(doc, "编号：{{ doc.no }}　　评价类型：{{ doc.period }}")
    table(
        doc,
        W4,
        [
            ["姓名", "{{ person.name }}", "措施", "{{ case.measure }}"],
            [
                "评价期间",
                Cell(
                    (
                        "自{{ doc.period_start|dateline }}至"
                        "{{ doc.period_end|dateline }}止",
                    ),
                    span=3,
                ),
            ],
            [
                "应检测次数",
                "{{ doc.tests_due }}",
                "实际检测次数",
                "{{ doc.tests_done }}",
            ],
            ["谈话、家访次数", "{{ doc.talks }}", "定期报告次数", "{{ doc.reports }}"],
            ["告诫次数", "{{ doc.warnings }}", "评价日期", "{{ doc.date|dateline }}"],
            ["遵守协议和配合情况", text_cell("{{ doc.cooperation }}", span=3)],
            ["戒毒康复情况", text_cell("{{ doc.rehab_state }}", span=3)],
            ["评价等次", "{{ doc.grade }}", "风险等级", "{{ doc.risk }}"],
            ["下一步措施", text_cell("{{ doc.next_steps }}", span=3)],
            [
                "本人意见",
                Cell(
                    ("{{ doc.person_comment }}",),
                    span=3,
                    align=LEFT,
                    lines=[
                        (
                            "签名：{{ doc.person_signature.name }}　"
                            "{{ doc.person_signature.date|dateline }}",
                        )
                    ],
                ),
            ],
            [
                "评价人",
                Cell(
                    (
                        "签名：{{ doc.assessors.name }}　"
                        "{{ doc.assessors.date|dateline }}",
                    ),
                    span=3,
                    align=LEFT,
                ),
            ],
            [
                "办公室意见",
                Cell(
                    ("（盖章）{{ doc.office_seal.organ }}",),
                    span=3,
                    align=LEFT,
                    lines=[("{{ doc.office_seal.date|dateline }}",)],
                ),
            ],
        ],
        heights_mm=[10, 10, 10, 10, 10, 34, 34, 10, 26, 24, 12, 22],
    )
    return doc


def release_notice() -> Any:
    """#13 解除社区戒毒(康复)通知书 (戒毒条例第二十三条、第四十条)."""
    doc = new_document()
    letter_head(doc, "doc.number", "person.name")
    paragraph(
        doc,
        "你自",
        U("{{ doc.period_start|dateline }}"),
        "起至",
        U("{{ doc.period_end|dateline }}"),
        "止接受{{ case.measure }}，期限届满。经",
        U("{{ case.place|blank(10) }}"),
        "于",
        U("{{ doc.proposal_date|dateline }}"),
        "提出意见，根据",
        U("{{ case.release_basis }}"),
        "的规定，决定自",
        U("{{ doc.release_date|dateline }}"),
        "起解除{{ case.measure }}。",
        indent=2,
    )
    paragraph(
        doc,
        "本通知书送达本人及其家属，并通知执行地乡镇人民政府（街道办事处）和原决定机关。",
        indent=2,
    )
    issued_by(doc)
    sign_line(doc, "本人签收：", "doc.person_receipt")
    sign_line(doc, "家属签收：", "doc.family_receipt")
    paragraph(
        doc,
        "通知乡镇（街道）日期：{{ doc.office_notified_date|dateline }}；"
        "通知原决定机关日期：{{ doc.deciding_organ_notified_date|dateline }}；"
        "录入动态管控系统日期：{{ doc.control_system_date|dateline }}。",
        size=FORM_SIZE,
        line=FORM_LINE,
    )
    return doc


def late_report() -> Any:
    """逾期报到告知书, filed with the registration (#2; 戒毒条例第十四条)."""
    doc = new_document()
    heading(doc)
    paragraph(doc, U("{{ person.name|blank }}"), "：")
    paragraph(
        doc,
        "你于",
        U("{{ case.served_date|dateline }}"),
        "收到",
        U("{{ case.decision_organ|blank(10) }}"),
        "作出的",
        U("{{ case.decision_number|blank(10) }}"),
        "决定书，应当自收到之日起十五日内报到，实际于",
        U("{{ case.report_date|dateline }}"),
        "报到，已逾期。",
        indent=2,
    )
    paragraph(
        doc,
        "经核实，逾期理由为：",
        U("{{ doc.reason|sentence|blank(12) }}"),
        "。理由说明：",
        U("{{ doc.reason_text|sentence|blank(16) }}"),
        "。证明材料：",
        U("{{ doc.proof|sentence|blank(12) }}"),
        "。",
        indent=2,
    )
    paragraph(
        doc,
        "无正当理由逾期不报到的，视为拒绝接受{{ case.measure }}，"
        "将报告公安机关依法处理。",
        indent=2,
    )
    seal_block(doc, "{{ office.name }}", "{{ doc.date|dateline }}")
    paragraph(doc, "被告知人（签名）：", U("　" * 6), "　", DATE_BLANK)
    return doc


def suspension() -> Any:
    """中止记录: custody pauses the term (戒毒条例第二十四条第二项)."""
    return _record(
        [
            ["中止原因", "{{ doc.reason }}", "决定机关", "{{ doc.organ }}"],
            ["法律文书编号", Cell(("{{ doc.document_number }}",), span=3)],
            [
                "羁押开始日期",
                "{{ doc.start|dateline }}",
                "释放日期",
                "{{ doc.end|dateline }}",
            ],
            [
                "说明",
                text_cell(
                    "被羁押期间中止执行，释放后继续执行剩余期限；中止期间不计入"
                    "检测、谈话等应办事项的期间。",
                    span=3,
                ),
            ],
        ],
        [10, 10, 10, 24],
    )


def termination() -> Any:
    """终止记录 (戒毒条例第二十四条第一项): no release notice follows."""
    return _record(
        [
            ["终止原因", Cell(("{{ doc.reason }}",), span=3)],
            [
                "决定机关",
                "{{ doc.organ }}",
                "法律文书编号",
                "{{ doc.document_number }}",
            ],
            ["终止日期", Cell(("{{ doc.date|dateline }}",), span=3)],
            [
                "说明",
                text_cell("{{ case.measure }}依法终止，不再出具解除通知书。", span=3),
            ],
        ],
        [10, 10, 10, 20],
    )
