"""Fixity of a person's folder: BagIt-style checksum manifests in ``out/``.

Every build writes ``out/manifest-sha256.txt`` and, where the platform's hashlib
offers it (OpenSSL 3 does), ``out/manifest-sm3.txt`` (SM3 of GB/T 32905, the
digest Chinese archival practice asks for). They cover the case file,
everything in ``scans/`` and everything in ``out/`` except the manifests
themselves. Each line is ``<hex digest> <path>`` with the path relative to the
person folder and CR, LF and ``%`` percent-encoded, as in a BagIt manifest
(RFC 8493 §2.1.3), so the files read the same to anyone who knows BagIt.

Why not a bag made by the Library of Congress ``bagit`` library: a bag keeps
its payload in ``data/``, but the archive's layout (DESIGN.md) keeps the
hand-edited ``case.yaml``, ``scans/`` and the derived ``out/`` side by side in
the person folder, and ``bagit`` only accepts the algorithms of
``hashlib.algorithms_guaranteed``, which leaves out SM3.

Manifests detect accidental change (a flipped byte, a lost scan, a stray
file). They carry no key, so someone able to rewrite both a file and its
manifest is not detected by them alone; the audit log's hash chain
(:mod:`archive.audit`) records who built and when.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from archive.errors import ArchiveError
from archive.fsutil import write_atomic
from forms import find_case_file

log = logging.getLogger(__name__)

WANTED = ("sha256", "sm3")
"""Algorithms in the order they are written; SM3 only where hashlib has it."""

ALGORITHMS = tuple(a for a in WANTED if a in hashlib.algorithms_available)

OUT, SCANS = "out", "scans"
CHUNK = 1 << 20


class FixityError(ArchiveError):
    """A manifest cannot be written or read; the message names the file."""


def manifest_name(algorithm: str) -> str:
    return f"manifest-{algorithm}.txt"


def is_manifest(name: str) -> bool:
    return name.startswith("manifest-") and name.endswith(".txt")


@dataclass
class FixityReport:
    """What differs between a person folder and its manifests."""

    person: str
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Manifests absent or unreadable, files that cannot be read."""
    algorithms: list[str] = field(default_factory=list)
    """The manifests that were checked."""

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.unexpected or self.problems)


def encode_path(path: str) -> str:
    """Percent-encode ``%``, CR and LF, as BagIt manifests do."""
    return path.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D")


def decode_path(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def covered_files(person_dir: Path, out_dir: Path) -> dict[str, Path]:
    """Files the manifests cover: relative name (as in a manifest) → where it is.

    ``out_dir`` is the person's ``out/`` or a staging folder that will become
    it; its files are named ``out/...`` either way. A symbolic link anywhere
    is refused: following one would checksum a file outside the archive.
    """
    files: dict[str, Path] = {}
    case = find_case_file(person_dir)
    if case is not None:
        _refuse_link(case)
        files[case.name] = case
    for prefix, folder in ((SCANS, person_dir / SCANS), (OUT, out_dir)):
        for path in _walk(folder):
            relative = path.relative_to(folder).as_posix()
            if prefix == OUT and "/" not in relative and is_manifest(relative):
                continue
            files[f"{prefix}/{relative}"] = path
    return dict(sorted(files.items()))


def _walk(folder: Path) -> Iterator[Path]:
    if not folder.exists():
        return
    _refuse_link(folder)
    for path in sorted(folder.rglob("*")):
        _refuse_link(path)
        if path.is_file():
            yield path


def _refuse_link(path: Path) -> None:
    if path.is_symlink():
        raise FixityError(f"拒绝符号链接：{path}")


def digests(path: Path, algorithms: tuple[str, ...] = ALGORITHMS) -> dict[str, str]:
    """Hex digests of one file, read once for all algorithms."""
    hashers = {a: hashlib.new(a) for a in algorithms}
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                for hasher in hashers.values():
                    hasher.update(chunk)
    except OSError as exc:
        raise FixityError(f"{path}：无法读取（{exc.strerror}）") from None
    return {a: h.hexdigest() for a, h in hashers.items()}


def write_manifests(person_dir: Path, staging_out: Path) -> None:
    """Write ``manifest-<alg>.txt`` into ``staging_out`` for every algorithm.

    Call it last, when ``staging_out`` holds everything the build made (it is
    swapped into place as ``out/`` afterwards, or is ``out/`` itself). Each
    manifest is written atomically; a failure raises :class:`FixityError`.
    """
    files = covered_files(person_dir, staging_out)
    lines: dict[str, list[str]] = {a: [] for a in ALGORITHMS}
    for name, path in files.items():
        for algorithm, digest in digests(path).items():
            lines[algorithm].append(f"{digest}  {encode_path(name)}\n")
    for algorithm, rows in lines.items():
        target = staging_out / manifest_name(algorithm)
        try:
            write_atomic(target, "".join(rows).encode())
        except OSError as exc:
            raise FixityError(f"{target}：无法写入（{exc.strerror}）") from None
    log.debug(
        "%s: manifests %s over %d files",
        person_dir.name,
        ",".join(ALGORITHMS),
        len(files),
    )


def read_manifest(path: Path) -> dict[str, str]:
    """Relative name → digest; a malformed line raises :class:`FixityError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FixityError(f"{path}：无法读取清单（{exc}）") from None
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        digest, _, name = line.partition(" ")
        name = name.lstrip(" ")
        if not digest or not name or not all(c in "0123456789abcdef" for c in digest):
            raise FixityError(f"{path} 第 {number} 行：应为“摘要 路径”")
        entries[decode_path(name)] = digest
    return entries


def verify_fixity(person_dir: Path) -> FixityReport:
    """Recompute every manifest of ``person_dir`` and name each difference."""
    report = FixityReport(person=person_dir.name)
    out = person_dir / OUT
    manifests = {a: out / manifest_name(a) for a in WANTED}
    present = {a: p for a, p in manifests.items() if p.is_file()}
    if not present:
        report.problems.append(
            f"{person_dir.name}：没有校验清单（{OUT}/manifest-*.txt）"
        )
        return report
    try:
        files = covered_files(person_dir, out)
    except FixityError as exc:
        report.problems.append(str(exc))
        return report
    usable = [a for a in present if a in ALGORITHMS]
    if not usable:
        report.problems.append(f"{person_dir.name}：本机不支持清单所用的摘要算法")
        return report
    expected = _expected(present, usable, report)
    _compare(files, expected, tuple(usable), report)
    report.algorithms = usable
    return report


def _expected(
    present: dict[str, Path], usable: list[str], report: FixityReport
) -> dict[str, dict[str, str]]:
    """Name → algorithm → digest, merged over the manifests that can be checked."""
    merged: dict[str, dict[str, str]] = {}
    for algorithm in usable:
        try:
            rows = read_manifest(present[algorithm])
        except FixityError as exc:
            report.problems.append(str(exc))
            continue
        for name, digest in rows.items():
            merged.setdefault(name, {})[algorithm] = digest
    return merged


def _compare(
    files: dict[str, Path],
    expected: dict[str, dict[str, str]],
    algorithms: tuple[str, ...],
    report: FixityReport,
) -> None:
    for name in sorted(expected.keys() - files.keys()):
        report.missing.append(name)
    for name in sorted(files.keys() - expected.keys()):
        report.unexpected.append(name)
    for name in sorted(files.keys() & expected.keys()):
        wanted = expected[name]
        try:
            found = digests(files[name], tuple(a for a in algorithms if a in wanted))
        except FixityError as exc:
            report.problems.append(str(exc))
            continue
        if any(found[a] != wanted[a] for a in found):
            report.changed.append(name)
