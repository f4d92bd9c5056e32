"""One person's whole file (一人一档): the only hand-edited file of a person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from forms.choices import Measure
from forms.closing import (
    ClosingSheet,
    Evaluation,
    LateReportNotice,
    ReleaseNotice,
    Suspension,
    Termination,
)
from forms.document import Annex, Document
from forms.fields import Model
from forms.intake import Agreement, Decision, GroupRoster, Plan, Registration
from forms.kinds import DocumentKind
from forms.movement import LeaveRequest, Transfer
from forms.person import Person
from forms.supervision import (
    Absence,
    Mentoring,
    PoliceReport,
    SelfReport,
    Test,
    TestLog,
    TestNotice,
    Visit,
    WarningLetter,
)

SCHEMA_VERSION = 1

MANY = 2_000
"""Most entries any list of a case file may hold: far above three years' worth."""


@dataclass(frozen=True)
class Entry:
    """One document instance in archive order.

    ``name`` is the kind's glossary term, or the annex's for a record filed with
    a kind; ``instance`` counts from 1 within that name, in date order.
    """

    kind: DocumentKind
    name: str
    instance: int
    document: Document | Annex

    @property
    def slug(self) -> str:
        """``NN-<name>-<k>``, the stem of the instance's output files."""
        return f"{self.kind.order:02d}-{self.name}-{self.instance}"

    @property
    def title(self) -> str:
        if isinstance(self.document, Document):
            return self.document.title
        return self.document.title_zh

    @property
    def date(self) -> dt.date | None:
        return self.document.document_date()


class CaseFile(Model):
    """All data of the 13 documents of one person, and the records filed with them.

    A draft may leave anything blank; what is present must be valid. What is
    missing is reported by ``rehab-archive check``, not by loading.
    """

    schema_version: Literal[1] = 1
    """案卷数据格式版本"""
    person: Person = Person()
    """当事人"""
    measure: Measure | None = None
    """措施：community_treatment（社区戒毒）或 community_rehab（社区康复）"""
    decision: Decision | None = None
    """1 责令社区戒毒（康复）决定书"""
    registrations: list[Registration] = Field(default=[], max_length=20)
    """2 登记表（每个执行地一份）"""
    late_report: LateReportNotice | None = None
    """逾期报到告知书（附 2）"""
    agreements: list[Agreement] = Field(default=[], max_length=20)
    """3 协议书（每个执行地一份）"""
    plan: Plan | None = None
    """4 社区戒毒（康复）计划"""
    group_roster: GroupRoster | None = None
    """5 工作小组成员名单"""
    visits: list[Visit] = Field(default=[], max_length=MANY)
    """6 谈话、家访记录"""
    self_reports: list[SelfReport] = Field(default=[], max_length=MANY)
    """定期报告（附 6）"""
    mentoring: list[Mentoring] = Field(default=[], max_length=MANY)
    """帮教记录（附 6）"""
    test_notices: list[TestNotice] = Field(default=[], max_length=MANY)
    """7 吸毒检测通知书"""
    tests: list[Test] = Field(default=[], max_length=MANY)
    """8 检测记录的各行"""
    warning_letters: list[WarningLetter] = Field(default=[], max_length=MANY)
    """9 告诫书"""
    police_reports: list[PoliceReport] = Field(default=[], max_length=MANY)
    """向公安机关的报告（附 9）"""
    absences: list[Absence] = Field(default=[], max_length=MANY)
    """擅自离开所在县（市、区）的情况"""
    leave_requests: list[LeaveRequest] = Field(default=[], max_length=MANY)
    """10 外出请假审批表及准假通知书"""
    transfers: list[Transfer] = Field(default=[], max_length=20)
    """11 变更戒毒（康复）地点审批表及函"""
    evaluations: list[Evaluation] = Field(default=[], max_length=MANY)
    """12 现实表现评价"""
    suspensions: list[Suspension] = Field(default=[], max_length=50)
    """中止记录（附 12）"""
    release_notice: ReleaseNotice | None = None
    """13 解除通知书"""
    termination: Termination | None = None
    """终止记录（附 13）"""
    closing: ClosingSheet = ClosingSheet()
    """卷内备考表"""

    @property
    def report_date(self) -> dt.date | None:
        """The first 报到: the day the term starts (戒毒条例 art. 14)."""
        dates = [r.report_date for r in self.registrations if r.report_date]
        return min(dates) if dates else None

    def test_log(self) -> TestLog | None:
        """The test rows as the one #8 document, or ``None`` with no rows."""
        if not self.tests:
            return None
        dates = [t.date for t in self.tests if t.date is not None]
        return TestLog(tests=self.tests, first_date=min(dates) if dates else None)

    def entries(self) -> list[Entry]:
        """Every document instance, in archive order; instances by date."""
        groups: list[tuple[DocumentKind, str, Sequence[Document | Annex]]] = []
        for kind, documents in self._documents_by_kind():
            groups.append((kind, kind.value, documents))
        for name, annexes in self._annexes():
            groups.append((annexes[0].filed_with, name, annexes))
        groups.sort(key=lambda g: (g[0].order, g[1] != g[0].value))

        entries: list[Entry] = []
        for kind, name, items in groups:
            for k, item in enumerate(_by_date(items), start=1):
                entries.append(Entry(kind=kind, name=name, instance=k, document=item))
        return entries

    def _documents_by_kind(self) -> list[tuple[DocumentKind, list[Document]]]:
        log = self.test_log()
        found: list[list[Document]] = [
            [self.decision] if self.decision else [],
            list(self.registrations),
            list(self.agreements),
            [self.plan] if self.plan else [],
            [self.group_roster] if self.group_roster else [],
            list(self.visits),
            list(self.test_notices),
            [log] if log else [],
            list(self.warning_letters),
            list(self.leave_requests),
            list(self.transfers),
            list(self.evaluations),
            [self.release_notice] if self.release_notice else [],
        ]
        return [(d[0].kind, d) for d in found if d]

    def _annexes(self) -> list[tuple[str, list[Annex]]]:
        found: list[tuple[str, list[Annex]]] = [
            ("late_report", [self.late_report] if self.late_report else []),
            ("self_report", list(self.self_reports)),
            ("mentoring", list(self.mentoring)),
            ("police_report", list(self.police_reports)),
            ("suspension", list(self.suspensions)),
            ("termination", [self.termination] if self.termination else []),
        ]
        return [(name, items) for name, items in found if items]


def _by_date(items: Sequence[Document | Annex]) -> list[Document | Annex]:
    """Dated items in date order, then undated ones as the file lists them."""
    return sorted(items, key=lambda i: i.document_date() or dt.date.max)
