"""A dateline ("WASHINGTON, D.C. -", "MOSCOW (Reuters) -", "16 July 2008 --") names where a
report was filed, not an actor."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.record import EventRecord

Code = Callable[..., list[EventRecord]]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("WASHINGTON, D.C. - The Pentagon sent aid to Indonesia on Monday.", "USA"),
        ("MOSCOW (Reuters) - Japan expelled two Russian diplomats.", "JPN"),
        ("BEIJING - Japan protested to China on Tuesday.", "JPN"),
        ("16 July 2008 -- The Security Council condemned Sudan.", "IGO"),
    ],
)
def test_the_place_of_a_dateline_is_not_an_actor(code_text: Code, text: str,
                                                 source: str) -> None:
    events = code_text(text)
    assert events and {e.source[:3] for e in events} == {source}


def test_a_dash_inside_a_sentence_is_no_dateline(code_text: Code) -> None:
    events = code_text("China - in a rare move - expelled two Japanese diplomats on Friday.")
    assert all(e.source[:3] == "CHN" for e in events)


def test_a_word_in_capitals_after_the_subject_is_no_dateline(code_text: Code) -> None:
    events = code_text("Russia NOW - officially - condemned Japan on Monday.")
    assert {e.source for e in events} <= {"RUS"}
