"""The policy profile: national defaults, overrides, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from validators import PolicyError, default_policy, load_policy


def test_national_profile_holds_the_defaults_of_domain_section_6() -> None:
    p = default_policy()
    assert (p.report_days, p.leave_min_days, p.serious_absence_days) == (15, 3, 30)
    assert p.treatment_test_months == [1, 2, 3]
    assert p.rehab_test_months == [2, 3, 6]
    assert (p.staff_ratio, p.release_notify_days, p.evaluation_total_target) == (
        30,
        7,
        16,
    )
    assert (p.review_days, p.court_months, p.relocation_approval_workdays) == (
        60,
        6,
        15,
    )


def test_override_replaces_one_figure() -> None:
    p = load_policy("national", {"staff_ratio": 20})
    assert p.staff_ratio == 20
    assert p.report_days == 15


def test_profile_file_relative_to_archive_root(tmp_path: Path) -> None:
    (tmp_path / "fujian.yaml").write_text("name: fujian\nstaff_ratio: 20\n", "utf-8")
    p = load_policy("fujian.yaml", base_dir=tmp_path)
    assert (p.name, p.staff_ratio, p.leave_min_days) == ("fujian", 20, 3)


def test_unknown_field_is_refused_naming_file_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("report_dayz: 20\nleave_min_days: many\n", "utf-8")
    with pytest.raises(PolicyError) as err:
        load_policy(str(path))
    fields = [f for f, _ in err.value.problems]
    assert sorted(fields) == ["leave_min_days", "report_dayz"]
    assert str(path) in str(err.value)


def test_unknown_bundled_profile_lists_the_known_ones() -> None:
    with pytest.raises(PolicyError, match="national"):
        load_policy("atlantis")


def test_missing_profile_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="文件不存在"):
        load_policy("none.yaml", base_dir=tmp_path)


def test_bad_override_names_archive_yaml_overrides() -> None:
    with pytest.raises(PolicyError, match="policy_overrides"):
        load_policy("national", {"report_days": -1})
