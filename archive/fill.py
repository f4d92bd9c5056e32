"""Filling a template with a context: docxtpl on a sandboxed, autoescaping jinja2.

Safety: the environment is a :class:`~jinja2.sandbox.SandboxedEnvironment` with
autoescape on, and data values reach it only as context values (plain text,
see ``archive.context``), never as template source: a name written
``{{ 7*7 }}`` is printed as written, and ``& < > " '`` come out as entities,
so the file stays valid XML.

Speed: docxtpl re-reads the .docx and recompiles the jinja2 source of every
part for each document. Here the template's bytes are read once per process,
and the environment caches compiled templates by their source, so each XML
part is compiled once per process; the rest of a fill is docxtpl's own work.
"""

from __future__ import annotations

import functools
import io
import threading
import zipfile
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from lxml.etree import XMLSyntaxError  # type: ignore[import-untyped]

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


class _CachingSandbox(SandboxedEnvironment):
    """A sandbox that compiles each distinct source once per process."""

    def __init__(self) -> None:
        super().__init__(autoescape=True)
        self.filters["blank"] = blank
        self.filters["dateline"] = dateline
        self.filters["sentence"] = sentence
        self._compiled: dict[str, Template] = {}
        self._lock = threading.Lock()

    def from_string(self, source: Any, *args: Any, **kwargs: Any) -> Template:
        if args or kwargs or not isinstance(source, str):
            return super().from_string(source, *args, **kwargs)
        with self._lock:
            template = self._compiled.get(source)
            if template is None:
                template = super().from_string(source)
                self._compiled[source] = template
            return template


class _Template(DocxTemplate):  # type: ignore[misc]
    """A DocxTemplate that prepares each distinct XML source once per process.

    docxtpl's ``patch_xml`` (a long run of regular expressions that turn
    Word's split runs into clean jinja tags) depends on the source alone, yet
    runs again for every document; a person's file fills the same few
    templates dozens of times.
    """

    def patch_xml(self, src_xml: str) -> str:
        return _patched(src_xml)


@functools.lru_cache(maxsize=256)
def _patched(src_xml: str) -> str:
    patched: str = DocxTemplate.patch_xml(None, src_xml)
    return patched


_ENV = _CachingSandbox()
_SOURCES: dict[Path, bytes] = {}


def template_bytes(path: Path) -> bytes:
    """The bytes of a template file, read once per process."""
    key = path.resolve()
    data = _SOURCES.get(key)
    if data is None:
        data = key.read_bytes()
        _SOURCES[key] = data
    return data


def fill(template: Path, context: dict[str, Any]) -> bytes:
    """The filled document as .docx bytes; :class:`FillError` if it cannot be."""
    try:
        document = _Template(io.BytesIO(template_bytes(template)))
        document.render(context, jinja_env=_ENV, autoescape=True)
        out = io.BytesIO()
        document.save(out)
    except OSError as exc:
        raise FillError(f"模板 {template.name} 无法读取：{exc.strerror}") from None
    except TemplateError as exc:
        raise FillError(f"模板 {template.name} 有误：{exc}") from None
    except (zipfile.BadZipFile, PackageNotFoundError, XMLSyntaxError, KeyError) as exc:
        raise FillError(
            f"模板 {template.name} 不是有效的 Word (.docx) 文件：{exc}"
        ) from None
    return out.getvalue()
