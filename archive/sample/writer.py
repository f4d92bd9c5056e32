"""Writing a sample archive: stable YAML, atomic files, the README table.

YAML is written by ``yaml.safe_dump`` in the models' field order, dates as
``YYYY-MM-DD``, choices as their values, with fields left at their defaults
omitted (a case file may leave them out). Nothing in the output depends on
the clock or the machine, so the same seed gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from archive import fsutil
from archive.sample.scenarios import Path as SamplePath
from forms.casefile import CaseFile
from forms.office import Office

README_TITLE = "# 样例档案（合成人员，非真实数据）"
"""First line of a sample archive's README: how ``sample`` knows its own output."""


def case_yaml(case: CaseFile) -> str:
    data = _plain(case.model_dump(exclude_defaults=True))
    ordered = {"schema_version": case.schema_version, **data}
    return _dump(ordered)


def office_yaml(office: Office) -> str:
    return _dump(_plain(office.model_dump(exclude_none=True)))


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, LF) to ``path`` atomically, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fsutil.write_atomic(path, text.encode("utf-8"), mode=0o644)


def readme(rows: list[tuple[str, SamplePath]], as_of: dt.date, command: str) -> str:
    lines = [
        README_TITLE,
        "",
        "本目录中的人员、身份证号码、地址和经历均由程序随机生成，与任何真实人员无关。",
        "重新生成：",
        "",
        "```",
        command,
        "```",
        "",
        "## 各人员对应的情形",
        "",
        f"检查条件：`check --as-of {as_of.isoformat()} --stage ongoing`。",
        "expected codes 为正确的检查程序对该人员应报告的规则代码（DOMAIN.md §2a，",
        "以及 DOC_MISSING、FIELD_MISSING、SEQUENCE、NUMBERING）。",
        "",
        "| folder | path (情形) | measure | expected codes |",
        "|---|---|---|---|",
    ]
    for slug, path in rows:
        codes = ", ".join(f"`{c}`" for c in path.codes) or "—"
        lines.append(f"| {slug} | {path.label} | {path.measure.value} | {codes} |")
    lines += ["", "理由（每人一行）：", ""]
    lines += [f"- {slug}：{path.why}。" for slug, path in rows]
    lines += ["", *_PRINCIPLES]
    return "\n".join(lines) + "\n"


_PRINCIPLES = [
    "## 判定原则",
    "",
    "- 只有案卷未通过某条规则的检查（DOMAIN.md §2a“Check”栏）时才列出该代码。",
    "  本人的违反行为（拒绝检测、擅自离开、复吸、严重违反协议）已按规定告诫、",
    "  报告公安机关的，不产生检查结果。除所列情形外，各人案卷均完整、合规。",
    "- 中止天数按羁押首日至释放日（含首尾）计算，期满日和各周期相应顺延。",
    "- 无正当理由逾期报到的不填写逾期报到告知书，逾期情况写在登记表 late_explanation。",
    "- 登记表照片（photo）不生成；社区戒毒人员的决定书不填解除强制隔离戒毒证明书字段。",
    "",
    "## 13 种文书以外的记录归入何处",
    "",
    "逾期报到告知书（late_report）附于登记表（#2）之后；定期报告（self_reports）",
    "和帮教记录（mentoring）附于谈话、家访记录（#6）之后；向公安机关的报告",
    "（police_reports）附于告诫书（#9）之后；中止记录（suspensions）附于现实表现",
    "评价（#12）之后；终止记录（termination）附于解除通知书（#13）的位置，",
    "终止的案卷没有解除通知书。擅自离开的情况（absences）是告诫书的事实依据，",
    "不单独成件。",
]


class _NoAliasDumper(yaml.SafeDumper):
    """Writes a repeated value out again: case files refuse anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: Any) -> str:
    text: str = yaml.dump(
        data,
        Dumper=_NoAliasDumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    return text


def _plain(value: Any) -> Any:
    """Choices as their values; models, lists and mappings walked."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, BaseModel):
        return _plain(value.model_dump(exclude_defaults=True))
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
