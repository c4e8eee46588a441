"""The infinitive of a decision, plan or order is done by its author: "the decision of (by)
X to do ..." is X's act, not the act of whoever talks about the decision."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.record import EventRecord

Code = Callable[..., list[EventRecord]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UN officials welcomed the decision by Japan to lift sanctions on Iran.",
         ("JPN", "IRN", "08")),
        ("France criticized the decision of the Russian government to expel Polish diplomats.",
         ("RUSGOV", "POLGOV", "16")),
        ("Brazil condemned the order by Venezuela to expel Brazilian diplomats.",
         ("VEN", "BRAGOV", "16")),
    ],
)
def test_the_author_of_the_decision_acts(
    text: str, expected: tuple[str, str, str], code_text: Callable[..., list[EventRecord]]
) -> None:
    events = code_text(text)
    assert expected in {(e.source, e.target, e.root) for e in events}
    speaker = text.split()[0]
    assert not [e for e in events if e.root == expected[2] and e.target == expected[1]
                and e.source_text.startswith(speaker)]


def test_the_speaker_does_not_take_over_the_decision(
    code_text: Callable[..., list[EventRecord]],
) -> None:
    events = code_text("Chile regrets the decision of the Peruvian government to expel the envoy.")
    assert all(e.source != "CHL" or e.root != "17" for e in events)


def test_an_act_condemned_is_its_authors_not_its_places(code_text: Code) -> None:
    events = code_text("The German government condemned an attack by Russian soldiers in "
                       "eastern Ukraine on Thursday.")
    assert {(e.source, e.target) for e in events if e.root == "11"} == {("DEUGOV", "RUSMIL")}


def test_an_act_as_a_subject_acts_on_no_one(code_text: Code) -> None:
    events = code_text("Japan said the visit to the island by President Lee Myung-bak "
                       "undermines relations with Japan.", )
    assert not [e for e in events if e.source.startswith("KOR") and e.root == "16"]
