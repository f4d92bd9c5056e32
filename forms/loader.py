"""Reading case files and ``archive.yaml`` safely, reporting every problem at once.

The text becomes plain values in :mod:`forms.safeyaml`; here the file is read
(size and encoding checked), validated against its model, and every error is
turned into a :class:`~forms.errors.Problem` with its field path and line.
"""

from __future__ import annotations

import difflib
import gc
import types
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from forms.casefile import CaseFile
from forms.errors import CaseFileError, Problem
from forms.messages import expected
from forms.office import Office
from forms.safeyaml import Loc, Unusable, parse_json, parse_yaml, yaml_lines

MAX_BYTES = 5 * 1024 * 1024
"""Largest case file accepted: three full years of records take well under 1 MiB."""
CASE_NAMES = ("case.yaml", "case.yml", "case.json")

M = TypeVar("M", bound=BaseModel)


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
            data, lines = parse_json(text)
        else:
            data, lines = parse_yaml(text)
        if not isinstance(data, dict):
            raise Unusable("not_mapping")
    except Unusable as exc:
        zh, en = expected(exc.code, exc.context, exc.code)
        raise CaseFileError(
            [Problem(name, "", exc.code, zh, en, line=exc.line)]
        ) from None
    try:
        return model.model_validate(data)
    except ValidationError:
        pass
    return validate_data(
        data, model, name, yaml_lines(text) if lines is None else lines
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
            raise Unusable("file_too_large", limit=MAX_BYTES)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise Unusable("file_missing") from None
    except OSError as exc:
        raise Unusable(
            "file_unreadable", reason=exc.strerror or type(exc).__name__
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise Unusable("not_utf8", line=line, offset=exc.start) from None


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
