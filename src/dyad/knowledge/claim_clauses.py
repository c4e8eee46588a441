"""Claimed clauses in two more shapes.

Words of concern and regret: "X is (deeply) concerned that P", "X is alarmed that P",
"X regrets/deplores that P", "X expressed concern that P". The holder asserts P (a fact it
is concerned about), unless P is a forecast or a plan ("concerned that the truce could
collapse"), about the holder itself, or a recognition (read on its own, `claim_answers`).
So are acts it is concerned by ("concerned by the detention of activists"): they happened.

Reports in a relative clause: "the editor, who reports say was detained last week" — the
reports claim that the editor was detained. Read on the words ("N, who|which SOURCE say|
report|believe V…"), as the parser often takes "reports" for a verb there.
"""

from __future__ import annotations

from typing import Any

from dyad.coding.frames import is_negated
from dyad.coding.syntax import VERBAL_POS, np_tokens, pobj_of
from dyad.knowledge.claim_content import (
    CANONICAL,
    CONCERN_ACT_NOUNS,
    CONCERN_ADJECTIVES,
    CONCERN_NOUNS,
    CONCERN_VERBS,
    FIRST_PERSON,
    MODAL_AUX,
    RECOGNIZING_VERBS,
    UNREAL_MODIFIERS,
    ClaimMention,
    Content,
    content_of,
    noun_content,
    stances,
)
from dyad.knowledge.context import (
    SentenceContext,
    country_party,
    descendants,
    mode_of,
    subjects_of,
    tokens_text,
)
from dyad.knowledge.model import Party, Stance
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


def concern_acts(ctx: SentenceContext, used: set[int]) -> list[ClaimMention]:
    """ "X is concerned by the detention of activists and the use of force against
    demonstrators": X asserts these acts took place (the whole phrase is one claim)."""
    found = []
    for word in ctx.sent:
        holder_verb = _holder_verb(word)
        act = _act_of_concern(word) if holder_verb is not None else None
        if holder_verb is None or act is None or holder_verb.i in used:
            continue
        if is_negated(holder_verb) or is_negated(word) or mode_of(holder_verb):
            continue
        used.add(holder_verb.i)
        tokens = [t for t in descendants(act) if not (t.dep_ == "det" and t.head.i == act.i)]
        mention = ClaimMention((ctx.sentence_id, word.i), noun_content(ctx, tokens, act, ()))
        mention.stances.extend(stances(ctx, "claimant", holder_verb, subjects_of(holder_verb),
                                       act))  # fmt: skip
        if mention.stances:
            found.append(mention)
    return found


def _act_of_concern(word: Token) -> Token | None:
    """The act a concern word is about ("concerned by/about/at/over the killing of
    civilians"), when the act names whom it touches and is not only possible."""
    for prep in word.children:
        if prep.dep_ not in ("prep", "agent") or prep.lower_ not in ("by", "about", "at", "over"):
            continue
        act = pobj_of(prep)
        if act is None or act.pos_ != "NOUN" or singular(str(act.text)) not in CONCERN_ACT_NOUNS:
            continue
        if any(c.lower_ in UNREAL_MODIFIERS for c in act.children):
            continue
        if any(c.dep_ == "prep" and c.lower_ in ("of", "against", "on") and pobj_of(c)
               is not None for c in act.children):  # fmt: skip
            return act
    return None


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


#: "N, who reports say …": the relative pronouns and the verbs of the source.
RELATIVE_PRONOUNS = frozenset({"who", "which"})
RELATIVE_REPORTING_VERBS = frozenset({"say", "report", "claim", "allege", "believe", "suspect"})
#: At most this many words name the source ("who Western diplomats say").
MAX_SOURCE_WORDS = 3


def relative_reports(ctx: SentenceContext, used: set[int]) -> list[ClaimMention]:
    """ "Y, who reports say has been moved to a prison": the source claims Y was moved."""
    found = []
    sent = ctx.sent
    for pronoun in sent:
        if pronoun.lower_ not in RELATIVE_PRONOUNS or pronoun.i - 2 < sent.start:
            continue
        comma, antecedent = sent.doc[pronoun.i - 1], sent.doc[pronoun.i - 2]
        if comma.text != "," or antecedent.pos_ not in ("NOUN", "PROPN"):
            continue
        report = _reporting_verb_after(pronoun, sent.end)
        verb = _reported_verb(report, sent.end) if report is not None else None
        if report is None or verb is None or report.i in used:
            continue
        used.add(report.i)
        source = sent.doc[report.i - 1]
        words = [sent.doc[i] for i in range(pronoun.i + 1, report.i)]
        mention = ClaimMention((ctx.sentence_id, report.i),
                               _relative_content(ctx, antecedent, report, verb))
        party = ctx.party(source)
        if not party.code:
            party = Party("", tokens_text(words))
        mention.stances.append(Stance("claimant", party, ctx.dates_of(verb)[0],
                                      ctx.evidence(antecedent, verb)))
        found.append(mention)
    return found


def _reporting_verb_after(pronoun: Token, end: int) -> Token | None:
    """The "say" of "who reports say": a reporting verb one to three nouns after the
    pronoun (the parser may tag "reports" as a verb)."""
    doc = pronoun.doc
    for n in range(2, MAX_SOURCE_WORDS + 2):
        if pronoun.i + n >= end:
            return None
        word = doc[pronoun.i + n]
        between = [doc[i] for i in range(pronoun.i + 1, word.i)]
        if not all(t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") and str(t.text).isalpha()
                   for t in between):  # fmt: skip
            return None
        if str(word.lemma_).lower() in RELATIVE_REPORTING_VERBS and word.pos_ == "VERB" and (
                between[-1].tag_ in ("NNS", "NNPS", "VBZ", "NNP")):  # fmt: skip
            return word
    return None


def _reported_verb(report: Token, end: int) -> Token | None:
    """The verb right after "say" whose subject is the antecedent ("say has been moved"):
    no subject of its own after "say", no modal, not negated."""
    if report.i + 1 >= end:
        return None
    first = report.doc[report.i + 1]
    verb = first.head if first.pos_ == "AUX" and first.head.i > first.i else first
    if verb.pos_ not in VERBAL_POS or verb.i >= end:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i > report.i for c in verb.children):
        return None  # "whom witnesses said the police beat": not the antecedent's act
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODAL_AUX for c in verb.children):
        return None
    return None if is_negated(verb) else verb


def _relative_content(ctx: SentenceContext, antecedent: Token, report: Token,
                      verb: Token) -> Content:  # fmt: skip
    """The claim: the antecedent, then what the source says of it."""
    named = [t for t in np_tokens(antecedent) if t.i <= antecedent.i]
    said = _run_from(report.i + 1, [t for t in descendants(verb) if t.i > report.i])
    core = [t for t in said if t.i == verb.i or (t.head.i == verb.i and t.dep_ in (
        "aux", "auxpass", "neg", "prt", "acomp"))]  # fmt: skip
    objects = [t for t in said if t.head.i == verb.i and t.dep_ in ("dobj", "attr")]
    core += [t for obj in objects for t in np_tokens(obj)]
    passive = any(t.dep_ == "auxpass" for t in core)
    codes = tuple(dict.fromkeys(country_party(a).code for a in ctx.actors(antecedent)
                                if a.code))  # fmt: skip
    lemma = str(verb.lemma_).lower()
    head = objects[0] if objects else antecedent if passive else None
    return Content(text=f"{ctx.original(named)} {ctx.original(said)}",
                   gist=f"{tokens_text(named)} {tokens_text(core)}",
                   predicate=CANONICAL.get(lemma, lemma), subjects=codes,
                   object=singular(str(head.text)) if head is not None else "")


def _run_from(start: int, tokens: list[Token]) -> list[Token]:
    """The tokens (in sentence order) that run on without a gap from position `start`."""
    run: list[Token] = []
    for token in tokens:
        if token.i != start + len(run):
            break
        run.append(token)
    return run
