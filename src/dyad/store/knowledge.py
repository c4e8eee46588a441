"""The knowledge layer in the store: what each document states, merged when it is read.

Each document's agreements, institutions and claims are stored as that document states them:
one `knowledge` row per record, with its `to_dict()` JSON and a few columns to query by
(`type`, `kind`, `name`, `codes`). Nothing merged and no status is stored, so adding,
re-ingesting or deleting a document never leaves a stale merged record behind. Reading
merges the records of all documents at once with the library's merge (`merge_bases`), which
takes records in id order: the same documents give the same records and ids, whatever order
they were ingested in. Statuses and standings are derived from the evidence on every read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from dyad.knowledge.merge import merge_bases
from dyad.knowledge.model import Agreement, Claim, Institution, KnowledgeBase
from dyad.knowledge.serialize import agreement_from_dict, claim_from_dict, institution_from_dict
from dyad.store.backend import Backend, Row
from dyad.store.schema import KNOWLEDGE_COLUMNS

#: The record types, in the order a knowledge base lists them.
KNOWLEDGE_TYPES: tuple[str, ...] = ("agreement", "institution", "claim")

Item = Agreement | Institution | Claim


def _codes(item: Item) -> list[str]:
    if isinstance(item, Agreement):
        return list(item.party_codes)
    if isinstance(item, Claim):
        return list(item.subjects)
    codes = [item.owner.code] if item.owner and item.owner.code else []
    return list(dict.fromkeys([*codes, *(f.code for f in item.facts if f.code)]))


def _type_kind_name(item: Item) -> tuple[str, str, str]:
    if isinstance(item, Agreement):
        return "agreement", item.kind, item.name
    if isinstance(item, Institution):
        return "institution", item.kind, item.name
    return "claim", item.predicate, item.gist


def knowledge_rows(doc_id: str, kb: KnowledgeBase) -> list[Row]:
    """The `knowledge` rows (KNOWLEDGE_COLUMNS order) for what one document states."""
    rows: list[Row] = []
    items: list[Item] = [*kb.agreements, *kb.institutions, *kb.claims]
    for item in items:
        kind_of, kind, name = _type_kind_name(item)
        rows.append((doc_id, item.id, kind_of, kind, name, json.dumps(_codes(item)),
                     json.dumps(item.to_dict(), ensure_ascii=False, sort_keys=True)))
    return rows


def save_knowledge(backend: Backend, doc_id: str, kb: KnowledgeBase) -> None:
    """Store what one document states, replacing what was stored for it (call inside the
    transaction that stores the document)."""
    delete_knowledge(backend, [doc_id])
    backend.insert("knowledge", KNOWLEDGE_COLUMNS, knowledge_rows(doc_id, kb))


def delete_knowledge(backend: Backend, doc_ids: Sequence[str]) -> None:
    """Forget what these documents state."""
    for start in range(0, len(doc_ids), 500):
        part = list(doc_ids[start : start + 500])
        backend.execute(f"DELETE FROM knowledge WHERE doc_id IN ({', '.join('?' * len(part))})",
                        part)


def _item(kind_of: str, data: dict[str, object]) -> Item:
    if kind_of == "agreement":
        return agreement_from_dict(data)
    if kind_of == "institution":
        return institution_from_dict(data)
    return claim_from_dict(data)


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
    asked for: each type merges on its own, so fewer types give the same records faster)."""
    wanted = [t for t in KNOWLEDGE_TYPES if t in types]
    if not wanted:
        return KnowledgeBase()
    marks = ", ".join("?" * len(wanted))
    items: list[Item] = []
    for _, rows in backend.stream(
            f"SELECT type, data FROM knowledge WHERE type IN ({marks})", wanted):
        items.extend(_item(str(kind_of), json.loads(data)) for kind_of, data in rows)
    return merge_stored(items)


def knowledge_fingerprint(backend: Backend) -> tuple[object, ...]:
    """Something that changes whenever the stored knowledge may have changed."""
    (found,) = backend.rows(
        "SELECT (SELECT count(*) FROM documents), (SELECT max(ingested_at) FROM documents), "
        "(SELECT count(*) FROM knowledge)")
    return tuple(found)
