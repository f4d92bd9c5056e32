"""Filling a template with a context: docxtpl tags on a sandboxed, autoescaping jinja2.

Safety: the environment is a :class:`~jinja2.sandbox.SandboxedEnvironment` with
autoescape on, and data values reach it only as context values (plain text,
see ``archive.context``), never as template source: a name written
``{{ 7*7 }}`` is printed as written, and ``& < > " '`` come out as entities,
so the file stays valid XML.

Speed: docxtpl opens the template with python-docx for every document, cleans
and compiles the same XML again, and saves every part of the package anew
(some 350 KB of styles each time). A person's file fills the same few
templates dozens of times, so :class:`CompiledTemplate` does that work once
per process: the body's XML is cleaned with docxtpl's own ``patch_xml`` and
compiled once, every untouched member is kept deflated
(:mod:`archive.package`). A fill then renders the body, applies docxtpl's
listing and table fixes, and writes one new part. The document XML is the
same, byte for byte, as docxtpl's (tests/archive/test_fill_compiled.py), and
the parsed parts go to the renderer as they are, so nothing is parsed twice.
"""

from __future__ import annotations

import copy
import re
import threading
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from jinja2 import Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree  # type: ignore[import-untyped]

from archive.package import Member, read_zip, write_zip
from archive.render.reader import parse_part

BLANK = "\u3000"
"""Full-width space: the blank of a draft, printed on an underlined run."""


class FillError(Exception):
    """A template could not be filled; the message names template and problem."""


def blank(value: Any, width: int = 6) -> str:
    """``value``, or ``width`` full-width spaces to write on by hand."""
    text = "" if value is None else str(value)
    return text if text else BLANK * width


def dateline(value: Any) -> str:
    """A date, or 「　　　　年　　月　　日」 to complete by hand."""
    text = "" if value is None else str(value)
    return text if text else f"{BLANK * 4}年{BLANK * 2}月{BLANK * 2}日"


def sentence(value: Any) -> str:
    """``value`` without its closing 。；，: the template ends the sentence itself.

    Case files often end a free-text value with a full stop; a template that
    writes 「具体情况：{{ doc.facts|sentence }}。」 then prints one 。, not two.
    """
    text = "" if value is None else str(value)
    return text.rstrip().rstrip("。；，.;,").rstrip()


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=True)
    env.filters["blank"] = blank
    env.filters["dateline"] = dateline
    env.filters["sentence"] = sentence
    return env


_ENV = _environment()

DOCUMENT = "word/document.xml"
STYLES = "word/styles.xml"
_TEMPLATED = ("word/header", "word/footer", "word/footnotes", "docProps/core.xml")
"""Parts besides the body that docxtpl fills too, when they hold a tag."""
_RENDERER_PARTS = ("word/header", "word/footer")
_P_START = re.compile(r"<w:p([ >])")
_P_START_ON_LINE = re.compile(r"\n<w:p([ >])")
_LISTING = ("\t", "\a", "\n", "\f")
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


@dataclass(frozen=True)
class Filled:
    """One filled document: its .docx bytes, and its parts, parsed, for the renderer.

    ``parts`` holds the document part, the styles and any header or footer
    (:func:`archive.render.reader.read_parts`); the renderer only reads them.
    """

    docx: bytes
    parts: Mapping[str, Any]


class CompiledTemplate:
    """One template, cleaned and compiled once; :meth:`fill` makes a document."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name = name
        try:
            members = read_zip(data)
            raw = {member.name: content for member, content in members}
            if DOCUMENT not in raw:
                raise KeyError(DOCUMENT)
            root = parse_xml(raw[DOCUMENT])
            body = root.body
            self._body = _compile(etree.tostring(body, encoding="unicode"))
            self._parts = {
                n: _compile(etree.tostring(parse_xml(raw[n]), encoding="unicode"))
                for n in raw
                if n.startswith(_TEMPLATED) and (b"{{" in raw[n] or b"{%" in raw[n])
            }
            self._shared = {
                n: parse_part(n, raw[n])
                for n in raw
                if n == STYLES
                or (n.startswith(_RENDERER_PARTS) and n not in self._parts)
            }
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
            raise FillError(
                f"模板 {name} 不是有效的 Word (.docx) 文件：{exc}"
            ) from None
        except TemplateError as exc:
            raise FillError(f"模板 {name} 有误：{exc}") from None
        for child in list(body):
            body.remove(child)
        self._skeleton = root
        """The document part with an empty body: the filled body goes in its place."""
        self._members = [
            None if m.name == DOCUMENT or m.name in self._parts else m
            for m, _ in members
        ]
        self._names = list(raw)

    def fill(self, context: Mapping[str, Any]) -> Filled:
        """The document filled with ``context``; :class:`FillError` if it cannot be."""
        try:
            body = DocxTemplate.fix_tables(None, _render(self._body, context))
            for number, element in enumerate(body.iter(f"{{{_WP}}}docPr"), start=1001):
                element.set("id", str(number))
            document = copy.deepcopy(self._skeleton)
            document.replace(document.body, body)
            filled = {DOCUMENT: document}
            for name, template in self._parts.items():
                filled[name] = parse_xml(_render(template, context).encode())
        except TemplateError as exc:
            raise FillError(f"模板 {self.name} 有误：{exc}") from None
        except etree.XMLSyntaxError as exc:
            raise FillError(f"模板 {self.name} 填写后不是有效的 XML：{exc}") from None
        members = [
            member
            or Member.of(
                name, etree.tostring(filled[name], encoding="UTF-8", standalone=True)
            )
            for name, member in zip(self._names, self._members, strict=True)
        ]
        parts = {**self._shared, **filled}
        return Filled(write_zip(members), parts)


def _compile(source: str) -> Template:
    """docxtpl's clean-up of Word's split runs, then jinja2, in the sandbox."""
    patched = DocxTemplate.patch_xml(None, source)
    return _ENV.from_string(_P_START.sub(r"\n<w:p\1", patched))


def _render(template: Template, context: Mapping[str, Any]) -> str:
    """Rendered XML with docxtpl's after-work: escaped braces, line breaks, tabs."""
    xml = _P_START_ON_LINE.sub(r"<w:p\1", template.render(context))
    xml = (
        xml.replace("{_{", "{{")
        .replace("}_}", "}}")
        .replace("{_%", "{%")
        .replace("%_}", "%}")
    )
    if any(mark in xml for mark in _LISTING):
        xml = DocxTemplate.resolve_listing(None, xml)
    return str(xml)


_LOCK = threading.Lock()
_COMPILED: dict[tuple[Path, int, int], CompiledTemplate] = {}


def compiled(path: Path) -> CompiledTemplate:
    """The template at ``path``, compiled once per process (again if it changes)."""
    key = path.resolve()
    try:
        stat = key.stat()
        with _LOCK:
            found = _COMPILED.get((key, stat.st_mtime_ns, stat.st_size))
        if found is not None:
            return found
        template = CompiledTemplate(path.name, key.read_bytes())
    except OSError as exc:
        raise FillError(f"模板 {path.name} 无法读取：{exc.strerror}") from None
    with _LOCK:
        _COMPILED[(key, stat.st_mtime_ns, stat.st_size)] = template
    return template


def fill_document(template: Path, context: Mapping[str, Any]) -> Filled:
    """The template at ``template`` filled with ``context``."""
    return compiled(template).fill(context)


def fill(template: Path, context: Mapping[str, Any]) -> bytes:
    """The filled document as .docx bytes; :class:`FillError` if it cannot be."""
    return fill_document(template, context).docx
