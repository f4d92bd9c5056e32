"""Errors of the ``forms`` package.

::

    FormsError                 base of everything this package raises
    └── CaseFileError          a file could not be loaded; carries every Problem

A :class:`Problem` is one thing wrong in one file: where (file, field path,
line), what was expected and what was found, in Chinese and English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["zh", "en"]


@dataclass(frozen=True)
class Problem:
    """One problem in one file. ``path`` is empty when the whole file is at fault."""

    file: str
    path: str
    code: str
    expected_zh: str
    expected_en: str
    found: str = ""
    line: int | None = None
    hint: dict[str, str] = field(default_factory=dict)

    def message(self, lang: Lang = "zh") -> str:
        """One line: where, what was expected, what was found."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.path:
            where += f": {self.path}"
        if lang == "zh":
            text = f"{where}：{self.expected_zh}"
            if self.found:
                text += f"；实际为 {self.found}"
            if "suggest" in self.hint:
                text += f"（是否应为 {self.hint['suggest']}？）"
            return text
        text = f"{where}: {self.expected_en}"
        if self.found:
            text += f"; found {self.found}"
        if "suggest" in self.hint:
            text += f" (did you mean {self.hint['suggest']}?)"
        return text

    def as_dict(self, lang: Lang = "zh") -> dict[str, object]:
        return {
            "file": self.file,
            "path": self.path,
            "line": self.line,
            "code": self.code,
            "expected": self.expected_zh if lang == "zh" else self.expected_en,
            "found": self.found,
            "message": self.message(lang),
        }


class FormsError(Exception):
    """Base of the errors raised by ``forms``."""


class CaseFileError(FormsError):
    """A case file or ``archive.yaml`` that cannot be used, with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.message("en") for p in problems))
        self.problems = problems
