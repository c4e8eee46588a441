"""Claims in one sentence: reported statements, and who made, refuted or confirmed them.

Shapes (P is the claimed clause):
  "X refuted/denied/dismissed media reports claiming P", "X denied reports that P",
  "X denied that P", "X confirmed reports that P", "X disputed claims that P",
  "X claimed/alleged that P", "Reports that P …", "X denied the reports" (the claim named
  before), "… citing unnamed officials"; reported speech ("X said/stated/told reporters/
  declared that P", unless a quotation, a forecast, a plan or an answer): an asserted claim.
"X confirmed that P", and "X said that P" when P is a forecast, make a weak claim, kept only
when another sentence refutes, confirms or disputes it. The other shapes (accusations,
recognitions, verdicts, "according to", …) are in `claim_answers`; the claimed clause and
the words of claims in `claim_content`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dyad.coding.frames import is_negated
from dyad.coding.syntax import VERBAL_POS, np_tokens, pobj_of
from dyad.knowledge.claim_answers import more_claims, speaker_of, verdict
from dyad.knowledge.claim_clauses import relative_reports
from dyad.knowledge.claim_content import (
    ACT_NOUN_PREDICATES,
    ACT_PREFIX,
    CLAIM_NOUNS,
    CLAIM_VERBS,
    CONTENT_VERBS,
    DISTORTING_VERBS,
    INFORMANT_VERBS,
    PRONOUN_OBJECTS,
    REPORTING_VERBS,
    STANCE_VERBS,
    VERDICT_VERBS,
    WEAK_CLAIM_VERBS,
    ClaimMention,
    Content,
    Informant,
    answering,
    asserting,
    content_of,
    nothing_to_it,
    stances,
)
from dyad.knowledge.context import (
    SentenceContext,
    doers,
    np_text,
    subjects_of,
    tokens_text,
)
from dyad.knowledge.model import Party, Stance
from dyad.knowledge.vocabulary import singular

Token = Any

__all__ = ["ClaimMention", "Content", "Informant", "find_claims", "find_informants"]


def find_claims(ctx: SentenceContext) -> list[ClaimMention]:
    """Claim mentions of one sentence, with the stances it states."""
    found: list[ClaimMention] = []
    used: set[int] = set()
    for token in ctx.sent:
        if (
            singular(str(token.text)) in CLAIM_NOUNS
            and token.pos_ in ("NOUN", "VERB")
            and (token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "conj", "attr"))
        ):
            mention = _from_noun(ctx, token, used)
            if mention is not None:
                found.append(mention)
    found.extend(relative_reports(ctx, used))  # before "say" is read as reported speech
    for token in ctx.sent:
        if token.pos_ not in VERBAL_POS or token.i in used:
            continue
        lemma = str(token.lemma_).lower()
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        pronoun = next((c for c in token.children if c.dep_ == "dobj"
                        and c.lower_ in PRONOUN_OBJECTS and c.pos_ == "PRON"), None)  # fmt: skip
        act = next((c for c in token.children if c.dep_ == "dobj" and c.pos_ == "NOUN"
                    and singular(str(c.lower_)) in ACT_NOUN_PREDICATES), None)  # fmt: skip
        if clause is None and act is not None and lemma in STANCE_VERBS:
            predicate = ACT_NOUN_PREDICATES[singular(str(act.lower_))]
            mention = ClaimMention((ctx.sentence_id, token.i), None,
                                   noun=ACT_PREFIX + predicate)  # "denied any violations"
            mention.stances.extend(stances(ctx, STANCE_VERBS[lemma], token,
                                            subjects_of(token), act))  # fmt: skip
            if mention.stances:
                found.append(mention)
            continue
        if clause is None and pronoun is not None and lemma in STANCE_VERBS:
            mention = ClaimMention((ctx.sentence_id, token.i), None)  # "supported them"
            mention.stances.extend(stances(ctx, STANCE_VERBS[lemma], token,
                                            subjects_of(token), pronoun))  # fmt: skip
            if mention.stances:
                found.append(mention)
            continue
        if clause is None or any(c.dep_ == "mark" and c.lower_ in ("whether", "if", "why", "how")
                                 for c in clause.children):  # fmt: skip
            continue
        if lemma in STANCE_VERBS:
            role = STANCE_VERBS[lemma]
            mention = ClaimMention((ctx.sentence_id, token.i), content_of(ctx, clause),
                                   weak=role == "confirmer")  # fmt: skip
            mention.stances.extend(stances(ctx, role, token, subjects_of(token), clause))
            found.append(mention)
        elif lemma in CLAIM_VERBS or lemma in WEAK_CLAIM_VERBS or lemma in REPORTING_VERBS:
            if token.dep_ == "acl" and singular(str(token.head.text)) in CLAIM_NOUNS:
                continue
            if nothing_to_it(clause) or answering(clause):
                continue  # "said there is no such fact", "said the reports distort…": answers
            weak = lemma not in CLAIM_VERBS and not asserting(token, clause)
            if weak and lemma not in WEAK_CLAIM_VERBS:
                continue
            mention = ClaimMention((ctx.sentence_id, token.i), content_of(ctx, clause),
                                   weak=weak)  # fmt: skip
            mention.stances.extend(stances(ctx, "claimant", token, subjects_of(token), clause))
            if mention.stances:
                found.append(mention)
    found.extend(more_claims(ctx, used))
    return sorted(found, key=lambda m: m.position)


def _from_noun(ctx: SentenceContext, noun: Token, used: set[int]) -> ClaimMention | None:
    clause = _content_clause(noun, used)
    content = content_of(ctx, clause) if clause is not None else None
    verb = noun.head if noun.dep_ in ("dobj", "nsubjpass") else None
    if noun.dep_ == "pobj" and noun.head.lower_ == "as":  # "dismissed as baseless claims…"
        verb = noun.head.head if noun.head.head.pos_ in VERBAL_POS else None
    role = STANCE_VERBS.get(str(verb.lemma_).lower(), "") if verb is not None else ""
    if not role and verb is not None and str(verb.lemma_).lower() in VERDICT_VERBS:
        role = verdict(verb)  # "called the reports baseless"
    if not role and noun.dep_ == "pobj" and noun.head.lower_ == "with":
        holder = noun.head.head  # "we cannot agree with the claim", "disagreed with it"
        word = str(holder.lemma_).lower() if holder.pos_ in VERBAL_POS else ""
        if word == "disagree" or (word == "agree" and is_negated(holder)):
            verb, role = holder, "refuter"
    if not role and noun.dep_ == "nsubj" and str(noun.head.lemma_).lower() in DISTORTING_VERBS:
        speaker = speaker_of(noun.head)  # "the ministry said the reports distort the facts"
        if speaker is not None:
            mention = ClaimMention((ctx.sentence_id, noun.i), content,
                                   noun=singular(str(noun.text)))  # fmt: skip
            mention.stances.extend(stances(ctx, "refuter", speaker[0], speaker[1], noun))
            return mention if mention.stances else None
    if content is None and not role:
        return None
    owners = [c for c in noun.children if c.dep_ == "poss" or (
        c.dep_ == "prep" and c.lower_ in ("by", "from"))]  # fmt: skip
    if content is None and owners:  # "rejected Amnesty's accusations": their own claim
        words = [t for t in np_tokens(noun) if t.dep_ not in ("det", "case")]
        content = Content(text=ctx.original(words), gist=tokens_text(words),
                          predicate=singular(str(noun.text)), subjects=(),
                          object=singular(str(noun.text)))
    mention = ClaimMention((ctx.sentence_id, noun.i), content, noun=singular(str(noun.text)),
                           named_only=content is not None and clause is None)  # fmt: skip
    if content is not None:
        when = ctx.dates_of(noun)[0] if verb is None else ctx.document_when()
        mention.stances.append(Stance("claimant", _claimant(ctx, noun), when,
                                      ctx.evidence(noun, clause), ""))  # fmt: skip
    if role and verb is not None:
        used.add(verb.i)
        answers = stances(ctx, role, verb, doers(verb, noun), noun)
        if str(verb.lemma_).lower() == "agree":  # "cannot agree with": the "not" is the answer
            answers = [replace(s, mode="") if s.mode == "negated" else s for s in answers]
        mention.stances.extend(answers)
    return mention


def _content_clause(noun: Token, used: set[int]) -> Token | None:
    """The clause a claim noun carries: "reports that P", "reports claiming P"."""
    for child in noun.children:
        if child.pos_ not in VERBAL_POS or child.dep_ not in ("acl", "ccomp", "appos", "relcl"):
            continue
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            return child
        if str(child.lemma_).lower() in CONTENT_VERBS:
            used.add(child.i)
            inner = next((c for c in child.children if c.dep_ == "ccomp"), None)
            if inner is not None:
                return inner
    return None


def _claimant(ctx: SentenceContext, noun: Token) -> Party:
    """Who made the claim a noun names: "media reports", "Kyodo's report", "reports by X"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "in"):
            obj = pobj_of(child)
            if obj is not None:
                return ctx.party(obj)
    modifiers = [t for t in np_tokens(noun) if t.i != noun.i and t.i in ctx.mentions]
    if modifiers:
        found = ctx.actors(noun)
        if found:
            return Party(found[0].code, np_text(noun))
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ == "dobj" else None
    if (verb is not None and verb.pos_ in VERBAL_POS and verb.dep_ != "prep"
            and str(verb.lemma_).lower() not in STANCE_VERBS):  # fmt: skip
        # "Sudan countered with accusations that…", "Chad made allegations that…"
        makers = ctx.parties(subjects_of(verb))
        if makers:
            return makers[0]
    return Party("", np_text(noun))


def find_informants(ctx: SentenceContext) -> list[Informant]:
    """Who told whom: "Experts have clarified to RIA Novosti…", "officials told Reuters"."""
    found = []
    for verb in ctx.sent:
        if verb.pos_ != "VERB" or str(verb.lemma_).lower() not in INFORMANT_VERBS:
            continue
        hearers = [pobj_of(c) for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"]
        hearers += [c for c in verb.children if c.dep_ in ("dative", "dobj")
                    and str(verb.lemma_).lower() == "tell"]  # fmt: skip
        codes = tuple(a.code for h in hearers if h is not None for a in ctx.actors(h) if a.code)
        speakers = [c for c in verb.children if c.dep_ == "nsubj"]
        if codes and speakers:
            found.append(Informant(codes, np_text(speakers[0]).lower()))
    return found
