"""Discard phrases: sentences (or whole stories) about sports, entertainment and the like."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dyad.dictionaries.model import DiscardList, DiscardPhrase

_GAP = "\x00"  # between two words of a phrase: any run of blanks
_EXACT = "\x01"  # after a last word written with a trailing `_`: a blank or . ! ? follows
_END = ""
_PIECES = {_GAP: r"\s+", _EXACT: r"(?=[\s.!?]|$)"}

Trie = dict[str, "Trie"]


# Python's regex compiler recurses once per nested group: a trie nests a group for each
# phrase that is the prefix of a longer one ("A", "A B", "A B C" ...). Deeper than this, the
# phrases are matched as one flat alternation instead (slower, and as right).
MAX_GROUP_NESTING = 50


def _phrase_regex(phrases: list[DiscardPhrase]) -> re.Pattern[str] | None:
    """One regex for all phrases, built from their trie so that it stays fast for hundreds."""
    if not phrases:
        return None
    trie: Trie = {}
    keys = []
    for phrase in phrases:
        key = _GAP.join(phrase.words) + (_EXACT if phrase.exact_last else "")
        keys.append(key)
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[_END] = {}
    body, nesting = _trie_regex(trie)
    if nesting > MAX_GROUP_NESTING:
        flat = sorted(set(keys), key=len, reverse=True)  # the longest phrase first, as the trie
        body = "(?:" + "|".join("".join(_PIECES.get(ch, re.escape(ch)) for ch in k) for k in flat)
        body += ")"
    return re.compile(r"(?<![A-Z0-9])" + body)


def _trie_regex(trie: Trie) -> tuple[str, int]:
    """The regex of a trie and how deep its groups nest, built bottom-up with an explicit stack
    (phrases can be long)."""
    built: dict[int, tuple[str, int]] = {}  # id(node) -> its regex, its nesting
    stack: list[tuple[Trie, bool]] = [(trie, False)]
    while stack:
        node, children_built = stack.pop()
        if not children_built:
            stack.append((node, True))
            stack.extend((child, False) for ch, child in node.items() if ch != _END)
            continue
        branches = [
            (_PIECES.get(ch, re.escape(ch)) + built[id(child)][0], built.pop(id(child))[1])
            for ch, child in sorted(node.items())
            if ch != _END
        ]
        if not branches:
            built[id(node)] = ("", 0)
            continue
        nesting = max(n for _, n in branches)
        if len(branches) == 1:
            body = branches[0][0]
        else:
            body, nesting = "(?:" + "|".join(b for b, _ in branches) + ")", nesting + 1
        built[id(node)] = ("(?:" + body + ")?", nesting + 1) if _END in node else (body, nesting)
    return built[id(trie)]


@dataclass
class DiscardMatcher:
    """Finds the first discard phrase in a text (case-insensitive, word-start anchored)."""

    discards: DiscardList
    _sentence: re.Pattern[str] | None = field(init=False, default=None)
    _story: re.Pattern[str] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        # Phoenix voids every sentence naming a year 1914-2013, or "weeks ago" / "years
        # later", to skip chronologies; dyad dates such events instead ("signed in 2003" is
        # an event of 2003, "arrests three weeks ago" of three weeks before the document),
        # so the phrases that only name a time go.
        phrases = [p for p in self.discards.phrases if not _names_a_time(p.words)]
        self._sentence = _phrase_regex([p for p in phrases if not p.story])
        self._story = _phrase_regex([p for p in phrases if p.story])

    def sentence_matches(self, text: str) -> list[tuple[int, int]]:
        """Character spans of every sentence-level discard phrase in `text`."""
        if self._sentence is None:
            return []
        return [m.span() for m in self._sentence.finditer(text.upper())]

    def story_phrase(self, text: str) -> str:
        """The story-level discard phrase found in `text`, or ""."""
        return _search(self._story, text)


_TIME_UNITS = frozenset({"DAYS", "WEEKS", "MONTHS", "YEARS", "DECADES"})


def _names_a_time(words: tuple[str, ...]) -> bool:
    """A bare year ("1998"), or a time from the document's date ("WEEKS AGO", "FIFTY YEARS
    AGO", "MONTHS LATER")."""
    if len(words) == 1 and len(words[0]) == 4 and words[0].isdigit():
        return True
    return len(words) >= 2 and words[-1] in ("AGO", "LATER") and words[-2] in _TIME_UNITS


def names_a_period(phrase: str) -> bool:
    """A discard phrase naming a period ("WORLD WAR II", "1990S"), not a topic like sports."""
    upper = phrase.upper()
    return any(ch.isdigit() for ch in upper) or " WAR" in f" {upper}"


def _search(pattern: re.Pattern[str] | None, text: str) -> str:
    if pattern is None:
        return ""
    found = pattern.search(text.upper())
    return found.group(0) if found else ""
