"""Resident ID numbers (公民身份号码, GB 11643-1999).

python-stdnum's ``cn.ric`` checks the check character, the birth date and the
area code against its bundled table. It raises ``KeyError`` for some unknown
area codes instead of an ``InvalidComponent`` (DOMAIN.md §5), so every call is
wrapped here and nothing but :class:`IdNumberError` leaves this module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


class IdNumberError(ValueError):
    """An ID number that fails GB 11643; ``reason`` is a key of the messages table."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class IdNumber:
    """A valid 18-character ID number, with what it encodes."""

    value: str
    birth_date: dt.date
    male: bool


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def parse(value: str) -> IdNumber:
    """Validate ``value`` and decode it; raise :class:`IdNumberError` if invalid."""
    text = value.strip().upper()
    if len(text) != 18:
        raise IdNumberError("id_length")
    if not text[:17].isdigit() or not (text[17].isdigit() or text[17] == "X"):
        raise IdNumberError("id_characters")
    if check_character(text[:17]) != text[17]:
        raise IdNumberError("id_checksum")
    try:
        birth = dt.datetime.strptime(text[6:14], "%Y%m%d").date()
    except ValueError:
        raise IdNumberError("id_birth_date") from None
    if birth > dt.date.today() or birth.year < 1900:
        raise IdNumberError("id_birth_date")
    try:
        ric.validate(text)
    except (stdnum_errors.ValidationError, KeyError):
        raise IdNumberError("id_area") from None
    return IdNumber(value=text, birth_date=birth, male=int(text[16]) % 2 == 1)


def mask(value: str, shown: int = 4) -> str:
    """Show the first 6 and last ``shown`` characters; star the rest."""
    if len(value) <= 6 + shown:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 6 - shown) + value[-shown:]
