"""The cover, the 卷内文件目录 and the 卷内备考表 of a person's file (GB/T 9705).

DOMAIN.md §3: the cover (案卷封面) names the fonds (全宗名称), the class
(类目名称), the file's title (案卷题名), its dates (起止时间), the retention
period, the number of documents and of pages, and the 档号 (全宗号-目录号-案卷号);
the list gives for each document 序号, 文号, 责任者, 题名, 日期 (8 digits), 页号
(its first page) and 备注, and its last row the first and last page; the 备考表
closes the file with 本卷情况说明, 立卷人, 检查人, 立卷时间.

责任者 is whoever made the document (GB/T 9705: the issuing organ or the
signer), written out in full: archival practice does not shorten organ names,
so the column is made wide enough for a police station's name in two lines.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from archive.assemble.binder import Binder, Mark, Ref
from archive.fonts import FontBook
from archive.render.kept import Kept
from archive.render.kinsoku import KEPT, CJKParagraph
from forms import CaseFile, DocumentKind, Entry, Measure, Office

BODY = 10.5
"""五号, for the list and the table cells."""
LIST_WIDTHS = [9 * mm, 26 * mm, 36 * mm, 50 * mm, 16 * mm, 9 * mm, 10 * mm]
"""The seven columns within the 156 mm text block of the GB/T 9704 page."""
LIST_PAD = 1.5
LIST_HEAD = ["序号", "文号", "责任者", "题名", "日期", "页号", "备注"]
NUMBER_FIELDS = ("number", "letter_number", "permit_number", "document_number",
                 "report_number")  # fmt: skip
ORGAN_FIELDS = ("issuing_organ", "organ")


@dataclass(frozen=True)
class Listing:
    """One row of the 卷内文件目录, before its page is known."""

    entry: Entry
    key: str
    number: str
    responsible: str
    scanned: bool


def yyyymmdd(day: dt.date | None) -> str:
    return day.strftime("%Y%m%d") if day else ""


def listing(
    entry: Entry, key: str, office: Office, scanned: bool, person: str = ""
) -> Listing:
    doc = entry.document
    number = next((str(v) for f in NUMBER_FIELDS if (v := getattr(doc, f, None))), "")
    return Listing(entry, key, number, responsible(entry, office, person), scanned)


def responsible(entry: Entry, office: Office, person: str = "") -> str:
    """责任者: the organ that issued the document, or the person who wrote it.

    Police documents name their organ (``issuing_organ``); the test log is
    kept by the police station (戒毒条例 art. 19); a talk record by its
    recorder, a 帮教 record by its staff, a 定期报告 by the person (``person``);
    every other document is the office's.
    """
    doc = entry.document
    organ = next((str(v) for f in ORGAN_FIELDS if (v := getattr(doc, f, None))), "")
    if organ:
        return organ
    if entry.kind is DocumentKind.test_log and office.police_station:
        return office.police_station
    recorder = getattr(getattr(doc, "recorder", None), "name", None)
    staff = getattr(doc, "staff", None)
    if entry.name == "self_report" and person:
        return person
    return str(recorder or staff or office.name)


def file_title(case: CaseFile) -> str:
    name = case.person.name or ""
    if case.measure is Measure.community_rehab:
        return f"{name}社区康复档案"
    if case.measure is Measure.community_treatment:
        return f"{name}社区戒毒档案"
    return f"{name}社区戒毒（康复）档案"


def file_number(case: CaseFile, office: Office, slug: str) -> str:
    """档号 = 全宗号-目录号-案卷号; 案卷号 = the 登记表's 档案编号, else the slug.

    A 档案编号 that already begins with the 全宗号 and 目录号 is the whole 档号.
    """
    volume = next(
        (r.archive_number for r in case.registrations if r.archive_number), slug
    )
    prefix = "-".join(p for p in (office.fonds_number, office.catalogue_number) if p)
    if not prefix or volume.startswith(prefix + "-"):
        return volume
    return f"{prefix}-{volume}"


def category(case: CaseFile) -> str:
    """类目名称: the measure's file class."""
    measure = case.measure.zh if case.measure else "社区戒毒（康复）"
    return f"{measure}人员档案"


class _Styles:
    """The paragraph styles of the front matter in one font book's faces."""

    def __init__(self, fonts: FontBook) -> None:
        song = fonts.font_for("宋体")
        self.title = ParagraphStyle("t", fontName=fonts.font_for("黑体"), fontSize=22,
                                    leading=34, alignment=TA_CENTER, wordWrap="CJK",
                                    spaceAfter=18)  # fmt: skip
        self.cell = ParagraphStyle("c", fontName=song, fontSize=BODY, leading=14,
                                   alignment=TA_CENTER, wordWrap="CJK")  # fmt: skip
        self.left = ParagraphStyle("l", parent=self.cell, alignment=TA_LEFT)
        self.text = ParagraphStyle("x", fontName=song, fontSize=14, leading=26,
                                   alignment=TA_LEFT, wordWrap="CJK")  # fmt: skip


_styles: weakref.WeakKeyDictionary[FontBook, _Styles] = weakref.WeakKeyDictionary()
_parsed: Kept[tuple[str, ParagraphStyle], list[Any]] = Kept(KEPT)
"""The fragments of each text of the front matter in each style, for the process.

Every person's list has the same headings, kinds of document, issuing organs
and labels; reportlab's markup parser would read each of them again. As in
the documents' layout, paragraphs of one text share its fragments, and the
styles are made once per font book so that their lines and drawing, kept by
style, are found again from person to person."""


class FrontMatter:
    """Flowables of the cover, the list and the 备考表, in the binder's font."""

    def __init__(self, binder: Binder, fonts: FontBook) -> None:
        self.binder = binder
        self.fonts = fonts
        styles = _styles.get(fonts)
        if styles is None:
            styles = _styles[fonts] = _Styles(fonts)
        self.title, self.cell = styles.title, styles.cell
        self.left, self.text = styles.left, styles.text

    def _p(self, text: str, style: ParagraphStyle) -> Flowable:
        markup = escape(text)
        frags = _parsed.get((markup, style))
        if frags is None:
            frags = _parsed.keep((markup, style), CJKParagraph(markup, style).frags)
        return CJKParagraph(markup, style, frags=frags)

    def cover(self, case: CaseFile, office: Office, slug: str, count: int) -> list[Any]:
        dates = [e.date for e in case.entries() if e.date]
        span = f"{yyyymmdd(min(dates))}—{yyyymmdd(max(dates))}" if dates else ""
        pages = Ref(self.binder, "ref-pages", 100 * mm, 14, height=26, align="left")
        rows: list[tuple[str, Any]] = [
            ("全宗名称", office.fonds_name or office.name),
            ("类目名称", category(case)),
            ("案卷题名", file_title(case)),
            ("起止时间", span),
            ("保管期限", office.retention),
            ("件数", f"{count}件"),
            ("页数", pages),
            ("档号", file_number(case, office, slug)),
        ]
        data = [[self._p(k, self.text), v if isinstance(v, Flowable) else
                 self._p(v, self.text)] for k, v in rows]  # fmt: skip
        table = Table(data, colWidths=[36 * mm, 110 * mm], style=[
            ("LINEBELOW", (1, 0), (1, -1), 0.5, "black"),
            ("FONTNAME", (0, 0), (-1, -1), self.binder.font),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ])  # fmt: skip
        return [
            self._p(office.name, self.cell),
            Spacer(0, 40 * mm),
            self._p("案卷封面", self.title),
            Spacer(0, 20 * mm),
            table,
            PageBreak(),
        ]

    def contents(self, rows: list[Listing]) -> list[Any]:
        width = LIST_WIDTHS[5]
        data: list[list[Any]] = [[self._p(h, self.cell) for h in LIST_HEAD]]
        for n, row in enumerate(rows, start=1):
            data.append([
                self._p(str(n), self.cell),
                self._p(row.number, self.cell),
                self._p(row.responsible, self.left),
                self._p(row.entry.title, self.left),
                self._p(yyyymmdd(row.entry.date), self.cell),
                Ref(self.binder, f"ref-first-{row.key}", width, BODY),
                self._p("扫描件" if row.scanned else "", self.cell),
            ])  # fmt: skip
        data.append(["", "", "", self._p("本卷起止页号", self.left), "",
                     Ref(self.binder, "ref-span", width, BODY), ""])  # fmt: skip
        table = Table(data, colWidths=LIST_WIDTHS, repeatRows=1, style=[
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("FONTNAME", (0, 0), (-1, -1), self.binder.font),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), LIST_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), LIST_PAD),
        ])  # fmt: skip
        return [
            Mark(self.binder, "contents", "卷内文件目录", end=False),
            self._p("卷内文件目录", self.title),
            table,
        ]

    def closing(self, case: CaseFile, count: int) -> list[Any]:
        sheet = case.closing
        notes = sheet.notes or f"本卷共有文件{count}件，无缺页、无复印件替代原件。"
        pages = Ref(self.binder, "ref-pages-2", 100 * mm, 14, height=26, align="left")
        rows = [
            ("本卷情况说明", self._p(notes, self.text)),
            ("本卷页数", pages),
            ("立卷人", self._p(sheet.filed_by or "", self.text)),
            ("检查人", self._p(sheet.checked_by or "", self.text)),
            ("立卷时间", self._p(yyyymmdd(sheet.filed_date), self.text)),
        ]
        data = [[self._p(k, self.text), v] for k, v in rows]
        table = Table(data, colWidths=[36 * mm, 110 * mm], style=[
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("FONTNAME", (0, 0), (-1, -1), self.binder.font),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ])  # fmt: skip
        return [
            Mark(self.binder, "closing", "卷内备考表", end=True),
            self._p("卷内备考表", self.title),
            table,
        ]
