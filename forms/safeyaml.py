"""Turning YAML and JSON text into plain values, and nothing else.

YAML is composed by the C parser where available and then built into plain
values here, so that nothing but mappings, lists, text, numbers, true/false
and null can come out of a file: no Python objects, no tags, no anchors or
aliases (which is also what keeps an alias bomb from expanding), no merge
keys, no duplicate keys, no nesting deeper than :data:`MAX_DEPTH`. Dates stay
text until the models parse them, so a wrong date is reported with its field
path instead of failing the whole file.

Line numbers cost a second walk, so they are worked out only when a file
turns out to be invalid (:func:`yaml_lines`).
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

MAX_DEPTH = 32
Loc = tuple[str | int, ...]

_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = SafeConstructor()
_T = "tag:yaml.org,2002:"


class Unusable(Exception):
    """The text cannot be read as data; carries the one problem (a messages code)."""

    def __init__(self, code: str, line: int | None = None, **context: object) -> None:
        super().__init__(code)
        self.code = code
        self.line = line
        self.context = context


def parse_json(text: str) -> tuple[Any, dict[Loc, int] | None]:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in items:
            if key in seen:
                raise Unusable("duplicate_key", key=key)
            seen[key] = value
        return seen

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise Unusable("json_syntax", line=exc.lineno, reason=exc.msg) from None
    except RecursionError:
        raise Unusable("too_deep", limit=MAX_DEPTH) from None
    return data, {}


def parse_yaml(text: str) -> tuple[Any, dict[Loc, int] | None]:
    """Plain values of ``text``; the line map is left for :func:`_yaml_lines`."""
    root = _compose(text)
    if root is None:
        return {}, {}
    return _values(root, 0, set()), None


def yaml_lines(text: str) -> dict[Loc, int]:
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
            raise Unusable("too_deep", line=line, limit=MAX_DEPTH) from None
        raise Unusable("yaml_syntax", line=line, reason=exc.problem or "") from None
    except yaml.YAMLError as exc:
        raise Unusable("yaml_syntax", reason=str(exc)) from None
    except RecursionError:
        raise Unusable("too_deep", limit=MAX_DEPTH) from None
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
        raise Unusable("yaml_alias", line=node.start_mark.line + 1)
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise Unusable("too_deep", line=node.start_mark.line + 1, limit=MAX_DEPTH)
    cls = node.__class__
    if cls is _MAP:
        _plain(node, "map")
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _key(key_node, seen)
            if key in out:
                raise Unusable("duplicate_key", line=key_node.start_mark.line + 1)
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
        raise Unusable("yaml_alias", line=line)
    seen.add(id(node))
    if len(loc) > MAX_DEPTH:
        raise Unusable("too_deep", line=line, limit=MAX_DEPTH)
    lines.setdefault(loc, line)

    if isinstance(node, yaml.MappingNode):
        _plain(node, "map")
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _key(key_node, seen)
            if key in out:
                raise Unusable("duplicate_key", line=key_node.start_mark.line + 1)
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
        raise Unusable("yaml_tag", line=node.start_mark.line + 1, tag=node.tag)


def _key(node: yaml.Node, seen: set[int]) -> str:
    if id(node) in seen:
        raise Unusable("yaml_alias", line=node.start_mark.line + 1)
    if node.tag == _T + "merge":
        raise Unusable("yaml_alias", line=node.start_mark.line + 1)
    if not isinstance(node, yaml.ScalarNode):
        raise Unusable("yaml_syntax", line=node.start_mark.line + 1, reason="key")
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
    raise Unusable("yaml_tag", line=node.start_mark.line + 1, tag=tag)
