"""Typed gold records: what a gold file says dyad should (and should not) code.

Two formats (see `dyad.evaluation.read`):

- article gold: one line per text, with the events a careful coder finds in it (required or
  optional) and the events a careless coder would produce (forbidden);
- sentence gold (the PLOVER gold standard's shape): one line per sentence, with its PLOVER event
  type and the source and target actors' codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal


@dataclass(frozen=True)
class EventPattern:
    """Who did what to whom, as gold describes it: the fields an event is matched on.

    `sentence_starts` is the beginning of the sentence that states it ("" = any sentence);
    `target` "" accepts any target; `symmetric` accepts source and target swapped.
    """

    source: str
    target: str
    roots: tuple[str, ...]
    sentence_starts: str = ""
    symmetric: bool = False


@dataclass(frozen=True)
class GoldEvent(EventPattern):
    """An event the text states: required, or `optional` where reasonable coders disagree."""

    date: str | None = None  # YYYY-MM-DD, or None when the text does not fix the day
    optional: bool = False
    note: str = ""


@dataclass(frozen=True)
class ForbiddenEvent(EventPattern):
    """An event the text does not state but a careless coder would produce (negated, denied,
    only demanded, swapped roles...), and why it is wrong."""

    why: str = ""


@dataclass(frozen=True)
class GoldAgreement:
    """An agreement the text states, with its parties and its status after the text."""

    name: str
    parties: tuple[str, ...]  # country-level codes ("IGO" for international bodies)
    status: str  # signed | ratified | in force | suspended | withdrawn | terminated | unknown
    signed: str = ""  # year, "" when the text does not give it
    evidence_starts: str = ""
    note: str = ""


@dataclass(frozen=True)
class GoldInstitution:
    """An institution the text states, with its owner and its status after the text."""

    name: str
    owner: str  # country code, "" for an international body
    status: str  # operating | suspended | closed | unknown
    evidence_starts: str = ""
    note: str = ""


@dataclass(frozen=True)
class GoldClaim:
    """A claim the text reports, who made it, its standing and who answered it."""

    claim: str  # a paraphrase
    made_by: str  # free text, often a code ("TCD", "IGO (Security Council)")
    status: str  # asserted | refuted | confirmed | disputed
    by: str = ""  # who confirmed, refuted or disputed it ("" when nobody answered)


@dataclass(frozen=True)
class ArticleGold:
    """One text and its gold: events, forbidden events and the knowledge it states."""

    file: str  # as the gold file gives it (relative to the gold file's folder)
    path: Path  # where the text lies
    line: int  # line of the gold file
    title: str = ""
    doc_date: str | None = None
    events: tuple[GoldEvent, ...] = ()
    forbidden: tuple[ForbiddenEvent, ...] = ()
    agreements: tuple[GoldAgreement, ...] = ()
    institutions: tuple[GoldInstitution, ...] = ()
    claims: tuple[GoldClaim, ...] = ()

    @property
    def required(self) -> tuple[GoldEvent, ...]:
        """The events a coder must find."""
        return tuple(e for e in self.events if not e.optional)

    @property
    def optional(self) -> tuple[GoldEvent, ...]:
        """The events a coder may find."""
        return tuple(e for e in self.events if e.optional)


@dataclass(frozen=True)
class SentenceGold:
    """One sentence with its expert coding: PLOVER type, source and target country codes."""

    id: str
    text: str
    event: str  # PLOVER event type, e.g. "THREATEN"
    sources: tuple[str, ...]
    targets: tuple[str, ...]  # () = the gold names no target: any target is right
    line: int
    date: str | None = None


GoldKind = Literal["articles", "sentences"]


@dataclass(frozen=True)
class ArticleGoldFile:
    """An article gold file: one `ArticleGold` per line."""

    path: Path
    articles: tuple[ArticleGold, ...]
    kind: Literal["articles"] = "articles"


@dataclass(frozen=True)
class SentenceGoldFile:
    """A sentence gold file: one `SentenceGold` per line."""

    path: Path
    sentences: tuple[SentenceGold, ...]
    kind: Literal["sentences"] = "sentences"


GoldFile = ArticleGoldFile | SentenceGoldFile
