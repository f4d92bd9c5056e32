"""``rehab-archive due``: what falls due or is overdue, per person, soonest first.

An item is a window of the schedule (test, talk, written report, 帮教,
evaluation) with no record yet that has closed (overdue) or is open or opens
within ``--within`` days (due), the report before the person has reported,
and the release at the term end. ``--ics FILE`` writes the items as an
iCalendar file (RFC 5545), written by hand here: all-day events on each
item's last day, CRLF line ends, lines folded at 75 octets, stable UIDs and a
DTSTAMP fixed from the as-of date, so the same data give the same file. The
calendar may leave the office machine: it names people only by their folder
slug, never by name or ID number.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from archive.commands.check import as_of_date, load
from archive.errors import UsageError
from archive.fsutil import write_atomic
from archive.report import add_json_argument, add_paths_argument, print_json
from validators.due import DueItem, due_items

PRODID = "-//rehab-archive//due//ZH"


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "due",
        help="列出即将到期和已逾期的事项",
        description="列出每人到期和逾期的检测、谈话、定期报告、帮教、评价和解除事项。",
    )
    add_paths_argument(parser)
    parser.add_argument(
        "--within",
        type=int,
        default=30,
        metavar="DAYS",
        help="列出今后多少天内到期的事项（默认 30）",
    )
    parser.add_argument(
        "--as-of",
        type=as_of_date,
        default=None,
        metavar="DATE",
        help="基准日 YYYY-MM-DD（默认当日）",
    )
    parser.add_argument(
        "--ics", type=Path, metavar="FILE", help="另写出 iCalendar 日历文件"
    )
    add_json_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.within < 0:
        raise UsageError("--within 应为不小于 0 的天数")
    as_of: dt.date = args.as_of or dt.date.today()
    loaded = load(args.paths)
    results = [
        (person.slug, due_items(case, policy, as_of, args.within))
        for person, case, policy in loaded.cases
    ]
    en = args.lang == "en"

    if args.ics is not None:
        write_ics(args.ics, results, as_of)
    if args.json:
        print_json(
            {
                "as_of": as_of.isoformat(),
                "within": args.within,
                "people": [
                    {"person": slug, "items": [_item_json(i, en) for i in items]}
                    for slug, items in results
                ],
                "unusable": [
                    {"file": name, "problems": [p.as_dict(args.lang) for p in probs]}
                    for name, probs in loaded.unusable
                ],
            }
        )
    else:
        _print_text(results, en)
        for name, problems in loaded.unusable:
            print(f"{name}: unusable" if en else f"{name}：无法读取")
            for p in problems:
                print("  " + p.message("en" if en else "zh"))
    return 2 if loaded.unusable else 0


def _item_json(item: DueItem, en: bool) -> dict[str, Any]:
    return {
        "what": item.what,
        "index": item.index,
        "start": item.start.isoformat(),
        "end": item.end.isoformat(),
        "status": "overdue" if item.overdue else "due",
        "label": item.label_en if en else item.label_zh,
    }


def _print_text(results: list[tuple[str, list[DueItem]]], en: bool) -> None:
    for slug, items in results:
        overdue = sum(1 for i in items if i.overdue)
        if en:
            print(f"{slug}: {overdue} overdue, {len(items) - overdue} due")
        else:
            print(f"{slug}：逾期 {overdue} 项，待办 {len(items) - overdue} 项")
        for i in items:
            status = (
                ("overdue" if en else "逾期")
                if i.overdue
                else ("due" if en else "待办")
            )
            label = i.label_en if en else i.label_zh
            print(f"  {status}  {i.end.isoformat()}  {label}")
    total = sum(len(items) for _, items in results)
    if en:
        print(f"{len(results)} file(s), {total} item(s).", file=sys.stderr)
    else:
        print(f"共 {len(results)} 份案卷，{total} 项。", file=sys.stderr)


def ics_text(results: list[tuple[str, list[DueItem]]], as_of: dt.date) -> str:
    """The iCalendar text: one all-day VEVENT per item, on the item's last day."""
    stamp = as_of.strftime("%Y%m%dT000000Z")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for slug, items in results:
        for item in items:
            prefix = "逾期：" if item.overdue else ""
            next_day = item.end + dt.timedelta(days=1)
            span = f"{item.start.isoformat()} – {item.end.isoformat()}"
            lines += [
                "BEGIN:VEVENT",
                f"UID:{slug}-{item.uid}@rehab-archive",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{item.end.strftime('%Y%m%d')}",
                f"DTEND;VALUE=DATE:{next_day.strftime('%Y%m%d')}",
                f"SUMMARY:{_escape(f'{slug} {prefix}{item.label_zh}')}",
                f"DESCRIPTION:{_escape(span)}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _escape(text: str) -> str:
    """TEXT escaping of RFC 5545 §3.3.11."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at ``limit`` octets, never inside a UTF-8 character."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        room = limit if not out else limit - 1  # continuation lines start with a space
        if size + width > room:
            out.append(current)
            current, size = "", 0
        current += ch
        size += width
    out.append(current)
    return "\r\n ".join(out)


def write_ics(
    target: Path, results: list[tuple[str, list[DueItem]]], as_of: dt.date
) -> None:
    """Write the calendar atomically: a temporary file beside it, then rename."""
    data = ics_text(results, as_of).encode("utf-8")
    folder = target.resolve().parent
    if not folder.is_dir():
        raise UsageError(f"目录不存在：{folder}")
    write_atomic(target, data, mode=0o644)
