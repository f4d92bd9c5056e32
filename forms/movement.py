"""Leave and relocation: kinds 10 and 11 of the archive order."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from forms.choices import TransferDirection
from forms.document import Document
from forms.fields import (
    Flag,
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


class LeaveRequest(Document):
    """#10 外出请假审批表 with its 外出准假通知书 and the 销假 on return.

    Needed for an absence from the county of 3 days or more ("以上" includes
    the number); the 规范 asks for approval and a permit before departure.
    """

    kind: ClassVar[DocumentKind] = DocumentKind.leave_request
    date_field: ClassVar[str] = "application_date"

    no: OptInt = Field(default=None, ge=1)
    """编号"""
    application_date: OptDate = None
    """申请日期"""
    reason: OptLine = None
    """外出事由"""
    destination: OptLine = None
    """前往地点"""
    planned_departure: OptDate = None
    """拟离开日期"""
    planned_return: OptDate = None
    """拟返回日期"""
    days: OptCount = None
    """外出天数"""
    contact_phone: OptShort = None
    """外出期间联系电话"""
    test_arrangement: OptLine = None
    """外出期间检测安排"""
    group_opinion: OptLine = None
    """工作小组意见"""
    group_signature: Signature = Signature()
    """工作小组签字"""
    approved: Flag | None = None
    """是否批准"""
    approver: Signature = Signature()
    """审批人签字及日期"""
    office_seal: Seal = Seal()
    """办公室印章"""
    permit_number: OptShort = None
    """准假通知书编号"""
    permit_date: OptDate = None
    """准假通知书日期"""
    actual_departure: OptDate = None
    """实际离开日期"""
    actual_return: OptDate = None
    """实际返回日期"""
    return_date: OptDate = None
    """销假日期"""
    return_clerk: OptShort = None
    """销假经办人"""
    late_explanation: OptLine = None
    """逾期返回说明"""
    person_signature: Signature = Signature()
    """申请人签名"""


class Transfer(Document):
    """#11 变更戒毒（康复）地点审批表 with the 变更地点的函 (戒毒条例 art. 22).

    ``direction`` says whether the person leaves this office (outgoing) or
    arrives from another (incoming); the term runs on without a break.
    """

    kind: ClassVar[DocumentKind] = DocumentKind.transfer
    date_field: ClassVar[str] = "application_date"

    direction: TransferDirection | None = None
    """迁出或迁入"""
    application_date: OptDate = None
    """申请日期"""
    old_place: OptLine = None
    """原执行地（乡镇/街道）"""
    new_place: OptLine = None
    """新执行地（乡镇/街道）"""
    new_address: OptLine = None
    """新住址"""
    reason: OptLine = None
    """变更理由"""
    receiving_unit: OptLine = None
    """接收单位"""
    receiving_consent_date: OptDate = None
    """接收单位同意日期"""
    office_review_date: OptDate = None
    """办公室审核日期"""
    office_opinion: OptLine = None
    """办公室审核意见"""
    approval_date: OptDate = None
    """县级禁毒部门批准日期"""
    approval_seal: Seal = Seal()
    """县级禁毒部门印章"""
    letter_number: OptShort = None
    """函号"""
    letter_date: OptDate = None
    """发函日期"""
    files_handed_over: OptParagraph = None
    """移交材料清单"""
    new_report_date: OptDate = None
    """到新执行地报到日期"""
    new_agreement_date: OptDate = None
    """新协议签订日期"""
    days_served: OptCount = None
    """已执行天数"""
    days_left: OptCount = None
    """剩余天数"""
    person_signature: Signature = Signature()
    """申请人签名"""
