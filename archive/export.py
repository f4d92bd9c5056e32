"""An encrypted copy of a person's archive copy, for sending to another office.

The archive copy (``out/<slug>.pdf``) stays unencrypted: DA/T 47 asks that a
file kept for the archive be readable without a key. What leaves the office
(a transfer of the file on relocation, 戒毒条例 art. 23) is encrypted with
AES-256 (PDF 2.0 security handler, revision 6) so that it is useless without
the password, which is agreed by another channel.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from archive.errors import ArchiveError
from archive.fsutil import write_atomic

log = logging.getLogger(__name__)

ALGORITHM = "AES-256"
MIN_PASSWORD = 8
"""Shorter passwords are refused: the copy travels outside the office."""


class ExportError(ArchiveError):
    """The copy cannot be made; the message says which file and why."""


def encrypted_copy(pdf: Path, password: str) -> bytes:
    """The bytes of ``pdf`` encrypted with AES-256 under ``password``."""
    if len(password) < MIN_PASSWORD:
        raise ExportError(f"口令太短：至少 {MIN_PASSWORD} 个字符")
    try:
        reader = PdfReader(pdf)
        if reader.is_encrypted:
            raise ExportError(f"{pdf}：档案保存版本已被加密，应为未加密文件")
        writer = PdfWriter(clone_from=reader)
    except (OSError, PyPdfError, ValueError) as exc:
        raise ExportError(f"{pdf}：无法读取（{exc}）") from None
    writer.encrypt(user_password=password, algorithm=ALGORITHM)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def write_private(target: Path, data: bytes) -> None:
    """Write ``data`` atomically as a file only its owner can read (0600)."""
    write_atomic(target, data, durable=True)
    log.info("encrypted copy written (%d bytes)", len(data))
