"""Dependency-tree helpers: noun phrases, coordination and the roles around a predicate."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import attrgetter

from dyad.coding.tokens import PlainToken, memo_of

Token = PlainToken
_position = attrgetter("i")

NP_DEPS = frozenset(
    {
        "compound",
        "amod",
        "nmod",
        "poss",
        "det",
        "nummod",
        "quantmod",
        "case",
        "punct",
        "predet",
        "npadvmod",
        "nn",
    }
)
CLAUSE_DEPS = frozenset(
    {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", "conj", "cc", "appos", "mark"}
)
OBJECT_DEPS = ("dobj", "dative", "iobj", "attr", "oprd")
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
VERBAL_POS = frozenset({"VERB", "AUX"})


def np_tokens(head: Token) -> list[Token]:
    """Tokens of the noun phrase headed by `head`, without clauses or prepositional phrases."""
    memo = memo_of(head)
    found = memo.get("np_tokens")
    if found is None:
        found = memo["np_tokens"] = _np_tokens(head)
    return list(found)


def _np_tokens(head: Token) -> list[Token]:
    found = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            dep = child.dep_
            if dep in NP_DEPS and not (dep == "punct" and child.text in ",;:()"):
                found.append(child)
                stack.append(child)
    if len(found) > 1:
        found.sort(key=_position)
    return found


def coordinated(head: Token) -> list[Token]:
    """`head` and the nominal heads coordinated with it ("Mordor, Rohan and Bree")."""
    heads = [head]
    for other in head.conjuncts:
        if other.pos_ in NOMINAL_POS or other.pos_ == "ADJ":
            heads.append(other)
    for appos in children(head, "appos"):
        # "with Merkel, Macron and Poroshenko" parsed as Merkel ← appos Macron ← conj
        # Poroshenko: a proper-noun apposition coordinated with proper nouns is a list's
        # second member ("Mr. Li, president and chief executive" stays one person)
        conjs = children(appos, "conj")
        if appos.pos_ == "PROPN" and conjs and all(c.pos_ == "PROPN" for c in conjs):
            heads.append(appos)
            heads.extend(o for o in appos.conjuncts
                         if o.pos_ in NOMINAL_POS and all(o.i != h.i for h in heads))
    if len(heads) > 1:
        heads.sort(key=_position)
    return heads


def pobj_of(prep: Token) -> Token | None:
    """The object of a preposition (or of a two-word preposition such as "due to")."""
    memo = memo_of(prep)
    if "pobj" not in memo:
        memo["pobj"] = _pobj_of(prep)
    found: Token | None = memo["pobj"]
    return found


def _pobj_of(prep: Token) -> Token | None:
    node: Token | None = prep
    while node is not None:  # down a chain of prepositions: each step goes one level deeper
        current, node = node, None
        for child in current.children:
            if child.dep_ in ("pobj", "pcomp") and child.pos_ != "VERB":
                return child
            if child.dep_ == "pcomp" and child.tag_ == "IN":
                node = child
                break
    return None


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def is_passive(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ in ("nsubjpass", "auxpass"):
            return True
    if main_verb_misparsed(verb):
        return False
    # "hospitalized and later abducted by unidentified persons": a by-agent makes it passive
    return verb.tag_ == "VBN" and (verb.dep_ == "acl" or any(
        c.dep_ == "agent" for c in verb.children))


def main_verb_misparsed(verb: Token) -> bool:
    """ "Thousands of students protested in Belgrade", parsed as a noun phrase (the root)
    with "protested" a participle modifying it: the sentence's only verb, with no agent, is
    its main verb and the noun its subject."""
    head = verb.head
    return (verb.dep_ == "acl" and verb.tag_ == "VBN" and head.dep_ == "ROOT"
            and head.pos_ in ("NOUN", "PROPN") and not any(
                c.dep_ == "agent" for c in verb.children))


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above `token` (its clause's predicate), if any."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in VERBAL_POS:
            return node
    return None


EMBEDDED_CLAUSE_DEPS = frozenset({"advcl", "relcl", "csubj", "parataxis", "conj"})


def phrase_tokens_after(verb: Token) -> list[Token]:
    """Tokens right of the verb in its own phrase, skipping clauses embedded in it."""
    found = []
    stack = [c for c in verb.children if c.i > verb.i]
    while stack:
        token = stack.pop()
        if token.dep_ in EMBEDDED_CLAUSE_DEPS and token.pos_ in VERBAL_POS:
            continue
        found.append(token)
        stack.extend(token.children)
    found.sort(key=_position)
    return found


def clause_tokens(root: Token) -> Iterator[Token]:
    """Tokens of the predicate's own clause: its subtree minus embedded clauses."""
    stack = [root]
    while stack:
        token = stack.pop()
        yield token
        for child in token.children:
            if child.dep_ in CLAUSE_DEPS and child.pos_ in VERBAL_POS:
                continue
            if child.dep_ in ("conj", "cc") and token.i == root.i:
                continue
            stack.append(child)


def in_clause(token: Token, root: Token) -> bool:
    """Whether `token` is one of `clause_tokens(root)`: the path down from `root` to it enters
    no embedded clause (nor, from `root` itself, a coordinated one)."""
    node = token
    while node.i != root.i:
        parent = node.head
        if parent.i == node.i:
            return False  # the top of the sentence, and `root` not met
        if node.dep_ in CLAUSE_DEPS and node.pos_ in VERBAL_POS:
            return False
        if parent.i == root.i and node.dep_ in ("conj", "cc"):
            return False
        node = parent
    return True


@dataclass
class Roles:
    """Where to look for the participants and complements of one predicate."""

    subjects: list[Token] = field(default_factory=list)  # heads naming the source
    objects: list[Token] = field(default_factory=list)  # heads naming the target, in order
    complement: list[Token] = field(default_factory=list)  # tokens patterns are matched on
    borrowed_from: Token | None = None  # predicate whose subject was borrowed
    passive: bool = False


# How many predicates up a subject-less predicate may look for its subject ("X said it
# would try to help rebuild ...", "X tried to condemn and tried to criticize and ...": each
# borrows from the one above it). Two calls a step: far within Python's recursion limit.
MAX_SUBJECT_DONORS = 100


def predicate_roles(verb: Token, *, donors: int = MAX_SUBJECT_DONORS) -> Roles:
    """Subject heads, object heads and complement tokens of a verbal predicate.

    A predicate without a subject borrows its donor's (`_subject_donor`), which may borrow in
    turn, at most `donors` predicates up.
    """
    roles = Roles(passive=is_passive(verb))
    if roles.passive:
        for agent in children(verb, "agent"):
            roles.subjects.extend(children(agent, "pobj"))
        for subject in children(verb, "nsubjpass"):
            if _relative(subject):  # "the diplomats who were expelled": the diplomats
                subject = verb.head
            roles.objects.append(subject)  # "talks between Sudan and South Sudan were mediated"
            roles.objects.extend(nested_pobjs(subject, depth=1))
        if verb.dep_ == "acl" and verb.head.pos_ in NOMINAL_POS:
            roles.objects.append(verb.head)
    else:
        # "rebels, who attacked ...": the relative pronoun is named by the donor below
        roles.subjects.extend(_misparsed_subject(s) for s in children(verb, "nsubj", "csubj")
                              if not _relative(s))
        if main_verb_misparsed(verb):
            roles.subjects.append(verb.head)
    if not roles.subjects and not roles.passive and donors > 0:
        donor = _subject_donor(verb, donors - 1)
        if donor is not None:
            donor_token, heads = donor
            roles.subjects.extend(heads)
            roles.borrowed_from = donor_token
    roles.objects.extend(_object_heads(verb))
    roles.complement = _complement(verb, roles)
    return roles


def _misparsed_subject(subject: Token) -> Token:
    """ "The Red Cross operating in Iraq said ...", parsed with "operating" as the subject of
    "said" and "Red Cross" as its own: the participle's subject is the real one."""
    if subject.pos_ == "VERB" and subject.tag_ in ("VBG", "VBN"):
        inner = children(subject, "nsubj")
        if inner:
            return inner[0]
    return subject


def _subject_donor(verb: Token, donors: int) -> tuple[Token, list[Token]] | None:
    """Where a subject-less predicate takes its subject from (coordination, participles...)."""
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.dep_ == "relcl" and not any(c.dep_ == "nsubj" and not _relative(c)
                                        for c in verb.children):
        if (str(head.lemma_).lower() in INSTRUMENT_NOUNS and head.dep_ == "dobj"
                and head.head.pos_ in VERBAL_POS):
            # "the Council adopted a statement that condemned ...": its author condemns
            authors = _authors(head) or children(head.head, "nsubj")
            if authors:
                return head.head, authors
        return head, [head]
    if verb.dep_ == "acl" and head.pos_ in NOMINAL_POS:
        owners = children(head, "poss")
        if owners and verb.tag_ == "VB":
            return head, owners  # "Moscow's decision to terminate ..."
        authors = _authors(head) if verb.tag_ == "VB" else []
        if authors:
            return head, authors  # "the decision of (by) the Sri Lankan Government to expel"
        if verb.tag_ == "VBG" and str(head.lemma_).lower() not in INSTRUMENT_NOUNS:
            # "protesters demanding ...": the noun itself acts; a described thing
            # ("waters surrounding the islands") is not an actor, so nothing is coded.
            return head, [head] if head.pos_ == "PROPN" or head.ent_type_ or _is_role(head) else []
        outer = governing_verb(head)
        if outer is not None:
            return outer, predicate_roles(outer, donors=donors).subjects
        return None
    if verb.dep_ == "pcomp":
        outer = governing_verb(head)
        if outer is not None:
            return outer, predicate_roles(outer, donors=donors).subjects
        return None
    if verb.dep_ == "advcl" and verb.tag_ == "VB":
        # "condemned the order by Venezuela to expel ...", the infinitive hung on the verb
        for noun in children(head, "dobj"):
            authors = _authors(noun) if noun.i < verb.i else []
            if authors:
                return noun, authors
    if verb.dep_ in ("xcomp", "advcl") and head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod"):
        head = head.head  # "Arnor is about to restore ...", "ready to talk"
    if verb.dep_ in ("conj", "xcomp", "advcl", "ccomp") and head.pos_ in VERBAL_POS:
        if verb.dep_ == "ccomp":
            return None
        heads = predicate_roles(head, donors=donors).subjects
        if (
            verb.dep_ == "xcomp"
            and (objects := children(head, "dobj"))
            and _is_object_control(head)
        ):
            heads = objects
        return head, heads
    return None


def _relative(token: Token) -> bool:
    """A relative pronoun heading a clause's subject: "who", "that", "which"."""
    return bool(token.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl")


def _authors(noun: Token) -> list[Token]:
    """The author of a decision, order or plan named by "of" or "by" ("the decision of the
    government", "the order by Venezuela"), or none."""
    if str(noun.lemma_).lower() not in INSTRUMENT_NOUNS:
        return []
    for prep in children(noun, "prep", "agent"):
        if prep.lower_ in ("of", "by"):
            obj = pobj_of(prep)
            if obj is not None:
                return [obj]
    return []


# Nouns through which their author acts: "signed an order suspending the agreements".
INSTRUMENT_NOUNS = frozenset(
    {
        "order",
        "decree",
        "decision",
        "resolution",
        "law",
        "bill",
        "directive",
        "measure",
        "move",
        "plan",
        "proposal",
        "statement",
        "letter",
        "note",
        "ordinance",
        "ruling",
        "executive",
        "memo",
        "memorandum",
        "regulation",
        "step",
        "action",
    }
)

_OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "call",
        "force",
        "order",
        "persuade",
        "tell",
        "invite",
        "encourage",
        "help",
        "allow",
        "press",
        "push",
        "pressure",
        "compel",
        "request",
        "warn",
        "advise",
        "instruct",
    }
)


ROLE_NOUNS = frozenset(
    {
        "protester",
        "demonstrator",
        "official",
        "minister",
        "soldier",
        "troop",
        "police",
        "militant",
        "rebel",
        "government",
        "leader",
        "diplomat",
        "lawmaker",
        "activist",
        "group",
        "force",
        "army",
        "party",
        "court",
        "agency",
        "ministry",
        "authority",
        "president",
        "people",
        "resident",
        "worker",
        "student",
        "spokesman",
        "spokeswoman",
        "spokesperson",
    }
)


def _is_role(token: Token) -> bool:
    return str(token.lemma_).lower() in ROLE_NOUNS


def _is_object_control(verb: Token) -> bool:
    return str(verb.lemma_).lower() in _OBJECT_CONTROL


def _object_heads(verb: Token) -> list[Token]:
    heads: list[Token] = []
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            heads.append(child)
            heads.extend(nested_pobjs(child, depth=2))
        elif child.dep_ == "prep" or (child.dep_ == "agent" and not is_passive(verb)):
            obj = pobj_of(child)
            if obj is not None:
                heads.append(obj)
                heads.extend(nested_pobjs(obj, depth=2))
        elif child.dep_ in ("ccomp", "xcomp", "acomp") and child.pos_ not in VERBAL_POS:
            heads.extend(
                c for c in child.children if c.dep_ in ("npadvmod", "nsubj", "dobj", "poss")
            )
    # The verb phrase comes first; a fronted adjunct ("In response to Tokyo's ...") last.
    heads.sort(key=lambda t: t.i < verb.i)
    return heads


def nested_pobjs(head: Token, depth: int) -> list[Token]:
    if depth == 0:
        return []
    found: list[Token] = []
    for clause in children(head, "acl"):  # "the ceasefire proposed by Egypt"
        if clause.tag_ == "VBN":
            found.extend(
                obj for agent in children(clause, "agent") for obj in children(agent, "pobj")
            )
    for prep in children(head, "prep"):
        obj = pobj_of(prep)
        if obj is not None:
            found.append(obj)
            found.extend(nested_pobjs(obj, depth - 1))
    return found


_COMPLEMENT_DEPS = frozenset(
    {
        "dobj",
        "dative",
        "iobj",
        "attr",
        "oprd",
        "acomp",
        "prep",
        "agent",
        "prt",
        "npadvmod",
        "advmod",
        "ccomp",
        "xcomp",
        "nsubjpass",
    }
)


def _complement(verb: Token, roles: Roles) -> list[Token]:
    tokens: list[Token] = []
    for child in verb.children:
        if child.dep_ not in _COMPLEMENT_DEPS:
            continue
        if child.dep_ in ("ccomp", "xcomp") and child.pos_ in VERBAL_POS:
            continue
        tokens.extend(t for t in _phrase_tokens(child) if t.i > verb.i)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in NOMINAL_POS:
        tokens.extend(np_tokens(verb.head))
    for subject in children(verb, "nsubjpass"):
        tokens.extend(np_tokens(subject))
    unique = {t.i: t for t in tokens}
    return [unique[i] for i in sorted(unique)]


_EMBEDDED_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "appos"})


def _phrase_tokens(top: Token) -> list[Token]:
    """A complement's tokens, stopping at embedded clauses with their own verb."""
    found = []
    stack = [top]
    while stack:
        token = stack.pop()
        found.append(token)
        for child in token.children:
            if child.dep_ in _EMBEDDED_DEPS and child.pos_ in VERBAL_POS:
                # keep a predicative "as unacceptable" the parser hung on the embedded verb
                found.extend(t for t in child.subtree if t.pos_ == "ADJ" and t.head.lower_ == "as")
                continue
            stack.append(child)
    return found
