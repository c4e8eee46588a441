"""Which agreements, institutions and claims a dyad page shows."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from dyad.coding.coder import EventCoder
from dyad.knowledge import KnowledgeBase, KnowledgeExtractor
from dyad.nlp import load_pipeline, parse_documents
from dyad.record import Document
from dyad.web.knowledge import dyad_knowledge


@pytest.fixture(scope="module")
def kb(coder: EventCoder) -> KnowledgeBase:
    extractor = KnowledgeExtractor(coder.dictionaries, resolver=coder.resolver,
                                   nlp=load_pipeline())
    texts = [
        "Japan and Australia signed an economic partnership agreement in 2014.",
        "Russia suspended its fisheries agreement with Japan on Monday.",
        "Russia, Japan and China signed a trilateral maritime accord in 2019.",
        "France and Germany signed a defence pact in 2020.",
    ]
    base = KnowledgeBase()
    documents = [Document(id=f"doc{n}", text=t) for n, t in enumerate(texts)]
    for parsed in parse_documents(documents, nlp=extractor.nlp):
        base = base.merge(extractor.extract(parsed))
    return base


def _pairs(agreements: tuple[object, ...]) -> list[list[str]]:
    return sorted(sorted({code[:3] for code in a.party_codes}) for a in agreements)  # type: ignore[attr-defined]


def test_dyad_shows_the_pairs_agreements_and_those_binding_both(kb: KnowledgeBase) -> None:
    assert len(kb.agreements) == 4
    shown = dyad_knowledge(kb, "RUS", "JPN").agreements
    assert _pairs(shown) == [["CHN", "JPN", "RUS"], ["JPN", "RUS"]]


def test_dyad_leaves_out_another_pair_sharing_one_country(kb: KnowledgeBase) -> None:
    assert _pairs(dyad_knowledge(kb, "JPN", "AUS").agreements) == [["AUS", "JPN"]]
    assert dyad_knowledge(kb, "USA", "JPN").agreements == ()


def test_dyad_knowledge_api_gives_the_first_records_and_how_many(client: TestClient) -> None:
    every = client.get("/api/dyads/RUS/JPN/knowledge", params={"limit": 1000}).json()
    assert every["agreements"] and every["totals"]["agreements"] == len(every["agreements"])
    first = client.get("/api/dyads/RUS/JPN/knowledge", params={"limit": 1}).json()
    assert [a["id"] for a in first["agreements"]] == [a["id"] for a in every["agreements"][:1]]
    assert first["totals"] == every["totals"]
    assert client.get("/api/dyads/RUS/JPN/knowledge", params={"limit": 0}).status_code == 422
    page = client.get("/dyad/RUS/JPN").text
    assert all(a["name"].split()[0] in page for a in every["agreements"][:3])
