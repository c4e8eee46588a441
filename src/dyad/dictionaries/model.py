"""In-memory shapes of the PETRARCH dictionaries, shared by the parsers and the coder.

Every word is stored upper case; multi-word phrases are tuples of words (`_` and blanks
in the files both split words).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

Phrase = tuple[str, ...]

# ---------------------------------------------------------------- actors


@dataclass(frozen=True)
class CodeGroup:
    """One `[CODE ...]` group of an actor record; the dates are inclusive bounds."""

    code: str  # may hold several codes joined by "/" ("FRO/BIL/SAM"); "---" is a non-actor
    start: date | None = None
    end: date | None = None

    @property
    def restricted(self) -> bool:
        return self.start is not None or self.end is not None

    def holds_on(self, day: date) -> bool:
        if self.start is not None and day < self.start:
            return False
        return not (self.end is not None and day > self.end)


@dataclass
class ActorDictionary:
    """Actor names (phrases) mapped to their code groups in file order."""

    entries: dict[Phrase, list[CodeGroup]] = field(default_factory=dict)
    max_words: int = 0

    def add(self, phrase: Phrase, groups: list[CodeGroup]) -> None:
        self.entries.setdefault(phrase, []).extend(groups)
        self.max_words = max(self.max_words, len(phrase))

    def merge(self, other: ActorDictionary) -> None:
        for phrase, groups in other.entries.items():
            self.add(phrase, groups)

    def codes_for(self, phrase: Phrase, day: date | None) -> list[str] | None:
        """Codes of `phrase` on `day` (first restricted group that holds, else the default).

        Without a day (an undated document), the role the record gives as current: the
        open-ended group (`>date`) that starts last, so that a missing date does not turn a
        sitting president into a mere elite ("Vladimir Putin" is RUSGOV either way).

        Returns None when the phrase is unknown, [] when known but without a code for that
        day or marked `---` (a known non-actor).
        """
        groups = self.entries.get(phrase)
        if groups is None:
            return None
        chosen: CodeGroup | None = None
        if day is not None:
            chosen = next((g for g in groups if g.restricted and g.holds_on(day)), None)
        else:
            current = [g for g in groups if g.start is not None and g.end is None]
            chosen = max(current, key=lambda g: g.start or date.min) if current else None
        if chosen is None:
            chosen = next((g for g in groups if not g.restricted), None)
        if chosen is None or chosen.code == "---":
            return []
        return [c for c in chosen.code.split("/") if c]


# ---------------------------------------------------------------- agents


@dataclass(frozen=True)
class AgentCode:
    """An agent's code: `~GOV` appends GOV to the actor code, `IGO~` prefixes IGO."""

    code: str
    prefix: bool = False


@dataclass
class AgentDictionary:
    """Agent nouns (singular and plural phrases) mapped to their codes."""

    entries: dict[Phrase, AgentCode] = field(default_factory=dict)
    max_words: int = 0

    def add(self, phrase: Phrase, code: AgentCode) -> None:
        self.entries.setdefault(phrase, code)
        self.max_words = max(self.max_words, len(phrase))

    def merge(self, other: AgentDictionary) -> None:
        for phrase, code in other.entries.items():
            self.add(phrase, code)


# ---------------------------------------------------------------- discards


@dataclass(frozen=True)
class DiscardPhrase:
    """A phrase that voids a sentence (or, when `story` is true, its whole document)."""

    words: Phrase
    story: bool = False
    exact_last: bool = False  # the file wrote a trailing `_`: the last word may not be a stem


@dataclass
class DiscardList:
    phrases: list[DiscardPhrase] = field(default_factory=list)

    def merge(self, other: DiscardList) -> None:
        self.phrases.extend(other.phrases)


# ---------------------------------------------------------------- verbs


class Slot(Enum):
    """Actor tokens of P1 patterns."""

    SOURCE = "$"
    TARGET = "+"
    COMPOUND = "%"
    SKIP = "^"


@dataclass(frozen=True)
class Word:
    """A literal word (P2: the head of a noun phrase; P1: any token)."""

    text: str


@dataclass(frozen=True)
class SynsetRef:
    """`&LABEL`: any member of the synonym set."""

    label: str


@dataclass(frozen=True)
class AnyPhrase:
    """P2 `^`: any noun phrase."""


@dataclass(frozen=True)
class ActorSlot:
    """P1 `$ + % ^`: an actor noun phrase in a given role."""

    slot: Slot


@dataclass(frozen=True)
class NounPhrase:
    """P2 `{W1 ... Wn}`: a noun phrase headed by Wn that contains W1..Wn-1."""

    modifiers: tuple[Word | SynsetRef, ...]
    head: Word | SynsetRef


@dataclass(frozen=True)
class PrepPhrase:
    """P2 `(P X)`: a prepositional phrase with preposition P and, optionally, object X."""

    prep: str
    obj: Word | SynsetRef | NounPhrase | AnyPhrase | None = None


Element = Word | SynsetRef | AnyPhrase | ActorSlot | NounPhrase | PrepPhrase


@dataclass(frozen=True)
class PatternItem:
    """One element of a pattern and whether the next item must follow it directly (P1 `_`)."""

    element: Element
    joined_to_next: bool = False


@dataclass(frozen=True)
class EventCode:
    """`[A:B]`: A source→target, B target→source; None for an absent side, "---" for null."""

    forward: str | None
    reverse: str | None = None

    @property
    def is_null(self) -> bool:
        return (self.forward in (None, "---")) and (self.reverse in (None, "---"))


@dataclass(frozen=True)
class VerbPattern:
    """`- PRE * POST [CODE]`. PRE items are listed in sentence order (left to right)."""

    pre: tuple[PatternItem, ...]
    post: tuple[PatternItem, ...]
    code: EventCode
    line: int
    text: str
    verb_joined_to_pre: bool = False  # P1 `X_*`: the last PRE item sits right before the verb
    verb_joined_to_post: bool = False  # P1 `*_X`: the first POST item sits right after it


@dataclass
class VerbBlock:
    """A verb block: its name, its code and the patterns shared by all its verbs."""

    name: str
    code: EventCode
    patterns: list[VerbPattern] = field(default_factory=list)
    line: int = 0


@dataclass(frozen=True)
class VerbEntry:
    """One verb form as written in a block: its words, the verb word's index, its code."""

    words: Phrase  # e.g. ("CALL", "OFF") for +CALL_OFF inflected as ("CALLED", "OFF")
    verb_index: int  # which word is the verb (the `+`-marked one; 0 for one-word verbs)
    lemma: Phrase  # the base form as written on the verb line, e.g. ("CALL", "OFF")
    code: EventCode  # own code, else the block's
    block: VerbBlock
    line: int


@dataclass(frozen=True)
class Transformation:
    """`~ a (a b ATTACK) SAY = a b 015`: outer/inner source, target and verb, and the result."""

    outer_source: str
    inner_source: str
    inner_target: str
    inner_verb: str
    outer_verb: str
    result_source: str
    result_target: str
    result_code: str
    line: int


@dataclass
class VerbDictionary:
    """Synonym sets, verb forms (indexed by the inflected verb word) and transformations."""

    synsets: dict[str, list[Phrase]] = field(default_factory=dict)
    forms: dict[str, list[VerbEntry]] = field(default_factory=dict)
    blocks: list[VerbBlock] = field(default_factory=list)
    transformations: list[Transformation] = field(default_factory=list)
    style: str = "P2"  # "P1" (flat word patterns) or "P2" (phrase patterns)
    skipped_patterns: int = 0  # patterns with syntax this style cannot match

    def entries_for(self, verb_word: str) -> list[VerbEntry]:
        """Entries whose verb word is `verb_word` (upper case), multi-word ones first."""
        return self.forms.get(verb_word, [])

    def merge(self, other: VerbDictionary) -> None:
        """Add another dictionary's verbs and patterns; both files' patterns stay in play."""
        self.synsets.update({k: v for k, v in other.synsets.items() if k not in self.synsets})
        for word, entries in other.forms.items():
            mine = self.forms.setdefault(word, [])
            mine.extend(entries)
            mine.sort(key=lambda e: -len(e.words))
        self.blocks.extend(other.blocks)
        self.transformations.extend(other.transformations)
