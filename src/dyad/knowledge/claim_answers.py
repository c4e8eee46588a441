"""Claim shapes beyond reports and reported speech: accusations ("X accused Y of Ving"),
recognitions ("X recognized the independence of Y"), stated intents ("Y's stated
willingness"), beliefs ("officials believed to be …"), "according to X", and the answers
that name no claim of their own words: counter-accusations, verdicts ("the accusation is
not true", "there is no such fact"), denial nouns ("the denial by X of Y"), denied
responsibility, and relative clauses ("a charge the ministry rejected").
"""

from __future__ import annotations

from typing import Any

from dyad.coding.frames import is_negated
from dyad.coding.syntax import VERBAL_POS, np_tokens, pobj_of
from dyad.knowledge.claim_clauses import concern_acts, concern_claims
from dyad.knowledge.claim_content import (
    ACCUSING_VERBS,
    CANONICAL,
    CLAIM_NOUNS,
    CLAIMED_PARTICIPLES,
    COUNTER_VERBS,
    DISAPPROVING_VERBS,
    FALSE_WORDS,
    NOTHING_NOUNS,
    OWN_PART_NOUNS,
    RECOGNIZING_VERBS,
    REPORTING_VERBS,
    STANCE_NOUNS,
    STANCE_VERBS,
    STATED_MODIFIERS,
    TRUE_WORDS,
    UNNAMED,
    ClaimMention,
    Content,
    content_of,
    noun_content,
    stances,
)
from dyad.knowledge.context import (
    SentenceContext,
    ancestors,
    country_party,
    descendants,
    mode_of,
    subjects_of,
    tokens_text,
)
from dyad.knowledge.model import Party, Stance
from dyad.knowledge.vocabulary import singular

Token = Any


def more_claims(ctx: SentenceContext, used: set[int]) -> list[ClaimMention]:
    """The claim mentions of these shapes in one sentence (`used`: verbs already read)."""
    return [*_accusations(ctx, used), *_stance_nouns(ctx), *_counters(ctx),
            *_recognitions(ctx), *_stated_nouns(ctx), *_verdicts(ctx), *_according(ctx),
            *_own_part_denials(ctx), *_answering_clauses(ctx),
            *concern_claims(ctx, used), *concern_acts(ctx, used)]  # fmt: skip
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
        mention = ClaimMention((ctx.sentence_id, verb.i), noun_content(ctx, tokens, obj, ()))
        mention.stances.extend(stances(ctx, "claimant", verb, subjects_of(verb), obj))
        outer = verb.head if verb.dep_ == "ccomp" else None
        if outer is not None and str(outer.lemma_).lower() in DISAPPROVING_VERBS:
            mention.stances.extend(stances(ctx, "disputer", outer, subjects_of(outer), verb))
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
                                   noun_content(ctx, tokens, noun, codes))
            mention.stances.extend(stances(ctx, "claimant", noun, owners, noun))
            found.append(mention)
        elif hedge is not None:
            tokens = [*np_tokens(noun), *descendants(hedge)]
            codes = tuple(dict.fromkeys(country_party(a).code for a in ctx.actors(noun)
                                        if a.code))  # fmt: skip
            mention = ClaimMention((ctx.sentence_id, noun.i),
                                   noun_content(ctx, tokens, noun, codes))
            mention.stances.append(Stance("claimant", UNNAMED,
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
        mention.stances.extend(stances(ctx, "disputer", verb, subjects_of(verb), verb))
        if mention.stances:
            found.append(mention)
    return found


def _accusations(ctx: SentenceContext, used: set[int]) -> list[ClaimMention]:
    """ "X accused Y of Ving Z": X claims that Y did Z."""
    found = []
    for verb in ctx.sent:
        if verb.pos_ not in VERBAL_POS or str(verb.lemma_).lower() not in ACCUSING_VERBS:
            continue
        accused = next((c for c in verb.children if c.dep_ == "dobj"), None)
        holders = [verb, accused] if accused is not None else [verb]  # "of" on either
        prep = next((c for h in holders for c in h.children
                     if c.dep_ == "prep" and c.lower_ == "of"), None)  # fmt: skip
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
        mention = ClaimMention((ctx.sentence_id, verb.i), content, noun="accusation")
        mention.stances.extend(stances(ctx, "claimant", verb, subjects_of(verb), act))
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


def verdict(verb: Token) -> str:
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
        speaker = speaker_of(verb)
        if speaker is None and verb.dep_ != "ROOT":
            continue
        objects = [pobj_of(p) for comp in complements for p in comp.children
                   if p.dep_ == "prep"]  # fmt: skip
        about = next((o for o in objects if o is not None
                      and singular(str(o.text)) in CLAIM_NOUNS), None)  # fmt: skip
        at = about.i if about is not None else verb.i  # "no truth to reports that P": P's
        mention = ClaimMention((ctx.sentence_id, at), None, noun=noun)
        if speaker is None:  # the document's own verdict: its issuer's, if it names one
            mention.stances.append(Stance(role, UNNAMED, ctx.dates_of(verb)[0],
                                          ctx.evidence(verb, subject)))
        else:
            mention.stances.extend(stances(ctx, role, speaker[0], speaker[1], verb))
        maker = named_maker(ctx, subject) if noun and mention.stances else None
        if maker is not None:  # "The Chadian accusation is not true": Chad made it
            mention.stances.append(Stance("claimant", maker, ctx.document_when(),
                                          ctx.evidence(subject)))  # fmt: skip
        if mention.stances:
            found.append(mention)
    return found


def named_maker(ctx: SentenceContext, noun: Token) -> Party | None:
    """Who the words of a claim noun name as its maker, when they name an actor: "the
    Chadian accusation", "Chad's claims", "the allegations by Chad"."""
    heads = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound")]
    heads += [obj for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
              for obj in [pobj_of(c)] if obj is not None]  # fmt: skip
    return next((p for p in ctx.parties(heads) if p.code), None)


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
        mention = ClaimMention((ctx.sentence_id, verb.i), noun_content(ctx, words, obj, own))
        mention.stances.extend(stances(ctx, "disputer", verb, actors, obj))
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
            mention.stances.extend(stances(ctx, role, verb, subjects_of(verb), noun))
            if mention.stances:
                found.append(mention)
    return found


def speaker_of(verb: Token) -> tuple[Token, list[Token]] | None:
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
