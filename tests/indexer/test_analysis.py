"""Chinese analysis: bigrams and jieba words, pinyin of names."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.analysis import (
    chinese_analyzer,
    index_terms,
    name_pinyin,
    query_words,
    word_counts,
)


def _tokens(text: str, mode: str) -> list[str]:
    return [t.text for t in chinese_analyzer()(text, mode=mode)]


def _analyzer_terms(text: str, unigrams: bool) -> dict[str, list[int]]:
    terms: defaultdict[str, list[int]] = defaultdict(list)
    for token in chinese_analyzer(unigrams)(text, mode="index", positions=True):
        terms[token.text].append(token.pos)
    return dict(terms)


def test_query_is_cut_into_bigrams_only() -> None:
    assert _tokens("李卫东", "query") == ["李卫", "卫东"]


def test_bigram_terms_hold_no_dictionary_words() -> None:
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


def test_importing_the_search_modules_does_not_load_jieba() -> None:
    code = (
        "import sys, indexer._whoosh, indexer._query, indexer.analysis; "
        "print('jieba' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert done.stdout.strip() == "False"


def test_jieba_loads_quietly_with_its_cache_in_a_private_folder(
    tmp_path: Path,
) -> None:
    code = (
        "import jieba, os, stat; from indexer.analysis import word_counts; "
        "word_counts('派出所'); "
        "print(oct(stat.S_IMODE(os.stat(jieba.dt.tmp_dir).st_mode)))"
    )
    env = dict(os.environ, TMPDIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env
    )

    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.strip() == "0o700"
    assert any(tmp_path.glob("rehab-archive-*/jieba.cache"))


def test_word_counts_are_jiebas_search_words_of_two_or_more_characters() -> None:
    counts = word_counts("到派出所报到。派出所！ABC")

    assert counts == {"派出": 2, "派出所": 2}


def test_a_word_does_not_span_punctuation() -> None:
    assert "研究生" not in word_counts("研究，生命")


def test_query_words_are_the_longest_first_and_capped() -> None:
    assert query_words("研究生", 3) == ["研究生", "研究"]
    assert query_words("生命科学", 1) == ["生命科学"]


def test_a_snippet_never_cuts_a_match_at_its_edge() -> None:
    from indexer.snippet import snippet

    text = "甲" * 30 + "外出请假" + "乙" * 60
    shown = snippet(text, ["外出", "出请", "请假"], width=32)
    marked = [shown.text[s:e] for s, e in shown.spans]
    assert marked == ["外出请假"]

    edge = "外出" + "丙" * 77 + "外出" + "丁" * 20
    shown = snippet(edge, ["外出"], width=80)
    assert [shown.text[s:e] for s, e in shown.spans] == ["外出", "外出"]
