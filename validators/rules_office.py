"""Rules about the office as a whole, reported once per archive.

STAFF_RATIO_30 (规范): at least ceil(registered drug users / ``staff_ratio``)
full-time workers, and never fewer than ``staff_minimum``. The base is the
office's ``registered_drug_users`` (all users registered in the 乡镇/街道);
when archive.yaml leaves it blank, the number of person folders stands in.
"""

from __future__ import annotations

import math

from forms import Office
from validators.findings import Finding, Severity
from validators.policy import Policy


def staff_ratio_30(office: Office, n_people: int, policy: Policy) -> list[Finding]:
    base = office.registered_drug_users
    counted_zh = "登记在册吸毒人员"
    if base is None:
        base, counted_zh = n_people, "档案中的人员"
    need = max(policy.staff_minimum, math.ceil(base / policy.staff_ratio))
    have = sum(1 for s in office.staff if s.full_time)
    if have >= need:
        return []
    return [
        Finding(
            "STAFF_RATIO_30",
            Severity.error,
            None,
            f"{counted_zh}{base}名，按每{policy.staff_ratio}名至少1名应配备专职"
            f"工作人员{need}名，实际{have}名",
            f"{base} people registered: {need} full-time staff expected "
            f"(1 per {policy.staff_ratio}, at least {policy.staff_minimum}); "
            f"{have} listed",
        )
    ]
