"""What the .docx readers share: the WordprocessingML namespace and attribute access.

Lengths in the XML are twips (1/20 point); on/off properties are on unless
their ``w:val`` says 0, false or off.
"""

from __future__ import annotations

from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from archive.errors import RenderError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
Q = f"{{{W}}}"

Element = Any
"""An lxml element (lxml ships no type information)."""


class UnsupportedConstruct(RenderError):
    """The document uses something the built-in engine does not lay out."""

    def __init__(self, source: str, construct: str) -> None:
        super().__init__(f"{source}：内置排版引擎不支持 {construct}")
        self.source = source
        self.construct = construct


def tag(element: Element) -> str:
    """The element's name without its namespace; ``#comment`` for a comment.

    lxml writes a name as ``{namespace}local``; cutting at the brace gives
    what ``etree.QName(...).localname`` gives, without making an object for
    each of the thousands of elements a document has.
    """
    tag = element.tag
    if not isinstance(tag, str):
        return "#comment"
    return tag.rpartition("}")[2]


def xml_of(element: Element) -> bytes:
    """The element's XML, by which a paragraph or cell read before is known.

    As UTF-8: lxml's default writes each Chinese character as a character
    reference, eight bytes in place of three, and takes longer doing it.
    """
    xml = etree.tostring(
        element, encoding="utf-8", xml_declaration=False, with_tail=False
    )
    return bytes(xml)


def val(element: Element | None, attr: str = "val") -> str | None:
    if element is None:
        return None
    value = element.get(Q + attr)
    return None if value is None else str(value)


def twips(element: Element | None, attr: str) -> float | None:
    value = val(element, attr)
    return None if value is None else int(value) / 20.0


def on(element: Element | None) -> bool | None:
    if element is None:
        return None
    return val(element) not in ("0", "false", "off")
