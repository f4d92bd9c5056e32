"""``rehab-archive check`` and ``due`` on a small archive written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from archive.cli import main
from forms import CaseFile
from tests.validators.builder import clean_case

AS_OF = "2026-06-01"


def write_case(folder: Path, case: CaseFile) -> None:
    folder.mkdir(parents=True)
    data = case.model_dump(mode="json", exclude_defaults=True)
    (folder / "case.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "arch"
    root.mkdir()
    office = {"name": "某街道社区戒毒(康复)工作办公室", "staff": [{"name": "甲"}]}
    (root / "archive.yaml").write_text(
        yaml.safe_dump(office, allow_unicode=True), "utf-8"
    )
    write_case(root / "p001", clean_case())
    broken = clean_case()
    broken.plan = None
    broken.tests[0].testers = ["甲"]
    write_case(root / "p002", broken)
    return root


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def test_clean_person_passes_and_broken_one_is_reported(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run_json(capsys, "check", str(archive), "--as-of", AS_OF, "--json")
    assert code == 1
    people = {p["person"]: p for p in out["people"]}
    assert people["p001"]["findings"] == []
    assert {f["code"] for f in people["p002"]["findings"]} == {
        "DOC_MISSING",
        "TEST_TWO_STAFF",
    }
    assert out["archive"] == []


def test_clean_person_alone_exits_0(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(archive / "p001"), "--as-of", AS_OF]) == 0
    assert "p001" in capsys.readouterr().out


def test_text_output_groups_by_person_errors_first(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--lang", "en", "check", str(archive), "--as-of", AS_OF])
    out = capsys.readouterr().out
    assert "p002: 2 error(s), 0 warning(s)" in out
    assert "error TEST_TWO_STAFF" in out


def test_unloadable_case_is_reported_and_exits_2(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (archive / "p003").mkdir()
    (archive / "p003" / "case.yaml").write_text(
        "registrations:\n  - report_date: 2025-02-30\n"
    )
    code, out = run_json(capsys, "check", str(archive), "--as-of", AS_OF, "--json")
    assert code == 2
    assert out["unusable"][0]["file"] == "p003"
    assert "report_date" in out["unusable"][0]["problems"][0]["path"]
    assert len(out["people"]) == 2


def test_invalid_policy_is_refused_with_exit_2(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = {"name": "某办", "policy_overrides": {"staff_ratoi": 20}}
    (archive / "archive.yaml").write_text(yaml.safe_dump(office, allow_unicode=True))
    assert main(["check", str(archive), "--as-of", AS_OF]) == 2
    assert "staff_ratoi" in capsys.readouterr().err


def test_staff_ratio_reported_once_per_archive(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = {"name": "某办", "registered_drug_users": 31, "staff": [{"name": "甲"}]}
    (archive / "archive.yaml").write_text(yaml.safe_dump(office, allow_unicode=True))
    _, out = run_json(capsys, "check", str(archive), "--as-of", AS_OF, "--json")
    assert [f["code"] for f in out["archive"]] == ["STAFF_RATIO_30"]


def test_due_lists_overdue_and_upcoming_soonest_first(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run_json(
        capsys,
        "due",
        str(archive / "p001"),
        "--as-of",
        AS_OF,
        "--within",
        "40",
        "--json",
    )
    assert code == 0
    items = out["people"][0]["items"]
    assert items, "windows open on the as-of date are due"
    ends = [i["end"] for i in items]
    assert ends == sorted(ends)
    assert all(i["status"] == "due" for i in items)


def test_ics_is_valid_icalendar_without_names(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "due.ics"
    argv = ["due", str(archive), "--as-of", AS_OF, "--ics", str(target)]
    main(argv)
    data = target.read_bytes()
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") > 0
    assert "测试人" not in text and "110105" not in text
    uids = [line for line in text.split("\r\n") if line.startswith("UID:")]
    assert len(uids) == len(set(uids))
    main(argv)
    assert target.read_bytes() == data, "same data and as-of date give the same file"
