"""Printing what commands report: plain text for people, JSON for machines."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(value: Any) -> None:
    """Write ``value`` as UTF-8 JSON on stdout, Chinese unescaped."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def paths_argument_help(lang: str = "zh") -> str:
    return "本人目录或档案根目录（可多个）"
