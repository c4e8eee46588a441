"""Record summaries: a list filtered on summaries selects what `dyad.knowledge.status`
selects on the records."""

from __future__ import annotations

import pytest

from dyad.knowledge.model import KnowledgeBase
from dyad.knowledge.status import select_agreements, select_claims, select_institutions
from dyad.knowledge.summary import RecordSummary, summarise
from dyad.knowledge.vocabulary import key_words
from dyad.store.knowledge import merge_stored
from tests.knowledge.records import stated_documents


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return merge_stored([i for items in stated_documents(80, 5).values() for i in items])


def _select(summaries: list[RecordSummary], state: str, query: str) -> list[str]:
    words = set(key_words(query))
    return [s.id for s in summaries if (not state or state in s.states)
            and (not query or (words and words <= set(s.words)))]


@pytest.mark.parametrize("query", ["", "New START", "treaty", "lima", "japan center", "claim"])
def test_summary_filters_as_the_status_selections(kb: KnowledgeBase, query: str) -> None:
    agreements = [summarise(a) for a in kb.agreements]
    for state in ("", "signed", "suspended", "ratified", "unknown"):
        assert _select(agreements, state, query) == [
            a.id for a in select_agreements(kb, status=state, query=query)]
    institutions = [summarise(i) for i in kb.institutions]
    for state in ("", "closed", "operating"):
        assert _select(institutions, state, query) == [
            i.id for i in select_institutions(kb, status=state, query=query)]
    claims = [summarise(c) for c in kb.claims]
    for state in ("", "refuted", "disputed", "claimed", "open"):
        assert _select(claims, state, query) == [
            c.id for c in select_claims(kb, standing=state, query=query)]


def test_summary_round_trips_and_names_its_documents(kb: KnowledgeBase) -> None:
    merged = next(a for a in kb.agreements if a.aliases)
    summary = summarise(merged)
    assert RecordSummary.from_dict(summary.to_dict()) == summary
    assert set(summary.documents) == {e.doc_id for e in merged.mentions}
    assert len(summary.documents) > 1 and summary.state == merged.status
