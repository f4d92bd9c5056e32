"""``rehab-archive export PERSON --encrypt --out FILE``: an encrypted copy.

The password comes from the environment variable ``REHAB_ARCHIVE_PASSWORD``
or, at a terminal, from a prompt; never from the command line, where other
users of the machine can read it (``ps``). The copy is made only from an
archive copy whose checksum still matches its manifest, and never inside the
person's folder, where it would be taken for part of the archive.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from archive import paths
from archive.errors import UsageError
from archive.export import encrypted_copy, write_private
from archive.manifest import verify_fixity

PASSWORD_VARIABLE = "REHAB_ARCHIVE_PASSWORD"


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "export",
        help="导出加密副本以便发送",
        description="导出本人档案 PDF 的 AES-256 加密副本；档案保存版本保持不加密。",
    )
    parser.add_argument("person", type=Path, metavar="PERSON", help="本人目录")
    parser.add_argument(
        "--encrypt", action="store_true", required=True, help="加密（必选）"
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="加密副本的文件路径"
    )
    parser.add_argument("--force", action="store_true", help="覆盖已有的副本文件")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    people, roots = paths.resolve([args.person])
    if roots or len(people) != 1:
        raise UsageError(f"应为一个本人目录：{args.person}")
    person = people[0]
    pdf = person.path / "out" / f"{person.slug}.pdf"
    if not pdf.is_file():
        raise UsageError(f"{person.slug}：没有档案 PDF，请先运行 build")
    target: Path = args.out
    _check_target(target, person.path, args.force)
    _check_fixity(person.path, f"out/{pdf.name}")

    data = encrypted_copy(pdf, password())
    write_private(target, data)
    print(f"{person.slug}：已导出加密副本 {target}", file=sys.stderr)
    return 0


def password() -> str:
    """From the environment, else asked twice at a terminal."""
    given = os.environ.get(PASSWORD_VARIABLE)
    if given:
        return given
    if not sys.stdin.isatty():
        raise UsageError(
            f"请设置环境变量 {PASSWORD_VARIABLE}，或在终端中运行以输入口令"
        )
    first = getpass.getpass("口令：")
    if getpass.getpass("再次输入口令：") != first:
        raise UsageError("两次输入的口令不一致")
    return first


def _check_target(target: Path, person: Path, force: bool) -> None:
    if not target.parent.is_dir():
        raise UsageError(f"目录不存在：{target.parent}")
    if target.is_symlink() or target.is_dir():
        raise UsageError(f"不能写入：{target}")
    inside = target.parent.resolve()
    if inside == person.resolve() or person.resolve() in inside.parents:
        raise UsageError(f"加密副本不能放在本人目录内：{target}")
    if target.exists() and not force:
        raise UsageError(f"文件已存在：{target}（覆盖请加 --force）")


def _check_fixity(person: Path, name: str) -> None:
    report = verify_fixity(person)
    if name in report.changed or name in report.missing:
        raise UsageError(f"{person.name}：{name} 与校验清单不符，请先核查（verify）")
