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
        self._single_words = frozenset(phrase[0] for phrase in entries if len(phrase) == 1)
        # for each word that starts a phrase, the words that can follow it in one
        second: dict[str, set[str]] = {}
        for phrase in entries:
            if phrase:
                following = second.setdefault(phrase[0], set())
                if len(phrase) > 1:
                    following.add(phrase[1])
        self._second_words = {word: frozenset(words) for word, words in second.items()}
        self.first_words = frozenset(second)  # a phrase can start only at these words
        # every proper prefix of a phrase: the words read so far may still grow into one
        self._continued = frozenset(phrase[:k] for phrase in entries for k in range(2, len(phrase)))

    def longest_at(self, words: Sequence[str], start: int, stop: int | None = None) -> int:
        """Length of the longest phrase at `start` (0 when none), not running past `stop`."""
        first = words[start]
        second = self._second_words.get(first)
        limit = len(words) if stop is None else stop
        if second is None or start >= limit:
            return 0
        longest = 1 if first in self._single_words else 0
        end = start + 1
        if end == limit or words[end] not in second:
            return longest
        entries, continued = self._entries, self._continued
        prefix: tuple[str, ...] = (first, words[end])
        end += 1
        while True:
            if prefix in entries:
                longest = end - start
            if end == limit or prefix not in continued:
                return longest
            prefix += (words[end],)
            end += 1

    def longest_everywhere(self, words: Sequence[str]) -> list[int]:
        """`longest_at` for every position of `words`."""
        first_words = self.first_words
        return [self.longest_at(words, k) if word in first_words else 0
                for k, word in enumerate(words)]  # fmt: skip

    def get(self, phrase: tuple[str, ...]) -> V | None:
        return self._entries.get(phrase)

    def __contains__(self, phrase: tuple[str, ...]) -> bool:
        return phrase in self._entries
