"""Chinese text analysis for the index: jieba words plus character bigrams.

Names of people and places, and words jieba's dictionary does not know, are
often segmented differently inside a sentence than on their own, so a word
index alone misses them. Every run of Chinese characters is therefore also
indexed as overlapping character bigrams (a one-character run as itself), and
a query is matched on its bigrams: whatever substring of two or more
characters a document contains is found. jieba's words (``cut_for_search``)
are indexed beside the bigrams, so that a query word jieba recognises also
ranks the documents holding that exact word higher (see :func:`jieba_words`).

Runs of ASCII letters, digits and ``_`` stay whole and are lower-cased, so
glossary terms such as ``warning_letter`` and dates such as ``20250309`` are
single terms.

Positions are character offsets, so consecutive bigrams have consecutive
positions and a quoted phrase matches text in which it appears as written.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jieba
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
_IS_HAN = re.compile(f"[{_HAN}]")

_jieba_lock = threading.Lock()
_jieba_ready = False


def _jieba_cache_dir() -> Path:
    """A folder of this user's own for jieba's dictionary cache.

    jieba writes its cache beside the package or in the shared temp folder by
    default, and reads it back with ``marshal``: a cache another user could
    replace is not one to trust, so ours lives in a folder only we may write.
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


def ensure_jieba() -> None:
    """Load jieba's dictionary once per process, quietly.

    jieba logs its loading progress to stderr at DEBUG level through its own
    handler; raising its level keeps the command line's output clean.
    """
    global _jieba_ready
    if _jieba_ready:
        return
    with _jieba_lock:
        if _jieba_ready:
            return
        jieba.setLogLevel(logging.WARNING)
        jieba.dt.tmp_dir = str(_jieba_cache_dir())
        jieba.initialize()
        _jieba_ready = True


def jieba_words(text: str) -> list[str]:
    """jieba's search-mode words of two or more characters in ``text``, in order."""
    ensure_jieba()
    words: list[str] = []
    for match in _RUN.finditer(text):
        run = match.group()
        if not _IS_HAN.match(run):
            continue
        for word in jieba.cut_for_search(run, HMM=True):
            if len(word) >= 2 and word not in words:
                words.append(word)
    return words


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
    """Cut each Chinese run into bigrams, and when indexing also into jieba words.

    In ``query`` mode only bigrams are produced (a one-character run stays as
    it is), because jieba may cut a query differently from the same words in a
    longer sentence; requiring its words would lose documents.

    With ``unigrams`` every character is indexed on its own as well, so that a
    surname alone (张) finds a name field; it is used for names only, where
    the text is short.
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
            indexing = token.mode != "query"
            pieces = list(_pieces(run, indexing))
            if indexing and self.unigrams and len(run) > 1:
                pieces += [(char, i, i + 1) for i, char in enumerate(run)]
            for text, start, end in pieces:
                token.text = text
                if token.positions:
                    token.pos = base_pos + start
                if token.chars:
                    token.startchar = base_char + start
                    token.endchar = base_char + end
                yield token


def _pieces(run: str, indexing: bool) -> Iterator[tuple[str, int, int]]:
    """(text, start, end) of the bigrams of ``run``, then of its jieba words."""
    if len(run) == 1:
        yield run, 0, 1
        return
    seen: set[tuple[str, int]] = set()
    for i in range(len(run) - 1):
        seen.add((run[i : i + 2], i))
        yield run[i : i + 2], i, i + 2
    if not indexing:
        return
    ensure_jieba()
    for word, start, end in jieba.tokenize(run, mode="search", HMM=True):
        if (word, start) not in seen and len(word) != 2:
            seen.add((word, start))
            yield word, start, end


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
