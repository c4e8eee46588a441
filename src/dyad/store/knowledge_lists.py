"""Lists of merged knowledge records answered in SQL: the records of one type that a filter
selects (words, state, kind, a party's code, a document: their look-up keys in
`knowledge_keys`), how many there are, the counts per state, kind and party country, and one
page of their ids in a sort order, after a cursor.

What `dyad.web.records.list_records` computes from every summary of a type, without reading
any: the counts are GROUP BYs, the page an ORDER BY … LIMIT. Strings are compared by their
code points (`COLLATE "C"`, which both back ends know), as Python compares them, so the
order, the cursors and the counts' order are those of the summaries'. A name is sorted by its
lower case as the database gives it, which is Python's for every name but a few with letters
whose lower case Python writes with two characters (a dotted capital I): the cursor of a page
holds the database's key, so that paging stays consistent even then.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from dyad.knowledge.vocabulary import key_words
from dyad.store.backend import Backend
from dyad.store.knowledge_groups import key_condition
from dyad.store.knowledge_rows import KNOWLEDGE_TYPES
from dyad.store.listing import FacetCount

_STATE = "(CAST(g.summary AS JSON) ->> 'state')"
#: The SQL of each sort order's key (with the record id after it).
SORT_KEYS: dict[str, str] = {
    "name": 'lower(g.name) COLLATE "C"',
    "state": f'{_STATE} COLLATE "C"',
    "kind": 'g.kind COLLATE "C"',
}
_ID = 'g.item_id COLLATE "C"'
FACETS = ("state", "kind", "party")


@dataclass(frozen=True)
class GroupList:
    """What a filter selects: one page of ids in order (with each one's sort key), whether
    more follow, how many records it selects in all and its facet counts."""

    ids: list[str]
    keys: list[str]
    more: bool
    total: int
    facets: dict[str, list[FacetCount]]


def _counts(counted: Counter[str]) -> list[FacetCount]:
    return [FacetCount(v, n) for v, n in sorted(counted.items(), key=lambda p: (-p[1], p[0]))
            if v]


def list_groups(backend: Backend, kind_of: str, *, query: str = "", state: str = "",
                party: str = "", kind: str = "", doc: str = "", sort: str = "name",
                descending: bool = False, after: tuple[str, str] | None = None,
                size: int | None = None) -> GroupList:  # fmt: skip
    """The merged records of one type ("agreement", "institution", "claim") that have every
    key word of `query` (none if it has words but no key word), the state `state` among their
    states, an actor code starting with `party`, the kind `kind` and are stated in `doc`
    (each if given); sorted by `sort` ("name", "state" or "kind", then id), turned around
    with `descending`; the `size` first (all without) after `after` (a sort key and id)."""
    if kind_of not in KNOWLEDGE_TYPES:
        raise ValueError(f"no knowledge type {kind_of!r}")
    if sort not in SORT_KEYS:
        raise ValueError(f"no sort {sort!r}")
    words = sorted(set(key_words(query)))
    if query and not words:
        return GroupList([], [], False, 0, {f: [] for f in FACETS})
    keys = ([f"w:{w}" for w in words] + ([f"s:{state}"] if state else [])
            + ([f"k:{kind}"] if kind else []) + ([f"d:{doc}"] if doc else []))
    where, params = key_condition(kind_of, keys=keys, code_prefix=party.upper())
    states: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for value, kind_value, count in backend.rows(
            f"SELECT {_STATE}, g.kind, count(*) FROM knowledge_groups g WHERE g.type = ?{where} "
            "GROUP BY 1, 2", [kind_of, *params]):
        states[str(value or "")] += int(count)
        kinds[str(kind_value or "")] += int(count)
    total = sum(states.values())
    among = (f" AND k.item_id IN (SELECT g.item_id FROM knowledge_groups g WHERE g.type = ?"
             f"{where})" if where else "")
    countries = Counter({str(key)[2:]: int(count) for key, count in backend.rows(
        "SELECT k.key, count(*) FROM knowledge_keys k WHERE k.type = ? AND "
        f"substr(k.key, 1, 2) = 'p:'{among} GROUP BY k.key",
        [kind_of, *([kind_of, *params] if where else [])])})
    facets = {"state": _counts(states), "kind": _counts(kinds), "party": _counts(countries)}
    if not total or size == 0:
        return GroupList([], [], bool(total), total, facets)
    expression, turn = SORT_KEYS[sort], " DESC" if descending else ""
    if after is not None:
        than = "<" if descending else ">"
        where += (f" AND ({expression} {than} ? OR ({expression} = ? AND {_ID} {than} ?))")
        params += [after[0], after[0], after[1]]
    limit = f" LIMIT {int(size) + 1}" if size is not None else ""
    rows = backend.rows(
        f"SELECT g.item_id, {expression} FROM knowledge_groups g WHERE g.type = ?{where} "
        f"ORDER BY {expression}{turn}, {_ID}{turn}{limit}", [kind_of, *params])
    shown = rows if size is None else rows[:size]
    return GroupList([str(i) for i, _ in shown], [str(k or "") for _, k in shown],
                     size is not None and len(rows) > size, total, facets)
