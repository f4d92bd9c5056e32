"""What happens to one synthetic person: the plot that the history is built from.

A :class:`Story` holds the dates that shape a term and the events that bend
it (a refused test, a leave, custody, a transfer). :mod:`archive.sample.history`
turns it into a case file; :mod:`archive.sample.scenarios` writes the stories.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from forms.choices import LateReason, Measure, SuspensionReason


class Ending(StrEnum):
    """How the file stands on the as-of date."""

    released = "released"
    """期满解除：release notice issued (戒毒条例 art. 23, 40)."""
    ongoing = "ongoing"
    """Still under the measure."""
    transferred = "transferred"
    """Moved to another street office; this file ends with the 函."""
    terminated = "terminated"
    """终止 by a prison sentence (art. 24(1)); no release notice."""


@dataclass
class Story:
    """The plot of one person's term; every date is on or before ``as_of``."""

    slug: str
    number: int
    """Position in the archive (1 for p001): used in file and form numbers."""
    measure: Measure
    issue_date: dt.date
    served_date: dt.date
    report_date: dt.date
    as_of: dt.date
    ending: Ending = Ending.ongoing
    late_reason: LateReason | None = None
    late_without_reason: bool = False
    refusals: list[int] = field(default_factory=list)
    """Test windows (1-based) in which the person refuses a test."""
    positives: list[int] = field(default_factory=list)
    """Test windows whose test is positive (a relapse)."""
    leave_departure: dt.date | None = None
    leave_approved_after_departure: bool = False
    absence_start: dt.date | None = None
    absence_days: int = 0
    suspension: tuple[dt.date, dt.date, SuspensionReason] | None = None
    transfer_application: dt.date | None = None
    termination_date: dt.date | None = None
    missing: frozenset[str] = frozenset()
    """Documents left out: ``agreement``, ``plan``."""
    agreement_before_report: bool = False
