"""Blueprints of the documents made when the measure starts: kinds 1–5."""

from __future__ import annotations

from typing import Any

from forms.blueprints._page import (
    FORM_SIZE,
    LEFT,
    RIGHT,
    B,
    Cell,
    U,
    new_document,
    number_line,
    paragraph,
    repeated_rows,
    seal_block,
    spacer,
    table,
    text_cell,
    title,
)

W8 = [22.0, 17.0, 22.0, 17.0, 22.0, 17.0, 22.0, 17.0]
"""Label, value, … : labels of up to six characters fit on two lines at 10.5 pt."""
REG_SIZE = 10.5


def decision() -> Any:
    """#1 责令社区戒毒(康复)决定书, after the 公安机关 式样 (DOMAIN.md §1, §2b).

    Prints the legal basis per measure (禁毒法第三十三条 / 第四十八条) and the
    remedies of current law: 复议 within 60 days to the 本级人民政府 (行政复议法
    2023 §20, §24), court within 6 months (行政诉讼法 §46).
    """
    doc = new_document()
    title(doc, "{{ doc.issuing_organ|blank }}", "责令{{ case.measure }}决定书")
    number_line(doc, "{{ doc.number|blank(12) }}")
    paragraph(
        doc,
        "违法行为人",
        U("{{ person.name|blank }}"),
        "，性别",
        U("{{ person.sex|blank(2) }}"),
        "，年龄",
        U("{{ case.age|blank(2) }}"),
        "岁，出生日期",
        U("{{ person.birth_date|dateline }}"),
        "，身份证件种类及号码：居民身份证",
        U("{{ person.id_number|blank(12) }}"),
        "，工作单位",
        U("{{ person.employer|blank }}"),
        "，户籍所在地",
        U("{{ person.household_address|blank(12) }}"),
        "，现住址",
        U("{{ person.residence_address|blank(12) }}"),
        "。",
        indent=2,
    )
    paragraph(doc, "现查明：", U("{{ doc.facts|blank(24) }}"), indent=2)
    paragraph(
        doc,
        "吸毒成瘾认定情况：",
        U("{{ doc.addiction_finding|blank(16) }}"),
        "。",
        indent=2,
    )
    paragraph(
        doc,
        "以上事实有",
        U("{{ doc.evidence|blank(16) }}"),
        "等证据证实。",
        indent=2,
    )
    paragraph(
        doc,
        "{%p if case.rehab %}",
        indent=2,
    )
    paragraph(
        doc,
        "违法行为人于",
        U("{{ doc.isolation_release_date|dateline }}"),
        "解除强制隔离戒毒，解除强制隔离戒毒证明书编号：",
        U("{{ doc.isolation_release_number|blank(8) }}"),
        "。",
        indent=2,
    )
    paragraph(doc, "{%p endif %}", indent=2)
    paragraph(
        doc,
        "根据",
        U("{{ case.legal_basis }}"),
        "之规定，现决定责令",
        U("{{ person.name|blank }}"),
        "接受",
        "{{ case.measure }}",
        "，期限",
        U("{{ doc.term_years|blank(2) }}"),
        "年（自",
        U("{{ case.term_start|dateline }}"),
        "起至",
        U("{{ case.term_end|dateline }}"),
        "止），自报到之日起计算。",
        indent=2,
    )
    paragraph(
        doc,
        "被决定人应当自收到本决定书之日起十五日内，持本决定书到",
        U("{{ doc.execution_place|blank(12) }}"),
        "（地址：",
        U("{{ doc.execution_address|blank(12) }}"),
        "）报到，接受{{ case.measure }}；无正当理由逾期不报到的，视为拒绝接受"
        "{{ case.measure }}。执行期间应当遵守法律、法规，履行社区戒毒（康复）协议，"
        "并按照公安机关的要求定期接受吸毒检测。",
        indent=2,
    )
    paragraph(
        doc,
        "如不服本决定，可以在收到本决定书之日起六十日内向",
        U("{{ case.review_body|blank(10) }}"),
        "申请行政复议，或者在六个月内依法向",
        U("{{ case.court|blank(10) }}"),
        "提起行政诉讼。",
        indent=2,
    )
    seal_block(
        doc,
        "{{ doc.seal.organ or doc.issuing_organ }}",
        "{{ (doc.seal.date or doc.issue_date)|dateline }}",
    )
    paragraph(doc, "")
    paragraph(
        doc,
        "本决定书已于",
        U("{{ doc.served_date|dateline }}"),
        "向我宣告并送达。",
        indent=2,
    )
    paragraph(
        doc,
        "被决定人（签名、捺指印）：",
        U("{{ doc.person_receipt.name|blank }}"),
        "　{{ doc.person_receipt.date|dateline }}　{{ doc.person_receipt.note }}",
        indent=2,
    )
    paragraph(
        doc,
        "已告知被决定人家属",
        U("{{ doc.family_notified_to|blank }}"),
        "，告知日期",
        U("{{ doc.family_notified_date|dateline }}"),
        "；已通知执行地乡镇人民政府（街道办事处），通知日期",
        U("{{ doc.office_notified_date|dateline }}"),
        "。",
        indent=2,
    )
    paragraph(
        doc,
        "本决定书一式三份，一份交被决定人，一份送执行地乡镇人民政府（街道办事处），"
        "一份附卷。",
        indent=2,
    )
    return doc


def registration() -> Any:
    """#2 社区戒毒(康复)人员登记表, filled at 报到 (DOMAIN.md §1)."""
    doc = new_document()
    title(doc, "社区戒毒（康复）人员登记表")
    paragraph(
        doc,
        "执行地：{{ doc.place }}",
        "　　档案编号：{{ doc.archive_number }}",
        size=FORM_SIZE,
        line=20,
        align=RIGHT,
        after=4,
    )
    photo = Cell(("照片",), span=2, rows=4)
    table(
        doc,
        W8,
        [
            [
                "姓名",
                "{{ person.name }}",
                "性别",
                "{{ person.sex }}",
                "民族",
                "{{ person.ethnicity }}",
                photo,
            ],
            [
                "曾用名",
                "{{ person.former_name }}",
                "绰号",
                "{{ person.alias }}",
                "国籍",
                "{{ person.nationality }}",
                None,
                None,
            ],
            [
                "出生日期",
                "{{ person.birth_date }}",
                "文化程度",
                "{{ person.education }}",
                "婚姻状况",
                "{{ person.marital_status }}",
                None,
                None,
            ],
            [
                "公民身份号码",
                Cell(("{{ person.id_number }}",), span=3),
                "联系电话",
                "{{ person.phone }}",
                None,
                None,
            ],
            ["就业情况或工作单位", Cell(("{{ person.employer }}",), span=7)],
            [
                "户籍所在地",
                Cell(("{{ person.household_address }}",), span=4),
                "户籍地派出所",
                Cell(("{{ person.household_police_station }}",), span=2),
            ],
            [
                "现住址",
                Cell(("{{ person.residence_address }}",), span=4),
                "现住地派出所",
                Cell(("{{ person.residence_police_station }}",), span=2),
            ],
            [
                "首次吸毒时间",
                "{{ doc.first_use_date }}",
                "滥用毒品种类",
                Cell(("{{ doc.drug_types }}",), span=2),
                "吸食方式",
                Cell(("{{ doc.use_method }}",), span=2),
            ],
            ["既往戒毒措施及时间", text_cell("{{ doc.prior_measures }}", span=7)],
            [
                "措施类别",
                "{{ case.measure }}",
                "决定机关",
                Cell(("{{ case.decision_organ }}",), span=2),
                "决定书文号",
                Cell(("{{ case.decision_number }}",), span=2),
            ],
            [
                "决定日期",
                "{{ case.decision_date }}",
                "送达日期",
                "{{ case.served_date }}",
                "报到日期",
                "{{ doc.report_date }}",
                "检测频次",
                "{{ doc.test_frequency }}",
            ],
            [
                "期限",
                Cell(("自{{ case.term_start }}至{{ case.term_end }}止",), span=3),
                "逾期报到原因",
                text_cell("{{ doc.late_explanation }}", span=3),
            ],
            [
                "身体健康状况",
                text_cell("{{ doc.health }}", span=3),
                "美沙酮维持治疗（备案）情况",
                text_cell("{{ doc.methadone }}", span=3),
            ],
        ],
        size=REG_SIZE,
    )
    spacer(doc)
    table(
        doc,
        [30.0, 22.0, 34.0, 70.0],
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
        size=REG_SIZE,
    )
    spacer(doc)
    table(
        doc,
        W8,
        [
            [
                "责任民警",
                "{{ doc.police_officer.name }}",
                "警号",
                "{{ doc.police_officer.badge }}",
                "联系电话",
                Cell(("{{ doc.police_officer.phone }}",), span=3),
            ],
            [
                "专职工作人员",
                "{{ doc.worker.name }}",
                "联系电话",
                Cell(("{{ doc.worker.phone }}",), span=5),
            ],
            [
                "填表人",
                "{{ doc.filled_by.name }}",
                "填表日期",
                Cell(("{{ doc.filled_by.date|dateline }}",), span=2),
                "本人签名",
                Cell(
                    ("{{ doc.person_signature.name }}",),
                    lines=[("{{ doc.person_signature.date|dateline }}",)],
                    span=2,
                ),
            ],
        ],
        size=REG_SIZE,
    )
    return doc


def agreement() -> Any:
    """#3 社区戒毒(康复)协议书 (戒毒条例第十六条、第十八条、第三十八条)."""
    doc = new_document()
    title(doc, "{{ case.measure }}协议书")
    paragraph(doc, "甲方：", U("{{ doc.party_a|blank(16) }}"))
    paragraph(doc, "代表人：", U("{{ doc.party_a_representative|blank }}"))
    paragraph(
        doc,
        "乙方：",
        U("{{ person.name|blank }}"),
        "，性别",
        U("{{ person.sex|blank(2) }}"),
        "，公民身份号码",
        U("{{ person.id_number|blank(12) }}"),
        "，现住址",
        U("{{ person.residence_address|blank(12) }}"),
        "，联系电话",
        U("{{ person.phone|blank }}"),
        "。",
    )
    paragraph(
        doc,
        "乙方经",
        U("{{ case.decision_organ|blank(10) }}"),
        "以",
        U("{{ case.decision_number|blank(10) }}"),
        "决定书责令接受{{ case.measure }}，期限自",
        U("{{ doc.term_start|dateline }}"),
        "起至",
        U("{{ doc.term_end|dateline }}"),
        "止。根据《中华人民共和国禁毒法》《戒毒条例》的规定，甲乙双方经协商，"
        "订立本协议。",
        indent=2,
    )
    paragraph(doc, B("一、甲方的责任"), indent=2)
    for k, text in enumerate(
        (
            "组织社区戒毒工作小组，为乙方制定{{ case.measure }}计划；",
            "对乙方进行戒毒知识辅导，开展教育、劝诫和心理疏导；",
            "为乙方提供职业技能培训、职业指导，帮助乙方就学、就业和就医；",
            "对乙方的个人信息依法予以保密（《戒毒条例》第七条）。",
        ),
        start=1,
    ):
        paragraph(doc, f"{k}. {text}", indent=2)
    paragraph(doc, B("二、乙方的义务"), indent=2)
    for k, text in enumerate(
        (
            "遵守法律、法规，不再吸食、注射毒品；",
            "按照公安机关的要求定期接受吸毒检测；",
            "按照{{ doc.report_frequency|blank }}的频次向甲方书面报告戒毒康复情况；",
            "接受工作小组的定期会面、谈话和家访；",
            "离开所在县（市、区）三日以上的，事先提出书面申请，经批准并领取"
            "外出准假通知书后方可离开，返回后及时销假；",
            "变更现住址的，及时向甲方报告。",
        ),
        start=1,
    ):
        paragraph(doc, f"{k}. {text}", indent=2)
    paragraph(doc, B("三、违反协议的处理"), indent=2)
    paragraph(
        doc,
        "乙方违反本协议的，甲方视情节予以批评教育；逃避或者拒绝接受吸毒检测、"
        "未经批准离开所在县（市、区）的，甲方予以告诫。乙方有下列情形之一的，"
        "属于严重违反协议，甲方及时报告公安机关：（一）逃避或者拒绝接受吸毒检测"
        "三次以上；（二）擅自离开所在县（市、区）三次以上或者累计超过三十日。"
        "乙方拒绝接受{{ case.measure }}、严重违反协议或者在执行期间又吸食、注射毒品的，"
        "由公安机关依法责令强制隔离戒毒。",
        indent=2,
    )
    paragraph(doc, B("四、其他约定"), indent=2)
    paragraph(doc, U("{{ doc.extra_terms|blank(24) }}"), indent=2)
    paragraph(
        doc,
        "甲方已向乙方说明本协议规定的权利和义务，乙方已知悉。本协议自双方签字"
        "（盖章）之日起生效，一式",
        U("{{ doc.copies|blank(2) }}"),
        "份，甲乙双方各执一份。",
        indent=2,
    )
    paragraph(doc, "")
    paragraph(
        doc,
        "甲方（盖章）：{{ doc.party_a_seal.organ or doc.party_a }}",
        align=LEFT,
    )
    paragraph(
        doc,
        "代表签字：",
        U("{{ doc.party_a_signature.name|blank }}"),
        "　{{ (doc.party_a_seal.date or doc.party_a_signature.date)|dateline }}",
        align=LEFT,
    )
    paragraph(
        doc,
        "乙方（签名、捺指印）：",
        U("{{ doc.person_signature.name|blank }}"),
        "　{{ doc.person_signature.date|dateline }}",
        align=LEFT,
    )
    paragraph(
        doc,
        "家属或见证人（签名）：",
        U("{{ doc.witness.name|blank }}"),
        "　{{ doc.witness.date|dateline }}",
        align=LEFT,
    )
    paragraph(doc, "签订日期：{{ doc.signed_date|dateline }}", align=LEFT)
    return doc


def plan() -> Any:
    """#4 社区戒毒(康复)计划, with the person's own schedule of windows.

    The schedule rows come from the validators' schedule (DOMAIN.md §2, §6):
    one row per window in which a test, talk, written report or evaluation
    falls due, suspensions taken into account.
    """
    doc = new_document()
    title(doc, "{{ case.measure }}计划")
    paragraph(
        doc,
        "姓名：{{ person.name }}　　措施：{{ case.measure }}　　"
        "期限：自{{ case.term_start|dateline }}至{{ case.term_end|dateline }}止",
        size=FORM_SIZE,
        line=20,
        align=LEFT,
        after=4,
    )
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
                Cell(
                    ("{{ doc.author.name }}",),
                    lines=[("{{ doc.author.date|dateline }}",)],
                ),
                Cell(
                    ("{{ doc.group_signature.name }}",),
                    lines=[("{{ doc.group_signature.date|dateline }}",)],
                ),
                Cell(
                    ("{{ doc.office_seal.organ }}",),
                    lines=[("{{ doc.office_seal.date|dateline }}",)],
                ),
                Cell(
                    ("{{ doc.person_signature.name }}",),
                    lines=[("{{ doc.person_signature.date|dateline }}",)],
                ),
            ],
        ],
        heights_mm=[0, 24],
    )
    paragraph(
        doc,
        "制定日期：{{ doc.made_date|dateline }}",
        size=FORM_SIZE,
        line=20,
        align=RIGHT,
        before=4,
    )
    return doc


def group_roster() -> Any:
    """#5 社区戒毒(康复)工作小组成员名单 (戒毒条例第十七条)."""
    doc = new_document()
    title(doc, "{{ case.measure }}工作小组成员名单")
    paragraph(
        doc,
        "工作对象：{{ person.name }}　　执行地：{{ case.place }}　　"
        "成立日期：{{ doc.formed_date|dateline }}",
        size=FORM_SIZE,
        line=20,
        align=LEFT,
        after=4,
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
    paragraph(
        doc,
        "组长（签字）：{{ doc.leader_signature.name|blank }}　"
        "{{ doc.leader_signature.date|dateline }}",
        size=FORM_SIZE,
        line=24,
        align=LEFT,
    )
    paragraph(
        doc,
        "社区戒毒（康复）工作办公室（盖章）：{{ doc.office_seal.organ }}　"
        "{{ doc.office_seal.date|dateline }}",
        size=FORM_SIZE,
        line=24,
        align=LEFT,
    )
    return doc
