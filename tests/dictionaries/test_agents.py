"""Tests for dyad.dictionaries.agents (DICTIONARY-FORMATS.md §5)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dyad.dictionaries._lines import plural_of
from dyad.dictionaries.agents import parse_agent_code, parse_agents
from dyad.dictionaries.model import AgentCode
from tests.dictionaries.conftest import SHIPPED, UNITTEST

Write = Callable[..., Path]
GOV = AgentCode("GOV")


@pytest.mark.parametrize(
    ("word", "plural"),
    [("MINISTER", "MINISTERS"), ("AUTHORITY", "AUTHORITIES"), ("CONGRESS", "CONGRESSES"),
     ("BUS", "BUSES"), ("POLICEMAN", "POLICEMANS")],
)
def test_plural_of(word: str, plural: str) -> None:
    assert plural_of(word) == plural


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("~GOV", AgentCode("GOV")),
        (" ~COP", AgentCode("COP")),
        ("IGO~", AgentCode("IGO", prefix=True)),
        ("  NGO~", AgentCode("NGO", prefix=True)),
        ("~GOVMED ", AgentCode("GOVMED")),
        ("GOV", None),
        ("~ENV}", None),
        ("~", None),
        ("~A~", None),
        ("", None),
        ("~GO V", None),
    ],
)
def test_parse_agent_code(text: str, code: AgentCode | None) -> None:
    assert parse_agent_code(text) == code


AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
!MINST! = MINISTER, MINISTRY
LAWMAN {LAWMEN} [~COP]
POLICE {} [ ~COP] # comment
ADMINISTRATION [~GOV]
TRUCE_MONITOR [IGO~]
CATTLE!PERSON! [~AGR]
HUSBAND!PERSON![~AGR]
!MINST!_OF_SILLY_WALKS [~GOV]
!MINST! FOR_ YOUTH [~GOV]
ISLAMIC_EXTREMIST
AD!MINST!RATIVE_!PERSON! [~GOV]
!NOPE!_X [~GOV]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
MINISTRY_  [~GOV]
DEPARMENT_OF_ENVIRONMENT [~ENV}
AUTHORITY [~GOV] ; old comment
"""


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        (("LAWMAN",), AgentCode("COP")),
        (("LAWMEN",), AgentCode("COP")),
        (("LAWMANS",), None),
        (("POLICE",), AgentCode("COP")),
        (("POLICES",), None),
        (("ADMINISTRATION",), GOV),
        (("ADMINISTRATIONS",), GOV),
        (("TRUCE", "MONITOR"), AgentCode("IGO", prefix=True)),
        (("TRUCE", "MONITORS"), AgentCode("IGO", prefix=True)),
        (("CATTLEMAN",), AgentCode("AGR")),
        (("CATTLEWOMEN",), AgentCode("AGR")),
        (("CATTLEPERSON",), AgentCode("AGR")),
        (("CATTLEMANS",), None),
        (("CATTLEPERSONS",), None),
        (("HUSBANDMEN",), AgentCode("AGR")),
        (("MINISTRY", "OF", "SILLY", "WALKS"), GOV),
        (("MINISTER", "FOR", "YOUTH"), GOV),
        (("ADMINISTRYRATIVE", "WOMAN"), GOV),
        (("ATTORNEYS", "GENERAL"), GOV),
        (("ATTORNEY", "GENERALS"), None),
        (("MINISTRY",), GOV),
        (("MINISTRIES",), GOV),
        (("ISLAMIC", "EXTREMIST"), None),
        (("AUTHORITIES",), GOV),
    ],
)
def test_agent_forms(write: Write, phrase: tuple[str, ...], code: AgentCode | None) -> None:
    agents = parse_agents(write(AGENTS)).value
    assert agents.entries.get(phrase) == code


def test_agent_problems(write: Write) -> None:
    parsed = parse_agents(write(AGENTS))
    assert [p.line for p in parsed.problems] == [11, 13, 16]
    assert "without a [CODE]" in parsed.problems[0].message
    assert "!NOPE!" in parsed.problems[1].message


def test_marker_combinations(write: Write) -> None:
    agents = parse_agents(write(AGENTS)).value
    combos = [p for p in agents.entries if p[0].startswith("AD") and len(p) == 2]
    assert len(combos) == 2 * 5


def test_shipped_agents() -> None:
    parsed = parse_agents(SHIPPED / "Phoenix.agents.txt")
    assert [p.line for p in parsed.problems] == [544, 1927]
    entries = parsed.value.entries
    assert entries[("CATTLEMEN",)] == AgentCode("AGR")
    assert entries[("LAWMEN",)] == AgentCode("COP")
    assert ("POLICES",) not in entries
    assert entries[("ADMINISTRATION",)] == GOV
    assert entries[("TRUCE", "MONITOR")] == AgentCode("IGO", prefix=True)
    assert len(entries) == 5110


def test_validation_agents() -> None:
    parsed = parse_agents(UNITTEST / "PETR.Validate.agents.txt")
    assert parsed.problems == []
    entries = parsed.value.entries
    assert entries[("ATTORNEYS", "GENERAL")] == GOV
    assert entries[("CONGRESSES",)] == AgentCode("LEG")
    assert entries[("CONGRESSMEN",)] == AgentCode("LEG")
    assert entries[("MINISTRY", "OF", "SILLY", "WALKS")] == GOV
    assert entries[("SECURITY", "SERVICE")] == GOV
    assert entries[("POLICE",)] == AgentCode("COP")
    assert entries[("MSF",)] == AgentCode("NGO", prefix=True)
    assert ("MSFS",) not in entries
    assert entries[("HUMAN", "RIGHTS", "ORGANIZATION")] == AgentCode("NGO", prefix=True)
