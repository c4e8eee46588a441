"""Actor supplements that correct or complete Phoenix: older names of international bodies
(the European Community), codes no country has (Phoenix's ANG for Angola's UNITA), navies by
their ships' prefixes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.record import EventRecord

Code = Callable[..., list[EventRecord]]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The European Community imposed sanctions on Yugoslavia.", "IGOEUREEC"),
        ("European Community foreign ministers condemned Serbia.", "IGO"),
        ("The EEC criticised Japan's trade surplus.", "IGOEUREEC"),
        ("UNITA rebels attacked a convoy near Huambo.", "AGOREB"),
        ("HMS Defender fired warning shots at a Russian patrol boat.", "GBRMIL"),
    ],
)
def test_the_supplement_names_the_actor(code_text: Code, text: str, source: str) -> None:
    events = code_text(text)
    assert any(e.source.startswith(source) for e in events), [
        (e.source, e.target, e.code) for e in events]


def test_palestinian_groups_are_palestinian(code_text: Code) -> None:
    events = code_text("The Palestinian Islamic Jihad movement rejected an invitation to attend "
                       "a meeting of Palestinian factions.")
    assert any(e.source.startswith("PSEREB") for e in events), [
        (e.source, e.target, e.code) for e in events]
