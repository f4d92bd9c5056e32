"""Privacy: no name or ID number in any log line; IDs masked; owner-only files.

The whole chain runs as an archivist would run it, each command in its own
process at debug level (``-vv``) with its log captured to a file: validate,
build (two people, to keep the suite fast), check, due, index, search (by a
name, an ID number and a word), verify and export. Every sample person's
name and ID number is then looked for in the log.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from forms import load_case

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_archive"
BUILT = ("p003", "p006")
LOG_LINE = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL) [\w.]+: ")

pytestmark = pytest.mark.slow


def people() -> dict[str, tuple[str, str]]:
    """Slug → (name, ID number) of every sample person."""
    found = {}
    for case_file in sorted(SAMPLE.glob("p*/case.yaml")):
        person = load_case(case_file).person
        assert person.name and person.id_number
        found[case_file.parent.name] = (person.name, str(person.id_number))
    return found


class Run:
    """The archive after the chain, and what each command printed."""

    def __init__(self, root: Path, log: Path) -> None:
        self.root, self.log = root, log
        self.stdout: dict[str, str] = {}

    def cli(self, name: str, *args: str) -> int:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        env["REHAB_ARCHIVE_PASSWORD"] = "privacy-test-pw"
        with self.log.open("a", encoding="utf-8") as log:
            done = subprocess.run(
                [sys.executable, "-m", "archive.cli", "-vv", *args],
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                env=env,
                cwd=REPO,
                timeout=600,
            )
        self.stdout[name] = done.stdout
        return done.returncode


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    base = tmp_path_factory.mktemp("privacy")
    root = base / "archive"
    shutil.copytree(SAMPLE, root)
    chain = Run(root, base / "debug.log")
    slug, (name, id_number) = next(iter(people().items()))
    r = str(root)
    assert chain.cli("validate", "validate", r) == 0
    assert chain.cli("build", "build", *(str(root / p) for p in BUILT)) == 0
    chain.cli("check", "check", r, "--as-of", "2026-12-01")
    chain.cli("due", "due", r, "--as-of", "2026-12-01")
    assert chain.cli("index", "index", r) == 0
    chain.cli("search-name", "search", name, "--root", r)
    chain.cli("search-id", "search", id_number, "--root", r, "--json")
    chain.cli("search-word", "search", "告诫书", "--root", r)
    chain.cli("verify", "verify", str(root / BUILT[0]), "--four-properties")
    out = base / "sent.pdf"
    assert chain.cli("export", "export", str(root / BUILT[0]), "--encrypt",
                     "--out", str(out)) == 0  # fmt: skip
    assert slug
    return chain


def log_lines(run: Run) -> list[str]:
    lines = run.log.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if LOG_LINE.match(line)]


def test_debug_log_was_captured(run: Run) -> None:
    lines = log_lines(run)

    assert any(line.startswith("DEBUG ") for line in lines)
    assert any(p in line for line in lines for p in BUILT)


def test_no_name_or_id_number_in_any_log_line(run: Run) -> None:
    lines = log_lines(run)

    leaks = [
        (slug, line)
        for slug, (name, id_number) in people().items()
        for line in lines
        if name in line or id_number in line
    ]
    assert leaks == []


def test_no_name_or_id_number_anywhere_on_stderr(run: Run) -> None:
    text = run.log.read_text(encoding="utf-8")

    for name, id_number in people().values():
        assert name not in text and id_number not in text


@pytest.mark.parametrize(
    "command", ["validate", "check", "due", "search-name", "search-word", "verify"]
)
def test_listings_mask_id_numbers(run: Run, command: str) -> None:
    out = run.stdout[command]

    for _, id_number in people().values():
        assert id_number not in out


def test_search_by_id_number_shows_only_masked_numbers(run: Run) -> None:
    report = json.loads(run.stdout["search-id"])

    hits = json.dumps(report["hits"], ensure_ascii=False)
    assert report["hits"]
    for _, id_number in people().values():
        assert id_number not in hits


def test_search_shows_masked_id(run: Run) -> None:
    name_hits = run.stdout["search-name"]

    assert re.search(r"\d{6}\*{8}[\dX]{4}", name_hits)


def test_out_and_index_are_readable_by_owner_only(run: Run) -> None:
    trees = [run.root / p / "out" for p in BUILT] + [run.root / ".index"]
    loose = []
    for tree in trees:
        assert tree.is_dir()
        for path in [tree, *tree.rglob("*")]:
            mode = stat.S_IMODE(path.lstat().st_mode)
            if mode & 0o077:
                loose.append(f"{path.relative_to(run.root)} {oct(mode)}")
    assert loose == []
    assert stat.S_IMODE((run.root / "audit.jsonl").stat().st_mode) == 0o600
