"""Chinese text analysis for the index: character bigrams, no dictionary.

Names of people and places, and words a segmenting dictionary does not know,
are cut differently inside a sentence than on their own, so a word index
misses them. Every run of Chinese characters is therefore indexed as
overlapping character bigrams (a one-character run as itself), and a query
run is matched as the phrase of its bigrams: whatever substring of two or
more characters a document contains is found, and only documents that hold
it as written (see :mod:`indexer._query`).

Earlier versions indexed jieba's words beside the bigrams, to rank documents
holding a query's longer words first. The phrase match ranks those documents
the same way without them; leaving them out made the index build about a
quarter faster and saves loading jieba's dictionary (about a second) for the
first query of every ``search`` run.

Runs of ASCII letters, digits and ``_`` stay whole and are lower-cased, so
glossary terms such as ``warning_letter`` and dates such as ``20250309`` are
single terms.

Positions are character offsets, so consecutive bigrams have consecutive
positions and a run's bigrams form a phrase.

Two implementations give the same terms: the whoosh analyzer
(:func:`chinese_analyzer`), which the query parser uses, and
:func:`index_terms`, a plain loop that the index build uses because it is
several times faster than whoosh's token stream (tests hold them equal).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from pypinyin import Style, lazy_pinyin
from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    Token,
    Tokenizer,
)

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(f"[{_HAN}]+|[A-Za-z0-9_]+")
_IS_HAN = re.compile(f"[{_HAN}]")


def is_han(text: str) -> bool:
    """Whether ``text`` starts with a Chinese character (a run is all one script)."""
    return _IS_HAN.match(text) is not None


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
