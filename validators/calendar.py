"""Calendar arithmetic of the rules: months, working days, the term.

Working days (DOMAIN.md §5) are Monday to Friday, minus statutory holidays,
plus the weekend make-up days (调休) of the State Council's yearly notice, as
the ``chinese_calendar`` package knows them. For a year it does not know (it
raises ``NotImplementedError``, e.g. for 2027) the count falls back to Monday
to Friday and logs one warning per year, because the next year's notice is
published only late each year.

Counting follows 民法典 art. 201–203: the start day is not counted, a period
in months ends on the matching day or on the last day of a shorter month.
Working days are counted one by one from the day after the start with
``is_workday``; ``chinese_calendar.find_workday`` is not used, because it is
one day late when the start day is not a working day (DOMAIN.md §5, trap).
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as dt
import logging
from collections.abc import Iterable
from functools import lru_cache

import chinese_calendar

log = logging.getLogger(__name__)

ONE_DAY = dt.timedelta(days=1)

_warned_years: set[int] = set()

Span = tuple[dt.date, dt.date]
"""An inclusive span of days, ``(first, last)``."""


@lru_cache(maxsize=65536)
def add_months(d: dt.date, months: int) -> dt.date:
    """The matching day ``months`` later, clamped to the end of a shorter month."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    last = _stdcal.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(d.day, last))


def add_years(d: dt.date, years: int) -> dt.date:
    """The matching day ``years`` later (29 February → 28 February)."""
    return add_months(d, 12 * years)


@lru_cache(maxsize=4096)
def is_workday(d: dt.date) -> bool:
    """A working day: the statutory calendar where known, else Monday–Friday."""
    try:
        return bool(chinese_calendar.is_workday(d))
    except NotImplementedError:
        if d.year not in _warned_years:
            _warned_years.add(d.year)
            log.warning(
                "节假日数据不含 %d 年：按周一至周五计算工作日，请更新 chinesecalendar",
                d.year,
            )
        return d.weekday() < 5


def add_workdays(d: dt.date, n: int) -> dt.date:
    """The ``n``-th working day after ``d`` (``d`` itself is not counted).

    ``n = 0`` gives ``d``. Counting starts on the day after ``d`` whatever
    kind of day ``d`` is, which is what 民法典 art. 201 asks for.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    current, counted = d, 0
    while counted < n:
        current += ONE_DAY
        if is_workday(current):
            counted += 1
    return current


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if end ≤ start)."""
    count, current = 0, start
    while current < end:
        current += ONE_DAY
        if is_workday(current):
            count += 1
    return count


def next_workday(d: dt.date) -> dt.date:
    """``d`` if it is a working day, else the first working day after it."""
    while not is_workday(d):
        d += ONE_DAY
    return d


def days_after(start: dt.date, end: dt.date) -> int:
    """Days from ``start`` to ``end``, the start day not counted (民法典 art. 201)."""
    return (end - start).days


def span_days(span: Span) -> int:
    """Days of an inclusive span."""
    return (span[1] - span[0]).days + 1


def shift_by_suspensions(d: dt.date, suspensions: Iterable[Span]) -> dt.date:
    """Where the unpaused day ``d`` of the term falls once the clock pauses.

    Each suspension (中止, 戒毒条例 art. 24(2)) that begins on or before the
    day, as shifted so far, pushes it back by the suspension's days. Spans are
    taken in date order; overlapping spans count their days once.
    """
    spans = merge_spans(suspensions)
    if not spans:
        return d
    shifted = d
    for start, end in spans:
        if start <= shifted:
            shifted += dt.timedelta(days=(end - start).days + 1)
    return shifted


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Inclusive spans in date order, overlapping or touching ones joined."""
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[0] <= s[1]):
        if merged and start <= merged[-1][1] + ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def term_end(
    report_date: dt.date,
    years: int,
    suspensions: Iterable[Span] = (),
    inclusive: bool = True,
) -> dt.date:
    """Last day of a term of ``years`` from ``report_date``, plus every 中止 day.

    ``inclusive`` (the default, how police forms write "自X至Y止") ends the term
    the day before the anniversary; otherwise on the anniversary (民法典 art. 202).
    """
    end = add_years(report_date, years)
    if inclusive:
        end -= ONE_DAY
    return shift_by_suspensions(end, suspensions)
