"""Resolve actors: dictionary names, agents, capitals and demonyms, unknown named entities.

Mentions are found by longest match over the words of a sentence; the actor of a noun phrase
is then composed from the mentions inside it, PETRARCH-style: the first actor is the base and
each agent adds its role ("Japanese" + "Chief Cabinet Secretary" → JPN + GOV = JPNGOV).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dyad.coding.phrases import PhraseIndex
from dyad.coding.tokens import PlainSentence
from dyad.dictionaries.model import ActorDictionary, AgentCode, AgentDictionary, Phrase

Token = Any  # spacy.tokens.Token
NAMED_ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


@dataclass(frozen=True)
class Mention:
    """Words of a sentence that a dictionary (or the NER) names, by token index [start, end)."""

    start: int
    end: int
    kind: str  # "actor", "agent" or "entity"
    codes: tuple[str, ...] = ()  # actor codes ("" for an unknown named entity)
    agent: AgentCode | None = None


@dataclass(frozen=True)
class Actor:
    """A resolved participant: its code ("" when unknown), its words and token span."""

    code: str
    text: str
    start: int  # token indices in the paragraph doc
    end: int
    head: int  # index of the noun-phrase head token

    @property
    def country(self) -> str:
        return self.code[:3]


_TOKEN_SPLIT = re.compile(r"(?<=[A-Z0-9])(-)(?=[A-Z0-9])|('S)$")


def tokenised(phrase: Phrase) -> Phrase:
    """A dictionary phrase split the way spaCy splits text ("AL-JAZEERA" → AL - JAZEERA,
    "PEOPLE'S" → PEOPLE 'S), so that names match token by token."""
    words: list[str] = []
    for word in phrase:
        words.extend(part for part in _TOKEN_SPLIT.split(word) if part)
    return tuple(words)


def token_key(token: Token) -> str:
    """The dictionary key of a token: its text, upper case."""
    return str(token.text).upper()


@dataclass
class ActorResolver:
    """Finds actor and agent mentions in sentences, honouring date-limited roles."""

    actors: ActorDictionary
    agents: AgentDictionary
    _actor_index: PhraseIndex[Any] = field(init=False)
    _agent_index: PhraseIndex[AgentCode] = field(init=False)

    def __post_init__(self) -> None:
        actors = ActorDictionary()
        for phrase, groups in self.actors.entries.items():
            actors.add(tokenised(phrase), groups)
        agents = AgentDictionary()
        for phrase, code in self.agents.entries.items():
            agents.add(tokenised(phrase), code)
        self.actors, self.agents = actors, agents
        self._actor_index = PhraseIndex(self.actors.entries)
        self._agent_index = PhraseIndex(self.agents.entries)

    def mentions(self, sent: Any, day: date | None) -> dict[int, Mention]:
        """Mentions in a sentence span, keyed by each token index they cover."""
        if isinstance(sent, PlainSentence):
            words = sent.words
        else:
            words = [token_key(t) for t in sent]
        base = sent.start
        found: dict[int, Mention] = {}
        actor_index, agent_index = self._actor_index, self._agent_index
        actor_starts, agent_starts = actor_index.first_words, agent_index.first_words
        i = 0
        while i < len(words):
            word = words[i]
            if word in actor_starts:
                length = actor_index.longest_at(words, i)
                if length:
                    codes = self.actors.codes_for(tuple(words[i : i + length]), day)
                    if codes:
                        mention = Mention(base + i, base + i + length, "actor", tuple(codes))
                        self._add(found, mention)
                        i += length
                        continue
            if word in agent_starts:
                length = agent_index.longest_at(words, i)
                if length:
                    agent = agent_index.get(tuple(words[i : i + length]))
                    self._add(found, Mention(base + i, base + i + length, "agent", agent=agent))
                    i += length
                    continue
            i += 1
        for ent in sent.ents:
            if ent.label_ in NAMED_ENTITY_TYPES and not any(
                k in found for k in range(ent.start, ent.end)
            ):
                self._add(found, Mention(ent.start, ent.end, "entity", ("",)))
        return found

    @staticmethod
    def _add(found: dict[int, Mention], mention: Mention) -> None:
        for k in range(mention.start, mention.end):
            found[k] = mention


def compose(mentions: list[Mention]) -> list[str]:
    """Codes of one noun phrase from its mentions in order (first actor is the base)."""
    bases: list[str] = []
    roles: list[AgentCode] = []
    for m in mentions:
        if m.kind == "agent" and m.agent is not None:
            roles.append(m.agent)
        elif m.kind in ("actor", "entity") and not bases:
            bases = list(m.codes)
        elif _refines(m, bases):
            # "U.S. Secretary of State John Kerry": the person's USAGOV refines the base USA
            bases = [m.codes[0]]
    if not bases and not roles:
        return []
    if not bases:
        bases = ["---"]
    roles = _drop_generic_people(roles)
    result = []
    for base in bases:
        code = base
        for role in roles:
            code = _add_role(code, role)
        result.append(code)
    return result


def _refines(mention: Mention, bases: list[str]) -> bool:
    if mention.kind != "actor" or len(bases) != 1 or len(mention.codes) != 1:
        return False
    code = mention.codes[0]
    # an unknown name ("") yields to a known actor in the same phrase
    return code.startswith(bases[0]) and len(code) > len(bases[0])


def _drop_generic_people(roles: list[AgentCode]) -> list[AgentCode]:
    if len(roles) > 1:
        return [r for r in roles if r.code.strip("~") != "PPL"] or roles
    return roles


def _add_role(code: str, role: AgentCode) -> str:
    if code == "":
        return code  # an unknown named entity keeps its empty code
    part = role.code.replace("~", "")
    if role.prefix:
        return part + code if not code.startswith(part) else code
    for offset in range(0, len(code), 3):
        if code[offset : offset + len(part)] == part:
            return code
    return code + part
