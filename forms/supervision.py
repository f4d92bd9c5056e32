"""Documents of the supervision itself: kinds 6–9, and the records filed with them."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from forms.choices import (
    MissedReason,
    PoliceReportTrigger,
    SampleType,
    TestResult,
    VisitKind,
    WarningTrigger,
)
from forms.document import Annex, Document
from forms.fields import (
    Flag,
    Model,
    OptCount,
    OptDate,
    OptInt,
    OptLine,
    OptParagraph,
    OptShort,
    Seal,
    Short,
    Signature,
)
from forms.kinds import DocumentKind


class Visit(Document):
    """#6 定期会面（谈话）、家访记录: one record per talk or visit."""

    kind: ClassVar[DocumentKind] = DocumentKind.visit
    date_field: ClassVar[str] = "date"

    no: OptInt = Field(default=None, ge=1)
    """编号"""
    date: OptDate = None
    """日期"""
    time: OptShort = None
    """时间，如 14:30"""
    place: OptLine = None
    """地点"""
    visit_kind: VisitKind | None = None
    """形式：talk（谈话）、home_visit（家访）、outreach（走访）"""
    interviewee: OptShort = None
    """谈话对象"""
    staff: OptLine = None
    """参加人员"""
    content: OptParagraph = None
    """谈话内容：生活、工作、戒毒康复、心理、家庭情况"""
    relapse_signs: OptLine = None
    """有无复吸迹象"""
    problems: OptParagraph = None
    """存在问题"""
    actions: OptParagraph = None
    """采取措施"""
    next_appointment: OptDate = None
    """下次约谈日期"""
    interviewee_signature: Signature = Signature()
    """谈话对象签名（拒签的注明）"""
    recorder: Signature = Signature()
    """记录人"""


class SelfReport(Annex):
    """A written 定期报告 by the person; filed with the talk records (#6)."""

    filed_with: ClassVar[DocumentKind] = DocumentKind.visit
    title_zh: ClassVar[str] = "社区戒毒（康复）人员定期报告"
    date_field: ClassVar[str] = "date"

    date: OptDate = None
    """报告日期"""
    summary: OptParagraph = None
    """报告内容摘要"""
    received_by: OptShort = None
    """接收人"""


class Mentoring(Annex):
    """A monthly 帮教/劝诫 session; filed with the talk records (#6)."""

    filed_with: ClassVar[DocumentKind] = DocumentKind.visit
    title_zh: ClassVar[str] = "帮教记录"
    date_field: ClassVar[str] = "date"

    date: OptDate = None
    """日期"""
    topic: OptLine = None
    """帮教内容"""
    staff: OptLine = None
    """帮教人员"""
    content: OptParagraph = None
    """记录"""


class TestNotice(Document):
    """#7 吸毒检测通知书 (禁毒法 art. 35, 戒毒条例 art. 19)."""

    kind: ClassVar[DocumentKind] = DocumentKind.test_notice
    date_field: ClassVar[str] = "issue_date"

    number: OptShort = None
    """文号"""
    ad_hoc: Flag = False
    """临时（随机）检测通知"""
    schedule: OptParagraph = None
    """检测时间安排或频次"""
    place: OptLine = None
    """检测地点"""
    leave_arrangement: OptLine = None
    """请假外出期间的检测安排"""
    issuing_organ: OptLine = None
    """通知单位"""
    officer: OptShort = None
    """经办人"""
    seal: Seal = Seal()
    """印章"""
    issue_date: OptDate = None
    """通知日期"""
    person_receipt: Signature = Signature()
    """被检测人签收"""


class Test(Model):
    """One row of the test log (#8). Two testers sign (吸毒检测程序规定 §8)."""

    no: OptInt = Field(default=None, ge=1)
    """序号"""
    date: OptDate = None
    """检测日期"""
    time: OptShort = None
    """时间"""
    place: OptLine = None
    """检测地点"""
    sample_type: SampleType | None = None
    """样本：urine、blood、saliva、hair"""
    kit: OptShort = None
    """试剂"""
    substances: OptLine = None
    """检测项目"""
    result: TestResult | None = None
    """结果：negative、positive、missed（未检测）"""
    missed_reason: MissedReason | None = None
    """未检测原因"""
    report_number: OptShort = None
    """现场检测报告书编号"""
    testers: list[Short] = Field(default=[], max_length=6)
    """检测人（至少两名）"""
    done_elsewhere: Flag = False
    """在外地公安机关检测"""
    person_signature: Signature = Signature()
    """被检测人签名"""
    remark: OptLine = None
    """备注"""


class TestLog(Document):
    """#8 定期吸毒检测登记表: the person's tests, one table.

    The rows are the case file's ``tests``; this wraps them as one document.
    """

    kind: ClassVar[DocumentKind] = DocumentKind.test_log
    date_field: ClassVar[str] = "first_date"

    tests: list[Test] = []
    first_date: OptDate = None


class WarningLetter(Document):
    """#9 告诫书, the basis of any later serious-breach finding."""

    kind: ClassVar[DocumentKind] = DocumentKind.warning_letter
    date_field: ClassVar[str] = "issue_date"

    number: OptShort = None
    """编号"""
    trigger: WarningTrigger | None = None
    """事由"""
    event_date: OptDate = None
    """违反协议行为发生日期"""
    event_end_date: OptDate = None
    """擅自离开的返回日期"""
    absence_days: OptCount = None
    """本次擅自离开天数"""
    facts: OptParagraph = None
    """违反协议的事实"""
    clause: OptLine = None
    """违反的协议条款"""
    occurrence: OptInt = Field(default=None, ge=1)
    """同类行为第几次"""
    cumulative_absence_days: OptCount = None
    """累计擅自离开天数"""
    issuing_organ: OptLine = None
    """告诫单位"""
    officer: OptShort = None
    """经办人"""
    seal: Seal = Seal()
    """印章"""
    issue_date: OptDate = None
    """告诫日期"""
    person_receipt: Signature = Signature()
    """被告诫人签收（拒签的注明见证人）"""
    witness: OptShort = None
    """见证人"""


class PoliceReport(Annex):
    """The office's report to the police (戒毒条例 art. 21); filed with #9."""

    filed_with: ClassVar[DocumentKind] = DocumentKind.warning_letter
    title_zh: ClassVar[str] = "社区戒毒（康复）人员违反协议情况报告"
    date_field: ClassVar[str] = "date"

    date: OptDate = None
    """报告日期"""
    trigger: PoliceReportTrigger | None = None
    """事由"""
    facts: OptParagraph = None
    """情况"""
    reported_to: OptLine = None
    """报告的公安机关"""
    receipt_number: OptShort = None
    """接收回执编号"""


class Absence(Model):
    """A departure from the county without permission, as staff established it."""

    left_date: OptDate = None
    """离开日期"""
    return_date: OptDate = None
    """返回日期"""
    days: OptCount = None
    """天数"""
    destination: OptLine = None
    """去向"""
    note: OptLine = None
    """情况说明"""
