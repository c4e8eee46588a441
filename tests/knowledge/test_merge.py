"""Merging across documents: the same agreement, institution or claim reported by several
documents becomes one record with all its evidence; different ones stay apart."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dyad.knowledge import Agreement, Claim, Institution, KnowledgeBase
from tests.knowledge.conftest import Extract


def test_merge_named_agreement_across_documents(extract: Extract) -> None:
    kb = extract(
        "Russia and Ukraine signed the Black Sea Grain Initiative in July 2022.",
        "Russia suspended the Black Sea Grain Initiative in July 2023.",
    )
    (agreement,) = kb.agreements
    assert [(s.kind, s.when.shown, s.evidence.doc_id) for s in agreement.steps] == [
        ("signed", "2022-07", "doc0"),
        ("suspended", "2023-07", "doc1"),
    ]
    assert agreement.status == "suspended"
    assert len(agreement.aliases) == 1 and agreement.id < agreement.aliases[0]
    assert kb.get(agreement.aliases[0]) is agreement
    assert {"RUS", "UKR"} <= set(agreement.party_codes)


def test_merge_same_step_from_two_documents_keeps_both_sentences(extract: Extract) -> None:
    kb = extract(
        "Russia suspended the New START treaty in February 2023.",
        "In February 2023 Moscow suspended the New START treaty.",
    )
    (agreement,) = kb.agreements
    (step,) = agreement.steps
    assert {step.evidence.doc_id, *(e.doc_id for e in step.also)} == {"doc0", "doc1"}


def test_merge_different_signing_years_stay_apart(extract: Extract) -> None:
    kb = extract(
        "Japan and Russia signed a fisheries agreement in 1998.",
        "Japan and Russia signed a fisheries agreement in 2005.",
    )
    assert sorted(s.when.shown for a in kb.agreements for s in a.steps) == ["1998", "2005"]


def test_merge_different_parties_stay_apart(extract: Extract) -> None:
    kb = extract(
        "Britain signed a trade deal with Japan in 2020.",
        "France signed a trade deal with Chile in 2020.",
    )
    assert len(kb.agreements) == 2


def test_merge_pairs_sharing_one_country_stay_apart(extract: Extract) -> None:
    kb = extract(
        "Japan and Australia signed an economic partnership agreement in 2014.",
        "Russia suspended its agreement with Japan on Monday.",
    )
    assert sorted(sorted(p.code[:3] for p in a.parties) for a in kb.agreements) == [
        ["AUS", "JPN"], ["JPN", "RUS"]]


def test_merge_report_naming_fewer_parties_joins(extract: Extract) -> None:
    kb = extract(
        "Japan and Russia signed the Shikotan Fisheries Agreement in 1998.",
        "Russia suspended the Shikotan Fisheries Agreement on Monday.",
    )
    assert len(kb.agreements) == 1


@pytest.mark.parametrize("texts", [
    ("Japan and Russia signed a fisheries agreement in 1998.",
     "Russia suspended the 1998 fisheries agreement on Monday."),
    ("Russia withdrew from the Treaty in 2023.", "The United States withdrew from the Treaty."),
    ("The Philippines and the rebels signed a ceasefire agreement in 2014.",
     "India and Pakistan signed the agreement in 2004."),
])  # fmt: skip
def test_merge_descriptions_never_join_across_documents(extract: Extract,
                                                        texts: tuple[str, str]) -> None:
    assert len(extract(*texts).agreements) == 2


def test_merge_acronym_joins_full_name_across_documents(extract: Extract) -> None:
    kb = extract(
        "North Korea withdrew from the Nuclear Non-Proliferation Treaty (NPT) in 2003.",
        "The NPT entered into force in 1970.",
    )
    (treaty,) = kb.agreements
    assert treaty.name == "Nuclear Non-Proliferation Treaty" and "NPT" in treaty.names


def test_merge_institution_status_over_documents(extract: Extract) -> None:
    kb = extract(
        "Russia closed the Japan Center in Khabarovsk in 2024.",
        "The Japan Center in Khabarovsk reopened in 2025.",
    )
    (center,) = kb.institutions
    assert center.locations == ("Khabarovsk",)
    assert center.status == "operating"
    assert [f.evidence.doc_id for f in center.status_evidence] == ["doc1"]


def test_merge_claim_made_in_one_document_refuted_in_another(extract: Extract) -> None:
    kb = extract(
        "Kyodo claimed that Tokyo had frozen the talks.",
        "Tokyo denied that it had frozen the talks.",
    )
    (claim,) = kb.claims
    assert [(s.role, s.evidence.doc_id) for s in claim.stances] == [
        ("claimant", "doc0"),
        ("disputer", "doc1"),  # Tokyo answers for itself: the claim stays open
    ]
    assert claim.standing == "disputed"


def test_merge_is_idempotent_and_order_free(extract: Extract) -> None:
    first = extract("Russia and Ukraine signed the Black Sea Grain Initiative in July 2022.")
    second = extract("Russia suspended the Black Sea Grain Initiative in July 2023.")
    assert first.merge(first) == first
    assert first.merge(second).agreements[0].id == second.merge(first).agreements[0].id
    assert first.merge(second).agreements[0].status == second.merge(first).agreements[0].status


def test_merge_empty_base_is_neutral(extract: Extract) -> None:
    kb = extract("Russia closed the U.S. consulate in Yekaterinburg.")
    assert KnowledgeBase().merge(kb) == kb
    assert json.loads(json.dumps(kb.to_dict()))["institutions"][0]["status"] == "closed"


def _naive(items: list[Any], same: Any, combine: Any) -> list[Any]:
    """The greedy pairwise merge the grouped one must agree with (n² comparisons)."""
    result: list[Any] = []
    for item in sorted(items, key=lambda x: x.id):
        for n, existing in enumerate(result):
            if same(existing, item):
                result[n] = combine(existing, item)
                break
        else:
            result.append(item)
    return result


def test_merge_grouping_agrees_with_comparing_every_pair() -> None:
    import sys
    from pathlib import Path

    from dyad.knowledge import merge

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from bench_knowledge_merge import records  # type: ignore[import-not-found]

    items = records(400, seed=3)
    base = merge.merge_bases(KnowledgeBase(), KnowledgeBase(
        agreements=tuple(i for i in items if isinstance(i, Agreement)),
        institutions=tuple(i for i in items if isinstance(i, Institution)),
        claims=tuple(i for i in items if isinstance(i, Claim))))
    for mine, kind, same, combine in (
            (base.agreements, Agreement, merge.same_agreement, merge.combine_agreements),
            (base.institutions, Institution, merge.same_institution,
             merge.combine_institutions),
            (base.claims, Claim, merge.same_claim, merge.combine_claims)):  # fmt: skip
        naive = _naive([i for i in items if isinstance(i, kind)], same, combine)
        assert sorted((r.id, r.aliases) for r in mine) == sorted((r.id, r.aliases) for r in naive)
        assert len(mine) < len([i for i in items if isinstance(i, kind)]) or kind is Agreement
