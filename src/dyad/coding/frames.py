"""The frame around a predicate: negation, denial, hypothesis, mode and attribution."""

from __future__ import annotations

from dataclasses import dataclass

from dyad.coding.tokens import PlainToken

Token = PlainToken

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
DENIAL_VERBS = frozenset(
    {
        "deny",
        "refute",
        "dismiss",
        "rebut",
        "debunk",
        "disprove",
        "reject",
        "dispute",
        "contradict",
        "disavow",
        "retract",
    }
)
# A denial verb voids its clause only when what it denies is a claim, not an offer or a plan.
CLAIM_NOUNS = frozenset(
    {
        "report",
        "claim",
        "allegation",
        "rumor",
        "rumour",
        "suggestion",
        "speculation",
        "account",
        "story",
        "assertion",
        "accusation",
    }
)
# Claims that accuse: what they say someone did is alleged, not reported as done.
ALLEGATION_NOUNS = frozenset({"allegation", "accusation", "charge", "rumor", "rumour",
                              "suspicion"})
HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "may", "should", "ought"})
# "The government must release them": what someone is told to do, not what was done.
DEMANDING_MODALS = frozenset({"must"})
# "said it would send troops", "announced that he will extend the curfew": an act announced
# for the future is an intention (CAMEO 03x, or a threat, 13x), not yet the act.
REPORTED_FUTURE_MODALS = frozenset({"would", "will", "shall", "'ll"})
INTENT_HEADS = frozenset(
    {
        "plan",
        "intend",
        "want",
        "seek",
        "aim",
        "vow",
        "swear",
        "pledge",
        "promise",
        "threaten",
        "hope",
        "prepare",
        "prepared",
        "expect",
        "offer",
        "propose",
        "wish",
        "willing",
        "ready",
        "willingness",
        "threat",
        "intention",
        "readiness",
        "plans",
        "bid",
        "attempt",
        "try",
        "consider",
        "mull",
        "weigh",
    }
)
# Intention heads that say the act was tried: an attack attempted is an attack in CAMEO.
ATTEMPT_HEADS = frozenset({"attempt", "try", "bid"})
# Words whose "to ...ing" complement is an undertaking, not a done act.
COMMITMENT_WORDS = frozenset({"committed", "commit", "commitment", "dedicated", "pledge",
                              "determined", "devoted"})
# Verbs whose complement is asked of someone, not done: "urged Germany to strengthen its
# forces", "called on Turkey to lift", "demanded that the government release".
DIRECTIVE_VERBS = frozenset(
    {
        "urge",
        "call",
        "demand",
        "ask",
        "appeal",
        "request",
        "press",
        "implore",
        "exhort",
        "encourage",
        "invite",
        "order",
        "instruct",
        "require",
        "insist",
        "propose",
        "recommend",
        "advise",
        "pressure",
        "push",
        "beg",
        "plead",
        "petition",
        "challenge",
    }
)
# Nouns whose complement is asked of someone: "rejected an invitation to attend a meeting".
DIRECTIVE_NOUNS = frozenset({"invitation", "request", "call", "appeal", "demand", "plea",
                             "ultimatum"})
# Control verbs whose complement did not happen: "refused to recognise", "failed to capture".
NEGATIVE_CONTROL = frozenset({"fail", "avoid", "forgo"})
# Control verbs whose complement was refused: not done, and the refusal is itself an act
# ("refused to cooperate with the court": a rejection, see `dyad.coding.events.refusal_code`).
REFUSAL_CONTROL = frozenset({"refuse", "decline"})
# The same as nouns: "Sudan's refusal to allow ...", "Liberia's failure to expel ...".
REFUSAL_NOUNS = frozenset({"refusal"})
NEGATIVE_NOUNS = frozenset({"failure"})
CONDITION_MARKS = frozenset({"if", "unless", "provided", "providing"})
REPORTING_VERBS = frozenset(
    {
        "say",
        "tell",
        "state",
        "explain",
        "note",
        "emphasize",
        "emphasise",
        "clarify",
        "report",
        "claim",
        "add",
        "announce",
        "insist",
        "stress",
        "argue",
        "write",
        "quote",
        "declare",
        "assert",
        "warn",
        "allege",
        "confirm",
        "suggest",
        "believe",
        "think",
        "acknowledge",
        "admit",
        "indicate",
        "point",
        "maintain",
        "contend",
        "observe",
        "remark",
    }
)


@dataclass(frozen=True)
class Frame:
    """What the context does to a predicate's event."""

    blocked: str = ""  # why no event: "negated", "denied", "hypothetical", "demanded",
    # "refused"; "" when coded
    mode: str = ""  # "", "intend" or "conditional"
    intent: bool = False  # an intention frame ("willingness to resume"), conditional or not
    attempt: bool = False  # the intention is an attempt ("attempted to assassinate")
    attribution_head: Token | None = None  # subject head of the reporting verb, if any
    attribution_text: str = ""


# Verbs whose "of"/"for" complement is what someone is accused of, not an act reported.
ACCUSATION_VERBS = frozenset({"accuse", "charge", "suspect", "blame", "indict", "convict"})


def _alleged(verb: Token) -> bool:
    prep = verb.head
    return (verb.dep_ == "pcomp" and prep.lower_ in ("of", "for")
            and prep.head.lemma_.lower() in ACCUSATION_VERBS)


def is_negated(verb: Token) -> bool:
    """True when the predicate itself carries a negation ("did not withdraw", "no longer")."""
    for child in verb.children:
        if child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and child.lower_ in NEGATORS):
            return True
        if child.lower_ in ("longer", "more") and any(g.lower_ == "no" for g in child.children):
            return True
    return False


def _reported_future(verb: Token, *, announced: bool = False) -> bool:
    """ "said it would send", "announced that he will withdraw": a modal in reported speech
    states an intention, not a guess. With `announced` ("will"), only when the reporting verb
    comes first: in "Arnor will contribute ..., an official said" the act is the news."""
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    reporter = node.head
    return (node.dep_ == "ccomp" and reporter.lemma_.lower() in REPORTING_VERBS
            and (not announced or reporter.i < node.i))


def frame_of(verb: Token, *, negation_consumed: bool = False) -> Frame:
    """Inspect the predicate and the clauses above it."""
    if is_negated(verb) and not negation_consumed:
        # "Japan does not recognize its outcome", "Syria will not accept more refugees": a
        # stance, a refusal; "did not attend" is only an act not done
        return Frame(blocked="refused" if _stance(verb) else "negated")
    if _is_condition_connector(verb):
        return Frame(blocked="hypothetical")  # "provided that ...": a connective, not an act
    if _alleged(verb):
        return Frame(blocked="alleged")  # "accused the United States of interfering"
    modal = _modal(verb)
    if modal in DEMANDING_MODALS or _has_to(verb):
        return Frame(blocked="demanded")  # "Iraq must cooperate fully": asked, not done
    reported_intent = modal in REPORTED_FUTURE_MODALS and _reported_future(
        verb, announced=modal != "would")
    if modal in HYPOTHETICAL_MODALS and not _conditional(verb) and not reported_intent:
        return Frame(blocked="hypothetical")
    conditional = _conditional(verb)
    intent = reported_intent
    attempt = False
    node = verb
    attribution: Token | None = None
    attribution_text = ""
    while node.head.i != node.i:
        dep = node.dep_
        parent = node.head
        lemma = parent.lemma_.lower()
        if dep == "xcomp" and (lemma in NEGATIVE_CONTROL or _yet_to(parent)):
            return Frame(blocked="negated")
        if dep == "acl" and lemma in DIRECTIVE_NOUNS:
            return Frame(blocked="demanded")  # "an invitation to attend", "a call to end"
        if dep == "acl" and lemma in NEGATIVE_NOUNS:
            return Frame(blocked="negated")  # "Liberia's failure to expel the rebels"
        if (dep == "xcomp" and lemma in REFUSAL_CONTROL) or (
                dep == "acl" and lemma in REFUSAL_NOUNS):
            return Frame(blocked="refused")  # "Sudan's refusal to allow U.N. forces in"
        if parent.pos_ in ("VERB", "AUX") and dep in (
            "ccomp",
            "xcomp",
            "advcl",
            "conj",
            "acl",
            "pcomp",
            "parataxis",
            "dobj",
            "prep",
        ):
            if (dep != "conj" or _alternative(node)) and is_negated(parent):
                return Frame(blocked="negated")  # "will not recall ... or suspend ..." too
            if lemma in DENIAL_VERBS and dep in ("ccomp", "xcomp"):
                return Frame(blocked="denied")
            if lemma in DIRECTIVE_VERBS and dep in ("ccomp", "xcomp"):
                return Frame(blocked="demanded")
            if dep in ("ccomp", "parataxis") and lemma in REPORTING_VERBS and attribution is None:
                attribution = _subject(parent)
                attribution_text = _phrase_text(attribution) if attribution is not None else ""
        if dep == "acl" and parent.lemma_.lower() in CLAIM_NOUNS:
            grand = parent.head
            if grand.lemma_.lower() in DENIAL_VERBS or is_negated(grand):
                return Frame(blocked="denied")
            if parent.lemma_.lower() in ALLEGATION_NOUNS:
                # "following accusations that Sudan bombed four Chadian towns": the
                # accusation is the news, what it says is not established
                return Frame(blocked="alleged")
        if dep in ("xcomp", "acl") and lemma in INTENT_HEADS:
            attempt = lemma in ATTEMPT_HEADS and not intent
            intent = True
        if dep == "pcomp" and parent.lower_ == "to" and parent.head.lemma_.lower() in (
                COMMITMENT_WORDS):
            intent = True  # "is committed to assisting Indonesia", "commitment to helping"
        if dep == "conj":
            node = _first_complement(node) or parent
            continue
        if dep == "advcl" and any(c.lower_ in CONDITION_MARKS for c in node.children):
            return Frame(blocked="hypothetical")  # the predicate is itself the condition
        if _is_condition_connector(parent):
            return Frame(blocked="hypothetical")
        node = parent
    mode = "conditional" if conditional else "intend" if intent else ""
    return Frame(
        mode=mode, intent=intent, attempt=attempt, attribution_head=attribution,
        attribution_text=attribution_text,
    )


def _alternative(conjunct: Token) -> bool:
    """True for a conjunct joined by "or" / "nor", which a negation before it distributes
    over ("did not recall its ambassador or suspend the talks"); "and" / "but" may not
    ("did not attend but sent a deputy")."""
    return any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in conjunct.head.children)


def _first_complement(clause: Token) -> Token | None:
    """For a second "that" clause ("said that he cannot understand why ..., and that Japan
    protests"), the first one: both are complements of the same verb, so what negates or
    frames the clauses inside the first does not reach the second. None for other conjuncts.
    """
    if not any(c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in clause.children):
        return None
    node = clause.head
    for _ in range(len(clause.doc)):  # up the tree: at most as many steps as tokens
        if node.head.i == node.i:
            return None
        if node.dep_ == "ccomp" and any(c.dep_ == "mark" for c in node.children):
            return node
        node = node.head
    return None


def according_to(verb: Token) -> str:
    """Text of an "according to X" phrase in the predicate's sentence, if any."""
    sent = verb.sent
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and token.nbor().lower_ == "to":
            obj = next((c for c in token.nbor().children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _phrase_text(obj)
    return ""


def _stance(verb: Token) -> bool:
    """A negated present or future act of the subject's own will: "does not recognize",
    "will not accept ... if war starts", "won't allow" (not "did not", "has not", "would
    not", not in a condition)."""
    if verb.tag_ not in ("VB", "VBP", "VBZ") or verb.dep_ == "advcl":
        return False
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(auxiliaries) and auxiliaries <= {"do", "does", "will", "wo", "shall"}


def _has_to(verb: Token) -> bool:
    """ "Iran has to stop enrichment", "the parties need to agree": an obligation."""
    return bool(verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("have", "need")
                and verb.head.tag_ in ("VBZ", "VBP", "VB") and not _yet_to(verb.head))


def obligation(clause: Token) -> str:
    """ "must" or "should" when the clause states what its subject is to do ("the
    government must release them", "Iran has to stop"), else ""."""
    modal = _modal(clause)
    has_to = clause.lemma_.lower() in ("have", "need") and not _yet_to(clause) and any(
        c.dep_ == "xcomp" for c in clause.children)
    if modal in DEMANDING_MODALS or _has_to(clause) or has_to:
        return "must"
    if modal in ("should", "ought"):
        return "should"
    return ""


def _yet_to(verb: Token) -> bool:
    """ "has yet to launch", "is yet to respond": not done (so far)."""
    return bool(verb.lemma_.lower() in ("have", "be")
                and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in verb.children))


def _modal(verb: Token) -> str:
    """The modal of the verb, or of the verbs it is coordinated with or controlled by."""
    node = verb
    for _ in range(len(verb.doc)):  # up the tree: at most as many steps as tokens
        for child in node.children:
            if child.dep_ == "aux" and child.tag_ == "MD":
                return str(child.lower_)
        if node.dep_ not in ("conj", "xcomp") or node.head.pos_ not in ("VERB", "AUX"):
            break
        node = node.head
    return ""


def _is_condition_connector(token: Token) -> bool:
    return bool(token.dep_ == "advcl" and token.lower_ in ("provided", "providing"))


def _conditional(verb: Token) -> bool:
    for child in verb.children:
        if _is_condition_connector(child):
            return True
        if child.dep_ == "advcl" and any(
            c.lower_ in CONDITION_MARKS and c.dep_ == "mark" for c in child.children
        ):
            return True
    return False


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def _phrase_text(head: Token) -> str:
    tokens = [t for t in head.subtree if t.dep_ not in ("relcl", "acl", "appos") or t.i == head.i]
    left = min(t.i for t in tokens)
    right = max(t.i for t in tokens)
    return str(head.doc[left : right + 1].text)
