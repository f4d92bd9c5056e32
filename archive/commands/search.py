"""``rehab-archive search QUERY``: find people and documents across the archive.

The archive root is ``--root``; without it, the current folder or the nearest
folder above it that holds ``archive.yaml`` or ``.index`` (like ``git`` finds
its repository). Each hit names the page of the assembled PDF,
``<root>/<person>/out/<person>.pdf#page=N``; before the PDF is assembled
(no ``out/contents.json``) the page is unknown and the hit says so.

ID numbers are shown masked. ``--show-id`` shows them whole, read from the
person's case file: the index itself never holds a whole number.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from archive import paths
from archive.errors import ArchiveError, UsageError
from archive.report import add_json_argument, print_json, whole_number
from forms import CaseFileError, find_case_file, load_case
from indexer import INDEX_FOLDER, Hit, IndexerError, SearchRequest, open_index


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "search",
        help="检索全部案卷",
        description=(
            "检索档案：姓名（汉字、全拼、首字母）、身份证号（全号或后4/6位）、文书种类、"
            "日期与文书内容。检索式可用字段，"
            "如 kind:告诫书 date:[20250101 to 20250630]。"
        ),
    )
    parser.add_argument("query", metavar="QUERY", help="检索式（检索词或字段式）")
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        metavar="DIR",
        help="档案根目录（默认：当前目录或其上级中含 archive.yaml 或 .index 的目录）",
    )
    parser.add_argument(
        "--kind",
        metavar="KIND",
        help="文书种类：术语（如 warning_letter）或中文名称（如 告诫书）",
    )
    parser.add_argument(
        "--from",
        dest="date_from",
        type=_date,
        metavar="DATE",
        help="文书日期不早于此日（YYYY-MM-DD 或 YYYYMMDD）",
    )
    parser.add_argument(
        "--to",
        dest="date_to",
        type=_date,
        metavar="DATE",
        help="文书日期不晚于此日（YYYY-MM-DD 或 YYYYMMDD）",
    )
    parser.add_argument("--person", metavar="SLUG", help="本人目录名（如 p001）")
    parser.add_argument(
        "--measure",
        metavar="MEASURE",
        help=(
            "措施：community_treatment（社区戒毒）或 community_rehab（社区康复），"
            "也可写中文"
        ),
    )
    parser.add_argument(
        "--limit",
        type=whole_number(1, 10000),
        default=20,
        metavar="N",
        help="最多列出的结果数（1 至 10000，默认 20）",
    )
    add_json_argument(parser)
    parser.add_argument("--show-id", action="store_true", help="显示完整身份证号")
    parser.set_defaults(run=run)


def _date(text: str) -> dt.date:
    for form in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"日期应写作 YYYY-MM-DD 或 YYYYMMDD：{text!r}")


def find_root(start: Path) -> Path:
    """The archive root at or above ``start``."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / INDEX_FOLDER).is_dir() or paths.office_file(folder):
            return folder
    raise UsageError(f"{start} 及其上级目录都不是档案根目录；请用 --root 指定")


def run(args: argparse.Namespace) -> int:
    root = args.root if args.root is not None else find_root(Path.cwd())
    if not root.is_dir():
        raise UsageError(f"档案根目录不存在：{root}")
    request = SearchRequest(
        query=args.query,
        kind=args.kind,
        date_from=args.date_from,
        date_to=args.date_to,
        person=args.person,
        measure=args.measure,
        limit=args.limit,
    )
    try:
        hits = open_index(root / INDEX_FOLDER).search(request)
    except IndexerError as exc:
        raise ArchiveError(str(exc)) from None

    ids = _whole_ids(root, hits) if args.show_id else {}
    if args.json:
        print_json(
            {"query": args.query, "hits": [_as_dict(root, h, ids) for h in hits]}
        )
    else:
        _print_text(root, hits, ids, args.lang)
    return 0


def pdf_link(root: Path, hit: Hit) -> str:
    """``<root>/<person>/out/<person>.pdf#page=N``; without ``#page`` when unknown."""
    pdf = root / hit.person / "out" / f"{hit.person}.pdf"
    return f"{pdf}#page={hit.pages.first}" if hit.pages else str(pdf)


def _whole_ids(root: Path, hits: list[Hit]) -> dict[str, str]:
    """Whole ID numbers by person, read from the case files of the hits."""
    ids: dict[str, str] = {}
    for person in {h.person for h in hits}:
        case_file = find_case_file(root / person)
        if case_file is None:
            continue
        try:
            number = load_case(case_file).person.id_number
        except CaseFileError:
            continue
        if number:
            ids[person] = number
    return ids


def _as_dict(root: Path, hit: Hit, ids: dict[str, str]) -> dict[str, Any]:
    return {
        "rank": hit.rank,
        "score": round(hit.score, 4),
        "person": hit.person,
        "name": hit.name,
        "id_number": ids.get(hit.person, hit.id_masked),
        "measure": hit.measure,
        "state": hit.state,
        "kind": hit.kind,
        "kind_label": hit.kind_label,
        "entry": hit.entry,
        "instance": hit.instance,
        "title": hit.title,
        "date": hit.date.isoformat() if hit.date else None,
        "first_page": hit.pages.first if hit.pages else None,
        "last_page": hit.pages.last if hit.pages else None,
        "pdf": pdf_link(root, hit),
        "snippet": hit.snippet.text,
        "matches": [list(span) for span in hit.snippet.spans],
    }


def _print_text(root: Path, hits: list[Hit], ids: dict[str, str], lang: str) -> None:
    en = lang == "en"
    if not hits:
        print("No hits." if en else "没有找到匹配的文书。")
        return
    for hit in hits:
        when = hit.date.isoformat() if hit.date else ("no date" if en else "无日期")
        if hit.pages is None:
            pages = "page unknown (PDF not assembled)" if en else "页码未知（尚未组卷）"
        # Pages of the PDF file, counted from its first page (the cover), as
        # the #page= link opens them; the printed 页号 start after the front matter.
        elif en:
            pages = f"PDF pages {hit.pages.first}-{hit.pages.last}"
        else:
            pages = f"PDF第{hit.pages.first}–{hit.pages.last}页"
        number = ids.get(hit.person, hit.id_masked)
        print(
            f"{hit.rank}. {hit.person} {hit.name} {number}  "
            f"{hit.title}（{hit.entry}）  {when}  {pages}"
        )
        if hit.snippet.text:
            print(f"   {hit.snippet.marked()}")
        print(f"   {pdf_link(root, hit)}")
