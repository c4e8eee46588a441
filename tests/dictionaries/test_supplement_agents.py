"""The maintained agents supplement (dyad.agents.txt): role nouns Phoenix lists only inside
longer phrases, read before Phoenix's own file."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.dictionaries.agents import parse_agents
from dyad.dictionaries.defaults import default_agent_files
from dyad.record import EventRecord
from tests.dictionaries.conftest import SHIPPED

CodeText = Callable[..., list[EventRecord]]


def test_supplement_reads_strictly_and_comes_first() -> None:
    parsed = parse_agents(SHIPPED / "dyad.agents.txt")
    assert not parsed.problems
    assert default_agent_files()[0].name == "dyad.agents.txt"
    assert default_agent_files()[-1].name == "Phoenix.agents.txt"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Uganda banned opposition candidates from the elections.", "UGAOPP"),
        ("Belarus arrested the opposition on Sunday.", "BLROPP"),
        ("Chinese police detained several dissidents in Beijing.", "CHNOPP"),
        ("Afghan troops attacked the guerillas in Kandahar.", "AFGREB"),
    ],
)
def test_opposition_roles(code_text: CodeText, text: str, target: str) -> None:
    assert target in {e.target for e in code_text(text)}


def test_unidentified_attackers_are_an_armed_force_of_the_place(code_text: CodeText) -> None:
    events = code_text("A Belarusian journalist was abducted by unidentified persons in Minsk.")
    assert ("BLRUAF", "BLRMED") in {(e.source, e.target) for e in events}
