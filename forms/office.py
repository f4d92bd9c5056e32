"""The office's ``archive.yaml``: who keeps the archive, and how."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from forms.fields import Flag, Model, OptCount, OptLine, OptShort, Short


class StaffMember(Model):
    """A member of the office's staff (专职工作人员 and others)."""

    name: OptShort = None
    """姓名"""
    role: OptShort = None
    """岗位"""
    full_time: Flag = True
    """专职（计入 STAFF_RATIO_30）"""
    phone: OptShort = None
    """联系电话"""


class Office(Model):
    """The office (社区戒毒（康复）工作办公室) that keeps this archive.

    ``policy`` names a bundled policy profile or a YAML file beside
    ``archive.yaml``; ``policy_overrides`` replaces single figures of it.
    ``templates`` and ``fonts`` name folders, relative to the archive root,
    that replace the bundled templates and add fonts.
    """

    name: Short
    """办公室名称，如 ××街道社区戒毒（康复）工作办公室"""
    township: OptLine = None
    """乡镇人民政府或街道办事处"""
    county: OptLine = None
    """县(市、区)"""
    city: OptLine = None
    """设区的市"""
    fonds_number: OptShort = None
    """全宗号"""
    fonds_name: OptLine = None
    """全宗名称"""
    catalogue_number: OptShort = None
    """目录号"""
    retention: Short = "30年"
    """保管期限"""
    police_station: OptLine = None
    """辖区派出所"""
    registered_drug_users: OptCount = None
    """辖区登记在册吸毒人员数（STAFF_RATIO_30 的基数）"""
    staff: list[StaffMember] = Field(default=[], max_length=500)
    """工作人员"""
    policy: Short = "national"
    """政策参数档：内置名称或相对路径"""
    policy_overrides: dict[str, Any] = {}
    """覆盖政策参数档中的单项数值"""
    templates: OptLine = None
    """本单位文书模板目录（相对于档案根目录）"""
    fonts: OptLine = None
    """字体目录（相对于档案根目录）"""
