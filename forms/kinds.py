"""The 13 kinds of archive document and the order in which a file holds them.

The order is the one the 规范 lists (DOMAIN.md §1); it is also the order of the
卷内文件目录 and of the bookmarks in the assembled PDF.
"""

from __future__ import annotations

from enum import StrEnum


class DocumentKind(StrEnum):
    """One of the 13 kinds of document in a person's file, by its glossary term."""

    decision = "decision"
    registration = "registration"
    agreement = "agreement"
    plan = "plan"
    group_roster = "group_roster"
    visit = "visit"
    test_notice = "test_notice"
    test_log = "test_log"
    warning_letter = "warning_letter"
    leave_request = "leave_request"
    transfer = "transfer"
    evaluation = "evaluation"
    release_notice = "release_notice"

    @property
    def order(self) -> int:
        """Place 1–13 in the archive order."""
        return _ORDER.index(self) + 1

    @property
    def label(self) -> str:
        """The generic Chinese title, as the 规范 names the kind."""
        return _TITLES[self]


_ORDER = list(DocumentKind)

_TITLES: dict[DocumentKind, str] = {
    DocumentKind.decision: "责令社区戒毒（康复）决定书",
    DocumentKind.registration: "社区戒毒（康复）人员登记表",
    DocumentKind.agreement: "社区戒毒（康复）协议书",
    DocumentKind.plan: "社区戒毒（康复）计划",
    DocumentKind.group_roster: "社区戒毒（康复）工作小组成员名单",
    DocumentKind.visit: "定期会面（谈话）、家访记录",
    DocumentKind.test_notice: "吸毒检测通知书",
    DocumentKind.test_log: "定期吸毒检测登记表",
    DocumentKind.warning_letter: "告诫书",
    DocumentKind.leave_request: "外出请假审批表",
    DocumentKind.transfer: "变更戒毒（康复）地点审批表",
    DocumentKind.evaluation: "现实表现评价表",
    DocumentKind.release_notice: "解除社区戒毒（康复）通知书",
}
