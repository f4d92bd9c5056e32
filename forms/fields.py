"""Field types shared by every document model.

Strict where a value is present, lenient where the paper form could still be
blank (DESIGN.md, "Principles"): every text field may be absent or empty (an
empty string reads as absent), but a value that is there must be of its type.
Dates are ISO dates (``2025-03-09``) and nothing else; whole numbers and
yes/no values are not coerced from text; text is stripped, and characters that
a Word file (XML 1.0) cannot hold are refused.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
)
from pydantic_core import PydanticCustomError

# XML 1.0 allows tab, newline and carriage return below U+0020, and nothing
# from the surrogates or the two non-characters U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

SHORT = 100
LINE = 500
PARAGRAPH = 20_000


class Model(BaseModel):
    """Base of every case-file model: unknown keys are errors, text is stripped."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_assignment=True,
        use_attribute_docstrings=True,
    )


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _xml_safe(value: str) -> str:
    bad = _NOT_XML.search(value)
    if bad is not None:
        raise PydanticCustomError(
            "text_control_character",
            "character U+{code} cannot be stored in a Word file",
            {"code": f"{ord(bad.group()):04X}", "position": bad.start()},
        )
    return value


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date_type", "a date without a time is expected")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError(
                "date_value", "no such day in the calendar"
            ) from None
    raise PydanticCustomError("date_type", "a date written YYYY-MM-DD is expected")


Short = Annotated[str, Field(max_length=SHORT), AfterValidator(_xml_safe)]
"""A name, a number, a short label (at most 100 characters)."""

Line = Annotated[str, Field(max_length=LINE), AfterValidator(_xml_safe)]
"""An address, a title, one line of a form (at most 500 characters)."""

Paragraph = Annotated[str, Field(max_length=PARAGRAPH), AfterValidator(_xml_safe)]
"""A free-text paragraph such as the content of a talk (at most 20,000 characters)."""

Date = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A calendar day, written ``YYYY-MM-DD``."""

OptShort = Annotated[Short | None, BeforeValidator(_blank_to_none)]
OptLine = Annotated[Line | None, BeforeValidator(_blank_to_none)]
OptParagraph = Annotated[Paragraph | None, BeforeValidator(_blank_to_none)]
OptDate = Annotated[Date | None, BeforeValidator(_blank_to_none)]
OptInt = StrictInt | None
Count = Annotated[StrictInt, Field(ge=0, le=100_000)]
OptCount = Count | None
Flag = StrictBool


class Signature(Model):
    """Who signed a block of a form, and when. Absent parts are still to be signed."""

    name: OptShort = None
    """签名人"""
    date: OptDate = None
    """签名日期"""
    refused: Flag = False
    """拒绝签名（须另有见证人说明）"""
    fingerprint: Flag = False
    """按捺指印"""
    note: OptLine = None
    """说明，例如拒签时的见证人"""


class Seal(Model):
    """An organ's seal (印章) on a document, and the date beside it."""

    organ: OptLine = None
    """盖章单位"""
    date: OptDate = None
    """盖章日期"""


__all__ = [
    "Count",
    "Date",
    "Flag",
    "Line",
    "Model",
    "OptCount",
    "OptDate",
    "OptInt",
    "OptLine",
    "OptParagraph",
    "OptShort",
    "Paragraph",
    "Seal",
    "Short",
    "Signature",
]
