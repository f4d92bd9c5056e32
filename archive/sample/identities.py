"""Synthetic people, staff and the office of a sample archive.

Names, streets and companies come from Faker's ``zh_CN`` locale, seeded per
person so that one person's data never depends on how many came before. ID
numbers (GB 11643) use a handful of real area codes, because python-stdnum's
``cn.ric`` checks the code against its table (DOMAIN.md §5); the sequence
digit is odd for a man and even for a woman, and the check character is
computed, so the number agrees with the birth date and sex fields.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from faker import Faker

from forms.choices import Sex
from forms.idnumber import IdNumberError, check_character
from forms.idnumber import parse as parse_id
from forms.office import Office, StaffMember
from forms.person import Contact, Officer, Person

AREAS: dict[str, str] = {
    "110101": "北京市东城区",
    "110102": "北京市西城区",
    "110105": "北京市朝阳区",
    "120101": "天津市和平区",
    "310104": "上海市徐汇区",
    "310105": "上海市长宁区",
    "320102": "江苏省南京市玄武区",
    "320104": "江苏省南京市秦淮区",
    "320106": "江苏省南京市鼓楼区",
    "330106": "浙江省杭州市西湖区",
    "340102": "安徽省合肥市瑶海区",
    "370202": "山东省青岛市市南区",
    "420102": "湖北省武汉市江岸区",
    "440305": "广东省深圳市南山区",
}
"""Real area codes (GB/T 2260) with their places.

python-stdnum accepts a code only for birth dates when it was in use; the
Nanjing, Hangzhou and other codes here start in 1983, the first six all
along, so a person born earlier gets one of those (see ``_id_number``).
"""

CITY = "南京市"
COUNTY = "玄武区"
TOWNSHIP = "梅园新村街道"
OFFICE_NAME = f"{CITY}{COUNTY}{TOWNSHIP}社区戒毒（康复）工作办公室"
POLICE_BUREAU = f"{CITY}公安局玄武分局"
POLICE_STATION = f"{POLICE_BUREAU}梅园新村派出所"
HOME_AREA = f"{CITY}{COUNTY}{TOWNSHIP}"
REGISTERED_USERS = 86
"""Registered drug users of the street: ceil(86 / 30) = 3 staff at least."""

_EDUCATION = ("小学", "初中", "初中", "高中", "中专", "大专", "本科")
_MARITAL = ("未婚", "已婚", "已婚", "离异")
_ETHNICITY = ("汉族",) * 9 + ("回族",)


@dataclass(frozen=True)
class Staff:
    """The people of the office and the police who appear on forms."""

    workers: tuple[Officer, ...]
    police: tuple[Officer, ...]
    doctors: tuple[str, ...]
    volunteers: tuple[str, ...]
    director: str


@dataclass(frozen=True)
class Identity:
    """A synthetic person and the two relatives the forms name."""

    person: Person
    family: tuple[Contact, ...]


def _id_number(rng: random.Random, birth: dt.date, sex: Sex) -> tuple[str, str]:
    """An area code in use at ``birth`` and a valid number for it."""
    seq = rng.randrange(0, 500) * 2 + (1 if sex is Sex.male else 0)
    areas = sorted(AREAS)
    rng.shuffle(areas)
    for area in areas:
        first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
        id_number = first17 + check_character(first17)
        try:
            parse_id(id_number)
        except IdNumberError:
            continue
        return area, id_number
    raise AssertionError("AREAS must hold codes valid for every birth year")


def _street(fake: Faker, rng: random.Random) -> str:
    """A street address such as 永安路37号5栋302室."""
    return (
        f"{fake.street_name()}{rng.randrange(1, 300)}号"
        f"{rng.randrange(1, 30)}栋{rng.randrange(1, 25)}0{rng.randrange(1, 5)}室"
    )


def make_faker(seed: int) -> Faker:
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    return fake


def make_staff(seed: int) -> Staff:
    """Four full-time workers, six police officers, two doctors, two volunteers."""
    fake = make_faker(seed * 7919 + 17)
    rng = random.Random(seed * 7919 + 17)
    workers = tuple(
        Officer(name=fake.name(), phone=f"025-8{rng.randrange(10**6, 10**7)}")
        for _ in range(4)
    )
    police = tuple(
        Officer(
            name=fake.name(),
            badge=f"{rng.randrange(10**5, 10**6):06d}",
            phone=f"025-8{rng.randrange(10**6, 10**7)}",
        )
        for _ in range(6)
    )
    doctors = (fake.name(), fake.name())
    volunteers = (fake.name(), fake.name())
    return Staff(workers, police, doctors, volunteers, fake.name())


def make_office(staff: Staff) -> Office:
    """The office that keeps the sample archive (archive.yaml)."""
    members = [
        StaffMember(name=w.name, role="专职工作人员", full_time=True, phone=w.phone)
        for w in staff.workers
    ]
    members.append(StaffMember(name=staff.director, role="办公室主任", full_time=False))
    return Office(
        name=OFFICE_NAME,
        township=f"{CITY}{COUNTY}{TOWNSHIP}办事处",
        county=f"{CITY}{COUNTY}",
        city=CITY,
        fonds_number="J102",
        fonds_name=f"{CITY}{COUNTY}{TOWNSHIP}办事处",
        catalogue_number="SJ-01",
        retention="30年",
        police_station=POLICE_STATION,
        registered_drug_users=REGISTERED_USERS,
        staff=members,
        policy="national",
    )


def make_identity(
    fake: Faker, rng: random.Random, youngest_birth: dt.date, oldest_birth: dt.date
) -> Identity:
    """A person born between the two dates, with a matching ID number."""
    sex = Sex.male if rng.random() < 0.8 else Sex.female
    span = (youngest_birth - oldest_birth).days
    birth = oldest_birth + dt.timedelta(days=rng.randrange(span + 1))
    area, id_number = _id_number(rng, birth, sex)

    name = fake.name_male() if sex is Sex.male else fake.name_female()
    surname = name[0]
    person = Person(
        name=name,
        former_name="无",
        alias="无",
        sex=sex,
        ethnicity=rng.choice(_ETHNICITY),
        nationality="中国",
        birth_date=birth,
        id_number=id_number,
        education=rng.choice(_EDUCATION),
        marital_status=rng.choice(_MARITAL),
        employer=rng.choice((fake.company(), "无业", "个体经营")),
        phone=fake.phone_number(),
        household_address=f"{AREAS[area]}{_street(fake, rng)}",
        household_police_station=f"{AREAS[area][-3:]}{fake.street_name()}派出所",
        residence_address=f"{HOME_AREA}{_street(fake, rng)}",
        residence_police_station=POLICE_STATION,
    )
    parent = f"{surname}{fake.first_name_male()}"
    relative = Contact(
        name=parent,
        relation="父亲",
        phone=fake.phone_number(),
        address=person.household_address,
    )
    married = person.marital_status == "已婚"
    spouse = fake.name_female() if sex is Sex.male else fake.name_male()
    second = Contact(
        name=spouse if married else fake.name_female(),
        relation="配偶" if married else "母亲",
        phone=fake.phone_number(),
        address=person.residence_address,
    )
    return Identity(person=person, family=(relative, second))
