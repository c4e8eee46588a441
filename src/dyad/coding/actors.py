"""Resolve actors: dictionary names, agents, capitals and demonyms, unknown named entities.

Mentions are found by longest match over the words of a sentence; the actor of a noun phrase
is then composed from the mentions inside it, PETRARCH-style: the first actor is the base and
each agent adds its role ("Japanese" + "Chief Cabinet Secretary" → JPN + GOV = JPNGOV).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import compress, count
from operator import or_
from typing import Any

from dyad.coding.phrases import PhraseIndex
from dyad.coding.tokens import PlainSentence, PlainToken
from dyad.dictionaries.model import ActorDictionary, AgentCode, AgentDictionary, Phrase

Token = PlainToken
NAMED_ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


# Words that introduce a person by family name alone ("President Mugabe", "Mr. Bashir").
TITLES = frozenset({
    "MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR.", "PRESIDENT", "PREMIER", "CHANCELLOR",
    "MINISTER", "SECRETARY", "GENERAL", "GEN.", "KING", "QUEEN", "PRINCE", "EMIR", "SULTAN",
    "AMBASSADOR", "SENATOR", "GOVERNOR", "SPEAKER", "CHAIRMAN", "COMMANDER", "COLONEL",
    "MARSHAL", "PM", "SHEIKH",
})
HEAD_TITLES = frozenset({"PRESIDENT", "PREMIER", "CHANCELLOR", "KING", "QUEEN", "EMIR",
                         "SULTAN", "PM"})
# An actor code written as such: a country or organisation and any roles ("JPNGOV").
ACTOR_CODE = re.compile(r"(?:[A-Z]{3}){1,5}")
_TEXT_WORD = re.compile(r"[^\W_]+(?:[.'][^\W_]+)*\.?")
# A family name shared by more people than this names no one in particular.
MAX_NAMESAKES = 6


@dataclass(frozen=True)
class Mention:
    """Words of a sentence that a dictionary (or the NER) names, by token index [start, end)."""

    start: int
    end: int
    kind: str  # "actor", "agent" or "entity"
    codes: tuple[str, ...] = ()  # actor codes ("" for an unknown named entity)
    agent: AgentCode | None = None
    label: str = ""  # the named entity's type, for an unknown one ("PERSON", "NORP", ...)


@dataclass(frozen=True)
class Actor:
    """A resolved participant: its code ("" when unknown), its words and token span."""

    code: str
    text: str
    start: int  # token indices in the paragraph doc
    end: int
    head: int  # index of the noun-phrase head token
    place: bool = False  # stands for the people of a place, not for an actor named

    @property
    def country(self) -> str:
        return self.code[:3]


_TOKEN_SPLIT = re.compile(r"(?<=[A-Z0-9])-(?=[A-Z0-9])|('S)$")


def folded(word: str) -> str:
    """A word without its accents ("BASSOLÉ" → BASSOLE, "YIPÈNÈ" → YIPENE): dictionaries
    spell names in ASCII, news often does not."""
    if word.isascii():
        return word
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return plain or word


def tokenised(phrase: Phrase) -> Phrase:
    """A dictionary phrase split the way names are read from text: words joined by a hyphen
    are separate words ("AL-JAZEERA" → AL JAZEERA, as "LEE_MYUNG_BAK" is LEE MYUNG BAK),
    "PEOPLE'S" → PEOPLE 'S, accents dropped; so that names match word by word."""
    words: list[str] = []
    for word in phrase:
        words.extend(folded(part) for part in _TOKEN_SPLIT.split(word) if part and part != "-")
    return tuple(words)


def joins_words(tokens: list[Token], k: int) -> bool:
    """True when token k is a hyphen written between two words ("Myung-bak", "Al-Jazeera")."""
    if tokens[k].text != "-" or k == 0 or k + 1 == len(tokens):
        return False
    before, hyphen, after = tokens[k - 1], tokens[k], tokens[k + 1]
    return before.idx + len(before.text) == hyphen.idx and hyphen.idx + 1 == after.idx


def name_words(sent: PlainSentence) -> tuple[list[str], list[int]]:
    """The words of a sentence as names are matched (see `tokenised`: no hyphen between two
    words, no accents) and, for each, the index of its token."""
    tokens = sent.tokens
    words: list[str] = []
    where: list[int] = []
    for k, token in enumerate(tokens):
        if not joins_words(tokens, k):
            words.append(folded(token.upper))
            where.append(token.i)
    return words, where


@dataclass
class ActorResolver:
    """Finds actor and agent mentions in sentences, honouring date-limited roles."""

    actors: ActorDictionary
    agents: AgentDictionary
    _actor_index: PhraseIndex[Any] = field(init=False)
    _agent_index: PhraseIndex[AgentCode] = field(init=False)
    _codes: dict[tuple[Phrase, date | None], tuple[str, ...]] = field(
        init=False, default_factory=dict
    )
    _families: dict[str, list[Phrase]] | None = field(init=False, default=None)

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

    def mentions(self, sent: PlainSentence, day: date | None) -> dict[int, Mention]:
        """Mentions in a sentence span, keyed by each token index they cover."""
        words, where = name_words(sent)
        found: dict[int, Mention] = {}
        # "President Omar Hassan al-Bashir": a one-word name (Phoenix's HASSAN_, Jordan's
        # prince) inside a longer person's name, not at its end, is not that person
        name_ends = {k: ent.end for ent in sent.ents if ent.label_ == "PERSON"
                     and ent.end - ent.start >= 3 for k in range(ent.start, ent.end)}
        for m in self._word_mentions(words, day):
            start, end = where[m.start], where[m.end - 1] + 1
            if m.kind == "actor" and end - start == 1 and name_ends.get(start, end) > end:
                continue
            self._add(found, replace(m, start=start, end=end))
        for ent in sent.ents:
            if ent.label_ in NAMED_ENTITY_TYPES and not any(
                k in found for k in range(ent.start, ent.end)
            ):
                self._add(found, Mention(ent.start, ent.end, "entity", ("",),
                                         label=str(ent.label_)))
        return found

    def _word_mentions(self, words: list[str], day: date | None) -> list[Mention]:
        """Actor and agent mentions of a word sequence, by word index, longest first from the
        left (an actor phrase before an agent phrase at the same word)."""
        found: list[Mention] = []
        actor_lengths = self._actor_index.longest_everywhere(words)
        agent_lengths = self._agent_index.longest_everywhere(words)
        free = 0  # words before this one belong to a mention found already
        for i in compress(count(), map(or_, actor_lengths, agent_lengths)):
            if i < free:
                continue
            length = actor_lengths[i]
            if length:
                codes = self._codes_on(tuple(words[i : i + length]), day)
                if codes:
                    found.append(Mention(i, i + length, "actor", codes))
                    free = i + length
                    continue
            length = agent_lengths[i]
            if length:
                agent = self._agent_index.get(tuple(words[i : i + length]))
                found.append(Mention(i, i + length, "agent", agent=agent))
                free = i + length
        return found

    def codes_in_text(self, text: str, day: date | None) -> list[str]:
        """The codes of the first actor a short text names ("Ministry of Foreign Affairs of
        Japan" is JPNGOV), read word by word without the parser; [] when it names none. An
        actor code itself ("JPNGOV") stands for itself."""
        if ACTOR_CODE.fullmatch(text.strip()):
            return [text.strip()]
        words = [folded(w.upper()) for w in _TEXT_WORD.findall(text)]
        found = self._word_mentions(words, day)
        if not any(m.kind == "actor" for m in found):
            return []
        return [c for c in compose(found) if c]

    def with_family_names(self, mentions: dict[int, Mention], sent: PlainSentence,
                          day: date | None) -> dict[int, Mention]:
        """Unknown one-word names after a title ("President Mugabe", "Mr. Bashir") that are
        the family name of the dictionary's people: the person, when all of them with that
        name have the same code on `day` (or, after a head-of-state title, when exactly one
        of them is in government)."""
        result = mentions
        doc = sent.doc
        for mention in {id(m): m for m in mentions.values()}.values():
            if mention.kind != "entity" or mention.end - mention.start != 1:
                continue
            start = mention.start
            title = folded(doc[start - 1].upper) if start > sent.start else ""
            if title not in TITLES:
                continue
            codes = self._family_codes(folded(doc[start].upper), day, title in HEAD_TITLES)
            if codes:
                if result is mentions:
                    result = dict(mentions)
                result[start] = Mention(start, mention.end, "actor", codes)
        return result

    def _family_codes(self, name: str, day: date | None, head_of_state: bool
                      ) -> tuple[str, ...]:  # fmt: skip
        people = self._family_index().get(name, ())
        if not people or len(people) > MAX_NAMESAKES:
            return ()
        found = {codes for codes in (self._codes_on(p, day) for p in people) if codes}
        if len(found) == 1:
            return found.pop()
        if head_of_state:
            governing = [codes for codes in found if any("GOV" in c for c in codes)]
            if len(governing) == 1:
                return governing[0]
        return ()

    def _family_index(self) -> dict[str, list[Phrase]]:
        """People of the actor dictionary by the last word of their name: records of two to
        four words, all letters, with dated roles (a country's phrases are single words)."""
        if self._families is None:
            families: dict[str, list[Phrase]] = {}
            for phrase, groups in self.actors.entries.items():
                if 2 <= len(phrase) <= 4 and all(w.isalpha() for w in phrase) and any(
                        g.restricted for g in groups):
                    families.setdefault(phrase[-1], []).append(phrase)
            self._families = families
        return self._families

    def _codes_on(self, phrase: Phrase, day: date | None) -> tuple[str, ...]:
        """The actor codes of a known phrase on `day` (remembered; () when none)."""
        key = (phrase, day)
        codes = self._codes.get(key)
        if codes is None:
            if len(self._codes) >= 100_000:
                self._codes.clear()
            codes = self._codes[key] = tuple(self.actors.codes_for(phrase, day) or ())
        return codes

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
    if not bases or (roles and bases == [""] and _unknown_group(mentions)):
        # "Darfuri rebels", "the FDD rebel group": a group of unknown origin is its role,
        # which may then take the country where it acts (an unknown person stays unknown)
        bases = ["---"]
    roles = _drop_generic_people(roles)
    result = []
    for base in bases:
        code = base
        for role in roles:
            code = _add_role(code, role)
        result.append(code)
    return result


def _unknown_group(mentions: list[Mention]) -> bool:
    """True when the phrase's base is an unknown named entity other than a person."""
    first = next((m for m in mentions if m.kind in ("actor", "entity")), None)
    return first is not None and first.kind == "entity" and first.label not in ("PERSON", "")


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
