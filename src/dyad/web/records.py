"""Agreements, institutions and claims as lists to explore: the same filters for the pages
and the API (words, status or standing, kind, a party's country, a document), sorts, and
the counts per status, kind and country. Pure functions over a merged `KnowledgeBase`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from dyad.errors import QueryError
from dyad.knowledge.model import Agreement, Claim, Institution, KnowledgeBase
from dyad.knowledge.status import select_agreements, select_claims, select_institutions
from dyad.names import actor_name
from dyad.store.listing import FacetCount
from dyad.web.knowledge import claim_codes, country, institution_codes

Item = Agreement | Institution | Claim
#: The filter fields of knowledge lists.
RECORD_FIELDS: tuple[str, ...] = ("q", "party", "state", "kind", "doc")


@dataclass(frozen=True)
class RecordKind:
    """One type of knowledge record and how to list it."""

    name: str  # "agreements"
    title: str
    state: str  # what its state is called: "status" or "standing"
    items: Callable[[KnowledgeBase, str, str], list[Any]]  # (state, words) -> records
    codes: Callable[[Any], list[str]]
    documents: Callable[[Any], set[str]]
    label: Callable[[Any], str]
    kind_of: Callable[[Any], str]


def _state(item: Item) -> str:
    return item.standing if isinstance(item, Claim) else item.status


KINDS: dict[str, RecordKind] = {
    "agreements": RecordKind(
        "agreements", "Agreements", "status",
        lambda kb, state, words: select_agreements(kb, status=state, query=words),
        lambda a: list(a.party_codes), lambda a: {e.doc_id for e in a.mentions},
        lambda a: a.name, lambda a: a.kind),
    "institutions": RecordKind(
        "institutions", "Institutions", "status",
        lambda kb, state, words: select_institutions(kb, status=state, query=words),
        institution_codes, lambda i: {e.doc_id for e in i.mentions},
        lambda i: i.name, lambda i: i.kind),
    "claims": RecordKind(
        "claims", "Claims", "standing",
        lambda kb, state, words: select_claims(kb, standing=state, query=words),
        claim_codes, lambda c: {s.evidence.doc_id for s in c.stances},
        lambda c: c.gist, lambda c: c.predicate),
}
SORTS = ("name", "state", "kind")


@dataclass(frozen=True)
class RecordList:
    """The records a filter selects (all of them, sorted) and the counts per value of its
    facets: state, kind and the countries of its parties."""

    items: list[Any]
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


def list_records(kb: KnowledgeBase, kind: RecordKind, values: Mapping[str, str], *,
                 sort: str = "name") -> RecordList:
    """The records of `kind` the fields select, sorted by `sort` (name, state or kind; a
    leading - turns it around), with their facet counts."""
    given = record_values(values)
    items = kind.items(kb, given.get("state", ""), given.get("q", ""))
    party = given.get("party", "").upper()
    if party:
        items = [i for i in items if any(c.startswith(party) for c in kind.codes(i))]
    if given.get("kind"):
        items = [i for i in items if kind.kind_of(i) == given["kind"]]
    if given.get("doc"):
        items = [i for i in items if given["doc"] in kind.documents(i)]
    key = sort.strip().removeprefix("-") or "name"
    if key not in SORTS:
        raise QueryError(f"bad sort {sort!r}: expected one of {', '.join(SORTS)}, with a "
                         "leading - to sort descending")
    order: dict[str, Callable[[Any], tuple[str, str]]] = {
        "name": lambda i: (kind.label(i).lower(), i.id),
        "state": lambda i: (_state(i), i.id), "kind": lambda i: (kind.kind_of(i), i.id)}
    items = sorted(items, key=order[key], reverse=sort.strip().startswith("-"))
    facets = {
        "state": _counts([_state(i) for i in items]),
        "kind": _counts([kind.kind_of(i) for i in items]),
        "party": _counts([c for i in items for c in {country(x) for x in kind.codes(i) if x}]),
    }
    return RecordList(items, facets)


def facet_label(name: str, value: str) -> str:
    """How a facet value is shown: a country code with its name."""
    if name == "party":
        named = actor_name(value)
        return f"{value} {named}" if named and named != value else value
    return value
