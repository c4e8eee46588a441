"""A statement's own verdicts on what others did: "The referendum violates the constitution of
Ukraine", "The launch is a violation of the Declaration", "The decree has no legal effect",
"The annexation is illegal". Written by the issuer of a release (a ministry's statement, a
UN press release) and attributed to no one else, each is a claim the issuer makes. Only
read when the document names its issuer (`issuer`): in a news report such a sentence is the
reporter's, and the layer does not invent who holds it.
"""

from __future__ import annotations

from typing import Any

from dyad.coding.frames import is_negated
from dyad.coding.syntax import VERBAL_POS, pobj_of
from dyad.knowledge.claim_content import MODAL_AUX, ClaimMention, content_of
from dyad.knowledge.context import SentenceContext, mode_of
from dyad.knowledge.model import Party, Stance
from dyad.knowledge.vocabulary import singular

Token = Any

#: Verbs that judge an act against a rule ("violates the constitution").
JUDGING_VERBS = frozenset({"violate", "infringe", "contravene", "breach"})
#: Nouns of the same judgement after a copula ("is a violation of").
JUDGING_NOUNS = frozenset({"violation", "breach", "infringement", "contravention"})
#: Adjectives of the same judgement after a copula ("is illegal").
JUDGING_ADJECTIVES = frozenset({"illegal", "illegitimate", "unlawful", "invalid", "void",
                                "unconstitutional"})  # fmt: skip
#: "has no legal effect|force|basis|validity".
LEGAL_NOUNS = frozenset({"effect", "force", "basis", "validity", "standing"})


def judgements(ctx: SentenceContext, issuer: Party) -> list[ClaimMention]:
    """The verdicts a sentence of the issuer's own statement gives, each a claim it makes."""
    found = []
    for verb in ctx.sent:
        if not _judging(verb) or not _own_sentence(verb) or not _plain(verb):
            continue
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or any(s.pos_ == "PRON" for s in subjects):
            continue  # "It has no legal effect": whose act is not said here
        mention = ClaimMention((ctx.sentence_id, verb.i), content_of(ctx, verb))
        mention.stances.append(Stance("claimant", issuer, ctx.dates_of(verb)[0],
                                      ctx.evidence(verb, subjects[0])))
        found.append(mention)
    return found


def _judging(verb: Token) -> bool:
    """A verb that judges its subject against a rule, itself or with its complement."""
    if verb.pos_ not in VERBAL_POS:
        return False
    lemma = str(verb.lemma_).lower()
    if lemma in JUDGING_VERBS:
        return any(c.dep_ == "dobj" for c in verb.children)
    for child in verb.children:
        if lemma == "be" and child.dep_ == "attr" and singular(str(child.lower_)) in JUDGING_NOUNS:
            return any(c.dep_ == "prep" and c.lower_ == "of" and pobj_of(c) is not None
                       for c in child.children)  # fmt: skip
        if lemma == "be" and child.dep_ == "acomp" and child.lower_ in JUDGING_ADJECTIVES:
            return True
        if (lemma == "have" and child.dep_ == "dobj" and child.lower_ in LEGAL_NOUNS
                and any(c.lower_ == "no" for c in child.children)
                and any(c.lower_ == "legal" for c in child.children)):  # fmt: skip
            return True
    return False


def _own_sentence(verb: Token) -> bool:
    """The verb is the sentence's own predicate (or one of its coordinated ones), not a
    clause someone else is reported to have said."""
    node = verb
    for _ in range(3):  # "… is directly related to X and is also a violation of Y"
        if node.dep_ == "ROOT":
            return True
        if node.dep_ != "conj":
            return False
        node = node.head
    return False


def _plain(verb: Token) -> bool:
    """Stated as a fact: not negated, asked, hedged or a forecast."""
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODAL_AUX for c in verb.children):
        return False
    last = verb.sent.end - 1
    return not is_negated(verb) and not mode_of(verb) and str(verb.doc[last].text) != "?"
