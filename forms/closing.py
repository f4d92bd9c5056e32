"""Evaluations, the release notice, and what ends or pauses the term."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from forms.choices import (
    EvaluationPeriod,
    Grade,
    LateReason,
    RiskLevel,
    SuspensionReason,
    TerminationReason,
)
from forms.document import Annex, Document
from forms.fields import (
    Model,
    OptCount,
    OptDate,
    OptInt,
    OptLine,
    OptParagraph,
    OptShort,
    Seal,
    Signature,
)
from forms.kinds import DocumentKind


class Evaluation(Document):
    """#12 现实表现评价 (鉴定评估表): quarterly, annual, or final before release."""

    kind: ClassVar[DocumentKind] = DocumentKind.evaluation
    date_field: ClassVar[str] = "date"

    no: OptInt = Field(default=None, ge=1)
    """编号"""
    period: EvaluationPeriod | None = None
    """评价类型"""
    period_start: OptDate = None
    """评价期间起"""
    period_end: OptDate = None
    """评价期间止"""
    date: OptDate = None
    """评价日期"""
    tests_due: OptCount = None
    """应检测次数"""
    tests_done: OptCount = None
    """实际检测次数"""
    talks: OptCount = None
    """谈话、家访次数"""
    reports: OptCount = None
    """定期报告次数"""
    warnings: OptCount = None
    """告诫次数"""
    cooperation: OptParagraph = None
    """遵守协议和配合情况"""
    rehab_state: OptParagraph = None
    """戒毒康复情况"""
    grade: Grade | None = None
    """评价等次"""
    risk: RiskLevel | None = None
    """风险等级"""
    next_steps: OptParagraph = None
    """下一步措施"""
    person_comment: OptParagraph = None
    """本人意见"""
    person_signature: Signature = Signature()
    """本人签名"""
    assessors: Signature = Signature()
    """评价人签名"""
    office_seal: Seal = Seal()
    """办公室印章"""

    @property
    def title(self) -> str:
        label = self.period.zh if self.period is not None else "现实表现评价"
        return f"社区戒毒（康复）人员{label}表"


class ReleaseNotice(Document):
    """#13 解除社区戒毒/社区康复通知书 (戒毒条例 art. 23, 40).

    Only at normal expiry: never after a termination or a transfer out.
    """

    kind: ClassVar[DocumentKind] = DocumentKind.release_notice
    date_field: ClassVar[str] = "issue_date"

    number: OptShort = None
    """文号"""
    period_start: OptDate = None
    """执行期间起（报到日期）"""
    period_end: OptDate = None
    """执行期间止（期满日期）"""
    basis: OptLine = None
    """依据；空缺时按措施印戒毒条例第二十三条或第四十条"""
    release_date: OptDate = None
    """解除日期"""
    proposal_date: OptDate = None
    """办公室提出解除意见日期"""
    issuing_organ: OptLine = None
    """公安机关"""
    seal: Seal = Seal()
    """印章"""
    issue_date: OptDate = None
    """通知书日期"""
    person_receipt: Signature = Signature()
    """本人签收"""
    family_receipt: Signature = Signature()
    """家属签收"""
    office_notified_date: OptDate = None
    """通知乡镇(街道)日期"""
    deciding_organ_notified_date: OptDate = None
    """通知原决定机关日期"""
    control_system_date: OptDate = None
    """录入动态管控系统日期"""


class LateReportNotice(Annex):
    """逾期报到告知书 with the reason given; filed with the registration (#2)."""

    filed_with: ClassVar[DocumentKind] = DocumentKind.registration
    title_zh: ClassVar[str] = "逾期报到告知书"
    date_field: ClassVar[str] = "date"

    date: OptDate = None
    """告知日期"""
    reason: LateReason | None = None
    """正当理由；无正当理由的空缺"""
    reason_text: OptParagraph = None
    """理由说明"""
    proof: OptLine = None
    """证明材料"""


class Suspension(Annex):
    """中止: custody pauses the term (戒毒条例 art. 24(2)); filed with #12."""

    filed_with: ClassVar[DocumentKind] = DocumentKind.evaluation
    title_zh: ClassVar[str] = "中止社区戒毒（康复）记录"
    date_field: ClassVar[str] = "start"

    start: OptDate = None
    """羁押开始日期"""
    end: OptDate = None
    """释放日期；仍在羁押的空缺"""
    reason: SuspensionReason | None = None
    """原因"""
    organ: OptLine = None
    """决定机关"""
    document_number: OptShort = None
    """法律文书编号"""


class Termination(Annex):
    """终止 (戒毒条例 art. 24(1)): no release notice follows; filed last."""

    filed_with: ClassVar[DocumentKind] = DocumentKind.release_notice
    title_zh: ClassVar[str] = "终止社区戒毒（康复）记录"
    date_field: ClassVar[str] = "date"

    date: OptDate = None
    """终止日期"""
    reason: TerminationReason | None = None
    """原因"""
    organ: OptLine = None
    """决定机关"""
    document_number: OptShort = None
    """法律文书编号"""


class ClosingSheet(Model):
    """卷内备考表 (GB/T 9705): notes on the file, who made it and who checked it."""

    notes: OptParagraph = None
    """本卷情况说明"""
    filed_by: OptShort = None
    """立卷人"""
    checked_by: OptShort = None
    """检查人"""
    filed_date: OptDate = None
    """立卷时间"""


__all__ = [
    "ClosingSheet",
    "Evaluation",
    "LateReportNotice",
    "ReleaseNotice",
    "Suspension",
    "Termination",
]
