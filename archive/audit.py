"""The audit log at the archive root: who ran which command on whose folder.

``audit.jsonl`` holds one JSON object per line, appended after each command
that names an archive: ``seq`` (1, 2, …), ``time`` (UTC, ISO 8601), ``user``
(the operating-system account), ``command``, ``people`` (person folder slugs,
never names or ID numbers, which stay out of every log: 戒毒条例 art. 7 asks
that a person's information be kept confidential), ``outcome`` and ``exit``.

Each line carries ``prev``, the SHA-256 of the line before it (64 zeros for
the first), so an edited, inserted or removed line breaks the chain from that
point on. ``.audit-head`` beside it keeps the number of lines and the hash of
the last one, so a log cut short at its end is noticed too. The chain has no
secret key: it shows accidents and casual edits, not a determined forger who
rewrites both files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import getpass
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from archive import paths
from archive.errors import ArchiveError
from archive.fsutil import write_atomic

log = logging.getLogger(__name__)

AUDIT_FILE = "audit.jsonl"
HEAD_FILE = ".audit-head"
GENESIS = "0" * 64

OUTCOMES = {0: "ok", 1: "findings", 2: "usage-error", 130: "interrupted"}


def line_hash(line: bytes) -> str:
    """SHA-256 of one log line without its newline."""
    return hashlib.sha256(line.rstrip(b"\n")).hexdigest()


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return f"uid-{os.getuid()}"


def record(
    root: Path,
    *,
    command: str,
    people: list[str],
    status: int,
    now: dt.datetime | None = None,
) -> None:
    """Append one line for a command that ended with exit ``status``.

    The file is created readable by its owner only and locked while the last
    line is read and the new one written, so two commands cannot interleave.
    """
    log_path = root / AUDIT_FILE
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    descriptor = os.open(log_path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(descriptor, "r+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        lines = handle.read().splitlines()
        entry = {
            "seq": len(lines) + 1,
            "time": moment.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "user": os_user(),
            "command": command,
            "people": sorted(people),
            "outcome": OUTCOMES.get(status, "failed"),
            "exit": status,
            "prev": line_hash(lines[-1]) if lines else GENESIS,
        }
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True)
        handle.write((line + "\n").encode())
        handle.flush()
        os.fsync(handle.fileno())
        _write_head(root, len(lines) + 1, line_hash(line.encode()))


def _write_head(root: Path, count: int, last: str) -> None:
    write_atomic(root / HEAD_FILE, f"{count} {last}\n".encode(), durable=True)


def check_log(root: Path) -> list[str]:
    """Every break in the chain of ``root``'s audit log; empty when intact.

    No log and no head is fine (nothing has been recorded yet).
    """
    log_path, head_path = root / AUDIT_FILE, root / HEAD_FILE
    if not log_path.exists():
        return [f"{log_path}：审计日志缺失"] if head_path.exists() else []
    data = log_path.read_bytes()
    problems = list(_chain_breaks(log_path, data))
    lines = data.splitlines()
    head = _read_head(head_path)
    if head is None:
        problems.append(f"{head_path}：缺少或无法读取日志末行记录")
    elif head != (len(lines), line_hash(lines[-1]) if lines else GENESIS):
        problems.append(
            f"{log_path}：现有 {len(lines)} 行，末行记录为 {head[0]} 行且摘要不符"
            "（日志被截短或改写）"
        )
    return problems


def _chain_breaks(log_path: Path, data: bytes) -> Iterator[str]:
    if data and not data.endswith(b"\n"):
        yield f"{log_path}：末行不完整（日志被截断）"
    previous = GENESIS
    for number, line in enumerate(data.splitlines(), start=1):
        try:
            entry = json.loads(line)
        except ValueError:
            yield f"{log_path} 第 {number} 行：不是 JSON"
            previous = line_hash(line)
            continue
        if not isinstance(entry, dict) or entry.get("prev") != previous:
            yield (
                f"{log_path} 第 {number} 行：与前一行的摘要不符"
                "（前面的行被改动、插入或删除）"
            )
        elif entry.get("seq") != number:
            yield f"{log_path} 第 {number} 行：序号为 {entry.get('seq')}，应为 {number}"
        previous = line_hash(line)


def _read_head(path: Path) -> tuple[int, str] | None:
    try:
        count, last = path.read_text(encoding="ascii").split()
        return int(count), last
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def scope(args: argparse.Namespace) -> tuple[Path | None, list[str]]:
    """The archive root and person slugs a parsed command line names.

    Looks at every path argument. A person folder contributes its slug and
    its archive root; an archive root contributes all its people. Paths that
    name no archive are left out (``sample`` writes a new one; ``demo`` works
    on a temporary copy).
    """
    given: list[Path] = []
    for value in vars(args).values():
        if isinstance(value, Path):
            given.append(value)
        elif isinstance(value, list):
            given.extend(v for v in value if isinstance(v, Path))
    root: Path | None = None
    people: set[str] = set()
    for path in given:
        if not path.is_dir():
            continue
        if paths.office_file(path) is not None:
            root = root or path
            people.update(_slugs(path))
        elif (found := paths.find_root(path)) is not None:
            root = root or found
            people.add(path.name)
    return root, sorted(people)


def _slugs(root: Path) -> list[str]:
    try:
        people, _ = paths.resolve([root])
    except ArchiveError:
        return []
    return [p.slug for p in people]


def record_command(args: argparse.Namespace, status: int) -> None:
    """The CLI's hook: record a finished command where it names an archive.

    A log that cannot be written (a read-only archive) does not change the
    command's outcome; it is reported on the log as a warning.
    """
    command = str(getattr(args, "command", ""))
    if command in {"sample", "demo", "schema"}:
        return
    root, people = scope(args)
    if root is None:
        return
    try:
        record(root, command=command, people=people, status=status)
    except OSError as exc:
        log.warning("audit log not written in %s: %s", root, exc.strerror)


def entries(root: Path) -> list[dict[str, Any]]:
    """The log's entries that parse, in order (for reports and tests)."""
    path = root / AUDIT_FILE
    if not path.exists():
        return []
    rows = []
    for line in path.read_bytes().splitlines():
        try:
            rows.append(json.loads(line))
        except ValueError:
            continue
    return rows
