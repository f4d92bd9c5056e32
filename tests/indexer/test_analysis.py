"""Chinese analysis: bigrams at index and query time, pinyin of names."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.analysis import chinese_analyzer, index_terms, name_pinyin


def _tokens(text: str, mode: str) -> list[str]:
    return [t.text for t in chinese_analyzer()(text, mode=mode)]


def _analyzer_terms(text: str, unigrams: bool) -> dict[str, list[int]]:
    terms: defaultdict[str, list[int]] = defaultdict(list)
    for token in chinese_analyzer(unigrams)(text, mode="index", positions=True):
        terms[token.text].append(token.pos)
    return dict(terms)


def test_query_is_cut_into_bigrams_only() -> None:
    assert _tokens("李卫东", "query") == ["李卫", "卫东"]


def test_index_holds_the_bigrams_and_no_dictionary_words() -> None:
    tokens = _tokens("派出所接受吸毒检测", "index")

    assert "派出" in tokens and "出所" in tokens
    assert "派出所" not in tokens


def test_bigrams_of_a_run_have_consecutive_positions() -> None:
    assert index_terms("告诫书：派出所") == {
        "告诫": [0],
        "诫书": [1],
        "派出": [4],
        "出所": [5],
    }


def test_names_are_also_indexed_by_single_characters() -> None:
    terms = index_terms("欧阳晓燕", unigrams=True)

    assert terms["欧"] == [0] and terms["燕"] == [3]
    assert "欧阳" in terms


def test_ascii_words_stay_whole_and_lower_case() -> None:
    assert _tokens("Warning_Letter 20250309", "query") == [
        "warning_letter",
        "20250309",
    ]


def test_single_character_stays_itself() -> None:
    assert _tokens("张", "query") == ["张"]


_TEXT = st.text(
    alphabet=st.sampled_from(list("张三李卫东告诫书派出所年月日　，。、 Ab_9\n")),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, unigrams=st.booleans())
def test_fast_index_terms_equal_the_analyzer(text: str, unigrams: bool) -> None:
    assert dict(index_terms(text, unigrams)) == _analyzer_terms(text, unigrams)


def test_name_pinyin_gives_full_initials_and_spaced() -> None:
    assert name_pinyin("张三") == ["zhangsan", "zs", "zhang san"]


def test_a_search_does_not_load_jieba() -> None:
    code = (
        "import sys, indexer._whoosh, indexer._query, indexer.analysis; "
        "print('jieba' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert done.stdout.strip() == "False"
