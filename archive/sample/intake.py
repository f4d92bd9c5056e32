"""Documents 1–5 of a synthetic file: decision, registration, agreement, plan, roster.

Dated in the order the rules ask: the decision is issued, then served; the
person reports within 15 days of service (戒毒条例 art. 14, 38), or late with a
逾期报到告知书; the agreement (art. 16), the plan and the group roster
(art. 17) follow on or after the report date.
"""

from __future__ import annotations

from archive.sample import identities as ids
from archive.sample.context import Context
from forms.choices import LateReason, MemberCategory, MemberRole, RiskLevel
from forms.closing import LateReportNotice
from forms.intake import Agreement, Decision, GroupRoster, Member, Plan, Registration
from validators.calendar import add_years
from validators.schedule import zh_date

_DRUGS = ("甲基苯丙胺（冰毒）", "海洛因", "氯胺酮（K粉）", "甲基苯丙胺片剂（麻古）")
_METHOD = {"海洛因": "烫吸"}

_LATE_TEXT = {
    LateReason.serious_illness: ("本人因急性胰腺炎住院治疗，未能按期报到", "住院证明"),
    LateReason.bereavement: ("本人父亲病故，回原籍料理丧事，未能按期报到", "死亡证明"),
    LateReason.sole_carer: ("本人母亲重病住院，家中无其他人照料", "病危通知书"),
    LateReason.force_majeure: ("所在地遭受洪涝灾害，交通中断", "街道出具的情况说明"),
}


def decision(ctx: Context) -> Decision:
    story = ctx.story
    rehab = ctx.rehab
    issued = story.issue_date
    served = story.served_date
    drug = _DRUGS[story.number % len(_DRUGS)]
    finding = (
        "经强制隔离戒毒期满，已解除强制隔离戒毒"
        if rehab
        else "经吸毒成瘾认定，认定其吸毒成瘾"
    )
    place = f"{ids.HOME_AREA}某出租屋"
    return Decision(
        measure=story.measure,
        issuing_organ=ids.POLICE_BUREAU,
        number=ctx.number("宁公(禁)决字", issued.year, ctx.serial()),
        facts=(
            f"{zh_date(issued - ctx.days(20))}，{ctx.name}在{place}吸食{drug}，"
            f"被{ids.POLICE_STATION}查获，现场检测结果呈阳性。"
        ),
        addiction_finding=finding,
        evidence="现场检测报告书、本人陈述和申辩、吸毒成瘾认定意见书等",
        legal_basis="《中华人民共和国禁毒法》第四十八条"
        if rehab
        else "《中华人民共和国禁毒法》第三十三条",
        term_years=3,
        execution_place=f"{ids.CITY}{ids.COUNTY}{ids.TOWNSHIP}办事处",
        execution_address=f"{ids.HOME_AREA}办事处",
        review_body=f"{ids.CITY}{ids.COUNTY}人民政府",
        court=f"{ids.CITY}{ids.COUNTY}人民法院",
        issue_date=issued,
        seal=ctx.seal(ids.POLICE_BUREAU, issued),
        served_date=served,
        person_receipt=ctx.person_signed(served),
        family_notified_to=ctx.identity.family[0].name,
        family_notified_date=served,
        office_notified_date=max(issued + ctx.days(1), served),
        isolation_release_number=ctx.number("宁强戒解字", issued.year, ctx.serial(1))
        if rehab
        else None,
        isolation_release_date=issued if rehab else None,
    )


def registration(ctx: Context) -> Registration:
    story = ctx.story
    report = story.report_date
    drug = _DRUGS[story.number % len(_DRUGS)]
    birth = ctx.identity.person.birth_date
    assert birth is not None
    first_use = add_years(birth, 18 + ctx.rng.randrange(0, 4))
    if first_use > story.issue_date - ctx.days(300):
        first_use = story.issue_date - ctx.days(300)
    late = None
    if story.late_reason is not None:
        late = _LATE_TEXT[story.late_reason][0]
    elif story.late_without_reason:
        late = "本人称忘记报到时间，未能说明正当理由"
    frequency = (
        "第一年每两个月一次，第二年每三个月一次，第三年每六个月一次"
        if ctx.rehab
        else "第一年每月一次，第二年每两个月一次，第三年每三个月一次"
    )
    return Registration(
        archive_number=f"J102-SJ-01-{story.number:03d}",
        place=f"{ids.CITY}{ids.COUNTY}{ids.TOWNSHIP}",
        first_use_date=first_use,
        drug_types=drug,
        use_method=_METHOD.get(drug, "烫吸"),
        prior_measures=(
            f"{story.issue_date.year - 2}年被决定强制隔离戒毒二年"
            if ctx.rehab
            else "无"
        ),
        report_date=report,
        late_explanation=late,
        test_frequency=frequency,
        health="身体健康，无传染病史",
        methadone="未参加",
        family=list(ctx.identity.family),
        police_officer=ctx.officer,
        worker=ctx.worker,
        filled_by=ctx.signed(ctx.worker.name, report),
        person_signature=ctx.person_signed(report),
    )


def late_report(ctx: Context) -> LateReportNotice | None:
    """The 逾期报到告知书, only where a reason the 规范 accepts was given."""
    story = ctx.story
    if story.late_reason is not None:
        text, proof = _LATE_TEXT[story.late_reason]
        return LateReportNotice(
            date=story.report_date,
            reason=story.late_reason,
            reason_text=text,
            proof=proof,
        )
    return None


def agreement(ctx: Context) -> Agreement:
    story = ctx.story
    signed = story.report_date + ctx.days(ctx.rng.randrange(0, 3))
    if story.agreement_before_report:
        signed = story.report_date - ctx.days(2)
    township = f"{ids.CITY}{ids.COUNTY}{ids.TOWNSHIP}办事处"
    unpaused_end = ctx.schedule.term_end
    if story.suspension is not None:
        start, end, _ = story.suspension
        unpaused_end -= ctx.days((end - start).days + 1)
    return Agreement(
        party_a=township,
        party_a_representative=ctx.staff.director,
        term_start=story.report_date,
        term_end=unpaused_end,
        report_frequency="每两个月一次" if ctx.rehab else "每月一次",
        extra_terms=(
            "乙方离开本区三日以上须事先书面请假，经批准后方可外出；"
            "变更住址须提前告知甲方。甲方对乙方个人信息予以保密。"
        ),
        copies=3,
        party_a_seal=ctx.seal(township, signed),
        party_a_signature=ctx.signed(ctx.staff.director, signed),
        person_signature=ctx.person_signed(signed),
        witness=ctx.signed(ctx.identity.family[0].name, signed),
        signed_date=signed,
    )


def plan(ctx: Context) -> Plan:
    made = ctx.story.report_date + ctx.days(ctx.rng.randrange(2, 6))
    drug = _DRUGS[ctx.story.number % len(_DRUGS)]
    return Plan(
        drug_history=f"吸食{drug}约{ctx.rng.randrange(1, 6)}年",
        health="身体状况一般，情绪基本稳定",
        family_situation="与家人同住，家庭支持较好",
        employment=ctx.identity.person.employer,
        risk=ctx.rng.choice((RiskLevel.low, RiskLevel.medium)),
        goals="保持操守，不再吸食毒品；恢复正常工作和生活",
        counselling="每季度安排一次心理咨询",
        treatment="如有需要，转介至区精神卫生中心",
        assistance="协助办理就业登记，推荐参加职业技能培训",
        responsibilities=(
            f"专职工作人员{ctx.worker.name}负责谈话、定期报告和帮教；"
            f"社区民警{ctx.officer.name}负责吸毒检测"
        ),
        author=ctx.signed(ctx.worker.name, made),
        group_signature=ctx.signed(ctx.worker.name, made),
        office_seal=ctx.seal(ids.OFFICE_NAME, made),
        person_signature=ctx.person_signed(made),
        made_date=made,
    )


def group_roster(ctx: Context) -> GroupRoster:
    formed = ctx.story.report_date + ctx.days(ctx.rng.randrange(0, 3))
    family = ctx.identity.family[0]
    members = [
        Member(
            name=ctx.worker.name,
            role=MemberRole.leader,
            category=MemberCategory.full_time_worker,
            unit=ids.OFFICE_NAME,
            phone=ctx.worker.phone,
            duties="统筹帮教，负责谈话和定期报告",
        ),
        Member(
            name=ctx.officer.name,
            role=MemberRole.member,
            category=MemberCategory.community_police,
            unit=ids.POLICE_STATION,
            phone=ctx.officer.phone,
            duties="组织吸毒检测，掌握动态",
        ),
        Member(
            name=ctx.staff.doctors[ctx.story.number % 2],
            role=MemberRole.member,
            category=MemberCategory.medical_staff,
            unit=f"{ids.TOWNSHIP}社区卫生服务中心",
            phone="025-84400120",
            duties="健康指导和戒毒医疗服务",
        ),
        Member(
            name=family.name,
            role=MemberRole.member,
            category=MemberCategory.family,
            unit="家属",
            phone=family.phone,
            duties="日常督促，及时报告异常情况",
        ),
        Member(
            name=ctx.staff.volunteers[ctx.story.number % 2],
            role=MemberRole.member,
            category=MemberCategory.volunteer,
            unit=f"{ids.TOWNSHIP}禁毒志愿者服务队",
            phone="025-84400399",
            duties="帮教和就业帮扶",
        ),
    ]
    return GroupRoster(
        formed_date=formed,
        members=members,
        leader_signature=ctx.signed(ctx.worker.name, formed),
        office_seal=ctx.seal(ids.OFFICE_NAME, formed),
    )
