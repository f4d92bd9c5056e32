"""Golden test: ``check`` on sample_archive/ reports exactly the codes its README lists.

The README's table (``| folder | path (情形) | measure | expected codes |``)
names, per person, the rule codes a correct checker reports with
``--as-of 2026-12-01 --stage ongoing``; ``—`` means none.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from archive.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "sample_archive"
ROW = re.compile(r"^\|\s*(p\d+)\s*\|[^|]*\|[^|]*\|([^|]*)\|\s*$")


def expected_codes() -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    for line in (SAMPLE / "README.md").read_text("utf-8").splitlines():
        match = ROW.match(line)
        if match:
            table[match.group(1)] = set(re.findall(r"`([A-Z0-9_]+)`", match.group(2)))
    return table


@pytest.mark.skipif(not (SAMPLE / "README.md").is_file(), reason="no sample archive")
def test_check_reports_exactly_the_readme_codes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    expected = expected_codes()
    argv = ["check", str(SAMPLE), "--as-of", "2026-12-01", "--stage", "ongoing"]
    code = main([*argv, "--json"])
    out = json.loads(capsys.readouterr().out)

    found = {p["person"]: {f["code"] for f in p["findings"]} for p in out["people"]}
    assert expected, "the README table lists the people"
    assert found == expected
    assert out["archive"] == [] and out["unusable"] == []
    any_error = any(p["errors"] for p in out["people"])
    assert code == (1 if any_error else 0)
