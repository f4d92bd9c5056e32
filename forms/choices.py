"""Enumerations of the case file, each value with its Chinese label.

Values are the English glossary terms of DOMAIN.md §7 and are what a case file
holds; ``.zh`` is what a printed document shows.
"""

from __future__ import annotations

from enum import StrEnum


class Choice(StrEnum):
    """An enumeration whose members know their Chinese label."""

    @property
    def zh(self) -> str:
        return _ZH[self]


class Measure(Choice):
    community_treatment = "community_treatment"
    community_rehab = "community_rehab"

    @property
    def short(self) -> str:
        """社戒 or 社康, as staff say it."""
        return "社区戒毒" if self is Measure.community_treatment else "社区康复"


class Sex(Choice):
    male = "male"
    female = "female"


class SampleType(Choice):
    urine = "urine"
    blood = "blood"
    saliva = "saliva"
    hair = "hair"


class TestResult(Choice):
    negative = "negative"
    positive = "positive"
    missed = "missed"
    """No sample: the test was evaded, refused, or could not take place."""


class MissedReason(Choice):
    evaded = "evaded"
    refused = "refused"
    on_leave = "on_leave"
    in_custody = "in_custody"
    other = "other"


class VisitKind(Choice):
    talk = "talk"
    home_visit = "home_visit"
    outreach = "outreach"
    """走访：visit to neighbours, the employer or community cadres."""


class EvaluationPeriod(Choice):
    quarterly = "quarterly"
    annual = "annual"
    final = "final"


class Grade(Choice):
    good = "good"
    fair = "fair"
    poor = "poor"


class RiskLevel(Choice):
    low = "low"
    medium = "medium"
    high = "high"


class MemberRole(Choice):
    leader = "leader"
    member = "member"


class MemberCategory(Choice):
    """The five kinds of group member of 戒毒条例 art. 17."""

    full_time_worker = "full_time_worker"
    community_police = "community_police"
    medical_staff = "medical_staff"
    family = "family"
    volunteer = "volunteer"


class WarningTrigger(Choice):
    test_evaded = "test_evaded"
    test_refused = "test_refused"
    unauthorised_absence = "unauthorised_absence"
    other = "other"


class LateReason(Choice):
    """Reasons the 规范 accepts for reporting after the 15 days."""

    force_majeure = "force_majeure"
    bereavement = "bereavement"
    serious_illness = "serious_illness"
    sole_carer = "sole_carer"


class PoliceReportTrigger(Choice):
    """Why the office reported the person to the police (戒毒条例 art. 21)."""

    refused_to_report = "refused_to_report"
    serious_breach = "serious_breach"
    relapse = "relapse"


class SuspensionReason(Choice):
    """Custody that suspends the term (戒毒条例 art. 24(2))."""

    administrative_detention = "administrative_detention"
    criminal_detention = "criminal_detention"
    arrest = "arrest"


class TerminationReason(Choice):
    """What ends the measure early, with no release notice (art. 24(1))."""

    prison_sentence = "prison_sentence"
    compulsory_education = "compulsory_education"
    compulsory_isolation = "compulsory_isolation"
    death = "death"


class TransferDirection(Choice):
    outgoing = "outgoing"
    incoming = "incoming"


_ZH: dict[Choice, str] = {
    Measure.community_treatment: "社区戒毒",
    Measure.community_rehab: "社区康复",
    Sex.male: "男",
    Sex.female: "女",
    SampleType.urine: "尿液",
    SampleType.blood: "血液",
    SampleType.saliva: "唾液",
    SampleType.hair: "毛发",
    TestResult.negative: "阴性",
    TestResult.positive: "阳性",
    TestResult.missed: "未检测",
    MissedReason.evaded: "逃避检测",
    MissedReason.refused: "拒绝检测",
    MissedReason.on_leave: "请假外出",
    MissedReason.in_custody: "被羁押",
    MissedReason.other: "其他原因",
    VisitKind.talk: "谈话",
    VisitKind.home_visit: "家访",
    VisitKind.outreach: "走访",
    EvaluationPeriod.quarterly: "季度评价",
    EvaluationPeriod.annual: "年度评价",
    EvaluationPeriod.final: "期满评价",
    Grade.good: "好",
    Grade.fair: "一般",
    Grade.poor: "差",
    RiskLevel.low: "低",
    RiskLevel.medium: "中",
    RiskLevel.high: "高",
    MemberRole.leader: "组长",
    MemberRole.member: "成员",
    MemberCategory.full_time_worker: "专职工作人员",
    MemberCategory.community_police: "社区民警",
    MemberCategory.medical_staff: "社区医务人员",
    MemberCategory.family: "家庭成员",
    MemberCategory.volunteer: "禁毒志愿者",
    WarningTrigger.test_evaded: "逃避吸毒检测",
    WarningTrigger.test_refused: "拒绝吸毒检测",
    WarningTrigger.unauthorised_absence: "未经批准离开所在县（市、区）",
    WarningTrigger.other: "其他违反协议行为",
    LateReason.force_majeure: "不可抗力",
    LateReason.bereavement: "配偶、子女或父母死亡",
    LateReason.serious_illness: "本人患严重疾病或遭遇意外",
    LateReason.sole_carer: "近亲属患重病或受重伤且本人为唯一照料人",
    PoliceReportTrigger.refused_to_report: "拒绝报到",
    PoliceReportTrigger.serious_breach: "严重违反协议",
    PoliceReportTrigger.relapse: "再次吸食、注射毒品",
    SuspensionReason.administrative_detention: "行政拘留",
    SuspensionReason.criminal_detention: "刑事拘留",
    SuspensionReason.arrest: "逮捕",
    TerminationReason.prison_sentence: "被判处刑罚收监执行",
    TerminationReason.compulsory_education: "被依法采取强制性教育措施",
    TerminationReason.compulsory_isolation: "被责令强制隔离戒毒",
    TerminationReason.death: "死亡",
    TransferDirection.outgoing: "迁出",
    TransferDirection.incoming: "迁入",
}
