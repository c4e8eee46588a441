"""The store's merged knowledge, kept up to date as documents come and go.

Four tables hold what `merge_stored` would give for the whole store:

    knowledge_groups   one row per merged record (its id, kind, name, codes, where it is first
                       stated, its summary for lists (`dyad.knowledge.summary`) and its
                       `to_dict()` JSON) and the cluster it was merged in
    knowledge_members  one row per stored record (a `knowledge` row): its cluster and the
                       merged record it is part of (`group_id`)
    knowledge_tokens   one row per merge token of a cluster (`dyad.knowledge.clusters`)
    knowledge_keys     one row per look-up key of a merged record (`summary_keys`: its words,
                       codes, countries, states, kind, documents), so that a status question,
                       a dyad page or a filtered list reads only the records it may show

Records of different clusters never merge, so when a transaction writes or deletes the
`knowledge` rows of some documents, `refresh_groups` regroups only the clusters these
documents' records belonged to or now share a token with (records taken in id order, as a
full merge takes them): reading the store's knowledge is then one SELECT, and the merged
records are those of a merge of every record at once. A store made before these tables
existed has no `knowledge_groups` mark in `meta`, and one kept by another derivation has
another value there (`KNOWLEDGE_GROUPS_VERSION`); `rebuild_groups` fills them again from the
`knowledge` rows (any ingest does it first), and until then readers merge on load.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from dyad.knowledge.clusters import cluster_tokens, clusters
from dyad.knowledge.merge import (
    combine_all_agreements,
    combine_all_claims,
    combine_all_institutions,
    first_evidence,
    group_records,
)
from dyad.knowledge.model import Agreement, Claim, Institution
from dyad.knowledge.summary import RecordSummary, summarise, summary_keys
from dyad.knowledge.vocabulary import key_words
from dyad.store.backend import Backend, Row
from dyad.store.knowledge_rows import (
    KNOWLEDGE_TYPES,
    Item,
    item_codes,
    item_from_dict,
    type_kind_name,
)
from dyad.store.schema import KNOWLEDGE_GROUPS_MARK, KNOWLEDGE_GROUPS_VERSION

GROUP_COLUMNS: tuple[str, ...] = (
    "type", "item_id", "cluster", "first_doc", "first_sentence", "signed", "kind", "name",
    "codes", "summary", "data",
)
MEMBER_COLUMNS: tuple[str, ...] = ("doc_id", "item_id", "type", "cluster", "group_id")
TOKEN_COLUMNS: tuple[str, ...] = ("type", "token", "cluster")
KEY_COLUMNS: tuple[str, ...] = ("type", "cluster", "item_id", "key")
_TABLES = ("knowledge_groups", "knowledge_members", "knowledge_tokens", "knowledge_keys")
_CHUNK = 500


def _chunks(values: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    for start in range(0, len(values), _CHUNK):
        part = list(values[start : start + _CHUNK])
        yield part, ", ".join("?" * len(part))


def groups_built(backend: Backend) -> bool:
    """Whether the store keeps its merged knowledge as this dyad does (False for a store of
    an older dyad, or of one that derives what it keeps otherwise)."""
    found = backend.rows("SELECT value FROM meta WHERE key = ?", [KNOWLEDGE_GROUPS_MARK])
    return bool(found) and str(found[0][0]) == KNOWLEDGE_GROUPS_VERSION


def _clusters(items: Sequence[Item]) -> list[list[Item]]:
    """`clusters` of records of one type."""
    found: list[list[Item]] = [list[Item](c) for c in clusters(
        [i for i in items if isinstance(i, Agreement)])]
    found += [list[Item](c) for c in clusters([i for i in items if isinstance(i, Institution)])]
    found += [list[Item](c) for c in clusters([i for i in items if isinstance(i, Claim)])]
    return found


def _merged(cluster: Sequence[Item]) -> list[tuple[Item, list[str]]]:
    """The merged records of one cluster (of records of one type), each with the ids of the
    records it merges."""
    agreements = [i for i in cluster if isinstance(i, Agreement)]
    institutions = [i for i in cluster if isinstance(i, Institution)]
    claims = [i for i in cluster if isinstance(i, Claim)]
    merged: list[tuple[Item, list[str]]] = [
        (combine_all_agreements(g), [m.id for m in g]) for g in group_records(agreements)]
    merged += [(combine_all_institutions(g), [m.id for m in g])
               for g in group_records(institutions)]
    merged += [(combine_all_claims(g), [m.id for m in g]) for g in group_records(claims)]
    return merged


def group_rows(kind_of: str, items: Sequence[tuple[str, Item]]
               ) -> tuple[list[Row], list[Row], list[Row], list[Row]]:
    """Records of one type (with the document each is stored for), merged: the rows of
    `knowledge_groups`, `knowledge_members`, `knowledge_tokens` and `knowledge_keys` for
    their clusters."""
    doc_of = {item.id: doc_id for doc_id, item in items}
    by_id = {item.id: item for _, item in items}
    groups: list[Row] = []
    members: list[Row] = []
    tokens: list[Row] = []
    keys: list[Row] = []
    for cluster in _clusters(list(by_id.values())):
        name = cluster[0].id
        tokens += [(kind_of, t, name) for t in sorted(cluster_tokens(cluster))]
        for merged, ids in _merged(cluster):
            members += [(doc_of[i], i, kind_of, name, merged.id) for i in ids]
            first_doc, first_sentence, signed, _ = first_evidence(merged)
            _, kind, title = type_kind_name(merged)
            summary = summarise(merged)
            groups.append((kind_of, merged.id, name, first_doc, first_sentence, signed, kind,
                           title, json.dumps(item_codes(merged)),
                           json.dumps(summary.to_dict(), ensure_ascii=False),
                           json.dumps(merged.to_dict(), ensure_ascii=False, sort_keys=True)))
            keys += [(kind_of, name, merged.id, k) for k in sorted(summary_keys(summary))]
    return groups, members, tokens, keys


def _stored(backend: Backend, where: str, params: Sequence[str]) -> list[tuple[str, str, Item]]:
    """(type, doc_id, record) of the `knowledge` rows that `where` selects (alias k)."""
    found = []
    for _, rows in backend.stream(f"SELECT k.type, k.doc_id, k.data FROM knowledge k {where}",
                                  params):
        found += [(str(t), str(d), item_from_dict(str(t), json.loads(data)))
                  for t, d, data in rows]
    return found


def _write(backend: Backend, kind_of: str, stored: list[tuple[str, Item]]) -> None:
    groups, members, tokens, keys = group_rows(kind_of, stored)
    backend.insert("knowledge_groups", GROUP_COLUMNS, groups)
    backend.insert("knowledge_members", MEMBER_COLUMNS, members)
    backend.insert("knowledge_tokens", TOKEN_COLUMNS, tokens)
    backend.insert("knowledge_keys", KEY_COLUMNS, keys)


def rebuild_groups(backend: Backend) -> None:
    """Merge every stored record again and mark the store as keeping its merge the way this
    dyad does (inside a write transaction)."""
    for table in _TABLES:
        backend.execute(f"DELETE FROM {table}")
    for kind_of in KNOWLEDGE_TYPES:
        stored = _stored(backend, "WHERE k.type = ?", [kind_of])
        _write(backend, kind_of, [(doc_id, item) for _, doc_id, item in stored])
    if not groups_built(backend):
        backend.execute("DELETE FROM meta WHERE key = ?", [KNOWLEDGE_GROUPS_MARK])
        backend.execute("INSERT INTO meta (key, value) VALUES (?, ?)",
                        [KNOWLEDGE_GROUPS_MARK, KNOWLEDGE_GROUPS_VERSION])


def refresh_groups(backend: Backend, doc_ids: Sequence[str]) -> None:
    """Inside the transaction that wrote or deleted the `knowledge` rows of `doc_ids`: merge
    again the clusters their records were in or now touch (everything, the first time on a
    store of an older dyad)."""
    if not groups_built(backend):
        rebuild_groups(backend)
        return
    wanted = sorted(set(doc_ids))
    fresh: list[tuple[str, str, Item]] = []
    touched: dict[str, set[str]] = {t: set() for t in KNOWLEDGE_TYPES}
    for part, marks in _chunks(wanted):
        fresh += _stored(backend, f"WHERE k.doc_id IN ({marks})", part)
        for kind_of, cluster in backend.rows(
                f"SELECT type, cluster FROM knowledge_members WHERE doc_id IN ({marks})", part):
            touched[str(kind_of)].add(str(cluster))
    for kind_of in KNOWLEDGE_TYPES:
        items = [(doc_id, item) for t, doc_id, item in fresh if t == kind_of]
        tokens = sorted(cluster_tokens([item for _, item in items]))
        for part, marks in _chunks(tokens):
            touched[kind_of].update(str(c) for (c,) in backend.rows(
                f"SELECT cluster FROM knowledge_tokens WHERE type = ? AND token IN ({marks})",
                [kind_of, *part]))
        names = sorted(touched[kind_of])
        known = {item.id for _, item in items}
        for part, marks in _chunks(names):
            items += [(doc_id, item) for _, doc_id, item in _stored(
                backend, "JOIN knowledge_members m ON m.doc_id = k.doc_id AND m.item_id = "
                f"k.item_id WHERE m.type = ? AND m.cluster IN ({marks})", [kind_of, *part])
                if item.id not in known]
            for table in _TABLES:
                backend.execute(f"DELETE FROM {table} WHERE type = ? AND cluster IN ({marks})",
                                [kind_of, *part])
        _write(backend, kind_of, items)


def read_groups(backend: Backend, types: Sequence[str]) -> dict[str, list[Item]]:
    """The merged records of these types, each type's in the order a knowledge base lists
    them (where each is first stated, then its signing date and id)."""
    found: dict[str, list[tuple[tuple[str, int, str, str], str]]] = {t: [] for t in types}
    for kind_of in types:
        for _, rows in backend.stream(
                "SELECT first_doc, first_sentence, signed, item_id, data FROM knowledge_groups "
                "WHERE type = ?", [kind_of]):
            found[kind_of] += [((str(d), int(s), str(g), str(i)), str(data))
                               for d, s, g, i, data in rows]
    return {kind_of: [item_from_dict(kind_of, json.loads(data)) for _, data in sorted(rows)]
            for kind_of, rows in found.items()}


def ensure_groups(backend: Backend) -> bool:
    """Fill the merged knowledge tables of a store made without them (one merge of every
    record, in a transaction of its own); True when it had to."""
    if groups_built(backend):
        return False
    with backend.transaction():
        backend.write_lock()
        if groups_built(backend):
            return False
        rebuild_groups(backend)
    return True


def read_group(backend: Backend, item_id: str) -> Item | None:
    """The merged record of this id, or the one that absorbed a record of this id."""
    found = backend.rows(
        "SELECT type, data FROM knowledge_groups WHERE item_id = ? UNION ALL "
        "SELECT g.type, g.data FROM knowledge_members m JOIN knowledge_groups g "
        "ON g.type = m.type AND g.item_id = m.group_id WHERE m.item_id = ?", [item_id, item_id])
    if not found:
        return None
    kind_of, data = found[0]
    return item_from_dict(str(kind_of), json.loads(data))


def read_summaries(backend: Backend, kind_of: str) -> list[RecordSummary]:
    """The summaries of the merged records of one type, in the order a knowledge base lists
    them."""
    found: list[tuple[tuple[str, int, str, str], str]] = []
    for _, rows in backend.stream(
            "SELECT first_doc, first_sentence, signed, item_id, summary FROM knowledge_groups "
            "WHERE type = ?", [kind_of]):
        found += [((str(d), int(s), str(g), str(i)), str(summary))
                  for d, s, g, i, summary in rows]
    return [RecordSummary.from_dict(json.loads(summary)) for _, summary in sorted(found)]


def read_records(backend: Backend, kind_of: str, ids: Sequence[str]) -> list[Item]:
    """The merged records of one type with these ids, in the order of `ids` (unknown ids
    left out)."""
    found: dict[str, Item] = {}
    for part, marks in _chunks(list(dict.fromkeys(ids))):
        for item_id, data in backend.rows(
                f"SELECT item_id, data FROM knowledge_groups WHERE type = ? AND item_id IN "
                f"({marks})", [kind_of, *part]):
            found[str(item_id)] = item_from_dict(kind_of, json.loads(data))
    return [found[i] for i in ids if i in found]


# --- targeted reads: only the merged records a question may show ----------------------------

Order = tuple[str, int, str, str]


def _order(first_doc: object, sentence: object, signed: object, item_id: object) -> Order:
    """Where a merged record comes in a knowledge base (sorted in Python: SQL collations
    differ between back ends)."""
    return str(first_doc), int(str(sentence)), str(signed), str(item_id)


def _all_keys(kind_of: str, keys: Sequence[str]) -> tuple[str, list[str]]:
    """A condition on `g.item_id`: the record has every one of `keys`."""
    marks = ", ".join("?" * len(keys))
    return (f" AND g.item_id IN (SELECT item_id FROM knowledge_keys WHERE type = ? AND key IN "
            f"({marks}) GROUP BY item_id HAVING count(DISTINCT key) = {len(set(keys))})",
            [kind_of, *keys])


def _ids(backend: Backend, kind_of: str, where: str, params: Sequence[str]) -> list[str]:
    rows = backend.rows("SELECT first_doc, first_sentence, signed, item_id FROM "
                        f"knowledge_groups g WHERE g.type = ?{where}", [kind_of, *params])
    return [order[3] for order in sorted(_order(*row) for row in rows)]


def key_condition(kind_of: str, *, keys: Sequence[str] = (), code_prefix: str = ""
                  ) -> tuple[str, list[str]]:
    """A condition on `g.item_id` (" AND …", with its parameters; "" for none): the merged
    record of this type has every key of `keys` (see `summary_keys`) and, if given, an actor
    code starting with `code_prefix`."""
    where, params = "", list[str]()
    if keys:
        where, params = _all_keys(kind_of, list(dict.fromkeys(keys)))
    if code_prefix:
        where += (" AND g.item_id IN (SELECT item_id FROM knowledge_keys WHERE type = ? AND "
                  f"substr(key, 1, {len(code_prefix) + 2}) = ?)")
        params += [kind_of, f"c:{code_prefix}"]
    return where, params


def select_group_ids(backend: Backend, kind_of: str, *, keys: Sequence[str] = (),
                     code_prefix: str = "") -> list[str]:  # fmt: skip
    """Ids of the merged records of one type that have every key of `keys` (see
    `summary_keys`) and, if given, an actor code starting with `code_prefix`, in the order a
    knowledge base lists them."""
    where, params = key_condition(kind_of, keys=keys, code_prefix=code_prefix)
    return _ids(backend, kind_of, where, params)


def pair_group_ids(backend: Backend, kind_of: str, countries: Sequence[str], *,
                   alone: bool = False) -> list[str]:  # fmt: skip
    """Ids of the merged records of one type whose actor codes name every one of these
    countries; with `alone`, also those that name some of them and no other country: those
    naming them all first, each part in knowledge base order."""
    keys = [f"p:{c}" for c in dict.fromkeys(countries)]
    if not keys:
        return []
    if not alone:
        return select_group_ids(backend, kind_of, keys=keys)
    marks = ", ".join("?" * len(keys))
    # one pass over the country keys of the records that name one of the countries
    hits: dict[str, tuple[Order, int]] = {}
    for first_doc, sentence, signed, item_id, inside, outside in backend.rows(
            "SELECT g.first_doc, g.first_sentence, g.signed, g.item_id, h.inside, h.outside "
            "FROM knowledge_groups g JOIN (SELECT item_id, "
            f"sum(CASE WHEN key IN ({marks}) THEN 1 ELSE 0 END) AS inside, "
            f"sum(CASE WHEN key IN ({marks}) THEN 0 ELSE 1 END) AS outside FROM knowledge_keys "
            "WHERE type = ? AND substr(key, 1, 2) = 'p:' AND item_id IN (SELECT item_id FROM "
            f"knowledge_keys WHERE type = ? AND key IN ({marks})) GROUP BY item_id) h "
            "ON h.item_id = g.item_id WHERE g.type = ?",
            [*keys, *keys, kind_of, kind_of, *keys, kind_of]):
        if int(inside) == len(keys) or (alone and int(outside) == 0):
            hits[str(item_id)] = (_order(first_doc, sentence, signed, item_id), int(inside))
    return [i for i, _ in sorted(hits.items(), key=lambda kv: (-kv[1][1], kv[1][0]))]


def group_names(backend: Backend, kind_of: str, ids: Sequence[str]) -> list[str]:
    """The names of the merged records of one type with these ids (not their JSON)."""
    names: list[str] = []
    for part, marks in _chunks(list(ids)):
        names += [str(n) for (n,) in backend.rows(
            f"SELECT name FROM knowledge_groups WHERE type = ? AND item_id IN ({marks})",
            [kind_of, *part])]
    return names


def naming_group_ids(backend: Backend, kind_of: str, countries: Sequence[str],
                     names: Sequence[str]) -> list[str]:  # fmt: skip
    """Ids of the merged records of one type whose actor codes name one of these countries
    and whose words hold every key word of one of `names` (`pairs.names_one_of`), in
    knowledge base order: the words of those records only are read, from their keys."""
    keys = [f"p:{c}" for c in dict.fromkeys(countries)]
    named = {frozenset(key_words(n)) for n in names} - {frozenset()}
    if not keys or not named:
        return []
    by_word: dict[str, list[frozenset[str]]] = {}
    for words in named:  # each name filed under one of its words
        by_word.setdefault(min(words), []).append(words)
    held: dict[str, set[str]] = {}
    marks = ", ".join("?" * len(keys))
    for item_id, key in backend.rows(
            "SELECT item_id, key FROM knowledge_keys WHERE type = ? AND substr(key, 1, 2) = "
            "'w:' AND item_id IN (SELECT item_id FROM knowledge_keys WHERE type = ? AND key IN "
            f"({marks}))", [kind_of, kind_of, *keys]):
        held.setdefault(str(item_id), set()).add(str(key)[2:])
    found = [i for i, words in held.items() if any(
        n <= words for w in words for n in by_word.get(w, ()))]
    return ids_of(backend, kind_of, found)


def ids_holding_each(backend: Backend, kind_of: str, key_sets: Sequence[Sequence[str]]
                     ) -> list[list[str]]:
    """For each set of keys, the ids of the merged records of one type that have all of
    them, in knowledge base order (an empty set: none): one read of the keys for all sets."""
    wanted = sorted({k for keys in key_sets for k in keys})
    held: dict[str, set[str]] = {}
    for part, marks in _chunks(wanted):
        for item_id, key in backend.rows(
                f"SELECT item_id, key FROM knowledge_keys WHERE type = ? AND key IN ({marks})",
                [kind_of, *part]):
            held.setdefault(str(item_id), set()).add(str(key))
    ordered = ids_of(backend, kind_of, list(held))
    return [[i for i in ordered if set(keys) <= held[i]] if keys else [] for keys in key_sets]


def ids_of(backend: Backend, kind_of: str, ids: Sequence[str]) -> list[str]:
    """These ids in knowledge base order."""
    orders: list[Order] = []
    for part, marks in _chunks(list(ids)):
        orders += [_order(*row) for row in backend.rows(
            "SELECT first_doc, first_sentence, signed, item_id FROM knowledge_groups "
            f"WHERE type = ? AND item_id IN ({marks})", [kind_of, *part])]
    return [order[3] for order in sorted(orders)]


def read_ordered(backend: Backend, kind_of: str, ids: Sequence[str]) -> list[Item]:
    """The merged records of one type with these ids, in the order a knowledge base lists
    them (unknown ids left out)."""
    found: list[tuple[Order, str]] = []
    for part, marks in _chunks(list(dict.fromkeys(ids))):
        found += [(_order(d, s, g, i), str(data)) for d, s, g, i, data in backend.rows(
            "SELECT first_doc, first_sentence, signed, item_id, data FROM knowledge_groups "
            f"WHERE type = ? AND item_id IN ({marks})", [kind_of, *part])]
    return [item_from_dict(kind_of, json.loads(data)) for _, data in sorted(found)]
