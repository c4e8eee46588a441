"""Acts of force and coercion stated as nouns: "the mass detentions of opposition candidates",
"an apology for the beating and arrests of monks", "Russia's military action in Georgia",
"the expulsion of Russian diplomats by the United States".

A noun is an event only when the text reports it as done: not when it is denied, alleged,
feared, threatened, planned, demanded or prevented ("denied the bombing of Chadian towns",
"warned of arrests", "called for an end to the detentions"), and not when a verb already
codes it ("launched an attack on" is the verb's pattern). Its author is the possessive or
by-phrase ("Russia's", "by the police"), or a country adjective ("Israeli airstrikes");
arrests, detentions and expulsions no one is named for are the state's (police or
government), to be placed in the country where they happen like any role. Its target is the
of-phrase ("arrests of monks"), the on/against phrase ("the attack on peacekeepers"), else
the place the noun names ("in Georgia").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from dyad.coding.actors import Actor
from dyad.coding.frames import DENIAL_VERBS, DIRECTIVE_NOUNS, frame_of
from dyad.coding.participants import ParticipantResolver
from dyad.coding.places import country_of, place_of
from dyad.coding.syntax import VERBAL_POS, coordinated, pobj_of
from dyad.coding.tokens import PlainSentence, PlainToken
from dyad.coding.verbs import VerbMatch
from dyad.dictionaries.model import EventCode, VerbBlock, VerbEntry

Token = PlainToken


@dataclass(frozen=True)
class NominalAct:
    """What a noun states: its CAMEO code and the role of an author the text leaves unnamed
    ("" when the act needs a named author)."""

    code: str
    implied_author: str = ""


# Nouns that state an act of coercion or force, and their CAMEO codes.
NOMINAL_ACTS: dict[str, NominalAct] = {
    "arrest": NominalAct("173", "---COP"),
    "detention": NominalAct("173", "---COP"),
    "expulsion": NominalAct("174", "---GOV"),
    "deportation": NominalAct("174", "---GOV"),
    "abduction": NominalAct("181"),
    "kidnapping": NominalAct("181"),
    "beating": NominalAct("182"),
    "torture": NominalAct("1822"),
    "killing": NominalAct("180"),
    "massacre": NominalAct("180"),
    "assassination": NominalAct("186"),
    "invasion": NominalAct("190"),
    "airstrike": NominalAct("195"),
    "shelling": NominalAct("194"),
}
# "military action", "military operation": an act of force only with that adjective.
MILITARY_NOUNS = frozenset({"action", "operation", "intervention", "offensive"})
MILITARY_ACT = NominalAct("190")
# Verbs and nouns above a noun that say it did not happen, or not yet, or not surely.
UNREAL_VERBS = DENIAL_VERBS | frozenset(
    {"allege", "accuse", "claim", "threaten", "warn", "fear", "prevent", "avoid", "plan",
     "seek", "demand", "call", "urge", "consider", "prepare", "risk", "stop", "end", "halt",
     "ban", "oppose", "resist", "escape", "evade", "want", "propose", "order", "authorize",
     "authorise", "approve", "request", "ask", "threat", "deny"})
UNREAL_NOUNS = DIRECTIVE_NOUNS | frozenset(
    {"threat", "risk", "fear", "plan", "possibility", "allegation", "accusation", "claim",
     "report", "rumor", "rumour", "prospect", "warning", "danger", "end", "halt", "ban",
     "threaten", "order", "warrant", "denial", "account", "story", "suggestion"})
# How far up the tree the check goes (bounded by construction).
MAX_CLIMB = 6
AUTHOR_PREPOSITIONS = frozenset({"by"})
TARGET_PREPOSITIONS = frozenset({"of", "on", "against"})


ACT_NOUNS = VerbBlock("act noun", EventCode(None))


def noun_match(noun: Token, act: NominalAct) -> VerbMatch:
    """The act noun as a match, so that it is explained and recorded as verbs are."""
    word = (str(noun.lemma_).upper(),)
    entry = VerbEntry(word, 0, word, EventCode(act.code), ACT_NOUNS, 0)
    return VerbMatch(entry, None, EventCode(act.code), (noun.i,))


def nominal_act(noun: Token) -> NominalAct | None:
    """The act a noun states, if it is one of those listed."""
    lemma = noun.lemma_.lower()
    act = NOMINAL_ACTS.get(lemma)
    if act is not None:
        return act
    if lemma in MILITARY_NOUNS and any(
            c.dep_ in ("amod", "compound") and c.lower_ == "military" for c in noun.children):
        return MILITARY_ACT
    return None


def reported_as_done(noun: Token) -> bool:
    """True when nothing above the noun denies, fears, plans or demands it."""
    node = noun
    for _ in range(MAX_CLIMB):
        if node.head.i == node.i:
            break
        below, node = node, node.head
        lemma = node.lemma_.lower()
        if node.pos_ in VERBAL_POS:
            if lemma in UNREAL_VERBS:
                return False
            frame = frame_of(node)
            if frame.blocked or frame.mode:
                return False
            if node.dep_ not in ("conj", "xcomp", "advcl", "acl", "relcl", "pcomp"):
                break  # the noun's clause is a plain statement
        elif lemma in UNREAL_NOUNS:
            return False
        elif node.pos_ in ("NOUN", "PROPN") and below.dep_ != "conj":
            break  # "an apology for the beating": what the apology is for happened
    return True


def nominal_acts(sent: PlainSentence, participants: ParticipantResolver,
                 verb_objects: set[int]) -> Iterator[tuple[Token, NominalAct, list[Actor],
                                                           list[Actor]]]:  # fmt: skip
    """Each act-noun of the sentence reported as done, with its authors and targets.
    `verb_objects`: tokens a coded verb pattern already covers ("launched an attack")."""
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.i in verb_objects:
            continue
        act = nominal_act(noun)
        if act is None or not reported_as_done(noun):
            continue
        authors = _authors(noun, participants)
        if not authors and act.implied_author:
            authors = [Actor(act.implied_author, "", noun.i, noun.i + 1, noun.i)]
        own = {a.code for a in authors}
        targets = [a for a in _targets(noun, participants) if a.code not in own]
        if authors and targets:
            yield noun, act, authors, targets


def _members(noun: Token) -> list[Token]:
    """The noun and the nouns it is coordinated with ("the beating and arrests of monks":
    the of-phrase of "arrests" serves "beating" too)."""
    top = noun
    for _ in range(MAX_CLIMB):
        if top.dep_ != "conj" or top.head.i == top.i:
            break
        top = top.head
    return coordinated(top)


def _authors(noun: Token, participants: ParticipantResolver) -> list[Actor]:
    for member in _members(noun):
        # "the arrests of students by the police": the by-phrase often hangs from the
        # of-phrase's noun
        objects = [o for p in member.children if p.dep_ == "prep" and p.lower_ == "of"
                   for o in p.children if o.dep_ == "pobj"]
        for child in (*member.children, *(c for o in objects for c in o.children)):
            if child.dep_ == "poss" or (child.dep_ == "amod" and child.i in participants.mentions):
                found = [a for a in participants.actors(child) if a.code]
                if found:
                    return found
            if child.dep_ in ("prep", "agent") and child.lower_ in AUTHOR_PREPOSITIONS:
                obj = pobj_of(child)
                found = [a for a in participants.actors(obj) if a.code] if obj else []
                if found:
                    return found
    return []


def _targets(noun: Token, participants: ParticipantResolver) -> list[Actor]:
    for member in _members(noun):
        for child in member.children:
            if child.dep_ == "prep" and child.lower_ in TARGET_PREPOSITIONS:
                obj = pobj_of(child)
                found = [a for a in participants.actors(obj) if a.code] if obj else []
                if found:
                    return found
    place = place_of([noun], participants.mentions)
    country = country_of(place)
    if place is not None and country:
        return [Actor(country, "", place.start, place.end, place.start, place=True)]
    return []
