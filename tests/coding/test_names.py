"""Names as news writes them: hyphenated given names, accents, a family name alone later in
the document, and an unknown person whose apposition gives only a role."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from dyad.coding.actors import folded, tokenised
from dyad.record import EventRecord

Code = Callable[..., list[EventRecord]]


def test_dictionary_phrases_are_split_at_hyphens_and_lose_their_accents() -> None:
    assert tokenised(("AL-JAZEERA",)) == ("AL", "JAZEERA")
    assert tokenised(("LEE", "MYUNG", "BAK")) == ("LEE", "MYUNG", "BAK")
    assert tokenised(("PEOPLE'S", "ARMY")) == ("PEOPLE", "'S", "ARMY")
    assert folded("BASSOLÉ") == "BASSOLE"
    assert folded("ÇATALCA") == "CATALCA"
    assert folded("RUSSIA") == "RUSSIA"


def test_a_hyphenated_given_name_matches_the_dictionary(code_text: Code) -> None:
    # the dictionary writes him LEE_MYUNG_BAK; the text "Lee Myung-bak"
    events = code_text("President Lee Myung-bak criticized Japan on Friday.", )
    assert ("KORGOV", "JPN") in {(e.source, e.target) for e in events}


def test_an_accented_name_matches_its_ascii_spelling(code_text: Code) -> None:
    # the dictionary has VLADIMIR_PUTIN; an accent on a letter must not hide him
    events = code_text("Vladímir Putin criticized Japan on Friday.")
    assert [e.source for e in events if e.target == "JPN"] == ["RUSGOV"]


def test_a_family_name_alone_later_is_the_same_person(code_text: Code) -> None:
    events = code_text("President Lee Myung-bak visited Seoul on Monday. Japan later "
                       "protested to President Lee.")
    assert ("JPN", "KORGOV") in {(e.source, e.target) for e in events if e.root == "14"}


def test_a_name_in_apposition_to_a_role_takes_the_role(code_text: Code) -> None:
    # "Minister for Foreign Affairs, Koichiro Gemba," gives his name the role (a government
    # official of the country the document is about), so "Minister Gemba" is that official
    events = code_text(
        "Japan protested to China on Friday, and Japan recalled its ambassador. The Minister "
        "for Foreign Affairs, Koichiro Gemba, spoke to reporters in Tokyo. Minister Gemba "
        "then criticized China.")
    assert ("JPNGOV", "CHN") in {(e.source, e.target) for e in events if e.root == "11"}


def test_an_unknown_person_with_a_role_apposition_is_that_role(code_text: Code) -> None:
    events = code_text(
        "Japan protested against China's actions. Mr. Shinsuke Sugiyama, Vice-Minister for "
        "Foreign Affairs, criticized China on Friday. Japan will keep watching China.")
    assert "JPNGOV" in {e.source for e in events if e.root == "11"}


def test_an_event_noun_subject_is_not_a_definite_actor(code_text: Code) -> None:
    # "the visit" after "President Lee's visit ..." is the visit, not the president, so it
    # does not make Korea the author of "undermines"
    events = code_text(
        "President Lee Myung-bak's visit to the island angered Japan. The visit undermines "
        "relations with Japan, Japanese officials said.")
    assert not [e for e in events if e.source.startswith("KOR") and e.root == "16"]


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        # the dictionary's only Mugabe, in government in 2005
        ("Opposition groups in Zimbabwe are demanding that President Mugabe resign.",
         date(2005, 1, 1), "ZWEGOV"),
        ("Algerian students protested against President Bouteflika in Algiers.",
         date(2005, 1, 1), "DZAGOV"),
    ],
)
def test_a_title_and_family_name_is_the_dictionary_person(code_text: Code, text: str,
                                                          day: date, expected: str) -> None:
    assert expected in {e.target for e in code_text(text, day)}


def test_a_family_name_many_people_share_stays_unknown(code_text: Code) -> None:
    # several dictionary people are called Kim, with different codes
    events = code_text("Mr. Kim criticized Japan on Friday.", date(2010, 1, 1))
    assert {e.source for e in events} <= {""}


def test_a_family_name_without_a_title_stays_unknown(code_text: Code) -> None:
    events = code_text("Mugabe criticized Britain on Friday.", date(2005, 1, 1))
    assert {e.source for e in events} <= {""}


def test_a_group_of_unknown_origin_is_its_role(code_text: Code) -> None:
    # "Darfuri" is no dictionary word; the rebels are still rebels, of the place they act in
    events = code_text("Darfuri rebels attacked a police station in Sudan.")
    assert {e.source for e in events} == {"SDNREB"}


def test_an_unknown_person_with_a_role_stays_unknown(code_text: Code) -> None:
    events = code_text("Minister Zorbulon criticized Japan on Friday.")
    assert {e.source for e in events} <= {""}
