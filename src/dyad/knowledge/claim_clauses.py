"""Claimed clauses under words of concern and regret: "X is (deeply) concerned that P",
"X is alarmed that P", "X regrets/deplores that P", "X expressed concern that P". The
holder asserts P (a fact it is concerned about), unless P is a forecast or a plan ("concerned
that the truce could collapse"), about the holder itself, or a recognition (read on its own,
`claim_answers`).
"""

from __future__ import annotations

from typing import Any

from dyad.coding.frames import is_negated
from dyad.coding.syntax import VERBAL_POS
from dyad.knowledge.claim_content import (
    CONCERN_ADJECTIVES,
    CONCERN_NOUNS,
    CONCERN_VERBS,
    FIRST_PERSON,
    MODAL_AUX,
    RECOGNIZING_VERBS,
    ClaimMention,
    content_of,
    stances,
)
from dyad.knowledge.context import (
    SentenceContext,
    mode_of,
    subjects_of,
)
from dyad.knowledge.vocabulary import singular

Token = Any


def concern_claims(ctx: SentenceContext, used: set[int]) -> list[ClaimMention]:
    """The clauses a sentence's holders are concerned about or regret, each a claim."""
    found = []
    for word in ctx.sent:
        holder_verb = _holder_verb(word)
        if holder_verb is None or holder_verb.i in used:
            continue
        clause = _that_clause(word, holder_verb)
        if clause is None or not _stated_fact(clause):
            continue
        if is_negated(holder_verb) or is_negated(word) or mode_of(holder_verb):
            continue
        used.add(holder_verb.i)
        mention = ClaimMention((ctx.sentence_id, word.i), content_of(ctx, clause))
        mention.stances.extend(stances(ctx, "claimant", holder_verb, subjects_of(holder_verb),
                                       clause))  # fmt: skip
        if mention.stances:
            found.append(mention)
    return found


def _holder_verb(word: Token) -> Token | None:
    """The verb whose subject holds the concern a word names: "is concerned" (the copula),
    "regrets" (itself), "expressed concern" (the verb of the noun); None for other words."""
    lower = str(word.lower_)
    if lower in CONCERN_ADJECTIVES and word.pos_ in ("ADJ", "VERB"):
        if word.dep_ == "acomp" and word.head.pos_ in VERBAL_POS:
            return word.head  # "is concerned", "remains alarmed"
        return word if word.pos_ == "VERB" and word.dep_ in ("ROOT", "conj", "ccomp") else None
    if word.pos_ == "VERB" and str(word.lemma_).lower() in CONCERN_VERBS:
        return word
    if (word.pos_ == "NOUN" and singular(lower) in CONCERN_NOUNS and word.dep_ == "dobj"
            and word.head.pos_ == "VERB"):  # fmt: skip
        return word.head  # "expressed concern that P"
    return None


def _that_clause(word: Token, holder_verb: Token) -> Token | None:
    """The clause a concern word carries: its own ("concerned that P", "concern that P"),
    else its copula's ("is concerned" with the clause on "is")."""
    nodes = (word, holder_verb) if word.dep_ == "acomp" else (word,)
    for node in nodes:
        for child in node.children:
            if child.dep_ in ("ccomp", "acl") and child.pos_ in VERBAL_POS:
                marks = [c.lower_ for c in child.children if c.dep_ == "mark"]
                if marks == ["that"] or (not marks and child.dep_ == "ccomp"):
                    return child
    return None


def _stated_fact(clause: Token) -> bool:
    """A clause that states a fact: its own subject, not the holder itself ("we"), no
    modal ("could collapse"), not a recognition."""
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects or any(s.lower_ in FIRST_PERSON for s in subjects):
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODAL_AUX for c in clause.children):
        return False
    return str(clause.lemma_).lower() not in RECOGNIZING_VERBS

