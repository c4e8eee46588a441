"""Statuses of the deciding day: an agreement suspended and terminated on one day is found
under either status, while its status stays the more final one."""

from __future__ import annotations

import pytest

from dyad.knowledge import Agreement, AgreementStep, Evidence, KnowledgeBase, Party, When
from dyad.knowledge.lifecycle import current_statuses
from dyad.knowledge.status import select_agreements

EVIDENCE = Evidence("d", 0, "A sentence.", (0, 11))


def step(kind: str, day: str, mode: str = "") -> AgreementStep:
    return AgreementStep(kind, When(day, day, "day", "stated"), (), EVIDENCE, mode)


@pytest.mark.parametrize(("steps", "statuses"), [
    ([], ("unknown",)),
    ([step("signed", "2000-01-01")], ("signed",)),
    ([step("signed", "2000-01-01"), step("suspended", "2024-06-25"),
      step("terminated", "2024-06-25")], ("terminated", "suspended")),
    ([step("suspended", "2024-06-25"), step("terminated", "2024-06-25", "negated")],
     ("suspended",)),
    ([step("suspended", "2023-02-21"), step("revived", "2024-01-01")], ("in_force",)),
    ([step("suspended", "2024-06-25"), step("extended", "2024-06-25"),
      step("revived", "2024-06-25")], ("suspended", "in_force")),
])  # fmt: skip
def test_current_statuses(steps: list[AgreementStep], statuses: tuple[str, ...]) -> None:
    assert current_statuses(steps) == statuses


def test_select_agreements_by_any_status_of_the_deciding_day() -> None:
    def agreement(ident: str, *steps: AgreementStep) -> Agreement:
        return Agreement(ident, "agreement", ident, (Party("RUS", "Russia"),), "", steps,
                         (EVIDENCE,))

    ended = agreement("agr-a", step("signed", "2000-01-01"), step("suspended", "2024-06-25"),
                      step("terminated", "2024-06-25"))
    paused = agreement("agr-b", step("suspended", "2023-02-21"))
    revived = agreement("agr-c", step("suspended", "2023-02-21"), step("revived", "2024-01-01"))
    kb = KnowledgeBase(agreements=(ended, paused, revived))
    assert ended.status == "terminated"
    assert [a.id for a in select_agreements(kb, status="suspended")] == ["agr-a", "agr-b"]
    assert [a.id for a in select_agreements(kb, status="terminated")] == ["agr-a"]
    assert [a.id for a in select_agreements(kb, status="in_force")] == ["agr-c"]
    assert select_agreements(kb, status="signed") == []
