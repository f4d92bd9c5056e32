"""A small synthetic archive for the index tests: fixed people, fixed words.

Every person and every sentence is invented. ID numbers use the real area
code 110105 (python-stdnum checks area codes) and a computed check character.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml

from forms.idnumber import check_character

OFFICE = {"name": "和平街道社区戒毒(康复)工作办公室", "county": "朝阳区"}


def id_number(birth: str, sequence: int) -> str:
    """A valid ID number for area 110105, birth ``YYYYMMDD`` and a 3-digit sequence."""
    first17 = f"110105{birth}{sequence:03d}"
    return first17 + check_character(first17)


def _d(value: str) -> str:
    return dt.date.fromisoformat(value).isoformat()


PEOPLE: dict[str, dict[str, Any]] = {
    "p001": {
        "person": {
            "name": "张三",
            "sex": "male",
            "birth_date": "1988-04-12",
            "id_number": id_number("19880412", 13),
            "residence_address": "朝阳区和平里七区12号楼",
        },
        "measure": "community_treatment",
        "decision": {
            "measure": "community_treatment",
            "issuing_organ": "北京市公安局朝阳分局",
            "number": "京公朝(禁)决字〔2024〕31号",
            "facts": "经尿液检测呈阳性，认定吸毒成瘾",
            "issue_date": "2024-11-02",
            "term_years": 3,
        },
        "registrations": [
            {"place": "和平街道", "report_date": "2024-11-10", "drug_types": "冰毒"}
        ],
        "visits": [
            {
                "date": "2025-01-15",
                "place": "社区工作站",
                "visit_kind": "talk",
                "content": "本人表示最近在建筑工地打零工，收入稳定，与母亲同住。",
            },
            {
                "date": "2025-04-20",
                "place": "本人家中",
                "visit_kind": "home_visit",
                "content": "家中整洁，母亲反映其作息规律，按时参加尿检。",
            },
        ],
        "warning_letters": [
            {
                "trigger": "test_evaded",
                "event_date": "2025-03-03",
                "facts": "未按通知到和平里派出所接受吸毒检测，电话关机。",
                "occurrence": 1,
                "issue_date": "2025-03-09",
            }
        ],
    },
    "p002": {
        "person": {
            "name": "欧阳晓燕",
            "sex": "female",
            "birth_date": "1992-09-30",
            "id_number": id_number("19920930", 24),
        },
        "measure": "community_rehab",
        "decision": {"measure": "community_rehab", "issue_date": "2023-06-01"},
        "visits": [
            {
                "date": "2025-02-11",
                "visit_kind": "talk",
                "content": "谈及在奶茶店当店员的工作，情绪平稳，计划报名美容培训班。",
            }
        ],
        "leave_requests": [
            {
                "application_date": "2025-05-06",
                "reason": "前往湖南省岳阳市探望病重的外婆",
                "destination": "岳阳市岳阳楼区",
                "planned_departure": "2025-05-08",
                "planned_return": "2025-05-15",
                "days": 8,
            }
        ],
        "transfers": [
            {
                "direction": "outgoing",
                "application_date": "2025-07-01",
                "old_place": "和平街道",
                "new_place": "望京街道",
            }
        ],
    },
    "p003": {
        "person": {
            "name": "李卫东",
            "former_name": "李小东",
            "sex": "male",
            "birth_date": "1979-01-05",
            "id_number": id_number("19790105", 57),
        },
        "measure": "community_treatment",
        "decision": {"measure": "community_treatment", "issue_date": "2021-03-15"},
        "warning_letters": [
            {
                "trigger": "unauthorised_absence",
                "event_date": "2022-08-01",
                "event_end_date": "2022-08-20",
                "absence_days": 20,
                "facts": "未经批准前往广东省东莞市务工，失联二十天。",
                "issue_date": "2022-08-22",
            }
        ],
        "evaluations": [
            {
                "period": "final",
                "date": "2024-03-01",
                "cooperation": "能够遵守协议，按时接受检测",
                "grade": "good",
            }
        ],
        "release_notice": {"issue_date": "2024-03-14", "release_date": "2024-03-14"},
    },
    "p004": {
        "person": {
            "name": "王建国",
            "sex": "male",
            "birth_date": "1970-12-01",
            "id_number": id_number("19701201", 91),
        },
        "measure": "community_treatment",
        "decision": {"measure": "community_treatment", "issue_date": "2022-05-05"},
        "visits": [
            {
                "date": "2022-07-01",
                "visit_kind": "outreach",
                "content": "走访其所在的汽修厂，厂长称其工作认真。",
            }
        ],
        "termination": {"date": "2023-01-10", "reason": "compulsory_isolation"},
    },
}


def write_archive(root: Path, people: dict[str, dict[str, Any]] | None = None) -> Path:
    """Write ``archive.yaml`` and one ``<slug>/case.yaml`` per person under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "archive.yaml").write_text(
        yaml.safe_dump(OFFICE, allow_unicode=True), encoding="utf-8"
    )
    for slug, case in (people or PEOPLE).items():
        write_person(root, slug, case)
    return root


def write_person(root: Path, slug: str, case: dict[str, Any]) -> Path:
    folder = root / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.yaml").write_text(
        yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return folder


def write_contents(folder: Path, rows: list[dict[str, Any]]) -> None:
    """An ``out/contents.json`` as the PDF assembly writes it."""
    out = folder / "out"
    out.mkdir(exist_ok=True)
    (out / "contents.json").write_text(
        json.dumps(rows, ensure_ascii=False), encoding="utf-8"
    )
