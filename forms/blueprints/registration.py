"""Blueprint of the 登记表 (kind 2), filled at 报到 (DOMAIN.md §1).

Laid out as the paper 登记表 is: label and value columns of even width, the
photo box at the top right beside the identity rows, then addresses, drug
history, the measure, family ties, the staff in charge and the signatures.
Widths are chosen for 五号 (10.5 pt) text: a date (2026年12月30日), a mobile
number and an 18-digit ID number each fit one line of a value column, and a
label of up to four characters one line of a label column.
"""

from __future__ import annotations

from typing import Any

from forms.blueprints._page import (
    RIGHT,
    B,
    Cell,
    new_document,
    repeated_rows,
    spacer,
    table,
    text_cell,
)
from forms.blueprints._parts import caption, heading

SIZE = 10.5
GRID = [24.0, 42.0, 24.0, 38.0, 28.0]
"""Label, value, label, value, photo (28 mm wide, five rows high)."""
ROW_MM = 9.0


def _wide(text: str) -> Cell:
    """A value over the last two columns (the value and the photo column)."""
    return text_cell(text, span=2)


def registration() -> Any:
    """#2 社区戒毒(康复)人员登记表."""
    doc = new_document()
    heading(doc)
    caption(
        doc,
        "执行地：{{ doc.place }}　　档案编号：{{ doc.archive_number }}",
        align=RIGHT,
    )
    photo = Cell(("照片",), rows=5)
    rows: list[list[Any]] = [
        ["姓　　名", "{{ person.name }}", "性　　别", "{{ person.sex }}", photo],
        [
            "曾 用 名",
            "{{ person.former_name }}",
            "绰　　号",
            "{{ person.alias }}",
            None,
        ],
        ["民　　族", "{{ person.ethnicity }}", "国　　籍", "{{ person.nationality }}"],
        ["出生日期", "{{ person.birth_date }}", "文化程度", "{{ person.education }}"],
        ["婚姻状况", "{{ person.marital_status }}", "联系电话", "{{ person.phone }}"],
        [
            "公民身份号码",
            "{{ person.id_number }}",
            "工作单位",
            _wide("{{ person.employer }}"),
        ],
        [
            "户籍所在地",
            text_cell("{{ person.household_address }}"),
            "户籍地派出所",
            _wide("{{ person.household_police_station }}"),
        ],
        [
            "现住址",
            text_cell("{{ person.residence_address }}"),
            "现住地派出所",
            _wide("{{ person.residence_police_station }}"),
        ],
        [
            "首次吸毒时间",
            "{{ doc.first_use_date }}",
            "滥用毒品种类",
            _wide("{{ doc.drug_types }}"),
        ],
        [
            "吸食方式",
            "{{ doc.use_method }}",
            "检测频次",
            _wide("{{ doc.test_frequency }}"),
        ],
        ["既往戒毒措施及时间", text_cell("{{ doc.prior_measures }}", span=4)],
        [
            "措施类别",
            "{{ case.measure }}",
            "决定机关",
            _wide("{{ case.decision_organ }}"),
        ],
        [
            "决定书文号",
            "{{ case.decision_number }}",
            "决定日期",
            _wide("{{ case.decision_date }}"),
        ],
        [
            "送达日期",
            "{{ case.served_date }}",
            "报到日期",
            _wide("{{ doc.report_date }}"),
        ],
        [
            "执行期限",
            Cell(("自{{ case.term_start }}起至{{ case.term_end }}止",), span=4),
        ],
        ["逾期报到原因", text_cell("{{ doc.late_explanation }}", span=4)],
        ["身体健康状况", text_cell("{{ doc.health }}", span=4)],
        ["美沙酮维持治疗情况", text_cell("{{ doc.methadone }}", span=4)],
    ]
    for row in rows[2:5]:
        row.append(None)
    table(doc, GRID, rows, heights_mm=[ROW_MM] * len(rows), size=SIZE)
    spacer(doc)
    _family(doc)
    spacer(doc)
    _staff(doc)
    return doc


def _family(doc: Any) -> None:
    table(
        doc,
        [24.0, 20.0, 34.0, 78.0],
        [
            [Cell((B("家庭成员及主要社会关系"),), span=4)],
            ["姓名", "关系", "联系电话", "住址或工作单位"],
            *repeated_rows(
                4,
                "c in doc.family",
                [
                    "{{ c.name }}",
                    "{{ c.relation }}",
                    "{{ c.phone }}",
                    text_cell("{{ c.address }}"),
                ],
            ),
        ],
        header_rows=2,
        size=SIZE,
    )


def _staff(doc: Any) -> None:
    """Who is in charge (责任民警, 专职工作人员), then who filled in and signed."""
    table(
        doc,
        [30.0, 42.0, 34.0, 50.0],
        [
            ["", "姓名", "警号", "联系电话"],
            [
                "责任民警",
                "{{ doc.police_officer.name }}",
                "{{ doc.police_officer.badge }}",
                "{{ doc.police_officer.phone }}",
            ],
            ["专职工作人员", "{{ doc.worker.name }}", "—", "{{ doc.worker.phone }}"],
            [
                "填表人",
                "{{ doc.filled_by.name }}",
                "填表日期",
                "{{ doc.filled_by.date|dateline }}",
            ],
            [
                "本人签名（捺指印）",
                "{{ doc.person_signature.name }}",
                "签名日期",
                "{{ doc.person_signature.date|dateline }}",
            ],
        ],
        heights_mm=[ROW_MM, ROW_MM, ROW_MM, ROW_MM, 14.0],
        size=SIZE,
    )
