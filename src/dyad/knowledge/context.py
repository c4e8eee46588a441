"""One parsed sentence as the knowledge extractors see it: actors, evidence, dates and modes.

The extractors share the event coder's parse, actor mentions and participant resolution; this
module adds what they need beyond it: evidence records, every date a clause states ("signed in
2000 and 2003"), and the mode of a fact (negated, denied, hedged, intended...).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dyad.coding.actors import Actor, Mention
from dyad.coding.dates import find_date_expressions, resolve_date
from dyad.coding.frames import frame_of, is_negated
from dyad.coding.participants import PERSONAL_PRONOUNS, ParticipantResolver
from dyad.coding.syntax import (
    VERBAL_POS,
    clause_tokens,
    np_tokens,
    predicate_roles,
)
from dyad.coding.tokens import memo_of
from dyad.knowledge.model import Evidence, Party, When
from dyad.knowledge.vocabulary import NON_STATES, STATE_ROLES, acronym_text, singular
from dyad.nlp import ParsedParagraph
from dyad.record import Document

Token = Any

HEDGE_ADVERBS = frozenset({
    "reportedly", "allegedly", "apparently", "possibly", "purportedly", "supposedly",
    "likely", "probably", "perhaps", "maybe", "seemingly", "presumably", "unconfirmed",
})  # fmt: skip
# "is said to have closed", "is reported to be considering"
HEDGE_PASSIVES = frozenset({"say", "report", "believe", "think", "rumor", "rumour", "allege",
                            "understand", "suspect", "expect"})  # fmt: skip
FUTURE_AUX = frozenset({"will", "shall", "'ll", "must", "wo"})
IMPLICATIVE = frozenset({"manage", "continue", "begin", "start", "proceed", "move",
                         "go", "rush", "hasten", "choose", "vote", "decide"})  # fmt: skip
#: Nouns of an act taken, whose infinitive happened ("Moscow's decision to terminate A").
DECISION_NOUNS = frozenset({"decision", "move"})
PROSPECT_NOUNS = frozenset({"proposal", "plan", "call", "bid", "idea", "prospect", "possibility",
                            "hope", "offer", "draft", "appeal", "demand"})  # fmt: skip
PLANNING_HEADS = frozenset({"set", "due", "scheduled", "poised", "going", "slated"})

_PUNCT_EDGES = " \t\n,;:.\"'()[]-"


# --- bounded walks -------------------------------------------------------------------------------
# Every walk over the parse in this package goes through these (or a loop with an explicit
# step count): each visits a token at most once, so it ends whatever the parse (a cycle of
# heads, a 2,000-token chain of "of the office of…") and uses no Python stack.


def ancestors(token: Token) -> Iterator[Token]:
    """The heads above `token`, nearest first, up to the root (each token at most once)."""
    seen = {token.i}
    node = token.head
    while node.i not in seen:
        seen.add(node.i)
        yield node
        node = node.head


def descendants(token: Token, *, skip: frozenset[str] = frozenset()) -> list[Token]:
    """`token` and the tokens below it, in sentence order, without the children whose
    dependency is in `skip` (nor their own descendants); iterative, each token once."""
    found = {token.i: token}
    stack = [token]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.i not in found and child.dep_ not in skip:
                found[child.i] = child
                stack.append(child)
    return [found[i] for i in sorted(found)]


def subtree_indices(token: Token) -> frozenset[int]:
    """Positions of the subtree of `token` (computed once per token)."""
    memo = memo_of(token)
    indices: frozenset[int] | None = memo.get("knowledge_subtree")
    if indices is None:
        indices = memo["knowledge_subtree"] = frozenset(t.i for t in descendants(token))
    return indices


def conjuncts(token: Token) -> list[Token]:
    """The tokens coordinated with `token`, without itself, in sentence order (spaCy's
    `Token.conjuncts`: along the `conj` arcs from the first conjunct), each once."""
    start = token
    for head in ancestors(token):
        if start.dep_ != "conj":
            break
        start = head
    found = {start.i: start}
    queue = [start]
    while queue:
        word = queue.pop()
        for child in word.children:
            if child.i > word.i and child.dep_ == "conj" and child.i not in found:
                found[child.i] = child
                queue.append(child)
    return [found[i] for i in sorted(found) if i != token.i]


def tokens_text(tokens: list[Token]) -> str:
    """The words of tokens in order, spaced as in the sentence, trimmed of edge punctuation."""
    ordered = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    parts = []
    for n, token in enumerate(ordered):
        parts.append(str(token.text))
        if n + 1 < len(ordered):
            adjacent = ordered[n + 1].i == token.i + 1
            parts.append(str(token.whitespace_) if adjacent else " ")
    return "".join(parts).strip().strip(_PUNCT_EDGES)


def phrase_text(head: Token, *, drop_det: bool = True) -> str:
    """The noun phrase headed by `head`, with its prepositional phrases, without clauses,
    coordinated members, or a leading determiner."""
    keep = {head.i: head}
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.i in keep or child.dep_ in _NOT_IN_PHRASE:
                continue
            if drop_det and child.dep_ == "det" and token.i == head.i:
                continue
            keep[child.i] = child
            stack.append(child)
    return tokens_text(list(keep.values()))


_NOT_IN_PHRASE = frozenset({"conj", "cc", "relcl", "acl", "appos", "advcl", "punct"})


def parenthesised_acronym(head: Token) -> str:
    """The acronym in brackets right after the phrase `head` heads ("the United Nations
    Mission in Haiti (MINUSTAH)"), wherever the parser attached it; "" if none."""
    tokens = descendants(head, skip=frozenset({"appos", "punct", "relcl", "acl", "conj", "cc"}))
    end = tokens[-1].i
    doc = head.doc
    if end + 3 >= len(doc) or doc[end + 1].text != "(" or doc[end + 3].text != ")":
        return ""
    return acronym_text(str(doc[end + 2].text))


def np_text(head: Token) -> str:
    """The noun phrase headed by `head` without prepositional phrases or determiners."""
    return tokens_text([t for t in np_tokens(head) if t.dep_ not in ("det", "punct")])


def country_party(actor: Actor) -> Party:
    """A state actor as its country ("RUSGOV" → "RUS"); other actors keep their code."""
    code = actor.code
    base, roles = code[:3], {code[i : i + 3] for i in range(3, len(code), 3)}
    if len(code) >= 3 and base.isalpha() and base not in NON_STATES and roles <= STATE_ROLES:
        return Party(base, actor.text)
    return Party(code, actor.text)


@dataclass(frozen=True)
class DateFound:
    """A date stated in a clause, with its token span in the paragraph doc."""

    when: When
    start: int
    end: int
    root: int


@dataclass
class SentenceContext:
    """One sentence of a document with its actors and the helpers extractors share."""

    document: Document
    paragraph: ParsedParagraph
    sent: Any
    sentence_id: int
    mentions: dict[int, Mention]
    participants: ParticipantResolver
    # short names of the document's agreements so far ("NPT" → "treaty"), shared by its
    # sentences
    acronyms: dict[str, str] = field(default_factory=dict)
    institution_acronyms: dict[str, str] = field(default_factory=dict)  # "MINUSMA" → "mission"
    _dates: list[DateFound] | None = field(default=None, init=False)

    @property
    def day(self) -> date | None:
        return self.document.date

    @property
    def span(self) -> tuple[int, int]:
        return self.paragraph.token_span(self.sent.start, self.sent.end)

    @property
    def text(self) -> str:
        start, end = self.span
        return self.document.text[start:end]

    def evidence(self, *tokens: Token, attribution: str = "") -> Evidence:
        """Evidence for a fact stated by these tokens (the span covers them all)."""
        indices = [t.i for t in tokens if t is not None] or [self.sent.start]
        span = self.paragraph.token_span(min(indices), max(indices) + 1)
        return Evidence(self.document.id, self.sentence_id, self.text, span, attribution)

    def original(self, tokens: list[Token]) -> str:
        """The document's own words for a contiguous run of tokens (curly quotes kept)."""
        if not tokens:
            return ""
        start, end = self.paragraph.token_span(min(t.i for t in tokens),
                                               max(t.i for t in tokens) + 1)  # fmt: skip
        return self.document.text[start:end].strip(_PUNCT_EDGES)

    def actors(self, head: Token | None) -> list[Actor]:
        """Actors named by the noun phrase headed by `head` (coordination expanded)."""
        if head is None:
            return []
        return [a for a in self.participants.actors(head) if a.code or a.text]

    def party(self, head: Token, *, state: bool = False) -> Party:
        """The party a phrase names: its actor (as a country when `state`), else its words."""
        found = self.actors(head)
        if found:
            return country_party(found[0]) if state else Party(found[0].code, found[0].text)
        if head.lower_ in PERSONAL_PRONOUNS:  # "He denied…": the person named before
            return Party("", self.participants.memory.pronoun_text(str(head.lower_)) or head.text)
        return Party("", np_text(head) or str(head.text))

    def parties(self, heads: list[Token], *, state: bool = False) -> list[Party]:
        result: list[Party] = []
        for head in heads:
            for actor in self.actors(head):
                party = country_party(actor) if state else Party(actor.code, actor.text)
                if party not in result:
                    result.append(party)
        return result

    # --- dates ----------------------------------------------------------------------------

    def all_dates(self) -> list[DateFound]:
        """Every date expression of the sentence (NER dates and the coder's date patterns)."""
        if self._dates is not None:
            return self._dates
        spans = [e for e in self.sent.ents if e.label_ == "DATE"]
        for start, end in find_date_expressions(self.sent.text):
            span = self.sent.char_span(start, end, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        candidates = []
        for span in spans:
            resolved = resolve_date(span.text, self.day) if self.day else None
            if resolved is not None:
                when = When(resolved.date.isoformat(), str(span.text), resolved.precision,
                            "stated")  # fmt: skip
                candidates.append(DateFound(when, span.start, span.end, span.root.i))
        self._dates = disjoint_dates(candidates)
        return self._dates

    def document_when(self) -> When:
        """The document date, standing in for an unstated one."""
        return When(self.day.isoformat(), "", "", "document") if self.day else When()

    def after_document(self, when: When) -> bool:
        """Whether a date the text states is after the document's: a step told for it is a
        plan ("will enter into force on 15 January", "the mandate expires in September")."""
        return (self.day is not None and when.source == "stated"
                and when.date > self.day.isoformat())  # fmt: skip

    def dates_of(self, trigger: Token, *, besides: Token | None = None) -> list[When]:
        """Dates the trigger's clause states: several when they are listed ("in 2000 and
        2003"), else the first, else those of the clauses it hangs from, else the document's.
        Dates inside the noun phrase `besides` ("the 2018 pact") name it, not the event."""
        skip = {t.i for t in np_tokens(besides)} if besides is not None else set()
        node: Token | None = trigger
        for _ in range(4):
            if node is None:
                break
            own = _own_tokens(node) - skip
            found = [d for d in self.all_dates() if d.root in own]
            if found:
                listed = [found[0]] + [d for d in found[1:] if _listed(found[0], d, node.doc)]
                return [d.when for d in listed]
            node = _outer(node)
        return [self.document_when()]


def disjoint_dates(candidates: list[DateFound]) -> list[DateFound]:
    """Dates found twice or overlapping ("Tuesday" by the tagger, "Tuesday night" by the
    patterns) as one: the longest of overlapping spans (the first found on a tie), in
    sentence order."""
    kept: list[DateFound] = []
    order = sorted(range(len(candidates)),
                   key=lambda n: (candidates[n].start - candidates[n].end, n))  # fmt: skip
    for n in order:
        date_ = candidates[n]
        if all(date_.end <= k.start or k.end <= date_.start for k in kept):
            kept.append(date_)
    return sorted(kept, key=lambda d: d.start)


def _own_tokens(node: Token) -> set[int]:
    if node.pos_ in VERBAL_POS:
        return {t.i for t in clause_tokens(node)}
    return set(subtree_indices(node))


def _outer(node: Token) -> Token | None:
    """The clause a trigger hangs from, for its date (not across reporting verbs)."""
    if node.dep_ in ("ccomp", "ROOT", "parataxis") or node.head.i == node.i:
        return None
    if node.pos_ not in VERBAL_POS or node.dep_ in ("acl", "relcl", "conj", "xcomp", "advcl",
                                                    "pcomp", "prep"):  # fmt: skip
        outer = verb_above(node)
        if outer is not None and node.dep_ != "ccomp":
            return outer
    return None


def _listed(first: DateFound, other: DateFound, doc: Any) -> bool:
    """True when two dates are members of one list ("2000 and 2003", "2000, 2003")."""
    if other.start < first.end:  # overlapping spans are one date, not a list
        return False
    a, b = doc[first.root], doc[other.root]
    if b.i in {c.i for c in conjuncts(a)} or a.i in {c.i for c in conjuncts(b)}:
        return True
    between = doc[first.end : other.start]
    return len(between) <= 2 and all(t.lower_ in (",", "and", "or") for t in between)


# --- modes ------------------------------------------------------------------------------------


def mode_of(trigger: Token) -> str:
    """How the sentence holds the fact a trigger states ("" when it asserts it)."""
    if trigger.pos_ not in VERBAL_POS:
        return noun_mode(trigger)
    return verb_mode(trigger)


def verb_mode(trigger: Token) -> str:
    """How the sentence holds the fact a verbal trigger states ("" when it asserts it)."""
    frame = frame_of(trigger)
    if frame.blocked:
        return frame.blocked
    if hedged(trigger):
        return "hedged"
    if frame.mode:
        return frame.mode
    if only_claimed(trigger):
        return "hedged"
    if denied_by_subject(trigger):
        return "negated"
    if planned(trigger):
        return "planned"
    if prospective(trigger):
        return "hypothetical"
    return ""


CLAIMING_VERBS = frozenset({"claim", "allege", "rumor", "rumour", "speculate", "accuse"})


def only_claimed(verb: Token) -> bool:
    """A fact stated inside someone's claim ("Kyodo claimed that Tokyo had suspended A"):
    the claim is evidence, not the fact (what is said, reported or confirmed counts)."""
    node = verb
    for head in ancestors(verb):
        if node.dep_ not in ("ccomp", "conj", "xcomp", "pcomp", "prep"):
            return False
        if (head.pos_ in VERBAL_POS and str(head.lemma_).lower() in CLAIMING_VERBS
                and node.dep_ != "conj"):  # "X accused Y … and Y countered": not inside
            return True
        node = head
    return False


def denied_by_subject(verb: Token) -> bool:
    """ "No state has ever withdrawn", "Neither side signed": the subject says none did."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ == "never":
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and any(
                d.dep_ == "det" and d.lower_ in ("no", "neither") for d in child.children):
            return True
    return False


def prospective(verb: Token) -> bool:
    """An infinitive that only names a prospect ("possible for A to enter into force",
    "urged them to reach an agreement"), unless what governs it says it happened ("managed
    to sign", "continued to implement")."""
    if under_prospect(verb):
        return True
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return False
    head = str(verb.head.lemma_).lower()
    return (head not in IMPLICATIVE and singular(head) not in DECISION_NOUNS) or (
        verb.head.i == verb.i)


def under_prospect(token: Token) -> bool:
    """True when a step hangs from a noun that only proposes it ("rejected a proposal for
    signing A", "the plan to close the office"), through prepositions and gerunds."""
    node = token
    for head in ancestors(token):
        if node.dep_ not in ("pobj", "pcomp", "prep", "acl", "xcomp") or head.pos_ in ("AUX",):
            return False
        if head.pos_ == "NOUN" and singular(str(head.text)) in PROSPECT_NOUNS:
            return True
        if head.pos_ in VERBAL_POS and node.dep_ not in ("pcomp", "prep"):
            return False
        node = head
    return False


def noun_mode(noun: Token) -> str:
    """Mode of an event noun ("the closure of…"): its own "no", else that of the verb whose
    object it is; a subject ("Russia's termination doesn't signal…") is presupposed."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return "negated"
    node = noun
    for head in ancestors(noun):  # up through "of the X of the Y", each head once
        if node.dep_ not in ("pobj", "prep", "conj") or head.pos_ in VERBAL_POS:
            break
        if head.pos_ == "NOUN" and singular(str(head.text)) in PROSPECT_NOUNS:
            return "hypothetical"  # "a proposal for signing A"
        node = head
    if node.dep_ == "pobj" or node.dep_ in ("dobj", "attr", "oprd", "nsubjpass", "prep"):
        verb = node.head if node.head.pos_ in VERBAL_POS else verb_above(node)
        if verb is None:
            return ""
        if str(verb.lemma_).lower() in _DENIALS:
            return "negated" if is_negated(verb) else "denied"
        return verb_mode(verb)
    return ""


def verb_above(token: Token) -> Token | None:
    """The nearest verb above `token` (`syntax.governing_verb`, each head at most once)."""
    return next((t for t in ancestors(token) if t.pos_ in VERBAL_POS), None)


_DENIALS = frozenset({"deny", "refute", "dismiss", "rebut", "debunk", "disprove", "reject"})


def hedged(verb: Token) -> bool:
    """A hedge on the predicate or on the verbs it depends on ("is reportedly considering
    closing", "is said to have closed")."""
    node = verb
    for _ in range(4):
        for child in node.children:
            if child.dep_ == "advmod" and child.lower_ in HEDGE_ADVERBS:
                return True
        if (
            node.dep_ == "xcomp"
            and str(node.head.lemma_).lower() in HEDGE_PASSIVES
            and any(c.dep_ == "auxpass" for c in node.head.children)
        ):
            return True
        if node.dep_ not in ("xcomp", "conj", "advcl", "acl", "pcomp", "prep") or (
            node.head.i == node.i
        ):
            return False
        node = node.head
    return False


def planned(verb: Token) -> bool:
    """A future, scheduled or ordered action ("will close", "is set to reopen", "must close")."""
    node = verb
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in node.children):
            return True
        if node.dep_ == "xcomp" and (
            node.head.lower_ in PLANNING_HEADS or str(node.head.lemma_).lower() == "go"
        ):
            return True
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def agents_of(verb: Token) -> list[Token]:
    """Heads of a passive verb's "by" phrases, without dates ("extended by two months")."""
    return [p for a in verb.children if a.dep_ == "agent" for p in a.children
            if p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME")]  # fmt: skip


#: Passive verbs whose subject is the speaker of the participle they govern ("the minister
#: was quoted as saying that P").
QUOTING_VERBS = frozenset({"quote", "report", "cite", "understand"})
#: How many clauses up a participle's subject is looked for.
PARTICIPLE_CLIMB = 3


#: Dashes that end a dateline ("HAVANA, July 20 (AP) - Cuba reopened …").
DASHES = frozenset({"-", "–", "—", "--"})


def _dateline_subject(subject: Token, subjects: list[Token]) -> bool:
    """A subject the parser took from a dateline: another subject of the same verb follows
    it after a dash ("HAVANA, July 20 (AP) - Cuba reopened"; not "Russia - which annexed
    Crimea - said")."""
    later = [s.i for s in subjects if s.i > subject.i]
    return bool(later) and any(str(subject.doc[i].text) in DASHES
                               for i in range(subject.i + 1, min(later)))


def subjects_of(verb: Token) -> list[Token]:
    """Subject heads of a verb (its agents when passive), borrowing from the clause above
    when it has none; a participle hanging from a clause with no subject of its own takes
    the subject of the clause above that ("the ministry said there is no such fact,
    dismissing a report": the ministry dismisses it), and one governed by a passive quoting
    verb its subject ("the minister was quoted as saying that P": the minister says it)."""
    node: Token | None = verb
    found: list[Token] = []
    for _ in range(PARTICIPLE_CLIMB):
        if node is None:
            break
        roles = predicate_roles(node)
        found = [t for t in (agents_of(node) if roles.passive else roles.subjects)
                 if t.dep_ != "expl"]
        found = [t for t in found if not _dateline_subject(t, found)]
        if node is not verb and roles.passive and str(node.lemma_).lower() in QUOTING_VERBS:
            found = [c for c in node.children if c.dep_ == "nsubjpass"]  # "X was quoted as"
        if found or not (verb.dep_ in ("advcl", "pcomp") and verb.tag_ == "VBG"):
            break
        node = verb_above(node)
    return found


def doers(verb: Token, word: Token) -> list[Token]:
    """Who does what a verb says of a word: the verb's agents when the word is its passive
    subject ("was closed by Russia"), else its subjects ("Russia closed it")."""
    return agents_of(verb) if word.dep_ == "nsubjpass" else subjects_of(verb)


def named_subject(ctx: SentenceContext, verb: Token) -> Party | None:
    """Who a verb's subject is, looking through pronouns to the subject of the clause above
    ("the company denied that it was closing its factory" → the company)."""
    node: Token | None = verb
    fallback: Party | None = None
    for _ in range(4):
        if node is None:
            break
        for head in subjects_of(node):
            actors = [a for a in ctx.actors(head) if a.code]
            if head.pos_ != "PRON":
                return Party(actors[0].code, actors[0].text) if actors else ctx.party(head)
            if actors and fallback is None:  # a pronoun the coder resolved: keep its code
                fallback = Party(actors[0].code, ctx.party(head).text)
        node = verb_above(node)
    return fallback
