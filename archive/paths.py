"""Finding person folders and the archive root from the paths a user gives.

Each path is either a person folder (it holds ``case.yaml`` or ``case.json``)
or an archive root (it holds ``archive.yaml``, or person folders). A person's
folder name is its id: a safe slug, never the ID number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from archive.errors import UsageError
from forms import find_case_file

OFFICE_FILE = "archive.yaml"
SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@dataclass(frozen=True)
class PersonFolder:
    """A person's folder inside an archive."""

    path: Path
    case_file: Path
    root: Path | None
    """The archive root it lies in, when there is one."""

    @property
    def slug(self) -> str:
        return self.path.name


def is_slug(name: str) -> bool:
    """Folder names that are safe as ids: ASCII letters, digits, ``.``, ``_``, ``-``."""
    return bool(SLUG.fullmatch(name)) and ".." not in name


def office_file(root: Path) -> Path | None:
    candidate = root / OFFICE_FILE
    return candidate if candidate.is_file() else None


def find_root(folder: Path) -> Path | None:
    """The archive root of a person folder: its parent, if that has ``archive.yaml``."""
    parent = folder.resolve().parent
    return parent if office_file(parent) else None


def resolve(paths: list[Path]) -> tuple[list[PersonFolder], list[Path]]:
    """The person folders named by ``paths``, and the archive roots among them.

    Raises :class:`UsageError` for a path that does not exist or holds neither a
    case file nor person folders. Folders whose names are not safe slugs, and
    symbolic links, are refused rather than followed.
    """
    people: list[PersonFolder] = []
    roots: list[Path] = []
    for given in paths:
        if not given.exists():
            raise UsageError(f"路径不存在：{given}")
        if not given.is_dir():
            raise UsageError(f"应为本人目录或档案根目录：{given}")
        case = find_case_file(given)
        if case is not None:
            people.append(_person(given, case, find_root(given)))
            continue
        found = _people_in(given)
        if not found and office_file(given) is None:
            raise UsageError(
                f"{given} 既不是本人目录（含 case.yaml），也不是档案根目录"
            )
        roots.append(given)
        people.extend(found)
    return _unique(people), roots


def resolve_people(paths: list[Path]) -> tuple[list[PersonFolder], list[Path]]:
    """Like :func:`resolve`, for commands that need at least one person folder."""
    people, roots = resolve(paths)
    if not people:
        raise UsageError("没有找到任何本人目录")
    return people, roots


def _people_in(root: Path) -> list[PersonFolder]:
    found = []
    office_root = root if office_file(root) else None
    for child in sorted(root.iterdir()):
        if child.name.startswith(".") or not child.is_dir():
            continue
        case = find_case_file(child)
        if case is not None:
            found.append(_person(child, case, office_root))
    return found


def _person(folder: Path, case: Path, root: Path | None) -> PersonFolder:
    if folder.is_symlink() or case.is_symlink():
        raise UsageError(f"拒绝符号链接：{folder}")
    if not is_slug(folder.name):
        raise UsageError(
            f"本人目录名 {folder.name!r} 不安全：只允许字母、数字、点、下划线和连字符"
        )
    return PersonFolder(path=folder, case_file=case, root=root)


def _unique(people: list[PersonFolder]) -> list[PersonFolder]:
    seen: set[Path] = set()
    out = []
    for person in people:
        key = person.path.resolve()
        if key not in seen:
            seen.add(key)
            out.append(person)
    return out
