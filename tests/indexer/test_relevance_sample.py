"""Relevance over the sample archive, with queries drawn from its case files.

Uses ``sample_archive/`` when it holds people, else a 15-person archive from
``archive.sample`` (seed 7). For each of the first people: the name, its
pinyin and initials, the last 6 of the ID number must bring the person into
the first five people listed; a phrase of a talk record must bring records
that hold it into the top 5 hits.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archive.sample import DEFAULT_AS_OF, write_sample
from forms import CaseFile, load_case
from indexer import INDEX_FOLDER, Index, SearchRequest, open_index
from indexer.analysis import name_pinyin
from indexer.records import document_text
from tests.indexer.conftest import office, sources

SAMPLE = Path(__file__).parents[2] / "sample_archive"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Index]:
    root = tmp_path_factory.mktemp("sample") / "archive"
    if any(SAMPLE.glob("*/case.yaml")):
        shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(".index", "out"))
    else:
        write_sample(root, 15, 7, DEFAULT_AS_OF)
    index = open_index(root / INDEX_FOLDER)
    index.update(sources(root), office(root))
    return root, index


def _cases(root: Path) -> dict[str, CaseFile]:
    return {s.slug: load_case(s.case_file) for s in sources(root)}


def _top_people(index: Index, query: str) -> list[str]:
    people: list[str] = []
    for hit in index.search(SearchRequest(query, limit=200)):
        if hit.person not in people:
            people.append(hit.person)
    return people[:5]


@pytest.mark.slow
def test_person_queries_find_the_person(sample: tuple[Path, Index]) -> None:
    root, index = sample
    misses = []
    for slug, case in list(_cases(root).items())[:8]:
        name, number = case.person.name or "", case.person.id_number or ""
        queries = [name, *name_pinyin(name)[:2]] + ([number[-6:]] if number else [])
        misses += [(q, slug) for q in queries if slug not in _top_people(index, q)]

    assert misses == []


@pytest.mark.slow
def test_talk_phrases_find_records_holding_them(sample: tuple[Path, Index]) -> None:
    """The sample's talk records repeat stock sentences, so every hit must hold it."""
    root, index = sample
    texts = {
        (slug, e.slug): document_text(e.document)
        for slug, case in _cases(root).items()
        for e in case.entries()
    }
    contents = {
        getattr(e.document, "content", None) or ""
        for case in _cases(root).values()
        for e in case.entries()
    }
    phrases = sorted(c[2:10] for c in contents if len(c) >= 10)[:6]
    assert len(phrases) >= 3

    for phrase in phrases:
        hits = index.search(SearchRequest(phrase, limit=5))
        assert hits, phrase
        assert all(phrase in texts[(h.person, h.entry)] for h in hits), phrase


def test_a_kind_query_finds_that_kind_and_not_records_filed_with_it(
    sample: tuple[Path, Index],
) -> None:
    _, index = sample
    letters = list(index.search(SearchRequest("kind:告诫书", limit=50)))
    assert letters
    assert {hit.entry_name for hit in letters} == {"warning_letter"}
    reports = list(index.search(SearchRequest("kind:police_report", limit=50)))
    assert reports
    assert {hit.entry_name for hit in reports} == {"police_report"}
