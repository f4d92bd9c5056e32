"""What every rule needs to know about one person's file, computed once.

A :class:`Context` holds the case file, the policy, the as-of date, the stage,
the schedule (``None`` before the person has reported), the instance number
of every document, and the person's state: when supervision here stopped
(终止, or a transfer out) and what is suspended.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from forms import CaseFile, DocumentKind, Entry, Measure
from forms.choices import MissedReason, TestResult, TransferDirection
from forms.supervision import Absence, Test
from validators.calendar import ONE_DAY
from validators.errors import ScheduleError
from validators.findings import Finding, Severity, Stage
from validators.policy import Policy
from validators.schedule import Activity, Schedule, Window, build_schedule, measure_of


@dataclass
class Context:
    """One person's file under one policy, as of one day, at one stage."""

    case: CaseFile
    slug: str
    policy: Policy
    as_of: dt.date
    stage: Stage
    schedule: Schedule | None = None
    instances: dict[int, int] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    found: list[Finding] = field(default_factory=list)

    @classmethod
    def build(
        cls, case: CaseFile, slug: str, policy: Policy, as_of: dt.date, stage: Stage
    ) -> Context:
        try:
            schedule: Schedule | None = build_schedule(case, policy, as_of)
        except ScheduleError:
            schedule = None
        entries = case.entries()
        instances = {id(e.document): e.instance for e in entries}
        return cls(case, slug, policy, as_of, stage, schedule, instances, entries)

    @property
    def measure(self) -> Measure:
        return measure_of(self.case)

    @property
    def rehab(self) -> bool:
        return self.measure is Measure.community_rehab

    def instance(self, document: object) -> int | None:
        """The instance number ``CaseFile.entries()`` gives this document."""
        return self.instances.get(id(document))

    def add(
        self,
        code: str,
        zh: str,
        en: str,
        *,
        kind: DocumentKind | None = None,
        document: object = None,
        date: dt.date | None = None,
        severity: Severity = Severity.error,
    ) -> None:
        """Record a finding; ``document`` gives the instance number."""
        instance = self.instance(document) if document is not None else None
        self.found.append(
            Finding(code, severity, self.slug, zh, en, kind, instance, date)
        )

    # The person's state

    def stop_date(self) -> dt.date | None:
        """The day supervision here stopped: 终止, or the letter of a transfer out."""
        days = []
        if self.case.termination is not None and self.case.termination.date:
            days.append(self.case.termination.date)
        for t in self.case.transfers:
            if t.direction is TransferDirection.outgoing:
                d = t.letter_date or t.approval_date
                if d is not None:
                    days.append(d)
        return min(days) if days else None

    def terminated(self) -> bool:
        return self.case.termination is not None

    def transferred_out(self) -> bool:
        return any(
            t.direction is TransferDirection.outgoing
            and (t.letter_date or t.approval_date)
            for t in self.case.transfers
        )

    def cutoff(self) -> dt.date:
        """Windows that end before this day must be filled by now."""
        if self.stage is Stage.release and self.schedule is not None:
            return max(self.as_of, self.schedule.term_end + ONE_DAY)
        return self.as_of

    def closed_windows(self, activity: Activity) -> list[Window]:
        """Windows of ``activity`` that must already hold a record."""
        if self.schedule is None:
            return []
        cutoff = self.cutoff()
        stop = self.stop_date()
        return [
            w
            for w in self.schedule.of(activity)
            if w.end < cutoff and (stop is None or w.end < stop)
        ]

    def term_expired(self) -> bool:
        return self.schedule is not None and self.as_of > self.schedule.term_end

    # Events the breach rules count

    def missed(self, done: dt.date | None, due: dt.date) -> bool:
        """Whether a deadline ``due`` is missed: done after it, or not done by now.

        Something not yet done is no finding while the as-of date is on or
        before the deadline: it may still happen in time.
        """
        if done is not None:
            return done > due
        return self.as_of > due

    def refused_tests(self) -> list[Test]:
        """Tests evaded or refused, in date order (戒毒条例 art. 20)."""
        rows = [
            t
            for t in self.case.tests
            if t.result is TestResult.missed
            and t.missed_reason in (MissedReason.evaded, MissedReason.refused)
            and t.date is not None
        ]
        return sorted(rows, key=lambda t: t.date or dt.date.min)

    def unauthorised_absences(self) -> list[Absence]:
        """Departures without permission long enough to need it, in date order.

        A departure shorter than ``leave_min_days`` needs no approval (规范), so
        it is no breach; one whose length is unknown is counted.
        """
        found = []
        for a in self.case.absences:
            days = absence_days(a)
            if days is None or days >= self.policy.leave_min_days:
                found.append(a)
        return sorted(found, key=lambda a: a.left_date or dt.date.max)

    def overstay_days(self) -> list[tuple[dt.date, int]]:
        """Days beyond an approved return, with the day they began (DOMAIN.md §2a)."""
        found = []
        for leave in self.case.leave_requests:
            planned, actual = leave.planned_return, leave.actual_return
            if leave.approved and planned and actual and actual > planned:
                found.append((planned + ONE_DAY, (actual - planned).days))
        return found


def absence_days(a: Absence) -> int | None:
    """Days away: the recorded figure, else both ends counted; None if unknown."""
    if a.days is not None:
        return a.days
    if a.left_date and a.return_date and a.return_date >= a.left_date:
        return (a.return_date - a.left_date).days + 1
    return None


def unmatched(windows: Iterable[Window], dates: Iterable[dt.date]) -> list[Window]:
    """Windows left without a record when each record fills at most one window.

    Windows are served in order of their end, each taking the earliest free
    record inside it: for intervals and points this fills as many windows as
    any assignment can.
    """
    free = sorted(dates)
    missing = []
    for w in sorted(windows, key=lambda w: (w.end, w.start)):
        i = bisect.bisect_left(free, w.start)
        if i < len(free) and free[i] <= w.end:
            del free[i]
        else:
            missing.append(w)
    return sorted(missing, key=lambda w: w.start)
