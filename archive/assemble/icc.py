"""A small sRGB ICC profile (version 2), built in code for the PDF/A output intent.

PDF/A (ISO 19005-3, clause 6.2.3) wants an output intent with an embedded ICC
profile. Rather than ship or download a profile, this one is written from the
published sRGB figures (IEC 61966-2-1): D50-adapted primaries, the D50 white
point, and the sRGB tone curve sampled at 1024 points.
"""

from __future__ import annotations

import struct
from functools import cache

D50 = (0.9642, 1.0, 0.8249)
PRIMARIES = {
    b"rXYZ": (0.4361, 0.2225, 0.0139),
    b"gXYZ": (0.3851, 0.7169, 0.0971),
    b"bXYZ": (0.1431, 0.0606, 0.7141),
}
DESCRIPTION = "sRGB IEC61966-2.1"
CURVE_POINTS = 1024


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(values: tuple[float, float, float]) -> bytes:
    return b"XYZ \0\0\0\0" + b"".join(_s15(v) for v in values)


def _desc(text: str) -> bytes:
    ascii_text = text.encode("ascii") + b"\0"
    return (
        b"desc\0\0\0\0"
        + struct.pack(">I", len(ascii_text))
        + ascii_text
        + b"\0" * 8  # no Unicode description
        + b"\0" * 3  # no ScriptCode description
        + b"\0" * 67
    )


def _curve() -> bytes:
    points = []
    for i in range(CURVE_POINTS):
        v = i / (CURVE_POINTS - 1)
        linear = v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
        points.append(round(linear * 65535))
    return b"curv\0\0\0\0" + struct.pack(f">I{CURVE_POINTS}H", CURVE_POINTS, *points)


@cache
def srgb_profile() -> bytes:
    """The profile's bytes; the same on every call and every machine."""
    curve = _curve()
    tags: list[tuple[bytes, bytes]] = [
        (b"desc", _desc(DESCRIPTION)),
        (b"cprt", b"text\0\0\0\0No copyright, use freely\0"),
        (b"wtpt", _xyz(D50)),
        *((sig, _xyz(xyz)) for sig, xyz in PRIMARIES.items()),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    table_size = 4 + 12 * len(tags)
    offset = 128 + table_size
    entries: list[bytes] = []
    body = b""
    placed: dict[bytes, int] = {}
    for sig, data in tags:
        if data in placed:  # the three curves share one copy
            entries.append(struct.pack(">4sII", sig, placed[data], len(data)))
            continue
        placed[data] = offset + len(body)
        entries.append(struct.pack(">4sII", sig, offset + len(body), len(data)))
        body += data + b"\0" * (-len(data) % 4)
    size = offset + len(body)
    header = (
        struct.pack(">I", size)
        + b"\0\0\0\0"
        + bytes([2, 0x10, 0, 0])
        + b"mntrRGB XYZ "
        + struct.pack(">6H", 2000, 1, 1, 0, 0, 0)
        + b"acsp"
        + b"\0" * 24  # platform, flags, manufacturer, model, attributes
        + b"\0\0\0\0"  # perceptual intent
        + b"".join(_s15(v) for v in D50)
        + b"\0" * 48  # creator, profile ID, reserved
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + b"".join(entries) + body
