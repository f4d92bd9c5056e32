"""What a person's output was built from, so an unchanged person can be skipped.

The key is a set of SHA-256 digests of every input of a build: the case file,
the person's scans, the template folder in use, the office (``archive.yaml``:
its name and staff are printed), the policy profile, the options that change
the output, and the program itself (its version and the digest of its source,
so a changed renderer rebuilds everything). It is stored as
``out/build-key.json`` inside the output it describes, so it is swapped in
with that output and never outlives it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from forms import Office
from validators.policy import Policy

KEY_FILE = "build-key.json"
_SOURCES = (
    "archive/render",
    "archive/assemble",
    "archive/build.py",
    "archive/context.py",
    "archive/fill.py",
    "archive/fonts.py",
    "forms",
    "validators",
)
"""The code whose behaviour shapes the output (not the CLI, index or sample)."""
_HERE = Path(__file__).resolve().parent.parent
_folder_digests: dict[tuple[str, tuple[tuple[str, int, int], ...]], str] = {}
_program: list[str] = []


def build_key(
    case_file: Path,
    scans: Path,
    templates: Path,
    office: Office,
    policy: Policy,
    options: dict[str, Any],
) -> dict[str, str]:
    """The digests of every input; equal keys mean equal output."""
    return {
        "case": _digest(case_file.read_bytes()),
        "scans": _folder_digest(scans, cache=False),
        "templates": _folder_digest(templates, cache=True),
        "office": _digest(office.model_dump_json().encode()),
        "policy": _digest(policy.model_dump_json().encode()),
        "options": _digest(json.dumps(options, sort_keys=True).encode()),
        "program": program_digest(),
    }


def stored_key(out: Path) -> tuple[dict[str, str], list[str]] | None:
    """The key of the output in ``out`` and its files, if all are there."""
    try:
        data = json.loads((out / KEY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("key"), dict):
        return None
    files = data.get("files")
    if not isinstance(files, list) or not all((out / str(f)).is_file() for f in files):
        return None
    key = {str(k): str(v) for k, v in data["key"].items()}
    return key, [str(f) for f in files]


def key_document(key: dict[str, str], files: Iterable[str]) -> bytes:
    """The text of ``build-key.json``: the key and the files it vouches for."""
    body = {"key": key, "files": sorted(files)}
    return (json.dumps(body, indent=1, sort_keys=True) + "\n").encode()


def program_digest() -> str:
    """Version and source digest of the packages that make the output."""
    if not _program:
        try:
            version = importlib.metadata.version("rehab-archive")
        except importlib.metadata.PackageNotFoundError:
            version = "unknown"
        sha = hashlib.sha256(version.encode())
        for source in _SOURCES:
            start = _HERE / source
            found = [start] if start.is_file() else sorted(start.rglob("*.py"))
            for path in found:
                sha.update(str(path.relative_to(_HERE)).encode())
                sha.update(path.read_bytes())
        _program.append(sha.hexdigest())
    return _program[0]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _folder_digest(folder: Path, *, cache: bool) -> str:
    """Names and contents of the files directly in ``folder`` ('' if none).

    Template folders are digested once per process for each state of their
    files (names, sizes, modification times); scans are read every time.
    """
    if not folder.is_dir():
        return ""
    files = sorted(p for p in folder.iterdir() if p.is_file())
    state = tuple((p.name, *_stat(p)) for p in files)
    memo = (str(folder.resolve()), state)
    if cache and memo in _folder_digests:
        return _folder_digests[memo]
    sha = hashlib.sha256()
    for path in files:
        sha.update(path.name.encode() + b"\0")
        sha.update(_digest(path.read_bytes()).encode())
    value = sha.hexdigest()
    if cache:
        _folder_digests[memo] = value
    return value


def _stat(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns
