"""Plain ASCII strings of a PDF file encoded directly, not through a codec.

reportlab turns every string it writes into the file (each name, number,
key and operator of every dictionary and array) into bytes with its
``extpdfdoc`` charmap codec, found by name on each call: some 4 % of the time
of rendering a person's file. PDFDocEncoding is ASCII from 0x00 to 0x7F but
for 0x18–0x1F, its accents, which the codec refuses to encode from those
code points. :func:`encode` hands any other ASCII string over as its ASCII
bytes, the bytes the codec makes of it, and the rest to reportlab's function.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.pdfbase import pdfdoc

_reportlab_encode = pdfdoc.pdfdocEnc
_NOT_ASCII_IN_PDFDOC = re.compile(rb"[\x18-\x1f]")


def encode(value: Any) -> Any:
    """What ``reportlab.pdfbase.pdfdoc.pdfdocEnc`` returns for ``value``."""
    if isinstance(value, str) and value.isascii():
        data = value.encode("ascii")
        if not _NOT_ASCII_IN_PDFDOC.search(data):
            return data
    return _reportlab_encode(value)


def install() -> None:
    """Have reportlab's PDF writer use :func:`encode` (in this process)."""
    pdfdoc.pdfdocEnc = encode
