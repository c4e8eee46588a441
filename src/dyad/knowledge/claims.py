"""Claims in one sentence: reported statements, and who made, refuted or confirmed them.

Shapes (P is the claimed clause):
  "X refuted/denied/dismissed media reports claiming P", "X denied reports that P",
  "X denied that P", "X confirmed reports that P", "X disputed claims that P",
  "X claimed/alleged that P", "Reports that P …", "X denied the reports" (the claim named
  before), "… citing unnamed officials".
"X reported/said that P" and "X confirmed that P" alone make a weak claim, kept only when
another sentence refutes, confirms or disputes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from dyad.coding.frames import is_negated
from dyad.coding.syntax import VERBAL_POS, np_tokens, pobj_of
from dyad.knowledge.context import (
    SentenceContext,
    agents_of,
    ancestors,
    country_party,
    descendants,
    mode_of,
    named_subject,
    np_text,
    phrase_text,
    subjects_of,
    tokens_text,
    verb_above,
)
from dyad.knowledge.model import Party, Stance
from dyad.knowledge.vocabulary import singular

Token = Any

CLAIM_NOUNS = frozenset({"report", "claim", "allegation", "rumor", "rumour", "speculation",
                         "suggestion", "story", "assertion", "accusation", "position",
                         "contention", "charge"})  # fmt: skip
#: Verbs by which the accused answers an accusation with another ("Y countered with
#: accusations that X…"): a dispute of the accusation made before.
COUNTER_VERBS = frozenset({"counter", "retort", "riposte", "respond", "hit"})
STANCE_VERBS: dict[str, str] = {
    "deny": "refuter", "refute": "refuter", "dismiss": "refuter", "reject": "refuter",
    "rebut": "refuter", "debunk": "refuter", "disprove": "refuter", "contradict": "refuter",
    "dispute": "disputer", "question": "disputer", "challenge": "disputer",
    "contest": "disputer", "confirm": "confirmer", "verify": "confirmer",
    "corroborate": "confirmer", "substantiate": "confirmer", "support": "confirmer",
    "back": "confirmer", "endorse": "confirmer", "uphold": "confirmer",
}  # fmt: skip
#: Words that call a claim false ("baseless reports", "the accusation is not true").
FALSE_WORDS = frozenset({"baseless", "groundless", "false", "untrue", "unfounded", "fabricated",
                         "fake", "absurd", "nonsense", "misleading", "wrong", "incorrect",
                         "inaccurate", "fiction", "lie", "slander"})  # fmt: skip
TRUE_WORDS = frozenset({"true", "correct", "accurate", "right", "valid"})
#: Verbs that give their object a verdict ("called the reports baseless").
VERDICT_VERBS = frozenset({"call", "label", "describe", "term", "brand", "consider", "find"})
#: Nouns that deny there is anything to a claim ("there is no such fact").
NOTHING_NOUNS = frozenset({"fact", "thing", "plan", "case", "intention", "truth"})
#: Verbs by which a claim's own words are said to be false ("the reports misrepresent the
#: facts").
DISTORTING_VERBS = frozenset({"misrepresent", "distort", "twist", "misstate", "falsify",
                              "fabricate"})  # fmt: skip
PRONOUN_OBJECTS = frozenset({"them", "it", "this", "these", "that", "those"})
#: What a denier denies of itself ("denied responsibility for the attack", "denied any
#: involvement"): a claim about the denier, which its denial disputes.
OWN_PART_NOUNS = frozenset({"responsibility", "involvement", "role", "participation",
                            "complicity", "link", "connection", "knowledge", "intention"})
CLAIM_VERBS = frozenset({"claim", "allege", "rumor", "rumour"})
WEAK_CLAIM_VERBS = frozenset({"report", "say", "suggest", "write"})
#: Verbs that report what someone holds true: with an indirect clause ("X said that P",
#: "X told reporters P"), a claim X made, unless the clause is a quotation, a forecast or
#: a plan ("said it would…"), or about the speaker ("we are ready").
REPORTING_VERBS = frozenset({
    "say", "state", "report", "claim", "allege", "assert", "insist", "maintain", "argue",
    "declare", "protest", "charge", "contend", "tell", "write", "suggest", "add",
})  # fmt: skip
#: Nouns of an answer to a claim ("the denial by X of Y", "X's rejection of Y").
STANCE_NOUNS: dict[str, str] = {
    "denial": "refuter", "rejection": "refuter", "refutation": "refuter",
    "dismissal": "refuter", "confirmation": "confirmer",
}  # fmt: skip
MODAL_AUX = frozenset({"will", "would", "could", "may", "might", "shall", "should", "can",
                       "must", "'ll", "wo", "ca"})  # fmt: skip
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "``", "''"})
#: Verbs by which a state claims a status for a territory or a body ("Russia recognized the
#: independence of Crimea"); disapproving verbs above them dispute that claim ("Japan
#: deplores that Russia has recognized …").
RECOGNIZING_VERBS = frozenset({"recognize", "recognise", "proclaim"})
DISAPPROVING_VERBS = frozenset({"deplore", "condemn", "denounce", "reject", "regret",
                                "protest", "oppose"})  # fmt: skip
#: Participles that present a noun's content as someone's claim: "Sudan's stated
#: willingness to help" (claimed by its owner), "officials believed to be responsible".
STATED_MODIFIERS = frozenset({"stated", "declared", "professed", "avowed", "announced"})
CLAIMED_PARTICIPLES = frozenset({"believe", "allege", "suspect", "say", "report", "think",
                                 "claim", "reckon", "understand"})  # fmt: skip
#: Accusation verbs: "X accused Y of Ving Z" claims that Y did Z.
ACCUSING_VERBS = frozenset({"accuse", "charge", "blame", "suspect"})
CONTENT_VERBS = frozenset({"claim", "say", "suggest", "allege", "state", "assert"})
INFORMANT_VERBS = frozenset({"tell", "clarify", "explain", "say", "confirm", "state",
                             "note", "report", "emphasize", "emphasise", "stress"})  # fmt: skip
CANONICAL = {"shut": "close", "shutter": "close", "terminate": "end", "cease": "end",
             "halt": "suspend", "freeze": "suspend", "pause": "suspend"}  # fmt: skip


@dataclass(frozen=True)
class Content:
    """The claimed clause: its words, its core, and a key to recognise it again."""

    text: str
    gist: str
    predicate: str
    subjects: tuple[str, ...]
    object: str


@dataclass
class ClaimMention:
    """A claim as one sentence states it; `content` is None for "denied the reports"."""

    position: tuple[int, int]
    content: Content | None
    stances: list[Stance] = field(default_factory=list)
    weak: bool = False
    noun: str = ""  # the claim noun ("accusation"), "" when a verb states it


@dataclass(frozen=True)
class Informant:
    """Someone who told an actor something ("Experts have clarified to RIA Novosti…")."""

    codes: tuple[str, ...]
    text: str


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
    for token in ctx.sent:
        if token.pos_ not in VERBAL_POS or token.i in used:
            continue
        lemma = str(token.lemma_).lower()
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        pronoun = next((c for c in token.children if c.dep_ == "dobj"
                        and c.lower_ in PRONOUN_OBJECTS and c.pos_ == "PRON"), None)  # fmt: skip
        if clause is None and pronoun is not None and lemma in STANCE_VERBS:
            mention = ClaimMention((ctx.sentence_id, token.i), None)  # "supported them"
            mention.stances.extend(_stances(ctx, STANCE_VERBS[lemma], token,
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
            mention.stances.extend(_stances(ctx, role, token, subjects_of(token), clause))
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
            mention.stances.extend(_stances(ctx, "claimant", token, subjects_of(token), clause))
            if mention.stances:
                found.append(mention)
    found.extend(_accusations(ctx, used))
    found.extend(_stance_nouns(ctx))
    found.extend(_counters(ctx))
    found.extend(_recognitions(ctx))
    found.extend(_stated_nouns(ctx))
    found.extend(_verdicts(ctx))
    found.extend(_according(ctx))
    found.extend(_own_part_denials(ctx))
    found.extend(_answering_clauses(ctx))
    return sorted(found, key=lambda m: m.position)


def _noun_content(ctx: SentenceContext, tokens: list[Token], head: Token,
                  subjects: tuple[str, ...]) -> Content:  # fmt: skip
    lemma = singular(str(head.text))
    return Content(text=ctx.original(tokens), gist=tokens_text(tokens), predicate=lemma,
                   subjects=subjects, object=lemma)


def _recognitions(ctx: SentenceContext) -> list[ClaimMention]:
    """ "Russia recognized the independence of Crimea": Russia claims it; "Japan deplores
    that Russia has recognized …" disputes it."""
    found = []
    for verb in ctx.sent:
        if verb.pos_ != "VERB" or str(verb.lemma_).lower() not in RECOGNIZING_VERBS:
            continue
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None or obj.pos_ != "NOUN" or is_negated(verb):
            continue
        tokens = [t for t in descendants(obj) if t.dep_ != "relcl"
                  and not any(a.dep_ == "relcl" for a in ancestors(t) if a.i in
                              {d.i for d in descendants(obj)})]  # fmt: skip
        mention = ClaimMention((ctx.sentence_id, verb.i), _noun_content(ctx, tokens, obj, ()))
        mention.stances.extend(_stances(ctx, "claimant", verb, subjects_of(verb), obj))
        outer = verb.head if verb.dep_ == "ccomp" else None
        if outer is not None and str(outer.lemma_).lower() in DISAPPROVING_VERBS:
            mention.stances.extend(_stances(ctx, "disputer", outer, subjects_of(outer), verb))
        if mention.stances:
            found.append(mention)
    return found


def _claimed_participle(noun: Token) -> Token | None:
    """ "officials believed to be responsible": the participle right after the noun (the
    tagger may take it for a past tense with no subject)."""
    nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if (nxt is None or nxt.pos_ != "VERB" or str(nxt.lemma_).lower() not in CLAIMED_PARTICIPLES
            or nxt.dep_ not in ("acl", "advcl") or nxt.tag_ not in ("VBN", "VBD")):  # fmt: skip
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in nxt.children):
        return None
    return nxt if any(c.dep_ == "xcomp" for c in nxt.children) else None


def _stated_nouns(ctx: SentenceContext) -> list[ClaimMention]:
    """ "Sudan's stated willingness to assist": a claim its owner made; "officials believed
    to be responsible for abuses": a claim whose maker the sentence does not name."""
    found = []
    for noun in ctx.sent:
        if noun.pos_ not in ("NOUN", "PROPN"):
            continue
        stated = next((c for c in noun.children if c.dep_ == "amod"
                       and c.lower_ in STATED_MODIFIERS), None)  # fmt: skip
        owners = [c for c in noun.children if c.dep_ == "poss"]
        hedge = _claimed_participle(noun)
        if stated is not None and owners:
            tokens = [t for t in descendants(noun) if t.i not in {o.i for o in owners}
                      and t.dep_ != "case" and t.i != stated.i]  # fmt: skip
            codes = tuple(dict.fromkeys(country_party(a).code for o in owners
                                        for a in ctx.actors(o) if a.code))  # fmt: skip
            mention = ClaimMention((ctx.sentence_id, noun.i),
                                   _noun_content(ctx, tokens, noun, codes))
            mention.stances.extend(_stances(ctx, "claimant", noun, owners, noun))
            found.append(mention)
        elif hedge is not None:
            tokens = [*np_tokens(noun), *descendants(hedge)]
            codes = tuple(dict.fromkeys(country_party(a).code for a in ctx.actors(noun)
                                        if a.code))  # fmt: skip
            mention = ClaimMention((ctx.sentence_id, noun.i),
                                   _noun_content(ctx, tokens, noun, codes))
            mention.stances.append(Stance("claimant", Party("", "unnamed"),
                                          ctx.document_when(), ctx.evidence(noun, hedge)))
            found.append(mention)
    return found


def _counters(ctx: SentenceContext) -> list[ClaimMention]:
    """ "Chad accused Sudan of X and Sudan countered with accusations that Y": Sudan
    disputes the accusation made before (its answer names no claim of its own words)."""
    found = []
    for verb in ctx.sent:
        lemma = str(verb.lemma_).lower()
        if verb.pos_ != "VERB" or lemma not in COUNTER_VERBS or (
                lemma == "hit" and not any(c.lower_ == "back" for c in verb.children)):
            continue
        if is_negated(verb) or mode_of(verb):
            continue
        mention = ClaimMention((ctx.sentence_id, verb.i), None)
        mention.stances.extend(_stances(ctx, "disputer", verb, subjects_of(verb), verb))
        if mention.stances:
            found.append(mention)
    return found


def asserting(verb: Token, clause: Token) -> bool:
    """Whether a reporting verb's clause states a fact someone holds true: an indirect,
    unquoted clause with its own subject, not a forecast, a plan or about the speaker."""
    if quoted(clause):
        return False
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects or any(s.lower_ in FIRST_PERSON for s in subjects):
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODAL_AUX for c in clause.children):
        return False
    return not is_negated(verb) and not mode_of(verb)


def answering(clause: Token) -> bool:
    """A reported clause that answers a claim ("it cannot agree with the report", "the
    reports misrepresent the facts"): the answer is a stance, not a claim of its own."""
    lemma = str(clause.lemma_).lower()
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    if lemma in ("agree", "disagree") and any(c.dep_ == "prep" and c.lower_ == "with"
                                              for c in clause.children):  # fmt: skip
        return True
    return lemma in DISTORTING_VERBS and any(singular(str(s.text)) in CLAIM_NOUNS
                                             for s in subjects)  # fmt: skip


def nothing_to_it(clause: Token) -> bool:
    """ "there is no such fact", "there is no such plan": a denial, not a claim."""
    return any(c.dep_ == "attr" and singular(str(c.text)) in NOTHING_NOUNS and any(
        d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in clause.children)


def quoted(clause: Token) -> bool:
    """True when a clause's verb stands inside a quotation ("“…,” he said", "the sanctions
    “contradict the spirit…,” they stated"), not in reported speech with a quoted phrase."""
    sent = clause.sent
    marks = sum(1 for t in sent if t.i < clause.i and str(t.text) in QUOTES
                and str(t.text) not in ("'", "’", "‘"))  # fmt: skip
    return marks % 2 == 1


def _accusations(ctx: SentenceContext, used: set[int]) -> list[ClaimMention]:
    """ "X accused Y of Ving Z": X claims that Y did Z."""
    found = []
    for verb in ctx.sent:
        if verb.pos_ not in VERBAL_POS or str(verb.lemma_).lower() not in ACCUSING_VERBS:
            continue
        accused = next((c for c in verb.children if c.dep_ == "dobj"), None)
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        act = next((c for c in prep.children if c.dep_ == "pcomp" and c.pos_ in VERBAL_POS),
                   None) if prep is not None else None  # fmt: skip
        if accused is None or act is None or verb.i in used:
            continue
        used.add(verb.i)
        tokens = [*np_tokens(accused), *descendants(act)]
        objects = [c for c in act.children if c.dep_ in ("dobj", "attr")]
        codes = tuple(dict.fromkeys(country_party(a).code for a in ctx.actors(accused)
                                    if a.code))  # fmt: skip
        lemma = str(act.lemma_).lower()
        content = Content(text=ctx.original(tokens), gist=tokens_text(tokens),
                          predicate=CANONICAL.get(lemma, lemma), subjects=codes,
                          object=singular(str(objects[0].text)) if objects else "")
        mention = ClaimMention((ctx.sentence_id, verb.i), content)
        mention.stances.extend(_stances(ctx, "claimant", verb, subjects_of(verb), act))
        if mention.stances:
            found.append(mention)
    return found


def _stance_nouns(ctx: SentenceContext) -> list[ClaimMention]:
    """ "the denial by X of Y", "X's rejection of Y": X answers the claim Y (about X, when
    Y names nobody: "the denial by North Korea of any intention to build weapons")."""
    found = []
    for noun in ctx.sent:
        role = STANCE_NOUNS.get(singular(str(noun.text)), "") if noun.pos_ == "NOUN" else ""
        if not role:
            continue
        actors = [c for c in noun.children if c.dep_ == "poss"]
        actors += [obj for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
                   for obj in [pobj_of(c)] if obj is not None]  # fmt: skip
        topic = next((pobj_of(c) for c in noun.children if c.dep_ == "prep"
                      and c.lower_ == "of"), None)  # fmt: skip
        if not actors or topic is None or singular(str(topic.text)) in CLAIM_NOUNS:
            continue
        parties = ctx.parties(actors) or [ctx.party(h) for h in actors]
        own = tuple(dict.fromkeys(country_party(a).code for h in actors for a in ctx.actors(h)
                                  if a.code))  # fmt: skip
        words = descendants(topic)
        text = ctx.original(words)
        content = Content(text=text, gist=tokens_text(words), predicate=singular(str(topic.text)),
                          subjects=own, object=singular(str(topic.text)))
        mention = ClaimMention((ctx.sentence_id, noun.i), content)
        when = ctx.dates_of(noun)[0]
        evidence = ctx.evidence(noun, topic)
        mention.stances.extend(Stance(role, p, when, evidence, mode_of(noun)) for p in parties)
        found.append(mention)
    return found


def _from_noun(ctx: SentenceContext, noun: Token, used: set[int]) -> ClaimMention | None:
    clause = _content_clause(noun, used)
    content = content_of(ctx, clause) if clause is not None else None
    verb = noun.head if noun.dep_ in ("dobj", "nsubjpass") else None
    if noun.dep_ == "pobj" and noun.head.lower_ == "as":  # "dismissed as baseless claims…"
        verb = noun.head.head if noun.head.head.pos_ in VERBAL_POS else None
    role = STANCE_VERBS.get(str(verb.lemma_).lower(), "") if verb is not None else ""
    if not role and verb is not None and str(verb.lemma_).lower() in VERDICT_VERBS:
        role = _verdict(verb)  # "called the reports baseless"
    if not role and noun.dep_ == "pobj" and noun.head.lower_ == "with":
        holder = noun.head.head  # "we cannot agree with the claim", "disagreed with it"
        word = str(holder.lemma_).lower() if holder.pos_ in VERBAL_POS else ""
        if word == "disagree" or (word == "agree" and is_negated(holder)):
            verb, role = holder, "refuter"
    if not role and noun.dep_ == "nsubj" and str(noun.head.lemma_).lower() in DISTORTING_VERBS:
        speaker = _speaker(noun.head)  # "the ministry said the reports distort the facts"
        if speaker is not None:
            mention = ClaimMention((ctx.sentence_id, noun.i), content,
                                   noun=singular(str(noun.text)))  # fmt: skip
            mention.stances.extend(_stances(ctx, "refuter", speaker[0], speaker[1], noun))
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
    mention = ClaimMention((ctx.sentence_id, noun.i), content, noun=singular(str(noun.text)))
    if content is not None:
        when = ctx.dates_of(noun)[0] if verb is None else ctx.document_when()
        mention.stances.append(Stance("claimant", _claimant(ctx, noun), when,
                                      ctx.evidence(noun, clause), ""))  # fmt: skip
    if role and verb is not None:
        used.add(verb.i)
        actors = subjects_of(verb) if noun.dep_ != "nsubjpass" else agents_of(verb)
        stances = _stances(ctx, role, verb, actors, noun)
        if str(verb.lemma_).lower() == "agree":  # "cannot agree with": the "not" is the answer
            stances = [replace(s, mode="") if s.mode == "negated" else s for s in stances]
        mention.stances.extend(stances)
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


def _verdict(verb: Token) -> str:
    """The stance a verdict verb's complement takes: "called it baseless" refutes, "found
    it accurate" confirms, "" when it gives none."""
    for child in verb.children:
        if child.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "attr", "dobj", "advcl"):
            word = str(child.lower_)
            if word in FALSE_WORDS:
                return "refuter"
            if word in TRUE_WORDS:
                return "refuter" if is_negated(child) else "confirmer"
    return ""


def _verdicts(ctx: SentenceContext) -> list[ClaimMention]:
    """ "The accusation is not true," said X; "X said there is no such fact": X answers the
    claim named before (or the one the noun carries)."""
    found = []
    for verb in ctx.sent:
        if verb.pos_ not in VERBAL_POS or str(verb.lemma_).lower() != "be":
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "expl")), None)
        if subject is None:
            continue
        complements = [c for c in verb.children if c.dep_ in ("acomp", "attr")]
        role = ""
        noun = ""
        for comp in complements:
            word = str(comp.lower_)
            negated = is_negated(verb) or any(c.dep_ == "neg" for c in comp.children)
            if subject.dep_ == "nsubj" and singular(str(subject.text)) in CLAIM_NOUNS:
                noun = singular(str(subject.text))
                if word in FALSE_WORDS or (word in TRUE_WORDS and negated):
                    role = "refuter"
                elif word in TRUE_WORDS:
                    role = "confirmer"
            elif subject.dep_ == "expl" and singular(word) in NOTHING_NOUNS and any(
                    c.dep_ == "det" and c.lower_ == "no" for c in comp.children):
                role = "refuter"  # "there is no such fact"
        if not role:
            continue
        speaker = _speaker(verb)
        if speaker is None:
            continue
        objects = [pobj_of(p) for comp in complements for p in comp.children
                   if p.dep_ == "prep"]  # fmt: skip
        about = next((o for o in objects if o is not None
                      and singular(str(o.text)) in CLAIM_NOUNS), None)  # fmt: skip
        at = about.i if about is not None else verb.i  # "no truth to reports that P": P's
        mention = ClaimMention((ctx.sentence_id, at), None, noun=noun)
        mention.stances.extend(_stances(ctx, role, speaker[0], speaker[1], verb))
        if mention.stances:
            found.append(mention)
    return found


def _own_part_denials(ctx: SentenceContext) -> list[ClaimMention]:
    """ "The rebels denied responsibility for the attack": the claim that they bear it,
    disputed by them."""
    found = []
    for verb in ctx.sent:
        role = STANCE_VERBS.get(str(verb.lemma_).lower(), "") if verb.pos_ == "VERB" else ""
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None) if role else None
        if obj is None or role != "refuter" or singular(str(obj.text)) not in OWN_PART_NOUNS:
            continue
        actors = subjects_of(verb)
        own = tuple(dict.fromkeys(country_party(a).code for h in actors for a in ctx.actors(h)
                                  if a.code))  # fmt: skip
        words = [t for t in descendants(obj) if not (t.dep_ == "det" and t.head.i == obj.i)]
        mention = ClaimMention((ctx.sentence_id, verb.i), _noun_content(ctx, words, obj, own))
        mention.stances.extend(_stances(ctx, "disputer", verb, actors, obj))
        if mention.stances:
            found.append(mention)
    return found


def _answering_clauses(ctx: SentenceContext) -> list[ClaimMention]:
    """ "X accused Y of Z, a charge Y rejected": the relative clause answers the claim the
    noun stands for (the one made just before)."""
    found = []
    for noun in ctx.sent:
        if noun.pos_ != "NOUN" or singular(str(noun.text)) not in CLAIM_NOUNS:
            continue
        for verb in (c for c in noun.children if c.dep_ == "relcl"):
            role = STANCE_VERBS.get(str(verb.lemma_).lower(), "")
            if not role or any(c.dep_ == "dobj" and c.tag_ not in ("WDT", "WP")
                               for c in verb.children):  # fmt: skip
                continue
            mention = ClaimMention((ctx.sentence_id, noun.i), None, noun=singular(str(noun.text)))
            mention.stances.extend(_stances(ctx, role, verb, subjects_of(verb), noun))
            if mention.stances:
                found.append(mention)
    return found


def _speaker(verb: Token) -> tuple[Token, list[Token]] | None:
    """The reporting verb a clause hangs from and its subjects ("…," said Khalid; "the
    ministry said there is…"), None when the document speaks for itself."""
    node = verb
    for head in ancestors(verb):
        if node.dep_ in ("ccomp", "parataxis", "conj") and head.pos_ in VERBAL_POS:
            if str(head.lemma_).lower() in REPORTING_VERBS:
                return head, subjects_of(head)
            node = head
            continue
        return None
    return None


def _according(ctx: SentenceContext) -> list[ClaimMention]:
    """ "According to X, P" / "P, according to X": X claims P (quoted or not)."""
    found = []
    for token in ctx.sent:
        if token.lower_ != "according" or token.i + 1 >= ctx.sent.end:
            continue
        source = pobj_of(token.nbor()) if token.nbor().lower_ == "to" else None
        verb = next((t for t in ancestors(token) if t.pos_ in VERBAL_POS), None)
        if source is None or verb is None or str(verb.lemma_).lower() in REPORTING_VERBS:
            continue
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            continue
        mention = ClaimMention((ctx.sentence_id, token.i), content_of(ctx, verb))
        mention.stances.append(Stance("claimant", ctx.party(source), ctx.dates_of(verb)[0],
                                      ctx.evidence(token, verb)))
        found.append(mention)
    return found


def _stances(ctx: SentenceContext, role: str, verb: Token, actor_heads: list[Token],
             target: Token) -> list[Stance]:  # fmt: skip
    node = verb
    for _ in range(3):  # "The embassy said … and denied that …": the subject of the verb above
        if actor_heads or node.dep_ not in ("conj", "ccomp") or node.head.pos_ not in VERBAL_POS:
            break
        node = node.head
        actor_heads = subjects_of(node)
    mode = mode_of(verb)
    when = ctx.dates_of(verb)[0]
    evidence = ctx.evidence(verb, target)
    citing = tuple(_citing(ctx))
    parties = ctx.parties(actor_heads) or [ctx.party(h) for h in actor_heads]
    if parties and all(h.pos_ == "PRON" for h in actor_heads):
        above = named_subject(ctx, verb)  # "the ministry said it cannot agree": the ministry
        parties = [above] if above is not None else parties
    return [Stance(role, party, when, evidence, mode, citing) for party in parties]


def _citing(ctx: SentenceContext) -> list[str]:
    """Sources a sentence names for its statements: "citing X", "according to X"."""
    found: list[str] = []
    for token in ctx.sent:
        if str(token.lemma_).lower() == "cite" and token.pos_ == "VERB":
            found.extend(phrase_text(c) for c in token.children if c.dep_ == "dobj")
        elif token.lower_ == "according" and token.i + 1 < ctx.sent.end:
            obj = pobj_of(token.nbor())
            if obj is not None:
                found.append(phrase_text(obj))
    return found


def content_of(ctx: SentenceContext, verb: Token) -> Content:
    """The claimed clause headed by `verb`, its core words and its recognition key."""
    skip = {t.i for c in verb.children if c.dep_ == "advcl"
            and str(c.lemma_).lower() in ("cite", "accord") for t in descendants(c)}  # fmt: skip
    tokens = [t for t in descendants(verb) if not (t.dep_ == "mark" and t.head.i == verb.i)
              and t.i not in skip]  # fmt: skip
    text = ctx.original(tokens)
    deepest = _xcomps(verb)[-1]
    lemma = str(deepest.lemma_).lower()
    objects = [c for c in deepest.children if c.dep_ in ("dobj", "attr", "acomp", "oprd")]
    passive_subjects = [c for c in deepest.children if c.dep_ == "nsubjpass"]
    passive_subjects += [c for c in verb.children if c.dep_ == "nsubjpass"]
    subject_nouns = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    heads = objects or passive_subjects or subject_nouns  # "the embassy would close"
    if lemma == "be" and objects:
        lemma = str(objects[0].lemma_).lower()
    subject_heads = [c for c in verb.children if c.dep_ == "nsubj"]
    subject_heads += [p for a in deepest.children if a.dep_ == "agent"
                      for p in a.children if p.dep_ == "pobj"]  # fmt: skip
    codes = []
    for actor in (a for h in subject_heads for a in ctx.actors(h)):
        code = country_party(actor).code
        if code and not code.startswith("---") and code not in codes:
            codes.append(code)
    if not codes and any(h.pos_ == "PRON" for h in subject_heads):
        outer = verb_above(verb)  # "X denied that it was closing…": it is X
        party = named_subject(ctx, outer) if outer is not None else None
        if party is not None and party.code and not party.code.startswith("---"):
            codes.append(party.code[:3] if len(party.code) > 3 else party.code)
    return Content(
        text=text,
        gist=tokens_text(_core(verb)),
        predicate=CANONICAL.get(lemma, lemma),
        subjects=tuple(codes),
        object=singular(str(heads[0].text)) if heads else "",
    )


def _xcomps(verb: Token) -> list[Token]:
    """`verb` and the chain of verbal complements below it ("is set to begin closing"): the
    first `xcomp` of each, down to the last, each token once."""
    chain = [verb]
    seen = {verb.i}
    while True:
        xcomp = next((c for c in chain[-1].children if c.dep_ == "xcomp"
                      and c.pos_ in VERBAL_POS and c.i not in seen), None)  # fmt: skip
        if xcomp is None:
            return chain
        seen.add(xcomp.i)
        chain.append(xcomp)


def _core(verb: Token) -> list[Token]:
    """Subject, auxiliaries, verb, particle, object (without their clauses): the gist, of
    the verb and of the verbal complements below it (iterative, each verb once)."""
    tokens = []
    stack = [verb]
    seen = {verb.i}
    while stack:
        node = stack.pop()
        tokens.append(node)
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "oprd"):
                tokens.extend(np_tokens(child))
            elif child.dep_ in ("aux", "auxpass", "neg", "prt", "acomp"):
                tokens.append(child)
            elif child.dep_ == "xcomp" and child.pos_ in VERBAL_POS and child.i not in seen:
                seen.add(child.i)
                stack.append(child)
    return tokens


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
