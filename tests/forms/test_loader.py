"""Loading case files: every problem reported, each with file, field path and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms import CaseFile, CaseFileError, load_case
from forms.idnumber import check_character
from forms.loader import MAX_BYTES, validate_data

VALID_ID = "11010519491231002X"  # GB 11643's own example: a woman born 1949-12-31


def write(tmp_path: Path, text: str, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[tuple[str, str]]:
    with pytest.raises(CaseFileError) as caught:
        load_case(path)
    return [(p.path, p.code) for p in caught.value.problems]


def test_a_valid_draft_loads_with_blanks_left_blank(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"""
person:
  name: 王五
  sex: female
  birth_date: 1949-12-31
  id_number: "{VALID_ID}"
measure: community_treatment
registrations:
  - report_date: 2025-03-09
    place: ''
""",
    )
    case = load_case(path)
    assert case.person.name == "王五"
    assert case.report_date is not None and case.report_date.isoformat() == "2025-03-09"
    assert case.registrations[0].place is None


def test_five_distinct_mistakes_are_all_reported_with_their_paths(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        """
person:
  sex: man
measure: community_treatment
registrations:
  - report_date: 2025-02-30
    reprot_date: 2025-01-01
tests:
  - date: 2025-03-01
  - date: 2025-03-02
  - date: 2025-03-03
  - date: "2025/03/04"
visits:
  - no: "3"
""",
    )
    found = problems_of(path)
    assert sorted(found) == sorted(
        [
            ("person.sex", "enum"),
            ("registrations[0].report_date", "date_value"),
            ("registrations[0].reprot_date", "extra_forbidden"),
            ("tests[3].date", "date_type"),
            ("visits[0].no", "int_type"),
        ]
    )


def test_each_problem_carries_the_line_where_the_parser_found_it(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "measure: community_treatment\ntests:\n  - date: 20250301\n")
    with pytest.raises(CaseFileError) as caught:
        load_case(path)
    (problem,) = caught.value.problems
    assert problem.line == 3
    assert problem.file == str(path)
    assert "tests[0].date" in problem.message("zh")
    assert "20250301" in problem.message("zh")


def test_a_misspelt_field_names_the_field_it_probably_meant(tmp_path: Path) -> None:
    path = write(tmp_path, "registrations:\n  - reprot_date: 2025-03-09\n")
    with pytest.raises(CaseFileError) as caught:
        load_case(path)
    assert "report_date" in caught.value.problems[0].message("en")


def test_messages_are_chinese_by_default_and_english_on_request(tmp_path: Path) -> None:
    path = write(tmp_path, "measure: 戒毒\n")
    with pytest.raises(CaseFileError) as caught:
        load_case(path)
    problem = caught.value.problems[0]
    assert "应为以下之一" in problem.message("zh")
    assert "one of" in problem.message("en")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("person:\n  name: [张三]\n", "string_type"),
        ("person:\n  phone: 13800000000\n", "string_type"),
        ("decision:\n  term_years: 5\n", "less_than_equal"),
        ("decision:\n  term_years: '3'\n", "int_type"),
        ("test_notices:\n  - ad_hoc: 'yes'\n", "bool_type"),
        ("tests:\n  - result: pos\n", "enum"),
        ("tests:\n  - sample_type: 尿\n", "enum"),
        ("visits:\n  - visit_kind: phone\n", "enum"),
        ("evaluations:\n  - period: monthly\n", "enum"),
        ("measure: community\n", "enum"),
        ("schema_version: 2\n", "literal_error"),
        ("visits: {}\n", "list_type"),
        ("person: 张三\n", "model_type"),
        ("registrations:\n  - report_date: 2025-02-29\n", "date_value"),
        ("registrations:\n  - report_date: 2025-03-09 10:00:00\n", "date_type"),
        ("registrations:\n  - report_date: 20250309\n", "date_type"),
        ("nickname: x\n", "extra_forbidden"),
        ('person:\n  name: "张\\x07三"\n', "text_control_character"),
        ("person:\n  name: " + "张" * 101 + "\n", "string_too_long"),
    ],
)
def test_each_kind_of_bad_value_is_refused(
    tmp_path: Path, text: str, code: str
) -> None:
    codes = [c for _, c in problems_of(write(tmp_path, text))]
    assert codes == [code]


@pytest.mark.parametrize(
    ("id_number", "code"),
    [
        ("1101051949123100", "id_length"),
        ("11010519491231002A", "id_characters"),
        ("110105194912310021", "id_checksum"),
        (
            "1101051990023000" + "1" + check_character("1101051990023000" + "1"),
            "id_birth_date",
        ),
        ("123456199001010011", "id_area"),
    ],
)
def test_an_invalid_id_number_is_refused(
    tmp_path: Path, id_number: str, code: str
) -> None:
    # 123456199001010011 has a correct check character but no such area; python-stdnum
    # raises KeyError for it, which must not escape.
    found = problems_of(write(tmp_path, f'person:\n  id_number: "{id_number}"\n'))
    assert found == [("person.id_number", code)]


def test_an_id_number_whose_birth_date_disagrees_names_both_fields(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        f'person:\n  birth_date: 1950-01-01\n  id_number: "{VALID_ID}"\n',
    )
    with pytest.raises(CaseFileError) as caught:
        load_case(path)
    (problem,) = caught.value.problems
    assert problem.path == "person.id_number"
    assert problem.code == "id_birth_date_mismatch"
    assert "birth_date" in problem.message("zh")
    assert "1949-12-31" in problem.message("zh")
    assert "1950-01-01" in problem.message("zh")


def test_an_id_number_whose_sex_disagrees_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, f'person:\n  sex: male\n  id_number: "{VALID_ID}"\n')
    assert problems_of(path) == [("person.id_number", "id_sex_mismatch")]


def test_the_id_number_is_still_checked_when_another_field_is_wrong(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "person:\n  phone: 1380\n  birth_date: 1950-01-01\n"
        f'  id_number: "{VALID_ID}"\n',
    )
    assert sorted(problems_of(path)) == [
        ("person.id_number", "id_birth_date_mismatch"),
        ("person.phone", "string_type"),
    ]


def test_text_is_stripped_and_empty_text_counts_as_blank() -> None:
    case = validate_data({"person": {"name": "  李四 ", "alias": "   "}}, CaseFile, "x")
    assert case.person.name == "李四"
    assert case.person.alias is None


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"person: [unclosed\n", "yaml_syntax"),
        (b"\xff\xfeperson:\n", "not_utf8"),
        (b"- a\n- b\n", "not_mapping"),
        (b"person: !!python/object:os.system {}\n", "yaml_tag"),
        (b"a: &x [1, 2]\nb: *x\n", "yaml_alias"),
        (b"person:\n  name: a\nperson:\n  name: b\n", "duplicate_key"),
        (b"<<: {a: 1}\n", "yaml_alias"),
        (b"[" * 5000 + b"]" * 5000, "too_deep"),
    ],
)
def test_a_file_that_is_not_usable_data_gets_one_clear_problem(
    tmp_path: Path, content: bytes, code: str
) -> None:
    path = tmp_path / "case.yaml"
    path.write_bytes(content)
    found = problems_of(path)
    assert [c for _, c in found] == [code]


def test_an_alias_bomb_is_refused_without_expanding(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 12):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    path = tmp_path / "case.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [c for _, c in problems_of(path)] == ["yaml_alias"]


def test_an_unreasonably_large_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    assert [c for _, c in problems_of(path)] == ["file_too_large"]


def test_a_missing_file_is_reported_as_a_problem(tmp_path: Path) -> None:
    assert [c for _, c in problems_of(tmp_path / "case.yaml")] == ["file_missing"]


def test_a_json_case_file_loads_like_yaml(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '{"measure": "community_rehab",'
        ' "registrations": [{"report_date": "2025-03-09"}]}',
        "case.json",
    )
    assert load_case(path).measure == "community_rehab"


def test_a_json_case_file_with_errors_reports_them_all(tmp_path: Path) -> None:
    path = write(
        tmp_path, '{"measure": "x", "tests": [{"date": 5}], "extra": 1}', "case.json"
    )
    assert sorted(problems_of(path)) == [
        ("extra", "extra_forbidden"),
        ("measure", "enum"),
        ("tests[0].date", "date_type"),
    ]


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, '{\n"measure": \n}', "case.json")
    with pytest.raises(CaseFileError) as caught:
        load_case(path)
    (problem,) = caught.value.problems
    assert problem.code == "json_syntax"
    assert problem.line == 3


def test_an_unknown_key_holding_brackets_is_named_as_written(tmp_path: Path) -> None:
    path = write(tmp_path, "s[hema_version: 1\nperson:\n  na[me: x\n")
    assert sorted(problems_of(path)) == [
        ("person.na[me", "extra_forbidden"),
        ("s[hema_version", "extra_forbidden"),
    ]
