"""Writing a .docx package (a zip file) the same way every time, and fast.

A filled document differs from its template in one or two XML parts; the
other members (styles of some 350 KB, theme, settings, fonts table …) are the
template's bytes. :class:`Member` compresses each of those once per process,
and :func:`write_zip` lays the members out with fixed timestamps, so that
filling a template costs one deflate of the parts that changed, and the same
inputs give the same bytes on every build (the manifests of out/ then stay
the same from one build to the next).

Only what a .docx needs is written: deflated members, names in ASCII or UTF-8,
no zip64 (a document is far below 4 GiB), no comments, no extra fields.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

_DOS_TIME = 0
_DOS_DATE = (0 << 9) | (1 << 5) | 1
"""1980-01-01 00:00, the earliest time a zip file can hold: no build time."""
_DEFLATED = 8
_VERSION = 20
_UTF8_NAMES = 0x0800
_LEVEL = 6


@dataclass(frozen=True)
class Member:
    """One member of a package: its name, its size, CRC and deflated bytes."""

    name: str
    size: int
    crc: int
    deflated: bytes

    @classmethod
    def of(cls, name: str, data: bytes) -> Member:
        packer = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
        deflated = packer.compress(data) + packer.flush()
        return cls(name, len(data), zlib.crc32(data), deflated)


def read_zip(data: bytes) -> list[tuple[Member, bytes]]:
    """Each member of the zip file ``data`` with its content, in the file's order.

    A deflated member keeps the bytes it came with, so a template's untouched
    parts are copied as they are and never compressed again. Raises
    :class:`zipfile.BadZipFile` for what is not a readable zip file.
    """
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            content = package.read(info)  # checks the CRC
            if info.compress_type != zipfile.ZIP_DEFLATED:
                found.append((Member.of(info.filename, content), content))
                continue
            member = Member(info.filename, info.file_size, info.CRC, packed(data, info))
            found.append((member, content))
    return found


def packed(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """The stored bytes of member ``info`` of the zip file ``data``, as they are.

    For a deflated member that is its compressed stream: the same content
    deflated the same way gives the same bytes, so they can stand for the
    content without inflating it.
    """
    header = data[info.header_offset : info.header_offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"no local header for {info.filename}")
    *_, name_length, extra_length = struct.unpack("<4s5H3L2H", header)
    start = info.header_offset + 30 + name_length + extra_length
    return data[start : start + info.compress_size]


def write_zip(members: Iterable[Member]) -> bytes:
    """The bytes of a zip file holding ``members`` in the order given."""
    body: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    count = 0
    for member in members:
        name = member.name.encode()
        flags = 0 if member.name.isascii() else _UTF8_NAMES
        fields = (
            _VERSION, flags, _DEFLATED, _DOS_TIME, _DOS_DATE,
            member.crc, len(member.deflated), member.size, len(name),
        )  # fmt: skip
        local = struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, 0)
        body += (local, name, member.deflated)
        directory += (
            struct.pack(
                "<4s6H3L5H2L", b"PK\x01\x02", _VERSION, *fields, 0, 0, 0, 0, 0, offset
            ),
            name,
        )
        offset += len(local) + len(name) + len(member.deflated)
        count += 1
    central = b"".join(directory)
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), offset, 0
    )
    return b"".join(body) + central + end
