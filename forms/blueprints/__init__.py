"""The code that produces the official Word templates in ``forms/templates/``.

One function per template, grouped by the same concerns as the models
(``intake``, ``registration``, ``planning``, ``supervision``, ``movement``,
``closing``); shared page setup, fonts and ruled tables live in ``_page``, the
parts several forms share (captions, signatures, seal blocks, the heading) in
``_parts``. Every heading prints ``entry.title``, the title the 卷内文件目录
and the PDF bookmarks show. ``make_templates(folder)`` writes
them all, reproducibly: the same code always yields the same bytes, so a test
compares the committed files with fresh ones.

Templates are named after the entry names of ``CaseFile.entries()``: the 13
kinds, plus the annex records filed with them (late_report, self_report,
mentoring, police_report, suspension, termination). The 准假通知书 and the
变更地点的函 are the second page of the leave_request and transfer templates.

Word constructs used — the whole set, so that a renderer can cover exactly
these (anything else in an office's own template is outside it):

- body: ``w:p`` and ``w:tbl`` only; one section (``w:sectPr``: A4 ``w:pgSz``,
  ``w:pgMar`` top 37 mm, left 28 mm, right 26 mm, bottom 35 mm); no headers,
  footers, fields, images, numbering lists, text boxes or footnotes;
- paragraph properties: ``w:jc`` (left, center, right, both), ``w:spacing``
  (before, after, and an exact ``line``), ``w:ind`` ``firstLine``;
- runs: ``w:t`` text, ``w:br`` (line break from a newline in the data;
  ``w:type="page"`` for a page break), ``w:tab`` (a tab in the data);
  run properties ``w:rFonts`` (ascii, hAnsi, eastAsia, cs: all the same
  face), ``w:sz``, ``w:b``, ``w:u`` single;
- tables: ``w:tblW``, ``w:tblBorders`` (single 0.5 pt on all edges and inside),
  ``w:tblLayout`` fixed, ``w:tblGrid``/``w:gridCol``; rows with ``w:trHeight``
  (at least) and ``w:tblHeader`` (repeat at the top of each page); cells with
  ``w:tcW``, ``w:gridSpan`` and ``w:vMerge`` (merged cells) and ``w:vAlign``
  center;
- styles: only ``Normal`` and the document defaults are relied on.

Faces: 方正小标宋简体 (titles, 22 pt), 仿宋_GB2312 (letters, 16 pt), 宋体 (forms,
12 pt; 10.5 pt in the test log).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from forms.blueprints import (
    closing,
    intake,
    movement,
    planning,
    registration,
    supervision,
)
from forms.blueprints._page import save

BLUEPRINTS: dict[str, Callable[[], Any]] = {
    "decision": intake.decision,
    "registration": registration.registration,
    "late_report": closing.late_report,
    "agreement": intake.agreement,
    "plan": planning.plan,
    "group_roster": planning.group_roster,
    "visit": supervision.visit,
    "self_report": supervision.self_report,
    "mentoring": supervision.mentoring,
    "test_notice": supervision.test_notice,
    "test_log": supervision.test_log,
    "warning_letter": supervision.warning_letter,
    "police_report": supervision.police_report,
    "leave_request": movement.leave_request,
    "transfer": movement.transfer,
    "evaluation": closing.evaluation,
    "suspension": closing.suspension,
    "release_notice": closing.release_notice,
    "termination": closing.termination,
}
"""Template name (the entry name of ``CaseFile.entries()``) → the code that makes it."""


def make_templates(folder: Path, names: list[str] | None = None) -> list[Path]:
    """Write ``<name>.docx`` into ``folder`` for every blueprint (or those named)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names or list(BLUEPRINTS):
        path = folder / f"{name}.docx"
        save(BLUEPRINTS[name](), path)
        written.append(path)
    return written


__all__ = ["BLUEPRINTS", "make_templates"]
