"""Events that bend a synthetic term: leave, absence, custody, transfer, the end.

- Leave (#10): applied for at least 1 day ahead, approved and a permit issued
  before departure, 销假 on the day of return (DOMAIN.md §6).
- Unauthorised absence: an absence record and a 告诫书 the day after return.
- 中止 (戒毒条例 art. 24(2)): a suspension record; the schedule pushes the
  term end back by the custody days (counted inclusively).
- 终止 (art. 24(1)): custody that ends in a prison sentence; no release notice.
- Transfer out (#11, art. 22): approved within 15 working days; the 函 ends
  this office's file.
- Release (#13, art. 23/40): notice on the day after the term end, the
  乡镇/街道 told within 7 days.
"""

from __future__ import annotations

import datetime as dt

from archive.sample import identities as ids
from archive.sample.context import Context
from forms.choices import (
    PoliceReportTrigger,
    SuspensionReason,
    TerminationReason,
    TransferDirection,
    WarningTrigger,
)
from forms.closing import ClosingSheet, ReleaseNotice, Suspension, Termination
from forms.movement import LeaveRequest, Transfer
from forms.supervision import Absence, PoliceReport, WarningLetter
from validators.schedule import zh_date

LEAVE_DAYS = 5


def leave_span(departure: dt.date) -> tuple[dt.date, dt.date]:
    return departure, departure + dt.timedelta(days=LEAVE_DAYS - 1)


def leave_request(ctx: Context, departure: dt.date) -> LeaveRequest:
    story = ctx.story
    first, last = leave_span(departure)
    applied = departure - ctx.days(3)
    approved = departure - ctx.days(1)
    if story.leave_approved_after_departure:
        approved = departure + ctx.days(1)
    return LeaveRequest(
        no=1,
        application_date=applied,
        reason="探望生病住院的祖母",
        destination="安徽省合肥市瑶海区",
        planned_departure=first,
        planned_return=last,
        days=LEAVE_DAYS,
        contact_phone=ctx.identity.person.phone,
        test_arrangement="外出期间如需检测，到合肥市公安局瑶海分局辖区派出所检测",
        group_opinion="情况属实，同意外出",
        group_signature=ctx.signed(ctx.worker.name, applied),
        approved=True,
        approver=ctx.signed(ctx.staff.director, approved),
        office_seal=ctx.seal(ids.OFFICE_NAME, approved),
        permit_number=ctx.number("梅社戒准假字", approved.year, ctx.serial()),
        permit_date=approved,
        actual_departure=first,
        actual_return=last,
        return_date=last,
        return_clerk=ctx.worker.name,
        person_signature=ctx.person_signed(applied),
    )


def absence(ctx: Context, left: dt.date, days: int) -> tuple[Absence, WarningLetter]:
    back = left + ctx.days(days - 1)
    issued = back + ctx.days(1)
    record = Absence(
        left_date=left,
        return_date=back,
        days=days,
        destination="江苏省苏州市",
        note="未经批准离开本区，经家属反映并电话核实",
    )
    letter = WarningLetter(
        number=ctx.number("梅社戒告字", issued.year, ctx.serial(7)),
        trigger=WarningTrigger.unauthorised_absence,
        event_date=left,
        event_end_date=back,
        absence_days=days,
        facts=(
            f"{ctx.name}于{zh_date(left)}未经批准离开本区前往苏州市，"
            f"{zh_date(back)}返回，共{days}日。"
        ),
        clause="协议第四条：离开本区三日以上须事先请假",
        occurrence=1,
        cumulative_absence_days=days,
        issuing_organ=ids.OFFICE_NAME,
        officer=ctx.worker.name,
        seal=ctx.seal(ids.OFFICE_NAME, issued),
        issue_date=issued,
        person_receipt=ctx.person_signed(issued),
    )
    return record, letter


def suspension(ctx: Context) -> Suspension:
    story = ctx.story
    assert story.suspension is not None
    start, end, reason = story.suspension
    kind = "行罚决字" if reason is SuspensionReason.administrative_detention else "拘字"
    return Suspension(
        start=start,
        end=end,
        reason=reason,
        organ=ids.POLICE_BUREAU,
        document_number=ctx.number(f"玄公(治){kind}", start.year, ctx.serial(8)),
    )


def termination(ctx: Context) -> Termination:
    d = ctx.story.termination_date
    assert d is not None
    return Termination(
        date=d,
        reason=TerminationReason.prison_sentence,
        organ=f"{ids.CITY}{ids.COUNTY}人民法院",
        document_number=f"（{d.year}）苏0102刑初{ctx.serial()}号",
    )


def transfer(ctx: Context) -> Transfer:
    story = ctx.story
    applied = story.transfer_application
    assert applied is not None
    letter = ctx.transfer_letter_date
    new_report = letter + ctx.days(5)
    term_end = ctx.schedule.term_end
    return Transfer(
        direction=TransferDirection.outgoing,
        application_date=applied,
        old_place=f"{ids.CITY}{ids.COUNTY}{ids.TOWNSHIP}",
        new_place="南京市鼓楼区宁海路街道",
        new_address="南京市鼓楼区宁海路街道北京西路社区",
        reason="因工作调动，迁居鼓楼区",
        receiving_unit="南京市鼓楼区宁海路街道社区戒毒（康复）工作办公室",
        receiving_consent_date=applied + ctx.days(3),
        office_review_date=applied + ctx.days(4),
        office_opinion="情况属实，同意变更",
        approval_date=applied + ctx.days(10),
        approval_seal=ctx.seal(
            f"{ids.CITY}{ids.COUNTY}禁毒委员会办公室", applied + ctx.days(10)
        ),
        letter_number=ctx.number("玄禁函", letter.year, ctx.serial()),
        letter_date=letter,
        files_handed_over="决定书、登记表、协议书、计划、检测记录、谈话记录、评价表等全部档案材料",
        new_report_date=new_report,
        new_agreement_date=new_report,
        days_served=(letter - story.report_date).days,
        days_left=(term_end - letter).days,
        person_signature=ctx.person_signed(applied),
    )


def late_police_report(ctx: Context) -> PoliceReport:
    """Late without reason counts as refusing to report (戒毒条例 art. 14)."""
    d = ctx.story.served_date + ctx.days(17)
    return PoliceReport(
        date=d,
        trigger=PoliceReportTrigger.refused_to_report,
        facts=f"{ctx.name}在责令社区戒毒决定书送达后十五日内未报到，经通知仍未报到。",
        reported_to=ids.POLICE_STATION,
        receipt_number=ctx.number("梅派接字", d.year, ctx.serial(4)),
    )


def release_notice(ctx: Context) -> ReleaseNotice:
    story = ctx.story
    end = ctx.schedule.term_end
    issued = end + ctx.days(1)
    basis = "《戒毒条例》第四十条" if ctx.rehab else "《戒毒条例》第二十三条"
    return ReleaseNotice(
        number=ctx.number("宁公(禁)解字", issued.year, ctx.serial()),
        period_start=story.report_date,
        period_end=end,
        basis=basis,
        release_date=issued,
        proposal_date=end - ctx.days(10),
        issuing_organ=ids.POLICE_BUREAU,
        seal=ctx.seal(ids.POLICE_BUREAU, issued),
        issue_date=issued,
        person_receipt=ctx.person_signed(issued),
        family_receipt=ctx.signed(ctx.identity.family[0].name, issued),
        office_notified_date=issued + ctx.days(2),
        deciding_organ_notified_date=issued + ctx.days(2),
        control_system_date=issued + ctx.days(1),
    )


def closing(ctx: Context, ended: dt.date, why: str) -> ClosingSheet:
    filed = ended + ctx.days(10)
    if filed > ctx.story.as_of:
        return ClosingSheet()
    return ClosingSheet(
        notes=f"本卷{why}。卷内材料齐全，无缺页。",
        filed_by=ctx.worker.name,
        checked_by=ctx.staff.director,
        filed_date=filed,
    )
