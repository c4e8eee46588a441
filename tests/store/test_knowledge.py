"""Knowledge in the store: stored per document with the events, merged across documents on
load (the same records and ids whatever the ingest order), on DuckDB and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dyad.coding.coder import EventCoder
from dyad.errors import KnowledgeNotFoundError, StoreError
from dyad.knowledge import KnowledgeBase, answer_status
from dyad.record import Document
from dyad.store import ingest as ingest_module
from dyad.store.backend import Backend, open_backend
from dyad.store.handle import EventStore, open_store
from dyad.store.ingest import IngestOptions, IngestReport, ingest
from dyad.store.knowledge import delete_knowledge, load_knowledge, save_knowledge
from dyad.store.schema import SCHEMA_VERSION, check_schema, create_schema
from dyad.store.workers import AnalysedDocument, DocumentAnalyser, code_chunk
from tests.conftest import EXAMPLES
from tests.store.corpus import write_jsonl
from tests.store.helpers import clear

Ingest = Callable[..., IngestReport]

#: Documents that speak of the same things: each pair merges across documents.
STORIES: tuple[dict[str, str], ...] = (
    {"id": "grain-1", "date": "2022-07-25",
     "text": "Russia and Ukraine signed the Black Sea Grain Initiative in July 2022."},
    {"id": "grain-2", "date": "2023-07-18",
     "text": "Russia suspended the Black Sea Grain Initiative in July 2023."},
    {"id": "center-1", "date": "2024-03-01",
     "text": "Russia closed the Japan Center in Khabarovsk in 2024."},
    {"id": "center-2", "date": "2025-02-01",
     "text": "The Japan Center in Khabarovsk reopened in 2025."},
    {"id": "talks-1", "date": "2024-05-01",
     "text": "Kyodo claimed that Tokyo had frozen the talks."},
    {"id": "talks-2", "date": "2024-05-02", "text": "Tokyo denied that it had frozen the talks."},
)


@pytest.fixture(scope="module")
def analyser(coder: EventCoder) -> DocumentAnalyser:
    return DocumentAnalyser(coder)


@pytest.fixture(scope="module")
def stated(analyser: DocumentAnalyser) -> dict[str, KnowledgeBase]:
    """What each story states on its own, by document id."""
    documents = [Document(id=s["id"], text=s["text"], date=date.fromisoformat(s["date"]))
                 for s in STORIES]
    return {a.document.id: a.knowledge for a in analyser.analyse(documents)}


def _ingest(run_ingest: Ingest, backend: Backend, folder: Path, stories: list[dict[str, str]],
            name: str = "stories.jsonl", **options: Any) -> IngestReport:
    return run_ingest(backend, [str(write_jsonl(folder / name, stories))], **options)


def test_knowledge_save_and_load_merge_across_documents(
        backend: Backend, stated: dict[str, KnowledgeBase]) -> None:
    for doc_id, kb in stated.items():
        save_knowledge(backend, doc_id, kb)
    kb = load_knowledge(backend)
    (grain,) = kb.agreements
    assert grain.status == "suspended"
    assert [(s.kind, s.evidence.doc_id) for s in grain.steps] == [("signed", "grain-1"),
                                                                  ("suspended", "grain-2")]
    (center,) = kb.institutions
    assert center.status == "operating" and center.locations == ("Khabarovsk",)
    (claim,) = kb.claims
    assert claim.standing == "disputed"  # Tokyo answers for itself: the claim stays open
    assert {s.evidence.doc_id for s in claim.stances} == {"talks-1", "talks-2"}
    assert load_knowledge(backend, types=("claim",)) == KnowledgeBase(claims=kb.claims)


def test_knowledge_rows_hold_each_document_as_it_states_it(
        backend: Backend, stated: dict[str, KnowledgeBase]) -> None:
    save_knowledge(backend, "grain-1", stated["grain-1"])
    rows = backend.rows("SELECT doc_id, item_id, type, kind, name, codes, data FROM knowledge")
    (row,) = rows
    doc_id, item_id, kind_of, kind, name, codes, data = row
    (agreement,) = stated["grain-1"].agreements
    assert (doc_id, item_id, kind_of, kind) == ("grain-1", agreement.id, "agreement",
                                                agreement.kind)
    assert "Black Sea Grain Initiative" in name
    assert set(json.loads(codes)) == set(agreement.party_codes)
    assert json.loads(data)["status"] == "signed"  # the derived status, for readers of the JSON


def test_knowledge_replacing_or_deleting_a_document_changes_the_merge(
        backend: Backend, stated: dict[str, KnowledgeBase]) -> None:
    for doc_id in ("center-1", "center-2"):
        save_knowledge(backend, doc_id, stated[doc_id])
    assert load_knowledge(backend).institutions[0].status == "operating"
    delete_knowledge(backend, ["center-2"])
    assert load_knowledge(backend).institutions[0].status == "closed"
    save_knowledge(backend, "center-1", stated["center-1"])  # again: replaces, not duplicates
    assert backend.rows("SELECT count(*) FROM knowledge") == [(1,)]


def test_knowledge_same_records_and_ids_whatever_the_ingest_order(
        backend: Backend, tmp_path: Path, run_ingest: Ingest) -> None:
    _ingest(run_ingest, backend, tmp_path, list(STORIES), batch_size=2)
    forward = load_knowledge(backend)
    clear(backend)
    _ingest(run_ingest, backend, tmp_path, list(reversed(STORIES)), "reversed.jsonl",
            batch_size=4)
    backward = load_knowledge(backend)
    assert forward.to_dict() == backward.to_dict()
    assert len(forward.agreements) == len(forward.institutions) == len(forward.claims) == 1


def test_knowledge_is_stored_by_ingest_with_the_events(
        backend: Backend, tmp_path: Path, run_ingest: Ingest) -> None:
    text = (EXAMPLES / "japan-centers.txt").read_text(encoding="utf-8")
    report = _ingest(run_ingest, backend, tmp_path,
                     [{"id": "japan-centers", "text": text, "date": "2024-07-02"}])
    assert report.stored == 1 and report.mentions > 0
    store = EventStore(backend)
    kb = store.knowledge()
    assert sorted(s.when.shown for a in kb.agreements for s in a.steps if s.kind == "signed") == [
        "2000", "2003"]
    answer = answer_status(kb, "Japan Center")
    (item,) = answer.institutions
    assert item.status == "operating" and len(item.agreements) == 2 and len(item.claims) == 1
    again = _ingest(run_ingest, backend, tmp_path,
                    [{"id": "japan-centers", "text": text, "date": "2024-07-02"}], "again.jsonl")
    assert again.already_stored == 1 and store.knowledge() == kb


def test_knowledge_handle_reloads_when_documents_are_added(
        backend: Backend, tmp_path: Path, run_ingest: Ingest) -> None:
    store = EventStore(backend)
    _ingest(run_ingest, backend, tmp_path, [STORIES[0]], "one.jsonl")
    first = store.knowledge()
    assert store.knowledge() is first  # kept while the store is unchanged
    assert first.agreements[0].status == "signed"
    _ingest(run_ingest, backend, tmp_path, [STORIES[1]], "two.jsonl")
    (grain,) = store.knowledge().agreements
    assert grain.status == "suspended"
    assert store.knowledge_item(grain.id) == grain
    for alias in grain.aliases:
        assert store.knowledge_item(alias) == grain
    with pytest.raises(KnowledgeNotFoundError, match="no agreement, institution or claim"):
        store.knowledge_item("agr-000000000000")


def test_knowledge_sentences_keep_the_coders_explanations(
        backend: Backend, tmp_path: Path, run_ingest: Ingest, coder: EventCoder) -> None:
    text = "Russia imposed sanctions on Japan. Tokyo did not condemn the decision."
    _ingest(run_ingest, backend, tmp_path, [{"id": "s", "text": text, "date": "2024-07-02"}])
    rows = backend.rows("SELECT sentence_id, actors, reasons FROM sentences ORDER BY sentence_id")
    (expected,) = coder.code([Document(id="s", text=text, date=date(2024, 7, 2))])
    assert [(n, json.loads(a), json.loads(r)) for n, a, r in rows] == [
        (s.sentence_id, list(s.actors), list(s.predicates)) for s in expected.sentences]
    assert any("RUS" in actor for actor in json.loads(rows[0][1]))
    assert json.loads(rows[1][2]) and not json.loads(rows[1][2])[0].startswith("coded")


def test_knowledge_a_failed_batch_writes_no_knowledge(
        backend: Backend, tmp_path: Path, run_ingest: Ingest,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: Any) -> None:
        raise StoreError("disk full")

    monkeypatch.setattr(ingest_module, "update_events", fail)
    with pytest.raises(StoreError):
        _ingest(run_ingest, backend, tmp_path, list(STORIES))
    assert backend.rows("SELECT count(*) FROM knowledge") == [(0,)]
    assert backend.rows("SELECT count(*) FROM documents") == [(0,)]


def test_knowledge_a_document_the_extractor_fails_on_keeps_its_events(
        coder: EventCoder, monkeypatch: pytest.MonkeyPatch) -> None:
    analyser = DocumentAnalyser(coder)
    real = analyser.extractor.reader

    def reader(walk: Any) -> Any:
        made = real(walk)
        if walk.document.id == "bad":
            def read(view: Any) -> None:
                raise ValueError("cannot extract")
            monkeypatch.setattr(made, "read", read)
        return made

    monkeypatch.setattr(analyser.extractor, "reader", reader)
    documents = [Document(id=s["id"], text=s["text"]) for s in STORIES[:2]]
    documents.insert(1, Document(id="bad", text="Russia condemned Japan."))
    results = code_chunk(analyser, documents)
    assert all(isinstance(r, AnalysedDocument) for r in results)
    failed = [r for r in results if isinstance(r, AnalysedDocument) and r.knowledge_failed]
    assert [r.document.id for r in failed] == ["bad"]
    assert "ValueError: cannot extract" in failed[0].knowledge_failed
    assert failed[0].events and not failed[0].knowledge.agreements
    assert all(r.knowledge.agreements for r in results
               if isinstance(r, AnalysedDocument) and not r.knowledge_failed)


def test_knowledge_two_workers_store_the_same_knowledge(
        tmp_path: Path, run_ingest: Ingest) -> None:
    stores = []
    for workers in (1, 2):
        backend = open_backend(str(tmp_path / f"w{workers}.duckdb"), create=True)
        try:
            if workers == 1:
                _ingest(run_ingest, backend, tmp_path, list(STORIES))
            else:
                corpus = write_jsonl(tmp_path / "two.jsonl", list(STORIES))
                ingest(backend, [str(corpus)], IngestOptions(workers=2, batch_size=2))
            stores.append(load_knowledge(backend).to_dict())
        finally:
            backend.close()
    assert stores[0] == stores[1] and stores[0]["agreements"]


def test_knowledge_store_of_an_older_schema_is_refused(store_url: str) -> None:
    backend = open_backend(store_url, create=True)
    try:
        create_schema(backend)
        backend.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        with pytest.raises(StoreError, match="store schema version 1, but this dyad reads "
                                             f"version {SCHEMA_VERSION}"):
            check_schema(backend)
    finally:
        backend.close()
    with pytest.raises(StoreError, match="schema version 1"):
        open_store(store_url)
