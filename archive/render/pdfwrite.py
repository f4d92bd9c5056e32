"""reportlab's PDF writer, making the same bytes by shorter ways.

Writing a person's file turns every dictionary of it (each page, form,
outline entry and font) into bytes, key by key, and two small steps of that
were a tenth of rendering:

- reportlab encodes every string it writes with its ``extpdfdoc`` charmap
  codec, found by name on each call. PDFDocEncoding is ASCII from 0x00 to
  0x7F but for 0x18–0x1F, its accents, which the codec refuses to encode from
  those code points. :func:`encode` hands any other ASCII string over as its
  ASCII bytes, the bytes the codec makes of it, and the rest to reportlab.
- reportlab spells each key of each dictionary as a PDF name character by
  character, escaping what a name may not hold. A file has a few dozen
  distinct keys and names; :func:`name` spells each once per process.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from reportlab.pdfbase import pdfdoc

_reportlab_encode = pdfdoc.pdfdocEnc
_reportlab_name = pdfdoc.PDFName
_NOT_ASCII_IN_PDFDOC = re.compile(rb"[\x18-\x1f]")


def encode(value: Any) -> Any:
    """What ``reportlab.pdfbase.pdfdoc.pdfdocEnc`` returns for ``value``."""
    if isinstance(value, str) and value.isascii():
        data = value.encode("ascii")
        if not _NOT_ASCII_IN_PDFDOC.search(data):
            return data
    return _reportlab_encode(value)


def name(data: Any, *rest: Any) -> str:
    """What ``reportlab.pdfbase.pdfdoc.PDFName`` returns for ``data``."""
    if rest or not isinstance(data, str):
        return str(_reportlab_name(data, *rest))
    return _spelt(data)


@functools.lru_cache(maxsize=4096)
def _spelt(data: str) -> str:
    return str(_reportlab_name(data))


def install() -> None:
    """Have reportlab's PDF writer use :func:`encode` and :func:`name` (in this
    process)."""
    pdfdoc.pdfdocEnc = encode
    pdfdoc.PDFName = name
