"""``export --encrypt``: an AES-256 copy for sending; the archive copy stays plain."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from archive.cli import build_parser, main
from archive.manifest import verify_fixity
from tests.archive.builtcopy import PERSON, fresh_copy

PASSWORD = "correct-horse-7"


@pytest.fixture
def root(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return fresh_copy(tmp_path_factory, tmp_path)


@pytest.fixture
def password(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("REHAB_ARCHIVE_PASSWORD", PASSWORD)
    return PASSWORD


def export(root: Path, target: Path, *extra: str) -> int:
    person = str(root / PERSON)
    return main(["export", person, "--encrypt", "--out", str(target), *extra])


def test_copy_is_aes256_and_opens_with_the_password(
    root: Path, tmp_path: Path, password: str
) -> None:
    target = tmp_path / "send.pdf"

    assert export(root, target) == 0

    reader = PdfReader(target)
    assert reader.is_encrypted
    assert reader.trailer["/Encrypt"]["/V"] == 5  # AES-256, PDF 2.0 handler
    assert reader.trailer["/Encrypt"]["/R"] == 6
    assert reader.decrypt("wrong-password") == 0
    assert reader.decrypt(password) != 0
    plain = PdfReader(root / PERSON / "out" / f"{PERSON}.pdf")
    assert len(reader.pages) == len(plain.pages)
    assert target.stat().st_mode & 0o777 == 0o600


def test_archive_copy_stays_unencrypted_and_intact(
    root: Path, tmp_path: Path, password: str
) -> None:
    pdf = root / PERSON / "out" / f"{PERSON}.pdf"
    before = hashlib.sha256(pdf.read_bytes()).hexdigest()

    assert export(root, tmp_path / "send.pdf") == 0

    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == before
    assert not PdfReader(pdf).is_encrypted
    assert verify_fixity(root / PERSON).ok


def test_no_password_option_exists() -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["export", "p", "--encrypt", "--password", "x"])


def test_without_password_and_terminal_is_a_usage_error(
    root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("REHAB_ARCHIVE_PASSWORD", raising=False)

    assert export(root, tmp_path / "send.pdf") == 2
    assert "REHAB_ARCHIVE_PASSWORD" in capsys.readouterr().err
    assert not (tmp_path / "send.pdf").exists()


def test_short_password_is_refused(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REHAB_ARCHIVE_PASSWORD", "short")

    assert export(root, tmp_path / "send.pdf") == 2


def test_copy_inside_the_person_folder_is_refused(root: Path, password: str) -> None:
    assert export(root, root / PERSON / "out" / "copy.pdf") == 2
    assert not (root / PERSON / "out" / "copy.pdf").exists()


def test_existing_target_needs_force(root: Path, tmp_path: Path, password: str) -> None:
    target = tmp_path / "send.pdf"
    target.write_bytes(b"earlier")

    assert export(root, target) == 2
    assert target.read_bytes() == b"earlier"
    assert export(root, target, "--force") == 0


def test_changed_archive_copy_is_not_exported(
    root: Path, tmp_path: Path, password: str
) -> None:
    pdf = root / PERSON / "out" / f"{PERSON}.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n%tampered\n")

    assert export(root, tmp_path / "send.pdf") == 2
    assert not (tmp_path / "send.pdf").exists()


def test_encrypt_flag_is_required(root: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", str(root / PERSON), "--out", str(tmp_path / "x.pdf")])
    assert exit_.value.code == 2
