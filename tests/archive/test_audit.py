"""The audit log: one chained line per command; verify notices edits and cuts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from archive.audit import AUDIT_FILE, GENESIS, check_log, entries, line_hash, record
from archive.cli import main
from forms import load_case

DATA = Path(__file__).parent / "data" / "full"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "full"
    shutil.copytree(DATA, target)
    return target


def three_lines(root: Path) -> list[bytes]:
    for status in (0, 1, 2):
        record(root, command="check", people=["p001"], status=status)
    return (root / AUDIT_FILE).read_bytes().splitlines()


def test_each_line_chains_to_the_one_before(root: Path) -> None:
    lines = three_lines(root)

    rows = [json.loads(line) for line in lines]
    assert rows[0]["prev"] == GENESIS
    assert [r["prev"] for r in rows[1:]] == [line_hash(x) for x in lines[:-1]]
    assert [r["seq"] for r in rows] == [1, 2, 3]
    assert [r["outcome"] for r in rows] == ["ok", "findings", "usage-error"]
    assert rows[0]["time"].endswith("Z") and rows[0]["user"]
    assert check_log(root) == []


def test_edited_line_breaks_the_chain_after_it(root: Path) -> None:
    lines = three_lines(root)
    lines[0] = lines[0].replace(b'"findings"', b'"ok"').replace(b'"ok"', b'"failed"')
    (root / AUDIT_FILE).write_bytes(b"\n".join(lines) + b"\n")

    problems = check_log(root)

    assert any("第 2 行" in p for p in problems)


def test_log_cut_short_at_the_end_is_noticed(root: Path) -> None:
    lines = three_lines(root)
    (root / AUDIT_FILE).write_bytes(b"\n".join(lines[:2]) + b"\n")

    problems = check_log(root)

    assert len(problems) == 1 and "截短" in problems[0]


def test_log_cut_mid_line_is_noticed(root: Path) -> None:
    three_lines(root)
    data = (root / AUDIT_FILE).read_bytes()
    (root / AUDIT_FILE).write_bytes(data[:-20])

    assert any("不完整" in p for p in check_log(root))


def test_removed_first_line_is_noticed(root: Path) -> None:
    lines = three_lines(root)
    (root / AUDIT_FILE).write_bytes(b"\n".join(lines[1:]) + b"\n")

    assert any("第 1 行" in p for p in check_log(root))


def test_commands_are_recorded_with_folder_slugs_only(root: Path) -> None:
    assert main(["validate", str(root)]) == 0
    main(["check", str(root / "p001"), "--as-of", "2026-12-01"])

    rows = entries(root)
    assert [r["command"] for r in rows] == ["validate", "check"]
    assert rows[0]["people"] == ["p001", "p002"] and rows[1]["people"] == ["p001"]
    text = (root / AUDIT_FILE).read_text(encoding="utf-8")
    for slug in ("p001", "p002"):
        person = load_case(root / slug / "case.yaml").person
        assert person.name and person.name not in text
        assert str(person.id_number) not in text


def test_audit_log_is_readable_by_owner_only(root: Path) -> None:
    main(["validate", str(root)])

    assert (root / AUDIT_FILE).stat().st_mode & 0o777 == 0o600


def test_verify_fails_on_an_edited_log(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    three_lines(root)
    path = root / AUDIT_FILE
    path.write_bytes(path.read_bytes().replace(b'"check"', b'"build"', 1))

    assert main(["verify", str(root), "--json"]) == 1

    report = json.loads(capsys.readouterr().out)
    assert report["audit"][0]["ok"] is False
