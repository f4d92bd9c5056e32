"""The repeated records of a synthetic term: talks, reports, 帮教, tests, letters.

Each window of :mod:`validators.schedule` that has begun by the cutoff gets
one record dated on a free day inside it (outside custody, leave and
absence), so a clean file meets every frequency of DOMAIN.md §2a. A refused
test is followed by a 告诫书 the next day and by a test later in the same
window; a positive test by a report to the police (戒毒条例 art. 21).
"""

from __future__ import annotations

import datetime as dt

from archive.sample import identities as ids
from archive.sample.context import Context
from forms.choices import (
    MissedReason,
    PoliceReportTrigger,
    SampleType,
    TestResult,
    VisitKind,
    WarningTrigger,
)
from forms.supervision import (
    Mentoring,
    PoliceReport,
    SelfReport,
    Test,
    TestNotice,
    Visit,
    WarningLetter,
)
from validators.schedule import Activity, Window, zh_date

_TALKS = (
    "了解近期生活和工作情况，本人表示能按协议要求接受检测，情绪稳定。",
    "询问戒毒康复情况，本人称已与原吸毒人员断绝往来，作息规律。",
    "了解家庭关系，家属反映其在家表现较好，能主动承担家务。",
    "与本人谈心，讲解复吸的危害和法律后果，本人表示会保持操守。",
)
_REPORTS = (
    "本月按时上班，未接触毒品和吸毒人员，按要求参加了检测。",
    "本期在家照顾家人，生活规律，思想稳定，无外出。",
    "本期参加了职业技能培训，未发生违反协议的情况。",
)
_TOPICS = ("禁毒法律法规学习", "心理疏导", "就业指导", "家庭关系调适", "复吸预防教育")
_KIT = "吗啡、甲基苯丙胺、氯胺酮、MDMA四联检测试剂"
_SUBSTANCES = "吗啡、甲基苯丙胺、氯胺酮、MDMA"


def test_notice(ctx: Context) -> TestNotice:
    """The schedule notice, issued to the person on the report date (#7)."""
    d = ctx.story.report_date
    schedule = (
        "第一年每两个月至少检测一次，第二年每三个月至少一次，第三年每六个月至少一次"
        if ctx.rehab
        else "第一年每月至少检测一次，第二年每两个月至少一次，第三年每三个月至少一次"
    )
    return TestNotice(
        number=ctx.number("玄公(梅)检通字", d.year, ctx.serial()),
        schedule=schedule + "；另有不定期抽检。",
        place=ids.POLICE_STATION,
        leave_arrangement="请假外出期间，到前往地公安机关接受检测，并将结果带回",
        issuing_organ=ids.POLICE_STATION,
        officer=ctx.officer.name,
        seal=ctx.seal(ids.POLICE_STATION, d),
        issue_date=d,
        person_receipt=ctx.person_signed(d),
    )


def visits(ctx: Context) -> list[Visit]:
    out: list[Visit] = []
    for w in _open(ctx, Activity.visit):
        d = ctx.pick(w.start, w.end)
        if d is None:
            continue
        kind = VisitKind.home_visit if len(out) % 3 == 2 else VisitKind.talk
        place = (
            ctx.identity.person.residence_address
            if kind is VisitKind.home_visit
            else f"{ids.TOWNSHIP}社区戒毒（康复）工作站"
        )
        following = d + ctx.days(30)
        out.append(
            Visit(
                no=len(out) + 1,
                date=d,
                time=f"{9 + ctx.rng.randrange(8):02d}:30",
                place=place,
                visit_kind=kind,
                interviewee=ctx.name,
                staff=f"{ctx.worker.name}、{ctx.officer.name}",
                content=ctx.rng.choice(_TALKS),
                relapse_signs="未发现复吸迹象",
                problems="无",
                actions="继续按计划开展帮教",
                next_appointment=following
                if following <= ctx.schedule.term_end
                else None,
                interviewee_signature=ctx.signed(ctx.name, d),
                recorder=ctx.signed(ctx.worker.name, d),
            )
        )
    return out


def self_reports(ctx: Context) -> list[SelfReport]:
    out: list[SelfReport] = []
    for w in _open(ctx, Activity.self_report):
        d = ctx.pick(w.start, w.end)
        if d is not None:
            out.append(
                SelfReport(
                    date=d,
                    summary=ctx.rng.choice(_REPORTS),
                    received_by=ctx.worker.name,
                )
            )
    return out


def mentoring(ctx: Context) -> list[Mentoring]:
    out: list[Mentoring] = []
    for w in _open(ctx, Activity.mentoring):
        d = ctx.pick(w.start, w.end)
        if d is not None:
            topic = ctx.rng.choice(_TOPICS)
            out.append(
                Mentoring(
                    date=d,
                    topic=topic,
                    staff=f"{ctx.worker.name}、{ctx.staff.volunteers[0]}",
                    content=f"围绕{topic}开展帮教，本人态度端正，表示配合。",
                )
            )
    return out


def tests(
    ctx: Context,
) -> tuple[list[Test], list[WarningLetter], list[PoliceReport]]:
    """Test rows, the 告诫书 for refusals, and the reports to the police."""
    rows: list[Test] = []
    letters: list[WarningLetter] = []
    reports: list[PoliceReport] = []
    story = ctx.story
    for w in _open(ctx, Activity.test):
        if w.index in story.refusals:
            refused = ctx.pick(w.start, w.end, spread=3)
            if refused is None:
                continue
            rows.append(_row(ctx, refused, TestResult.missed, len(rows)))
            letters.append(_refusal_letter(ctx, refused, len(letters) + 1))
            d = ctx.pick(refused + ctx.days(3), w.end, spread=5)
        else:
            d = ctx.pick(w.start, w.end)
        if d is None:
            continue
        positive = w.index in story.positives
        result = TestResult.positive if positive else TestResult.negative
        rows.append(_row(ctx, d, result, len(rows)))
        if positive:
            reports.append(_police_report(ctx, d + ctx.days(1), relapse=True))
    if len(story.refusals) >= 3 and letters:
        last = letters[-1].issue_date
        assert last is not None
        reports.append(_police_report(ctx, last + ctx.days(1), relapse=False))
    return rows, letters, reports


def _open(ctx: Context, activity: Activity) -> list[Window]:
    return [w for w in ctx.schedule.of(activity) if w.start <= ctx.cutoff]


def _row(ctx: Context, d: dt.date, result: TestResult, index: int) -> Test:
    missed = result is TestResult.missed
    hair = index % 7 == 6 and not missed
    return Test(
        no=index + 1,
        date=d,
        time=f"{9 + index % 7:02d}:00",
        place=ids.POLICE_STATION,
        sample_type=SampleType.hair if hair else SampleType.urine,
        kit=None if missed else _KIT,
        substances=_SUBSTANCES,
        result=result,
        missed_reason=MissedReason.refused if missed else None,
        report_number=None
        if missed
        else f"玄公(梅)检字〔{d.year}〕{ctx.serial() * 100 + index + 1}号",
        testers=ctx.testers(index),
        person_signature=ctx.signed(ctx.name, d)
        if not missed
        else ctx.signed(None, d).model_copy(
            update={"refused": True, "note": "本人拒绝签名，由家属见证"}
        ),
        remark="本人拒绝接受检测，已告诫" if missed else None,
    )


def _refusal_letter(ctx: Context, event: dt.date, occurrence: int) -> WarningLetter:
    issued = event + ctx.days(1)
    return WarningLetter(
        number=ctx.number("梅社戒告字", issued.year, ctx.serial(occurrence)),
        trigger=WarningTrigger.test_refused,
        event_date=event,
        facts=f"{zh_date(event)}，{ctx.name}无正当理由拒绝接受吸毒检测。",
        clause="协议第二条：按要求接受吸毒检测",
        occurrence=occurrence,
        cumulative_absence_days=0,
        issuing_organ=ids.OFFICE_NAME,
        officer=ctx.worker.name,
        seal=ctx.seal(ids.OFFICE_NAME, issued),
        issue_date=issued,
        person_receipt=ctx.person_signed(issued),
    )


def _police_report(ctx: Context, d: dt.date, relapse: bool) -> PoliceReport:
    if relapse:
        trigger = PoliceReportTrigger.relapse
        facts = f"{ctx.name}在{zh_date(d - ctx.days(1))}的吸毒检测中结果呈阳性。"
    else:
        trigger = PoliceReportTrigger.serious_breach
        facts = f"{ctx.name}在执行期间三次拒绝接受吸毒检测，均已告诫，属严重违反协议。"
    return PoliceReport(
        date=d,
        trigger=trigger,
        facts=facts,
        reported_to=ids.POLICE_STATION,
        receipt_number=ctx.number("梅派接字", d.year, ctx.serial(5 if relapse else 6)),
    )
