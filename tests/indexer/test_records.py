"""Records: the text of a form, the person's state, ID terms, pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from forms import CaseFile
from forms.supervision import WarningLetter
from indexer.records import (
    PersonState,
    document_text,
    id_terms,
    person_state,
    read_pages,
    records,
)
from tests.indexer.factory import PEOPLE


def test_text_has_choice_labels_and_both_date_spellings() -> None:
    letter = WarningLetter(trigger="test_evaded", issue_date=dt.date(2025, 3, 9))

    text = document_text(letter)

    assert "逃避吸毒检测" in text
    assert "2025年3月9日" in text and "20250309" in text
    assert "test_evaded" not in text


def test_state_follows_termination_release_and_transfer() -> None:
    states = {s: person_state(CaseFile.model_validate(c)) for s, c in PEOPLE.items()}

    assert states == {
        "p001": PersonState.ongoing,
        "p002": PersonState.transferred_out,
        "p003": PersonState.released,
        "p004": PersonState.terminated,
    }


def test_id_terms_are_whole_last_6_and_last_4() -> None:
    assert id_terms("11010519790105057X") == [
        "11010519790105057x",
        "05057x",
        "057x",
    ]


def test_records_follow_entries_with_masked_id() -> None:
    case = CaseFile.model_validate(PEOPLE["p001"])

    found = records(case, "p001", "办公室", {})

    assert [r.entry for r in found] == [e.slug for e in case.entries()]
    assert all(r.id_masked == "110105********0139" for r in found)
    assert all(r.pages is None for r in found)


def test_unusable_contents_json_means_pages_unknown(tmp_path: Path) -> None:
    bad = tmp_path / "contents.json"
    bad.write_text("[{", encoding="utf-8")
    odd = tmp_path / "odd.json"
    odd.write_text('[{"slug": "x", "first_page": 5, "last_page": 2}]', "utf-8")

    assert read_pages(bad, "p001") == {}
    assert read_pages(odd, "p001") == {}
    assert read_pages(tmp_path / "missing.json", "p001") == {}
