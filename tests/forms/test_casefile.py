"""The case file's documents: kinds, archive order, instances by date."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

from forms import CaseFile, DocumentKind
from forms.loader import validate_data

ROOT = Path(__file__).resolve().parents[2]


def test_the_13_kinds_stand_in_the_order_of_the_specification() -> None:
    assert [k.order for k in DocumentKind] == list(range(1, 14))
    assert DocumentKind.decision.label.startswith("责令")
    assert DocumentKind.release_notice.order == 13


def test_entries_follow_archive_order_and_date_within_a_kind() -> None:
    case = validate_data(
        {
            "measure": "community_treatment",
            "visits": [{"date": "2025-05-01"}, {"date": "2025-04-01"}, {}],
            "registrations": [{"report_date": "2025-03-09"}],
            "decision": {"issue_date": "2025-03-01", "measure": "community_treatment"},
            "self_reports": [{"date": "2025-04-02"}],
            "tests": [{"date": "2025-04-03"}, {"date": "2025-03-20"}],
            "late_report": {"date": "2025-03-09"},
        },
        CaseFile,
        "case.yaml",
    )
    slugs = [e.slug for e in case.entries()]
    assert slugs == [
        "01-decision-1",
        "02-registration-1",
        "02-late_report-1",
        "06-visit-1",
        "06-visit-2",
        "06-visit-3",
        "06-self_report-1",
        "08-test_log-1",
    ]
    visits = [e.date for e in case.entries() if e.name == "visit"]
    assert visits == [dt.date(2025, 4, 1), dt.date(2025, 5, 1), None]
    assert case.entries()[0].title == "责令社区戒毒决定书"
    log = case.test_log()
    assert log is not None and log.first_date == dt.date(2025, 3, 20)


def test_the_report_date_is_the_first_report_of_all_registrations() -> None:
    case = validate_data(
        {
            "registrations": [
                {"report_date": "2025-09-01"},
                {"report_date": "2025-03-09"},
            ]
        },
        CaseFile,
        "case.yaml",
    )
    assert case.report_date == dt.date(2025, 3, 9)


def test_the_schema_describes_fields_in_chinese_for_editors() -> None:
    schema = CaseFile.model_json_schema()
    registration = schema["$defs"]["Registration"]["properties"]["report_date"]
    assert registration["description"] == "报到日期"
    assert schema["additionalProperties"] is False


def test_forms_imports_nothing_of_the_upper_layers() -> None:
    upper = {"validators", "archive", "indexer"}
    for module in (ROOT / "forms").rglob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not {n.split(".")[0] for n in names} & upper, module
