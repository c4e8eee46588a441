"""Longest-match lookup of multi-word dictionary phrases over a sequence of words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Generic, TypeVar

V = TypeVar("V")


class PhraseIndex(Generic[V]):
    """Finds the longest dictionary phrase starting at a position of a word sequence."""

    def __init__(self, entries: Mapping[tuple[str, ...], V]) -> None:
        self._entries = entries
        lengths: dict[str, set[int]] = {}
        for phrase in entries:
            if phrase:
                lengths.setdefault(phrase[0], set()).add(len(phrase))
        self._lengths = {word: sorted(ls, reverse=True) for word, ls in lengths.items()}

    def longest_at(self, words: Sequence[str], start: int, stop: int | None = None) -> int:
        """Length of the longest phrase at `start` (0 when none), not running past `stop`."""
        limit = len(words) if stop is None else stop
        for length in self._lengths.get(words[start], ()):
            end = start + length
            if end <= limit and tuple(words[start:end]) in self._entries:
                return length
        return 0

    def get(self, phrase: tuple[str, ...]) -> V | None:
        return self._entries.get(phrase)
