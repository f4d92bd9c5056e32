"""The 四性检测 of DA/T 70 on a person's archive copy (``out/<slug>.pdf``).

DA/T 70《文书类电子档案检测一般要求》checks an electronic record for four
properties, each reported on its own here:

- 真实性 authenticity: the manifests' checksums match, and the PDF says what
  the case file says (title with the person's name and measure, the folder
  slug among its keywords, the attached case file is the current one);
- 完整性 integrity: every document instance of the case file is in
  ``contents.json`` and has a bookmark; page ranges and instance numbers run
  without gaps; the metadata are complete;
- 可用性 usability: pypdf opens the file, every font is embedded, text can be
  extracted and holds the person's name;
- 安全性 security: no encryption (DA/T 47 asks that the archive copy not be
  encrypted), no JavaScript, automatic or launch actions, external links, or
  embedded files other than the case file.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from archive.assemble.frontmatter import file_title
from archive.manifest import verify_fixity
from archive.paths import PersonFolder
from forms import CaseFile, CaseFileError, load_case

log = logging.getLogger(__name__)

PROPERTIES = ("authenticity", "integrity", "usability", "security")
LABELS = {
    "authenticity": "真实性",
    "integrity": "完整性",
    "usability": "可用性",
    "security": "安全性",
}
METADATA_KEYS = ("/Title", "/Author", "/Subject", "/Keywords", "/CreationDate")
ACTIVE_KEYS = {
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/OpenAction": "打开时自动执行的动作",
    "/AA": "自动触发的动作",
    "/Launch": "启动外部程序",
    "/URI": "外部链接",
    "/GoToR": "指向外部文件的链接",
    "/SubmitForm": "表单提交",
    "/ImportData": "导入外部数据",
    "/RichMedia": "富媒体",
    "/XFA": "XFA 表单",
}
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/URI", "/GoToR", "/SubmitForm"}
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


@dataclass
class PropertyResult:
    name: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class FourProperties:
    person: str
    results: dict[str, PropertyResult]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "ok": self.ok,
            **{
                name: {"ok": r.ok, "label": LABELS[name], "problems": r.problems}
                for name, r in self.results.items()
            },
        }


def four_properties(folder: PersonFolder) -> FourProperties:
    """Check one person's archive copy; every problem is collected, none raised."""
    results = {name: PropertyResult(name) for name in PROPERTIES}
    report = FourProperties(folder.slug, results)
    auth, integ = results["authenticity"], results["integrity"]
    usable, secure = results["usability"], results["security"]

    fixity = verify_fixity(folder.path)
    auth.problems += fixity.problems
    auth.problems += [f"已改动：{n}" for n in fixity.changed]
    auth.problems += [f"已缺失：{n}" for n in fixity.missing]
    auth.problems += [f"清单外的文件：{n}" for n in fixity.unexpected]

    try:
        case = load_case(folder.case_file)
    except CaseFileError as exc:
        integ.problems += [p.message("zh") for p in exc.problems]
        return report
    pdf = folder.path / "out" / f"{folder.slug}.pdf"
    try:
        reader = PdfReader(pdf)
        if reader.is_encrypted:
            secure.problems.append(f"{pdf.name}：已加密（档案保存版本不得加密）")
            return report
        pages = len(reader.pages)
    except (OSError, PyPdfError, ValueError) as exc:
        usable.problems.append(f"{pdf.name}：无法打开（{exc}）")
        return report

    auth.problems += _agreement(reader, case, folder)
    integ.problems += _completeness(reader, case, folder.path / "out", pages)
    usable.problems += _usability(reader, case)
    secure.problems += _security(reader, folder.case_file.name)
    log.debug("%s: four properties ok=%s", folder.slug, report.ok)
    return report


def _agreement(reader: PdfReader, case: CaseFile, folder: PersonFolder) -> list[str]:
    """Metadata and attachment agree with the case file as it is now."""
    problems = []
    if _meta(reader, "/Title") != file_title(case).strip():
        problems.append("PDF 题名与案卷数据（姓名、措施）不一致")
    if folder.slug not in _meta(reader, "/Keywords").split("；"):
        problems.append(f"PDF 关键词中没有本人目录 {folder.slug}")
    attached = reader.attachments.get(folder.case_file.name)
    if not attached:
        problems.append(f"PDF 未附带案卷数据 {folder.case_file.name}")
    elif attached[0] != folder.case_file.read_bytes():
        problems.append(f"PDF 所附案卷数据与现在的 {folder.case_file.name} 不同")
    return problems


def _completeness(
    reader: PdfReader, case: CaseFile, out: Path, pages: int
) -> list[str]:
    problems = [f"元数据缺少 {k}" for k in METADATA_KEYS if not _meta(reader, k)]
    if "/Metadata" not in _resolve(reader.trailer["/Root"]):
        problems.append("缺少 XMP 元数据")
    rows = _contents(out / "contents.json", problems)
    listed = [str(r.get("slug")) for r in rows]
    entries = list(case.entries())
    for entry in entries:
        if entry.slug not in listed:
            problems.append(f"卷内目录（contents.json）缺少 {entry.slug}")
    problems += _gaps(rows, pages)
    marks = dict(_bookmarks(reader))
    for entry, row in zip(entries, rows, strict=False):
        title = f"{entry.title}（{entry.instance}）"
        found = [p for t, p in marks.items() if t.startswith(title)]
        if not found:
            problems.append(f"书签缺少 {entry.slug}（{title}）")
        elif row.get("first_page") not in found:
            problems.append(f"{entry.slug} 的书签页与卷内目录页码不符")
    counts: dict[str, list[int]] = {}
    for entry in entries:
        counts.setdefault(entry.name, []).append(entry.instance)
    for name, numbers in counts.items():
        if sorted(numbers) != list(range(1, len(numbers) + 1)):
            problems.append(f"{name} 的件号不连续：{sorted(numbers)}")
    return problems


def _meta(reader: PdfReader, key: str) -> str:
    meta = reader.metadata
    return str(meta.get(key, "")).strip() if meta is not None else ""


def _contents(path: Path, problems: list[str]) -> list[dict[str, Any]]:
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        problems.append(f"{path.name}：无法读取（{exc}）")
        return []
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        problems.append(f"{path.name}：应为对象列表")
        return []
    return rows


def _gaps(rows: list[dict[str, Any]], pages: int) -> list[str]:
    problems = []
    expected: int | None = None
    for row in rows:
        first, last = row.get("first_page"), row.get("last_page")
        if not isinstance(first, int) or not isinstance(last, int) or first > last:
            problems.append(f"{row.get('slug')}：页码范围无效")
            continue
        if expected is not None and first != expected:
            problems.append(f"{row.get('slug')}：页码不连续（应从第 {expected} 页起）")
        if last > pages:
            problems.append(f"{row.get('slug')}：页码超出文件页数 {pages}")
        expected = last + 1
    return problems


def _bookmarks(reader: PdfReader) -> Iterator[tuple[str, int]]:
    def walk(items: list[Any]) -> Iterator[tuple[str, int]]:
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                page = reader.get_destination_page_number(item)
                yield str(item.title), (page + 1 if page is not None else 0)

    try:
        yield from walk(reader.outline)
    except (PyPdfError, ValueError, KeyError):
        return


def _usability(reader: PdfReader, case: CaseFile) -> list[str]:
    problems = []
    missing: set[str] = set()
    texts = []
    for number, page in enumerate(reader.pages, start=1):
        missing.update(_unembedded(page.get("/Resources"), set()))
        try:
            texts.append(page.extract_text())
        except (PyPdfError, ValueError, KeyError) as exc:
            problems.append(f"第 {number} 页无法提取文字（{exc}）")
    problems += [f"字体未嵌入：{name}" for name in sorted(missing)]
    text = "".join("".join(texts).split())
    if not text:
        problems.append("无法提取任何文字")
    name = "".join((case.person.name or "").split())
    if name and name not in text:
        problems.append("提取的文字中没有本人姓名")
    return problems


def _unembedded(resources: Any, seen: set[int]) -> Iterator[str]:
    """Base names of fonts without a font file, in these resources and forms."""
    resources = _resolve(resources)
    if not isinstance(resources, DictionaryObject) or id(resources) in seen:
        return
    seen.add(id(resources))
    fonts = _resolve(resources.get("/Font"))
    for font in fonts.values() if isinstance(fonts, DictionaryObject) else []:
        font = _resolve(font)
        if _resolve(font.get("/Subtype")) == "/Type3":
            continue
        descendants = _resolve(font.get("/DescendantFonts"))
        target = _resolve(descendants[0]) if descendants else font
        descriptor = _resolve(target.get("/FontDescriptor"))
        if not isinstance(descriptor, DictionaryObject) or not any(
            k in descriptor for k in FONT_FILES
        ):
            yield str(font.get("/BaseFont", "?"))
    xobjects = _resolve(resources.get("/XObject"))
    for xobject in xobjects.values() if isinstance(xobjects, DictionaryObject) else []:
        xobject = _resolve(xobject)
        if xobject.get("/Subtype") == "/Form":
            yield from _unembedded(xobject.get("/Resources"), seen)


def _resolve(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _security(reader: PdfReader, case_name: str) -> list[str]:
    problems = sorted(set(_active(reader.trailer["/Root"], set())))
    try:
        names = set(reader.attachments)
    except (PyPdfError, ValueError, KeyError):
        names = set()
    problems += [f"嵌入了案卷数据以外的文件：{n}" for n in sorted(names - {case_name})]
    return problems


def _active(root: Any, seen: set[tuple[int, int]]) -> Iterator[str]:
    """Active content anywhere in the object graph, by the key or action found.

    Walked with a stack, not recursion: outline and page trees may be long.
    """
    stack = [root]
    while stack:
        value = stack.pop()
        if isinstance(value, IndirectObject):
            if (value.idnum, value.generation) in seen:
                continue
            seen.add((value.idnum, value.generation))
            value = value.get_object()
        if isinstance(value, DictionaryObject):
            for key, item in value.items():
                if key in ACTIVE_KEYS:
                    yield f"含有{ACTIVE_KEYS[key]}（{key}）"
                if key == "/S" and item in ACTIVE_ACTIONS:
                    yield f"含有{ACTIVE_KEYS.get(str(item), '动作')}（{item}）"
                if key not in ("/Parent", "/P", "/Prev", "/Last"):
                    stack.append(item)
        elif isinstance(value, ArrayObject):
            stack.extend(value)
