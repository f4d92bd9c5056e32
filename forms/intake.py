"""Documents made when the measure starts: kinds 1–5 of the archive order."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from forms.choices import Measure, MemberCategory, MemberRole, RiskLevel
from forms.document import Document
from forms.fields import (
    Model,
    OptDate,
    OptInt,
    OptLine,
    OptParagraph,
    OptShort,
    Seal,
    Signature,
)
from forms.kinds import DocumentKind
from forms.person import Contact, Officer


class Decision(Document):
    """#1 责令社区戒毒/社区康复决定书, issued by the police (禁毒法 art. 33 / 48)."""

    kind: ClassVar[DocumentKind] = DocumentKind.decision
    date_field: ClassVar[str] = "issue_date"

    measure: Measure | None = None
    """措施：community_treatment（社区戒毒）或 community_rehab（社区康复）"""
    issuing_organ: OptLine = None
    """决定机关"""
    number: OptShort = None
    """文号，如 ×公(禁)决字〔2025〕12号"""
    facts: OptParagraph = None
    """现查明的违法事实"""
    addiction_finding: OptLine = None
    """吸毒成瘾认定情况"""
    evidence: OptLine = None
    """证据"""
    legal_basis: OptLine = None
    """法律依据；空缺时按措施印禁毒法第三十三条或第四十八条"""
    term_years: OptInt = Field(default=None, ge=1, le=3)
    """期限（年）"""
    execution_place: OptLine = None
    """执行地（乡镇人民政府或街道办事处）"""
    execution_address: OptLine = None
    """执行地地址"""
    review_body: OptLine = None
    """行政复议机关"""
    court: OptLine = None
    """行政诉讼的人民法院"""
    issue_date: OptDate = None
    """决定日期"""
    seal: Seal = Seal()
    """公安机关印章"""
    served_date: OptDate = None
    """送达日期"""
    person_receipt: Signature = Signature()
    """被决定人签收"""
    family_notified_to: OptShort = None
    """已告知的家属姓名"""
    family_notified_date: OptDate = None
    """告知家属日期"""
    office_notified_date: OptDate = None
    """通知乡镇(街道)日期"""
    isolation_release_number: OptShort = None
    """解除强制隔离戒毒证明书编号（社区康复）"""
    isolation_release_date: OptDate = None
    """解除强制隔离戒毒日期（社区康复）"""

    @property
    def title(self) -> str:
        if self.measure is Measure.community_rehab:
            return "责令社区康复决定书"
        return "责令社区戒毒决定书"


class Registration(Document):
    """#2 登记表, filled at 报到; a new one at each new place of execution."""

    kind: ClassVar[DocumentKind] = DocumentKind.registration
    date_field: ClassVar[str] = "report_date"

    archive_number: OptShort = None
    """档案编号"""
    place: OptLine = None
    """执行地（乡镇/街道）"""
    photo: OptLine = None
    """照片文件，相对于本人目录，如 scans/photo.jpg"""
    first_use_date: OptDate = None
    """首次吸毒时间"""
    drug_types: OptLine = None
    """滥用毒品种类"""
    use_method: OptShort = None
    """吸食方式"""
    prior_measures: OptParagraph = None
    """既往戒毒措施及时间"""
    report_date: OptDate = None
    """报到日期"""
    late_explanation: OptLine = None
    """逾期报到的说明"""
    test_frequency: OptLine = None
    """检测频次"""
    health: OptLine = None
    """身体健康状况"""
    methadone: OptLine = None
    """参加美沙酮维持治疗情况（向公安机关备案）"""
    family: list[Contact] = []
    """家庭成员及主要社会关系"""
    police_officer: Officer = Officer()
    """责任民警"""
    worker: Officer = Officer()
    """专职工作人员"""
    filled_by: Signature = Signature()
    """填表人及日期"""
    person_signature: Signature = Signature()
    """本人签名"""


class Agreement(Document):
    """#3 协议书 between the 乡镇/街道 and the person (戒毒条例 art. 16, 38)."""

    kind: ClassVar[DocumentKind] = DocumentKind.agreement
    date_field: ClassVar[str] = "signed_date"

    party_a: OptLine = None
    """甲方（乡镇人民政府、街道办事处或指定的基层组织）"""
    party_a_representative: OptShort = None
    """甲方代表"""
    term_start: OptDate = None
    """期限起"""
    term_end: OptDate = None
    """期限止"""
    report_frequency: OptShort = None
    """乙方报告频次，如 每月一次"""
    extra_terms: OptParagraph = None
    """其他约定"""
    copies: OptInt = Field(default=None, ge=1, le=10)
    """协议份数"""
    party_a_seal: Seal = Seal()
    """甲方印章"""
    party_a_signature: Signature = Signature()
    """甲方代表签字"""
    person_signature: Signature = Signature()
    """乙方签名（按捺指印）"""
    witness: Signature = Signature()
    """家属或见证人签名"""
    signed_date: OptDate = None
    """签订日期"""


class PlanRevision(Model):
    """One entry of the plan's revision log."""

    date: OptDate = None
    """调整日期"""
    content: OptParagraph = None
    """调整内容"""
    by: OptShort = None
    """调整人"""


class Plan(Document):
    """#4 计划, made by the group and approved by the office.

    The schedule of tests, talks, reports and evaluations it prints is computed
    from the report date by the validators, not typed in.
    """

    kind: ClassVar[DocumentKind] = DocumentKind.plan
    date_field: ClassVar[str] = "made_date"

    drug_history: OptParagraph = None
    """吸毒史"""
    health: OptParagraph = None
    """身体和心理状况"""
    family_situation: OptParagraph = None
    """家庭情况"""
    employment: OptParagraph = None
    """就业情况"""
    risk: RiskLevel | None = None
    """复吸风险等级"""
    goals: OptParagraph = None
    """戒毒（康复）目标"""
    counselling: OptParagraph = None
    """心理辅导安排"""
    treatment: OptParagraph = None
    """戒毒治疗、药物维持治疗的转介"""
    assistance: OptParagraph = None
    """就业、社会救助等帮扶措施"""
    responsibilities: OptParagraph = None
    """分工及完成时限"""
    revisions: list[PlanRevision] = []
    """调整记录"""
    author: Signature = Signature()
    """制定人"""
    group_signature: Signature = Signature()
    """工作小组组长签字"""
    office_seal: Seal = Seal()
    """社区戒毒（康复）工作办公室审批盖章"""
    person_signature: Signature = Signature()
    """本人知悉签名"""
    made_date: OptDate = None
    """制定日期"""


class Member(Model):
    """A member of the 社区戒毒工作小组."""

    name: OptShort = None
    """姓名"""
    role: MemberRole | None = None
    """组长或成员"""
    category: MemberCategory | None = None
    """类别（戒毒条例第十七条）"""
    unit: OptLine = None
    """工作单位"""
    phone: OptShort = None
    """联系电话"""
    duties: OptLine = None
    """职责"""


class RosterChange(Model):
    """A change of the group's membership."""

    date: OptDate = None
    """变更日期"""
    content: OptLine = None
    """变更内容"""


class GroupRoster(Document):
    """#5 工作小组成员名单 (戒毒条例 art. 17)."""

    kind: ClassVar[DocumentKind] = DocumentKind.group_roster
    date_field: ClassVar[str] = "formed_date"

    formed_date: OptDate = None
    """成立日期"""
    members: list[Member] = []
    """成员"""
    changes: list[RosterChange] = []
    """变更记录"""
    leader_signature: Signature = Signature()
    """组长签字"""
    office_seal: Seal = Seal()
    """办公室印章"""
