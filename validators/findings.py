"""What a check reports: one :class:`Finding` per thing expected and not found.

A finding names its rule code (DOMAIN.md §2a, plus DOC_MISSING, FIELD_MISSING,
SEQUENCE and NUMBERING), its severity, the person by folder slug, the document
kind and instance it concerns (if any), the date it turns on (if any), and a
message in Chinese and in English that says what was expected and what was
found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from forms import DocumentKind

Lang = Literal["zh", "en"]


class Severity(StrEnum):
    """``error``: the file breaks a rule; ``warning``: a target or a doubt."""

    error = "error"
    warning = "warning"


class Stage(StrEnum):
    """What a check asks of a file.

    ``ongoing``: what should have happened by the as-of date. ``release``: the
    whole term, as the file must stand before release.
    """

    ongoing = "ongoing"
    release = "release"


@dataclass(frozen=True)
class Finding:
    """One finding of one rule about one person (or, with no person, the office)."""

    code: str
    severity: Severity
    person: str | None
    message_zh: str
    message_en: str
    kind: DocumentKind | None = None
    instance: int | None = None
    date: dt.date | None = None

    def message(self, lang: Lang = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def document_label(self, lang: Lang = "zh") -> str:
        """``定期吸毒检测登记表（第2份）`` or ``test_log #2``; empty without a kind."""
        if self.kind is None:
            return ""
        if lang == "en":
            return self.kind.value + (f" #{self.instance}" if self.instance else "")
        return self.kind.label + (f"（第{self.instance}份）" if self.instance else "")

    def as_dict(self, lang: Lang = "zh") -> dict[str, object]:
        """JSON form (DESIGN.md): code, severity, person, document, date, message."""
        document = None
        if self.kind is not None:
            document = {"kind": self.kind.value, "instance": self.instance}
        return {
            "code": self.code,
            "severity": self.severity.value,
            "person": self.person,
            "document": document,
            "date": self.date.isoformat() if self.date else None,
            "message": self.message(lang),
        }

    def sort_key(self) -> tuple[int, str, dt.date, str]:
        """Errors first, then by code, date and message."""
        return (
            0 if self.severity is Severity.error else 1,
            self.code,
            self.date or dt.date.min,
            self.message_zh,
        )
