"""Tests for dyad.coding.phrases: longest dictionary phrase at each position."""

from __future__ import annotations

import pytest

from dyad.coding.phrases import PhraseIndex

ENTRIES = {
    ("UNITED",): 1,
    ("UNITED", "STATES"): 2,
    ("UNITED", "STATES", "OF", "AMERICA"): 3,
    ("UNITED", "NATIONS", "SECURITY", "COUNCIL"): 4,
    ("THE", "HAGUE"): 5,
    ("AL", "QAEDA", "IN", "IRAQ"): 6,
}
WORDS = [
    "THE",
    "UNITED",
    "STATES",
    "OF",
    "AMERICA",
    "AND",
    "THE",
    "UNITED",
    "NATIONS",
    "SECURITY",
    "MET",
    "IN",
    "THE",
    "HAGUE",
]


@pytest.fixture(scope="module")
def index() -> PhraseIndex[int]:
    return PhraseIndex(ENTRIES)


@pytest.mark.parametrize(
    ("start", "stop", "length"),
    [
        (1, None, 4),  # UNITED STATES OF AMERICA
        (1, 3, 2),  # cut by stop: UNITED STATES
        (1, 2, 1),  # UNITED alone
        (7, None, 1),  # UNITED NATIONS SECURITY (no COUNCIL): only UNITED
        (12, None, 2),  # THE HAGUE
        (0, None, 0),  # THE UNITED is no phrase
        (5, None, 0),  # AND starts nothing
        (13, None, 0),  # HAGUE starts nothing
    ],
)
def test_longest_at(index: PhraseIndex[int], start: int, stop: int | None, length: int) -> None:
    assert index.longest_at(WORDS, start, stop) == length


def test_longest_everywhere_is_longest_at_each_position(index: PhraseIndex[int]) -> None:
    for words in (WORDS, ["AL", "QAEDA", "IN", "IRAQ"], ["AL", "QAEDA", "IN"], ["UNITED"], []):
        expected = [index.longest_at(words, i) for i in range(len(words))]
        assert index.longest_everywhere(words) == expected
    assert index.longest_everywhere(WORDS)[1] == 4


def test_lookup(index: PhraseIndex[int]) -> None:
    assert index.get(("THE", "HAGUE")) == 5
    assert index.get(("THE",)) is None
    assert ("UNITED", "STATES") in index
    assert ("UNITED", "STATES", "OF") not in index
    assert index.first_words == {"UNITED", "THE", "AL"}
