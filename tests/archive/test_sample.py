"""``rehab-archive sample``: valid, reproducible, every path, the committed archive."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pytest

from archive.cli import main
from archive.sample import DEFAULT_AS_OF, generate_people
from archive.sample.identities import AREAS, make_faker, make_identity
from archive.sample.scenarios import PATHS
from forms import load_case
from forms.choices import Sex
from forms.idnumber import check_character
from forms.idnumber import parse as parse_id
from validators.check import check_case
from validators.policy import default_policy

SAMPLE = Path(__file__).resolve().parents[2] / "sample_archive"
ROW = re.compile(r"^\| (p\d{3}) \| ([^|]+) \| (\w+) \| ([^|]+) \|$")


DERIVED = {"out", ".index", "audit.jsonl", ".audit-head"}
"""What commands add to an archive; not part of what ``sample`` writes."""


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not DERIVED & set(p.relative_to(root).parts)
    }


@pytest.fixture(scope="module")
def thirty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("s") / "s"
    assert main(["sample", str(out), "--people", "30", "--seed", "1"]) == 0
    return out


def test_thirty_people_validate(thirty: Path) -> None:
    assert main(["validate", str(thirty)]) == 0
    assert len(list(thirty.glob("p*/case.yaml"))) == 30


def test_same_seed_gives_identical_bytes(thirty: Path, tmp_path: Path) -> None:
    again = tmp_path / "s"
    assert main(["sample", str(again), "--people", "30", "--seed", "1"]) == 0
    assert _files(again) == _files(thirty)


def test_another_seed_gives_other_people(thirty: Path, tmp_path: Path) -> None:
    other = tmp_path / "s"
    assert main(["sample", str(other), "--people", "30", "--seed", "2"]) == 0
    first = (thirty / "p001" / "case.yaml").read_bytes()
    assert (other / "p001" / "case.yaml").read_bytes() != first


def test_every_path_occurs_in_thirty_people() -> None:
    people = generate_people(30, 1, DEFAULT_AS_OF)
    assert {g.path.key for g in people} == {p.key for p in PATHS}


def test_each_person_gets_exactly_the_expected_codes(thirty: Path) -> None:
    people = generate_people(30, 1, DEFAULT_AS_OF)
    for g in people:
        case = load_case(thirty / g.slug / "case.yaml")
        findings = check_case(case, g.slug, default_policy(), DEFAULT_AS_OF)
        assert sorted({f.code for f in findings}) == sorted(g.path.codes), g.slug


def test_nothing_is_dated_after_the_as_of_date(thirty: Path) -> None:
    planned = {"next_appointment", "term_end", "planned_return"}
    date = re.compile(r"^\s*-?\s*(\w+): (\d{4}-\d{2}-\d{2})$")
    for case_file in thirty.glob("p*/case.yaml"):
        for line in case_file.read_text(encoding="utf-8").splitlines():
            m = date.match(line)
            if m and m.group(1) not in planned:
                assert dt.date.fromisoformat(m.group(2)) <= DEFAULT_AS_OF, line


def test_refuses_a_folder_that_is_not_a_sample_archive(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["sample", str(tmp_path), "--people", "2"]) == 2
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "archive.yaml").exists()


def test_rewrites_its_own_output_and_drops_extra_people(tmp_path: Path) -> None:
    out = tmp_path / "s"
    assert main(["sample", str(out), "--people", "4"]) == 0
    assert main(["sample", str(out), "--people", "2"]) == 0
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["p001", "p002"]


@pytest.mark.parametrize("bad", [["--people", "0"], ["--as-of", "2026-13-01"]])
def test_bad_arguments_exit_2(tmp_path: Path, bad: list[str]) -> None:
    assert main(["sample", str(tmp_path / "s"), *bad]) == 2


def test_area_codes_are_accepted_for_recent_births() -> None:
    for area in AREAS:
        first = f"{area}19900101001"
        parse_id(first + check_character(first))


def test_id_number_agrees_with_birth_date_and_sex() -> None:
    for seed in range(40):
        identity = make_identity(
            make_faker(seed),
            random.Random(seed),
            youngest_birth=dt.date(2006, 1, 1),
            oldest_birth=dt.date(1966, 12, 2),
        )
        person = identity.person
        assert person.id_number is not None
        decoded = parse_id(person.id_number)
        assert decoded.birth_date == person.birth_date
        assert decoded.male == (person.sex is Sex.male)


def test_committed_sample_archive_validates() -> None:
    assert main(["validate", str(SAMPLE)]) == 0


def test_committed_sample_archive_matches_regeneration(tmp_path: Path) -> None:
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    command = re.search(r"^rehab-archive (sample .*)$", readme, re.M)
    assert command is not None
    args = command.group(1).split()
    args[1] = str(tmp_path / "sample_archive")
    assert main(args) == 0
    assert _files(tmp_path / "sample_archive") == _files(SAMPLE)


def test_readme_table_lists_exactly_the_folders_present() -> None:
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    rows = [ROW.match(line) for line in readme.splitlines()]
    table = {m.group(1): m for m in rows if m}
    folders = {p.name for p in SAMPLE.iterdir() if (p / "case.yaml").is_file()}
    assert set(table) == folders
    for slug, row in table.items():
        case = load_case(SAMPLE / slug / "case.yaml")
        assert case.measure is not None and row.group(3) == case.measure.value


def test_readme_codes_are_what_the_checker_reports() -> None:
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    as_of = re.search(r"--as-of (\d{4}-\d{2}-\d{2}) --stage ongoing", readme)
    assert as_of is not None
    for line in readme.splitlines():
        m = ROW.match(line)
        if not m:
            continue
        expected = sorted(re.findall(r"`(\w+)`", m.group(4)))
        case = load_case(SAMPLE / m.group(1) / "case.yaml")
        findings = check_case(
            case, m.group(1), default_policy(), dt.date.fromisoformat(as_of.group(1))
        )
        assert sorted({f.code for f in findings}) == expected, m.group(1)
