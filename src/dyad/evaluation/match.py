"""Matching coded events against gold: pure functions, no coding, no I/O.

The rules (the same as the project's quick dev scorer):

- actors are compared by country, the first three letters of their codes (`RUSGOV` is `RUS`),
  with `SCG` (Serbia and Montenegro) accepting `SRB` and `MNE`, and `NGO` accepting `IGO`;
- an event is in a gold event's sentence when, after quotes are straightened, whitespace
  collapsed and case folded, the first 40 characters of either text occur in the other;
- an event matches a gold event (or a forbidden one) when it is in its sentence (if the gold
  gives one), its CAMEO code starts with one of the gold roots, its source is the gold source and
  its target the gold target (any target when the gold gives none); `symmetric` gold also
  accepts source and target swapped;
- a sentence's event matches PLOVER gold when its CAMEO root maps to the gold PLOVER type
  (`ROOT_TO_PLOVER`), its source is among the gold sources and, where the gold names targets,
  its target among them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dyad.evaluation.gold import EventPattern, GoldEvent, SentenceGold
from dyad.record import EventRecord

#: The PLOVER gold standard's event types per CAMEO root (PLOVER's draft mapping: DEMAND =
#: 02/10, AGREE = 03/05, ..., ASSAULT = 18/20). Root 01 (statements) has no PLOVER type.
ROOT_TO_PLOVER: dict[str, frozenset[str]] = {
    "02": frozenset({"DEMAND"}),
    "03": frozenset({"AGREE"}),
    "04": frozenset({"CONSULT"}),
    "05": frozenset({"SUPPORT", "AGREE", "COOPERATE"}),
    "06": frozenset({"COOPERATE"}),
    "07": frozenset({"AID"}),
    "08": frozenset({"CONCEDE", "RETREAT"}),
    "09": frozenset({"INVESTIGATE"}),
    "10": frozenset({"DEMAND"}),
    "11": frozenset({"DISAPPROVE"}),
    "12": frozenset({"REJECT"}),
    "13": frozenset({"THREATEN"}),
    "14": frozenset({"PROTEST"}),
    "15": frozenset({"MOBILIZE"}),
    "16": frozenset({"SANCTION"}),
    "17": frozenset({"COERCE"}),
    "18": frozenset({"ASSAULT"}),
    "19": frozenset({"FIGHT"}),
    "20": frozenset({"ASSAULT", "FIGHT"}),
}

#: Country codes that stand for others too.
SAME_COUNTRY: dict[str, frozenset[str]] = {
    "SCG": frozenset({"SCG", "SRB", "MNE"}),
    "NGO": frozenset({"NGO", "IGO"}),
}

#: How many characters of a sentence's beginning are compared.
SENTENCE_PREFIX = 40

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def country(code: str | None) -> str:
    """The country part of an actor code: its first three letters, upper case."""
    return (code or "").upper()[:3]


def actor_in(code: str | None, gold: Iterable[str]) -> bool:
    """Whether an actor code's country is one of the gold codes' countries."""
    mine = country(code)
    return bool(SAME_COUNTRY.get(mine, frozenset({mine})) & {country(g) for g in gold})


def root_of(event: EventRecord) -> str:
    """The 2-digit CAMEO root of an event's code."""
    return str(event.code)[:2]


def flatten(text: str) -> str:
    """Text for comparison: straight quotes, single spaces, lower case."""
    return " ".join(text.translate(_QUOTES).split()).lower()


def same_sentence(sentence: str | None, starts: str) -> bool:
    """Whether a coded sentence is the one whose beginning gold gives (or the other way)."""
    a, b = flatten(sentence or ""), flatten(starts)
    return bool(a and b) and (b[:SENTENCE_PREFIX] in a or a[:SENTENCE_PREFIX] in b)


def in_sentence(event: EventRecord, pattern: EventPattern) -> bool:
    """Whether the event was coded in the pattern's sentence (any, if it names none)."""
    return not pattern.sentence_starts or same_sentence(event.sentence, pattern.sentence_starts)


def orientations(pattern: EventPattern) -> list[tuple[str, str]]:
    """The (source, target) pairs the pattern accepts: as given, and swapped if symmetric."""
    pairs = [(pattern.source, pattern.target)]
    if pattern.symmetric:
        pairs.append((pattern.target, pattern.source))
    return pairs


def actors_match(event: EventRecord, source: str, target: str) -> bool:
    """Whether the event's source is `source` and its target `target` ("" = any target)."""
    return actor_in(event.source, [source]) and (not target or actor_in(event.target, [target]))


def matches(event: EventRecord, pattern: EventPattern) -> bool:
    """Whether a coded event is the gold (or forbidden) event: sentence, root and actors."""
    if root_of(event) not in pattern.roots:
        return False
    if not in_sentence(event, pattern):
        return False
    return any(actors_match(event, s, t) for s, t in orientations(pattern))


@dataclass(frozen=True)
class FieldCheck:
    """Which fields of one coded event agree with a gold event of its sentence."""

    root: bool
    source: bool
    target: bool
    date: bool | None  # None when the gold does not fix the day

    @property
    def score(self) -> tuple[int, int]:
        """For choosing the nearest event: type and actors first, then the date."""
        return (self.root + self.source + self.target, int(bool(self.date)))


def check_fields(event: EventRecord, gold: GoldEvent) -> FieldCheck:
    """Each field of `event` against `gold` (the event is taken to be in gold's sentence);
    source and target are judged in the orientation that gets more of them right."""
    source, target = max(
        ((actor_in(event.source, [s]), not t or actor_in(event.target, [t]))
         for s, t in orientations(gold)),
        key=lambda pair: pair[0] + pair[1],
    )
    date = None if gold.date is None else event.date == gold.date
    return FieldCheck(root_of(event) in gold.roots, source, target, date)


def nearest(events: Iterable[EventRecord], gold: GoldEvent
            ) -> tuple[EventRecord, FieldCheck] | None:
    """The event of gold's sentence with the most fields right (the first of equals), or None
    when dyad coded no event in that sentence."""
    best: tuple[EventRecord, FieldCheck] | None = None
    for event in events:
        if not in_sentence(event, gold):
            continue
        check = check_fields(event, gold)
        if best is None or check.score > best[1].score:
            best = (event, check)
    return best


def plover_types(event: EventRecord) -> frozenset[str]:
    """The PLOVER gold-standard types an event's CAMEO root stands for."""
    return ROOT_TO_PLOVER.get(root_of(event), frozenset())


def type_right(event: EventRecord, gold: SentenceGold) -> bool:
    """Whether the event's CAMEO root maps to the sentence's gold PLOVER type."""
    return gold.event in plover_types(event)


def source_right(event: EventRecord, gold: SentenceGold) -> bool:
    """Whether the event's source is among the sentence's gold sources."""
    return actor_in(event.source, gold.sources)


def target_right(event: EventRecord, gold: SentenceGold) -> bool:
    """Whether the event's target is among the gold targets (any, when the gold names none)."""
    return not gold.targets or actor_in(event.target, gold.targets)


def sentence_match(event: EventRecord, gold: SentenceGold) -> bool:
    """Whether the event is the sentence's gold event: type, source and target right."""
    return type_right(event, gold) and source_right(event, gold) and target_right(event, gold)
