"""Institution mentions in one sentence, with the facts stated about them and their status.

Shapes (I is the institution noun, or a pronoun that stands for one):
  locations   "I in Moscow, St. Petersburg and…", "closed the consulate in Yekaterinburg"
  legal form  "these are Russian legal entities…", "I, a German cultural association, …"
  funders     "… funded/financed/sponsored by X", "X funds I"; operators "run/owned by X"
  activities  "I facilitate lectures and internships", "centers supporting reforms"
  status      "X closed/shut down/suspended/reopened I", "I reopened", "I remains open",
              "the closure of I", "ending I operations", "suspended operations at I"
Negated, denied and hedged status sentences are kept with their mode (see `lifecycle`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dyad.coding.frames import frame_of
from dyad.coding.participants import PERSONAL_PRONOUNS
from dyad.coding.places import NOT_COUNTRIES
from dyad.coding.syntax import VERBAL_POS, np_tokens, pobj_of
from dyad.geo.gazetteer import load_gazetteer
from dyad.geo.locate import locate_name
from dyad.geo.location import Location
from dyad.knowledge.context import (
    SentenceContext,
    agents_of,
    ancestors,
    conjuncts,
    descendants,
    doers,
    mode_of,
    named_subject,
    np_text,
    parenthesised_acronym,
    phrase_text,
    subjects_of,
    tokens_text,
    verb_above,
)
from dyad.knowledge.lifecycle import PRESUPPOSING_TRIGGERS
from dyad.knowledge.model import Evidence, InstitutionFact, Party, StatusFact
from dyad.knowledge.titles import title_tokens
from dyad.knowledge.vocabulary import (
    INSTITUTION_NOUNS,
    NAMED_INSTITUTION_NOUNS,
    acronym_text,
    singular,
)

Token = Any

# Nouns that only refer back to an institution named before ("these facilities").
GENERIC_NOUNS = frozenset({"facility", "premise", "premises", "site", "establishment",
                           "organization", "organisation", "venue"})  # fmt: skip
LEGAL_FORMS = frozenset({
    "entity", "company", "organization", "organisation", "association", "foundation", "ngo",
    "subsidiary", "enterprise", "venture", "institution", "body", "charity", "nonprofit",
    "corporation", "cooperative", "partnership", "branch", "agency", "fund", "trust", "firm",
})  # fmt: skip
FUNDING_VERBS = {"fund": "funder", "finance": "funder", "sponsor": "funder",
                 "bankroll": "funder", "subsidize": "funder", "subsidise": "funder",
                 "own": "operator", "run": "operator", "operate": "operator",
                 "manage": "operator", "administer": "operator"}  # fmt: skip
ACTIVITY_VERBS = frozenset({
    "facilitate", "provide", "offer", "host", "organize", "organise", "hold", "conduct",
    "teach", "support", "promote", "train", "arrange", "deliver", "produce",
    "manufacture", "issue", "process", "serve", "assist",
})  # fmt: skip
#: Verbs acting on an institution as object: the status they state.
STATUS_VERBS: dict[str, str] = {
    "close": "closed", "shut": "closed", "shutter": "closed", "liquidate": "closed",
    "dissolve": "closed", "ban": "closed", "disband": "closed", "abolish": "closed",
    "suspend": "suspended", "halt": "suspended", "freeze": "suspended", "pause": "suspended",
    "evacuate": "suspended", "reopen": "operating", "resume": "operating",
    "restore": "operating", "open": "operating", "establish": "operating",
    "launch": "operating", "inaugurate": "operating", "found": "operating",
    "destroy": "closed", "demolish": "closed", "raze": "closed", "form": "operating",
    "create": "operating", "deploy": "operating", "expel": "closed", "evict": "closed",
}  # fmt: skip
#: Verbs that order a status ("ordered the consulate closed", "forced the office to shut").
ORDERING_VERBS = frozenset({"order", "force", "compel", "instruct", "direct"})
#: Phrasal verbs: (verb, particle) → status ("set up", "blew up", "shut down").
PHRASAL_STATUS: dict[tuple[str, str], str] = {
    ("set", "up"): "operating", ("blow", "up"): "closed", ("wind", "down"): "closed",
    ("shut", "down"): "closed", ("close", "down"): "closed",
}  # fmt: skip
#: Verbs whose subject is the institution.
INTRANSITIVE_STATUS: dict[str, str] = {
    "close": "closed", "shut": "closed", "reopen": "operating", "open": "operating",
    "operate": "operating", "function": "operating", "resume": "operating",
    "begin": "operating", "start": "operating", "cease": "closed", "form": "operating",
}  # fmt: skip
#: Verbs whose present tense with the institution as subject says nothing of its work.
NOT_WORKING_VERBS = frozenset({"be", "have", "close", "shut", "cease", "end", "stop",
                               "suspend", "face", "lose", "fail", "lack", "need"})  # fmt: skip
#: Verbs acting on an institution's operations ("ending Japan Center operations").
OPERATION_VERBS: dict[str, str] = {
    "end": "closed", "cease": "closed", "stop": "closed", "terminate": "closed",
    "wind": "closed", "close": "closed", "suspend": "suspended", "halt": "suspended",
    "freeze": "suspended", "pause": "suspended", "resume": "operating",
    "continue": "operating", "restore": "operating", "begin": "operating", "start": "operating",
    "renew": "operating", "extend": "operating",
}  # fmt: skip
#: Verbs whose refusal ends the operations they would prolong ("decided not to renew the
#: mandate of the Commission": it closes when the mandate runs out).
PROLONGING_VERBS = frozenset({"renew", "extend", "prolong"})
#: Verbs of an institution at work ("continued to operate", "keeps functioning").
WORKING_VERBS = frozenset({"operate", "function", "work", "run", "serve"})
#: Auxiliaries of a verb told as yet to come ("would be shut", "is to close").
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "to", "going"})
#: People who work for an institution ("the Spokesman for UNICEF", "staff of the consulate").
STAFF_NOUNS = frozenset({"staff", "staffer", "spokesman", "spokeswoman", "spokesperson",
                         "diplomat", "employee", "official", "head", "director", "chief",
                         "representative", "personnel", "worker", "member", "envoy"})  # fmt: skip
#: Verbs of operations coming to their end by themselves ("the mission's mandate expired").
LAPSING_VERBS = frozenset({"expire", "lapse", "end"})
STATUS_ADJECTIVES: dict[str, str] = {
    "open": "operating", "operational": "operating", "functional": "operating",
    "operating": "operating", "active": "operating", "closed": "closed", "shut": "closed",
    "shuttered": "closed", "suspended": "suspended",
}  # fmt: skip
STATUS_NOUNS: dict[str, str] = {
    "closure": "closed", "closing": "closed", "shutdown": "closed", "liquidation": "closed",
    "dissolution": "closed", "suspension": "suspended", "reopening": "operating",
    "opening": "operating", "resumption": "operating",
}  # fmt: skip
ORPHAN_NOUNS = frozenset({"closure", "shutdown", "liquidation", "suspension"})
OPERATIONS = frozenset({"operation", "activity", "work", "mandate", "presence", "mission"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
ANAPHORIC_DETS = frozenset({"these", "this", "those", "that", "the", "such"})
PRONOUN_SUBJECTS = frozenset({"these", "those", "this", "it", "they"})


@dataclass
class InstitutionMention:
    """An institution named or referred to in one sentence, with what it says of it."""

    evidence: Evidence
    position: tuple[int, int]  # (sentence id, token index)
    kind: str  # "" for a pronoun or generic noun that refers back
    name: str  # proper name ("Japan Center"), "" when unnamed
    label: str  # its own words
    reference: str  # "named", "anaphoric", "pronoun", "indefinite" or "bare"
    owner: Party | None = None
    facts: list[InstitutionFact] = field(default_factory=list)
    status_facts: list[StatusFact] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # acronyms ("MINUSMA")


def institution_kind(token: Token) -> str:
    """The institution kind a noun names ("Centers" → "center", "the Contact Group" →
    "group"), "" if none."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return ""
    word = singular(str(token.text))
    if word in NAMED_INSTITUTION_NOUNS and token.pos_ == "PROPN" and str(token.text).istitle():
        return word
    return word if word in INSTITUTION_NOUNS else ""


def find_institutions(ctx: SentenceContext) -> list[InstitutionMention]:
    """Institution mentions of one sentence, with their facts and status sentences."""
    found: dict[int, InstitutionMention] = {}
    for token in ctx.sent:
        kind = institution_kind(token)
        short = "" if kind else ctx.institution_acronyms.get(str(token.text), "")
        if short and token.dep_ == "appos":
            continue  # "the … Mission in Mali (MINUSMA)": part of that mention
        generic = singular(str(token.text)) in GENERIC_NOUNS and _anaphoric(token)
        if token.dep_ == "compound" and not (kind and token.pos_ == "PROPN") and not short:
            continue
        if kind or generic:
            found[token.i] = mention = _mention(ctx, token, kind)
            for alias in mention.aliases:
                ctx.institution_acronyms.setdefault(alias, kind)
        elif short:  # "MINUSMA" after "the … Mission in Mali (MINUSMA)"
            found[token.i] = InstitutionMention(ctx.evidence(token), (ctx.sentence_id, token.i),
                                                short, str(token.text), str(token.text),
                                                "named")  # fmt: skip
        elif token.lower_ in PRONOUN_SUBJECTS and token.dep_ in ("nsubj", "nsubjpass"):
            mention = InstitutionMention(ctx.evidence(token), (ctx.sentence_id, token.i), "",
                                         "", str(token.text), "pronoun")  # fmt: skip
            _describe(ctx, mention, token)
            if token.dep_ == "nsubj" and token.head.pos_ in VERBAL_POS and not any(
                    c.dep_ == "dobj" for c in token.head.children):  # "since it began"
                status = INTRANSITIVE_STATUS.get(str(token.head.lemma_).lower(), "")
                if status:
                    _status_fact(ctx, mention, status, token.head, token, [])
            if mention.facts or mention.status_facts:
                found[token.i] = mention
    for head, mention in found.items():
        if mention.reference != "pronoun":
            _describe(ctx, mention, ctx.sent.doc[head])
            _status(ctx, mention, ctx.sent.doc[head])
            if not mention.status_facts:
                _staff_expelled(ctx, mention, ctx.sent.doc[head])
    _orphan_status_nouns(ctx, found)
    return [found[i] for i in sorted(found)]


def _anaphoric(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in token.children)


def _mention(ctx: SentenceContext, head: Token, kind: str) -> InstitutionMention:
    name = ""
    if head.pos_ == "PROPN" and str(head.text)[:1].isupper():
        word = str(head.text)
        name = " ".join(filter(None, [ctx.original(_name_run(head)),
                                      word[:1] + singular(word)[1:]]))
        title = title_tokens(head) if word.istitle() else set()
        if title:  # "the Office of the Special Envoy for Syria"
            name = f"{name} {ctx.original([head.doc[min(title)], head.doc[max(title)]])}"
    dets = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod")}
    reference = ("named" if name else "anaphoric" if dets & ANAPHORIC_DETS
                 else "indefinite" if dets - ANAPHORIC_DETS else "bare")  # fmt: skip
    mention = InstitutionMention(ctx.evidence(head), (ctx.sentence_id, head.i), kind, name,
                                 np_text(head), reference, _owner(ctx, head))  # fmt: skip
    if name:
        mention.aliases = _acronyms(head)
    return mention


#: Lower-case words inside a name before its head ("United Nations Children's Fund").
_NAME_JOINERS = frozenset({"'s", "’s", "of", "and", "for", "-"})


def _name_run(head: Token) -> list[Token]:
    """The capitalised words of the head's own phrase that run up to it ("Japan" in "the
    Japan Centers", "United Nations Children's" in "the United Nations Children's Fund")."""
    inside = {t.i for t in np_tokens(head)}
    run: list[Token] = []
    for i in range(head.i - 1, head.sent.start - 1, -1):
        token = head.doc[i]
        text = str(token.text)
        if (i not in inside or token.dep_ == "det"
                or not (text[:1].isupper() or token.lower_ in _NAME_JOINERS)):  # fmt: skip
            break
        run.insert(0, token)
    while run and not str(run[0].text)[:1].isupper():
        run.pop(0)
    return run


def _acronyms(head: Token) -> list[str]:
    """Acronyms in apposition to a name or to the last word of its phrase ("the United
    Nations Mission in Mali (MINUSMA)")."""
    holders = [head, *(t for c in head.children if c.dep_ == "prep" for t in descendants(c))]
    found = [acronym_text(str(c.text)) for h in holders for c in h.children if c.dep_ == "appos"]
    return list(dict.fromkeys(a for a in [*found, parenthesised_acronym(head)] if a))


def _owner(ctx: SentenceContext, head: Token) -> Party | None:
    """Whose institution it is: "Russia's consulate", "the U.S. consulate", "its office"."""
    for child in head.children:
        if child.dep_ != "poss":
            continue
        if child.lower_ in PERSONAL_PRONOUNS:
            verb = None
            if head.dep_ in ("dobj", "pobj"):  # the verb above, else the root
                verb = next((t for t in ancestors(head) if t.pos_ in VERBAL_POS
                             or t.head.i == t.i), None)  # fmt: skip
            subject = named_subject(ctx, verb) if verb is not None else None
            if subject is not None:
                return subject
        found = [a for a in ctx.actors(child) if a.code]
        if found:
            return Party(found[0].code, found[0].text)
    for token in np_tokens(head):
        mention = ctx.mentions.get(token.i)
        if token.i != head.i and mention is not None and mention.kind == "actor":
            return Party(mention.codes[0], str(ctx.sent.doc[mention.start : mention.end].text))
    return None


def _fact(ctx: SentenceContext, mention: InstitutionMention, kind: str, head: Token,
          trigger: Token, *, relation: str = "", value: str = "") -> None:  # fmt: skip
    code = ""
    if kind in ("funder", "operator", "location"):
        actors = ctx.actors(head)
        code = actors[0].code if actors else ""
    text = value or (np_text(head) if kind == "location" else phrase_text(head))
    place = _place_of(text, code) if kind == "location" and text else None
    fact = InstitutionFact(kind, text, ctx.evidence(trigger, head), code, relation, place)
    if text and fact not in mention.facts:
        mention.facts.append(fact)


def _place_of(written: str, code: str) -> Location | None:
    """Where a stated location is (`dyad.geo`): the place its name means, with the country
    its actor code gives as evidence ("St. Petersburg" of a Russian text is Russia's), else
    that country for a name the gazetteer lacks ("Sakhalin"); None when it stays ambiguous.
    Geography never fails an extraction."""
    country = code[:3] if len(code) >= 3 and code[:3].isalpha() and code[:3].isupper() \
        and code[:3] not in NOT_COUNTRIES else ""
    try:
        return locate_name(written, {country} - {""}, load_gazetteer(), country)
    except Exception:  # a gazetteer that cannot be read: no place
        return None


def _is_place(ctx: SentenceContext, token: Token) -> bool:
    mention = ctx.mentions.get(token.i)
    return (
        token.ent_type_ in PLACE_TYPES
        or (
            token.pos_ == "PROPN"
            and mention is not None
            and mention.kind == "actor"
            and token.ent_type_ not in ("DATE", "PERSON", "ORG")
        )
        or (token.pos_ == "PROPN" and token.ent_type_ == "PERSON" and mention is not None)
    )


#: Nouns that stand before the name of a place ("the western city of Smolensk").
PLACE_NOUNS = frozenset({"city", "town", "village", "port", "capital", "province", "region",
                         "district", "state", "island", "enclave"})  # fmt: skip


def _named_place(obj: Token) -> Token:
    """The place a phrase names: "Smolensk" in "the western city of Smolensk"."""
    if obj.pos_ == "NOUN" and singular(str(obj.lower_)) in PLACE_NOUNS:
        named = next((pobj_of(c) for c in obj.children if c.dep_ == "prep"
                      and c.lower_ == "of"), None)  # fmt: skip
        if named is not None:
            return named
    return obj


def _locations(ctx: SentenceContext, mention: InstitutionMention, holder: Token) -> None:
    for child in holder.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "at"):
            obj = pobj_of(child)
            obj = _named_place(obj) if obj is not None else None
            if obj is not None and _is_place(ctx, obj):
                for place in [obj, *conjuncts(obj)]:
                    if _is_place(ctx, place):
                        _fact(ctx, mention, "location", place, child)


def _describe(ctx: SentenceContext, mention: InstitutionMention, head: Token) -> None:
    """Locations, legal form, funders and activities stated of the institution."""
    if mention.reference != "pronoun" and head.dep_ != "compound":
        _locations(ctx, mention, head)
    for child in head.children:
        if child.dep_ == "appos":
            _legal_form(ctx, mention, child)
        elif child.dep_ == "acl":
            _participle(ctx, mention, child)
    verb = head.head
    lemma = str(verb.lemma_).lower()
    if head.dep_ == "nsubj" and lemma in ("be", "remain"):
        for attr in (c for c in verb.children if c.dep_ == "attr"):
            _legal_form(ctx, mention, attr)
    elif head.dep_ == "nsubj" and lemma in ACTIVITY_VERBS and verb.tag_ in ("VBZ", "VBP"):
        # what it does habitually ("facilitate lectures"), not one past act
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            for member in [obj, *conjuncts(obj)]:
                _fact(ctx, mention, "activity", member, verb, relation=lemma)
    elif head.dep_ == "nsubjpass" and lemma in FUNDING_VERBS:
        _participle(ctx, mention, verb)
    elif head.dep_ == "nsubjpass" and lemma in ("base", "locate", "headquarter"):
        _locations(ctx, mention, verb)
    elif head.dep_ == "dobj" and lemma in FUNDING_VERBS:
        for subject in subjects_of(verb):
            _fact(ctx, mention, FUNDING_VERBS[lemma], subject, verb, relation=lemma)


def _legal_form(ctx: SentenceContext, mention: InstitutionMention, noun: Token) -> None:
    if singular(str(noun.text)) not in LEGAL_FORMS:
        return
    _fact(ctx, mention, "legal_form", noun, noun, value=np_text(noun))
    for child in noun.children:
        if child.dep_ == "acl":
            _participle(ctx, mention, child)


def _participle(ctx: SentenceContext, mention: InstitutionMention, verb: Token) -> None:
    """ "… funded by X", "… run by X", "… supporting reforms in Russia"."""
    lemma = str(verb.lemma_).lower()
    if lemma in FUNDING_VERBS:
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for obj in (c for c in agent.children if c.dep_ == "pobj"):
                for member in [obj, *conjuncts(obj)]:
                    _fact(ctx, mention, FUNDING_VERBS[lemma], member, verb, relation=lemma)
    elif lemma in ACTIVITY_VERBS and verb.tag_ == "VBG":
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            _fact(ctx, mention, "activity", obj, verb, relation=lemma,
                  value=tokens_text(descendants(verb)))  # fmt: skip
    elif lemma in ("base", "locate", "headquarter"):
        _locations(ctx, mention, verb)


def _effective(head: Token) -> Token:
    """The token whose relation to a verb states the status: the first conjunct, or the
    operations noun ("Japan Center operations", "operations at the branch")."""
    node = head
    for parent in ancestors(head):  # the first conjunct
        if node.dep_ != "conj":
            break
        node = parent
    if node.dep_ in ("compound", "poss") and singular(str(node.head.text)) in OPERATIONS:
        return node.head  # "Japan Center operations", "MINUSMA's mandate"
    if node.dep_ == "pobj" and node.head.lower_ in ("of", "at", "in"):
        holder = node.head.head
        if holder.pos_ == "NOUN" and singular(str(holder.text)) in OPERATIONS:
            return holder
    return node


def _status(ctx: SentenceContext, mention: InstitutionMention, head: Token) -> None:
    nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    participles = [c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    if (nxt is not None and nxt.tag_ == "VBD" and nxt.dep_ in ("acl", "advcl")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in nxt.children)):  # fmt: skip
        participles.append(nxt)  # the tagger's past tense with no subject: a participle
    for child in participles:  # "the Taskforce formed in Munich", "the office, closed in…"
        word = str(child.lemma_).lower()
        if word in STATUS_VERBS:
            _status_fact(ctx, mention, STATUS_VERBS[word], child, head, agents_of(child))
    node = _effective(head)
    operations = node.i != head.i and singular(str(node.text)) in OPERATIONS
    parent = node.head
    lemma = str(parent.lemma_).lower()
    lexicon = OPERATION_VERBS if operations else STATUS_VERBS
    particle = next((str(c.lower_) for c in parent.children if c.dep_ == "prt"), "")
    status = PHRASAL_STATUS.get((lemma, particle), "") or lexicon.get(lemma, "")
    ordered = _ordered_status(parent) if node.dep_ == "dobj" else ""
    if ordered:  # "Russia ordered the U.S. consulate closed"
        _status_fact(ctx, mention, ordered, parent, head, subjects_of(parent))
    elif (operations and lemma in PROLONGING_VERBS and node.dep_ in ("dobj", "nsubjpass")
          and mode_of(parent) == "negated"):  # fmt: skip
        _status_fact(ctx, mention, "closed", parent, head, doers(parent, node), mode="")
    elif parent.pos_ in VERBAL_POS and node.dep_ in ("dobj", "nsubjpass") and status:
        order = _order_above(parent)
        if order is not None:  # "Russia ordered Poland to close its consulate": it closes
            _status_fact(ctx, mention, status, order, head, subjects_of(order))
        else:
            _status_fact(ctx, mention, status, parent, head, doers(parent, node))
        if node.dep_ == "dobj" and not operations and head.dep_ != "compound":
            _locations(ctx, mention, parent)
    elif node.dep_ == "nsubjpass" and mention.name and _working(parent):
        _status_fact(ctx, mention, "operating", parent, head, [])  # "is expected to decide"
    elif parent.pos_ in VERBAL_POS and node.dep_ == "nsubj":
        status = "" if any(c.dep_ == "dobj" for c in parent.children) else (
            INTRANSITIVE_STATUS.get(lemma, ""))  # fmt: skip
        if lemma in ("be", "remain", "stay", "reopen", "continue"):
            for comp in (c for c in parent.children if c.dep_ in ("acomp", "oprd")):
                status = STATUS_ADJECTIVES.get(str(comp.lower_), status)
        if lemma == "continue" and operations:
            status = "operating"
        if lemma in ("continue", "remain", "keep") and any(
                c.dep_ == "xcomp" and str(c.lemma_).lower() in WORKING_VERBS
                for c in parent.children):  # fmt: skip
            status = "operating"  # "the consulate continued to operate normally"
        if lemma in LAPSING_VERBS and operations:
            status = "closed"
        if not status and mention.name and _working(parent):
            status = "operating"  # "the Office … stands ready", "the Group meets today"
        if status:
            _status_fact(ctx, mention, status, parent, head, [])
    elif (
        node.dep_ == "pobj"
        and node.head.lower_ in ("of", "at", "in")
        and (node.head.head.pos_ == "NOUN")
    ):
        noun = node.head.head
        status = STATUS_NOUNS.get(singular(str(noun.text)), "") if noun.pos_ == "NOUN" else ""
        if status:
            owners = [c for c in noun.children if c.dep_ == "poss"]
            _status_fact(ctx, mention, status, noun, head, owners)
            _locations(ctx, mention, noun)  # "the closure of the consulate in St. Petersburg"
    elif node.dep_ == "pobj" and node.head.head.pos_ in VERBAL_POS:  # operations at I
        verb = node.head.head
        objects = [c for c in verb.children if c.dep_ == "dobj"
                   and singular(str(c.text)) in OPERATIONS]  # fmt: skip
        verb_lemma = str(verb.lemma_).lower()
        if objects and verb_lemma in OPERATION_VERBS:
            _status_fact(ctx, mention, OPERATION_VERBS[verb_lemma], verb, head, subjects_of(verb))


def _staff_expelled(ctx: SentenceContext, mention: InstitutionMention, head: Token) -> None:
    """ "expelled James Elder, Spokesman for UNICEF in Sri Lanka", "deported two staff of
    the consulate": the institution works there (its people are sent away, not it closed;
    a closure said of it wins: `lifecycle.PRESUPPOSING_TRIGGERS`)."""
    if head.dep_ != "pobj" or head.head.lower_ not in ("for", "of", "at", "from"):
        return
    holder = head.head.head
    if holder.pos_ not in ("NOUN", "PROPN") or singular(str(holder.lower_)) not in STAFF_NOUNS:
        return
    person = holder.head if holder.dep_ == "appos" else holder  # "James Elder, Spokesman …"
    verb = person.head
    if (person.dep_ in ("dobj", "nsubjpass") and verb.pos_ in VERBAL_POS
            and str(verb.lemma_).lower() in PRESUPPOSING_TRIGGERS):  # fmt: skip
        _status_fact(ctx, mention, "operating", verb, head, doers(verb, person))
        _locations(ctx, mention, verb)  # "expelled two diplomats of the consulate in Pskov"


def _told_as_past(verb: Token) -> bool:
    """A verb that says its step happened ("closed", "reopened", "has been shut"), so that a
    date after the document's is a slip, not a plan; not "would be shut"."""
    auxiliaries = {str(c.lower_) for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ in ("VBD", "VBN") and not auxiliaries & FUTURE_AUX


def _working(verb: Token) -> bool:
    """A present-tense verb of which an institution is the subject, saying it acts at the
    document's date ("stands ready", "is expected to decide"), neither negated nor planned."""
    if verb.pos_ not in VERBAL_POS or str(verb.lemma_).lower() in NOT_WORKING_VERBS:
        return False
    present = verb.tag_ in ("VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children)
    return present and not mode_of(verb)


def _order_above(verb: Token) -> Token | None:
    """The ordering verb a status verb is the complement of ("ordered Poland to close …",
    "forced the company to shut"), told as done; None otherwise."""
    order = verb.head
    if (verb.dep_ == "xcomp" and order.pos_ in VERBAL_POS
            and str(order.lemma_).lower() in ORDERING_VERBS and not mode_of(order)):  # fmt: skip
        return order
    return None


def _ordered_status(verb: Token) -> str:
    """The status an order gives its object ("ordered the consulate closed", "forced the
    office to shut down"), "" when the verb orders none."""
    if verb.pos_ not in VERBAL_POS or str(verb.lemma_).lower() not in ORDERING_VERBS:
        return ""
    for child in verb.children:
        if child.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "advcl"):
            word = str(child.lemma_).lower()
            status = STATUS_ADJECTIVES.get(str(child.lower_), "") or STATUS_VERBS.get(word, "")
            status = status or INTRANSITIVE_STATUS.get(word, "")
            if status:
                return status
    return ""


def _status_fact(ctx: SentenceContext, mention: InstitutionMention, status: str,
                 trigger: Token, head: Token, actor_heads: list[Token], *,
                 mode: str | None = None) -> None:  # fmt: skip
    """Add the fact that the institution is in `status`, by `trigger` (its mode that of the
    trigger unless given; a stated date after the document's makes it a plan unless the
    verb says it happened)."""
    attribution = frame_of(trigger).attribution_text if trigger.pos_ in VERBAL_POS else ""
    if not attribution and trigger.pos_ not in VERBAL_POS:
        verb = verb_above(trigger)
        attribution = frame_of(verb).attribution_text if verb is not None else ""
    when = ctx.dates_of(trigger)[0]
    mode = mode_of(trigger) if mode is None else mode
    if not mode and ctx.after_document(when) and not _told_as_past(trigger):
        mode = "planned"  # "the mandate expires in September 2019", written in January
    fact = StatusFact(
        status=status,
        trigger=str(trigger.lemma_).lower(),
        when=when,
        evidence=ctx.evidence(trigger, head, attribution=attribution),
        mode=mode,
        actors=tuple(ctx.parties(actor_heads)),
    )
    if fact not in mention.status_facts:
        mention.status_facts.append(fact)


def _none_of(noun: Token) -> bool:
    """A status noun inside "no notice of …", "no plans for …", "no sign of …": none said."""
    holder = noun.head.head if noun.dep_ == "pobj" else None
    return holder is not None and any(c.dep_ == "det" and c.lower_ == "no"
                                      for c in holder.children)  # fmt: skip


def _orphan_status_nouns(ctx: SentenceContext, found: dict[int, InstitutionMention]) -> None:
    """A status noun with no institution of its own ("doesn't signal closure") is about the
    one institution the sentence names, if it names exactly one."""
    named = {m.name or m.label for m in found.values() if m.reference != "pronoun"}
    if len(named) != 1:
        return
    target = next(m for m in found.values() if m.reference != "pronoun")
    for token in ctx.sent:
        word = singular(str(token.text))
        status = STATUS_NOUNS.get(word, "") if word in ORPHAN_NOUNS and token.pos_ == "NOUN" else ""
        has_object = any(c.dep_ == "prep" and c.lower_ in ("of", "at") for c in token.children)
        if status and not has_object and token.dep_ != "compound":
            head = ctx.sent.doc[target.position[1]]
            _status_fact(ctx, target, status, token, head, [],
                         mode="negated" if _none_of(token) else None)
