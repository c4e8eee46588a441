"""Appeals, demands, rebukes and threats are addressed to someone even when the sentence
does not say to whom: they go to the country the document is about so far, never to the
source's own state, and never from a purpose clause."""

from __future__ import annotations

from collections.abc import Callable

from dyad.record import EventRecord

Code = Callable[..., list[EventRecord]]

ABOUT_NEPAL = ("Nepal's parliament was dissolved on Monday. Troops patrolled Kathmandu as "
               "Nepal braced for unrest. ")


def pairs(events: list[EventRecord]) -> set[tuple[str, str, str]]:
    return {(e.source, e.target, e.code) for e in events}


def test_an_appeal_to_no_one_named_goes_to_the_country_of_the_document(code_text: Code) -> None:
    found = pairs(code_text(ABOUT_NEPAL + "The Secretary-General urged the parties to "
                            "exercise restraint."))
    assert ("IGOUNO", "NPL", "020") in {(s, t, c[:3]) for s, t, c in found}, found


def test_a_demand_of_a_group_goes_to_its_own_country(code_text: Code) -> None:
    found = pairs(code_text(ABOUT_NEPAL + "The students demand an apology for the arrests."))
    assert any(c.startswith("10") and t == "NPL" for _, t, c in found), found


def test_condolences_go_to_the_country_of_the_document(code_text: Code) -> None:
    text = ("A strong earthquake struck Peru on Sunday. Peru asked for help. Canada said: "
            "\"We extend our deepest condolences to those who have lost loved ones.\"")
    found = pairs(code_text(text))
    assert ("CAN", "PER", "018") in found, found


def test_a_state_does_not_address_itself(code_text: Code) -> None:
    text = ("Japan and Korea held talks. Japan hosted them. The Government of Japan strongly "
            "urged restraint.")
    found = pairs(code_text(text))
    assert not [p for p in found if p[0].startswith("JPN") and p[1] == "JPN"], found


def test_countries_sharing_a_concern_do_not_address_one_of_them(code_text: Code) -> None:
    text = ("Japan held an exercise with the Philippines. The Philippines welcomed it. Japan, "
            "Canada and the Philippines share strong concerns over attempts to change the "
            "status quo by force.")
    found = pairs(code_text(text))
    assert not [p for p in found if p[2] == "018"], found


def test_a_purpose_is_not_an_act(code_text: Code) -> None:
    text = ("Sri Lanka expelled a UN spokesman. Sri Lanka said he had spread propaganda. The "
            "United Nations makes statements in an effort to save lives and prevent grave "
            "problems.")
    found = pairs(code_text(text))
    assert not [p for p in found if p[2].startswith("12")], found


def test_with_no_country_standing_out_there_is_no_counterpart(code_text: Code) -> None:
    found = pairs(code_text("The Secretary-General urged the parties to exercise restraint."))
    assert not [p for p in found if p[2].startswith("02")], found


def test_a_group_facing_its_own_country_stays_in_it(code_text: Code) -> None:
    # Thailand is the second country named; the monks are still Burmese
    text = ("Burma's government deployed troops in Rangoon. Burma cut the internet. An "
            "opposition member exiled in Thailand spoke to VOA. The monks demand an apology.")
    found = pairs(code_text(text))
    assert any(s == "MMRREL" and t == "MMR" and c.startswith("10") for s, t, c in found), found


def test_the_other_country_of_the_sentence_comes_first(code_text: Code) -> None:
    # the first sentence of a text: nothing is "so far" yet, the sentence names Belarus
    found = pairs(code_text("The UN human rights chief today voiced deep concern about the "
                            "violence in Belarus, and called for the immediate release of "
                            "those detained."))
    assert any(t == "BLR" and c.startswith("02") for _, t, c in found), found


def test_where_something_is_based_is_no_counterpart(code_text: Code) -> None:
    found = pairs(code_text("The London-based group Amnesty International launched an "
                            "appeal for aid."))
    assert not [p for p in found if p[1] == "GBR"], found


def test_a_world_region_is_no_country(code_text: Code) -> None:
    found = pairs(code_text("Islamic Relief launched an appeal for emergency assistance."))
    assert not [p for p in found if p[1] in ("MEA", "")], found
