"""Blueprints of the supervision documents: kinds 6–9 and their annex records."""

from __future__ import annotations

from typing import Any

from forms.blueprints._page import (
    Cell,
    U,
    new_document,
    number_line,
    paragraph,
    repeated_rows,
    seal_block,
    table,
    text_cell,
)
from forms.blueprints._parts import (
    TERM_LINE,
    caption,
    heading,
    issued_by,
    letter_head,
    sign_line,
    signed,
)

W4 = [28.0, 50.0, 28.0, 50.0]


def _record(rows: list[Any], heights_mm: list[float]) -> Any:
    """A one-table record (定期报告, 帮教记录): the heading, then the ruled table."""
    doc = new_document()
    heading(doc)
    table(doc, W4, rows, heights_mm=heights_mm)
    return doc


def visit() -> Any:
    """#6 定期会面(谈话)、家访记录: one record per talk or visit."""
    doc = new_document()
    heading(doc)
    caption(doc, "编号：{{ doc.no }}")
    table(
        doc,
        W4,
        [
            ["对象姓名", "{{ person.name }}", "措施", "{{ case.measure }}"],
            ["日期", "{{ doc.date|dateline }}", "时间", "{{ doc.time }}"],
            ["地点", "{{ doc.place }}", "形式", "{{ doc.visit_kind }}"],
            ["谈话对象", "{{ doc.interviewee }}", "参加人员", "{{ doc.staff }}"],
            ["谈话内容", text_cell("{{ doc.content }}", span=3)],
            ["有无复吸迹象", text_cell("{{ doc.relapse_signs }}", span=3)],
            ["存在问题", text_cell("{{ doc.problems }}", span=3)],
            ["采取措施", text_cell("{{ doc.actions }}", span=3)],
            ["下次约谈日期", Cell(("{{ doc.next_appointment|dateline }}",), span=3)],
            [
                "谈话对象签名",
                signed("doc.interviewee_signature"),
                "记录人签名",
                signed("doc.recorder"),
            ],
            ["备注", text_cell("{{ doc.interviewee_signature.note }}", span=3)],
        ],
        heights_mm=[10, 10, 10, 10, 70, 12, 25, 25, 10, 18, 10],
    )
    return doc


def self_report() -> Any:
    """定期报告: the person's written report, filed with the talk records (#6)."""
    return _record(
        [
            ["报告人", "{{ person.name }}", "报告日期", "{{ doc.date|dateline }}"],
            ["执行地", Cell(("{{ case.place }}",), span=3)],
            ["报告内容", text_cell("{{ doc.summary }}", span=3)],
            ["报告人签名", "", "接收人", "{{ doc.received_by }}"],
        ],
        [10, 10, 150, 18],
    )


def mentoring() -> Any:
    """帮教记录: the monthly 帮教/劝诫, filed with the talk records (#6)."""
    return _record(
        [
            ["帮教对象", "{{ person.name }}", "日期", "{{ doc.date|dateline }}"],
            ["帮教人员", Cell(("{{ doc.staff }}",), span=3)],
            ["帮教内容", text_cell("{{ doc.topic }}", span=3)],
            ["记录", text_cell("{{ doc.content }}", span=3)],
            ["帮教对象签名", "", "记录人签名", ""],
        ],
        [10, 10, 20, 130, 18],
    )


def test_notice() -> Any:
    """#7 吸毒检测通知书 (禁毒法第三十五条，戒毒条例第十九条)."""
    doc = new_document()
    letter_head(doc, "doc.number", "person.name")
    paragraph(
        doc,
        "根据《中华人民共和国禁毒法》第三十五条和《戒毒条例》第十九条的规定，"
        "你在{{ case.measure }}期间应当按照要求定期接受吸毒检测。"
        "{% if doc.ad_hoc == '是' %}现通知你接受临时检测。{% endif %}",
        "检测安排如下：",
        indent=2,
    )
    paragraph(
        doc, "一、检测时间（频次）：", U("{{ doc.schedule|blank(20) }}"), indent=2
    )
    paragraph(doc, "二、检测地点：", U("{{ doc.place|blank(16) }}"), indent=2)
    paragraph(
        doc,
        "三、经批准外出期间，应当到外出地公安机关接受检测，并将检测结果证明带回：",
        U("{{ doc.leave_arrangement|sentence|blank(12) }}"),
        "。",
        indent=2,
    )
    paragraph(
        doc,
        "逃避或者拒绝接受吸毒检测的，将予以告诫；逃避或者拒绝接受吸毒检测三次以上的，"
        "属于严重违反社区戒毒（康复）协议，将报告公安机关依法处理。",
        indent=2,
    )
    paragraph(doc, "经办人：", U("{{ doc.officer|blank }}"), indent=2)
    issued_by(doc)
    sign_line(doc, "本通知书已收到。被检测人（签名）：", "doc.person_receipt")
    return doc


def test_log() -> Any:
    """#8 定期吸毒检测登记表: one row per test, two testers each (程序规定 §8)."""
    doc = new_document()
    heading(doc)
    caption(doc, TERM_LINE, after=0)
    caption(doc, "应检测次数：{{ case.tests_per_year|blank }}")
    table(
        doc,
        [9.0, 21.0, 19.0, 11.0, 19.0, 12.0, 18.0, 18.0, 14.0, 15.0],
        [
            [
                "序号",
                "检测日期时间",
                "检测地点",
                "样本",
                "试剂及项目",
                "结果",
                "现场检测报告书编号",
                "检测人",
                "被检测人签名",
                "备注",
            ],
            *repeated_rows(
                10,
                "t in doc.tests",
                [
                    "{{ t.no }}",
                    Cell(("{{ t.date }}",), lines=[("{{ t.time }}",)]),
                    text_cell("{{ t.place }}"),
                    "{{ t.sample_type }}",
                    Cell(("{{ t.kit }}",), lines=[("{{ t.substances }}",)]),
                    Cell(("{{ t.result }}",), lines=[("{{ t.missed_reason }}",)]),
                    "{{ t.report_number }}",
                    "{{ t.testers|join('、') }}",
                    "{{ t.person_signature.name }}",
                    text_cell(
                        "{% if t.done_elsewhere == '是' %}外地检测　{% endif %}"
                        "{{ t.remark }}"
                    ),
                ],
                when_empty=8,
            ),
        ],
        header_rows=1,
        size=10.5,
    )
    return doc


def warning_letter() -> Any:
    """#9 告诫书: the basis of a later finding of serious breach (戒毒条例第二十条)."""
    doc = new_document()
    heading(doc)
    number_line(doc, "{{ doc.number|blank(12) }}")
    paragraph(
        doc,
        U("{{ person.name|blank }}"),
        "（公民身份号码",
        U("{{ person.id_number|blank(12) }}"),
        "）：",
    )
    paragraph(
        doc,
        "经查，你于",
        U("{{ doc.event_date|dateline }}"),
        "{% if doc.event_end_date %}至{{ doc.event_end_date }}{% endif %}，有",
        U("{{ doc.trigger|blank(8) }}"),
        "的行为",
        "{% if doc.absence_days %}（离开{{ doc.absence_days }}日）{% endif %}。"
        "具体情况：",
        U("{{ doc.facts|sentence|blank(16) }}"),
        "。",
        indent=2,
    )
    paragraph(
        doc,
        "上述行为违反了{{ case.measure }}协议的约定（",
        U("{{ doc.clause|sentence|blank(8) }}"),
        "）。这是你第",
        U("{{ doc.occurrence|blank(2) }}"),
        "次",
        U("{{ entry.breach|blank(8) }}"),
        "。{% if entry.absence == '是' %}截至本告诫书送达之日，"
        "你累计擅自离开所在县（市、区）",
        U("{{ doc.cumulative_absence_days|blank(2) }}"),
        "日。{% endif %}",
        indent=2,
    )
    paragraph(
        doc,
        "现依照《戒毒条例》的规定，对你予以告诫。你应当严格履行协议，按时接受吸毒检测，"
        "未经批准不得离开所在县（市、区）。逃避或者拒绝接受吸毒检测三次以上，"
        "擅自离开所在县（市、区）三次以上或者累计超过三十日的，属于严重违反协议"
        "（《戒毒条例》第二十条），将报告公安机关，依照《中华人民共和国禁毒法》"
        "第三十八条责令强制隔离戒毒（《戒毒条例》第二十一条）。",
        indent=2,
    )
    paragraph(doc, "经办人：", U("{{ doc.officer|blank }}"), indent=2)
    issued_by(doc)
    sign_line(doc, "本告诫书已收到。被告诫人（签名、捺指印）：", "doc.person_receipt")
    paragraph(
        doc,
        "被告诫人拒绝签收的，由见证人签名：",
        U("{{ doc.witness|blank }}"),
        "　{{ doc.person_receipt.note }}",
    )
    return doc


def police_report() -> Any:
    """向公安机关的报告 (戒毒条例第二十一条), filed with the warning letters (#9)."""
    doc = new_document()
    heading(doc)
    paragraph(doc, U("{{ doc.reported_to|blank(12) }}"), "：")
    paragraph(
        doc,
        "{{ case.measure }}人员",
        U("{{ person.name|blank }}"),
        "（公民身份号码",
        U("{{ person.id_number|blank(12) }}"),
        "，现住址",
        U("{{ person.residence_address|blank(12) }}"),
        "），因",
        U("{{ doc.trigger|sentence|blank(8) }}"),
        "，现将有关情况报告如下：",
        indent=2,
    )
    paragraph(doc, U("{{ doc.facts|sentence|blank(24) }}"), "。", indent=2)
    paragraph(
        doc,
        "根据《戒毒条例》第二十一条的规定，请依法处理。",
        indent=2,
    )
    paragraph(doc, "接收回执编号：", U("{{ doc.receipt_number|blank }}"), indent=2)
    seal_block(doc, "{{ office.name }}", "{{ doc.date|dateline }}")
    return doc
