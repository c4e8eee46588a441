"""Tests for dyad.nlp: how a text is cut into the units that are parsed."""

from __future__ import annotations

import pytest

from dyad.nlp import split_paragraphs


def units(text: str) -> list[str]:
    return [text[a:b] for a, b in split_paragraphs(text)]


def test_paragraphs_are_separated_by_blank_lines() -> None:
    assert units("First one.\n\n  Second one.\n") == ["First one.", "Second one."]


def test_a_headline_byline_and_dateline_above_the_first_sentence_are_units_of_their_own(
) -> None:
    text = ("Peaceful Protest in Burma Gives Way to Violence\nBy Luis Ramirez\nBangkok\n"
            "26 September\nWitnesses say police pushed back monks on Wednesday.")
    assert units(text) == ["Peaceful Protest in Burma Gives Way to Violence",
                           "By Luis Ramirez", "Bangkok", "26 September",
                           "Witnesses say police pushed back monks on Wednesday."]


def test_a_title_case_headline_with_a_place_and_time_line() -> None:
    text = ("UN Human Rights Chief Condemns Post-Electoral Violence in Belarus\n"
            "New York, Dec 21 2010 9:10AM\nThe United Nations human rights chief today voiced "
            "deep concern.")
    assert units(text)[:2] == ["UN Human Rights Chief Condemns Post-Electoral Violence in "
                               "Belarus", "New York, Dec 21 2010 9:10AM"]


@pytest.mark.parametrize(
    "text",
    [
        # prose wrapped at a fixed width: lines end mid-sentence, in lower case
        "The Security Council said on Monday that the\nsanctions against Liberia would take\n"
        "effect unless Monrovia stopped supporting the\nrebels in the region.",
        # a line that ends in a comma or a quote continues the sentence
        "Japan protested to China, saying that the intrusion,\nwhich began at noon, was "
        "illegal.",
    ],
)
def test_wrapped_prose_is_one_unit(text: str) -> None:
    assert units(text) == [text]


@pytest.mark.parametrize("number", ["1. ", "2) ", "(3) ", "(a) ", "iv. "])
def test_the_number_of_a_numbered_paragraph_is_not_parsed(number: str) -> None:
    text = f"{number}Japan protested to China."
    assert units(text) == ["Japan protested to China."]
    (start, _), = split_paragraphs(text)
    assert start == len(number)  # offsets still point into the original text


def test_a_paragraph_that_begins_with_an_abbreviation_keeps_it() -> None:
    assert units("U.S. officials met Iranian envoys.") == ["U.S. officials met Iranian envoys."]
