"""The event filters of the web UI and the API as query-string fields, read into an
`EventFilter`, and the links that add, drop or change one of them.

A field left empty filters nothing. A bad value is a QueryError (400) naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from urllib.parse import urlencode

from dyad.errors import QueryError
from dyad.store.query import EventFilter, Near, parse_condition, parse_day

#: The filter fields, in the order links carry them, with what each one selects.
FILTER_FIELDS: dict[str, str] = {
    "actor": "Source or target code starts with this (RUS matches RUSGOV).",
    "source": "Source code starts with this.",
    "target": "Target code starts with this.",
    "dyad": "SOURCE:TARGET code prefixes, one direction, e.g. RUS:JPN.",
    "pair": "A:B code prefixes, both directions, e.g. RUS:JPN.",
    "root": "CAMEO root, e.g. 16.",
    "code": "CAMEO code prefix, e.g. 163.",
    "plover": "PLOVER event type, e.g. SANCTION.",
    "quad_class": "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal "
                  "conflict, 4 material conflict.",
    "since": "On or after this day (YYYY-MM-DD).",
    "until": "On or before this day (YYYY-MM-DD).",
    "q": "Words that must all be found in the sentences of the event's mentions: each starts "
         "a word there, case aside ('sanction' finds 'Sanctions').",
    "outlet": "A mention comes from this news outlet (its source, or the host of its URL).",
    "doc": "A mention is in this document (its id).",
    "country": "Where it happened is in this country (three-letter code, e.g. SDN).",
    "near": "Where it happened is within KM kilometres of LAT,LON (e.g. 15.5,32.5,300).",
}
# Codes (actor, source, target, dyad, pair) are prefixes sent as parameters: any text is a
# plain value that matches what it matches.
_PATTERNS: dict[str, re.Pattern[str]] = {
    "root": re.compile(r"^\d{1,2}$"), "code": re.compile(r"^[0-9A-Za-z]{1,4}$"),
    "plover": re.compile(r"^[A-Za-z_]{1,24}$"), "quad_class": re.compile(r"^[1-4]$"),
    "country": re.compile(r"^[A-Za-z]{3}$"),
}
_EXAMPLES = {"root": "16", "code": "163", "plover": "SANCTION", "quad_class": "4",
             "country": "SDN"}
MAX_TEXT = 500


def filter_values(values: Mapping[str, str]) -> dict[str, str]:
    """The filter fields given (not empty), stripped, in FILTER_FIELDS order."""
    found = {}
    for name in FILTER_FIELDS:
        value = str(values.get(name) or "").strip()
        if value:
            found[name] = value
    return found


def event_filter(values: Mapping[str, str], where: Sequence[str] = ()) -> EventFilter:
    """The EventFilter the fields describe; QueryError naming the first bad field."""
    given = filter_values(values)
    for name, value in given.items():
        pattern = _PATTERNS.get(name)
        if pattern is not None and not pattern.match(value):
            raise QueryError(f"{name}: {value!r} is not valid here (e.g. {_EXAMPLES[name]})")
        if len(value) > MAX_TEXT:
            raise QueryError(f"{name}: longer than {MAX_TEXT} characters")
    return EventFilter(
        actor=given.get("actor", ""), source=given.get("source", ""),
        target=given.get("target", ""), dyad=given.get("dyad", ""), pair=given.get("pair", ""),
        root=given.get("root", ""), code=given.get("code", ""),
        plover=given.get("plover", "").upper(),
        quad_class=int(given["quad_class"]) if "quad_class" in given else None,
        since=parse_day(given.get("since"), "since"), until=parse_day(given.get("until"), "until"),
        words=given.get("q", ""), outlet=given.get("outlet", ""), document=given.get("doc", ""),
        country=given.get("country", "").upper(),
        near=Near.parse(given["near"]) if "near" in given else None,
        where=tuple(parse_condition(w) for w in where))


def link(path: str, values: Mapping[str, str], **changes: str | None) -> str:
    """`path` with the filter fields of `values` and `changes` (None or "" drops a field) as
    its query string."""
    merged: dict[str, str] = dict(values)
    for name, value in changes.items():
        if value:
            merged[name] = value
        else:
            merged.pop(name, None)
    query = "&".join(_field(k, v) for k, v in merged.items() if v)
    return f"{path}?{query}" if query else path


@lru_cache(maxsize=4096)
def _field(name: str, value: str) -> str:
    """One `name=value` of a query string, encoded (a page makes a hundred links from the
    same few fields)."""
    return urlencode([(name, value)])
