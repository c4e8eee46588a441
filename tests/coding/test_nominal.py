"""Acts of force and coercion stated as nouns are events when the text reports them as done,
with the author its possessive, by-phrase or adjective names (or the state, for arrests no
one is named for) and the target its of/on/against phrase or the place it names."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.record import EventRecord

Code = Callable[..., list[EventRecord]]


def triples(events: list[EventRecord]) -> set[tuple[str, str, str]]:
    return {(e.source, e.target, e.code) for e in events}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("President Obama linked the sanctions to Russia's military action in Ukraine.",
         ("RUS", "UKR", "190")),
        ("The minister condemned the expulsion of Russian diplomats by Estonia.",
         ("EST", "RUSGOV", "174")),
        ("The UN deplored the Israeli airstrikes on Lebanon.", ("ISR", "LBN", "195")),
    ],
)
def test_an_act_noun_with_its_author_and_target(code_text: Code, text: str,
                                                expected: tuple[str, str, str]) -> None:
    found = triples(code_text(text))
    assert expected in found, found


def test_arrests_no_one_is_named_for_are_the_states(code_text: Code) -> None:
    text = ("Protests spread across Zimbabwe. Zimbabwe's opposition marched in Harare. The "
            "rallies were followed by mass arrests of opposition activists.")
    found = triples(code_text(text))
    assert ("ZWECOP", "ZWEOPP", "173") in found, found


def test_coordinated_act_nouns_share_their_of_phrase(code_text: Code) -> None:
    text = ("Nepal's parliament was dissolved. Troops patrolled Kathmandu as Nepal braced for "
            "unrest. The students demand an apology for the beating and arrests of students by "
            "the police.")
    codes = {c for s, t, c in triples(code_text(text)) if (s, t) == ("NPLCOP", "NPLEDU")}
    assert {"182", "173"} <= codes, codes


@pytest.mark.parametrize(
    "text",
    [
        "Sudan denied the bombing of Chadian towns by its air force.",
        "Chad warned of arrests of Sudanese traders by its police.",
        "The opposition called for an end to the detentions of students by Zimbabwe.",
        "Russia threatened an invasion of Ukraine.",
        "Amnesty fears the torture of detainees by Egypt.",
    ],
)
def test_an_act_noun_not_reported_as_done_is_no_event(code_text: Code, text: str) -> None:
    found = triples(code_text(text))
    assert not [t for t in found if t[2][:2] in ("17", "18", "19")], found


def test_a_verb_pattern_codes_its_own_object_once(code_text: Code) -> None:
    events = code_text("Rebels launched an attack on the town of Abeche in Chad.")
    assert len([e for e in events if e.root == "19"]) >= 1
    assert not [e for e in events if e.trigger == "attack"]


def test_an_act_noun_is_explained(code_document: Callable[..., object]) -> None:
    coded = code_document("The UN deplored the Israeli airstrikes on Lebanon.")
    lines = [line for s in coded.sentences for line in s.predicates]  # type: ignore[attr-defined]
    assert any("act noun airstrike" in line for line in lines), lines
