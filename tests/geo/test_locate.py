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


def test_an_act_parsed_inside_its_own_place_phrase_is_placed_there(code_text: Code) -> None:
    # the parser hangs "hospitalized and later abducted" on "capital": the place that dominates
    # the verb is where it happened
    text = ("An opposition leader was attacked on his way to a rally in the capital, Minsk, "
            "hospitalized and later abducted by unidentified persons.")
    found = places(code_text, text)
    assert found and all(f[1:] == ("Minsk", "BLR", "clause") for f in found), found


@pytest.mark.parametrize("text", [
    "Iran, accused by the United States of arming militias, rejected the charge.",
    "Police arrested a man wanted in France.",  # a past participle tells of another time
    # what is said of someone where they are is not said there
    "Israel accused militants hiding in Lebanon of the attack.",
    "Russia criticized Ukrainians living in Poland.",
    "Thousands rallied in the capital, Minsk, condemned by the European Union.",
])
def test_a_participle_of_an_actor_or_of_another_time_gives_no_place(code_text: Code,
                                                                   text: str) -> None:
    assert all(e.location is None for e in code_text(text))


def test_what_the_object_was_doing_places_the_act(code_text: Code) -> None:
    found = places(code_text, "Police fired on protesters marching in Minsk.")
    assert found and found[0] == ("Minsk", "Minsk", "BLR", "clause")


def test_a_landmark_the_gazetteer_lacks_is_kept_without_a_country(code_text: Code) -> None:
    (event, *_) = code_text("Witnesses say police pushed back monks trying to enter the "
                            "Shwedagon Pagoda where the demonstrations have focused.")
    assert event.location is not None
    assert (event.location.written, event.location.kind, event.location.country) == (
        "Shwedagon Pagoda", "landmark", "")  # not guessed from the actors or the document


def test_a_landmark_in_a_named_city_takes_the_city_s_country_and_point(code_text: Code) -> None:
    (event, *_) = code_text("Burmese police pushed back monks trying to enter the Shwedagon "
                            "Pagoda in Rangoon.")
    location = event.location
    assert location is not None
    assert (location.written, location.name, location.kind, location.country) == (
        "Shwedagon Pagoda", "Shwedagon Pagoda", "landmark", "MMR")
    assert location.lat is not None and location.gdelt_type == 4
    assert location.full_name == "Shwedagon Pagoda, Myanmar"


def test_a_landmark_the_tagger_calls_an_organisation(code_text: Code) -> None:
    (event, *_) = code_text("Israeli troops stormed the Al-Aqsa Mosque on Friday.")
    assert event.location is not None
    assert (event.location.written, event.location.kind) == ("Al-Aqsa Mosque", "landmark")


def test_an_organisation_is_no_landmark(code_text: Code) -> None:
    assert all(e.location is None for e in code_text(
        "The United Nations criticized Microsoft Corporation over its conduct."))
