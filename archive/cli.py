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
import sys
from collections.abc import Callable, Sequence
from importlib import metadata

from archive import audit
from archive.errors import ArchiveError

COMMANDS = (
    "sample",
    "schema",
    "validate",
    "templates",
    "build",
    "check",
    "due",
    "demo",
    "index",
    "search",
    "verify",
    "export",
)
"""Sub-commands in the order ``--help`` lists them."""

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
PRIVATE_UMASK = 0o077

log = logging.getLogger(__name__)


def version() -> str:
    try:
        return metadata.version("rehab-archive")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rehab-archive",
        description="社区戒毒(康复)一人一档：案卷数据校验、文书生成、组卷、检索与合规检查。",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default="zh",
        help="language of messages (default: zh)",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="more log output (-vv: debug)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"archive.commands.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
