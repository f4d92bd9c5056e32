"""Turning a :class:`~archive.sample.story.Story` into a complete case file.

The schedule of the term comes from :func:`validators.schedule.build_schedule`,
the same one the checker uses, so that a clean synthetic file meets every
window by construction. Documents the story leaves out (``missing``) are
dropped last, so that the rest of the file stays as it would have been.
"""

from __future__ import annotations

import datetime as dt
import random

from archive.sample import activity, events, intake
from archive.sample.context import Context, Span
from archive.sample.evaluations import evaluations
from archive.sample.identities import Identity, Staff
from archive.sample.story import Ending, Story
from forms.casefile import CaseFile
from forms.closing import Suspension
from forms.intake import Decision, Registration
from forms.supervision import WarningLetter
from validators.policy import default_policy
from validators.schedule import Schedule, build_schedule


def schedule_of(story: Story) -> Schedule:
    """The schedule the checker will compute for this story's file."""
    suspensions = []
    if story.suspension is not None:
        start, end, reason = story.suspension
        suspensions.append(Suspension(start=start, end=end, reason=reason))
    skeleton = CaseFile(
        measure=story.measure,
        decision=Decision(measure=story.measure, term_years=3),
        registrations=[Registration(report_date=story.report_date)],
        suspensions=suspensions,
    )
    return build_schedule(skeleton, default_policy(), as_of=story.as_of)


def build_case(
    story: Story, identity: Identity, staff: Staff, rng: random.Random
) -> CaseFile:
    ctx = Context(story, identity, staff, schedule_of(story), rng, _blocked(story))
    case = CaseFile(
        person=identity.person,
        measure=story.measure,
        decision=intake.decision(ctx),
        registrations=[intake.registration(ctx)],
        late_report=intake.late_report(ctx),
        agreements=[intake.agreement(ctx)],
        plan=intake.plan(ctx),
        group_roster=intake.group_roster(ctx),
        test_notices=[activity.test_notice(ctx)],
    )

    case.visits = activity.visits(ctx)
    case.self_reports = activity.self_reports(ctx)
    case.mentoring = activity.mentoring(ctx)
    tests, letters, reports = activity.tests(ctx)
    if story.late_without_reason:
        reports.insert(0, events.late_police_report(ctx))
    _movements(ctx, case, letters)
    case.tests = tests
    case.warning_letters = sorted(letters, key=lambda w: w.issue_date or story.as_of)
    case.police_reports = reports

    released = story.ending is Ending.released
    case.evaluations = evaluations(
        ctx, tests, case.visits, case.self_reports, letters, final=released
    )
    _ending(ctx, case)
    if "agreement" in story.missing:
        case.agreements = []
    if "plan" in story.missing:
        case.plan = None
    return case


def _blocked(story: Story) -> list[Span]:
    spans: list[Span] = []
    if story.suspension is not None:
        spans.append((story.suspension[0], story.suspension[1]))
    if story.leave_departure is not None:
        spans.append(events.leave_span(story.leave_departure))
    if story.absence_start is not None:
        last = story.absence_start + dt.timedelta(days=story.absence_days - 1)
        spans.append((story.absence_start, last))
    return spans


def _movements(ctx: Context, case: CaseFile, letters: list[WarningLetter]) -> None:
    story = ctx.story
    if story.leave_departure is not None:
        case.leave_requests = [events.leave_request(ctx, story.leave_departure)]
    if story.absence_start is not None:
        record, letter = events.absence(ctx, story.absence_start, story.absence_days)
        case.absences = [record]
        letters.append(letter)
    if story.suspension is not None:
        case.suspensions = [events.suspension(ctx)]
    if story.transfer_application is not None:
        case.transfers = [events.transfer(ctx)]


def _ending(ctx: Context, case: CaseFile) -> None:
    story = ctx.story
    if story.ending is Ending.released:
        case.release_notice = events.release_notice(ctx)
        case.closing = events.closing(ctx, ctx.schedule.term_end, "期满解除后立卷")
    elif story.ending is Ending.terminated and story.termination_date is not None:
        case.termination = events.termination(ctx)
        case.closing = events.closing(ctx, story.termination_date, "因判处刑罚终止")
    elif story.ending is Ending.transferred:
        case.closing = events.closing(
            ctx, ctx.transfer_letter_date, "因变更执行地点移交"
        )
