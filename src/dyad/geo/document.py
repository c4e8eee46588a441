"""Locating the events of one document: clause places noted sentence by sentence while the
parse is at hand, resolved at the end with every country the document names, the dateline
for the events whose clause names no place."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from dyad.coding.actors import Mention
from dyad.coding.places import country_code
from dyad.coding.tokens import PlainToken
from dyad.geo.dateline import dateline_location
from dyad.geo.gazetteer import Gazetteer
from dyad.geo.locate import PlacePhrase, clause_places, doing_heads, event_heads, locate_event
from dyad.geo.location import Location
from dyad.record import Document, EventRecord

#: GDELT's quad classes of material acts (cooperation, conflict), which a place beside the
#: clause may place; not verbal ones ("accused militants hiding in Lebanon").
MATERIAL_QUADS = frozenset({2, 4})


class DocumentPlaces:
    """The place phrases of a document's events, and their resolution.

    Geolocation never fails a document: a place phrase or dateline that cannot be read leaves
    the event without a location."""

    def __init__(self, document: Document, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.phrases: dict[int, list[PlacePhrase]] = {}
        try:
            self.dateline: Location | None = dateline_location(document.text, gazetteer)
        except Exception:  # a malformed text: no dateline
            self.dateline = None

    def clause(
        self,
        verb: PlainToken,
        actor_heads: Sequence[PlainToken],
        mentions: dict[int, Mention],
        span_of: Callable[[int, int], tuple[int, int]],
    ) -> list[PlacePhrase]:
        """The place phrases of an event's clause (empty when they cannot be read)."""
        try:
            return clause_places(event_heads(verb, actor_heads), mentions, self.gazetteer,
                                 span_of, doing_heads(verb))
        except Exception:  # a parse the walk does not expect: no clause place
            return []

    def note(self, index: int, phrases: list[PlacePhrase]) -> None:
        """Remember the place phrases of the document's event number `index`."""
        if phrases:
            self.phrases[index] = phrases

    def locate(self, events: list[EventRecord], named: Iterable[str]) -> list[EventRecord]:
        """The events with their locations: the clause's place, else the dateline's."""
        countries = {e.source[:3] for e in events} | {e.target[:3] for e in events}
        countries |= set(named)
        if self.dateline is not None:
            countries.add(self.dateline.country)
        countries.discard("")
        located = []
        for n, event in enumerate(events):
            location = None
            phrases = [p for p in self.phrases.get(n, ())
                       if not p.material_only or event.quad_class in MATERIAL_QUADS]
            if phrases:
                try:
                    location = locate_event(phrases, {event.source[:3], event.target[:3]},
                                            countries, self.gazetteer)
                except Exception:  # never fail the document for its geography
                    location = None
            if location is None and _dateline_fits(event, self.dateline):
                location = self.dateline
            located.append(replace(event, location=location) if location else event)
        return located


def _dateline_fits(event: EventRecord, dateline: Location | None) -> bool:
    """Whether the dateline may place the event: not when both its actors are of countries
    and neither is the dateline's ("BANGKOK - police in Rangoon pushed back monks": a
    correspondent's city is not where a Burmese act happened)."""
    if dateline is None:
        return False
    countries = {country_code(event.source), country_code(event.target)}
    if "" in countries:
        return True
    return dateline.country in countries
