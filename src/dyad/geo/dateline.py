"""The place of a document's dateline: "MOSCOW, March 3 (Reuters) -", "WASHINGTON, D.C. -",
"Vienna, Austria 18 October 2023", "New York, Dec 21 2010 9:10AM", a city alone on the line
above the date, or a United Nations statement's closing "New York, 22 February 2016". Only a
city the gazetteer resolves counts: a headline is not a dateline."""

from __future__ import annotations

import re

from dyad.geo.gazetteer import Gazetteer, Place, normalise
from dyad.geo.locate import location_of
from dyad.geo.location import Location
from dyad.geo.resolve import choose

#: How much of a document's beginning may hold its dateline, and how many of its first and
#: last lines are read.
DATELINE_CHARS = 400
HEAD_LINES = 6
TAIL_LINES = 2
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|"
          r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?")
_LINE = re.compile(
    r"\s*(?P<place>[^\W\d_][^,\d(\-–—\n]{0,40}?)"
    r"(?:\s*,\s*(?P<second>[^\W\d_][^,\d(\-–—\n]{0,30}?))?"
    rf"\s*(?P<rest>[,(\-–—]|\d|{_MONTH}\s|$)",
    re.IGNORECASE,
)
_DATE_START = re.compile(rf"\s*(?:\d|{_MONTH}\s|(?:mon|tues|wednes|thurs|fri|satur|sun)day)",
                         re.IGNORECASE)
_MONTH_ONLY = re.compile(rf"{_MONTH}", re.IGNORECASE)
_US_STATE_ABBREVIATIONS = {"dc": "District of Columbia"}


def dateline_location(text: str, gazetteer: Gazetteer) -> Location | None:
    """The location a document's dateline names (rule `dateline`), or None."""
    head = text[:DATELINE_CHARS]
    lines = _lines(head)
    tail = [(s, e, t) for s, e, t in _lines(text)[-TAIL_LINES:] if s >= DATELINE_CHARS]
    for n, (start, _end, line) in enumerate([*lines[:HEAD_LINES], *tail]):
        following = lines[n + 1][2] if n + 1 < len(lines) else ""
        found = _dateline(line, following, gazetteer)
        if found is not None:
            place, written = found
            offset = start + line.index(written)
            return location_of(place, written, (offset, offset + len(written)), "dateline")
    return None


def _lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    position = 0
    for raw in text.split("\n"):
        if raw.strip():
            out.append((position, position + len(raw), raw))
        position += len(raw) + 1
    return out


def _dateline(line: str, following: str, gazetteer: Gazetteer) -> tuple[Place, str] | None:
    match = _LINE.match(line)
    if match is None:
        return None
    place, second = match.group("place").strip(), (match.group("second") or "").strip()
    if second and _MONTH_ONLY.fullmatch(second):
        second = ""
    rest = match.group("rest")
    if not rest and not _DATE_START.match(following):
        return None  # a place alone on its line is a dateline only above a date
    if (len(place.split()) > 4 or not all(w[:1].isupper() for w in place.split())
            or _MONTH_ONLY.fullmatch(place) or _DATE_START.fullmatch(place)):
        return None  # "March 18, 2014" is a date, not March in Cambridgeshire
    evidence: set[str] = set()
    if second:
        state = _US_STATE_ABBREVIATIONS.get(normalise(second))
        for candidate in gazetteer.find(state or second):
            if candidate.kind in ("country", "division"):
                evidence.add(candidate.country)
    cities = [p for p in gazetteer.find(place) if p.kind == "city"]
    chosen = choose(cities, evidence)
    if chosen is None:
        return None
    written = match.group(0)[: match.end("second") if second else match.end("place")].strip()
    return chosen, written
