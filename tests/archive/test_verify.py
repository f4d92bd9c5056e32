"""``verify``: every changed, missing and unexpected file is named (exit 1)."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest
from PIL import Image

from archive.cli import main
from archive.manifest import (
    ALGORITHMS,
    FixityError,
    decode_path,
    encode_path,
    read_manifest,
    verify_fixity,
    write_manifests,
)
from tests.archive.builtcopy import PERSON, fresh_copy

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def root(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return fresh_copy(tmp_path_factory, tmp_path)


def verify_json(root: Path, capsys: Capsys, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    status = main(["verify", str(root / PERSON), "--json", *args])
    return status, json.loads(capsys.readouterr().out)


def test_fresh_build_verifies(root: Path, capsys: Capsys) -> None:
    status, report = verify_json(root, capsys)

    assert status == 0
    person = report["people"][0]
    assert person["ok"] and person["algorithms"] == list(ALGORITHMS)


def test_flipped_byte_in_pdf_is_named_changed(root: Path, capsys: Capsys) -> None:
    pdf = root / PERSON / "out" / f"{PERSON}.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))

    status, report = verify_json(root, capsys)

    assert status == 1
    assert report["people"][0]["changed"] == [f"out/{PERSON}.pdf"]


def test_deleted_scan_is_named_missing(root: Path, capsys: Capsys) -> None:
    scans = root / PERSON / "scans"
    scans.mkdir()
    Image.new("L", (40, 60), 255).save(scans / "01-decision-1.png")
    write_manifests(root / PERSON, root / PERSON / "out")
    (scans / "01-decision-1.png").unlink()

    status, report = verify_json(root, capsys)

    assert status == 1
    assert report["people"][0]["missing"] == ["scans/01-decision-1.png"]


def test_added_file_is_named_unexpected(root: Path, capsys: Capsys) -> None:
    (root / PERSON / "out" / "docx" / "99-extra-1.docx").write_bytes(b"PK")

    status, report = verify_json(root, capsys)

    assert status == 1
    assert report["people"][0]["unexpected"] == ["out/docx/99-extra-1.docx"]


def test_edited_case_file_is_named_in_text_output(root: Path, capsys: Capsys) -> None:
    case = root / PERSON / "case.yaml"
    case.write_text(case.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    assert main(["verify", str(root)]) == 1

    assert "已改动：case.yaml" in capsys.readouterr().out


def test_folder_without_manifest_is_a_failure(root: Path, capsys: Capsys) -> None:
    for algorithm in ALGORITHMS:
        (root / PERSON / "out" / f"manifest-{algorithm}.txt").unlink()

    status, report = verify_json(root, capsys)

    assert status == 1
    assert "没有校验清单" in report["people"][0]["problems"][0]


def test_manifest_is_bagit_style_relative_to_person_folder(root: Path) -> None:
    manifest = root / PERSON / "out" / "manifest-sha256.txt"
    lines = manifest.read_text(encoding="utf-8").splitlines()

    assert all(re.fullmatch(r"[0-9a-f]{64}  (case\.yaml|out/\S+)", x) for x in lines)
    rows = read_manifest(manifest)
    case = root / PERSON / "case.yaml"
    assert rows["case.yaml"] == hashlib.sha256(case.read_bytes()).hexdigest()
    assert not any(name.startswith("out/manifest-") for name in rows)


@pytest.mark.skipif("sm3" not in ALGORITHMS, reason="hashlib has no SM3 here")
def test_sm3_manifest_matches_hashlib(root: Path) -> None:
    rows = read_manifest(root / PERSON / "out" / "manifest-sm3.txt")
    pdf = root / PERSON / "out" / f"{PERSON}.pdf"

    assert rows[f"out/{PERSON}.pdf"] == hashlib.new("sm3", pdf.read_bytes()).hexdigest()


def test_manifest_written_into_staging_folder_names_out(root: Path) -> None:
    person = root / PERSON
    staging = person / ".out-new-test"
    os.rename(person / "out", staging)

    write_manifests(person, staging)

    os.rename(staging, person / "out")
    assert verify_fixity(person).ok


def test_symlinked_scan_is_refused_not_followed(root: Path) -> None:
    scans = root / PERSON / "scans"
    scans.mkdir()
    (scans / "01-decision-1.png").symlink_to("/etc/passwd")

    with pytest.raises(FixityError, match="符号链接"):
        write_manifests(root / PERSON, root / PERSON / "out")
    report = verify_fixity(root / PERSON)
    assert not report.ok and "符号链接" in report.problems[0]


def test_names_with_newline_and_percent_round_trip() -> None:
    name = "scans/a%b\nc\rd.png"

    assert "\n" not in encode_path(name)
    assert decode_path(encode_path(name)) == name


def test_malformed_manifest_is_reported_not_raised(root: Path, capsys: Capsys) -> None:
    (root / PERSON / "out" / "manifest-sha256.txt").write_text("xyz\n")

    status, report = verify_json(root, capsys)

    assert status == 1
    assert any("摘要 路径" in p for p in report["people"][0]["problems"])
