"""What an agreement phrase says of itself: its kind, its name (a capitalised title with its
prepositional phrases, "the Treaty" being no name), its acronyms ("… Treaty (NPT)"), what it
is about, and the parties its own words name ("Russian-Japanese agreements", "a deal between
X and Y", "the Japan-DPRK Pyongyang Declaration").
"""

from __future__ import annotations

from typing import Any

from dyad.coding.actors import Actor
from dyad.coding.syntax import np_tokens, pobj_of
from dyad.knowledge.context import (
    SentenceContext,
    country_party,
    parenthesised_acronym,
    phrase_text,
    tokens_text,
)
from dyad.knowledge.institutions import institution_kind
from dyad.knowledge.model import Party
from dyad.knowledge.titles import title_tokens
from dyad.knowledge.vocabulary import ACRONYMS, AGREEMENT_NOUNS, acronym_text, singular

Token = Any


NOT_TREATY_NAMES = frozenset({"national", "party", "democratic", "republican"})


GENERIC_ADJECTIVES = frozenset({
    "bilateral", "intergovernmental", "multilateral", "international", "new", "historic",
    "landmark", "key", "major", "separate", "previous", "current", "existing", "formal",
    "informal", "tentative", "preliminary", "such", "other", "several", "two", "both",
    "fragile", "initial", "final", "last", "first", "second", "original",
})  # fmt: skip


SUBJECT_PREPOSITIONS = frozenset({"on", "concerning", "regarding", "about", "over", "for"})


SUBJECT_VERBS = frozenset({"govern", "concern", "regulate", "cover", "regard", "establish"})


INDEFINITE_DETS = frozenset({"a", "an", "another", "any", "some"})


def agreement_kind(token: Token) -> str:
    """The agreement kind a token names, "" if none."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return ""
    word = singular(str(token.text))
    if word == "fire" and token.i >= 2 and token.doc[token.i - 2].lower_ == "cease":
        word = "ceasefire"
    if word == "understanding" and token.head.lower_ == "of":
        return ""
    return AGREEMENT_NOUNS.get(word, "")


def acronym_kind(token: Token, known: dict[str, str]) -> str:
    """The kind an agreement's short name names ("NPT", "New START"), "" if none: the
    document's own acronyms ("… Treaty (NPT)") and a few well-known ones."""
    text = str(token.text)
    if token.pos_ not in ("PROPN", "NOUN") or not text.isupper() or len(text) < 2:
        return ""
    return known.get(text) or ACRONYMS.get(text, "")


def short_name(ctx: SentenceContext, head: Token) -> str:
    """An agreement's short name with the capitalised words that lead it and name no actor
    ("New START"; not "Russian" in "the Russian INF")."""
    words = [head]
    for _ in range(2):  # a short name of at most three words
        before = head.doc[words[0].i - 1] if words[0].i > head.sent.start else None
        if (before is None or before.head.i != head.i or before.dep_ not in ("compound", "amod")
                or not str(before.text).istitle() or ctx.mentions.get(before.i) is not None):
            break
        words.insert(0, before)
    return " ".join(str(t.text) for t in words)


def name_of(ctx: SentenceContext, head: Token) -> str:
    """Proper name of an agreement ("New START treaty", "Paris Agreement"), "" if unnamed."""
    tokens = np_tokens(head)
    proper = [t for t in tokens if t.pos_ == "PROPN" and t.i != head.i
              and t.ent_type_ not in ("EVENT", "DATE")]  # fmt: skip
    if any(c.dep_ == "det" and c.lower_ in INDEFINITE_DETS for c in head.children):
        return ""
    if head.pos_ == "PROPN" and str(head.text)[:1].isupper():
        named = True
    else:
        named = any(ctx.mentions.get(t.i) is None or not any(ctx.mentions[t.i].codes)
                    for t in proper if not institution_kind(t))  # fmt: skip
    if not named:
        return ""
    words = [t for t in tokens if t.dep_ not in ("det", "poss", "case", "nummod", "punct")
             or t.i == head.i]  # fmt: skip
    if {str(t.lower_) for t in words} & NOT_TREATY_NAMES:
        return ""
    proper_words = [t for t in words if not (agreement_kind(t) or t.i == head.i
                    or t.like_num or t.ent_type_ == "ORDINAL")]  # fmt: skip
    if not proper_words and not (str(head.text).istitle() and title_tokens(head)):
        return ""  # "the Treaty", "this Agreement", "the 14th EPA": a reference, not a name
    title = title_tokens(head) if str(head.text).istitle() else set()
    if title:
        words += [t for t in head.doc[min(title) : max(title) + 1]]
    return ctx.original(words) if title else tokens_text(words)


def descriptive_words(ctx: SentenceContext, head: Token) -> list[str]:
    """The words of the phrase that say which agreement it is beyond its kind, its parties
    and generic qualities ("visa" in "the 1990 visa agreement with Russia"; none in "the
    Russian-Japanese intergovernmental agreements")."""
    found = []
    for token in np_tokens(head):
        mention = ctx.mentions.get(token.i)
        if token.i == head.i or token.dep_ in ("det", "poss", "case", "nummod", "punct"):
            continue
        if mention is not None and mention.kind == "actor":
            continue
        if token.lower_ in GENERIC_ADJECTIVES or token.text in ("-", "–") or agreement_kind(token):
            continue
        if token.like_num or token.ent_type_ in ("DATE", "TIME", "ORDINAL", "CARDINAL"):
            continue  # "the 1990 … agreement": a year says when, not which
        found.append(str(token.text))
    return found


#: Participles that give a phrase its name ("the pact, known as GSOMIA", "a deal dubbed X").
NAMING_PARTICIPLES = frozenset({"know", "call", "dub", "name"})


def _named_as(head: Token) -> list[str]:
    """The acronym a naming participle gives the phrase ("known as GSOMIA", "called NEPA"),
    also where the parser hung it on the phrase's last noun ("the pact with Seoul, known as
    …")."""
    found = []
    holders = [head, *(obj for c in head.children if c.dep_ == "prep"
                       for obj in [pobj_of(c)] if obj is not None)]  # fmt: skip
    for participle in (c for holder in holders for c in holder.children):
        if participle.dep_ != "acl" or str(participle.lemma_).lower() not in NAMING_PARTICIPLES:
            continue
        for child in participle.children:
            named = pobj_of(child) if child.dep_ == "prep" and child.lower_ == "as" else (
                child if child.dep_ in ("oprd", "attr", "dobj") else None)
            text = acronym_text(str(named.text)) if named is not None else ""
            if text:
                found.append(text)
    return found


def aliases_of(head: Token) -> list[str]:
    """Acronyms given in apposition ("the … Treaty (NPT)", "the Agreement (“GSOMIA”)", "the
    Treaty on … Forces in Europe (CFE)": after the title's last word) or by a naming
    participle ("the intelligence-sharing pact, known as GSOMIA")."""
    found = _named_as(head)
    title = sorted(title_tokens(head)) if str(head.text).istitle() else []
    holders = [head, *(head.doc[i] for i in title)]
    for child in (c for holder in holders for c in holder.children):
        text = acronym_text(str(child.text))
        if child.dep_ == "appos" and text:
            found.append(text)
    after = _acronym_after(head.doc, max(title)) if title else ""
    return list(dict.fromkeys(a for a in [*found, parenthesised_acronym(head), after] if a))


def _acronym_after(doc: Any, end: int) -> str:
    """The acronym in brackets right after position `end` ("… Information (GSOMIA)")."""
    if end + 3 >= len(doc) or doc[end + 1].text != "(" or doc[end + 3].text != ")":
        return ""
    return acronym_text(str(doc[end + 2].text))


def hyphen_parties(ctx: SentenceContext, head: Token) -> list[Party]:
    """Countries a title joins with hyphens ("the Japan-DPRK Pyongyang Declaration",
    "U.S.-Russia accord"): a named agreement's own words name parties only so."""
    tokens = np_tokens(head)
    found: list[Party] = []
    for token in tokens:
        mention = ctx.mentions.get(token.i)
        if mention is None or mention.kind != "actor" or not mention.codes[0]:
            continue
        before = token.doc[mention.start - 1] if mention.start > 0 else None
        after = token.doc[mention.end] if mention.end < len(token.doc) else None
        if any(t is not None and t.text in ("-", "–") for t in (before, after)):
            words = str(token.doc[mention.start : mention.end].text)
            party = country_party(Actor(mention.codes[0], words, mention.start, mention.end,
                                        mention.start))  # fmt: skip
            if party not in found:
                found.append(party)
    return found if len(found) >= 2 else []


def topics_of(ctx: SentenceContext, head: Token, *, named: bool) -> list[str]:
    """What the agreement is about, from its modifiers, prepositions and participles."""
    subjects = []
    topical = [t for t in np_tokens(head) if t.i < head.i and t.dep_ in ("compound", "amod")
               and (t.i not in ctx.mentions or ctx.mentions[t.i].kind == "agent")
               and t.pos_ in ("NOUN", "ADJ")
               and t.lower_ not in GENERIC_ADJECTIVES and not t.like_num]  # fmt: skip
    if topical:
        subjects.append(tokens_text(topical))
    names = [t for t in np_tokens(head) if t.dep_ == "compound" and t.pos_ == "PROPN"
             and (t.i not in ctx.mentions or ctx.mentions[t.i].kind != "actor")]  # fmt: skip
    if names and not named:
        subjects.append(tokens_text(names))
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in SUBJECT_PREPOSITIONS:
            obj = pobj_of(child) or next((c for c in child.children if c.dep_ == "pcomp"), None)
            if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                subjects.append(phrase_text(obj))
        elif child.dep_ == "acl" and str(child.lemma_).lower() in SUBJECT_VERBS:
            objects = [c for c in child.children if c.dep_ == "dobj"]
            subjects.extend(phrase_text(o) for o in objects)
    return [s for s in subjects if s]


def phrase_parties(ctx: SentenceContext, head: Token, *, named: bool) -> list[Party]:
    """Parties named inside the phrase ("Russian-Japanese agreements", "a deal between X
    and Y", "the treaty with Japan"); a named agreement's own words name no party."""
    parties: list[Party] = []
    if not named:
        seen = []
        for token in np_tokens(head):
            mention = ctx.mentions.get(token.i)
            if (
                token.i != head.i
                and mention is not None
                and mention.kind == "actor"
                and (mention not in seen)
            ):
                seen.append(mention)
        for mention in seen:
            words = str(ctx.sent.doc[mention.start : mention.end].text)
            for code in mention.codes:
                party = country_party(Actor(code, words, mention.start, mention.end,
                                            mention.start))  # fmt: skip
                if party.code and party not in parties:
                    parties.append(party)
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("between", "with", "among"):
            obj = pobj_of(child)
            for party in ctx.parties([obj] if obj is not None else [], state=True):
                if party not in parties:
                    parties.append(party)
    return parties
