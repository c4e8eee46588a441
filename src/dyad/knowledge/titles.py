"""Titles: the capitalised prepositional phrases that continue a name ("the Treaty on the
Non-Proliferation of Nuclear Weapons", "the Office of the Special Envoy for Syria"), as the
parser attached them or, when it attached them elsewhere, by position.
"""

from __future__ import annotations

from typing import Any

from dyad.knowledge.context import descendants

Token = Any
#: Prepositions that continue a capitalised title ("Protocol to the … Convention on …").
TITLE_PREPOSITIONS = frozenset({"to", "on", "for", "between", "of", "concerning", "against",
                                "regarding"})  # fmt: skip


_TITLE_WORDS = frozenset({"the", "of", "and", "on", "for", "to", "in", "between", "a", "an",
                          "its", "their", "-", "’s", "'s"})  # fmt: skip


def title_tokens(head: Token) -> set[int]:
    """Positions of the capitalised prepositional phrases that continue a title."""
    found: set[int] = set()
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in TITLE_PREPOSITIONS:
            tokens = descendants(child, skip=frozenset({"appos", "punct"}))
            if all(_title_word(t) for t in tokens[1:]) and len(tokens) > 1:
                found.update(t.i for t in tokens)
    if not found and str(head.text).istitle():
        found = _title_run(head)
    return found


#: The longest run of words read as a title's continuation when the parser attached it
#: elsewhere ("the Agreement on the Protection of Classified Military Information (…)").
TITLE_RUN = 20


def _title_run(head: Token) -> set[int]:
    """A capitalised title continuing the head word by position ("Agreement on the
    Protection of Classified Military Information"), its last word capitalised."""
    doc, sent_end = head.doc, head.sent.end
    first = head.i + 1
    if first >= sent_end or doc[first].lower_ not in TITLE_PREPOSITIONS:
        return set()
    run = []
    for token in doc[first + 1 : min(sent_end, first + 1 + TITLE_RUN)]:
        if token.ent_type_ in ("DATE", "TIME") or not _title_word(token) or token.text in "()":
            break
        run.append(token)
    while run and not str(run[-1].text)[:1].isupper():
        run.pop()
    return {first, *(t.i for t in run)} if run else set()


def _title_word(token: Token) -> bool:
    text = str(token.text)
    return text[:1].isupper() or text[:1].isdigit() or token.lower_ in _TITLE_WORDS


#: How many prepositions back a title may begin before the agreement noun that ends it.
TITLE_LEVELS = 3


def title_start(head: Token) -> Token:
    """The word that heads a title the agreement noun only ends ("Security" in "the General
    Security of Military Information Agreement", which the parser reads as a security "of"
    an agreement): a capitalised noun the noun hangs from by a title preposition, every word
    between them title words of one kind of named entity. `head` itself otherwise."""
    token = head
    for _ in range(TITLE_LEVELS):
        prep = token.head
        holder = prep.head
        if (token.dep_ != "pobj" or prep.lower_ not in TITLE_PREPOSITIONS
                or holder.pos_ != "PROPN" or holder.i >= prep.i
                or not str(holder.text)[:1].isupper() or not _one_entity(holder, head)):
            break
        token = holder
    return token


def _one_entity(first: Token, last: Token) -> bool:
    """Whether the words from `first` to `last` are title words within one named entity."""
    words = [first.doc[i] for i in range(first.i, last.i + 1)]
    return bool(first.ent_type_) and all(
        _title_word(t) and t.ent_type_ == first.ent_type_ for t in words)
