"""Agreements, institutions and claims as lists to explore: the same filters for the pages
and the API (words, status or standing, kind, a party's country, a document), sorts, the
counts per status, kind and country, and pages that follow a cursor: answered in SQL by the
store's look-up keys (`dyad.store.knowledge_lists`, `sql_page`), or by pure functions over the
records' summaries (`dyad.knowledge.summary`) for a store that does not keep its merge
(`list_records`, `summary_page`); either way a page turns only its own records' evidence back
into objects.
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from dyad.errors import QueryError
from dyad.knowledge.summary import RecordSummary
from dyad.knowledge.vocabulary import key_words
from dyad.names import actor_name
from dyad.store.backend import Backend
from dyad.store.knowledge_lists import list_groups
from dyad.store.listing import FacetCount
from dyad.web.knowledge import country

#: The filter fields of knowledge lists.
RECORD_FIELDS: tuple[str, ...] = ("q", "party", "state", "kind", "doc")


@dataclass(frozen=True)
class RecordKind:
    """One type of knowledge record and how to list it."""

    name: str  # "agreements"
    title: str
    state: str  # what its state is called: "status" or "standing"
    type: str  # the record type the store keeps: "agreement"


KINDS: dict[str, RecordKind] = {
    "agreements": RecordKind("agreements", "Agreements", "status", "agreement"),
    "institutions": RecordKind("institutions", "Institutions", "status", "institution"),
    "claims": RecordKind("claims", "Claims", "standing", "claim"),
}
SORTS = ("name", "state", "kind")
_ORDER: dict[str, Callable[[RecordSummary], tuple[str, str]]] = {
    "name": lambda s: (s.label.lower(), s.id),
    "state": lambda s: (s.state, s.id),
    "kind": lambda s: (s.kind, s.id),
}


@dataclass(frozen=True)
class RecordList:
    """The records a filter selects (all of them, sorted, as summaries) and the counts per
    value of its facets: state, kind and the countries of its parties."""

    items: list[RecordSummary]
    facets: dict[str, list[FacetCount]]


def record_values(values: Mapping[str, str]) -> dict[str, str]:
    """The filter fields given (not empty), stripped."""
    found = {}
    for name in RECORD_FIELDS:
        value = str(values.get(name) or "").strip()
        if len(value) > 500:
            raise QueryError(f"{name}: longer than 500 characters")
        if value:
            found[name] = value
    return found


def _counts(values: list[str]) -> list[FacetCount]:
    counted = Counter(v for v in values if v)
    return [FacetCount(v, n) for v, n in sorted(counted.items(), key=lambda p: (-p[1], p[0]))]


def _sort_key(sort: str) -> str:
    key = sort.strip().removeprefix("-") or "name"
    if key not in SORTS:
        raise QueryError(f"bad sort {sort!r}: expected one of {', '.join(SORTS)}, with a "
                         "leading - to sort descending")
    return key


def list_records(summaries: Sequence[RecordSummary], values: Mapping[str, str], *,
                 sort: str = "name") -> RecordList:
    """The records the fields select, sorted by `sort` (name, state or kind; a leading -
    turns it around), with their facet counts (the filters of `dyad.knowledge.status`)."""
    given = record_values(values)
    items = list(summaries)
    if given.get("state"):
        items = [s for s in items if given["state"] in s.states]
    words = set(key_words(given.get("q", "")))
    if given.get("q"):
        items = [s for s in items if words and words <= set(s.words)]
    party = given.get("party", "").upper()
    if party:
        items = [s for s in items if any(c.startswith(party) for c in s.codes)]
    if given.get("kind"):
        items = [s for s in items if s.kind == given["kind"]]
    if given.get("doc"):
        items = [s for s in items if given["doc"] in s.documents]
    items = sorted(items, key=_ORDER[_sort_key(sort)], reverse=sort.strip().startswith("-"))
    facets = {
        "state": _counts([s.state for s in items]),
        "kind": _counts([s.kind for s in items]),
        "party": _counts([c for s in items for c in {country(x) for x in s.codes if x}]),
    }
    return RecordList(items, facets)


@dataclass(frozen=True)
class RecordPage:
    """One page of a filtered list: its records' ids in order, the cursor of the page after
    it (None on the last page), how many records the filter selects and its facet counts."""

    ids: list[str]
    following: str | None
    total: int
    facets: dict[str, list[FacetCount]]


def _encode(key: tuple[str, str]) -> str:
    text = json.dumps(list(key), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def encode_cursor(summary: RecordSummary, sort: str) -> str:
    """Where the page after `summary` starts, in a list sorted by `sort`."""
    return _encode(_ORDER[_sort_key(sort)](summary))


def _decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        first, second = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        return str(first), str(second)
    except (ValueError, TypeError, UnicodeError):
        raise QueryError(f"cursor: {cursor[:40]!r} is not the cursor of a page") from None


def page_of(found: RecordList, sort: str, cursor: str, size: int
            ) -> tuple[list[RecordSummary], str | None]:
    """The `size` records after `cursor` (from the first without one) and the cursor of the
    page after them (None on the last page)."""
    items = found.items
    if cursor:
        after = _decode_cursor(cursor)
        order = _ORDER[_sort_key(sort)]
        descending = sort.strip().startswith("-")
        items = [s for s in items if (order(s) < after if descending else order(s) > after)]
    page = items[:size]
    following = encode_cursor(page[-1], sort) if len(items) > size else None
    return page, following


def summary_page(summaries: Sequence[RecordSummary], values: Mapping[str, str], *,
                 sort: str = "name", cursor: str = "", size: int | None = None) -> RecordPage:
    """The page `list_records` and `page_of` give (every record without `size`)."""
    found = list_records(summaries, values, sort=sort)
    page, following = page_of(found, sort, cursor, len(found.items) if size is None else size)
    return RecordPage([s.id for s in page], following, len(found.items), found.facets)


def sql_page(backend: Backend, kind_of: str, values: Mapping[str, str], *,
             sort: str = "name", cursor: str = "", size: int | None = None) -> RecordPage:
    """What `summary_page` gives, answered in SQL from a store that keeps its merge
    (`dyad.store.knowledge_lists`)."""
    given = record_values(values)
    key = _sort_key(sort)
    after = _decode_cursor(cursor) if cursor else None
    found = list_groups(backend, kind_of, query=given.get("q", ""),
                        state=given.get("state", ""), party=given.get("party", ""),
                        kind=given.get("kind", ""), doc=given.get("doc", ""), sort=key,
                        descending=sort.strip().startswith("-"), after=after, size=size)
    following = _encode((found.keys[-1], found.ids[-1])) if found.more and found.ids else None
    return RecordPage(found.ids, following, found.total, found.facets)


def facet_label(name: str, value: str) -> str:
    """How a facet value is shown: a country code with its name."""
    if name == "party":
        named = actor_name(value)
        return f"{value} {named}" if named and named != value else value
    return value
