"""Blueprints of the decision and the agreement: kinds 1 and 3.

The registration (kind 2) is in ``registration``; the plan and the group
roster (kinds 4 and 5) in ``planning``.
"""

from __future__ import annotations

from typing import Any

from forms.blueprints._page import (
    LEFT,
    B,
    U,
    new_document,
    number_line,
    paragraph,
    title,
)
from forms.blueprints._parts import heading, issued_by, sign_line


def decision() -> Any:
    """#1 责令社区戒毒(康复)决定书, after the 公安机关 式样 (DOMAIN.md §1, §2b).

    Prints the legal basis per measure (禁毒法第三十三条 / 第四十八条) and the
    remedies of current law: 复议 within 60 days to the 本级人民政府 (行政复议法
    2023 §20, §24), court within 6 months (行政诉讼法 §46).
    """
    doc = new_document()
    title(doc, "{{ doc.issuing_organ|blank }}", "{{ entry.title }}")
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
    paragraph(doc, "现查明：", U("{{ doc.facts|sentence|blank(24) }}"), "。", indent=2)
    paragraph(
        doc,
        "吸毒成瘾认定情况：",
        U("{{ doc.addiction_finding|sentence|blank(16) }}"),
        "。",
        indent=2,
    )
    paragraph(
        doc,
        "以上事实有下列证据证实：",
        U("{{ doc.evidence|sentence|blank(16) }}"),
        "。",
        indent=2,
    )
    paragraph(doc, "{%p if case.rehab == '是' %}", indent=2)
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
    issued_by(doc)
    paragraph(doc, "")
    paragraph(
        doc,
        "本决定书已于",
        U("{{ doc.served_date|dateline }}"),
        "向我宣告并送达。",
        indent=2,
    )
    sign_line(doc, "被决定人（签名、捺指印）：", "doc.person_receipt", note=True)
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


def agreement() -> Any:
    """#3 社区戒毒(康复)协议书 (戒毒条例第十六条、第十八条、第三十八条)."""
    doc = new_document()
    heading(doc)
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
    sign_line(doc, "乙方（签名、捺指印）：", "doc.person_signature")
    sign_line(doc, "家属或见证人（签名）：", "doc.witness")
    paragraph(doc, "签订日期：{{ doc.signed_date|dateline }}", align=LEFT)
    return doc
