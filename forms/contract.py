"""The template contract: what a template may name, and what it must show.

A template is filled with a context of five roots:

- ``doc``: the entry's own model (``TEMPLATE_MODELS``);
- ``person``: :class:`forms.person.Person`;
- ``office``: :class:`forms.office.Office`;
- ``case``: :class:`CaseFacts`, figures taken from the rest of the file
  (the decision's number, the term, the schedule of the plan …);
- ``entry``: :class:`EntryFacts`, what the document is as an entry of the
  file (its title, as the 卷内文件目录 and the bookmarks print it).

Every value is text by the time it reaches a template: dates written
2026年12月3日, choices by their ``.zh`` label, yes/no as 是/否, absent
values as empty text; a yes/no tested in a template is compared with '是'.
The filters ``blank`` and ``dateline`` print an absent value as space to
complete by hand; ``sentence`` drops a value's own closing 。 (or ；，) where
the template ends the sentence itself, so it never prints 。。.

:func:`check_folder` reads every XML part of every ``.docx`` (headers and
footers included), joins the text of each paragraph so that tags split over
runs by Word are whole again, parses it with jinja2 and walks the syntax tree:
each name must resolve to a field of its root's model (loop variables to the
element model of the list), and each field the form must show must be named.
"""

from __future__ import annotations

import difflib
import io
import re
import types
import typing
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as etree

from jinja2 import Environment, TemplateSyntaxError, nodes
from pydantic import BaseModel

from forms.closing import (
    Evaluation,
    LateReportNotice,
    ReleaseNotice,
    Suspension,
    Termination,
)
from forms.fields import Model
from forms.intake import Agreement, Decision, GroupRoster, Plan, Registration
from forms.movement import LeaveRequest, Transfer
from forms.office import Office
from forms.person import Person
from forms.supervision import (
    Mentoring,
    PoliceReport,
    SelfReport,
    TestLog,
    TestNotice,
    Visit,
    WarningLetter,
)


class ScheduleRow(Model):
    """One window of the plan's schedule, as printed."""

    activity: str = ""
    """事项：吸毒检测、谈话家访、定期报告、现实表现评价"""
    index: str = ""
    """序号"""
    year: str = ""
    """执行年度"""
    start: str = ""
    """期间起"""
    end: str = ""
    """期间止"""


class CaseFacts(Model):
    """Facts a document prints that live elsewhere in the case file."""

    measure: str = ""
    """措施名称：社区戒毒或社区康复"""
    rehab: bool = False
    """是否社区康复"""
    age: str = ""
    """决定时的年龄"""
    decision_organ: str = ""
    """决定机关"""
    decision_number: str = ""
    """决定书文号"""
    decision_date: str = ""
    """决定日期"""
    served_date: str = ""
    """决定书送达日期"""
    report_date: str = ""
    """报到日期"""
    term_start: str = ""
    """期限起（报到日期）"""
    term_end: str = ""
    """期限止"""
    place: str = ""
    """执行地"""
    legal_basis: str = ""
    """决定的法律依据"""
    release_basis: str = ""
    """解除的依据"""
    review_body: str = ""
    """行政复议机关"""
    court: str = ""
    """人民法院"""
    tests_per_year: str = ""
    """每年应检测次数"""
    schedule: list[ScheduleRow] = []
    """应办事项期间表（计划）"""


class EntryFacts(Model):
    """What a document is as an entry of the case file, printed on it."""

    title: str = ""
    """文书标题（与卷内文件目录、书签所列一致）"""
    absence: bool = False
    """告诫事由为擅自离开所在县（市、区），或尚未填写：告诫书写明累计擅自离开天数"""
    breach: str = ""
    """告诫事由作为“这是你第N次……”的说法，如 拒绝吸毒检测"""


TEMPLATE_MODELS: dict[str, type[BaseModel]] = {
    "decision": Decision,
    "registration": Registration,
    "late_report": LateReportNotice,
    "agreement": Agreement,
    "plan": Plan,
    "group_roster": GroupRoster,
    "visit": Visit,
    "self_report": SelfReport,
    "mentoring": Mentoring,
    "test_notice": TestNotice,
    "test_log": TestLog,
    "warning_letter": WarningLetter,
    "police_report": PoliceReport,
    "leave_request": LeaveRequest,
    "transfer": Transfer,
    "evaluation": Evaluation,
    "suspension": Suspension,
    "release_notice": ReleaseNotice,
    "termination": Termination,
}
"""Template name → the model behind ``doc``; the names are those of ``entries()``."""

ROOTS: dict[str, type[BaseModel]] = {
    "person": Person,
    "office": Office,
    "case": CaseFacts,
    "entry": EntryFacts,
}

FILTERS = frozenset({"blank", "dateline", "sentence", "join", "default"})
"""Filters a template may use: ours (see ``archive.fill``) and two of jinja2's."""

NOT_PRINTED: dict[str, frozenset[str]] = {
    "decision": frozenset({"measure", "legal_basis", "review_body", "court"}),
    "registration": frozenset({"photo"}),
    "test_log": frozenset({"first_date"}),
    "release_notice": frozenset({"basis"}),
}
"""Fields of ``doc`` a template need not name: printed through ``case`` instead
(the measure's name, the legal basis or remedy body with their defaults), or
not printable (the photo is pasted on the paper form)."""

PERSON_SHOWN: dict[str, frozenset[str]] = {
    "decision": frozenset(
        {
            "name",
            "sex",
            "birth_date",
            "id_number",
            "employer",
            "household_address",
            "residence_address",
        }
    ),
    "registration": frozenset(Person.model_fields),
    "agreement": frozenset({"name", "id_number", "residence_address", "phone"}),
}
"""Fields of ``person`` a template must show; every other template its name."""

CASE_SHOWN: dict[str, frozenset[str]] = {
    "decision": frozenset({"legal_basis", "review_body", "court", "term_start"}),
    "plan": frozenset({"schedule"}),
    "registration": frozenset({"decision_number", "decision_organ", "term_start"}),
    "agreement": frozenset({"decision_number"}),
    "release_notice": frozenset({"release_basis"}),
    "test_log": frozenset({"tests_per_year", "term_start"}),
}


@dataclass(frozen=True)
class Mismatch:
    """One disagreement between a template and the models."""

    template: str
    placeholder: str
    problem: str
    """``unknown`` (names no field), ``missing`` (a field not shown), ``syntax``,
    ``filter`` (an unknown filter), ``template`` (no such template name)."""
    nearest: str = ""
    detail: str = ""

    def message(self) -> str:
        if self.problem == "unknown":
            hint = f"，最接近的字段：{self.nearest}" if self.nearest else ""
            return f"{self.template}：占位符 {self.placeholder} 不对应任何字段{hint}"
        if self.problem == "missing":
            return f"{self.template}：表单应显示的字段 {self.placeholder} 不在模板中"
        if self.problem == "filter":
            return f"{self.template}：未知的过滤器 {self.placeholder}"
        if self.problem == "template":
            return f"{self.template}：没有这种文书的模板名称"
        return f"{self.template}：模板语法错误：{self.detail}"


def check_folder(folder: Path) -> list[Mismatch]:
    """Check every ``.docx`` of ``folder`` and report that any template is absent."""
    found = {p.stem: p for p in sorted(folder.glob("*.docx"))}
    mismatches: list[Mismatch] = []
    for name in TEMPLATE_MODELS:
        if name not in found:
            mismatches.append(Mismatch(f"{name}.docx", "", "missing", detail="file"))
    for name, path in found.items():
        mismatches.extend(check_template(name, path.read_bytes()))
    return mismatches


def check_template(name: str, data: bytes) -> list[Mismatch]:
    """Every placeholder of the template resolves; every field to show is named."""
    file = f"{name}.docx"
    model = TEMPLATE_MODELS.get(name)
    if model is None:
        return [Mismatch(file, "", "template")]
    roots: dict[str, Any] = {"doc": model, **ROOTS}
    used: set[str] = set()
    mismatches: list[Mismatch] = []
    for part, source in template_sources(data):
        try:
            tree = Environment().parse(source)
        except TemplateSyntaxError as exc:
            mismatches.append(Mismatch(file, "", "syntax", detail=f"{part}: {exc}"))
            continue
        walker = _Walker(file, roots)
        walker.visit(tree, {})
        used |= walker.used
        mismatches.extend(walker.mismatches)
    for path in sorted(required_fields(name) - used):
        mismatches.append(Mismatch(file, path, "missing"))
    return mismatches


def required_fields(name: str) -> set[str]:
    """Dotted names the template must show: every field of ``doc`` (but those
    printed otherwise), the person's fields of ``PERSON_SHOWN``, ``case`` ones."""
    model = TEMPLATE_MODELS[name]
    skip = NOT_PRINTED.get(name, frozenset())
    wanted = {f"doc.{f}" for f in model.model_fields if f not in skip}
    wanted |= {f"person.{f}" for f in PERSON_SHOWN.get(name, frozenset({"name"}))}
    wanted |= {f"case.{f}" for f in CASE_SHOWN.get(name, frozenset())}
    return wanted


_TAG_PREFIX = re.compile(r"(\{%|\{\{)-?\s*(tr|tc|p|r)\s")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")


def template_sources(data: bytes) -> list[tuple[str, str]]:
    """(part name, jinja source) for the body, headers, footers and notes."""
    out = []
    with zipfile.ZipFile(_bytes_io(data)) as archive:
        for part in sorted(n for n in archive.namelist() if _PART.fullmatch(n)):
            root = etree.fromstring(archive.read(part))
            lines = [
                "".join(t.text or "" for t in p.iter(f"{_W}t"))
                for p in root.iter(f"{_W}p")
            ]
            source = "\n".join(lines)
            out.append((part, _TAG_PREFIX.sub(r"\1 ", source)))
    return out


def _bytes_io(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


class _Walker:
    """Resolves names of a jinja2 syntax tree against the context's models."""

    def __init__(self, file: str, roots: dict[str, Any]) -> None:
        self.file = file
        self.roots = roots
        self.used: set[str] = set()
        self.mismatches: list[Mismatch] = []

    def visit(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.For):
            element = self.resolve(node.iter, scope)
            inner = dict(scope)
            if isinstance(node.target, nodes.Name):
                inner[node.target.name] = element
            for child in (*node.body, *node.else_):
                self.visit(child, inner)
            if node.test is not None:
                self.visit(node.test, inner)
            return
        if isinstance(node, nodes.Filter) and node.name not in FILTERS:
            self.mismatches.append(Mismatch(self.file, node.name, "filter"))
        if isinstance(node, nodes.Getattr | nodes.Name):
            self.resolve(node, scope)
            return
        for child in node.iter_child_nodes():
            self.visit(child, scope)

    def resolve(self, node: nodes.Node, scope: dict[str, Any]) -> Any:
        """The model (or ``str``) a ``Name``/``Getattr`` chain denotes; ``None`` if
        it denotes nothing (reported once, at the first unknown step)."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in self.roots:
                self.used.add(node.name)
                return self.roots[node.name]
            near = difflib.get_close_matches(node.name, [*self.roots, *scope], n=1)
            self.mismatches.append(
                Mismatch(self.file, node.name, "unknown", near[0] if near else "")
            )
            return None
        if isinstance(node, nodes.Getattr):
            owner = self.resolve(node.node, scope)
            if owner is None:
                return None
            path = f"{_dotted(node.node)}.{node.attr}"
            fields = _fields(owner)
            if node.attr not in fields:
                near = difflib.get_close_matches(
                    node.attr, list(fields), n=1, cutoff=0.5
                )
                nearest = f"{_dotted(node.node)}.{near[0]}" if near else ""
                self.mismatches.append(Mismatch(self.file, path, "unknown", nearest))
                return None
            self.used.add(path)
            return _unwrap(fields[node.attr])
        self.visit(node, scope)
        return str


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    return "?"


def _fields(owner: Any) -> dict[str, Any]:
    """Field name → annotation, for a model class; nothing for a plain value."""
    if isinstance(owner, type) and issubclass(owner, BaseModel):
        return {n: f.annotation for n, f in owner.model_fields.items()}
    return {}


def _element(annotation: Any) -> Any:
    """The model inside ``list[Model]`` / ``Model | None``; ``str`` otherwise."""
    for arg in typing.get_args(annotation):
        inner = _element(arg) if typing.get_args(arg) else arg
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return str


def _unwrap(annotation: Any) -> Any:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation):
        return _element(annotation)
    return annotation
