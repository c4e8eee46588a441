"""A list of names gives one event per member, also when the parser hangs the list's second
member on the first as an apposition."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.record import EventRecord


@pytest.mark.parametrize(
    "text",
    [
        "Vladimir Putin had a telephone conversation with Angela Merkel, Emmanuel Macron and "
        "Petro Poroshenko.",
        "Vladimir Putin had a telephone conversation with Chancellor of the Federal Republic of "
        "Germany Angela Merkel, President of the French Republic Emmanuel Macron and President "
        "of Ukraine Petro Poroshenko.",
        "Russia held talks with France, Germany and Ukraine.",
    ],
)
def test_each_listed_target_gets_an_event(
    text: str, code_text: Callable[..., list[EventRecord]]
) -> None:
    targets = {e.target[:3] for e in code_text(text, ) if e.root == "04"}
    assert targets == {"DEU", "FRA", "UKR"}


def test_an_apposition_that_describes_stays_one_actor(
    code_text: Callable[..., list[EventRecord]],
) -> None:
    events = code_text("China criticized Mr. Li, president and chief executive of Japan's bank.")
    assert len({e.target_text for e in events}) <= 1
