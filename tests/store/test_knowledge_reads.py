"""Targeted reads of the merged knowledge give what a full load gives: status answers, a
pair's and a document's knowledge and the filtered lists, read by look-up keys, on a
generated store after batches, replacements and deletions."""

from __future__ import annotations

import itertools

import pytest

from dyad.knowledge.model import (
    Agreement,
    AgreementStep,
    Claim,
    Evidence,
    Institution,
    KnowledgeBase,
    Party,
    Stance,
    StatusFact,
    When,
)
from dyad.knowledge.pairs import DyadKnowledge, document_knowledge, dyad_knowledge
from dyad.knowledge.status import (
    answer_status,
    select_agreements,
    select_claims,
    select_institutions,
)
from dyad.store.backend import Backend
from dyad.store.handle import EventStore
from dyad.store.knowledge import delete_knowledge, load_knowledge, load_records
from dyad.store.knowledge_groups import ensure_groups, groups_built, refresh_groups
from dyad.store.knowledge_reads import (
    load_document_knowledge,
    load_pair,
    load_status,
    select_ids,
)
from dyad.store.knowledge_rows import knowledge_rows
from dyad.store.schema import KNOWLEDGE_COLUMNS, KNOWLEDGE_GROUPS_VERSION
from tests.knowledge.records import COUNTRIES, Item, stated_documents

QUERIES = ("Japan Center", "Khabarovsk", "japan center in vladivostok", "Treaty of Lima",
           "New START", "open skies", "claim 2", "claim", "Culture Center", "consulate",
           "centre", "the", "object1", "grain initiative", "nothing like it", "Center")


def _base(items: list[Item]) -> KnowledgeBase:
    return KnowledgeBase(tuple(i for i in items if isinstance(i, Agreement)),
                         tuple(i for i in items if isinstance(i, Institution)),
                         tuple(i for i in items if isinstance(i, Claim)))


def _write(backend: Backend, documents: dict[str, list[Item]]) -> None:
    with backend.transaction():
        for doc_id, items in documents.items():
            backend.execute("DELETE FROM knowledge WHERE doc_id = ?", [doc_id])
            backend.insert("knowledge", KNOWLEDGE_COLUMNS, knowledge_rows(doc_id, _base(items)))
        refresh_groups(backend, list(documents))


def _named(doc: str) -> list[Item]:
    """A document whose claims name an agreement of a pair while touching one country only
    (one name plain, one that JSON escapes), as the dyad page links them."""
    day = When("2024-06-25", "", "day", "stated")
    evidence = Evidence(doc, 0, "Sentence.", (0, 9))
    pair = (Party("RUS", "Russia"), Party("JPN", "Japan"))
    step = AgreementStep("suspended", day, pair[:1], evidence)
    return [
        Agreement(f"agr-{doc}-a", "treaty", "Treaty of Lima", pair, "", (step,), (evidence,),
                  names=("Treaty of Lima",)),
        Agreement(f"agr-{doc}-b", "pact", 'the "Quoted" Pact', pair, "", (step,), (evidence,),
                  names=('the "Quoted" Pact',)),
        Institution(f"ins-{doc}", "Japan Center in Khabarovsk", "center", pair[1], (),
                    (StatusFact("closed", "close", day, evidence),), (evidence,)),
        Claim(f"clm-{doc}-a", "Russia will leave the treaty of lima", "leave the Treaty of Lima",
              "leave", ("RUS",), "treaty of lima",
              (Stance("claimant", Party("UKR", "Ukraine"), day, evidence),)),
        Claim(f"clm-{doc}-b", 'Japan quits the "quoted" pact', 'quits the "Quoted" Pact',
              "quit", ("JPN",), "quoted pact",
              (Stance("claimant", Party("", "media reports"), day, evidence),)),
    ]


def _ids(found: DyadKnowledge) -> tuple[list[str], list[str], list[str]]:
    return ([a.id for a in found.agreements], [i.id for i in found.institutions],
            [c.id for c in found.claims])


def _check(backend: Backend) -> None:
    """Every targeted read equals the same function over the whole knowledge base."""
    kb = load_knowledge(backend)
    assert kb.agreements and kb.institutions and kb.claims
    for query, limit in itertools.product(QUERIES, (None, 1, 2, 20)):
        assert load_status(backend, query, limit=limit).to_dict() == answer_status(
            kb, query, limit=limit).to_dict(), (query, limit)
    for first, second in itertools.product((*COUNTRIES, "RUSGOV", "XYZ"), repeat=2):
        assert _ids(load_pair(backend, first, second)) == _ids(
            dyad_knowledge(kb, first, second)), (first, second)
    full = dyad_knowledge(kb, "RUS", "JPN")
    first = load_pair(backend, "RUS", "JPN", limit=2)
    assert list(_ids(first)) == [ids[:2] for ids in _ids(full)]
    assert first.totals == (len(full.agreements), len(full.institutions), len(full.claims))
    documents = sorted({e.doc_id for a in kb.agreements for e in a.mentions})
    for doc_id in documents[:12]:
        assert _ids(load_document_knowledge(backend, doc_id)) == _ids(
            document_knowledge(kb, doc_id))
    for party, status, query in itertools.product(("", "RUS", "J", "USA"),
                                                  ("", "signed", "suspended"),
                                                  ("", "treaty", "New START", "the")):
        assert select_ids(backend, "agreement", party=party, state=status, query=query) == [
            a.id for a in select_agreements(kb, party=party, status=status, query=query)]
    for status, query in itertools.product(("", "closed", "operating"),
                                           ("", "Japan Center", "consulate")):
        assert select_ids(backend, "institution", state=status, query=query) == [
            i.id for i in select_institutions(kb, status=status, query=query)]
    for standing, query in itertools.product(("", "asserted", "refuted"),
                                             ("", "claim 1", "lima")):
        assert select_ids(backend, "claim", state=standing, query=query) == [
            c.id for c in select_claims(kb, standing=standing, query=query)]


@pytest.mark.parametrize("seed", [3, 8])
def test_knowledge_reads_equal_a_full_load_after_batches_and_deletions(
        backend: Backend, seed: int) -> None:
    documents = stated_documents(90, seed)
    documents["named1"] = _named("named1")
    names = sorted(documents)
    _write(backend, {d: documents[d] for d in names[:50]})
    _check(backend)
    _write(backend, {d: documents[d] for d in names[50:]})
    _check(backend)
    _write(backend, {names[3]: stated_documents(95, seed + 1)["doc094"]})  # replaced
    with backend.transaction():
        delete_knowledge(backend, names[10:20])
    _check(backend)


def test_knowledge_reads_the_dyad_page_links_claims_by_the_names_of_its_records(
        backend: Backend) -> None:
    _write(backend, {"named1": _named("named1")})
    found = load_pair(backend, "RUS", "JPN")
    assert [c.id for c in found.claims] == ["clm-named1-a", "clm-named1-b"]
    assert {a.name for a in found.agreements} == {"Treaty of Lima", 'the "Quoted" Pact'}
    assert _ids(load_pair(backend, "UKR", "JPN")) == ([], [], [])


def test_knowledge_reads_a_store_kept_by_another_derivation_is_read_whole_then_rebuilt(
        backend: Backend) -> None:
    documents = stated_documents(30, 4)
    _write(backend, documents)
    expected = {q: answer_status(load_knowledge(backend), q).to_dict() for q in QUERIES}
    backend.execute("UPDATE meta SET value = '1' WHERE key = 'knowledge_groups'")
    backend.execute("DELETE FROM knowledge_keys")  # a store of the dyad before the keys
    assert not groups_built(backend)
    assert {q: load_status(backend, q).to_dict() for q in QUERIES} == expected
    assert ensure_groups(backend) is True
    assert backend.rows("SELECT value FROM meta WHERE key = 'knowledge_groups'") == [
        (KNOWLEDGE_GROUPS_VERSION,)]
    assert backend.rows("SELECT count(*) FROM knowledge_keys")[0][0] > 0
    assert {q: load_status(backend, q).to_dict() for q in QUERIES} == expected
    _check(backend)


def test_knowledge_reads_the_python_handle_answers_as_the_full_load(backend: Backend) -> None:
    _write(backend, stated_documents(40, 5))
    store = EventStore(backend)
    kb = store.knowledge()
    assert store.status("Japan Center").to_dict() == answer_status(kb, "Japan Center").to_dict()
    assert _ids(store.pair_knowledge("RUS", "JPN")) == _ids(dyad_knowledge(kb, "RUS", "JPN"))
    doc_id = kb.agreements[0].mentions[0].doc_id
    assert _ids(store.document_knowledge(doc_id)) == _ids(document_knowledge(kb, doc_id))
    suspended = [a.id for a in select_agreements(kb, party="RUS", status="suspended")]
    assert [a.id for a in store.select("agreement", party="RUS", state="suspended")] == suspended
    assert [a.id for a in store.select("agreement", party="RUS", state="suspended",
                                       limit=2)] == suspended[:2]
    assert load_records(backend, "agreement", suspended) == [
        a for a in kb.agreements if a.id in suspended]
    with pytest.raises(ValueError):
        select_ids(backend, "treaty")
