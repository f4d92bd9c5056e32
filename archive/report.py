"""Printing what commands report: plain text for people, JSON for machines."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def print_json(value: Any) -> None:
    """Write ``value`` as UTF-8 JSON on stdout, Chinese unescaped."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def add_paths_argument(parser: argparse.ArgumentParser) -> None:
    """``PATH...``: person folders or archive roots, as every command takes them."""
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="本人目录或档案根目录（可多个）",
    )


def add_json_argument(parser: argparse.ArgumentParser) -> None:
    """``--json``: machine-readable output on a command that reports."""
    parser.add_argument(
        "--json", action="store_true", help="以 JSON 格式输出（供程序读取）"
    )


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type`` taking a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        value = int(text) if text.strip().lstrip("+-").isdecimal() else None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"应为 {low} 到 {high} 之间的整数：{text!r}"
            )
        return value

    return parse
