"""Reading case files and ``archive.yaml`` safely, reporting every problem at once.

YAML is composed by the C parser where available and then built into plain
values here, so that nothing but mappings, lists, text, numbers, true/false
and null can come out of a file: no Python objects, no anchors or aliases
(which is also what keeps an alias bomb from expanding), no duplicate keys.
Dates stay text until the models parse them, so a wrong date is reported
with its field path instead of failing the whole file.
"""

from __future__ import annotations

import difflib
import gc
import json
import types
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from yaml.constructor import SafeConstructor

from forms.casefile import CaseFile
from forms.errors import CaseFileError, Problem
from forms.messages import expected
from forms.office import Office

MAX_BYTES = 5 * 1024 * 1024
"""Largest case file accepted: three full years of records take well under 1 MiB."""
MAX_DEPTH = 32
CASE_NAMES = ("case.yaml", "case.yml", "case.json")

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]

_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = SafeConstructor()
_T = "tag:yaml.org,2002:"


class _Unusable(Exception):
    """Internal: the file cannot be read as data; carries the one problem."""

    def __init__(self, code: str, line: int | None = None, **context: object) -> None:
        super().__init__(code)
        self.code = code
        self.line = line
        self.context = context


def find_case_file(folder: Path) -> Path | None:
    """The case file of a person folder, or ``None`` if it has none."""
    for name in CASE_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def load_case(path: Path) -> CaseFile:
    """Load and validate one case file; :class:`CaseFileError` lists all problems."""
    return load_model(path, CaseFile)


def load_office(path: Path) -> Office:
    """Load and validate an ``archive.yaml``."""
    return load_model(path, Office)


def load_model(path: Path, model: type[M]) -> M:
    """Read ``path`` (YAML or JSON) and validate it as ``model``."""
    with _collector_paused():
        return _load_model(path, model)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while one file is read.

    Parsing allocates tens of thousands of short-lived, acyclic objects (YAML
    nodes and marks); each allocation burst would otherwise start collections
    that walk every object the program holds, which took about a third of the
    reading time. Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_model(path: Path, model: type[M]) -> M:
    name = str(path)
    try:
        text = _read_text(path)
        if path.suffix.lower() == ".json":
            data, lines = _parse_json(text)
        else:
            data, lines = _parse_yaml(text)
        if not isinstance(data, dict):
            raise _Unusable("not_mapping")
    except _Unusable as exc:
        zh, en = expected(exc.code, exc.context, exc.code)
        raise CaseFileError(
            [Problem(name, "", exc.code, zh, en, line=exc.line)]
        ) from None
    try:
        return model.model_validate(data)
    except ValidationError:
        pass
    return validate_data(
        data, model, name, _yaml_lines(text) if lines is None else lines
    )


def validate_data(
    data: dict[str, Any], model: type[M], file: str, lines: dict[Loc, int] | None = None
) -> M:
    """Validate parsed data as ``model``; every error becomes a :class:`Problem`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(err, model, file, lines or {}) for err in exc.errors()]
        raise CaseFileError(problems) from None


def format_path(loc: Loc) -> str:
    """``("tests", 3, "date")`` → ``tests[3].date``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _Unusable("file_too_large", limit=MAX_BYTES)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _Unusable("file_missing") from None
    except OSError as exc:
        raise _Unusable(
            "file_unreadable", reason=exc.strerror or type(exc).__name__
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise _Unusable("not_utf8", line=line, offset=exc.start) from None


def _parse_json(text: str) -> tuple[Any, dict[Loc, int] | None]:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in items:
            if key in seen:
                raise _Unusable("duplicate_key", key=key)
            seen[key] = value
        return seen

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise _Unusable("json_syntax", line=exc.lineno, reason=exc.msg) from None
    except RecursionError:
        raise _Unusable("too_deep", limit=MAX_DEPTH) from None
    return data, {}


def _parse_yaml(text: str) -> tuple[Any, dict[Loc, int] | None]:
    """Plain values of ``text``; the line map is left for :func:`_yaml_lines`."""
    root = _compose(text)
    if root is None:
        return {}, {}
    return _values(root, 0, set()), None


def _yaml_lines(text: str) -> dict[Loc, int]:
    """The line of every field path of ``text``, which parsed cleanly before."""
    root = _compose(text)
    lines: dict[Loc, int] = {}
    if root is not None:
        _build(root, (), lines, set())
    return lines


def _compose(text: str) -> yaml.Node | None:
    try:
        node: yaml.Node | None = yaml.compose(text, Loader=_FastLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        if "nesting depth" in str(exc.problem):
            raise _Unusable("too_deep", line=line, limit=MAX_DEPTH) from None
        raise _Unusable("yaml_syntax", line=line, reason=exc.problem or "") from None
    except yaml.YAMLError as exc:
        raise _Unusable("yaml_syntax", reason=str(exc)) from None
    except RecursionError:
        raise _Unusable("too_deep", limit=MAX_DEPTH) from None
    return node


class _FastLoader(_YAML_LOADER):  # type: ignore[misc]
    """The safe loader, with a shortcut past the implicit-tag regular expressions.

    A plain scalar whose first character starts none of the implicit resolvers
    (most text: names, places, Chinese records) can only be a string, so the
    resolver's regular expressions are skipped for it; every other scalar is
    resolved exactly as before.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return _T + "str"
            table = self.yaml_implicit_resolvers
            if value and value[0] not in table and None not in table:
                return _T + "str"
        elif not self.yaml_path_resolvers:
            return _T + ("seq" if kind is yaml.SequenceNode else "map")
        return super().resolve(kind, value, implicit)


def _values(node: yaml.Node, depth: int, seen: set[int]) -> Any:
    """Plain values of ``node``, refusing what :func:`_build` refuses, in order.

    The same walk as :func:`_build` without recording lines, which are only
    needed to report a validation error; plain text scalars, the bulk of a
    case file, are taken in the loop instead of through a call each.
    """
    if id(node) in seen:
        raise _Unusable("yaml_alias", line=node.start_mark.line + 1)
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _Unusable("too_deep", line=node.start_mark.line + 1, limit=MAX_DEPTH)
    cls = node.__class__
    if cls is _MAP:
        _plain(node, "map")
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _key(key_node, seen)
            if key in out:
                raise _Unusable("duplicate_key", line=key_node.start_mark.line + 1)
            if (
                value_node.__class__ is _SCALAR
                and value_node.tag == _STR
                and id(value_node) not in seen
                and depth < MAX_DEPTH
            ):
                seen.add(id(value_node))
                out[key] = value_node.value
            else:
                out[key] = _values(value_node, depth + 1, seen)
        return out
    if cls is _SEQ:
        _plain(node, "seq")
        return [_values(v, depth + 1, seen) for v in node.value]
    assert isinstance(node, yaml.ScalarNode)
    return node.value if node.tag == _STR else _scalar(node)


_MAP, _SEQ, _SCALAR = yaml.MappingNode, yaml.SequenceNode, yaml.ScalarNode
_STR = _T + "str"


def _build(node: yaml.Node, loc: Loc, lines: dict[Loc, int], seen: set[int]) -> Any:
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise _Unusable("yaml_alias", line=line)
    seen.add(id(node))
    if len(loc) > MAX_DEPTH:
        raise _Unusable("too_deep", line=line, limit=MAX_DEPTH)
    lines.setdefault(loc, line)

    if isinstance(node, yaml.MappingNode):
        _plain(node, "map")
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _key(key_node, seen)
            if key in out:
                raise _Unusable("duplicate_key", line=key_node.start_mark.line + 1)
            lines[(*loc, key)] = key_node.start_mark.line + 1
            out[key] = _build(value_node, (*loc, key), lines, seen)
        return out
    if isinstance(node, yaml.SequenceNode):
        _plain(node, "seq")
        return [_build(v, (*loc, i), lines, seen) for i, v in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node)


def _plain(node: yaml.Node, kind: str) -> None:
    if node.tag != _T + kind:
        raise _Unusable("yaml_tag", line=node.start_mark.line + 1, tag=node.tag)


def _key(node: yaml.Node, seen: set[int]) -> str:
    if id(node) in seen:
        raise _Unusable("yaml_alias", line=node.start_mark.line + 1)
    if node.tag == _T + "merge":
        raise _Unusable("yaml_alias", line=node.start_mark.line + 1)
    if not isinstance(node, yaml.ScalarNode):
        raise _Unusable("yaml_syntax", line=node.start_mark.line + 1, reason="key")
    seen.add(id(node))
    return str(node.value)


def _scalar(node: yaml.ScalarNode) -> Any:
    tag = node.tag
    if tag in (_T + "str", _T + "timestamp"):
        return node.value
    if tag == _T + "int":
        return _SCALARS.construct_yaml_int(node)
    if tag == _T + "float":
        return _SCALARS.construct_yaml_float(node)
    if tag == _T + "bool":
        return _SCALARS.construct_yaml_bool(node)
    if tag == _T + "null":
        return None
    raise _Unusable("yaml_tag", line=node.start_mark.line + 1, tag=tag)


def _problem(
    err: Any, model: type[BaseModel], file: str, lines: dict[Loc, int]
) -> Problem:
    ctx: dict[str, object] = dict(err.get("ctx") or {})
    code = str(err["type"])
    raw: Loc = tuple(err["loc"])
    if code == "extra_forbidden" and raw:
        # The last part is the unknown key as written, whatever it holds ("[" too).
        loc = (*_field_loc(model, raw[:-1]), raw[-1])
    else:
        loc = _field_loc(model, raw)
    zh, en = expected(code, ctx, str(err["msg"]))
    hint: dict[str, str] = {}
    found = ""
    if code == "extra_forbidden":
        nearest = difflib.get_close_matches(
            str(loc[-1]), _fields_at(model, loc[:-1]), n=1
        )
        if nearest:
            hint["suggest"] = nearest[0]
    elif "encoded" not in ctx:
        found = _show(err.get("input"))
    return Problem(
        file=file,
        path=format_path(loc),
        code=code,
        expected_zh=zh,
        expected_en=en,
        found=found,
        line=_line_of(loc, lines),
        hint=hint,
    )


def _field_loc(model: type[BaseModel], raw: Loc) -> Loc:
    """Drop the parts of pydantic's location that name no field.

    pydantic names the branch of a union or a validator chain in the location
    ("function-before[...]", "date", "none"); walking the models tells those
    apart from a field that happens to be called ``date``.
    """
    out: list[str | int] = []
    current: type[BaseModel] | None = model
    for part in raw:
        if isinstance(part, int):
            out.append(part)
        elif current is not None and part in current.model_fields:
            out.append(part)
            current = _model_in(current.model_fields[part].annotation)
        else:
            current = None if current is not None and "[" not in part else current
    return tuple(out)


def _line_of(loc: Loc, lines: dict[Loc, int]) -> int | None:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _show(value: object) -> str:
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return f"[…{len(value)} 项]"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        current = _model_in(info.annotation) if info is not None else None
    return list(current.model_fields) if current is not None else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    for candidate in _walk(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _walk(annotation: Any) -> Iterator[Any]:
    yield annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation):
        for arg in typing.get_args(annotation):
            yield from _walk(arg)
