"""Agreement mentions in one sentence: the agreement noun, its parties and subject, and the
lifecycle steps its verbs and event nouns state.

Shapes (A is the agreement noun):
  "X signed/ratified/suspended A", "A was ratified by X", "A, signed in 2000 and 2003",
  "X withdrew from A", "X pulled Y out of A", "X agreed to A", "A entered into force",
  "A took effect", "A expired/collapsed", "X's termination/revocation/suspension of A",
  "X suspended its participation in A", "terminating the application of A",
  "an order suspending A" (the actor is who signed the order).
What the phrase says of itself (kind, name, acronyms, topics, parties) is read by
`agreement_names`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from dyad.coding.dates import NUMBER_WORDS
from dyad.coding.frames import frame_of
from dyad.coding.syntax import VERBAL_POS, np_tokens, pobj_of
from dyad.knowledge.agreement_names import (
    INDEFINITE_DETS,
    acronym_kind,
    agreement_kind,
    aliases_of,
    descriptive_words,
    hyphen_parties,
    name_of,
    phrase_parties,
    short_name,
    topics_of,
)
from dyad.knowledge.context import (
    SentenceContext,
    agents_of,
    ancestors,
    mode_of,
    subjects_of,
    tokens_text,
    verb_above,
)
from dyad.knowledge.lifecycle import counts
from dyad.knowledge.model import AgreementStep, Evidence, Party, When
from dyad.knowledge.titles import title_start, title_tokens
from dyad.knowledge.vocabulary import (
    FAMILIES,
    NAMED_ONLY,
    known_short_names,
    singular,
)

Token = Any


#: Verbs acting on an agreement as object (or passive subject).
TRANSITIVE: dict[str, str] = {
    "sign": "signed", "conclude": "signed", "ink": "signed", "strike": "signed",
    "reach": "signed", "seal": "signed", "announce": "signed", "unveil": "signed",
    "declare": "signed",
    "clinch": "signed", "finalize": "signed",
    "finalise": "signed", "adopt": "signed", "ratify": "ratified", "approve": "ratified",
    "implement": "in_force", "extend": "extended", "renew": "extended", "prolong": "extended",
    "suspend": "suspended", "freeze": "suspended", "halt": "suspended", "pause": "suspended",
    "terminate": "terminated", "end": "terminated", "scrap": "terminated",
    "cancel": "terminated", "annul": "terminated", "revoke": "terminated",
    "abrogate": "terminated", "denounce": "terminated", "repeal": "terminated",
    "nullify": "terminated", "invalidate": "terminated", "void": "terminated",
    "abandon": "withdrawn", "ditch": "withdrawn", "quit": "withdrawn", "exit": "withdrawn",
    "leave": "withdrawn", "revive": "revived", "restore": "revived", "reinstate": "revived",
    "rejoin": "revived", "resume": "revived", "reactivate": "revived", "violate": "violated",
    "breach": "violated",
}  # fmt: skip
#: Verbs whose subject is the agreement.
INTRANSITIVE: dict[str, str] = {
    "expire": "terminated", "lapse": "terminated", "collapse": "terminated",
    "end": "terminated", "hold": "in_force",
}  # fmt: skip
#: (verb, preposition) pairs whose prepositional object is the agreement.
PREPOSITIONAL: dict[tuple[str, str], str] = {
    ("withdraw", "from"): "withdrawn", ("pull", "out"): "withdrawn", ("exit", "from"): "withdrawn",
    ("agree", "to"): "signed", ("agree", "on"): "signed", ("enter", "into"): "signed",
    ("return", "to"): "revived", ("rejoin", "to"): "revived", ("walk", "away"): "withdrawn",
    ("accede", "to"): "ratified",
}  # fmt: skip
#: Event nouns that state a step ("X's termination of A", "withdrawal from A").
EVENT_NOUNS: dict[str, str] = {
    "signing": "signed", "signature": "signed", "conclusion": "signed",
    "ratification": "ratified", "implementation": "in_force", "entry": "in_force",
    "extension": "extended", "renewal": "extended", "suspension": "suspended",
    "freeze": "suspended", "termination": "terminated", "revocation": "terminated",
    "cancellation": "terminated", "annulment": "terminated", "abrogation": "terminated",
    "denunciation": "terminated", "expiry": "terminated", "expiration": "terminated",
    "collapse": "terminated", "end": "terminated", "withdrawal": "withdrawn",
    "exit": "withdrawn", "revival": "revived", "restoration": "revived",
    "violation": "violated", "breach": "violated", "ending": "terminated",
    "accession": "ratified", "announcement": "signed", "adoption": "signed",
}  # fmt: skip
#: Verbs that undo an earlier step ("revoked its ratification of A" is no ratification).
UNDOING_VERBS = frozenset({"revoke", "withdraw", "rescind", "cancel", "reverse", "annul",
                           "retract", "repeal"})  # fmt: skip
#: Modifiers that make an agreement a prospect ("the proposed free trade area").
PROSPECTIVE = frozenset({"proposed", "planned", "draft", "possible", "potential",
                         "prospective", "future", "envisaged", "mooted"})  # fmt: skip
#: Wrappers through which only a suspension reaches the agreement: frozen negotiations of an
#: agreement not yet signed ("freeze of launching negotiations of a new investment agreement").
NEGOTIATIONS = frozenset({"negotiation", "talk", "launching", "launch", "consultation",
                          "discussion"})  # fmt: skip
# Nouns that stand between a verb and the agreement: "suspended its participation in A".
WRAPPERS = frozenset({
    "participation", "application", "implementation", "operation", "membership", "part",
    "involvement", "obligation", "commitment", "observance", "compliance", "term", "provision",
    "validity", "effect",
})  # fmt: skip
YEAR = re.compile(r"(?:19|20)\d\d")
ANAPHORIC_DETS = frozenset({"these", "this", "those", "that", "the", "such", "said"})


@dataclass
class AgreementMention:
    """One agreement noun phrase in a sentence, with the steps stated of it there."""

    evidence: Evidence
    position: tuple[int, int]  # (sentence id, token index): document order
    kind: str
    family: str
    plural: bool
    reference: str  # "anaphoric", "indefinite" or "bare"
    name: str  # proper name, "" if none
    label: str  # its own words ("Russian-Japanese intergovernmental agreements")
    subjects: list[str] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    steps: list[AgreementStep] = field(default_factory=list)
    split_dates: list[str] = field(default_factory=list)  # signing dates of listed instruments
    count: int = 1
    aliases: list[str] = field(default_factory=list)  # acronyms and short names ("NPT")
    #: its words beyond kind, parties and generic qualities ("visa" in "the visa agreement")
    descriptors: list[str] = field(default_factory=list)

    @property
    def generic(self) -> bool:
        """Its words say only kind and parties ("Russian-Japanese agreements")."""
        return not self.descriptors


def find_agreements(ctx: SentenceContext) -> list[AgreementMention]:
    """Agreement mentions of one sentence, with their steps."""
    found = []
    inside: set[int] = set()  # tokens of a title already found ("… to the … Convention")
    for token in ctx.sent:
        if token.i in inside:
            continue
        kind = agreement_kind(token)
        short = "" if kind else acronym_kind(token, ctx.acronyms)
        if short and (token.dep_ == "appos" or (token.dep_ == "compound"
                                                and agreement_kind(token.head))):  # fmt: skip
            continue  # "the Treaty (NPT)", "the NPT treaty": part of another mention
        if not (kind or short) or (token.dep_ == "compound" and not short):
            continue
        if token.dep_ == "appos" and agreement_kind(token.head):
            continue  # "the New START treaty, the last … pact": the same agreement
        if token.dep_ in ("npadvmod", "appos") and any(
                c.dep_ == "dobj" and agreement_kind(c) for c in token.head.children):
            continue  # "signed a free trade agreement …, a deal that will …": the same one
        head = token if short else title_start(token)
        mention = _mention(ctx, head, kind or short, short=bool(short))
        if mention is not None:
            found.append(mention)
            inside.update(title_tokens(head))
            for alias in mention.aliases:
                ctx.acronyms.setdefault(alias, mention.kind)
    return found


def _mention(ctx: SentenceContext, head: Token, kind: str, *,
             short: bool = False) -> AgreementMention | None:  # fmt: skip
    name = short_name(ctx, head) if short else name_of(ctx, head)
    between = any(c.dep_ == "prep" and c.lower_ in ("between", "among") for c in head.children)
    if kind in NAMED_ONLY and not name and not between:  # "a protocol between X and Y"
        return None
    dets = {c.lower_ for c in head.children if c.dep_ in ("det", "poss")}
    reference = ("anaphoric" if dets & ANAPHORIC_DETS else
                 "indefinite" if dets & INDEFINITE_DETS else "bare")  # fmt: skip
    mention = AgreementMention(
        evidence=ctx.evidence(head),
        position=(ctx.sentence_id, head.i),
        kind=kind,
        family=FAMILIES[kind],
        plural=head.tag_ in ("NNS", "NNPS") or str(head.lower_) == "memoranda",
        reference=reference,
        name=name,
        label=tokens_text(
            [t for t in np_tokens(head) if t.dep_ not in ("det", "nummod", "poss", "case")]
        ),
        subjects=topics_of(ctx, head, named=bool(name)),
        parties=phrase_parties(ctx, head, named=bool(name)),
        aliases=aliases_of(head),
        descriptors=descriptive_words(ctx, head),
    )
    mention.aliases += [a for a in known_short_names(name, mention.label, *mention.aliases)
                        if a not in mention.aliases and a != name]
    if name:
        mention.parties.extend(p for p in hyphen_parties(ctx, head) if p not in mention.parties)
    number = next((c for c in head.children if c.dep_ == "nummod" and c.like_num), None)
    if number is not None and number.ent_type_ not in ("DATE", "TIME"):
        word = str(number.lower_)
        mention.count = int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)
    for kind_, trigger, actors in _triggers(ctx, head):
        _add_steps(ctx, mention, head, kind_, trigger, actors)
    year = next((t for t in np_tokens(head) if t.i < head.i and t.ent_type_ == "DATE"
                 and YEAR.fullmatch(str(t.text))), None)  # fmt: skip
    if year is not None and not any(s.kind == "signed" for s in mention.steps):
        when = When(f"{year.text}-01-01", str(year.text), "year", "named")  # "the 2018 pact"
        mention.steps.append(AgreementStep("signed", when, (), ctx.evidence(year, head)))
    return mention


def _effective(head: Token) -> tuple[Token, bool]:
    """The token whose relation to the verb counts: the first conjunct, or the wrapper noun
    ("participation in A", "the application of A") standing for the agreement; and whether
    the way passed through negotiations ("freeze of negotiations of A")."""
    node = head
    talks = False
    seen = {head.i}  # each token once: "participation in the application of A", however long
    while True:
        if node.dep_ == "conj" and node.head.pos_ == "NOUN" and (
                singular(str(node.head.text)) in EVENT_NOUNS and not agreement_kind(node.head)):
            # "suspension of A, B and C" parsed with B and C as conjuncts of the noun: each
            # is an object of it
            return node, talks
        if node.dep_ == "conj":
            nxt = node.head
        elif (node.dep_ == "dobj" and singular(str(node.text)) in NEGOTIATIONS
              and node.head.dep_ == "pcomp" and node.head.head.dep_ == "prep"):  # fmt: skip
            # "freeze of launching negotiations of A": on to the preposition above
            return node.head, True
        elif node.dep_ == "pobj" and node.head.dep_ == "prep":
            nxt = node.head.head
            lemma = singular(str(nxt.text))
            if nxt.pos_ != "NOUN" or (str(nxt.lemma_).lower() not in WRAPPERS
                                      and lemma not in NEGOTIATIONS):  # fmt: skip
                return node, talks
            talks = talks or lemma in NEGOTIATIONS
        else:
            return node, talks
        if nxt.i in seen:
            return node, talks
        seen.add(nxt.i)
        node = nxt


def _triggers(ctx: SentenceContext, head: Token) -> list[tuple[str, Token, list[Token]]]:
    """(step kind, trigger, actor heads) for each step stated of the agreement."""
    found: list[tuple[str, Token, list[Token]]] = []
    described = list(head.children)
    for prep in (c for c in head.children if c.dep_ == "prep"):  # "A on air traffic, signed…"
        obj = pobj_of(prep)
        described += [c for c in obj.children if c.dep_ == "acl" and c.i > 0
                      and c.doc[c.i - 1].text == ","] if obj is not None else []  # fmt: skip
    for child in described:  # "A, signed in 2000" / "A signed by X" / "A, which X signed"
        lemma = str(child.lemma_).lower()
        if child.dep_ == "acl" and child.tag_ == "VBN" and lemma in TRANSITIVE:
            found.append((TRANSITIVE[lemma], child, agents_of(child)))
        elif child.dep_ == "relcl" and lemma in TRANSITIVE and not _has_object(child, head):
            found.append((TRANSITIVE[lemma], child, subjects_of(child)))
    described_steps = len(found)
    node, talks = _effective(head)
    parent = node.head
    lemma = str(parent.lemma_).lower()
    if parent.pos_ in VERBAL_POS:
        if node.dep_ == "dobj" and lemma in TRANSITIVE:
            found.append((TRANSITIVE[lemma], parent, subjects_of(parent)))
        elif node.dep_ == "nsubjpass" and lemma in TRANSITIVE:
            found.append((TRANSITIVE[lemma], parent, agents_of(parent)))
        elif node.dep_ == "nsubj":
            kind = _intransitive(parent)
            if kind:
                found.append((kind, parent, []))
            if kind == "in_force":  # "with this exchange of notes, A will enter into force"
                found.extend(("ratified", c, []) for c in _completions(parent))
    elif node.dep_ in ("pobj", "pcomp") and parent.dep_ in ("prep", "prt", "agent", "dative"):
        found.extend(_prepositional(node, parent))
    elif node.dep_ == "conj" and parent.pos_ == "NOUN":  # "suspension of X, and A"
        found.append((EVENT_NOUNS[singular(str(parent.text))], parent, _noun_actors(parent)))
    wrapper = singular(str(node.text))
    if (len(found) == described_steps and node.i != head.i and wrapper in EVENT_NOUNS
            and not agreement_kind(node)):  # fmt: skip
        # the wrapper is itself the step: "the further implementation of A"
        found.append((EVENT_NOUNS[wrapper], node, _noun_actors(node)))
    if talks:  # negotiations frozen before signature: the agreement is suspended, no more
        found = [f for f in found if f[0] == "suspended"]
    return found


def _prepositional(node: Token, prep: Token) -> list[tuple[str, Token, list[Token]]]:
    verb = prep.head
    word = str(prep.lower_)
    if verb.lower_ in ("out", "away") and verb.head.pos_ in VERBAL_POS:  # "pull Y out of A"
        word, verb = str(verb.lower_), verb.head
    lemma = str(verb.lemma_).lower()
    if verb.pos_ in VERBAL_POS and (lemma, word) in PREPOSITIONAL:
        return [(PREPOSITIONAL[(lemma, word)], verb, subjects_of(verb))]
    if verb.pos_ != "NOUN" or word not in ("of", "from", "to", "on", "for"):
        return []
    noun_lemma = singular(str(verb.text))
    if noun_lemma == "instrument":  # "X's instrument of ratification for A"
        event = next((pobj_of(c) for c in verb.children if c.dep_ == "prep"
                      and c.lower_ == "of"), None)  # fmt: skip
        if event is not None and singular(str(event.text)) in EVENT_NOUNS:
            return [(EVENT_NOUNS[singular(str(event.text))], event, _noun_actors(verb))]
    if noun_lemma not in EVENT_NOUNS:
        return []
    kind = EVENT_NOUNS[noun_lemma]
    undo = verb.head if verb.dep_ == "dobj" else None
    if undo is not None and str(undo.lemma_).lower() in UNDOING_VERBS and kind in (
            "ratified", "signed"):  # "revoked its ratification of A"
        return [("withdrawn", undo, subjects_of(undo))]
    return [(kind, verb, _noun_actors(verb))]


def _intransitive(verb: Token) -> str:
    """Step of an agreement that is the verb's subject ("entered into force", "expired")."""
    lemma = str(verb.lemma_).lower()
    preps = set()
    for child in verb.children:
        obj = pobj_of(child) if child.dep_ == "prep" else None
        if obj is not None:
            preps.add((str(child.lower_), str(obj.lemma_).lower()))
    objects = {str(c.lemma_).lower() for c in verb.children if c.dep_ == "dobj"}
    in_force = {("into", "force"), ("into", "effect"), ("in", "force"), ("in", "effect")}
    if lemma in ("enter", "come", "go") and preps & in_force:
        return "in_force"
    if lemma == "take" and "effect" in objects:
        return "in_force"
    if lemma in ("remain", "be", "stay") and preps & (in_force | {("in", "place")}):
        return "in_force"
    if lemma == "break" and any(c.lower_ == "down" for c in verb.children):
        return "terminated"
    if objects:
        return ""
    return INTRANSITIVE.get(lemma, "")


def _has_object(verb: Token, head: Token) -> bool:
    return any(c.dep_ == "dobj" and c.tag_ not in ("WDT", "WP") and c.i != head.i
               for c in verb.children)  # fmt: skip


def _noun_actors(noun: Token) -> list[Token]:
    """Who acts in an event noun: "Russia's termination", "termination by Russia", or the
    subject of the verb it is the object of ("Moscow announced the suspension of…")."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners and not all(o.pos_ == "PRON" for o in owners):
        return owners
    agents = [obj for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
              for obj in [pobj_of(c)] if obj is not None]  # fmt: skip
    if agents:
        return agents
    outer = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if outer is not None and outer.i != noun.i and outer.pos_ in ("NOUN", "PROPN"):
        # "the announcement by X of its withdrawal", "the Government of X of its withdrawal":
        # "its" is X
        if outer.pos_ == "PROPN":
            return [outer]
        enclosing = [c for c in outer.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        enclosing += [obj for c in outer.children if c.dep_ == "prep" and c.lower_ == "by"
                      for obj in [pobj_of(c)] if obj is not None]  # fmt: skip
        if enclosing:
            return enclosing
    if owners:
        return owners
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in VERBAL_POS:
        return [] if _onlooking(noun.head) else subjects_of(noun.head)
    blamed = _blamed_for(noun)
    if blamed:
        return blamed
    verb = verb_above(noun)  # "X decided the following measures: suspension of A"
    if verb is not None and noun.dep_ not in ("nsubj", "nsubjpass") and not _onlooking(verb):
        return subjects_of(verb)
    return []


#: Verbs that name who took a step by blaming them for it ("blamed Russia for the ending of A").
BLAMING_VERBS = frozenset({"blame", "fault", "punish", "sanction", "censure"})


def _blamed_for(noun: Token) -> list[Token]:
    """Who is blamed for the step a noun names: the object of "blame X for the N of A"."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return []
    verb = noun.head.head
    if verb.pos_ not in VERBAL_POS or str(verb.lemma_).lower() not in BLAMING_VERBS:
        return []
    return [c for c in verb.children if c.dep_ == "dobj"]


#: Verbs whose subject looks on at a step rather than takes it ("NATO welcomes the extension
#: of A", "the minister regrets the withdrawal from A").
ONLOOKING_VERBS = frozenset({
    "welcome", "praise", "hail", "applaud", "support", "back", "endorse", "note", "regret",
    "criticize", "criticise", "condemn", "deplore", "urge", "call", "demand", "oppose",
    "question", "appreciate", "congratulate", "discuss", "consider", "debate", "expect",
    "hope", "want", "seek", "propose", "fear", "mourn", "lament", "protest", "reject",
    "see", "watch", "follow", "report", "express", "blame", "fault", "accuse", "denounce",
    "decry", "mark", "commemorate", "recall",
})  # fmt: skip


def _onlooking(verb: Token) -> bool:
    return str(verb.lemma_).lower() in ONLOOKING_VERBS


#: Prepositions that present a completed step as what brings another about.
ANTECEDENT_PREPOSITIONS = frozenset({"with", "following", "after", "upon", "through"})
#: Nouns of the step that completes ratification ("exchange of notes", "deposit of …").
COMPLETIONS = frozenset({"exchange", "deposit", "ratification"})


def _completions(verb: Token) -> list[Token]:
    """The completed ratification an entry into force follows ("With this exchange of notes,
    A will enter into force"; "following the deposit of the instruments, …")."""
    found = []
    for child in verb.children:
        obj = pobj_of(child) if child.dep_ == "prep" else None
        if (obj is not None and child.lower_ in ANTECEDENT_PREPOSITIONS
                and singular(str(obj.text)) in COMPLETIONS):  # fmt: skip
            found.append(obj)
    return found


def _presupposed(trigger: Token) -> bool:
    """A step named as what brings another about has happened ("with this exchange of …")."""
    return (trigger.pos_ == "NOUN" and trigger.dep_ == "pobj"
            and trigger.head.lower_ in ANTECEDENT_PREPOSITIONS)  # fmt: skip


COUNTERPART_PREPOSITIONS = frozenset({"against", "toward", "towards", "vis", "vis-a-vis",
                                      "vis-à-vis", "with"})  # fmt: skip


def _counterparts(trigger: Token) -> list[Token]:
    """Whom the measure that takes the step is aimed at ("measures vis-a-vis Russia: freeze
    of negotiations of A", "suspended A with Japan"), from the verbs above the trigger."""
    verb = trigger if trigger.pos_ in VERBAL_POS else next(
        (t for t in ancestors(trigger) if t.pos_ in VERBAL_POS
         and t.dep_ not in ("pcomp", "amod", "acl")), None)  # fmt: skip
    if verb is None:
        return []
    verbs = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    if verb.dep_ == "xcomp":
        verbs.append(verb.head)
    found = []
    for node in verbs:
        for child in node.children:
            obj = pobj_of(child) if child.dep_ == "prep" else None
            if obj is not None and child.lower_ in COUNTERPART_PREPOSITIONS:
                found.append(obj)
    return found


def _add_steps(ctx: SentenceContext, mention: AgreementMention, head: Token, kind: str,
               trigger: Token, actor_heads: list[Token]) -> None:  # fmt: skip
    heads = list(actor_heads)
    if kind == "signed":  # co-signers: "X signed a deal with Y"
        for child in trigger.children:
            obj = pobj_of(child) if child.dep_ == "prep" else None
            if obj is not None and child.lower_ in ("with", "between"):
                heads.append(obj)
    actors = tuple(ctx.parties(heads))
    presupposed = _presupposed(trigger)
    mode = "" if presupposed else mode_of(trigger)
    if not mode and any(c.dep_ == "amod" and c.lower_ in PROSPECTIVE for c in head.children):
        mode = "planned"  # "urged them to sign the proposed free trade agreement"
    attribution = frame_of(trigger).attribution_text if trigger.pos_ in VERBAL_POS else ""
    evidence = ctx.evidence(trigger, head, attribution=attribution)
    dates = [ctx.document_when()] if presupposed else ctx.dates_of(trigger, besides=head)
    for when in dates:
        planned = "planned" if ctx.after_document(when) else ""
        mention.steps.append(AgreementStep(kind, when, actors, evidence, mode or planned))
    if kind == "signed" and len(dates) > 1 and mention.plural:
        mention.split_dates = [w.date for w in dates]
    if not counts(mode):
        return  # "states that must ratify it", "urged X to sign": no parties by that
    for party in ctx.parties([*heads, *_counterparts(trigger)], state=True):
        if party not in mention.parties:
            mention.parties.append(party)
