"""A statement's own verdicts are claims its issuer makes; a news report's are nobody's."""

from __future__ import annotations

import pytest

from tests.knowledge.conftest import Extract

RELEASE = "Statement by the Minister for Foreign Affairs of Norway on the vote in Abkhazia\n\n"


@pytest.mark.parametrize("verdict", [
    "The so-called vote in Abkhazia violates the constitution of Georgia.",
    "The detention of the observers is a violation of the Vienna Document.",
    "The decree on the Abkhaz border is illegal.",
    "The decree on the Abkhaz border has no legal effect.",
])
def test_judgements_a_release_s_own_verdict_is_its_issuer_s_claim(
        extract: Extract, verdict: str) -> None:
    (claim,) = extract(RELEASE + verdict).claims
    (stance,) = claim.stances
    assert stance.role == "claimant" and stance.party.code == "NORGOV"
    assert claim.standing == "asserted"


@pytest.mark.parametrize("sentence", [
    "The vote does not violate the constitution of Georgia.",  # negated
    "The vote could violate the constitution of Georgia.",  # a possibility
    "It has no legal effect.",  # whose act is not said here
    "Does the vote violate the constitution of Georgia?",  # asked
])
def test_judgements_only_plain_verdicts_on_a_named_act(extract: Extract, sentence: str) -> None:
    assert extract(RELEASE + sentence).claims == ()


def test_judgements_a_news_report_s_verdict_is_nobody_s(extract: Extract) -> None:
    kb = extract("Tbilisi, Georgia\n\nThe so-called vote in Abkhazia violates the constitution "
                 "of Georgia.")
    assert kb.claims == ()
