"""Longest-match lookup of multi-word dictionary phrases over a sequence of words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Generic, TypeVar

V = TypeVar("V")


class PhraseIndex(Generic[V]):
    """Finds the longest dictionary phrase starting at a position of a word sequence.

    The words are read one at a time, as long as the words so far begin some longer phrase,
    so a lookup costs about one step per word matched.
    """

    def __init__(self, entries: Mapping[tuple[str, ...], V]) -> None:
        self._entries = entries
        self.first_words = frozenset(phrase[0] for phrase in entries if phrase)
        # every proper prefix of a phrase: the words read so far may still grow into one
        self._continued = frozenset(
            phrase[:k] for phrase in entries for k in range(1, len(phrase))
        )

    def longest_at(self, words: Sequence[str], start: int, stop: int | None = None) -> int:
        """Length of the longest phrase at `start` (0 when none), not running past `stop`."""
        if words[start] not in self.first_words:
            return 0
        limit = len(words) if stop is None else stop
        entries, continued = self._entries, self._continued
        longest = 0
        end = start + 1
        prefix: tuple[str, ...] = (words[start],)
        while end <= limit:
            if prefix in entries:
                longest = end - start
            if end == limit or prefix not in continued:
                break
            prefix += (words[end],)
            end += 1
        return longest

    def get(self, phrase: tuple[str, ...]) -> V | None:
        return self._entries.get(phrase)

    def __contains__(self, phrase: tuple[str, ...]) -> bool:
        return phrase in self._entries
