"""Scoring event locations against hand-written gold (`dev/articles/locations.jsonl`).

A gold line names a text (`file`, relative to the gold file's folder, and its `doc_date`), the
place of its `dateline` (or null) and, per gold event (`sentence_starts`, `roots`), the
`place` its own sentence states (`written`, `country`, `names`: the city, division or region
names that count as right, `kind`) or null when the sentence states none; `optional` marks the
events reasonable coders would place differently, which are not scored.

Each gold event is scored once, against the coded events of its sentence whose roots it holds
(the one whose location is right, if several); coded events the gold does not have are not
scored. Where the sentence
states a place: is the country right, and where the gold names a city, division or region, is
it right. Where the sentence states none: the event has
no location, or the dateline's (when the text has one)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dyad.errors import InputFormatError
from dyad.geo.gazetteer import normalise
from dyad.geo.location import Location
from dyad.io.text import read_text_file
from dyad.record import Document, EventRecord


@dataclass(frozen=True)
class GoldEventPlace:
    """Where one gold event happened, as its sentence states it (place None: it does not)."""

    sentence_starts: str
    roots: tuple[str, ...]
    place: dict[str, Any] | None
    optional: bool = False


@dataclass(frozen=True)
class GoldText:
    """One text of the location gold."""

    file: str
    path: Path
    doc_date: date | None
    dateline: dict[str, Any] | None
    events: tuple[GoldEventPlace, ...]


@dataclass
class LocationScore:
    """Counts of the three location measures, and each wrong answer for reading."""

    stated: int = 0  # coded events whose sentence states a place with a country
    country_right: int = 0
    named: int = 0  # ... and a city, division or region
    name_right: int = 0
    unstated: int = 0  # coded events whose sentence states no place
    unstated_right: int = 0  # no location given (or the dateline's)
    not_coded: int = 0  # sentences stating a place where no gold event was coded
    wrong: list[str] = field(default_factory=list)

    def rates(self) -> dict[str, float]:
        """The three rates (0 where there is nothing to count)."""
        def rate(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0
        return {"country": rate(self.country_right, self.stated),
                "city_or_division": rate(self.name_right, self.named),
                "none_where_none": rate(self.unstated_right, self.unstated)}

    def to_dict(self) -> dict[str, Any]:
        """Every count, the rates and the wrong answers, JSON-ready."""
        return {"stated": self.stated, "country_right": self.country_right,
                "named": self.named, "name_right": self.name_right,
                "unstated": self.unstated, "unstated_right": self.unstated_right,
                "not_coded": self.not_coded, "rates": self.rates(), "wrong": self.wrong}


def read_location_gold(path: str) -> list[GoldText]:
    """The texts of a location gold file; a line that cannot be used is an
    `InputFormatError` (`file:line: why`)."""
    base = Path(path).parent
    texts = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            events = tuple(
                GoldEventPlace(e["sentence_starts"], tuple(e["roots"]), e.get("place"),
                               bool(e.get("optional", False)))
                for e in record["events"])
            day = date.fromisoformat(record["doc_date"]) if record.get("doc_date") else None
            texts.append(GoldText(record["file"], base / record["file"], day,
                                  record.get("dateline"), events))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputFormatError(path, f"not a location gold line ({exc})",
                                   line=number) from None
    return texts


def gold_documents(texts: Iterable[GoldText]) -> list[Document]:
    """The documents to code, one per gold text, as `dyad code FILE` reads them."""
    return [Document(id=t.file, text=read_text_file(str(t.path), default_date=t.doc_date).text,
                     date=t.doc_date, origin=str(t.path)) for t in texts]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).startswith(" ".join(b.split())[:60])


def score_locations(texts: list[GoldText], coded: list[list[EventRecord]]) -> LocationScore:
    """Score each text's coded events (in the gold's order) against its gold."""
    score = LocationScore()
    for text, events in zip(texts, coded, strict=True):
        matched: set[str] = set()
        found: dict[int, list[Location | None]] = {}
        for event in events:
            index = next((k for k, g in enumerate(text.events)
                          if _same(event.sentence, g.sentence_starts)
                          and event.root in g.roots), None)
            if index is not None and not text.events[index].optional:
                found.setdefault(index, []).append(event.location)
        for index, locations in found.items():
            gold = text.events[index]
            matched.add(gold.sentence_starts)
            _score_event(score, text, gold, _best(text, gold, locations))
        score.not_coded += len({g.sentence_starts for g in text.events
                                if g.place and not g.optional and g.place.get("country")}
                               - matched)
    return score


def _best(text: GoldText, gold: GoldEventPlace, locations: list[Location | None]
          ) -> Location | None:  # fmt: skip
    """Of the coded events matching one gold event ("McCormack says officials in Moscow have
    notified ...": the saying and the notifying), the one whose location is right, if any."""
    probe = LocationScore()
    for location in locations:
        before = probe.wrong[:]
        _score_event(probe, text, gold, location)
        if probe.wrong == before:
            return location
    return locations[0]


def _score_event(score: LocationScore, text: GoldText, gold: GoldEventPlace,
                 location: Location | None) -> None:
    where = f"{text.file}: {gold.sentence_starts[:60]}"
    got = (f"{location.written!r} → {location.name or '?'} {location.country or '?'} "
           f"({location.rule})" if location else "no location")
    place = gold.place
    if place is None:
        score.unstated += 1
        dateline = text.dateline
        right = location is None or (
            dateline is not None and location.rule == "dateline"
            and location.country == dateline.get("country"))
        score.unstated_right += right
        if not right:
            score.wrong.append(f"{where}: none stated, got {got}")
        return
    if place.get("country"):
        score.stated += 1
        right = location is not None and location.country == place["country"]
        score.country_right += right
        if not right:
            score.wrong.append(f"{where}: country {place['country']}, got {got}")
    names = {normalise(n) for n in place.get("names", ())}
    if names:
        score.named += 1
        right = location is not None and bool(
            {normalise(location.name), normalise(location.division)} & names)
        score.name_right += right
        if not right:
            score.wrong.append(f"{where}: {'/'.join(place['names'])}, got {got}")
