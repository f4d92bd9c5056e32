"""Blueprints of the plan and the group roster: kinds 4 and 5."""

from __future__ import annotations

from typing import Any

from forms.blueprints._page import (
    FORM_LINE,
    FORM_SIZE,
    RIGHT,
    B,
    Cell,
    new_document,
    paragraph,
    repeated_rows,
    spacer,
    table,
    text_cell,
)
from forms.blueprints._parts import TERM_LINE, caption, heading, signed


def plan() -> Any:
    """#4 社区戒毒(康复)计划, with the person's own schedule of windows.

    The schedule rows come from the validators' schedule (DOMAIN.md §2, §6):
    one row per window in which a test, talk, written report or evaluation
    falls due, suspensions taken into account.
    """
    doc = new_document()
    heading(doc)
    caption(doc, TERM_LINE)
    w = [30.0, 126.0]
    table(
        doc,
        w,
        [
            [Cell((B("一、基本情况"),), span=2)],
            ["吸毒史", text_cell("{{ doc.drug_history }}")],
            ["身体和心理状况", text_cell("{{ doc.health }}")],
            ["家庭情况", text_cell("{{ doc.family_situation }}")],
            ["就业情况", text_cell("{{ doc.employment }}")],
            ["复吸风险等级", text_cell("{{ doc.risk }}")],
            [Cell((B("二、戒毒（康复）目标"),), span=2)],
            [text_cell("{{ doc.goals }}", span=2)],
            [Cell((B("三、措施安排"),), span=2)],
            ["吸毒检测", text_cell("按下表所列期间，每期至少检测一次。")],
            ["谈话、家访", text_cell("按下表所列期间，每期至少一次。")],
            ["心理辅导", text_cell("{{ doc.counselling }}")],
            ["治疗转介", text_cell("{{ doc.treatment }}")],
            ["帮扶措施", text_cell("{{ doc.assistance }}")],
            ["分工及时限", text_cell("{{ doc.responsibilities }}")],
        ],
    )
    spacer(doc)
    table(
        doc,
        [34.0, 18.0, 24.0, 40.0, 40.0],
        [
            [Cell((B("四、应办事项期间表"),), span=5)],
            ["事项", "序号", "执行年度", "期间起", "期间止"],
            *repeated_rows(
                5,
                "w in case.schedule",
                [
                    "{{ w.activity }}",
                    "{{ w.index }}",
                    "{{ w.year }}",
                    "{{ w.start }}",
                    "{{ w.end }}",
                ],
                when_empty=1,
            ),
        ],
        header_rows=2,
    )
    spacer(doc)
    table(
        doc,
        [36.0, 90.0, 30.0],
        [
            [Cell((B("五、调整记录"),), span=3)],
            ["调整日期", "调整内容", "调整人"],
            *repeated_rows(
                3,
                "r in doc.revisions",
                ["{{ r.date }}", text_cell("{{ r.content }}"), "{{ r.by }}"],
            ),
        ],
        header_rows=2,
    )
    spacer(doc)
    table(
        doc,
        [39.0, 39.0, 39.0, 39.0],
        [
            ["制定人", "工作小组组长", "办公室审批（盖章）", "本人知悉（签名）"],
            [
                signed("doc.author"),
                signed("doc.group_signature"),
                Cell(
                    ("{{ doc.office_seal.organ }}",),
                    lines=[("{{ doc.office_seal.date|dateline }}",)],
                ),
                signed("doc.person_signature"),
            ],
        ],
        heights_mm=[0, 24],
    )
    paragraph(
        doc,
        "制定日期：{{ doc.made_date|dateline }}",
        size=FORM_SIZE,
        line=FORM_LINE,
        align=RIGHT,
        before=4,
    )
    return doc


def group_roster() -> Any:
    """#5 社区戒毒(康复)工作小组成员名单 (戒毒条例第十七条)."""
    doc = new_document()
    heading(doc)
    caption(
        doc,
        "工作对象：{{ person.name }}　　执行地：{{ case.place }}　　"
        "成立日期：{{ doc.formed_date|dateline }}",
    )
    table(
        doc,
        [20.0, 14.0, 24.0, 36.0, 26.0, 36.0],
        [
            ["姓名", "职务", "类别", "工作单位", "联系电话", "职责"],
            *repeated_rows(
                6,
                "m in doc.members",
                [
                    "{{ m.name }}",
                    "{{ m.role }}",
                    "{{ m.category }}",
                    text_cell("{{ m.unit }}"),
                    "{{ m.phone }}",
                    text_cell("{{ m.duties }}"),
                ],
                when_empty=5,
            ),
        ],
        header_rows=1,
    )
    spacer(doc)
    table(
        doc,
        [36.0, 120.0],
        [
            [Cell((B("成员变更记录"),), span=2)],
            ["变更日期", "变更内容"],
            *repeated_rows(
                2, "x in doc.changes", ["{{ x.date }}", text_cell("{{ x.content }}")]
            ),
        ],
        header_rows=2,
    )
    paragraph(doc, "")
    caption(
        doc,
        "组长（签字）：{{ doc.leader_signature.name|blank }}　"
        "{{ doc.leader_signature.date|dateline }}",
        after=6,
    )
    caption(
        doc,
        "社区戒毒（康复）工作办公室（盖章）：{{ doc.office_seal.organ }}　"
        "{{ doc.office_seal.date|dateline }}",
    )
    return doc
