"""The words of claims and the claimed clause: which verbs and nouns report, answer or
qualify a claim, what a claimed clause says (its text, gist and recognition key), who takes
a stance on it, and which reported clauses are no claims (quotations, forecasts, answers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dyad.coding.frames import is_negated
from dyad.coding.syntax import VERBAL_POS, np_tokens, pobj_of
from dyad.knowledge.context import (
    SentenceContext,
    conjuncts,
    country_party,
    descendants,
    mode_of,
    named_subject,
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
#: Claim nouns that name one accusation ("accused X of …, a charge X rejected"): an answer
#: to any of them answers the latest claim made by accusing.
ACCUSATION_NOUNS = frozenset({"accusation", "allegation", "charge"})


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
                         "inaccurate", "fiction", "lie", "lies", "slander", "fabrication",
                         "fabrications", "falsehood", "falsehoods", "smear", "hoax",
                         "disinformation", "invention", "concoction"})  # fmt: skip


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
    "admit", "acknowledge", "concede", "confess",
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


#: Words by which a holder states a fact it is concerned about or regrets ("X is deeply
#: concerned that P", "X regrets that P", "X expressed concern that P"): X asserts P.
CONCERN_ADJECTIVES = frozenset({"concerned", "alarmed", "dismayed", "appalled", "outraged",
                                "shocked", "disturbed", "troubled", "saddened"})  # fmt: skip
CONCERN_VERBS = frozenset({"regret", "deplore", "lament", "complain"})
CONCERN_NOUNS = frozenset({"concern", "regret", "alarm", "dismay"})
#: Acts a holder is concerned by ("concerned by the detention of activists"): it asserts
#: they took place, when the noun names whom they touch ("of"/"against"/"on" …).
CONCERN_ACT_NOUNS = frozenset({
    "use", "detention", "arrest", "abduction", "killing", "torture", "harassment", "attack",
    "shelling", "bombing", "violence", "beating", "intimidation", "disappearance",
    "execution", "expulsion", "deportation", "destruction", "shooting",
})  # fmt: skip
UNREAL_MODIFIERS = frozenset({"possible", "potential", "any", "future", "further",
                              "threatened", "planned", "likely"})  # fmt: skip


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


#: Nouns of an act someone is accused of, and the predicate of the claim they name: "Moscow
#: denied any violations" answers "accusing Russia of violating the pact".
ACT_NOUN_PREDICATES = {
    "violation": "violate", "breach": "breach", "involvement": "involve",
    "interference": "interfere", "meddling": "meddle", "shelling": "shell",
    "bombing": "bomb", "incursion": "cross", "attack": "attack", "strike": "strike",
    "killing": "kill", "torture": "torture", "abuse": "abuse",
}  # fmt: skip
#: `ClaimMention.noun` of an answer to an act noun: "act:violate".
ACT_PREFIX = "act:"


#: The claimant of a claim whose maker the sentence does not name ("officials believed to
#: be responsible"); the document's issuer, when known, takes its place (`issuer`).
UNNAMED = Party("", "unnamed")


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
    # the content is only the noun's words ("rejected Amnesty's accusations"): the claim its
    # maker stated before, if the document has one
    named_only: bool = False


@dataclass(frozen=True)
class Informant:
    """Someone who told an actor something ("Experts have clarified to RIA Novosti…")."""

    codes: tuple[str, ...]
    text: str


def noun_content(ctx: SentenceContext, tokens: list[Token], head: Token,
                  subjects: tuple[str, ...]) -> Content:  # fmt: skip
    lemma = singular(str(head.text))
    return Content(text=ctx.original(tokens), gist=tokens_text(tokens), predicate=lemma,
                   subjects=subjects, object=lemma)


#: Verbs of a mental state or a stance: "X said it regretted / welcomed / hoped …" tells
#: where X stands, not a fact X holds true.
ATTITUDE_VERBS = frozenset({
    "regret", "welcome", "hope", "want", "wish", "intend", "plan", "believe", "think", "feel",
    "fear", "expect", "support", "oppose", "condemn", "deplore", "appreciate", "value",
    "respect", "understand", "prefer", "reserve", "remain",
})  # fmt: skip


#: Words of a feeling after "be": "said he was shocked" tells how the speaker feels.
FEELING_WORDS = frozenset({
    "shocked", "saddened", "concerned", "pleased", "happy", "glad", "disappointed",
    "surprised", "alarmed", "worried", "grateful", "outraged", "dismayed", "appalled",
    "encouraged", "satisfied", "proud", "sorry", "confident", "optimistic", "ready",
    "willing", "committed", "determined", "prepared", "open",
})  # fmt: skip


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
    if all(s.pos_ == "PRON" for s in subjects) and (
            str(clause.lemma_).lower() in ATTITUDE_VERBS or clause.lower_ in FEELING_WORDS
            or any(c.dep_ == "acomp" and c.lower_ in FEELING_WORDS for c in clause.children)):
        return False  # "said it regretted the decision", "said he was shocked": feelings
    return not is_negated(verb) and not mode_of(verb)


def answering(clause: Token) -> bool:
    """A reported clause that answers a claim ("it cannot agree with the report", "the
    reports misrepresent the facts", "the reports were groundless"): the answer is a stance,
    not a claim of its own."""
    lemma = str(clause.lemma_).lower()
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    if lemma == "be" and any(singular(str(s.text)) in CLAIM_NOUNS for s in subjects) and any(
            c.dep_ in ("acomp", "attr") and c.lower_ in FALSE_WORDS | TRUE_WORDS
            for c in clause.children):  # fmt: skip
        return True
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


def stances(ctx: SentenceContext, role: str, verb: Token, actor_heads: list[Token],
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
                if child.dep_ in ("nsubj", "nsubjpass"):  # "Sudan and Chad are working"
                    for member in conjuncts(child):
                        tokens.extend(np_tokens(member))
                        tokens.extend(c for c in member.head.children if c.dep_ == "cc")
            elif child.dep_ in ("aux", "auxpass", "neg", "prt", "acomp"):
                tokens.append(child)
            elif child.dep_ == "xcomp" and child.pos_ in VERBAL_POS and child.i not in seen:
                seen.add(child.i)
                stack.append(child)
    return tokens
