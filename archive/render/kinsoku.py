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

Justified and distributed lines are spread as Word spreads East Asian text:
the slack of the line is shared out over the gaps between its characters
(the PDF character spacing, ``Tc``), not over its few spaces. Justified text
leaves a paragraph's last line and a line ended by a manual break as they are;
distributed text spreads every line, and centres a line of one character.
"""

from __future__ import annotations

import functools
from typing import Any, Literal

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.rl_accel import fp_str, sameFrag
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.paragraph import FragLine, Paragraph
from reportlab.platypus.paragraph import ParaLines as _ParaLines
from reportlab.rl_config import paraFontSizeHeightOffset

from archive.render.kept import Kept

Spread = Literal["none", "justify", "distribute"]

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


def _adjust(chars: str, start: int, overflow: int, hang: bool = True) -> int:
    """Where the next line starts when character ``overflow`` does not fit."""
    b = overflow
    if chars[b] in NO_START:
        b += 1
        if not hang or (b < len(chars) and chars[b] in NO_START):
            b = overflow
            while b > start + 1 and chars[b] in NO_START:
                b -= 1
    b = _before_word(chars, start, b)
    while b > start + 1 and b < len(chars) and chars[b - 1] in NO_END:
        b -= 1
    return b


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

    hang: bool = True
    """Whether a closing mark may hang in the margin; LibreOffice hangs none in a
    table cell, whose edge is a border, so a cell's paragraphs set this off."""

    spread: Spread = "none"
    """Whether lines are stretched to the measure: ``w:jc`` both or distribute."""

    _wrapped: float | None = None
    """The width the paragraph was last wrapped to."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """reportlab's wrap, done once per width.

        A paragraph in a table cell is wrapped for the row heights, again
        when reportlab sizes the table and again when it draws the cell; its
        lines do not depend on the height offered.
        """
        if availWidth == self._wrapped and "blPara" in self.__dict__:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped = availWidth
        return size

    def getSpaceBefore(self) -> float:
        """reportlab's answer, the style's space, without its chain of lookups.

        A table asks each flowable of each cell for its spaces every time it
        is measured and drawn: hundreds of thousands of calls per person.
        """
        own = self.__dict__.get("spaceBefore")
        return float(self.style.spaceBefore if own is None else own)

    def getSpaceAfter(self) -> float:
        """reportlab's answer, the style's space (see :meth:`getSpaceBefore`)."""
        own = self.__dict__.get("spaceAfter")
        return float(self.style.spaceAfter if own is None else own)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """reportlab's split, of lines of this paragraph's own.

        reportlab ends each line but the last of a part with a space, in the
        line's own last word; the lines of :data:`_broken` are shared. The
        paragraph keeps its shared lines: a table cell's paragraph is laid out
        again in later documents (:meth:`Layout._cell_content`).
        """
        if not hasattr(self, "blPara"):
            self.wrap(availWidth, availHeight)
        shared: Any = getattr(self, "blPara")  # noqa: B009 (untyped in reportlab)
        lines = [line.clone(words=[w.clone() for w in line.words])
                 for line in shared.lines]  # fmt: skip
        self.blPara = shared.clone(lines=lines)
        try:
            parts: list[Any] = super().split(availWidth, availHeight)
        finally:
            if "blPara" in self.__dict__:  # reportlab drops it where nothing fits
                self.blPara = shared
        for part in parts:
            if isinstance(part, CJKParagraph):
                part.drop = self.drop
                part.spread = self.spread
                part.hang = self.hang
        return parts

    def beginText(self, x: float, y: float) -> PDFTextObject:
        """reportlab's own text object, unless lines are spread (:class:`Spaced`).

        Only a spread line has runs with character spacing; reportlab's text
        object sets any other line exactly as :class:`SpacedText` would, and
        without asking a wrapped canvas for every attribute.
        """
        if self.spread == "none":
            return super().beginText(x, y)
        return SpacedText(self.canv, x, y)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """Place the paragraph as reportlab does, its lines :attr:`drop` lower.

        A person's file sets the same labels in the same places of the same
        forms, document after document, and reportlab would format every one
        of them again. What a paragraph draws is kept per canvas
        (:data:`_DRAWN`); one drawn before is placed by writing the operators
        reportlab's save, translate and restore would write around it, and
        the canvas's own state is left as restoring it would leave it.
        """
        x = self._hAlignAdjust(x, _sW)
        key = self._drawn_key(canvas)
        drawn = canvas.__dict__.get(_DRAWN)
        if drawn is None:
            drawn = canvas.__dict__[_DRAWN] = {}
        code = drawn.get(key) if key is not None else None
        seeds = canvas.__dict__.get("rehab_seeds")
        if code is None and seeds is not None and key is not None:
            code = _alike.get((seeds.serial, key))
            if code is not None:
                drawn[key] = code
        if code is not None:
            out = canvas._code
            out.append("q")
            out.append(f"{fp_str(1, 0, 0, 1, x, y - self.drop)} cm")
            out.extend(code)
            out.append("Q")
            return
        canvas.saveState()
        canvas.translate(x, y - self.drop)
        start = len(canvas._code)
        self.canv = canvas
        if not self._draw_plain():
            self.draw()
        del self.canv
        if key is not None:
            code = drawn[key] = canvas._code[start:]
            if seeds is not None and seeds.covers(self.frags):
                _alike.keep((seeds.serial, key), code)
        canvas.restoreState()

    def _draw_plain(self) -> bool:
        """Draw plain lines with reportlab's text object directly; False if not plain.

        Plain lines are left, centred or right aligned, fit their measure,
        and have no spread, underline, link, inline image, background or
        rise: most of a form's cells. For them this writes reportlab's own
        operators in ``drawPara``'s order, through the same text object calls,
        without the bookkeeping its general case needs (a line's words and
        decorations, a state of its own for each paragraph), which cost
        several times as much. Anything else is left to reportlab.
        """
        style = self.style
        lines = self.blPara.lines
        if (
            not lines
            or self.blPara.kind != 1
            or self.spread != "none"
            or style.alignment not in _PLAIN
            or self.bulletText
            or style.backColor
            or style.borderColor
            or style.endDots
            or hasattr(self, "_offsets")
            or getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
            in ("min", "max")
        ):
            return False
        for line in lines:
            if line.extraSpace <= -1e-8:
                return False
            for word in line.words:
                if "cbDefn" in word.__dict__ or _decorated(word):
                    return False
        canvas = self.canv
        leading = style.leading
        canvas.saveState()
        first = lines[0]
        if paraFontSizeHeightOffset:  # as drawPara places the first baseline
            top = first.fontSize
        else:
            top = getattr(first, "ascent", first.fontSize)
        tx = canvas.beginText(style.leftIndent, self.height - top)
        tx._leading = None
        tx._fontname = tx._fontsize = None
        colour = None
        share = _PLAIN[style.alignment]
        for i, line in enumerate(lines):
            x = (style.firstLineIndent if i == 0 else 0) + share * line.extraSpace
            if x > 1e-6 or x < -1e-6:
                tx.setXPos(x)
            if tx._leading != leading:
                tx.setLeading(leading)
            words = line.words
            last = len(words) - 1
            for k, word in enumerate(words):
                if tx._fontname != word.fontName or tx._fontsize != word.fontSize:
                    tx._setFont(word.fontName, word.fontSize)
                if colour != word.textColor:
                    colour = word.textColor
                    tx.setFillColor(colour)
                tx._textOut(word.text, k == last)
            if x > 1e-6 or x < -1e-6:
                tx.setXPos(-x)
        canvas.drawText(tx)
        canvas.restoreState()
        return True

    def _drawn_key(self, canvas: Any) -> tuple[Any, ...] | None:
        """What the operators :meth:`drawOn` keeps depend on; None when not kept.

        The markup and style give the fragments (:class:`Layout` makes them from
        nothing else), the measures give the lines, and the canvas's line width
        and stroke colour are the underline's defaults. A part of a paragraph
        split across pages has only some of its lines, and no markup of its
        own: it is not kept.
        """
        if getattr(self, "_splitpara", False) or not isinstance(self.text, str):
            return None
        return (
            self.text, self.style, self.width, self.height, self.drop, self.spread,
            self.hang, canvas._lineWidth, canvas._strokeColorObj,
        )  # fmt: skip

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        self.height = 0
        key = (self.text, self.style, tuple(maxWidths), self.spread, self.hang)
        broken = _broken.get(key)
        if broken is None:
            glyphs = _Glyphs(self.frags)
            lines = _lines(glyphs, list(maxWidths), self.spread, self.hang)
            broken = _ParaLines(kind=1, lines=lines)
            if isinstance(self.text, str):
                _broken.keep(key, broken)
        return broken


KEPT = 5_000
"""How many texts' widths, and paragraphs' lines, are kept (:class:`Kept`). A
paragraph's lines take about 8 KB: at 20,000 the two workers of a 1,000-person
build went past 1 GB between them; a file of 62 documents keeps some 900."""

_widths: Kept[tuple[str, float, str], list[float]] = Kept(KEPT)

_broken: Kept[tuple[Any, ...], Any] = Kept(KEPT)
"""Lines of paragraphs, by markup, style, measures, spread and hanging.

A paragraph in a table cell is wrapped at the same width several times (for
the row height, when reportlab sizes the table, when it draws the cell), and
a label comes back in document after document; its lines are the same each
time. The markup and style give the fragments (:class:`Layout` makes them from
nothing else); a part of a split paragraph, which has no markup, is not kept.
reportlab draws from the lines as they are; its split changes them, so
:meth:`CJKParagraph.split` first gives the paragraph lines of its own."""

_DRAWN = "rehab_drawn"
"""The canvas's attribute holding the operators each paragraph drew on it, by
its drawing key; it goes with the canvas.

reportlab places a flowable by translating the canvas to it, so what a
paragraph draws is the same wherever it stands. Kept per canvas, because a
character's code in a font subset is the canvas's own; the characters of a
repeated paragraph were given theirs when it was first drawn."""


_alike: Kept[tuple[Any, ...], list[str]] = Kept(KEPT)
"""The operators of paragraphs that draw alike on every canvas planted with
one set of seeds (:mod:`archive.render.seeds`): the forms' labels, whose
characters are coded alike in every file. By the seeds and the drawing key."""


class _Glyphs:
    """A paragraph's characters, each with its width and the fragment it is in.

    What reportlab's CJK wrapping makes one object per character for
    (``cjkU``), kept as three lists. A character's width in one face and size
    never changes in a process, and the labels of the forms come back in
    document after document, so the widths of a fragment's text are measured
    once per process. A fragment with no text (a manual line break) counts as
    one character of no width, as reportlab counts it.
    """

    def __init__(self, frags: list[Any]) -> None:
        self.widths: list[float] = []
        self.owners: list[Any] = []
        self.hard: list[bool] = []
        """Whether each character is a manual line break."""
        self.ends: list[int] = []
        """Where the fragment of each character ends."""
        texts: list[str] = []
        for frag in frags:
            text = frag.text if isinstance(frag.text, str) else frag.text.decode()
            if not text:
                text = "\x00"
                self.widths.append(_empty_width(frag))
            else:
                self.widths.extend(_text_widths(text, frag))
            texts.append(text)
            self.owners.extend([frag] * len(text))
            self.hard.extend([hasattr(frag, "lineBreak")] * len(text))
            self.ends.extend([len(self.owners)] * len(text))
        self.text = "".join(texts)
        """The characters, with ``\\x00`` for a fragment without text."""

    def __len__(self) -> int:
        return len(self.owners)


def _text_widths(text: str, frag: Any) -> list[float]:
    if hasattr(frag, "cbDefn"):
        return [getattr(frag.cbDefn, "width", 0)] * len(text)
    key = (frag.fontName, frag.fontSize, text)
    widths = _widths.get(key)
    if widths is None:
        widths = _widths.keep(
            key, [stringWidth(ch, frag.fontName, frag.fontSize) for ch in text]
        )
    return widths


def _empty_width(frag: Any) -> Any:
    if hasattr(frag, "cbDefn"):
        return getattr(frag.cbDefn, "width", 0)
    return stringWidth("", frag.fontName, frag.fontSize)


def _lines(
    glyphs: _Glyphs, max_widths: list[float], spread: Spread, hang: bool = True
) -> list[Any]:
    lines: list[Any] = []
    text = glyphs.text
    start = 0
    while start < len(glyphs):
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        end = _line_end(glyphs, start, max_width, hang)
        used = sum(glyphs.widths[start:end])
        hard = glyphs.hard[end - 1]
        made = _make_line(glyphs, start, end, max_width, used, hard)
        last = end == len(glyphs)
        if spread == "distribute" or (spread == "justify" and not (hard or last)):
            _stretch(made)
        lines.append(made)
        start = end
        if not hard:
            while start < len(glyphs) and text[start] == "\xa0":
                start += 1  # a space or autospace gap at a wrap is not set
    return lines


def _make_line(
    glyphs: _Glyphs, start: int, end: int, max_width: float, used: float, hard: bool
) -> Any:
    """The line of ``glyphs[start:end]``, as reportlab's ``makeCJKParaLine`` makes it.

    reportlab compares each character's fragment with the word's to decide
    where a word of one format ends, and looks up each character's ascent;
    here that is done once for each stretch of characters of one fragment,
    which gives the same words and the same measures.
    """
    owners, ends, text = glyphs.owners, glyphs.ends, glyphs.text
    words: list[Any] = []
    max_size: float = 0
    max_ascent: float = 0
    min_descent: float = 0
    current: Any = None
    word_start = start
    i = start
    while i < end:
        frag = owners[i]
        j = i + 1
        if not ("cbDefn" in frag.__dict__ or "lineBreak" in frag.__dict__):
            j = min(ends[i], end)
        size = frag.fontSize
        ascent, descent = _extents(frag.fontName, size)
        max_size = max(max_size, size)
        max_ascent = max(max_ascent, ascent)
        min_descent = min(min_descent, descent)
        if current is None or not sameFrag(current, frag):
            if current is not None:
                words.append(_word(current, text, word_start, i))
            current, word_start = frag, i
        i = j
    if current is not None:
        words.append(_word(current, text, word_start, end))
    return FragLine(
        kind=1,
        extraSpace=max_width - used,
        wordCount=1,
        words=words,
        fontSize=max_size,
        ascent=max_ascent,
        descent=min_descent,
        maxWidth=max_width,
        currentWidth=used,
        lineBreak=hard,
    )


@functools.cache
def _extents(font: str, size: float) -> tuple[float, float]:
    """reportlab's ascent and descent of ``font`` at ``size``, a few per process."""
    ascent, descent = getAscentDescent(font, size)
    return ascent, descent


def _word(frag: Any, text: str, start: int, end: int) -> Any:
    """A line's word of ``frag``'s format: the fragment itself where the word is
    all of its text (nothing changes a line's words), else a copy."""
    word = text[start:end].replace("\x00", "")
    if word == frag.text:
        return frag
    return copy_bag(frag, text=word)


def copy_bag(bag: Any, **changes: Any) -> Any:
    """``bag.clone(**changes)`` for a reportlab fragment, in one dictionary.

    reportlab's clone goes through the class's constructor and updates the new
    dictionary twice; a paragraph made the first time clones a fragment per
    piece of text and per word of each line.
    """
    made = object.__new__(type(bag))
    made.__dict__ = {**bag.__dict__, **changes}
    return made


def _stretch(line: Any) -> None:
    """Share the line's slack out over the gaps between its characters.

    Each word (a run of one format) carries its spacing in its text (see
    :class:`Spaced`); the line's last character gets none, so the line ends
    at the margin and an underline ends with the text.
    """
    count = sum(len(w.text) for w in line.words if not hasattr(w, "cbDefn"))
    if count < 2 or line.extraSpace <= _FUZZ:
        return
    space = line.extraSpace / (count - 1)
    words: list[Any] = []
    for word in line.words:
        if hasattr(word, "cbDefn") or not word.text:
            words.append(word)
            continue
        words.append(copy_bag(word, text=Spaced(word.text, space)))
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if isinstance(word.text, Spaced):
            head, tail = str(word.text[:-1]), str(word.text[-1:])
            words[i : i + 1] = [
                *([copy_bag(word, text=Spaced(head, space))] if head else []),
                copy_bag(word, text=tail),
            ]
            break
    line.words = words
    line.extraSpace = 0.0
    line.currentWidth = line.maxWidth


_PLAIN = {TA_LEFT: 0.0, TA_CENTER: 0.5, TA_RIGHT: 1.0}
"""Alignments of plain lines, and the share of a line's slack before it."""


def _decorated(word: Any) -> bool:
    """Whether a word is drawn with more than its text: lines, link, rise, ground."""
    return bool(
        getattr(word, "us_lines", None)
        or getattr(word, "link", None)
        or getattr(word, "rise", 0)
        or getattr(word, "backColor", None)
    )


class Spaced(str):
    """Text drawn with ``char_space`` points after each character (PDF ``Tc``)."""

    char_space: float

    def __new__(cls, value: str, char_space: float) -> Spaced:
        made = super().__new__(cls, value)
        made.char_space = char_space
        return made


class _Widths:
    """The canvas, as reportlab's line drawing sees it: widths include spacing.

    reportlab places each run, its underline and its links by the run's
    string width; a :class:`Spaced` run is that much wider.
    """

    def __init__(self, canvas: Any) -> None:
        self._canvas = canvas

    def __getattr__(self, name: str) -> Any:
        return getattr(self._canvas, name)

    def stringWidth(self, text: str, font: str, size: float) -> float:
        width = float(self._canvas.stringWidth(text, font, size))
        return width + len(text) * getattr(text, "char_space", 0.0)


class SpacedText(PDFTextObject):  # type: ignore[misc]
    """A text object that sets the character spacing of each :class:`Spaced` run."""

    def __init__(self, canvas: Any, x: float, y: float) -> None:
        super().__init__(canvas, x, y)
        self._canvas = _Widths(canvas)
        self._spacing = 0.0

    def _textOut(self, text: str, TStar: int = 0) -> None:
        space = getattr(text, "char_space", 0.0)
        if space != self._spacing:
            self.setCharSpace(space)
            self._spacing = space
        super()._textOut(text, TStar)


def _line_end(glyphs: _Glyphs, start: int, max_width: float, hang: bool) -> int:
    widths, hard = glyphs.widths, glyphs.hard
    used = 0.0
    for i in range(start, len(widths)):
        if hard[i]:
            return i + 1
        used += widths[i]
        if used > max_width + _FUZZ and i > start:
            return _adjust(glyphs.text, start, i, hang)
    return len(widths)
