"""Chinese text analysis for the index: character bigrams, and jieba's words.

Names of people and places, and words a segmenting dictionary does not know,
are cut differently inside a sentence than on their own, so a word index
alone misses them. Every run of Chinese characters is therefore indexed as
overlapping character bigrams (a one-character run as itself), and a query
run is matched as the phrase of its bigrams: whatever substring of two or
more characters a document contains is found, and only documents that hold
it as written (see :mod:`indexer._query`). This is the required part of a
query, and it decides which documents are found.

jieba's search-mode words (``cut_for_search``) of the same text go into a
field of their own (``words``: frequencies, no positions, not stored), and
the query's Chinese runs get the same analysis: their words are optional
terms that only rank documents the bigram phrase already matched. They tell
a document where the query is a real word (他是研究生) from one where the
same characters straddle a word boundary (研究|生命科学), which bigrams
alone cannot: both hold 研究生 as written. Because they never select a
document, jieba cutting a query differently from the same words in a longer
sentence loses nothing; and since they are read only for matched documents,
with the caps of :func:`indexer._query.with_words`, they keep a query about
as fast as the bigrams alone.

jieba is imported and its dictionary loaded on first use, once per process
and quietly (:func:`ensure_jieba`), with its cache in a folder only this user
may write; a search without Chinese characters (pinyin, an ID number) never
loads it.

Runs of ASCII letters, digits and ``_`` stay whole and are lower-cased, so
glossary terms such as ``warning_letter`` and dates such as ``20250309`` are
single terms.

Positions are character offsets, so consecutive bigrams have consecutive
positions and a run's bigrams form a phrase.

Two implementations give the same bigram terms: the whoosh analyzer
(:func:`chinese_analyzer`), which the query parser uses, and
:func:`index_terms`, a plain loop that the index build uses because it is
several times faster than whoosh's token stream (tests hold them equal).
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from pypinyin import Style, lazy_pinyin
from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    Token,
    Tokenizer,
)

log = logging.getLogger(__name__)

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(f"[{_HAN}]+|[A-Za-z0-9_]+")
_HAN_RUN = re.compile(f"[{_HAN}]+")
_IS_HAN = re.compile(f"[{_HAN}]")

_jieba_lock = threading.Lock()
_jieba: Any = None


def is_han(text: str) -> bool:
    """Whether ``text`` starts with a Chinese character (a run is all one script)."""
    return _IS_HAN.match(text) is not None


def _jieba_cache_dir() -> Path:
    """A folder of this user's own for jieba's dictionary cache.

    jieba writes its cache in the shared temp folder by default and reads it
    back with ``marshal``: a cache another user could replace is not one to
    trust, so ours lives in a folder only we may write.
    """
    shared = Path(tempfile.gettempdir()) / f"rehab-archive-{os.getuid()}"
    try:
        shared.mkdir(mode=0o700, exist_ok=True)
        info = shared.stat()
        if info.st_uid == os.getuid() and not info.st_mode & 0o022:
            return shared
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="rehab-archive-jieba-"))


def ensure_jieba() -> Any:
    """jieba's tokenizer, its dictionary loaded once per process, quietly.

    jieba logs its loading progress to stderr through a handler of its own;
    raising its level keeps the command line's output clean. Index workers
    (started fresh) each load it on their first document.
    """
    global _jieba
    if _jieba is not None:
        return _jieba
    with _jieba_lock:
        if _jieba is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            jieba.dt.tmp_dir = str(_jieba_cache_dir())
            jieba.initialize()
            _jieba = jieba.dt
    return _jieba


def word_counts(text: str) -> Counter[str]:
    """jieba's search-mode words of two or more characters in ``text``, counted.

    Only Chinese runs are cut (each on its own, so a word never spans
    punctuation); one-character words are left out, the bigrams cover them.
    """
    counts: Counter[str] = Counter()
    for run in _HAN_RUN.findall(text):
        if len(run) > 1:
            counts.update(_run_words(run))
    return counts


@lru_cache(maxsize=8192)
def _run_words(run: str) -> tuple[str, ...]:
    """jieba's words of one run, kept: titles, choice labels and the stock
    phrases of records recur in thousands of documents."""
    return tuple(w for w in ensure_jieba().cut_for_search(run) if len(w) > 1)


def query_words(run: str, most: int) -> list[str]:
    """The ``most`` longest of jieba's words of one query run, longest first.

    A longer word says more about where the run stands in a sentence; the
    cap bounds how many posting lists a query reads.
    """
    words = sorted(word_counts(run), key=lambda w: (-len(w), w))
    return words[:most]


def index_terms(text: str, unigrams: bool = False) -> dict[str, list[int]]:
    """Each term of ``text`` as indexed, with its positions in ascending order.

    The same terms and positions as ``chinese_analyzer(unigrams)`` gives in
    index mode, made without whoosh's token objects.
    """
    terms: defaultdict[str, list[int]] = defaultdict(list)
    for match in _RUN.finditer(text):
        run, at = match.group(), match.start()
        if not _IS_HAN.match(run):
            terms[run.lower()].append(at)
        elif len(run) == 1:
            terms[run].append(at)
        else:
            for i in range(len(run) - 1):
                terms[run[i : i + 2]].append(at + i)
            if unigrams:
                for i, char in enumerate(run):
                    terms[char].append(at + i)
    return terms


class ScriptRunTokenizer(Tokenizer):  # type: ignore[misc]
    """Split text into runs of Chinese characters and runs of ASCII words.

    Each run becomes one token; :class:`ChineseFilter` then cuts the Chinese
    runs. Punctuation and spaces separate runs and are dropped.
    """

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for match in _RUN.finditer(value):
            token.text = match.group()
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = token.text
            if positions:
                token.pos = start_pos + match.start()
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


class ChineseFilter(Filter):  # type: ignore[misc]
    """Cut each Chinese run into overlapping bigrams (one character stays itself).

    With ``unigrams`` every character is indexed on its own as well, so that a
    surname alone (张) finds a name field; it is used for names only, where
    the text is short, and never at query time.
    """

    def __init__(self, unigrams: bool = False) -> None:
        self.unigrams = unigrams

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            run = token.text
            if not _IS_HAN.match(run):
                yield token
                continue
            base_pos = getattr(token, "pos", 0)
            base_char = getattr(token, "startchar", 0)
            pieces = list(_bigrams(run))
            if token.mode != "query" and self.unigrams and len(run) > 1:
                pieces += [(char, i, i + 1) for i, char in enumerate(run)]
            for text, start, end in pieces:
                token.text = text
                if token.positions:
                    token.pos = base_pos + start
                if token.chars:
                    token.startchar = base_char + start
                    token.endchar = base_char + end
                yield token


def _bigrams(run: str) -> Iterator[tuple[str, int, int]]:
    """(text, start, end) of the bigrams of ``run``; a single character alone."""
    if len(run) == 1:
        yield run, 0, 1
        return
    for i in range(len(run) - 1):
        yield run[i : i + 2], i, i + 2


def chinese_analyzer(unigrams: bool = False) -> Any:
    """The analyzer of every Chinese text field, at index and at query time."""
    return ScriptRunTokenizer() | ChineseFilter(unigrams) | LowercaseFilter()


def words_analyzer() -> Any:
    """What ``words:`` typed in a query looks up: each word as written."""
    return RegexTokenizer(r"\S+")


def latin_analyzer() -> Any:
    """Words of letters and digits, lower-cased: for the pinyin field."""
    return RegexTokenizer(r"[A-Za-z0-9]+") | LowercaseFilter()


def name_pinyin(name: str) -> list[str]:
    """How an inspector may type ``name`` in pinyin: 张三 → zhangsan, zs, zhang san.

    Characters pypinyin cannot read (letters, digits, rare characters) are kept
    as they are. Polyphonic surnames get pypinyin's most common reading only.
    """
    if not name:
        return []
    syllables = [s.lower() for s in lazy_pinyin(name, style=Style.NORMAL) if s.strip()]
    syllables = [s for s in syllables if s.isalnum()]
    if not syllables:
        return []
    initials = "".join(s[0] for s in syllables)
    forms = ["".join(syllables), initials, " ".join(syllables)]
    return list(dict.fromkeys(forms))
