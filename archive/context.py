"""From the models to the context a template is filled with (forms/contract.py).

Every value becomes text here, so that a template only ever prints: dates as
2026年12月3日, choices by their ``.zh`` label, yes/no as 是/否, absent values as
empty text. Titles and labels are printed with full-width brackets, as Chinese
text sets them (社区戒毒（康复）); data values are printed as written.
Data values are never templates: they reach jinja2 as plain strings, and
autoescape writes ``& < > " '`` as XML entities.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from pydantic import BaseModel

from forms import CaseFile, Entry, Office
from forms.choices import Choice, Measure, WarningTrigger
from forms.contract import CaseFacts, EntryFacts, ScheduleRow
from forms.supervision import WarningLetter
from validators.errors import ScheduleError
from validators.policy import Policy
from validators.schedule import Activity, build_schedule

LEGAL_BASIS = {
    Measure.community_treatment: "《中华人民共和国禁毒法》第三十三条",
    Measure.community_rehab: "《中华人民共和国禁毒法》第四十八条",
}
"""Basis of the decision per measure, when the decision names none."""

RELEASE_BASIS = {
    Measure.community_treatment: "《戒毒条例》第二十三条",
    Measure.community_rehab: "《戒毒条例》第四十条",
}

ACTIVITY_ZH = {
    Activity.test: "吸毒检测",
    Activity.visit: "谈话、家访",
    Activity.self_report: "定期报告",
    Activity.mentoring: "帮教",
    Activity.evaluation_quarterly: "季度评价",
    Activity.evaluation_annual: "年度评价",
    Activity.evaluation_final: "期满评价",
}


BREACH = {
    WarningTrigger.test_evaded: "逃避吸毒检测",
    WarningTrigger.test_refused: "拒绝吸毒检测",
    WarningTrigger.unauthorised_absence: "擅自离开所在县（市、区）",
    WarningTrigger.other: "有其他违反协议的行为",
}
"""A warning's trigger as 告诫书 counts it: 「这是你第2次拒绝吸毒检测」."""

_FULL_WIDTH = str.maketrans({"(": "（", ")": "）"})


def zh_brackets(text: str) -> str:
    """``text`` with half-width brackets made full-width: 社区戒毒（康复）."""
    return text.translate(_FULL_WIDTH)


def zh_date(value: dt.date) -> str:
    """2026年12月3日: no leading zeros, as official documents write dates."""
    return f"{value.year}年{value.month}月{value.day}日"


def display(value: Any) -> Any:
    """A model value as the documents print it (lists and models recursively)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Choice):
        return zh_brackets(value.zh)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return zh_date(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, BaseModel):
        return {
            name: display(getattr(value, name)) for name in type(value).model_fields
        }
    if isinstance(value, list | tuple):
        return [display(item) for item in value]
    return str(value)


def build_context(
    case: CaseFile, entry: Entry, office: Office, policy: Policy
) -> dict[str, Any]:
    """The five roots ``doc``, ``person``, ``office``, ``case``, ``entry``."""
    return entry_context(person_context(case, office, policy), entry)


def person_context(case: CaseFile, office: Office, policy: Policy) -> dict[str, Any]:
    """The roots every document of one person shares: ``person``, ``office``, ``case``.

    Made once per person, not once per document: the case facts include the
    whole term's schedule, the costliest part of a context.
    """
    return {
        "person": display(case.person),
        "office": display(office),
        "case": display(case_facts(case, office, policy)),
    }


def entry_context(shared: dict[str, Any], entry: Entry) -> dict[str, Any]:
    """``shared`` (see :func:`person_context`) with the roots of one document."""
    return {
        **shared,
        "doc": display(entry.document),
        "entry": display(entry_facts(entry)),
    }


def entry_facts(entry: Entry) -> EntryFacts:
    """The entry's title, and how a warning letter names and counts its breach.

    The absence sentence of a 告诫书 (cumulative days away, 戒毒条例第二十条)
    belongs only to an unauthorised absence; a draft whose trigger is still
    blank keeps it, as a blank to complete or strike out by hand.
    """
    facts = EntryFacts(title=zh_brackets(entry.title))
    document = entry.document
    if isinstance(document, WarningLetter):
        trigger = document.trigger
        facts.absence = trigger in (None, WarningTrigger.unauthorised_absence)
        facts.breach = BREACH[trigger] if trigger is not None else ""
    return facts


def case_facts(case: CaseFile, office: Office, policy: Policy) -> CaseFacts:
    """What documents print from elsewhere in the file (see CaseFacts)."""
    decision = case.decision
    measure = case.measure or (decision.measure if decision else None)
    measure = measure or Measure.community_treatment
    facts = CaseFacts(
        measure=measure.zh,
        rehab=measure is Measure.community_rehab,
        legal_basis=(decision.legal_basis if decision else None)
        or LEGAL_BASIS[measure],
        release_basis=(case.release_notice.basis if case.release_notice else None)
        or RELEASE_BASIS[measure],
        place=_place(case, office),
        review_body=_review_body(case, office),
        court=(decision.court if decision else None) or "",
    )
    if decision is not None:
        facts.decision_organ = decision.issuing_organ or ""
        facts.decision_number = decision.number or ""
        facts.decision_date = _date(decision.issue_date)
        facts.served_date = _date(decision.served_date)
        facts.age = _age(case, decision.issue_date)
    facts.report_date = _date(case.report_date)
    _add_schedule(facts, case, policy)
    return facts


def _add_schedule(facts: CaseFacts, case: CaseFile, policy: Policy) -> None:
    try:
        schedule = build_schedule(case, policy)
    except ScheduleError:
        return
    facts.term_start = zh_date(schedule.term_start)
    facts.term_end = zh_date(schedule.term_end)
    per_year: dict[int, int] = {}
    for window in schedule.of(Activity.test):
        per_year[window.year] = per_year.get(window.year, 0) + 1
    facts.tests_per_year = "，".join(
        f"第{_YEAR_ZH.get(y, str(y))}年{n}次" for y, n in sorted(per_year.items())
    )
    facts.schedule = [
        ScheduleRow(
            activity=ACTIVITY_ZH.get(w.activity, w.activity.zh),
            index=str(w.index),
            year=f"第{_YEAR_ZH.get(w.year, str(w.year))}年",
            start=zh_date(w.start),
            end=zh_date(w.end),
        )
        for w in schedule.windows
        if w.activity is not Activity.mentoring
    ]


_YEAR_ZH = {1: "一", 2: "二", 3: "三"}


def _date(value: dt.date | None) -> str:
    return zh_date(value) if value is not None else ""


def _age(case: CaseFile, on: dt.date | None) -> str:
    born = case.person.birth_date
    if born is None or on is None:
        return ""
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return str(years)


def _place(case: CaseFile, office: Office) -> str:
    for registration in reversed(case.registrations):
        if registration.place:
            return registration.place
    if case.decision is not None and case.decision.execution_place:
        return case.decision.execution_place
    return office.township or ""


def _review_body(case: CaseFile, office: Office) -> str:
    """The decision's own, else the 本级人民政府 of the county (行政复议法 2023 §24)."""
    if case.decision is not None and case.decision.review_body:
        return case.decision.review_body
    return f"{office.county}人民政府" if office.county else ""
