"""A clean, complete case file built in code, for the rule tests.

``clean_case`` fills every document and every window of the schedule up to
the as-of date, so the checker finds nothing; each test then breaks one thing.
Only synthetic people: the ID number is a made-up one with a valid checksum.
"""

from __future__ import annotations

import datetime as dt

from forms import CaseFile, Measure
from forms.choices import (
    EvaluationPeriod,
    MemberCategory,
    MemberRole,
    SampleType,
    Sex,
    TestResult,
    VisitKind,
)
from forms.closing import Evaluation
from forms.fields import Seal, Signature
from forms.intake import Agreement, Decision, GroupRoster, Member, Plan, Registration
from forms.person import Person
from forms.supervision import Mentoring, SelfReport, Test, TestNotice, Visit
from validators.calendar import ONE_DAY, add_years
from validators.policy import Policy, default_policy
from validators.schedule import Activity, build_schedule

REPORT = dt.date(2025, 3, 9)
AS_OF = dt.date(2026, 6, 1)
SEAL = Seal(organ="某市公安局", date=None)
SIGNED = Signature(name="签名人")


def signed(day: dt.date | None = None) -> Signature:
    return Signature(name="签名人", date=day)


def _person() -> Person:
    return Person(
        name="测试人",
        sex=Sex.male,
        birth_date=dt.date(1990, 1, 1),
        id_number=_id("11010519900101001"),
        residence_address="某市某区某街道1号",
    )


def _id(first17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]


def clean_case(
    measure: Measure = Measure.community_treatment,
    report: dt.date = REPORT,
    as_of: dt.date = AS_OF,
    term_years: int = 3,
    policy: Policy | None = None,
) -> CaseFile:
    """A complete file for a person who reported on ``report``, as of ``as_of``."""
    policy = policy or default_policy()
    served = report - dt.timedelta(days=5)
    years = 3 if measure is Measure.community_treatment else term_years
    case = CaseFile(
        person=_person(),
        measure=measure,
        decision=Decision(
            measure=measure,
            issuing_organ="某市公安局",
            number="某公(禁)决字〔2025〕1号",
            term_years=years,
            execution_place="某街道",
            issue_date=served - ONE_DAY,
            served_date=served,
            seal=SEAL,
            person_receipt=SIGNED,
        ),
        registrations=[
            Registration(report_date=report, person_signature=SIGNED, filled_by=SIGNED)
        ],
        agreements=[
            Agreement(
                signed_date=report,
                term_start=report,
                term_end=add_years(report, years) - ONE_DAY,
                party_a_seal=SEAL,
                person_signature=SIGNED,
            )
        ],
        plan=Plan(
            made_date=report, author=SIGNED, office_seal=SEAL, person_signature=SIGNED
        ),
        group_roster=GroupRoster(
            formed_date=report,
            members=[
                Member(
                    name="组长",
                    role=MemberRole.leader,
                    category=MemberCategory.full_time_worker,
                )
            ],
            office_seal=SEAL,
        ),
        test_notices=[
            TestNotice(
                number="检通〔2025〕1号",
                issue_date=report,
                seal=SEAL,
                person_receipt=SIGNED,
            )
        ],
    )
    return fill_windows(case, policy, as_of)


def fill_windows(case: CaseFile, policy: Policy, as_of: dt.date) -> CaseFile:
    """Put one record in every window of the schedule that starts before as_of."""
    schedule = build_schedule(case, policy, as_of)
    grace = dt.timedelta(days=policy.evaluation_grace_days)
    numbers = {"test": 0, "visit": 0, "eval": 0}
    for w in schedule.windows:
        if w.activity is Activity.evaluation_final:
            day = w.start
        elif w.activity in (Activity.evaluation_quarterly, Activity.evaluation_annual):
            day = w.end - grace if w.end - grace >= w.start else w.start
        else:
            day = w.start
        if day >= as_of:
            continue
        _record(case, w.activity, day, numbers)
    return case


def _record(
    case: CaseFile, activity: Activity, day: dt.date, numbers: dict[str, int]
) -> None:
    if activity is Activity.test:
        numbers["test"] += 1
        case.tests.append(
            Test(
                no=numbers["test"],
                date=day,
                sample_type=SampleType.urine,
                result=TestResult.negative,
                testers=["检测员甲", "检测员乙"],
                person_signature=SIGNED,
            )
        )
    elif activity is Activity.visit:
        numbers["visit"] += 1
        case.visits.append(
            Visit(
                no=numbers["visit"],
                date=day,
                visit_kind=VisitKind.talk,
                content="了解近况",
                recorder=SIGNED,
                interviewee_signature=SIGNED,
            )
        )
    elif activity is Activity.self_report:
        case.self_reports.append(SelfReport(date=day, summary="本月情况"))
    elif activity is Activity.mentoring:
        case.mentoring.append(Mentoring(date=day, topic="帮教"))
    else:
        numbers["eval"] += 1
        period = {
            Activity.evaluation_quarterly: EvaluationPeriod.quarterly,
            Activity.evaluation_annual: EvaluationPeriod.annual,
            Activity.evaluation_final: EvaluationPeriod.final,
        }[activity]
        case.evaluations.append(
            Evaluation(
                no=numbers["eval"],
                period=period,
                date=day,
                assessors=SIGNED,
                office_seal=SEAL,
            )
        )
