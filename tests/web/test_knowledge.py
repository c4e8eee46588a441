"""Which agreements, institutions and claims a dyad page shows."""

from __future__ import annotations

import pytest

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
