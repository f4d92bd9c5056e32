"""What the index holds for one document instance, built from a case file.

One :class:`Record` per :meth:`forms.CaseFile.entries` instance. Its text is
made from the values filled in on the form, the way the printed document shows
them: choices as their Chinese labels, dates both as 2025年3月9日 and as
20250309 (so either spelling finds them). Yes/no boxes add no words.

The ID number is kept only as the terms that find it (whole, last 4, last 6)
and as its masked form: the index never stores it whole (DESIGN.md,
"Principles": listings mask ID numbers unless asked).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from forms import CaseFile, Entry
from forms.choices import Choice, TransferDirection
from forms.idnumber import mask
from indexer.analysis import name_pinyin

log = logging.getLogger(__name__)

MAX_CONTENTS_BYTES = 2 * 1024 * 1024


KIND_WORDS: dict[str, str] = {
    "decision": "决定书",
    "registration": "登记表",
    "agreement": "协议书",
    "plan": "计划",
    "group_roster": "工作小组成员名单",
    "visit": "谈话记录 家访记录",
    "test_notice": "检测通知书",
    "test_log": "检测记录",
    "warning_letter": "告诫书",
    "leave_request": "外出请假审批表 准假通知书 销假",
    "transfer": "变更地点审批表 变更地点的函",
    "evaluation": "现实表现评价",
    "release_notice": "解除通知书",
}
"""The short Chinese names of DOMAIN.md §7, which ``kind:`` also accepts."""


class PersonState(StrEnum):
    """Where a person's measure stands, as the case file shows it."""

    ongoing = "ongoing"
    released = "released"
    terminated = "terminated"
    transferred_out = "transferred_out"

    @property
    def zh(self) -> str:
        return _STATE_ZH[self]


_STATE_ZH = {
    PersonState.ongoing: "执行中",
    PersonState.released: "已解除",
    PersonState.terminated: "已终止",
    PersonState.transferred_out: "已迁出",
}


@dataclass(frozen=True)
class Pages:
    """Physical 1-based pages of an instance in the assembled PDF."""

    first: int
    last: int


@dataclass(frozen=True)
class Record:
    """One document instance as the index holds it."""

    person: str
    """The person folder slug."""
    entry: str
    """``Entry.slug``: ``NN-<name>-<k>``."""
    name: str
    other_names: list[str]
    """曾用名 and 绰号: searched with the name, not shown."""
    pinyin: list[str]
    id_terms: list[str]
    id_masked: str
    measure: str
    measure_zh: str
    state: PersonState
    office: str
    kind: str
    kind_label: str
    entry_name: str
    instance: int
    date: dt.date | None
    title: str
    text: str
    pages: Pages | None

    @property
    def key(self) -> str:
        return f"{self.person}/{self.entry}"


def person_state(case: CaseFile) -> PersonState:
    """Termination, then release, then an outgoing transfer; otherwise ongoing.

    A termination (戒毒条例 art. 24(1)) ends the measure whatever else the file
    holds; a release notice (art. 23) ends it normally; a person transferred
    to another place (art. 22) is kept there.
    """
    if case.termination is not None:
        return PersonState.terminated
    if case.release_notice is not None:
        return PersonState.released
    if any(t.direction is TransferDirection.outgoing for t in case.transfers):
        return PersonState.transferred_out
    return PersonState.ongoing


def id_terms(id_number: str | None) -> list[str]:
    """The terms an ID number is found by: whole, last 6, last 4 (lower case)."""
    if not id_number:
        return []
    value = id_number.strip().lower()
    return list(dict.fromkeys([value, value[-6:], value[-4:]]))


def document_text(document: BaseModel) -> str:
    """The filled values of a form as one text, one value per line."""
    return "\n".join(_values(document))


def _values(value: Any) -> Iterator[str]:
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, Choice):
        yield value.zh
    elif isinstance(value, StrEnum):
        yield str(value)
    elif isinstance(value, str):
        yield value
    elif isinstance(value, dt.date):
        yield f"{value.year}年{value.month}月{value.day}日 {value:%Y%m%d}"
    elif isinstance(value, int | float):
        yield str(value)
    elif isinstance(value, BaseModel):
        for field in type(value).model_fields:
            yield from _values(getattr(value, field))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _values(item)


def read_pages(path: Path, person: str) -> dict[str, Pages]:
    """Page ranges by ``Entry.slug`` from ``out/contents.json``; empty if unusable.

    The file is written by the PDF assembly; when it is missing, malformed or
    names impossible pages, pages are unknown rather than the index failing.
    """
    if not path.is_file():
        return {}
    try:
        if path.stat().st_size > MAX_CONTENTS_BYTES:
            raise ValueError("too large")
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("%s: out/contents.json unreadable (%s); pages unknown", person, exc)
        return {}
    pages: dict[str, Pages] = {}
    if not isinstance(rows, list):
        log.warning("%s: out/contents.json is not a list; pages unknown", person)
        return {}
    for row in rows:
        if not isinstance(row, dict):
            continue
        slug, first, last = row.get("slug"), row.get("first_page"), row.get("last_page")
        if (
            isinstance(slug, str)
            and type(first) is int
            and type(last) is int
            and 1 <= first <= last
        ):
            pages[slug] = Pages(first, last)
    return pages


def records(
    case: CaseFile, person: str, office: str, pages: dict[str, Pages]
) -> list[Record]:
    """One :class:`Record` per document instance of ``case``, in archive order."""
    who = case.person
    name = who.name or ""
    measure = case.measure
    state = person_state(case)
    shared = {
        "person": person,
        "name": name,
        "other_names": [n for n in (who.former_name, who.alias) if n],
        "pinyin": _pinyin(name, who.former_name, who.alias),
        "id_terms": id_terms(who.id_number),
        "id_masked": mask(who.id_number) if who.id_number else "",
        "measure": measure.value if measure else "",
        "measure_zh": measure.zh if measure else "",
        "state": state,
        "office": office,
    }
    return [_record(entry, shared, pages.get(entry.slug)) for entry in case.entries()]


def _record(entry: Entry, shared: dict[str, Any], pages: Pages | None) -> Record:
    # A record filed with a kind (a police report with the warning letters) is
    # not of that kind: ``kind:告诫书`` must not find it, ``kind:police_report`` must.
    annex = entry.name != entry.kind.value
    return Record(
        entry=entry.slug,
        kind=entry.name if annex else entry.kind.value,
        kind_label=entry.title if annex else entry.kind.label,
        entry_name=entry.name,
        instance=entry.instance,
        date=entry.date,
        title=entry.title,
        text=document_text(entry.document),
        pages=pages,
        **shared,
    )


def _pinyin(*names: str | None) -> list[str]:
    forms: list[str] = []
    for name in names:
        if name:
            forms.extend(name_pinyin(name))
    return forms
