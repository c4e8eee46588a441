"""Actors named by role alone (police, rebels, protesters, "people") take the country the
document is about, as event data sets code them: with the country where they act."""

from __future__ import annotations

from collections.abc import Callable

from dyad.record import EventRecord

Code = Callable[..., list[EventRecord]]


def _pairs(events: list[EventRecord]) -> set[tuple[str, str, str]]:
    return {(e.source, e.target, e.root) for e in events}


def test_roles_take_the_country_the_document_is_about(code_text: Code) -> None:
    events = code_text(
        "Kenya's government warned protesters against new rallies in Nairobi. "
        "Police fired tear gas at demonstrators on Tuesday. "
        "Kenyan officials said rebels attacked police near the border."
    )
    assert _pairs(events) == {
        ("KENGOV", "KENOPP", "13"), ("KENCOP", "KENOPP", "17"), ("KENREB", "KENCOP", "19")
    }


def test_no_country_stands_out_leaves_roles_as_they_are(code_text: Code) -> None:
    events = code_text("Chad accused Sudan of arming rebels. Police arrested protesters.")
    arrests = [e for e in events if e.root == "17"]
    assert arrests and all(e.source.startswith("---") for e in arrests)


def test_a_country_named_once_is_not_the_documents(code_text: Code) -> None:
    events = code_text("Police arrested protesters. Japan sent aid.")
    arrests = [e for e in events if e.root == "17"]
    assert arrests and all(e.source.startswith("---") for e in arrests)


def test_yet_to_is_not_done(code_text: Code) -> None:
    assert not code_text("The army has yet to launch an attack on the rebels in Darfur.")
    assert not code_text("China has yet to sign the accord with Japan.")
    assert not code_text("Iran is yet to respond to the offer from France.")
    assert _pairs(code_text("Russia has attacked Ukraine yet again.")) == {("RUS", "UKR", "19")}


def test_an_official_facing_the_documents_state_is_of_the_other_country(
        code_text: Code) -> None:
    # a text naming China most: the Vice-Minister who summons China's ambassador is Japan's
    events = code_text(
        "Chinese vessels entered waters that Japan claims near the Chinese coast, and Japan "
        "protested. China said "
        "the vessels were on patrol. The Vice-Minister for Foreign Affairs summoned the "
        "Chinese ambassador on Friday.")
    assert ("JPNGOV", "CHNGOV", "11") in _pairs(events)


def test_protesters_facing_their_own_government_stay_where_they_act(code_text: Code) -> None:
    events = code_text("Kenya's government banned rallies in Kenya. Protesters denounced the "
                       "Kenyan government on Tuesday.")
    assert ("KENOPP", "KENGOV", "11") in _pairs(events)


def test_a_state_acting_on_its_opposition_in_a_one_country_sentence(code_text: Code) -> None:
    assert ("UGA", "UGAOPP", "17") in _pairs(code_text("Uganda banned opposition candidates."))
    assert ("SDNMIL", "SDNREB", "19") in _pairs(
        code_text("In recent weeks the Sudanese army has clashed with Darfuri rebels."))
    # with two countries named, the group's is unknown
    assert not [e for e in code_text("Israeli troops arrested ten militants near the "
                                     "Lebanese border.") if e.target.startswith("ISR")]
