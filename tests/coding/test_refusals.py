"""Refusing a cooperative act is a rejection (CAMEO 12): "refused to cooperate with", "is
refusing to lift", "declined to meet"; the refused act itself is not done, and refusing a
hostile act ("declined to condemn") is no rejection."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.coding.events import refusal_code
from dyad.record import EventRecord

Code = Callable[..., list[EventRecord]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Israeli government is refusing to lift the curfew on Palestinians.",
         ("ISR", "PSE", "124")),
        ("Iran refused to negotiate with France over the detained sailors.", ("IRN", "FRA", "12")),
        ("Hungary declined to send aid to Ukraine.", ("HUN", "UKR", "12")),
        ("Serbia refused to recognize Kosovo.", ("SRB", "KSV", "120")),
    ],
)
def test_a_refused_cooperative_act_is_a_rejection(code_text: Code, text: str,
                                                  expected: tuple[str, str, str]) -> None:
    events = code_text(text)
    source, target, code = expected
    assert [e for e in events if e.source[:3] == source and e.target[:3] == target
            and e.code.startswith(code)], [(e.source, e.target, e.code) for e in events]
    assert not [e for e in events if e.root not in ("12",) and e.target[:3] == target]


def test_refusing_a_hostile_act_is_no_rejection(code_text: Code) -> None:
    events = code_text("Germany refused to attack Syria.")
    assert not [e for e in events if e.root in ("12", "19")]


@pytest.mark.parametrize(
    ("code", "expected"),
    [("040", "125"), ("0431", "125"), ("061", "121"), ("070", "121"), ("081", "124"),
     ("051", "120"), ("111", None), ("190", None), ("", None)],
)
def test_refusal_codes(code: str, expected: str | None) -> None:
    assert refusal_code(code) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.N. will send a mission to Chad, following Sudan's refusal to allow U.N. forces "
         "into Darfur.", ("SDN", "IGO", "12")),
        ("Observers noted Iran's refusal to negotiate with France.", ("IRN", "FRA", "12")),
    ],
)
def test_a_refusal_stated_as_a_noun_is_a_rejection(code_text: Code, text: str,
                                                   expected: tuple[str, str, str]) -> None:
    events = code_text(text)
    source, target, code = expected
    assert [e for e in events if e.source[:3] == source and e.target[:3] == target
            and e.code.startswith(code)], [(e.source, e.target, e.code) for e in events]
    assert not [e for e in events if e.source[:3] == source and e.root in ("04", "08")]


def test_a_failure_to_act_is_no_act(code_text: Code) -> None:
    events = code_text("The EU criticized Liberia's failure to expel the rebels.")
    assert not [e for e in events if e.root == "17"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan does not recognize the government of Crimea.", ("JPN", "UKR", "12")),
        ("Syria says it will not accept any more refugees from Iraq if war starts.",
         ("SYR", "", "12")),
        ("Hungary won't allow Ukrainian grain into its market.", ("HUN", "UKR", "12")),
    ],
)
def test_a_negated_present_or_future_act_is_a_stance(code_text: Code, text: str,
                                                     expected: tuple[str, str, str]) -> None:
    source, target, code = expected
    events = code_text(text)
    assert [e for e in events if e.source[:3] == source and e.target.startswith(target)
            and e.code.startswith(code)], [(e.source, e.target, e.code) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "Israel did not attend the talks with Syria.",  # an act not done, in the past
        "Israel will not attend the talks in Cairo.",  # Cairo is where, not whom
        "Germany would not send troops to Mali.",  # a hypothesis
    ],
)
def test_not_every_negation_is_a_rejection(code_text: Code, text: str) -> None:
    assert not [e for e in code_text(text) if e.root == "12"]
