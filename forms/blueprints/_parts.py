"""Parts several blueprints share: captions, signatures, seal blocks, headings.

Each helper writes docxtpl tags that name fields of the template contract
(``forms/contract.py``); the dotted names passed in are those fields.
"""

from __future__ import annotations

from typing import Any

from forms.blueprints._page import (
    FORM_LINE,
    FORM_SIZE,
    LEFT,
    Cell,
    Piece,
    U,
    number_line,
    paragraph,
    seal_block,
    title,
)


def caption(document: Any, *pieces: Piece, align: Any = LEFT, after: float = 4) -> Any:
    """The line of a form above its table (编号, 执行地 …): 小四, 20 pt pitch."""
    return paragraph(
        document, *pieces, size=FORM_SIZE, line=FORM_LINE, align=align, after=after
    )


def signed(signature: str, label: str = "") -> Cell:
    """A cell with a signature's name, then its date on a line of its own.

    ``signature`` is the dotted name of a ``Signature`` (``doc.recorder``).
    """
    return Cell(
        (f"{label}{{{{ {signature}.name }}}}",),
        lines=[(f"{{{{ {signature}.date|dateline }}}}",)],
    )


def sign_line(document: Any, label: str, signature: str, *, note: bool = False) -> Any:
    """A letter's line to sign on: label, name (or a blank), date (or a blank)."""
    tail = f"　{{{{ {signature}.date|dateline }}}}"
    if note:
        tail += f"　{{{{ {signature}.note }}}}"
    return paragraph(document, label, U(f"{{{{ {signature}.name|blank }}}}"), tail)


def issued_by(document: Any) -> None:
    """The seal block of a document whose model has ``seal``, ``issuing_organ``
    and ``issue_date``: the seal's own organ and date win over the issuer's."""
    seal_block(
        document,
        "{{ doc.seal.organ or doc.issuing_organ }}",
        "{{ (doc.seal.date or doc.issue_date)|dateline }}",
    )


def heading(document: Any) -> None:
    """The document's title as the model names it (``entry.title``).

    The 卷内文件目录 and the PDF bookmarks print the same ``entry.title``, so
    the page a bookmark opens starts with the words the bookmark shows.
    """
    title(document, "{{ entry.title }}")


def letter_head(
    document: Any, number: str, addressee: str, *, name: str = "{{ entry.title }}"
) -> None:
    """Title (the entry's, unless ``name``), 文号 line and addressee line."""
    title(document, name)
    number_line(document, f"{{{{ {number}|blank(12) }}}}")
    paragraph(document, U(f"{{{{ {addressee}|blank }}}}"), "：")


TERM_LINE = (
    "姓名：{{ person.name }}　　措施：{{ case.measure }}　　"
    "期限：自{{ case.term_start|dateline }}至{{ case.term_end|dateline }}止"
)
"""The caption of the forms kept over the whole term (plan, test log)."""
