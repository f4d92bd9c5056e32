"""The person under the measure, and the people around them."""

from __future__ import annotations

from pydantic import ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from forms.choices import Sex
from forms.fields import Model, OptDate, OptLine, OptShort
from forms.idnumber import IdNumberError
from forms.idnumber import parse as parse_id


class Person(Model):
    """Identity of the person, as the 登记表 and the 决定书 print it."""

    name: OptShort = None
    """姓名"""
    former_name: OptShort = None
    """曾用名"""
    alias: OptShort = None
    """绰号"""
    sex: Sex | None = None
    """性别"""
    ethnicity: OptShort = None
    """民族"""
    nationality: OptShort = None
    """国籍"""
    birth_date: OptDate = None
    """出生日期"""
    id_number: OptShort = None
    """公民身份号码 (GB 11643, 18 characters)"""
    education: OptShort = None
    """文化程度"""
    marital_status: OptShort = None
    """婚姻状况"""
    employer: OptLine = None
    """就业情况或工作单位"""
    phone: OptShort = None
    """联系电话"""
    household_address: OptLine = None
    """户籍所在地"""
    household_police_station: OptShort = None
    """户籍地派出所"""
    residence_address: OptLine = None
    """现住址"""
    residence_police_station: OptShort = None
    """现住地派出所"""

    @field_validator("id_number")
    @classmethod
    def _id_number_agrees(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Validate the number and check it against birth_date and sex.

        A field validator, not a model validator, so that it still runs when
        another field of the person is wrong: every problem is reported at once.
        """
        if value is None:
            return None
        try:
            decoded = parse_id(value)
        except IdNumberError as exc:
            raise PydanticCustomError(exc.reason, "invalid ID number") from None
        birth = info.data.get("birth_date")
        if birth is not None and decoded.birth_date != birth:
            raise PydanticCustomError(
                "id_birth_date_mismatch",
                "ID number and birth_date disagree",
                {"encoded": decoded.birth_date.isoformat(), "given": birth.isoformat()},
            )
        sex = info.data.get("sex")
        if sex is not None and decoded.male != (sex is Sex.male):
            raise PydanticCustomError(
                "id_sex_mismatch",
                "ID number and sex disagree",
                {"encoded": "male" if decoded.male else "female", "given": sex.value},
            )
        return decoded.value


class Contact(Model):
    """A family member or other social tie (家庭成员及主要社会关系)."""

    name: OptShort = None
    """姓名"""
    relation: OptShort = None
    """关系"""
    phone: OptShort = None
    """联系电话"""
    address: OptLine = None
    """住址或工作单位"""


class Officer(Model):
    """A police officer or staff member named on a form."""

    name: OptShort = None
    """姓名"""
    badge: OptShort = None
    """警号"""
    phone: OptShort = None
    """联系电话"""
