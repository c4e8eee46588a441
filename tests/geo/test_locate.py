"""Where events happened, as the coder gives it: the clause's place, else the dateline, else
nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.coding.coder import EventCoder
from dyad.dictionaries.defaults import load_dictionaries
from dyad.geo.location import Location
from dyad.record import Document, EventRecord

Code = Callable[..., list[EventRecord]]


def places(code_text: Code, text: str) -> list[tuple[str, str, str, str]]:
    return [(e.location.written, e.location.name, e.location.country, e.location.rule)
            if e.location else ("", "", "", "") for e in code_text(text)]


@pytest.mark.parametrize(("text", "written", "name", "country"), [
    ("Police arrested dozens of protesters in Lahore on Friday.", "Lahore", "Lahore", "PAK"),
    ("Russian troops attacked Ukrainian positions near Kharkiv.", "Kharkiv", "Kharkiv", "UKR"),
    ("Sudanese forces attacked rebels in southern Darfur.", "southern Darfur", "South Darfur",
     "SDN"),
    ("Turkish troops shelled Kurdish fighters inside Syria.", "Syria", "Syria", "SYR"),
    ("Protesters marched in New York on Friday.", "New York", "New York City", "USA"),
])
def test_locate_clause_place(code_text: Code, text: str, written: str, name: str,
                             country: str) -> None:
    found = places(code_text, text)
    assert found and found[0] == (written, name, country, "clause")


def test_locate_span_points_at_the_words(code_text: Code) -> None:
    text = "Police arrested dozens of protesters in Lahore on Friday."
    (event,) = code_text(text)[:1]
    assert event.location is not None and event.location.span is not None
    start, end = event.location.span
    assert text[start:end] == "Lahore"


def test_locate_dateline_when_the_clause_names_no_place(code_text: Code) -> None:
    text = "KABUL, May 3 (Reuters) - The Afghan government condemned Pakistan for the shelling."
    assert places(code_text, text)[0] == ("KABUL", "Kabul", "AFG", "dateline")


def test_a_dateline_does_not_place_an_act_of_two_other_countries(code_text: Code) -> None:
    # a correspondent's city: Burmese police act in Burma, not in Bangkok
    text = "BANGKOK, Sept 26 (VOA) - Burmese police beat Burmese monks on Wednesday."
    assert all(e.location is None for e in code_text(text))


def test_a_place_nested_in_a_way_or_time_phrase_places_the_act(code_text: Code) -> None:
    text = "Kenyan police attacked an opposition leader on his way to a rally in Mombasa."
    found = places(code_text, text)
    assert ("Mombasa", "Mombasa", "KEN", "clause") in found, found


def test_a_topic_phrase_does_not_place_the_act(code_text: Code) -> None:
    found = places(code_text, "France criticized Germany about the war in Syria.")
    assert not [f for f in found if f[3] == "clause"], found


@pytest.mark.parametrize("text", [
    "France criticized Germany over its trade policy.",  # actors alone give no place
    "The minister, who lives in London, criticized Iran on Monday.",  # another clause's place
    "Japan condemned the launch of missiles that fell in the sea near Hokkaido, officials said "
    "yesterday, and Japan protested to North Korea.",
])
def test_locate_no_place_stated(code_text: Code, text: str) -> None:
    for event in code_text(text):
        assert event.location is None or event.location.rule != "clause" or (
            "Hokkaido" in event.location.written), event


def test_locate_ambiguous_place_is_kept_as_written(code_text: Code) -> None:
    found = places(code_text, "Israeli aircraft struck targets in Springfield.")
    assert found and found[0] == ("Springfield", "", "", "clause")


def test_locate_can_be_switched_off() -> None:
    coder = EventCoder(load_dictionaries(), geolocate=False)
    (coded,) = coder.code([Document(id="t", text="Police arrested protesters in Lahore.")])
    assert coded.events and all(e.location is None for e in coded.events)


def test_locate_record_carries_the_location(code_text: Code) -> None:
    (event,) = code_text("Police arrested dozens of protesters in Lahore on Friday.")[:1]
    data = event.to_dict()
    assert list(data)[-1] == "location"
    assert data["location"]["name"] == "Lahore" and data["location"]["span"] == list(
        event.location.span or ())
    assert Location.from_dict(data["location"]) == event.location


def test_location_gdelt_fields() -> None:
    city = Location("Lahore", None, "Lahore", "PAK", "PK", "", "PK04", 31.5, 74.3, "city", "1")
    assert (city.gdelt_type, city.full_name, city.precision) == (4, "Lahore, Pakistan", 4)
    state = Location("Texas", None, "Texas", "USA", "US", "Texas", "USTX", kind="division")
    assert (state.gdelt_type, state.full_name) == (2, "Texas, United States")
    assert Location("the South China Sea", kind="landmark").gdelt_type == 0


@pytest.mark.parametrize("text", ["in in in of the", "\u200b" * 50, "Near near NEAR. In, at."])
def test_locate_bad_input_never_fails(code_text: Code, text: str) -> None:
    code_text(text)
