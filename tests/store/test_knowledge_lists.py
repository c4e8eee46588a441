"""The knowledge lists answered in SQL (`dyad.store.knowledge_lists`, as the list pages and
their API read them) give what the summaries give (`dyad.web.records.list_records`): the
count, the facet counts, the order and every page after every cursor, for every filter and
sort, on a generated store after batches and replacements."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

from dyad.errors import QueryError
from dyad.knowledge.model import (
    Agreement,
    AgreementStep,
    Claim,
    Evidence,
    Institution,
    KnowledgeBase,
    Party,
    When,
)
from dyad.store.backend import Backend, open_backend
from dyad.store.knowledge import load_summaries
from dyad.store.knowledge_groups import refresh_groups
from dyad.store.knowledge_rows import KNOWLEDGE_TYPES, knowledge_rows
from dyad.store.schema import KNOWLEDGE_COLUMNS, KNOWLEDGE_GROUPS_MARK, create_schema
from dyad.web.access import StoreAccess
from dyad.web.records import RecordPage, sql_page, summary_page
from tests.knowledge.records import Item, stated_documents

SORTS = ("name", "-name", "state", "-state", "kind", "-kind")
FILTERS: tuple[dict[str, str], ...] = (
    {}, {"q": "Japan Center"}, {"q": "treaty"}, {"q": "the"}, {"q": "claim 2"},
    {"q": "nothing like it"}, {"q": "!!"}, {"state": "signed"}, {"state": "suspended"},
    {"state": "closed"}, {"state": "asserted"}, {"party": "JPN"}, {"party": "r"},
    {"party": "UKR", "state": "signed"}, {"kind": "treaty"}, {"kind": "center"},
    {"kind": "freeze"}, {"doc": "doc007"}, {"doc": "doc041", "q": "center"},
    {"q": "treaty", "party": "RUS", "kind": "Pact"}, {"q": "élysée"},
)


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
    """Agreements whose names sort differently by case and with letters beyond ASCII."""
    day = When("2021-03-04", "", "day", "stated")
    evidence = Evidence(doc, 0, "Sentence.", (0, 4))
    found: list[Item] = []
    for n, (name, kind) in enumerate((("Élysée Treaty", "treaty"), ("zeta Pact", "Pact"),
                                      ("Zeta pact", "Pact"), ("accord de Paris", "accord"))):
        parties = (Party("FRA", "France"), Party("RUSGOV", "Russia"))
        step = AgreementStep(("signed", "suspended")[n % 2], day, parties[:1], evidence)
        found.append(Agreement(f"agr-{doc}-{n}", kind, name, parties, "", (step,),
                               (evidence,), names=(name,)))
    return found


@pytest.fixture
def store(backend: Backend) -> Backend:
    documents = stated_documents(90, 11)
    _write(backend, {d: documents[d] for d in list(documents)[:50]})
    _write(backend, {**{d: documents[d] for d in list(documents)[50:]},
                     "docx1": _named("docx1"), "docx2": _named("docx2")[1:]})
    replaced = stated_documents(30, 12)  # some documents say something else now
    _write(backend, {d: replaced[d] for d in list(replaced)[:8]})
    return backend


def _walk(page: RecordPage, turn: Callable[[str], RecordPage]) -> list[RecordPage]:
    pages = [page]
    while pages[-1].following:
        pages.append(turn(pages[-1].following))
        assert len(pages) < 200
    return pages


def test_sql_lists_give_what_the_summaries_give(store: Backend) -> None:
    checked = 0
    for kind_of in KNOWLEDGE_TYPES:
        summaries = load_summaries(store, kind_of)
        assert summaries
        for values, sort in itertools.product(FILTERS, SORTS):
            expected = summary_page(summaries, values, sort=sort)
            found = sql_page(store, kind_of, values, sort=sort)
            assert found == expected, (kind_of, values, sort)
            checked += len(found.ids)
            first = sql_page(store, kind_of, values, sort=sort, size=7)
            assert first == summary_page(summaries, values, sort=sort, size=7)
            if sort in ("name", "-state") and len(values) < 2:  # every page, by its cursor
                pages = _walk(first, lambda cursor, v=values, s=sort, k=kind_of: sql_page(
                    store, k, v, sort=s, cursor=cursor, size=7))
                assert pages == _walk(summary_page(summaries, values, sort=sort, size=7),
                                      lambda cursor, m=summaries, v=values, s=sort:
                                      summary_page(m, v, sort=s, cursor=cursor, size=7))
                assert [i for p in pages for i in p.ids] == expected.ids
    assert checked > 1000


def test_sql_lists_find_by_case_and_letters_beyond_ascii(store: Backend) -> None:
    summaries = load_summaries(store, "agreement")
    found = sql_page(store, "agreement", {"party": "rus", "q": "pact"}, sort="-name")
    assert found == summary_page(summaries, {"party": "rus", "q": "pact"}, sort="-name")
    assert found.total == 2 and [c.value for c in found.facets["party"]] == ["FRA", "RUS"]
    named = sql_page(store, "agreement", {"party": "FRA"}, sort="name", size=2)
    assert named.total == 4 and named.following
    rest = sql_page(store, "agreement", {"party": "FRA"}, sort="name", cursor=named.following)
    assert named.ids + rest.ids == summary_page(summaries, {"party": "FRA"}, sort="name").ids
    labels = {s.id: s.label for s in summaries}
    assert [labels[i] for i in named.ids + rest.ids] == [
        "accord de Paris", "zeta Pact", "Zeta pact", "Élysée Treaty"]


def test_sql_lists_refuse_what_the_summaries_refuse(store: Backend) -> None:
    for bad in ({"sort": "size"}, {"cursor": "not a cursor"}, {"q": "x" * 501}):
        with pytest.raises(QueryError):
            sql_page(store, "claim", {"q": bad.get("q", "")}, sort=bad.get("sort", "name"),
                     cursor=bad.get("cursor", ""), size=5)


def test_a_store_without_its_merge_is_listed_from_its_summaries(tmp_path: Path) -> None:
    location = str(tmp_path / "older.duckdb")
    backend = open_backend(location, create=True)
    create_schema(backend)
    _write(backend, stated_documents(40, 4))
    kept = {kind_of: sql_page(backend, kind_of, {"party": "JPN"}, sort="-name", size=5)
            for kind_of in KNOWLEDGE_TYPES}
    backend.execute("DELETE FROM meta WHERE key = ?", [KNOWLEDGE_GROUPS_MARK])
    backend.close()
    access = StoreAccess(location)
    try:
        for kind_of in KNOWLEDGE_TYPES:
            assert access.record_page(kind_of, {"party": "JPN"}, sort="-name", size=5) == kept[
                kind_of]
    finally:
        access.close()
