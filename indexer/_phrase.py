"""An exact phrase of bigrams, matched with less work than whoosh's own.

whoosh matches a phrase through its general span machinery: for every
document holding all the words it builds span objects for each word and
walks them. At 1,000 people a common phrase of the talk records (吸毒人员) is
in some 10,000 documents, and that walk doubled the query's time. A phrase
here only needs "word k at position p + k", which :class:`_RunMatcher`
checks with set look-ups on the positions the term matchers already hold.
Scores are those of the ``And`` of the bigrams it reads (:func:`cover`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh import matching
from whoosh import query as wq


def cover(count: int) -> list[int]:
    """Which of ``count`` overlapping bigrams of a run are enough to match it.

    Every other bigram, and the last: 吸毒人员 is 吸毒 at p and 人员 at p + 2.
    A document holding those holds the whole run, and the matcher reads
    fewer posting lists (two instead of three for four characters).
    """
    chosen = list(range(0, count, 2))
    if chosen[-1] != count - 1:
        chosen.append(count - 1)
    return chosen


class BigramRun(wq.Phrase):  # type: ignore[misc]
    """A phrase whose words must stand at consecutive positions (``slop`` 1).

    Only the bigrams of :func:`cover` are matched and scored; all words must
    be in the index, so a run with a bigram no document has finds nothing.
    """

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        if self.slop != 1 or len(self.words) < 2:
            return super().matcher(searcher, context)
        field = searcher.schema[self.fieldname] if self.fieldname else None
        if field is None or not field.format.supports("positions"):
            return super().matcher(searcher, context)
        reader = searcher.reader()
        for word in self.words:
            if (self.fieldname, field.to_bytes(word)) not in reader:
                return matching.NullMatcher()
        offsets = cover(len(self.words))
        leaves = [
            wq.Term(self.fieldname, self.words[k]).matcher(searcher, context)
            for k in offsets
        ]
        found = _RunMatcher(leaves, offsets)
        if self.boost != 1.0:
            return matching.WrappingMatcher(found, boost=self.boost)
        return found


def _intersection(leaves: list[Any]) -> Any:
    joined = leaves[0]
    for leaf in leaves[1:]:
        joined = matching.IntersectionMatcher(joined, leaf)
    return joined


class _RunMatcher(matching.WrappingMatcher):  # type: ignore[misc]
    """The documents of the ``And`` of ``leaves`` in which they form the phrase.

    When the intersection stands on a document, every leaf stands on it too,
    so each leaf's positions there are at hand without another read.
    """

    def __init__(self, leaves: list[Any], offsets: list[int]) -> None:
        super().__init__(_intersection(leaves))
        self._leaves = leaves
        self._offsets = offsets
        self._find_next()

    def _holds(self) -> bool:
        first, *rest = (leaf.value_as("positions") for leaf in self._leaves)
        later = [
            (k, set(where)) for k, where in zip(self._offsets[1:], rest, strict=True)
        ]
        return any(all(p + k in where for k, where in later) for p in first)

    def _find_next(self) -> bool:
        child = self.child
        moved = False
        while child.is_active() and not self._holds():
            moved = child.next() or moved
        return moved

    def copy(self) -> _RunMatcher:
        return _RunMatcher([leaf.copy() for leaf in self._leaves], self._offsets)

    def replace(self, minquality: float = 0) -> Any:
        return self if self.is_active() else matching.NullMatcher()

    def reset(self) -> None:
        self.child.reset()
        self._find_next()

    def next(self) -> bool:
        moved = self.child.next()
        return self._find_next() or bool(moved)

    def skip_to(self, id: int) -> bool:
        moved = self.child.skip_to(id)
        return self._find_next() or bool(moved)

    def skip_to_quality(self, minquality: float) -> int:
        skipped = int(self.child.skip_to_quality(minquality))
        self._find_next()
        return skipped

    def all_ids(self) -> Iterator[int]:
        while self.is_active():
            yield self.id()
            self.next()
