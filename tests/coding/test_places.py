"""Actors named only by their role take the country where the event's own clause places
them ("police in Rangoon", "a bomb near Samarra"); weapons and blasts whose users the text
does not name are an unidentified armed force (UAF) of that country."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from dyad.record import EventRecord

Code = Callable[..., list[EventRecord]]


def pairs(events: list[EventRecord]) -> set[tuple[str, str, str]]:
    return {(e.source, e.target, e.root) for e in events}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police in Rangoon beat up monks on Tuesday.", ("MMRCOP", "MMRREL", "18")),
        ("Rebels attacked a police station in northern Mali.", ("MLIREB", "MLI", "19")),
        ("Three US servicemen were killed by an improvised explosive device outside the "
         "Iraqi city of Basra.", ("IRQUAF", "USAMIL", "18")),
        ("A roadside bomb near Kandahar killed two Canadian soldiers.",
         ("AFGUAF", "CANMIL", "1")),
    ],
)
def test_a_role_takes_the_country_of_its_event_place(code_text: Code, text: str,
                                                     expected: tuple[str, str, str]) -> None:
    source, target, root = expected
    found = pairs(code_text(text))
    assert any(s == source and t == target and r.startswith(root) for s, t, r in found), found


def test_a_named_actor_keeps_its_own_country(code_text: Code) -> None:
    # the Thai police act in Burma: they stay Thai
    events = [e for e in code_text("Thai police in Rangoon arrested protesters.")
              if e.root == "17"]
    # the protesters are where they were
    assert {(e.source, e.target) for e in events} == {("THACOP", "MMROPP")}


def test_a_place_of_another_clause_does_not_place_the_actor(code_text: Code) -> None:
    # Geneva is where the statement was made, not where the police acted
    events = code_text("Speaking in Geneva, the UN rights chief said police arrested "
                       "protesters.")
    assert not [e for e in events if e.source.startswith("CHE")]


def test_a_weapon_used_by_a_named_actor_is_no_actor(code_text: Code) -> None:
    events = code_text("Israel dropped bombs on Gaza.")
    assert not [e for e in events if "UAF" in e.source or "UAF" in e.target]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkish authorities imposed a curfew in the town of Cizre in southeastern Turkey.",
         ("TURGOV", "TUR", "17")),
        ("Thousands of Iraqi Kurds demonstrated in the northern city of Kirkuk on Sunday.",
         ("IRQ", "IRQ", "14")),
        ("Russian troops shelled villages near Kharkiv.", ("RUSMIL", "UKR", "19")),
    ],
)
def test_force_or_protest_without_a_target_is_aimed_at_the_place(
        code_text: Code, text: str, expected: tuple[str, str, str]) -> None:
    source, target, root = expected
    found = pairs(code_text(text, date(2005, 1, 1)))
    assert any(s.startswith(source) and t == target and r == root for s, t, r in found), found



@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Thai government declared a state of emergency on Monday.", ("THAGOV", "THA")),
        ("Iraq's interim government announced that it is prepared to impose martial law.",
         ("IRQ", "IRQ")),
    ],
)
def test_rule_imposed_at_home_is_aimed_at_the_countrys_people(
        code_text: Code, text: str, expected: tuple[str, str]) -> None:
    source, target = expected
    events = [e for e in code_text(text, date(2005, 1, 1)) if e.code.startswith(("172", "13"))]
    assert [e for e in events if e.source.startswith(source) and e.target == target], events


def test_a_concern_is_about_the_first_actor_it_names(code_text: Code) -> None:
    events = code_text("The United Nations human rights chief voiced deep concern about the "
                       "violence that erupted after the election in Belarus.")
    assert {(e.source[:3], e.target) for e in events} >= {("IGO", "BLR")}


def test_an_official_of_an_embassy_of_a_country_is_that_countrys(code_text: Code) -> None:
    events = code_text("The Deputy Chief of Mission of the Embassy of Japan in China protested "
                       "against the Chinese foreign ministry.")
    assert "JPNGOV" in {e.source for e in events if e.root == "14"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a protest aimed at no one named is aimed at the protesters' own country
        ("Young Algerians blocked roads on Sunday to press their demands.", ("DZA", "DZA", "14")),
        ("Rebels in the Ivory Coast blocked transport into Abidjan.", ("CIVREB", "CIV", "14")),
        # a threatened protest is a threat (133), at whom it names
        ("Druze inhabitants of the Syrian Golan Heights threatened to hold a general strike "
         "unless Israel rescinded its annexation.", ("SYR", "ISR", "13")),
    ],
)
def test_protests_without_a_named_target(code_text: Code, text: str,
                                         expected: tuple[str, str, str]) -> None:
    source, target, root = expected
    found = pairs(code_text(text, date(2000, 1, 1)))
    assert any(s.startswith(source) and t == target and r == root for s, t, r in found), found


def test_an_objects_own_clause_can_place_it(code_text: Code) -> None:
    events = code_text("Afghan guerillas blew up power lines leading into Kabul.", date(2000, 1, 1))
    assert ("AFGREB", "AFG", "19") in pairs(events)


def test_a_protest_announced_for_the_future_is_a_threat_at_home(code_text: Code) -> None:
    events = code_text("Radical French farmers said on Friday they would blockade Paris from "
                       "Monday night.", date(2000, 1, 1))
    assert ("FRAAGR", "FRA", "13") in pairs(events)


def test_aid_no_one_is_named_to_receive_goes_to_the_documents_country(code_text: Code) -> None:
    events = code_text(
        "A strong earthquake struck Pakistan on Saturday, and Pakistani officials asked for "
        "help. The United States has pledged $50 million for earthquake relief.",
        date(2005, 10, 10))
    aid = [e for e in events if e.source == "USA" and e.root in ("03", "07")]
    assert [(e.target, e.target_text, e.spans["target"]) for e in aid] == [("PAK", "", None)]


def test_aid_within_the_givers_own_country_gets_no_recipient(code_text: Code) -> None:
    events = code_text("Japan was hit by floods, and Japanese officials met in Tokyo. Japan "
                       "pledged $5 million for relief.", date(2005, 10, 10))
    assert not [e for e in events if e.root in ("03", "07")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan will take measures due to the visit to the islands by President Lee "
         "Myung-bak.", ("JPN", "KOR")),
        ("Japan imposed sanctions in response to the annexation of Crimea by Russia.",
         ("JPN", "RUS")),
    ],
)
def test_an_act_answers_the_actor_of_its_cause(code_text: Code, text: str,
                                               expected: tuple[str, str]) -> None:
    events = code_text(text, date(2014, 3, 20))
    assert expected in {(e.source[:3], e.target[:3]) for e in events}
