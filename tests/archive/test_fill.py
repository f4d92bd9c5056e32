"""Filling templates: exact text, no template injection, Chinese dates, blanks."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

from archive.build import BUNDLED_TEMPLATES
from archive.context import build_context
from archive.fill import fill
from forms import CaseFile, Entry, Office, load_case, load_office
from forms.choices import WarningTrigger
from validators.policy import default_policy

DATA = Path(__file__).parent / "data" / "full"
WRONG_WORDS = (
    "小区戒毒", "小区康复", "旳", "家眷", "局限性", "都市街道", "合用对象",
    "体现状况", "汇报", "防止宣传",
)  # fmt: skip


def _office() -> Office:
    return load_office(DATA / "archive.yaml")


def _filled(case: CaseFile, entry: Entry) -> bytes:
    context = build_context(case, entry, _office(), default_policy())
    return fill(BUNDLED_TEMPLATES / f"{entry.name}.docx", context)


def _text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
    texts = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", body)
    return (
        "".join(texts)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def _all(person: str) -> list[tuple[Entry, bytes]]:
    case = load_case(DATA / person / "case.yaml")
    return [(entry, _filled(case, entry)) for entry in case.entries()]


@pytest.mark.parametrize("person", ["p001", "p002"])
def test_every_entry_fills_into_a_document_python_docx_opens(person: str) -> None:
    for entry, data in _all(person):
        document = docx.Document(io.BytesIO(data))
        assert document.paragraphs or document.tables, entry.slug
        assert "{{" not in _text(data).replace("{{ 7*7 }}", ""), entry.slug


def test_special_characters_come_out_exactly_and_are_never_evaluated() -> None:
    case = load_case(DATA / "p002" / "case.yaml")
    name = case.person.name
    assert name is not None
    for entry, data in _all("p002"):
        text = _text(data)
        assert name in text, entry.slug
        assert "49" not in text.split(name)[0][-4:], entry.slug
    registration = next(d for e, d in _all("p002") if e.name == "registration")
    assert case.person.residence_address in _text(registration)


def test_dates_are_written_the_chinese_way() -> None:
    decision = next(d for e, d in _all("p001") if e.name == "decision")
    text = _text(decision)
    assert "2025年3月1日" in text
    assert "2025-03-01" not in text


def test_blanks_of_a_draft_are_underlined_space() -> None:
    case = load_case(DATA / "p002" / "case.yaml")
    decision = next(e for e in case.entries() if e.name == "decision")
    data = _filled(case, decision)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
    blank_runs = re.findall(
        r"<w:r>(?:(?!</w:r>).)*\u3000{6}(?:(?!</w:r>).)*</w:r>", body
    )
    in_text = [run for run in blank_runs if 'w:val="44"' not in run]  # not the title
    assert in_text and all("<w:u " in run for run in in_text)
    assert "\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日" in _text(data)


def test_choices_print_their_chinese_labels() -> None:
    log = next(d for e, d in _all("p001") if e.name == "test_log")
    text = _text(log)
    assert "尿液" in text and "阴性" in text and "逃避检测" in text
    assert "urine" not in text


def test_repeated_rows_repeat_their_header_and_may_break() -> None:
    log = next(d for e, d in _all("p001") if e.name == "test_log")
    with zipfile.ZipFile(io.BytesIO(log)) as archive:
        body = archive.read("word/document.xml").decode()
    assert "<w:tblHeader/>" in body
    assert "<w:cantSplit" not in body
    assert body.count("现场检测报告书编号") == 1
    assert "2025-041" in body


def test_the_plan_prints_the_persons_schedule() -> None:
    plan = next(d for e, d in _all("p001") if e.name == "plan")
    text = _text(plan)
    assert "吸毒检测" in text and "2025年3月10日" in text
    assert "期满评价" in text


def test_the_decision_prints_remedies_and_legal_basis_per_measure() -> None:
    treatment = _text(next(d for e, d in _all("p001") if e.name == "decision"))
    assert "第三十三条" in treatment and "六十日内" in treatment
    assert "六个月内" in treatment and "东城县人民政府" in treatment
    rehab = _text(next(d for e, d in _all("p002") if e.name == "decision"))
    assert "第四十八条" in rehab and "解除强制隔离戒毒证明书编号" in rehab


@pytest.mark.parametrize("person", ["p001", "p002"])
def test_no_wrong_word_in_any_generated_document(person: str) -> None:
    for entry, data in _all(person):
        assert [w for w in WRONG_WORDS if w in _text(data)] == [], entry.slug


def _warning(**changes: object) -> str:
    case = load_case(DATA / "p001" / "case.yaml")
    letter = case.warning_letters[0].model_copy(update=changes)
    entry = next(e for e in case.entries() if e.name == "warning_letter")
    entry = dataclasses.replace(entry, document=letter)
    return _text(_filled(case, entry))


def test_a_value_ending_in_a_full_stop_is_printed_with_one() -> None:
    text = _warning(facts="未按通知接受吸毒检测。")
    assert "未按通知接受吸毒检测。" in text
    assert "。。" not in text


def test_a_test_evasion_letter_names_its_breach_and_no_absence_days() -> None:
    text = _warning(occurrence=2)
    assert "这是你第2次逃避吸毒检测。" in text
    assert "累计擅自离开" not in text


def test_an_absence_letter_counts_the_days_away() -> None:
    text = _warning(
        trigger=WarningTrigger.unauthorised_absence, cumulative_absence_days=12
    )
    assert "擅自离开所在县（市、区）。" in text
    assert "你累计擅自离开所在县（市、区）12日。" in text


@pytest.mark.parametrize("person", ["p001", "p002"])
def test_every_document_opens_with_its_entry_title(person: str) -> None:
    """The 卷内文件目录 and the bookmarks print ``entry.title``; so does the page."""
    case = load_case(DATA / person / "case.yaml")
    for entry, data in _all(person):
        first = docx.Document(io.BytesIO(data)).paragraphs
        lines = [p.text for p in first if p.text.strip()][:2]
        wanted = entry.title.replace("(", "（").replace(")", "）")
        assert wanted in lines, (entry.slug, lines)
    assert case.entries()
