"""Lists of merged knowledge records answered in SQL: the records of one type that a filter
selects (words, state, kind, a party's code, a document: their look-up keys in
`knowledge_keys`), how many there are, the counts per state, kind and party country, and one
page of their ids in a sort order, after a cursor.

What `dyad.web.records.list_records` computes from every summary of a type, without reading
any: one query selects the records by their keys once (a materialized CTE; PostgreSQL 12 or
later) and gives their counts per state and kind and per party country (GROUP BYs) and the
page (ORDER BY … LIMIT after the cursor). Strings are compared by their
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

#: A record's state (its summary's), in each back end's fastest way to read it.
STATE_SQL: dict[str, str] = {
    "duckdb": "json_extract_string(g.summary, '$.state')",  # twice as fast as a CAST to JSON
    "postgresql": "(CAST(g.summary AS JSON) ->> 'state')",
}
SORTS = ("name", "state", "kind")
FACETS = ("state", "kind", "party")


def _binary(column: str) -> str:
    """A column compared by code points."""
    return f'{column} COLLATE "C"'


def _sort_sql(sort: str, state: str) -> str:
    """The SQL of a sort order's key (with the record id after it)."""
    return {"name": "lower(g.name)", "state": state, "kind": "g.kind"}[sort]


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
    if sort not in SORTS:
        raise ValueError(f"no sort {sort!r}")
    words = sorted(set(key_words(query)))
    if query and not words:
        return GroupList([], [], False, 0, {f: [] for f in FACETS})
    keys = ([f"w:{w}" for w in words] + ([f"s:{state}"] if state else [])
            + ([f"k:{kind}"] if kind else []) + ([f"d:{doc}"] if doc else []))
    where, params = key_condition(kind_of, keys=keys, code_prefix=party.upper())
    state_sql = STATE_SQL.get(backend.dialect, STATE_SQL["postgresql"])
    expression, turn = _sort_sql(sort, state_sql), " DESC" if descending else ""
    than = "<" if descending else ">"
    cursor, cursor_params = "", list[str]()
    if after is not None:
        cursor = (f" WHERE {_binary('f.sk')} {than} ? OR (f.sk = ? AND "
                  f"{_binary('f.item_id')} {than} ?)")
        cursor_params = [after[0], after[0], after[1]]
    among = " AND k.item_id IN (SELECT item_id FROM f)" if where else ""
    limit = f" LIMIT {int(size) + 1}" if size is not None else ""
    # the filtered records once (a CTE used three times), then their counts per state and
    # kind, per party country and the page after the cursor: one query, one round trip
    rows = backend.rows(
        f"WITH f AS MATERIALIZED (SELECT g.item_id, {state_sql} AS state, g.kind, "
        f"{expression} AS sk FROM knowledge_groups g WHERE g.type = ?{where}) "
        "SELECT 'f', state, kind, count(*) FROM f GROUP BY state, kind UNION ALL "
        "SELECT 'p', k.key, NULL, count(*) FROM knowledge_keys k WHERE k.type = ? AND "
        f"substr(k.key, 1, 2) = 'p:'{among} GROUP BY k.key UNION ALL "
        f"SELECT 'r', item_id, sk, 0 FROM (SELECT f.item_id, f.sk FROM f{cursor} "
        f"ORDER BY {_binary('f.sk')}{turn}, {_binary('f.item_id')}{turn}{limit}) r",
        [kind_of, *params, kind_of, *cursor_params])
    states: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    page: list[tuple[str, str]] = []
    for tag, value, other, count in rows:
        if tag == "f":
            states[str(value or "")] += int(count)
            kinds[str(other or "")] += int(count)
        elif tag == "p":
            countries[str(value)[2:]] += int(count)
        else:
            page.append((str(other or ""), str(value)))
    page.sort(reverse=descending)
    facets = {"state": _counts(states), "kind": _counts(kinds), "party": _counts(countries)}
    shown = page if size is None else page[:size]
    return GroupList([i for _, i in shown], [k for k, _ in shown],
                     size is not None and len(page) > size, sum(states.values()), facets)
