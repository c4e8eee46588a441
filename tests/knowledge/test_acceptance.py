"""The founding article: DESIGN.md's knowledge acceptance (two agreements, the Japan Centers,
one refuted claim), and the status answer built from them."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dyad.dictionaries.defaults import DictionarySet
from dyad.knowledge import (
    KnowledgeBase,
    KnowledgeExtractor,
    answer_status,
    extract_knowledge,
    select_agreements,
    select_claims,
)
from dyad.knowledge.lifecycle import CONTRARY_MODES
from dyad.knowledge.serialize import institution_from_dict
from dyad.nlp import parse_documents
from dyad.record import Document
from tests.conftest import EXAMPLES

CITIES = {"Moscow", "St. Petersburg", "Nizhny Novgorod", "Khabarovsk", "Vladivostok", "Sakhalin"}


@pytest.fixture(scope="module")
def document() -> Document:
    text = (EXAMPLES / "japan-centers.txt").read_text(encoding="utf-8")
    return Document(id="japan-centers.txt", text=text, date=date(2024, 7, 2))


@pytest.fixture(scope="module")
def kb(extractor: KnowledgeExtractor, document: Document) -> KnowledgeBase:
    parsed = next(parse_documents([document], nlp=extractor.nlp))
    return extractor.extract(parsed)


def test_acceptance_two_agreements_signed_2000_and_2003(kb: KnowledgeBase) -> None:
    assert len(kb.agreements) == 2
    signed = sorted(s.when.shown for a in kb.agreements for s in a.steps if s.kind == "signed")
    assert signed == ["2000", "2003"]
    for agreement in kb.agreements:
        assert set(agreement.party_codes) == {"RUS", "JPN"}
        assert "Japan Center" in agreement.subject
        step = next(s for s in agreement.steps if s.kind == "signed")
        assert step.evidence.sentence.startswith("Experts noted that these agreements, signed in")


def test_acceptance_agreements_ended_by_russian_order_of_last_week(kb: KnowledgeBase) -> None:
    for agreement in kb.agreements:
        assert agreement.status in ("suspended", "terminated")
        order = next(s for s in agreement.steps if "Mishustin" in s.evidence.sentence)
        assert order.kind in ("suspended", "terminated")
        assert order.date == "2024-06-25" and order.date_text == "Last week"
        assert order.actor == "RUSGOV" and order.mode == ""
        deciding = agreement.status_step
        assert deciding is not None and deciding.date == "2024-06-25"
        assert deciding.actor.startswith("RUS")


def test_acceptance_japan_centers(kb: KnowledgeBase) -> None:
    (center,) = kb.institutions
    assert center.name == "Japan Center" and center.kind == "center"
    assert set(center.locations) == CITIES
    assert center.legal_form == "Russian legal entities"
    assert center.funders == ("Japanese government",)
    assert next(f.code for f in center.facts if f.kind == "funder") == "JPNGOV"
    assert {"lectures", "Japanese internships for Russian workers"} <= set(center.activities)


def test_acceptance_japan_centers_places_on_the_map(kb: KnowledgeBase) -> None:
    (center,) = kb.institutions
    places = {p.written: p for p in center.places}
    assert set(places) == CITIES
    assert {p.country for p in places.values()} == {"RUS"}
    assert places["St. Petersburg"].name == "Saint Petersburg"  # Russia's, not Florida's
    assert all(places[c].kind == "city" and places[c].lat is not None
               for c in CITIES - {"Sakhalin"})
    assert places["Sakhalin"].kind == "country"  # the gazetteer has no place so named
    data = center.to_dict()
    assert {p["written"] for p in data["places"]} == CITIES
    assert institution_from_dict(data).places == center.places
    for fact in data["facts"]:  # records stored before places are read, with none
        fact.pop("place", None)
    assert institution_from_dict(data).places == ()
    assert institution_from_dict(data).locations == center.locations


def test_acceptance_japan_centers_operate_because_closure_denied(kb: KnowledgeBase) -> None:
    (center,) = kb.institutions
    assert center.status == "operating"
    modes = {f.mode for f in center.status_evidence}
    assert modes <= CONTRARY_MODES and "denied" in modes  # negated, denied or refused
    assert all(f.status == "closed" for f in center.status_evidence)
    assert not any(f.mode == "" and f.status == "closed" for f in center.status_facts)


def test_acceptance_one_claim_refuted_by_ria_novosti_citing_experts(kb: KnowledgeBase) -> None:
    (claim,) = kb.claims
    assert claim.gist == "Russia is closing Japan Centers"
    assert claim.text.startswith("Russia is closing Japan Centers in Moscow")
    assert claim.standing == "refuted"
    assert [p.text for p in claim.claimants] == ["media reports"]
    (refuter,) = [s for s in claim.stances if s.role == "refuter"]
    assert (refuter.party.code, refuter.party.text) == ("RUSMED", "RIA Novosti")
    assert refuter.citing == ("experts",)
    assert claim.dates == ("2024-07-02",)


def test_acceptance_status_answer_for_japan_center(kb: KnowledgeBase) -> None:
    answer = answer_status(kb, "Japan Center")
    (item,) = answer.institutions
    assert item.status == "operating"
    assert len(item.agreements) == 2 and len(item.claims) == 1
    text = "\n".join(answer.lines())
    assert text.startswith("Japan Center [center, ")
    assert "Mishustin signed an order suspending these agreements" in text
    assert "[japan-centers.txt#3]" in text
    assert 'claim "Russia is closing Japan Centers"' in text and "refuted" in text


def test_acceptance_cli_style_selections(kb: KnowledgeBase) -> None:
    assert len(select_agreements(kb, party="RUS")) == 2
    assert select_agreements(kb, party="USA") == []
    assert len(select_agreements(kb, party="JPN", status=kb.agreements[0].status)) == 2
    assert len(select_claims(kb, standing="refuted")) == 1
    assert select_claims(kb, standing="confirmed") == []


def test_acceptance_records_are_json_and_ids_stable(
    kb: KnowledgeBase, extractor: KnowledgeExtractor, document: Document
) -> None:
    data = json.loads(json.dumps(kb.to_dict()))
    assert data["claims"][0]["standing"] == "refuted"
    assert data["institutions"][0]["status"] == "operating"
    again = extractor.extract(next(parse_documents([document], nlp=extractor.nlp)))
    assert [a.id for a in again.agreements] == [a.id for a in kb.agreements]
    assert kb.merge(again) == kb  # re-ingesting the same article changes nothing


def test_acceptance_extract_knowledge_convenience(
    kb: KnowledgeBase, extractor: KnowledgeExtractor, document: Document
) -> None:
    dictionaries: DictionarySet = extractor.dictionaries
    parsed = next(parse_documents([document], nlp=extractor.nlp))
    assert extract_knowledge(parsed, dictionaries) == kb
