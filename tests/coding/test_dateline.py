"""A dateline ("WASHINGTON, D.C. -", "MOSCOW (Reuters) -", "16 July 2008 --") names where a
report was filed, not an actor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from dyad.coding.dateline import dateline_date
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


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("", "Japan-ROK Talks\n\nAugust 10, 2012\n\nMinister Gemba stated ..."),
         date(2012, 8, 10)),
        (("", "Vienna, Austria 18 October 2023 - The CTBTO said ..."), date(2023, 10, 18)),
        (("Statement of 2003-05-07", "The minister said ..."), date(2003, 5, 7)),
        # a relative date names no day of its own
        (("", "On Monday, Japan protested to China."), None),
        (("", "In March 2003, the war began."), None),
    ],
)
def test_the_date_a_dateline_writes(texts: tuple[str, str], expected: date | None) -> None:
    assert dateline_date(*texts) == expected
