"""The ``rehab-archive`` command line.

Exit status (DESIGN.md): 0 ok, 1 findings or failures to report, 2 bad usage
or unreadable input. Each sub-command lives in ``archive/commands/<name>.py``
and provides ``register(subparsers)``, which sets ``run`` on its parser.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from typing import Any, NoReturn

from archive import audit
from archive.errors import ArchiveError

COMMANDS: dict[str, str] = {
    "sample": "写出合成人员的示例档案",
    "schema": "输出案卷文件的 JSON Schema",
    "validate": "校验案卷文件，逐项列出错误",
    "templates": "检查或生成文书模板",
    "build": "生成文书（.docx）并组成案卷 PDF",
    "check": "检查案卷的完整性和时序",
    "due": "列出即将到期和已逾期的事项",
    "demo": "在示例档案的副本上演示全部流程",
    "index": "建立或更新检索索引",
    "search": "检索全部案卷",
    "verify": "核对校验和；四性检测",
    "export": "导出加密副本以便发送",
}
"""Sub-commands, in the order ``--help`` lists them, with their one-line help.

Only the module of the command being run is imported: the others pull in
heavy libraries (reportlab, whoosh, jieba) that a quick ``validate`` or
``--version`` should not wait for.
"""

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
PRIVATE_UMASK = 0o077

log = logging.getLogger(__name__)


def version() -> str:
    try:
        return metadata.version("rehab-archive")
    except metadata.PackageNotFoundError:
        return "0+unknown"


class _ChineseHelp(argparse.HelpFormatter):
    def add_usage(
        self, usage: Any, actions: Any, groups: Any, prefix: Any = None
    ) -> None:
        super().add_usage(
            usage, actions, groups, "用法：" if prefix is None else prefix
        )


_USAGE_ERRORS = tuple(
    (re.compile(pattern), chinese)
    for pattern, chinese in (
        (r"the following arguments are required: (.+)", r"缺少必需的参数：\1"),
        (r"unrecognized arguments: (.+)", r"无法识别的参数：\1"),
        (r"ambiguous option: (\S+) could match (.+)", r"选项 \1 有歧义，可指 \2"),
        (r"argument (\S+): invalid choice: (.+) \(choose from (.+)\)",
         r"参数 \1 的取值 \2 无效，应为以下之一：\3"),
        (r"argument (\S+): invalid \S+ value: (.+)", r"参数 \1 的取值 \2 无效"),
        (r"argument (\S+): expected one argument", r"参数 \1 后面应有一个取值"),
        (r"argument (\S+): expected at least one argument",
         r"参数 \1 后面应至少有一个取值"),
        (r"argument (\S+): not allowed with argument (\S+)",
         r"参数 \1 不能与 \2 同时使用"),
        (r"argument (\S+): (.+)", r"参数 \1：\2"),
    )
)  # fmt: skip
"""argparse's own usage errors, in Chinese (the rest of a message is ours)."""


class ChineseParser(argparse.ArgumentParser):
    """An argument parser whose own words (usage, options, -h, errors) are Chinese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _ChineseHelp)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        for pattern, chinese in _USAGE_ERRORS:
            if pattern.fullmatch(message):
                message = pattern.sub(chinese, message)
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}：用法有误：{message}\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; the options of a command only when ``argv`` names it."""
    parser = ChineseParser(
        prog="rehab-archive",
        description="社区戒毒（康复）一人一档：案卷数据校验、文书生成、组卷、检索与合规检查。",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {version()}",
        help="显示版本号并退出",
    )
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default="zh",
        help="消息语言：zh 中文（默认）或 en 英文",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="输出更多日志（-vv 为调试级）；日志不含姓名和身份证号",
    )
    sub = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        required=True,
        title="命令",
        parser_class=ChineseParser,
    )
    chosen = _chosen_command(sys.argv[1:] if argv is None else argv)
    for name, summary in COMMANDS.items():
        if name == chosen:
            module = importlib.import_module(f"archive.commands.{name}")
            module.register(sub)
        else:
            sub.add_parser(name, help=summary)
    return parser


def _chosen_command(argv: Sequence[str]) -> str | None:
    """The first word of ``argv`` that names a command; ``None`` if none does."""
    for word in argv:
        if word in COMMANDS:
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")

    # Everything a command writes (out/, the index, the audit log) holds
    # personal data: readable by its owner only (DESIGN.md, "Principles").
    previous = os.umask(PRIVATE_UMASK)
    try:
        status = _run(args.run, args)
        audit.record_command(args, status)
    finally:
        os.umask(previous)
    return status


def _run(run: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return run(args)
    except ArchiveError as exc:
        print(f"rehab-archive: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("rehab-archive: 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
