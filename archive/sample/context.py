"""What every part of a synthetic history needs: the person, staff, dates, chance."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from archive.sample.identities import Identity, Staff
from archive.sample.story import Ending, Story
from forms.choices import Measure
from forms.fields import Seal, Signature
from forms.person import Officer
from validators.schedule import Schedule

DAY = dt.timedelta(days=1)

Span = tuple[dt.date, dt.date]


@dataclass
class Context:
    """One person's story, identity and schedule, and the office's staff.

    ``blocked`` holds the spans in which the person is away or in custody:
    no test, talk, report or 帮教 is dated inside them (戒毒条例 art. 24(2)
    pauses the clock during custody; on leave tests are done elsewhere).
    """

    story: Story
    identity: Identity
    staff: Staff
    schedule: Schedule
    rng: random.Random
    blocked: list[Span] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.identity.person.name or ""

    @property
    def rehab(self) -> bool:
        return self.story.measure is Measure.community_rehab

    @property
    def worker(self) -> Officer:
        """The full-time worker in charge of this person."""
        workers = self.staff.workers
        return workers[self.story.number % len(workers)]

    @property
    def officer(self) -> Officer:
        """The community police officer in charge of this person."""
        police = self.staff.police
        return police[self.story.number % len(police)]

    def testers(self, salt: int) -> list[str]:
        """Two different police officers for one test (吸毒检测程序规定 §8)."""
        police = self.staff.police
        first = (self.story.number + salt) % len(police)
        second = (first + 1 + salt % (len(police) - 1)) % len(police)
        return [police[first].name or "", police[second].name or ""]

    @property
    def cutoff(self) -> dt.date:
        """The last day on which this office keeps records for the person."""
        story = self.story
        last = story.as_of
        if story.ending is Ending.released:
            last = min(last, self.schedule.term_end)
        if story.transfer_application is not None:
            last = min(last, self.transfer_letter_date)
        if story.suspension is not None and story.ending is Ending.terminated:
            last = min(last, story.suspension[0] - DAY)
        return last

    @property
    def transfer_letter_date(self) -> dt.date:
        application = self.story.transfer_application
        assert application is not None
        return application + dt.timedelta(days=12)

    def is_blocked(self, d: dt.date) -> bool:
        return any(a <= d <= b for a, b in self.blocked)

    def free_days(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """Days from ``first`` to ``last`` (and the cutoff) outside blocked spans."""
        last = min(last, self.cutoff)
        days = []
        current = first
        while current <= last:
            if not self.is_blocked(current):
                days.append(current)
            current += DAY
        return days

    def pick(self, first: dt.date, last: dt.date, spread: int = 12) -> dt.date | None:
        """A free day early in the span (within ``spread`` free days), or None."""
        days = self.free_days(first, last)
        if not days:
            return None
        return days[self.rng.randrange(min(spread, len(days)))]

    def signed(
        self, name: str | None, d: dt.date, fingerprint: bool = False
    ) -> Signature:
        return Signature(name=name, date=d, fingerprint=fingerprint)

    def person_signed(self, d: dt.date) -> Signature:
        return self.signed(self.name, d, fingerprint=True)

    def seal(self, organ: str, d: dt.date) -> Seal:
        return Seal(organ=organ, date=d)

    def days(self, n: int) -> dt.timedelta:
        return dt.timedelta(days=n)

    def number(self, prefix: str, year: int, serial: int) -> str:
        """A document number such as ``宁公(禁)决字〔2024〕123号``."""
        return f"{prefix}〔{year}〕{serial}号"

    def serial(self, k: int = 0) -> int:
        """A per-person serial for document numbers, unique within the archive."""
        return self.story.number * 10 + k + 100
