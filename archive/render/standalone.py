"""One document rendered on its own by the built-in engine, without page numbers.

For comparing the engine with LibreOffice document by document (fidelity
tests, ``docs/engine-*.png``) and for a quick look at one template; a person's
file is always laid out as one document by :mod:`archive.assemble`.
"""

from __future__ import annotations

import io

from reportlab.platypus import BaseDocTemplate, PageTemplate

from archive.fonts import FontBook
from archive.render.layout import Layout, page_frame
from archive.render.model import DocumentModel


def render_document(model: DocumentModel, fonts: FontBook) -> bytes:
    """The PDF bytes of ``model`` laid out alone."""
    buffer = io.BytesIO()
    page = model.page
    frame = page_frame(page)
    doc = BaseDocTemplate(
        buffer,
        pagesize=(page.width, page.height),
        pageTemplates=[PageTemplate("page", [frame])],
        initialFontName=fonts.default,
        invariant=1,
        title=model.source,
    )
    doc.build(Layout(fonts).flowables(model.blocks))
    return buffer.getvalue()
