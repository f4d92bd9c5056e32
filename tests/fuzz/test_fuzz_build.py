"""The .docx build of mutated case files fails only with reported errors."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from archive.build import BuildOptions, build_person
from archive.paths import PersonFolder
from forms import Office
from tests.fuzz.conftest import BUILD_EXAMPLES, TRIED
from tests.fuzz.mutations import mutated_cases, sample_data
from validators import default_policy

pytestmark = pytest.mark.fuzz

SAMPLE = "tests/archive/data/full/p002/case.yaml"
OFFICE = Office(name="社区戒毒(康复)工作办公室")
POLICY = default_policy()
SCRATCH = Path(tempfile.mkdtemp(prefix="rehab-fuzz-build-"))


@settings(
    max_examples=BUILD_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(mutated_cases(sample_data(SAMPLE)))
def test_mutated_case_files_build_or_report(timed: None, data: Any) -> None:
    TRIED["build (docx)"] += 1
    person = SCRATCH / "p002"
    shutil.rmtree(person, ignore_errors=True)
    person.mkdir()
    case = person / "case.yaml"
    case.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    result = build_person(
        PersonFolder(path=person, case_file=case, root=None),
        OFFICE,
        POLICY,
        BuildOptions(docx_only=True),
    )

    assert result.ok or all(isinstance(e, str) and e for e in result.errors)
    assert not any(SCRATCH.glob("*.docx")), "nothing written beside the folder"
