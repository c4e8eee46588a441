"""Tests for dyad.coding.actors: composing codes and finding mentions (agents + countries)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from dyad.coding.actors import ActorResolver, Mention, compose
from dyad.coding.tokens import PlainDoc
from dyad.dictionaries.defaults import load_dictionaries
from dyad.dictionaries.model import ActorDictionary, AgentCode, AgentDictionary, CodeGroup
from dyad.nlp import load_pipeline

TODAY = date(2024, 7, 2)


def actor(*codes: str) -> Mention:
    return Mention(0, 1, "actor", codes)


def agent(code: str, prefix: bool = False) -> Mention:
    return Mention(0, 1, "agent", agent=AgentCode(code, prefix))


ENTITY = Mention(0, 1, "entity", ("",))

# ------------------------------------------------------------ compose

COMPOSE = [
    ([actor("RUS")], ["RUS"]),
    ([actor("JPN"), agent("GOV")], ["JPNGOV"]),  # "Japanese Chief Cabinet Secretary"
    ([agent("GOV"), actor("JPN")], ["JPNGOV"]),  # "minister of Japan": order does not matter
    ([agent("GOV")], ["---GOV"]),  # "the minister": a role without a country
    ([actor("RUS"), agent("GOV"), agent("MIL")], ["RUSGOVMIL"]),
    ([actor("RUSGOV"), agent("GOV")], ["RUSGOV"]),  # the role is already there
    ([actor("DEU"), actor("FRA")], ["DEU"]),  # the first actor is the base
    ([actor("FRO", "BIL"), agent("GOV")], ["FROGOV", "BILGOV"]),  # multi-code actors
    ([actor("FRA"), agent("IGO", prefix=True)], ["IGOFRA"]),  # "French peacekeepers" (IGO~)
    ([actor("IGOFRA"), agent("IGO", prefix=True)], ["IGOFRA"]),
    ([actor("SRB"), agent("PPL"), agent("OPP")], ["SRBOPP"]),  # generic people give way
    ([actor("SRB"), agent("PPL")], ["SRBPPL"]),
    ([ENTITY, agent("GOV")], [""]),  # an unknown name keeps its empty code
    ([ENTITY], [""]),
    ([ENTITY, actor("CHN")], ["CHN"]),  # a known country is better than no code at all
    ([actor("USA"), actor("USAGOV")], ["USAGOV"]),  # "U.S. Secretary of State John Kerry"
    ([actor("UKR"), agent("GOV"), actor("UKRGOV")], ["UKRGOV"]),
    ([actor("USA"), actor("RUSGOV")], ["USA"]),  # another country's person does not refine
    ([], []),
]


@pytest.mark.parametrize(("mentions", "codes"), COMPOSE)
def test_compose(mentions: list[Mention], codes: list[str]) -> None:
    assert compose(mentions) == codes


# ------------------------------------------------------------ mentions, with a tiny dictionary


@pytest.fixture(scope="module")
def nlp() -> Callable[[str], PlainDoc]:
    """Text in, the plain copy of its parse out, as the coder walks it."""
    pipeline = load_pipeline()
    return lambda text: PlainDoc(pipeline(text))


@pytest.fixture(scope="module")
def tiny() -> ActorResolver:
    actors = ActorDictionary()
    for words, code in [(("FRANCE",), "FRA"), (("FRENCH",), "FRA"), (("PARIS",), "FRA"),
                        (("NEW", "ZEALAND"), "NZL"), (("ZEALAND",), "DNK"), (("U.S.",), "USA"),
                        (("KREMLIN",), "RUSGOV")]:
        actors.add(words, [CodeGroup(code)])
    actors.add(("JACINDA", "ARDERN"), [CodeGroup("NZLGOV", date(2017, 10, 26), date(2023, 1, 25)),
                                       CodeGroup("NZLELI")])
    actors.add(("ARDERN",), [CodeGroup("NZLGOV", date(2017, 10, 26), date(2023, 1, 25))])
    agents = AgentDictionary()
    for words, code in [(("MINISTER",), "GOV"), (("FOREIGN", "MINISTER"), "GOV"),
                        (("PROTESTERS",), "OPP"), (("ENVOY",), "GOV")]:
        agents.add(words, AgentCode(code))
    agents.add(("PEACEKEEPERS",), AgentCode("IGO", prefix=True))
    return ActorResolver(actors, agents)


def listed(nlp: Any, resolver: ActorResolver, text: str,
           day: date | None = TODAY) -> list[tuple[str, str, tuple[str, ...], str]]:
    """(words, kind, codes, agent code) of each mention of the text's last sentence."""
    doc = nlp(text)
    found = resolver.mentions(list(doc.sents)[-1], day)
    unique = sorted(set(found.values()), key=lambda m: m.start)
    return [(doc[m.start : m.end].text, m.kind, m.codes, m.agent.code if m.agent else "")
            for m in unique]


def test_agents_and_countries(nlp: Any, tiny: ActorResolver) -> None:
    assert listed(nlp, tiny, "The French foreign minister met protesters in Paris.") == [
        ("French", "actor", ("FRA",), ""),
        ("foreign minister", "agent", (), "GOV"),
        ("protesters", "agent", (), "OPP"),
        ("Paris", "actor", ("FRA",), ""),
    ]


def test_longest_match_wins(nlp: Any, tiny: ActorResolver) -> None:
    assert listed(nlp, tiny, "France praised New Zealand.") == [
        ("France", "actor", ("FRA",), ""), ("New Zealand", "actor", ("NZL",), "")]


def test_case_and_punctuation_tolerant(nlp: Any, tiny: ActorResolver) -> None:
    mentions = listed(nlp, tiny, "The U.S. envoy criticized PARIS and the kremlin's critics.")
    assert [(w, c) for w, _, c, _ in mentions if c] == [
        ("U.S.", ("USA",)), ("PARIS", ("FRA",)), ("kremlin", ("RUSGOV",))]


@pytest.mark.parametrize(("day", "codes"), [
    (date(2020, 3, 1), ("NZLGOV",)),  # in office
    (date(2024, 7, 2), ("NZLELI",)),  # after: the undated default
    (date(2010, 1, 1), ("NZLELI",)),  # before
    (None, ("NZLELI",)),  # no date: the default
])
def test_date_limited_roles(nlp: Any, tiny: ActorResolver, day: date | None,
                            codes: tuple[str, ...]) -> None:
    mentions = listed(nlp, tiny, "Jacinda Ardern visited Paris.", day)
    assert mentions[0] == ("Jacinda Ardern", "actor", codes, "")


def test_role_without_default_outside_its_dates_is_not_an_actor(nlp: Any,
                                                                tiny: ActorResolver) -> None:
    mentions = listed(nlp, tiny, "Paris welcomed Ardern.", date(2024, 7, 2))
    assert [m for m in mentions if m[0] == "Ardern" and m[1] == "actor"] == []


def test_unknown_named_entity_is_kept_with_empty_code(nlp: Any, tiny: ActorResolver) -> None:
    mentions = listed(nlp, tiny, "Zorvik Tallan met the French minister.")
    assert ("Zorvik Tallan", "entity", ("",), "") in mentions


def test_prefix_agent(nlp: Any, tiny: ActorResolver) -> None:
    assert listed(nlp, tiny, "French peacekeepers left.") == [
        ("French", "actor", ("FRA",), ""), ("peacekeepers", "agent", (), "IGO")]


def test_mentions_are_keyed_by_document_token_index(nlp: Any, tiny: ActorResolver) -> None:
    doc = nlp("Paris protested. The New Zealand envoy met France.")
    second = list(doc.sents)[1]
    found = tiny.mentions(second, TODAY)
    new = next(t.i for t in second if t.text == "New")
    assert found[new] is found[new + 1]
    assert (found[new].start, found[new].end) == (new, new + 2)
    assert all(second.start <= i < second.end for i in found)


# ------------------------------------------------------------ the shipped dictionaries


@pytest.fixture(scope="module")
def shipped() -> ActorResolver:
    dictionaries = load_dictionaries()
    return ActorResolver(dictionaries.actors, dictionaries.agents)


def np_codes(nlp: Any, resolver: ActorResolver, text: str, head: str,
             day: date = TODAY) -> list[str]:
    """Codes composed from the mentions inside the phrase headed by the word `head`."""
    doc = nlp(text)
    sent = next(iter(doc.sents))
    found = resolver.mentions(sent, day)
    top = next(t for t in doc if t.text == head)
    inside = sorted({found[t.i] for t in top.subtree if t.i in found}, key=lambda m: m.start)
    return compose(inside)


SHIPPED = [
    ("The Turkish foreign minister met his Greek counterpart.", "minister", ["TURGOV"]),
    ("The Kremlin rejected the plan.", "Kremlin", ["RUSGOV"]),
    ("Beijing rejected the plan.", "Beijing", ["CHN"]),
    ("Washington rejected the plan.", "Washington", ["USA"]),
    ("Iranian protesters clashed with police.", "protesters", ["IRNOPP"]),
    ("Moscow's envoy left.", "envoy", ["RUSGOV"]),
    ("The U.S. State Department objected.", "Department", ["USAGOV"]),
    ("The South Korean President visited Japan.", "President", ["KORGOV"]),
    ("Emmanuel Macron visited Berlin.", "Macron", ["FRAGOV"]),
    ("Chinese peacekeeping troops left Mali.", "troops", ["IGOCHN"]),
]


@pytest.mark.parametrize(("text", "head", "codes"), SHIPPED)
def test_shipped_agents_combine_with_countries(nlp: Any, shipped: ActorResolver, text: str,
                                               head: str, codes: list[str]) -> None:
    assert np_codes(nlp, shipped, text, head) == codes


@pytest.mark.parametrize(("day", "code"), [(date(1995, 1, 1), "RUSELI"),
                                           (date(2024, 7, 2), "RUSGOV")])
def test_shipped_leader_dates(nlp: Any, shipped: ActorResolver, day: date, code: str) -> None:
    assert np_codes(nlp, shipped, "Vladimir Putin met the delegation.", "Putin", day) == [code]
