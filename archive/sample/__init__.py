"""Synthetic sample archives: people, histories, and the files that hold them.

::

    identities   people, ID numbers, staff and the office (Faker zh_CN)
    story        the plot of one person's term
    scenarios    the paths through the rules, with the codes a checker reports
    history      a story turned into a CaseFile (intake, activity, events,
                 evaluations do the parts)
    writer       stable YAML, atomic writes, the README table

Every person gets their own random generator and Faker seed derived from the
archive seed and their position, so the same seed and as-of date give
byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from archive.errors import UsageError
from archive.sample import identities, writer
from archive.sample.history import build_case
from archive.sample.scenarios import PATHS, make_story
from archive.sample.scenarios import Path as SamplePath
from forms.casefile import CaseFile
from validators.calendar import add_years

log = logging.getLogger(__name__)

DEFAULT_AS_OF = dt.date(2026, 12, 1)
"""A fixed as-of date, so that a sample archive does not change with the clock."""
SLUG_FORMAT = "p{:03d}"


@dataclass(frozen=True)
class Generated:
    slug: str
    path: SamplePath
    case: CaseFile


def generate_people(people: int, seed: int, as_of: dt.date) -> list[Generated]:
    """``people`` synthetic case files; person k follows path ``(k-1) mod 16``."""
    staff = identities.make_staff(seed)
    return [generate_person(n, seed, as_of, staff) for n in range(1, people + 1)]


def generate_person(
    number: int, seed: int, as_of: dt.date, staff: identities.Staff | None = None
) -> Generated:
    """Person ``number`` (from 1) of the archive made with ``seed``."""
    staff = staff or identities.make_staff(seed)
    slug = SLUG_FORMAT.format(number)
    path = PATHS[(number - 1) % len(PATHS)]
    person_seed = seed * 100_003 + number
    rng = random.Random(person_seed)
    story = make_story(path, slug, number, as_of, rng)
    identity = identities.make_identity(
        identities.make_faker(person_seed),
        rng,
        youngest_birth=add_years(story.issue_date, -18) - dt.timedelta(days=1),
        oldest_birth=add_years(as_of, -60) + dt.timedelta(days=1),
    )
    log.debug("generated %s (%s)", slug, path.key)
    return Generated(slug, path, build_case(story, identity, staff, rng))


def write_sample(out: Path, people: int, seed: int, as_of: dt.date) -> list[Generated]:
    """Write ``archive.yaml``, one ``<slug>/case.yaml`` per person, and README.md.

    Refuses (:class:`UsageError`) a non-empty ``out`` that is not already a
    sample archive, so that real files are never overwritten. In an earlier
    sample archive, person folders beyond the new count are removed.
    """
    _check_target(out)
    generated = generate_people(people, seed, as_of)
    staff = identities.make_staff(seed)
    out.mkdir(parents=True, exist_ok=True)
    writer.write_atomic(
        out / "archive.yaml", writer.office_yaml(identities.make_office(staff))
    )
    for item in generated:
        writer.write_atomic(out / item.slug / "case.yaml", writer.case_yaml(item.case))
    _remove_stale(out, {g.slug for g in generated})
    command = f"rehab-archive sample {out.name} --people {people} --seed {seed}"
    if as_of != DEFAULT_AS_OF:
        command += f" --as-of {as_of.isoformat()}"
    rows = [(g.slug, g.path) for g in generated]
    writer.write_atomic(out / "README.md", writer.readme(rows, as_of, command))
    log.info("wrote %d people to %s", len(generated), out)
    return generated


def is_sample_archive(folder: Path) -> bool:
    readme = folder / "README.md"
    if not readme.is_file() or not (folder / "archive.yaml").is_file():
        return False
    with readme.open(encoding="utf-8", errors="replace") as handle:
        return handle.readline().rstrip("\n") == writer.README_TITLE


def _check_target(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"输出位置不是目录：{out}")
    if out.is_dir() and any(out.iterdir()) and not is_sample_archive(out):
        raise UsageError(
            f"输出目录 {out} 不为空，且不是样例档案；为免覆盖已有文件，请指定空目录"
        )


def _remove_stale(out: Path, keep: set[str]) -> None:
    for child in sorted(out.iterdir()):
        if (
            child.is_dir()
            and not child.is_symlink()
            and child.name not in keep
            and len(child.name) == 4
            and child.name[0] == "p"
            and child.name[1:].isdigit()
        ):
            shutil.rmtree(child)
