"""Chinese analysis: bigrams always, jieba words when indexing, pinyin of names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jieba

import indexer
from indexer.analysis import chinese_analyzer, ensure_jieba, name_pinyin


def _tokens(text: str, mode: str) -> list[str]:
    return [t.text for t in chinese_analyzer()(text, mode=mode)]


def test_query_is_cut_into_bigrams_only() -> None:
    assert _tokens("李卫东", "query") == ["李卫", "卫东"]


def test_index_adds_jieba_words_beside_the_bigrams() -> None:
    tokens = _tokens("派出所接受吸毒检测", "index")

    assert "派出" in tokens and "出所" in tokens
    assert "派出所" in tokens


def test_ascii_words_stay_whole_and_lower_case() -> None:
    assert _tokens("Warning_Letter 20250309", "query") == [
        "warning_letter",
        "20250309",
    ]


def test_single_character_stays_itself() -> None:
    assert _tokens("张", "query") == ["张"]


def test_name_pinyin_gives_full_initials_and_spaced() -> None:
    assert name_pinyin("张三") == ["zhangsan", "zs", "zhang san"]


def test_jieba_loads_quietly_in_a_fresh_process() -> None:
    code = "from indexer.analysis import ensure_jieba; ensure_jieba()"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert done.stderr == ""


def test_jieba_cache_is_not_in_the_package_folder() -> None:
    ensure_jieba()
    package = Path(indexer.__file__).parent

    assert not Path(jieba.dt.tmp_dir).resolve().is_relative_to(package)
    assert not Path(jieba.__file__).parent.joinpath("jieba.cache").exists()
