"""Snippets: the part of a document's text around what the query matched.

The matched spans are found by looking for the query's terms in the stored
text itself, not by re-running the analyzer: bigrams overlap, and marking the
overlapping tokens separately would print characters twice. Adjacent and
overlapping matches are merged, so 最近 + 近在 + 在工 becomes one 【最近在工】.
"""

from __future__ import annotations

from collections.abc import Iterable

from indexer.api import Highlight

WIDTH = 80
"""Characters of text a snippet shows."""


def spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Merged (start, end) spans of every occurrence of ``terms`` in ``text``."""
    lowered = text.lower()
    found: list[tuple[int, int]] = []
    for term in {t.lower() for t in terms if t}:
        start = lowered.find(term)
        while start >= 0:
            found.append((start, start + len(term)))
            start = lowered.find(term, start + 1)
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, terms: Iterable[str], width: int = WIDTH) -> Highlight:
    """About ``width`` characters of ``text`` around its densest run of matches.

    Without any match, the snippet is the beginning of the text. Line breaks
    between the form's values become spaces.
    """
    flat = " ".join(text.split())
    marks = spans(flat, terms)
    if not marks:
        return Highlight(_clip(flat, 0, width), [])

    best_start, best_count = marks[0][0], 0
    for start, _ in marks:
        count = sum(1 for s, e in marks if s >= start and e <= start + width)
        if count > best_count:
            best_start, best_count = start, count
    begin = max(0, min(best_start - width // 4, len(flat) - width))
    end = min(len(flat), begin + width)
    for s, e in marks:  # a match is shown whole, never cut at either edge
        if s < begin < e:
            begin = s
        if s < end < e:
            end = e

    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(flat) else ""
    shown = [
        (max(s, begin) - begin + len(prefix), min(e, end) - begin + len(prefix))
        for s, e in marks
        if s < end and e > begin
    ]
    return Highlight(prefix + flat[begin:end] + suffix, shown)


def _clip(text: str, begin: int, width: int) -> str:
    return text[begin : begin + width] + ("…" if len(text) > begin + width else "")
