"""File-system primitives: atomic writes, a lock per person folder, folder swaps.

A person's derived output (``out/``) is replaced as a whole, so that a build
that fails or is killed at any point leaves the previous output exactly as it
was (DESIGN.md, "Principles"). The new output is made in a hidden sibling
folder and exchanged with ``out/`` in one ``renameat2(RENAME_EXCHANGE)`` call
where the kernel offers it; elsewhere two renames are used, and the short
window between them is repaired by :func:`recover` at the next build.

Two builds of one person must not interleave: :func:`person_lock` holds an
exclusive ``flock`` on ``<person>/.build.lock``. The kernel drops the lock
when its holder dies, so a killed build never leaves a stale lock behind.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from archive.errors import ArchiveError

LOCK_NAME = ".build.lock"
STAGE_PREFIX = ".out-new-"
OLD_SUFFIX = ".out-old"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def write_atomic(
    path: Path, data: bytes, *, durable: bool = False, mode: int = 0o600
) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, then rename.

    A crash leaves either the old file or the new one, never half of one. The
    file is made with ``mode`` (owner-only by default: what this project
    writes holds personal data). ``durable`` also syncs the data to disk
    before the rename, for files whose loss would be noticed later (the audit
    log's head, an exported copy).
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class LockTimeout(ArchiveError):
    """Another process held the person's build lock for longer than we waited."""


@contextmanager
def person_lock(folder: Path, wait: float = 60.0) -> Iterator[None]:
    """Hold the build lock of ``folder``; :class:`LockTimeout` after ``wait`` s.

    The lock is polled without blocking, so the wait is bounded and a second
    build says why it gave up instead of hanging.
    """
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        deadline = time.monotonic() + wait
        delay = 0.02
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"{folder.name}：另一个生成进程正在处理此人"
                        f"（锁文件 {path}），已等待 {wait:g} 秒，本次放弃"
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
        yield
    finally:
        os.close(fd)


def recover(target: Path) -> None:
    """Undo what a build killed mid-swap or mid-stage left beside ``target``.

    Called under the person's lock. A kept ``.out-old`` with no ``out/`` means
    the build died between its two renames: the old output goes back. Stage
    folders of dead builds are removed.
    """
    old = target.with_name(OLD_SUFFIX)
    if old.exists():
        if target.exists():
            shutil.rmtree(old)
        else:
            old.rename(target)
    for stale in target.parent.glob(STAGE_PREFIX + "*"):
        shutil.rmtree(stale, ignore_errors=True)


def swap_in(stage: Path, target: Path) -> None:
    """Make ``stage`` the new ``target``; the previous ``target`` is deleted."""
    if target.exists() and _exchange(stage, target):
        shutil.rmtree(stage)
        return
    old = target.with_name(OLD_SUFFIX)
    if target.exists():
        target.rename(old)
    stage.rename(target)
    if old.exists():
        shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux ≥ 3.15); False where unsupported."""
    func = _renameat2()
    if func is None:
        return False
    if func(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE):
        code = ctypes.get_errno()
        if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
            return False
        raise OSError(code, os.strerror(code), str(b))
    return True


_LIBC: list[Any] = []


def _renameat2() -> Any:
    if not _LIBC:
        name = ctypes.util.find_library("c")
        libc = ctypes.CDLL(name, use_errno=True) if name else None
        _LIBC.append(getattr(libc, "renameat2", None))
    return _LIBC[0]
