"""The query plan: a Chinese run must appear as written, jieba's words rank;
filters only filter."""

from __future__ import annotations

import copy
from pathlib import Path

from whoosh import query as wq

from indexer import INDEX_FOLDER, Index, SearchRequest, open_index
from indexer._phrase import cover
from indexer._query import parse, with_words
from tests.indexer.conftest import office, sources
from tests.indexer.factory import PEOPLE, write_archive


def test_cover_takes_every_other_bigram_and_the_last() -> None:
    assert cover(1) == [0]
    assert cover(2) == [0, 1]
    assert cover(3) == [0, 2]
    assert cover(4) == [0, 2, 3]


def test_a_run_is_found_where_it_is_written(index: Index) -> None:
    hits = index.search(SearchRequest("建筑工地打零工"))

    assert [(h.person, h.entry) for h in hits] == [("p001", "06-visit-1")]


def test_bigrams_of_a_run_apart_do_not_match_it(tmp_path: Path) -> None:
    people = copy.deepcopy(PEOPLE)
    people["p001"]["visits"][0]["content"] = "工地在北边，零工在南边。"
    root = write_archive(tmp_path, people)
    index = open_index(root / INDEX_FOLDER)
    index.update(sources(root), office(root))

    assert index.search(SearchRequest("工地零工")) == []
    assert index.search(SearchRequest("工地 零工"))[0].person == "p001"


def test_quoted_phrase_is_matched_as_written(index: Index) -> None:
    hits = index.search(SearchRequest('"按时参加尿检"'))

    assert hits
    assert all("按时参加尿检" in h.snippet.text for h in hits)


def test_searches_reuse_one_searcher_until_an_update(tmp_path: Path) -> None:
    root = write_archive(tmp_path)
    index = open_index(root / INDEX_FOLDER)
    index.update(sources(root), office(root))
    assert index.search(SearchRequest("奶茶店"))[0].person == "p002"

    path = root / "p002" / "case.yaml"
    path.write_text(path.read_text("utf-8").replace("奶茶店", "花店"), "utf-8")
    index.update(sources(root), office(root))

    assert index.search(SearchRequest("奶茶店")) == []
    assert index.search(SearchRequest("花店"))[0].person == "p002"
    index.close()


def test_a_word_of_the_office_name_is_searched_only_with_office(index: Index) -> None:
    assert index.search(SearchRequest("工作办公室")) == []
    assert len(index.search(SearchRequest("office:工作办公室", limit=5))) == 5


def test_a_real_word_ranks_before_the_same_characters_across_two_words(
    tmp_path: Path,
) -> None:
    # Both talk records hold 研究生 as written; jieba reads p002's as
    # 研究|生命科学. p002's record is the shorter, so bigrams alone rank it first.
    people = {slug: copy.deepcopy(PEOPLE[slug]) for slug in ("p001", "p002")}
    people["p001"]["visits"][0]["content"] = "本人说弟弟在外地读研究生，家里开支大。"
    people["p002"]["visits"][0]["content"] = "本人说想研究生命科学。"
    root = write_archive(tmp_path, people)
    index = open_index(root / INDEX_FOLDER)
    index.update(sources(root), office(root))

    hits = index.search(SearchRequest("研究生"))

    assert [(h.person, h.entry) for h in hits] == [
        ("p001", "06-visit-1"),
        ("p002", "06-visit-1"),
    ]
    assert hits[0].score > hits[1].score


def test_jieba_words_are_optional_terms_of_the_words_field(index: Index) -> None:
    searcher = index._current_searcher()  # type: ignore[attr-defined]
    parsed = with_words(parse(searcher.schema, "研究生 NOT 张三"), searcher.reader())

    assert isinstance(parsed, wq.AndMaybe)
    assert sorted(parsed.b.iter_all_terms()) == [
        ("words", "研究"),
        ("words", "研究生"),
    ]


def test_a_query_without_chinese_runs_has_no_jieba_words(index: Index) -> None:
    searcher = index._current_searcher()  # type: ignore[attr-defined]

    parsed = with_words(parse(searcher.schema, "zhangsan 0139"), searcher.reader())

    assert not isinstance(parsed, wq.AndMaybe)


def test_a_one_bigram_run_has_no_jieba_words(index: Index) -> None:
    searcher = index._current_searcher()  # type: ignore[attr-defined]
    parsed = with_words(parse(searcher.schema, "工地"), searcher.reader())

    assert not isinstance(parsed, wq.AndMaybe)
