"""The store's merged knowledge kept at write time: after documents come in batches, are
replaced or deleted, the kept merge is the merge of every stored record done at once; a
store made without it is merged on load until its next ingest builds it."""

from __future__ import annotations

import json
import random

import pytest

from dyad.knowledge.model import Agreement, Claim, Institution, KnowledgeBase
from dyad.knowledge.summary import summarise
from dyad.store.backend import Backend
from dyad.store.knowledge import (
    load_item,
    load_knowledge,
    load_records,
    load_summaries,
    merge_on_load,
    merge_stored,
)
from dyad.store.knowledge_groups import ensure_groups, groups_built, refresh_groups
from dyad.store.knowledge_rows import KNOWLEDGE_TYPES, knowledge_rows
from dyad.store.schema import KNOWLEDGE_COLUMNS
from tests.knowledge.records import Item, stated_documents


def _base(items: list[Item]) -> KnowledgeBase:
    return KnowledgeBase(tuple(i for i in items if isinstance(i, Agreement)),
                         tuple(i for i in items if isinstance(i, Institution)),
                         tuple(i for i in items if isinstance(i, Claim)))


def _write(backend: Backend, documents: dict[str, list[Item]]) -> None:
    """One batch, as an ingest writes it: rows, then the merge, in one transaction."""
    with backend.transaction():
        for doc_id, items in documents.items():
            backend.insert("knowledge", KNOWLEDGE_COLUMNS, knowledge_rows(doc_id, _base(items)))
        refresh_groups(backend, list(documents))


def _from_scratch(documents: dict[str, list[Item]]) -> dict[str, object]:
    return merge_stored([i for items in documents.values() for i in items]).to_dict()


@pytest.mark.parametrize("seed", [3, 5])
def test_knowledge_groups_in_two_batches_equal_a_merge_from_scratch(
        backend: Backend, seed: int) -> None:
    documents = stated_documents(80, seed)
    names = list(documents)
    random.Random(seed).shuffle(names)
    first, second = names[:50], names[50:]
    _write(backend, {d: documents[d] for d in first})
    assert load_knowledge(backend).to_dict() == _from_scratch({d: documents[d] for d in first})
    _write(backend, {d: documents[d] for d in second})
    kept = load_knowledge(backend)
    assert kept.to_dict() == _from_scratch(documents)
    assert any(i.aliases for i in (*kept.agreements, *kept.institutions, *kept.claims))
    assert load_knowledge(backend, types=("claim",)).to_dict() == KnowledgeBase(
        claims=kept.claims).to_dict()


def test_knowledge_groups_one_document_at_a_time_equal_a_merge_from_scratch(
        backend: Backend) -> None:
    documents = stated_documents(40, 11)
    for doc_id in reversed(list(documents)):
        _write(backend, {doc_id: documents[doc_id]})
    assert load_knowledge(backend).to_dict() == _from_scratch(documents)


def test_knowledge_groups_follow_replaced_and_deleted_documents(backend: Backend) -> None:
    documents = stated_documents(60, 7)
    _write(backend, documents)
    gone = list(documents)[::3]
    with backend.transaction():
        marks = ", ".join("?" * len(gone))
        backend.execute(f"DELETE FROM knowledge WHERE doc_id IN ({marks})", gone)
        refresh_groups(backend, gone)
    left = {d: items for d, items in documents.items() if d not in gone}
    assert load_knowledge(backend).to_dict() == _from_scratch(left)
    changed = stated_documents(60, 8)  # the same document ids, other records
    again = list(left)[:10]
    with backend.transaction():
        marks = ", ".join("?" * len(again))
        backend.execute(f"DELETE FROM knowledge WHERE doc_id IN ({marks})", again)
        refresh_groups(backend, again)
        for doc_id in again:
            backend.insert("knowledge", KNOWLEDGE_COLUMNS,
                           knowledge_rows(doc_id, _base(changed[doc_id])))
        refresh_groups(backend, again)
    expected = {**left, **{d: changed[d] for d in again}}
    assert load_knowledge(backend).to_dict() == _from_scratch(expected)


def test_knowledge_groups_every_stored_record_is_in_one_cluster(backend: Backend) -> None:
    documents = stated_documents(30, 2)
    _write(backend, dict(list(documents.items())[:15]))
    _write(backend, dict(list(documents.items())[15:]))
    stored = backend.rows("SELECT doc_id, item_id FROM knowledge ORDER BY 1, 2")
    members = backend.rows("SELECT doc_id, item_id FROM knowledge_members ORDER BY 1, 2")
    assert members == stored
    tokens = backend.rows("SELECT type, token, count(DISTINCT cluster) FROM knowledge_tokens "
                          "GROUP BY type, token HAVING count(DISTINCT cluster) > 1")
    assert tokens == []


def test_knowledge_groups_a_store_without_them_merges_on_load_then_builds_them(
        backend: Backend) -> None:
    documents = stated_documents(30, 4)
    for doc_id, items in documents.items():
        backend.insert("knowledge", KNOWLEDGE_COLUMNS, knowledge_rows(doc_id, _base(items)))
    backend.execute("DELETE FROM meta WHERE key = 'knowledge_groups'")  # an older dyad's store
    assert not groups_built(backend)
    assert load_knowledge(backend).to_dict() == _from_scratch(documents)
    assert ensure_groups(backend) is True
    assert groups_built(backend) and ensure_groups(backend) is False
    assert backend.rows("SELECT count(*) FROM knowledge_groups")[0][0] > 0
    assert load_knowledge(backend).to_dict() == _from_scratch(documents)
    assert merge_on_load(backend, KNOWLEDGE_TYPES).to_dict() == _from_scratch(documents)


def test_knowledge_groups_rows_name_the_merged_record(backend: Backend) -> None:
    documents = stated_documents(20, 6)
    _write(backend, documents)
    kb = load_knowledge(backend)
    rows = backend.rows("SELECT type, item_id, kind, name, codes, data FROM knowledge_groups")
    assert len(rows) == len(kb.agreements) + len(kb.institutions) + len(kb.claims)
    for kind_of, item_id, _, name, codes, data in rows:
        record = kb.get(str(item_id))
        assert record is not None and json.loads(data)["id"] == item_id
        assert json.loads(data)["type"] == kind_of and isinstance(json.loads(codes), list)
        assert name


def test_knowledge_groups_one_record_by_its_id_or_an_absorbed_id(backend: Backend) -> None:
    documents = stated_documents(40, 9)
    _write(backend, documents)
    kb = load_knowledge(backend)
    merged = [i for i in (*kb.agreements, *kb.institutions, *kb.claims) if i.aliases]
    assert merged
    for item in merged:
        assert load_item(backend, item.id) == item
        assert load_item(backend, item.aliases[-1]) == item
    assert load_item(backend, "no-such-record") is None
    backend.execute("DELETE FROM meta WHERE key = 'knowledge_groups'")
    assert load_item(backend, merged[0].aliases[0]) == merged[0]


def test_knowledge_groups_summaries_and_a_page_of_records(backend: Backend) -> None:
    documents = stated_documents(50, 12)
    _write(backend, dict(list(documents.items())[:30]))
    _write(backend, dict(list(documents.items())[30:]))
    kb = load_knowledge(backend)
    assert load_summaries(backend, "agreement") == [summarise(a) for a in kb.agreements]
    assert load_summaries(backend, "claim") == [summarise(c) for c in kb.claims]
    ids = [i.id for i in kb.institutions][::-2]
    assert load_records(backend, "institution", [*ids, "no-such-id"]) == [
        kb.get(i) for i in ids]
    backend.execute("DELETE FROM meta WHERE key = 'knowledge_groups'")  # merged on load
    assert load_summaries(backend, "institution") == [summarise(i) for i in kb.institutions]
    assert load_records(backend, "institution", ids) == [kb.get(i) for i in ids]
