"""Countries written joined by hyphens ("a Japan-U.S.-Canada exercise", "U.S.-Russia talks")
are each a participant; warships are their navy's ("USS ...", "HMCS ...", "JS ..."); exercising
with others is military cooperation (062)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.nlp import load_pipeline
from dyad.record import EventRecord

Code = Callable[..., list[EventRecord]]


def triples(events: list[EventRecord]) -> set[tuple[str, str, str]]:
    return {(e.source, e.target, e.code) for e in events}


def test_a_hyphen_after_an_abbreviation_separates_two_names() -> None:
    words = [t.text for t in load_pipeline()("The U.S.-Canada border and the U.K.-EU deal.")]
    assert words[1:4] == ["U.S.", "-", "Canada"]
    assert words[7:10] == ["U.K.", "-", "EU"]


def test_each_country_of_a_hyphenated_list_is_a_counterpart(code_text: Code) -> None:
    found = triples(code_text("Germany held a Germany-France-Poland summit with its "
                              "neighbours."))
    assert {("DEU", "FRA", "040"), ("DEU", "POL", "040")} <= found, found


def test_a_warship_is_its_navy(code_text: Code) -> None:
    found = triples(code_text("HMCS Ottawa conducted a bilateral exercise with Japan."))
    assert ("CANMIL", "JPN", "062") in found, found


@pytest.mark.parametrize(("prefix", "navy"), [("USS", "USAMIL"), ("HMS", "GBRMIL"),
                                              ("JS", "JPNMIL"), ("BRP", "PHLMIL")])
def test_ship_prefixes(code_text: Code, prefix: str, navy: str) -> None:
    found = triples(code_text(f"{prefix} Resolute fired on a Somali pirate skiff."))
    assert any(s == navy for s, _, _ in found), found


def test_a_multilateral_exercise_is_cooperation_with_each_country(code_text: Code) -> None:
    found = triples(code_text("Australia conducted an Australia-India-Indonesia multilateral "
                              "exercise in the Indian Ocean."))
    assert {("AUS", "IND", "062"), ("AUS", "IDN", "062")} <= found, found


def test_a_military_exercise_alone_stays_a_show_of_force(code_text: Code) -> None:
    found = triples(code_text("North Korea conducted military exercises near South Korea."))
    assert not [t for t in found if t[2] == "062"], found


def test_a_hyphenated_name_is_not_a_list(code_text: Code) -> None:
    # one country's compound name: no second participant appears from it
    found = triples(code_text("Guinea-Bissau's army arrested the prime minister."))
    assert not [t for t in found if t[1] in ("GIN",)], found
