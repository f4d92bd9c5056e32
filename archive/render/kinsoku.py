"""Chinese line breaking (禁则): which characters may not start or end a line.

reportlab's CJK wrapping breaks between any two characters and knows only a
Japanese list of closing marks. Chinese practice (GB/T 15834 punctuation) is
that no line begins with a closing mark or a pause (，。、；：？！）》」 …) and none
ends with an opening one (（《「 …), and, as Word and LibreOffice do, a Latin
word or a number (an ID number, a date) is not split unless it fills a whole
line. :class:`CJKParagraph` breaks lines itself:
one closing mark may hang in the right margin, as LibreOffice does for Chinese
by default; a second one, or an opening mark at a line's end, moves characters
to the next line instead.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus.paragraph import Paragraph, cjkU, makeCJKParaLine
from reportlab.platypus.paragraph import ParaLines as _ParaLines

NO_START = frozenset("，。、；：？！）》」』】〕〉…—·%,.;:?!)]}>’”")
NO_END = frozenset("（《「『【〔〈([{<‘“")
_FUZZ = 1e-6


def break_points(chars: str, widths: list[float], max_width: float) -> list[int]:
    """Indexes at which new lines start, for text of these character widths.

    Kept apart from reportlab so the rules can be tested on plain strings.
    """
    starts: list[int] = []
    start, used, i = 0, 0.0, 0
    while i < len(chars):
        used += widths[i]
        if used > max_width + _FUZZ and i > start:
            b = _adjust(chars, start, i)
            starts.append(b)
            start, used, i = b, 0.0, b
            continue
        i += 1
    return starts


def _adjust(chars: str, start: int, overflow: int) -> int:
    """Where the next line starts when character ``overflow`` does not fit."""
    b = overflow
    if chars[b] in NO_START:
        b += 1
        if b < len(chars) and chars[b] in NO_START:
            b = overflow
            while b > start + 1 and chars[b] in NO_START:
                b -= 1
    while b > start + 1 and b < len(chars) and chars[b - 1] in NO_END:
        b -= 1
    return _before_word(chars, start, b)


def _before_word(chars: str, start: int, b: int) -> int:
    """Move a break out of a Latin word or number, unless the word fills the line."""
    k = b
    while k > start and k < len(chars) and _latin(chars[k - 1]) and _latin(chars[k]):
        k -= 1
    return k if k > start else b


def _latin(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "._-/:%")


class CJKParagraph(Paragraph):  # type: ignore[misc]
    """A reportlab paragraph wrapped by the Chinese rules above (wordWrap='CJK')."""

    drop = 0.0
    """How far below reportlab's place each line's baseline goes.

    reportlab sets the first baseline one ascent below the top, whatever the
    leading; Word and LibreOffice put the extra of a tall line above the text,
    so the descent ends at the bottom of the line.
    """

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        for part in parts:
            if isinstance(part, CJKParagraph):
                part.drop = self.drop
        return parts

    def draw(self) -> None:
        self.canv.translate(0, -self.drop)
        super().draw()
        self.canv.translate(0, self.drop)

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        self.height = 0
        glyphs: list[Any] = []
        for frag in self.frags:
            text = frag.text if isinstance(frag.text, str) else frag.text.decode()
            if text:
                glyphs.extend(cjkU(ch, frag, "utf8") for ch in text)
            else:
                glyphs.append(cjkU("", frag, "utf8"))
        return _ParaLines(kind=1, lines=_lines(glyphs, list(maxWidths)))


def _lines(glyphs: list[Any], max_widths: list[float]) -> list[Any]:
    lines: list[Any] = []
    text = "".join(str(g) or "\x00" for g in glyphs)
    start = 0
    while start < len(glyphs):
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        end = _line_end(glyphs, text, start, max_width)
        line = glyphs[start:end]
        used = sum(g.width for g in line)
        hard = hasattr(glyphs[end - 1].frag, "lineBreak")
        lines.append(
            makeCJKParaLine(line, max_width, used, max_width - used, hard, False)
        )
        start = end
    return lines


def _line_end(glyphs: list[Any], text: str, start: int, max_width: float) -> int:
    used = 0.0
    for i in range(start, len(glyphs)):
        glyph = glyphs[i]
        if hasattr(glyph.frag, "lineBreak"):
            return i + 1
        used += glyph.width
        if used > max_width + _FUZZ and i > start:
            return _adjust(text, start, i)
    return len(glyphs)
