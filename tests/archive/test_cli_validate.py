"""``rehab-archive validate`` and ``schema`` through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.cli import COMMANDS, main

GOOD = """\
person:
  name: 赵六
  sex: female
  birth_date: 1949-12-31
  id_number: "11010519491231002X"
measure: community_rehab
"""


def person(root: Path, slug: str, text: str) -> Path:
    folder = root / slug
    folder.mkdir(parents=True)
    (folder / "case.yaml").write_text(text, encoding="utf-8")
    return folder


def test_valid_files_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "archive.yaml").write_text("name: 某街道办公室\n", encoding="utf-8")
    person(tmp_path, "p001", GOOD)
    assert main(["validate", str(tmp_path)]) == 0
    assert "0 个有错误" in capsys.readouterr().err


def test_an_invalid_file_exits_1_and_lists_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person(tmp_path, "p001", GOOD)
    person(tmp_path, "p002", "measure: x\ntests:\n  - date: 2025-13-01\n")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "p002/case.yaml:1: measure" in out
    assert "p002/case.yaml:3: tests[0].date" in out
    assert "p001" not in out


def test_json_output_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = person(tmp_path, "p001", "measure: x\n")
    assert main(["--lang", "en", "validate", "--json", str(folder)]) == 1
    report = json.loads(capsys.readouterr().out)
    (entry,) = report["files"]
    assert entry["valid"] is False
    assert entry["problems"][0]["path"] == "measure"
    assert entry["problems"][0]["expected"].startswith("one of")


def test_a_path_that_does_not_exist_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    assert "路径不存在" in capsys.readouterr().err


def test_a_folder_with_no_case_files_exits_2(tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path)]) == 2


def test_an_unsafe_person_folder_name_is_refused(tmp_path: Path) -> None:
    person(tmp_path, "张三", GOOD)
    assert main(["validate", str(tmp_path / "张三")]) == 2


def test_a_broken_archive_yaml_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "archive.yaml").write_text("nme: x\n", encoding="utf-8")
    person(tmp_path, "p001", GOOD)
    assert main(["validate", str(tmp_path)]) == 1
    assert "archive.yaml:1: nme" in capsys.readouterr().out


def test_schema_is_json_schema_of_the_case_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "person" in schema["properties"]
    assert schema["additionalProperties"] is False


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert "rehab-archive" in capsys.readouterr().out


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_has_help(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert f"rehab-archive {command}" in capsys.readouterr().out


def test_the_overview_lists_every_command_without_loading_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)


@pytest.mark.parametrize("command", ["build", "verify"])
def test_an_archive_with_no_people_is_refused(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "archive.yaml").write_text("name: 某街道办公室\n", encoding="utf-8")
    assert main([command, str(tmp_path)]) == 2
    assert "没有找到任何本人目录" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["check"], "缺少必需的参数：PATH"),
        (["build", ".", "--engine", "word"], "参数 --engine 的取值 'word' 无效"),
        (
            ["search", "张三", "--limit", "0"],
            "参数 --limit：应为 1 到 10000 之间的整数",
        ),
        (["index", ".", "--jobs", "many"], "参数 --jobs：应为 1 到 64 之间的整数"),
        (["check", ".", "--bogus"], "无法识别的参数：--bogus"),
    ],
)
def test_a_usage_mistake_is_told_in_chinese_and_exits_2(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "用法有误" in err and said in err
    assert "error:" not in err
