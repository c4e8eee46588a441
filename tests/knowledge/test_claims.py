"""Claim shapes: reports refuted, denied, confirmed, disputed; who made them and whom they
cite; negated stances; weak reports kept only when someone answers them."""

from __future__ import annotations

import pytest

from dyad.knowledge import Claim, KnowledgeBase
from tests.knowledge.conftest import Extract


def only(kb: KnowledgeBase) -> Claim:
    assert len(kb.claims) == 1, [c.gist for c in kb.claims]
    return kb.claims[0]


# (sentence, gist, claimant words, answerer role, answerer code, standing)
CLAIMS = [
    ("The Kremlin denied reports that Putin was ill.",
     "Putin was ill", "reports", "refuter", "RUSGOV", "refuted"),
    ("The Pentagon confirmed reports that Russia had moved troops to the border.",
     "Russia had moved troops", "reports", "confirmer", "USAMIL", "confirmed"),
    ("Seoul dismissed claims that it was planning to close its embassy in Moscow.",
     "it was planning to close its embassy", "claims", "refuter", "KOR", "refuted"),
    ("Beijing disputed allegations that it had hacked the ministry.",
     "it had hacked the ministry", "allegations", "disputer", "CHN", "disputed"),
    ("Reports that the embassy would close were denied by the foreign ministry.",
     "the embassy would close", "Reports", "refuter", "---GOV", "refuted"),
    ("Israel rejected media reports claiming it had agreed to a ceasefire.",
     "it had agreed", "media reports", "refuter", "ISR", "refuted"),
    ('The Turkish foreign ministry dismissed as "baseless" claims that Ankara had closed its '
     "airspace to Russian flights.", "Ankara had closed its airspace", "baseless claims",
     "refuter", "TURGOV", "refuted"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "gist", "claimant", "role", "code", "standing"), CLAIMS)
def test_claims_answered(extract: Extract, text: str, gist: str, claimant: str, role: str,
                         code: str, standing: str) -> None:  # fmt: skip
    claim = only(extract(text))
    assert claim.gist == gist
    assert [p.text for p in claim.claimants] == [claimant]
    answer = next(s for s in claim.stances if s.role == role)
    assert answer.party.code == code and answer.mode == ""
    assert claim.standing == standing


def test_claims_claimed_with_source(extract: Extract) -> None:
    claim = only(
        extract("Kyodo claimed that Tokyo had frozen the talks, citing unnamed officials.")
    )
    assert (claim.gist, claim.text) == ("Tokyo had frozen the talks", "Tokyo had frozen the talks")
    (stance,) = claim.stances
    assert (stance.role, stance.party.code, stance.citing) == (
        "claimant",
        "JPNMED",
        ("unnamed officials",),
    )
    assert (claim.standing, claim.predicate, claim.subjects) == ("asserted", "suspend", ("JPN",))


def test_claims_negated_denial_does_not_refute(extract: Extract) -> None:
    claim = only(
        extract("The government did not deny reports that it was preparing new sanctions.")
    )
    refuter = next(s for s in claim.stances if s.role == "refuter")
    assert refuter.mode == "negated"
    assert claim.refuters == () and claim.standing == "asserted"


def test_claims_hedged_confirmation_does_not_confirm(extract: Extract) -> None:
    claim = only(
        extract("Officials reportedly confirmed reports that Moscow had closed the consulate.")
    )
    assert claim.standing == "asserted"


def test_claims_report_denied_then_confirmed_is_disputed(extract: Extract) -> None:
    claim = only(
        extract(
            "Local media reported that the mission would be closed. The foreign "
            "ministry denied the reports on Tuesday. Opposition lawmakers "
            "confirmed that the mission would be closed."
        )
    )
    assert [s.role for s in claim.stances] == ["claimant", "refuter", "confirmer"]
    assert claim.standing == "disputed"
    refuter = claim.stances[1]
    assert refuter.evidence.sentence_id == 1 and refuter.when.date == "2024-07-02"


def test_claims_denial_of_a_claim_cites_who_told_the_denier(extract: Extract) -> None:
    claim = only(
        extract(
            "Officials told Reuters that the plant remained open. "
            "Reuters refuted rumors that the plant had closed."
        )
    )
    refuter = next(s for s in claim.stances if s.role == "refuter")
    assert refuter.citing == ("officials",)


@pytest.mark.parametrize("text", [
    "Reuters reported that the plant had closed.",
    "The ministry confirmed that the talks would take place.",
    "Experts have clarified to RIA Novosti that the move does not signify closure.",
])  # fmt: skip
def test_claims_weak_statements_alone_are_no_claims(extract: Extract, text: str) -> None:
    assert extract(text).claims == ()


def test_claims_pronoun_refuter_is_the_person_named_before(extract: Extract) -> None:
    claim = only(
        extract(
            "Prime Minister Nikol Pashinyan spoke on Monday. "
            "He denied reports that Yerevan had left the bloc."
        )
    )
    assert [p.text for p in claim.refuters] == ["Pashinyan"]
    assert claim.subjects == ("ARM",)


def test_claims_whether_clause_is_no_claim(extract: Extract) -> None:
    assert extract("Analysts questioned whether the deal would hold.").claims == ()
