"""What every one of the 13 document models has in common."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from forms.fields import Model
from forms.kinds import DocumentKind


class Document(Model):
    """A document of one of the 13 kinds.

    ``date_field`` names the field that dates the document: the date that orders
    instances within a kind and that the 卷内文件目录 prints.
    """

    kind: ClassVar[DocumentKind]
    date_field: ClassVar[str]

    @classmethod
    def order(cls) -> int:
        """Place 1–13 in the archive order."""
        return cls.kind.order

    @property
    def title(self) -> str:
        """The Chinese title printed on the document."""
        return self.kind.label

    def document_date(self) -> dt.date | None:
        """The date of the document; ``None`` while the draft leaves it blank."""
        value = getattr(self, self.date_field)
        return value if isinstance(value, dt.date) else None


class Annex(Model):
    """A record outside the 13 that is filed with one of them (README, "Case files")."""

    filed_with: ClassVar[DocumentKind]
    title_zh: ClassVar[str]
    date_field: ClassVar[str]

    def document_date(self) -> dt.date | None:
        value = getattr(self, self.date_field)
        return value if isinstance(value, dt.date) else None
