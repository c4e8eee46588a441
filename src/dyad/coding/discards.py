"""Discard phrases: sentences (or whole stories) about sports, entertainment and the like."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dyad.dictionaries.model import DiscardList


def _pattern(words: tuple[str, ...], exact_last: bool) -> str:
    body = r"\s+".join(re.escape(w) for w in words)
    tail = r"(?=[\s.!?]|$)" if exact_last else ""
    return r"(?<![A-Z0-9])" + body + tail


@dataclass
class DiscardMatcher:
    """Finds the first discard phrase in a text (case-insensitive, word-start anchored)."""

    discards: DiscardList
    _sentence: re.Pattern[str] | None = field(init=False, default=None)
    _story: re.Pattern[str] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        # Phoenix voids every sentence naming a year 1914-2013 to skip chronologies; dyad
        # dates such events instead ("signed in 2003" is an event of 2003), so bare years go.
        phrases = [p for p in self.discards.phrases if not _bare_year(p.words)]
        sentence = [_pattern(p.words, p.exact_last) for p in phrases if not p.story]
        story = [_pattern(p.words, p.exact_last) for p in phrases if p.story]
        self._sentence = re.compile("|".join(sentence)) if sentence else None
        self._story = re.compile("|".join(story)) if story else None

    def sentence_phrase(self, text: str) -> str:
        """The sentence-level discard phrase found in `text`, or ""."""
        return _search(self._sentence, text)

    def sentence_matches(self, text: str) -> list[tuple[int, int]]:
        """Character spans of every sentence-level discard phrase in `text`."""
        if self._sentence is None:
            return []
        return [m.span() for m in self._sentence.finditer(text.upper())]

    def story_phrase(self, text: str) -> str:
        """The story-level discard phrase found in `text`, or ""."""
        return _search(self._story, text)


def _bare_year(words: tuple[str, ...]) -> bool:
    return len(words) == 1 and len(words[0]) == 4 and words[0].isdigit()


def names_a_period(phrase: str) -> bool:
    """A discard phrase naming a period ("WORLD WAR II", "1990S"), not a topic like sports."""
    upper = phrase.upper()
    return any(ch.isdigit() for ch in upper) or " WAR" in f" {upper}"


def _search(pattern: re.Pattern[str] | None, text: str) -> str:
    if pattern is None:
        return ""
    found = pattern.search(text.upper())
    return found.group(0) if found else ""
