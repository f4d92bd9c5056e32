"""Every figure the rules use, as a policy profile (DOMAIN.md §2 and §6).

The national profile, ``profiles/national.yaml``, holds the defaults of
DOMAIN.md §6 and ships with the package. An office names another profile in
``archive.yaml`` (``policy``: a bundled name or a path relative to the archive
root) and may replace single figures with ``policy_overrides``. A profile is
checked as strictly as a case file: an unknown key or a value of the wrong
kind is refused with a :class:`~validators.errors.PolicyError` that names the
file and the field.

Figures are flat keys so that an override is one line of ``archive.yaml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from validators.errors import PolicyError

Months = Literal[1, 2, 3, 4, 6, 12]
"""Window lengths that divide a year evenly."""


class Policy(BaseModel):
    """The figures of one policy profile; defaults are the national ones."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = "national"
    """Name of the profile, printed with findings."""

    # 报到 (戒毒条例 art. 14, 38)
    report_days: int = Field(default=15, ge=1, le=90)
    """Days to report after the decision was served; the serving day is not counted
    (民法典 art. 201)."""
    report_deadline_skips_holiday: bool = False
    """Extend a report deadline that falls on a non-working day to the next working
    day (民法典 art. 203); off by default (DOMAIN.md §2c)."""
    late_reasons: list[
        Literal["force_majeure", "bereavement", "serious_illness", "sole_carer"]
    ] = ["force_majeure", "bereavement", "serious_illness", "sole_carer"]
    """Reasons accepted for a late report (规范)."""

    # Term (禁毒法 art. 33, 48; 戒毒条例 art. 14, 37)
    treatment_term_years: int = Field(default=3, ge=1, le=3)
    """Length of 社区戒毒, from the report date."""
    rehab_max_term_years: int = Field(default=3, ge=1, le=3)
    """Longest 社区康复."""
    term_end_inclusive: bool = True
    """Term end = anniversary − 1 day ("自X至Y止"); False gives the anniversary."""

    # Supervision windows (规范), anchored to the report date
    treatment_test_months: list[Months] = [1, 2, 3]
    """Test window length in months, per year of 社区戒毒: 12 + 6 + 4 = 22 tests."""
    rehab_test_months: list[Months] = [2, 3, 6]
    """Test window length in months, per year of 社区康复: 6 + 4 + 2 = 12 tests."""
    treatment_visit_months: Months = 1
    """One talk or home visit per this many months in 社区戒毒 (36 in 3 years)."""
    rehab_visit_months: Months = 2
    """One talk or home visit per this many months in 社区康复 (18 in 3 years)."""
    treatment_self_report_months: Months = 1
    """One written report per this many months in 社区戒毒."""
    rehab_self_report_months: Months = 2
    """One written report per this many months in 社区康复."""
    self_report_counts_as_visit: bool = False
    """A written report also fills a talk window (规范: "may count as a talk")."""
    mentoring_months: Months = 1
    """One 帮教 session per this many months."""
    check_self_reports: bool = True
    """Check the written-report windows at all."""
    check_mentoring: bool = True
    """Check the 帮教 windows at all."""
    spot_test_days: int = Field(default=3, ge=0, le=60)
    """Days after an ad-hoc test notice within which its test is logged."""
    min_testers: int = Field(default=2, ge=1, le=6)
    """Testers who sign each test row (吸毒检测程序规定 §8)."""

    agreement_max_days: int | None = Field(default=None, ge=0)
    """Days after the report by which the agreement is signed; None: no limit
    (戒毒条例 art. 16 says only "及时")."""

    intake_days: int = Field(default=15, ge=0, le=90)
    """Days after the report by which the agreement, plan, group roster and test
    notice are on file (DOC_MISSING waits this long)."""

    # Evaluations (规范; reading (a) of DOMAIN.md §2c)
    evaluation_quarter_months: Months = 3
    """Length of the term quarter a quarterly evaluation covers."""
    evaluation_grace_days: int = Field(default=15, ge=0, le=90)
    """Days after a quarter or year ends in which its evaluation may still be dated."""
    final_evaluation: bool = True
    """A final evaluation is due before release."""
    final_evaluation_days: int = Field(default=30, ge=1, le=180)
    """The final evaluation falls in the last this-many days of the term."""
    evaluation_total_target: int = Field(default=16, ge=0, le=100)
    """Evaluations in a full 3-year term, a target only (warning, EVAL_TOTAL_16)."""

    # Breaches (戒毒条例 art. 20, 21)
    serious_test_refusals: int = Field(default=3, ge=1)
    """Evaded or refused tests that make a serious breach ("3次以上" includes 3)."""
    serious_absences: int = Field(default=3, ge=1)
    """Unauthorised departures from the county that make a serious breach."""
    serious_absence_days: int = Field(default=30, ge=1)
    """Unauthorised absence is serious when its total exceeds this ("超过")."""
    police_report_days: int | None = Field(default=None, ge=0)
    """Days after the trigger within which the police must be told; None: any
    later date counts as prompt."""
    warning_letter_days: int | None = Field(default=None, ge=0)
    """Days after a breach within which the 告诫书 must be dated; None: any."""

    # Leave (戒毒条例 art. 19(3); 规范)
    leave_min_days: int = Field(default=3, ge=1)
    """An absence from the county of this many days or more needs approval."""
    leave_apply_days_ahead: int = Field(default=1, ge=0)
    """Days between the application and the departure, at least."""

    # Relocation (戒毒条例 art. 22; 规范)
    relocation_approval_workdays: int = Field(default=15, ge=1)
    """Approval by this working day after the application (DOMAIN.md §5)."""
    relocation_report_days: int = Field(default=15, ge=1)
    """Days to report at the new place."""
    relocation_report_from: Literal["letter", "approval"] = "letter"
    """Count those days from the 函 date (规范) or the approval date (条例22)."""

    # Release (戒毒条例 art. 23, 40)
    release_notify_days: int = Field(default=7, ge=0)
    """Days after the notice by which the 乡镇/街道 is told."""

    # Office (规范)
    staff_ratio: int = Field(default=30, ge=1)
    """Registered drug users per full-time worker, at most."""
    staff_minimum: int = Field(default=1, ge=0)
    """Full-time workers, at least."""

    # Remedies printed on the decision (行政复议法 §20, 行政诉讼法 §46)
    review_days: int = Field(default=60, ge=1)
    """Days to apply for administrative review."""
    court_months: int = Field(default=6, ge=1)
    """Months to sue."""

    @model_validator(mode="after")
    def _three_years_of_windows(self) -> Policy:
        for key in ("treatment_test_months", "rehab_test_months"):
            if len(getattr(self, key)) != 3:
                raise ValueError(f"{key}: one window length for each of 3 years")
        return self

    def test_months(self, rehab: bool) -> list[int]:
        """Test window lengths per term year for the measure."""
        return list(self.rehab_test_months if rehab else self.treatment_test_months)

    def visit_months(self, rehab: bool) -> int:
        return self.rehab_visit_months if rehab else self.treatment_visit_months

    def self_report_months(self, rehab: bool) -> int:
        return (
            self.rehab_self_report_months
            if rehab
            else self.treatment_self_report_months
        )


BUNDLED = "national"


def default_policy() -> Policy:
    """The national profile shipped with the package."""
    return _bundled(BUNDLED)


def load_policy(
    name_or_path: str,
    overrides: Mapping[str, Any] | None = None,
    base_dir: Path | None = None,
) -> Policy:
    """The profile named ``name_or_path``, with single figures replaced.

    A bare name (``national``) is a bundled profile; anything else is a YAML
    file, relative to ``base_dir`` (the archive root) when not absolute. The
    profile may itself omit figures: those take the national defaults.
    Raises :class:`PolicyError` naming the file and every bad field.
    """
    if _is_bundled_name(name_or_path):
        source = f"validators/profiles/{name_or_path}.yaml"
        data = _read_bundled(name_or_path)
    else:
        path = Path(name_or_path)
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        source = str(path)
        data = _read_file(path)

    policy = _validate(data, source)
    if not overrides:
        return policy
    merged = {**policy.model_dump(), **dict(overrides)}
    return _validate(merged, f"{source} + policy_overrides")


def _is_bundled_name(name: str) -> bool:
    return name.isidentifier() and not name.endswith((".yaml", ".yml"))


@lru_cache(maxsize=8)
def _bundled(name: str) -> Policy:
    return _validate(_read_bundled(name), f"validators/profiles/{name}.yaml")


def _read_bundled(name: str) -> dict[str, Any]:
    resource = resources.files("validators") / "profiles" / f"{name}.yaml"
    if not resource.is_file():
        known = sorted(
            p.name.removesuffix(".yaml")
            for p in (resources.files("validators") / "profiles").iterdir()
            if p.name.endswith(".yaml")
        )
        raise PolicyError(
            f"validators/profiles/{name}.yaml",
            [("policy", f"没有名为 {name} 的内置政策参数档，可用：{'、'.join(known)}")],
        )
    return _parse(resource.read_text(encoding="utf-8"), f"profiles/{name}.yaml")


def _read_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyError(str(path), [("", "文件不存在")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(str(path), [("", f"无法读取（{exc}）")]) from None
    return _parse(text, str(path))


def _parse(text: str, source: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PolicyError(source, [("", f"不是有效的 YAML（{exc}）")]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PolicyError(source, [("", "应为字段与值的映射")])
    return data


def _validate(data: Mapping[str, Any], source: str) -> Policy:
    try:
        return Policy.model_validate(dict(data))
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"]) or "(整个参数档)"
            if err["type"] == "extra_forbidden":
                reason = "不是政策参数档的字段"
            else:
                reason = f"{err['msg']}；实际为 {err.get('input')!r}"
            problems.append((field, reason))
        raise PolicyError(source, problems) from None
