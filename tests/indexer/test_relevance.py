"""Relevance: each query finds the expected person or document in the top 5.

The queries cover what inspectors type (issue 6): a name in characters, in
pinyin and as initials; an ID number whole or by its last 4 or 6 characters;
a phrase from a talk record; a document kind with a date range; a place name;
a word from a warning letter. Expected hits are ``person`` or
``person/entry`` of the factory archive.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from indexer import Index, SearchRequest
from tests.indexer.factory import PEOPLE

ID = {slug: case["person"]["id_number"] for slug, case in PEOPLE.items()}

CASES: list[tuple[str, dict[str, Any], str]] = [
    # names
    ("张三", {}, "p001"),
    ("欧阳晓燕", {}, "p002"),
    ("晓燕", {}, "p002"),
    ("李卫东", {}, "p003"),
    ("卫东", {}, "p003"),
    ("李小东", {}, "p003"),
    ("王建国", {}, "p004"),
    ("欧阳", {}, "p002"),
    # pinyin and initials
    ("zhangsan", {}, "p001"),
    ("zhang san", {}, "p001"),
    ("ouyangxiaoyan", {}, "p002"),
    ("ou yang xiao yan", {}, "p002"),
    ("liweidong", {}, "p003"),
    ("lixiaodong", {}, "p003"),
    ("wangjianguo", {}, "p004"),
    ("zs", {}, "p001"),
    ("oyxy", {}, "p002"),
    ("lwd", {}, "p003"),
    ("wjg", {}, "p004"),
    # ID numbers: whole, last 6, last 4
    (ID["p001"], {}, "p001"),
    (ID["p001"][-6:], {}, "p001"),
    (ID["p001"][-4:], {}, "p001"),
    (ID["p002"][-4:], {}, "p002"),
    (ID["p003"][-4:], {}, "p003"),
    (ID["p003"][-4:].lower(), {}, "p003"),
    (ID["p004"][-6:], {}, "p004"),
    # phrases from talk and visit records
    ("建筑工地打零工", {}, "p001/06-visit-1"),
    ("与母亲同住", {}, "p001/06-visit-1"),
    ("作息规律", {}, "p001/06-visit-2"),
    ('"按时参加尿检"', {}, "p001/06-visit-2"),
    ("奶茶店当店员", {}, "p002/06-visit-1"),
    ("美容培训班", {}, "p002/06-visit-1"),
    ("汽修厂 工作认真", {}, "p004/06-visit-1"),
    # kind plus date
    ("kind:告诫书 date:[20250101 to 20250630]", {}, "p001/09-warning_letter-1"),
    ("kind:warning_letter date:[20220101 to 20221231]", {}, "p003/09-warning_letter-1"),
    ("kind:外出请假审批表", {}, "p002/10-leave_request-1"),
    ("kind:evaluation", {}, "p003/12-evaluation-1"),
    ("kind:解除通知书", {}, "p003/13-release_notice-1"),
    ("告诫", {"kind": "告诫书", "date_from": dt.date(2025, 1, 1)}, "p001"),
    ("谈话", {"measure": "community_rehab"}, "p002/06-visit-1"),
    ("走访", {"kind": "visit", "person": "p004"}, "p004/06-visit-1"),
    ("date:20250309", {}, "p001/09-warning_letter-1"),
    ("2025年3月9日", {}, "p001/09-warning_letter-1"),
    # place names
    ("东莞", {}, "p003/09-warning_letter-1"),
    ("岳阳", {}, "p002/10-leave_request-1"),
    ("望京街道", {}, "p002/11-transfer-1"),
    ("和平里派出所", {}, "p001/09-warning_letter-1"),
    ("朝阳分局", {}, "p001/01-decision-1"),
    # words of warning letters and other records
    ("电话关机", {}, "p001/09-warning_letter-1"),
    ("失联", {}, "p003/09-warning_letter-1"),
    ("逃避吸毒检测", {}, "p001/09-warning_letter-1"),
    ("未经批准", {}, "p003/09-warning_letter-1"),
    ("冰毒", {}, "p001/02-registration-1"),
    ("期满评价", {}, "p003/12-evaluation-1"),
    ("强制隔离戒毒", {}, "p004/13-termination-1"),
]


def _found(hits: list[Any], expected: str) -> bool:
    person, _, entry = expected.partition("/")
    return any(h.person == person and (not entry or h.entry == entry) for h in hits)


@pytest.mark.parametrize(("query", "filters", "expected"), CASES)
def test_query_finds_expected_hit_in_top_5(
    index: Index, query: str, filters: dict[str, Any], expected: str
) -> None:
    hits = index.search(SearchRequest(query, limit=5, **filters))

    assert _found(hits, expected), [(h.person, h.entry) for h in hits]


def test_there_are_at_least_40_relevance_queries() -> None:
    assert len(CASES) >= 40


def test_name_query_ranks_the_named_person_first(index: Index) -> None:
    hits = index.search(SearchRequest("李卫东"))

    assert {h.person for h in hits} == {"p003"}


def test_kind_filter_keeps_only_that_kind(index: Index) -> None:
    hits = index.search(SearchRequest("和平", kind="warning_letter"))

    assert hits
    assert {h.kind for h in hits} == {"warning_letter"}


def test_date_range_excludes_documents_outside_it(index: Index) -> None:
    hits = index.search(SearchRequest("kind:告诫书 date:[20250101 to 20250630]"))

    assert [(h.person, h.entry) for h in hits] == [("p001", "09-warning_letter-1")]
