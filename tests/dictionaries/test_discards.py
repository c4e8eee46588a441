"""Tests for dyad.dictionaries.discards (DICTIONARY-FORMATS.md §6)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dyad.dictionaries.discards import parse_discard_line, parse_discards
from dyad.dictionaries.model import DiscardPhrase
from tests.dictionaries.conftest import SHIPPED, UNITTEST

Write = Callable[..., Path]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AFRICAN NATIONS CUP", DiscardPhrase(("AFRICAN", "NATIONS", "CUP"))),
        ("+TYPHOON", DiscardPhrase(("TYPHOON",), story=True)),
        ("+ World Golf Championships", DiscardPhrase(("WORLD", "GOLF", "CHAMPIONSHIPS"), True)),
        ("GROUP A_", DiscardPhrase(("GROUP", "A"), exact_last=True)),
        ("BASEBALL", DiscardPhrase(("BASEBALL",))),
        ("1914", DiscardPhrase(("1914",))),
        ("ABC_DEF", DiscardPhrase(("ABC", "DEF"))),
    ],
)
def test_parse_discard_line(text: str, expected: DiscardPhrase) -> None:
    assert parse_discard_line(text) == expected


@pytest.mark.parametrize("text", ["+", "~a head start", "~~a phrase", "X [ABC]", "_"])
def test_parse_discard_line_errors(text: str) -> None:
    assert isinstance(parse_discard_line(text), str)


def test_discard_file(write: Write) -> None:
    path = write(
        "# Story-level discards have a '+'\n"
        "1999\n"
        "#2000 \n"
        "ABDUL KARIM QASIM   # mj 18 Apr 2006 ;MJ 18 APR 2006\n"
        "ACADEMY AWARD ;LRP 08 MAR 2004\n"
        "+ESPN2 \n"
        "~a head start\n"
    )
    parsed = parse_discards(path)
    assert [p.words for p in parsed.value.phrases] == [
        ("1999",), ("ABDUL", "KARIM", "QASIM"), ("ACADEMY", "AWARD"), ("ESPN2",)
    ]
    assert [p.line for p in parsed.problems] == [7]


def test_shipped_discards() -> None:
    parsed = parse_discards(SHIPPED / "Phoenix.discards.txt")
    assert parsed.problems == []
    phrases = parsed.value.phrases
    assert len(phrases) == 506
    assert sum(p.story for p in phrases) == 64
    years = {p.words[0] for p in phrases if len(p.words) == 1 and p.words[0].isdigit()}
    assert {str(y) for y in range(1914, 2014)} - years == {"2000"}
    assert DiscardPhrase(("GROUP", "A"), exact_last=True) in phrases
    assert DiscardPhrase(("WORLD", "GOLF", "CHAMPIONSHIPS"), story=True) in phrases


def test_validation_discards() -> None:
    parsed = parse_discards(UNITTEST / "PETR.Validate.discards.txt")
    assert parsed.problems == []
    assert len(parsed.value.phrases) == 9
    assert DiscardPhrase(("TYPHOON",), story=True) in parsed.value.phrases
    assert DiscardPhrase(("AFRICAN", "NATIONS", "CUP")) in parsed.value.phrases
