"""The knowledge layer in the store: what each document states, and its merge across documents.

Each document's agreements, institutions and claims are stored as that document states them:
one `knowledge` row per record, with its `to_dict()` JSON and a few columns to query by
(`type`, `kind`, `name`, `codes`). The merge of all documents' records (the library's
`merge_bases`, records taken in id order: the same documents give the same records and ids,
whatever order they were ingested in) is kept beside them, in the tables of
`dyad.store.knowledge_groups`, updated in the transaction that adds, replaces or deletes a
document's records: reading the store's knowledge reads the merged records. Statuses and
standings are derived from the evidence of each record as it is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from dyad.knowledge.merge import merge_bases
from dyad.knowledge.model import Agreement, Claim, Institution, KnowledgeBase
from dyad.knowledge.summary import RecordSummary, summarise
from dyad.store.backend import Backend
from dyad.store.knowledge_groups import (
    groups_built,
    read_group,
    read_groups,
    read_records,
    read_summaries,
    refresh_groups,
)
from dyad.store.knowledge_rows import KNOWLEDGE_TYPES, Item, item_from_dict, knowledge_rows
from dyad.store.schema import KNOWLEDGE_COLUMNS

__all__ = ["KNOWLEDGE_TYPES", "Item", "delete_knowledge", "knowledge_fingerprint",
           "knowledge_rows", "load_item", "load_knowledge", "load_records", "load_summaries",
           "merge_stored", "save_knowledge"]

def save_knowledge(backend: Backend, doc_id: str, kb: KnowledgeBase) -> None:
    """Store what one document states, replacing what was stored for it (call inside the
    transaction that stores the document)."""
    _delete_rows(backend, [doc_id])
    backend.insert("knowledge", KNOWLEDGE_COLUMNS, knowledge_rows(doc_id, kb))
    refresh_groups(backend, [doc_id])


def delete_knowledge(backend: Backend, doc_ids: Sequence[str]) -> None:
    """Forget what these documents state (inside a write transaction)."""
    _delete_rows(backend, doc_ids)
    refresh_groups(backend, doc_ids)


def _delete_rows(backend: Backend, doc_ids: Sequence[str]) -> None:
    for start in range(0, len(doc_ids), 500):
        part = list(doc_ids[start : start + 500])
        backend.execute(f"DELETE FROM knowledge WHERE doc_id IN ({', '.join('?' * len(part))})",
                        part)


def merge_stored(items: Iterable[Item]) -> KnowledgeBase:
    """Records stated by single documents, merged into one knowledge base. Pure and
    independent of the order of `items`."""
    ordered = sorted(items, key=lambda i: i.id)  # ids hash the document id: no two alike
    stated = KnowledgeBase(
        agreements=tuple(i for i in ordered if isinstance(i, Agreement)),
        institutions=tuple(i for i in ordered if isinstance(i, Institution)),
        claims=tuple(i for i in ordered if isinstance(i, Claim)),
    )
    return merge_bases(stated, KnowledgeBase())


def load_knowledge(backend: Backend, *, types: Sequence[str] = KNOWLEDGE_TYPES
                   ) -> KnowledgeBase:
    """The knowledge of the whole store, merged across documents (only the record `types`
    asked for). A store of an older dyad, whose merge is not kept yet, is merged on load."""
    wanted = [t for t in KNOWLEDGE_TYPES if t in types]
    if not wanted:
        return KnowledgeBase()
    if not groups_built(backend):
        return merge_on_load(backend, wanted)
    found = read_groups(backend, wanted)
    return KnowledgeBase(
        agreements=tuple(i for i in found.get("agreement", ()) if isinstance(i, Agreement)),
        institutions=tuple(i for i in found.get("institution", ())
                           if isinstance(i, Institution)),
        claims=tuple(i for i in found.get("claim", ()) if isinstance(i, Claim)),
    )


def load_item(backend: Backend, item_id: str) -> Item | None:
    """One merged record by its id or an id it absorbed (None if the store has none)."""
    if not groups_built(backend):
        return merge_on_load(backend, KNOWLEDGE_TYPES).get(item_id)
    return read_group(backend, item_id)


def load_summaries(backend: Backend, kind_of: str) -> list[RecordSummary]:
    """What a list needs of each merged record of one type ("agreement", "institution",
    "claim"), in the order `load_knowledge` gives them: one narrow SELECT."""
    if not groups_built(backend):
        kb = merge_on_load(backend, [kind_of])
        items: list[Item] = [*kb.agreements, *kb.institutions, *kb.claims]
        return [summarise(i) for i in items]
    return read_summaries(backend, kind_of)


def load_records(backend: Backend, kind_of: str, ids: Sequence[str]) -> list[Item]:
    """The merged records of one type with these ids, in that order (a page of a list)."""
    if not groups_built(backend):
        kb = merge_on_load(backend, [kind_of])
        every: list[Item] = [*kb.agreements, *kb.institutions, *kb.claims]
        by_id = {i.id: i for i in every}
        return [by_id[i] for i in ids if i in by_id]
    return read_records(backend, kind_of, ids)


def merge_on_load(backend: Backend, types: Sequence[str]) -> KnowledgeBase:
    """The stored records of these types merged now (what a store without its merge kept
    needs; slower by far on a large store)."""
    marks = ", ".join("?" * len(types))
    items: list[Item] = []
    for _, rows in backend.stream(
            f"SELECT type, data FROM knowledge WHERE type IN ({marks})", list(types)):
        items.extend(item_from_dict(str(kind_of), json.loads(data)) for kind_of, data in rows)
    return merge_stored(items)


def knowledge_fingerprint(backend: Backend) -> tuple[object, ...]:
    """Something that changes whenever the stored knowledge may have changed."""
    (found,) = backend.rows(
        "SELECT (SELECT count(*) FROM documents), (SELECT max(ingested_at) FROM documents), "
        "(SELECT count(*) FROM knowledge)")
    return tuple(found)
