"""Status from dated evidence, without parsing: the pure rules of `lifecycle`."""

from __future__ import annotations

import pytest

from dyad.knowledge import AgreementStep, Evidence, Party, Stance, StatusFact, When
from dyad.knowledge.lifecycle import agreement_status, claim_standing, institution_status

EVIDENCE = Evidence("d", 0, "A sentence.", (0, 11))


def step(kind: str, day: str, mode: str = "") -> AgreementStep:
    return AgreementStep(kind, When(day, day, "day", "stated"), (), EVIDENCE, mode)


def fact(status: str, day: str, mode: str = "") -> StatusFact:
    return StatusFact(status, "close", When(day, "", "day", "stated"), EVIDENCE, mode)


def stance(role: str, mode: str = "") -> Stance:
    return Stance(role, Party("RUS", "Russia"), When(), EVIDENCE, mode)


@pytest.mark.parametrize(("steps", "status"), [
    ([], "unknown"),
    ([step("signed", "2000-01-01")], "signed"),
    ([step("signed", "2000-01-01"), step("ratified", "2001-05-01")], "ratified"),
    ([step("suspended", "2023-02-21"), step("signed", "2010-04-08")], "suspended"),
    ([step("suspended", "2023-02-21"), step("revived", "2024-01-01")], "in_force"),
    ([step("suspended", "2024-06-25"), step("terminated", "2024-06-25")], "terminated"),
    ([step("signed", "2000-01-01"), step("withdrawn", "2024-06-25", "negated")], "signed"),
    ([step("withdrawn", "2024-06-25", "hedged")], "unknown"),
    ([step("signed", "2000-01-01"), step("violated", "2020-01-01")], "signed"),
])  # fmt: skip
def test_lifecycle_agreement_status(steps: list[AgreementStep], status: str) -> None:
    assert agreement_status(steps)[0] == status


@pytest.mark.parametrize(("facts", "status"), [
    ([], "unknown"),
    ([fact("closed", "2022-02-24")], "closed"),
    ([fact("closed", "2022-02-24"), fact("operating", "2022-05-18")], "operating"),
    ([fact("closed", "2024-07-02", "denied")], "operating"),
    ([fact("closed", "2024-07-02", "negated")], "operating"),
    ([fact("operating", "2024-07-02", "negated")], "unknown"),
    ([fact("closed", "2024-07-02", "hedged")], "unknown"),
    ([fact("closed", "2024-07-02", "planned")], "unknown"),
    ([fact("closed", "2024-07-02", "denied"), fact("closed", "2024-07-02")], "closed"),
    ([fact("closed", "2024-07-02"), fact("closed", "2024-07-02", "denied")], "closed"),
    ([fact("suspended", "2024-06-01"), fact("closed", "2024-07-02", "denied")], "operating"),
])  # fmt: skip
def test_lifecycle_institution_status(facts: list[StatusFact], status: str) -> None:
    assert institution_status(facts)[0] == status


@pytest.mark.parametrize(("stances", "standing"), [
    ([stance("claimant")], "asserted"),
    ([stance("claimant"), stance("refuter")], "refuted"),
    ([stance("claimant"), stance("confirmer")], "confirmed"),
    ([stance("claimant"), stance("refuter"), stance("confirmer")], "disputed"),
    ([stance("claimant"), stance("disputer")], "disputed"),
    ([stance("claimant"), stance("refuter", "negated")], "asserted"),
    ([stance("claimant"), stance("confirmer", "hedged")], "asserted"),
])  # fmt: skip
def test_lifecycle_claim_standing(stances: list[Stance], standing: str) -> None:
    assert claim_standing(stances) == standing


def test_lifecycle_status_evidence_is_the_latest_day() -> None:
    facts = [fact("closed", "2022-02-24"), fact("operating", "2022-05-18"),
             fact("operating", "2022-05-18", "negated")]  # fmt: skip
    status, behind = institution_status(facts)
    assert status == "operating" and behind == (facts[1],)
