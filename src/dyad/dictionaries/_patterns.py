"""Event codes and verb patterns of both verb-dictionary styles (§2.4, §2.5, §3)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from dyad.dictionaries.model import (
    ActorSlot,
    AnyPhrase,
    Element,
    EventCode,
    NounPhrase,
    PatternItem,
    PrepPhrase,
    Slot,
    SynsetRef,
    Word,
)

_P2_TOKEN = re.compile(r"[(){}]|[^\s(){}]+")
_SLOTS = {slot.value: slot for slot in Slot}
# Leftover TABARI syntax in P2 patterns: actor tokens and `_` joiners.
_TABARI = re.compile(r"[$+%_]")
_PUNCT = frozenset("^*{}()")


class PatternSkipped(Exception):
    """The pattern uses syntax its style cannot match; it is counted, not reported."""


@dataclass(frozen=True)
class PatternParts:
    pre: tuple[PatternItem, ...]
    post: tuple[PatternItem, ...]
    verb_joined_to_pre: bool = False
    verb_joined_to_post: bool = False


def parse_code(text: str) -> EventCode | str:
    """`C`, `A:B`, `:B` or `---` (without brackets), or the reason it is malformed."""
    code = text.strip()
    if not code:
        return "empty code []"
    if any(ch.isspace() for ch in code):
        return f"blank inside code [{code}]"
    if ":" not in code:
        return EventCode(code)
    forward, _, reverse = code.partition(":")
    if ":" in reverse or not (forward or reverse):
        return f"malformed code [{code}]"
    return EventCode(forward or None, reverse or None)


def synset_labels(items: Sequence[PatternItem]) -> Iterator[str]:
    """Labels of every `&LABEL` used in the items, nested ones included."""
    for item in items:
        yield from _labels(item.element)


def _labels(element: Element | None) -> Iterator[str]:
    if isinstance(element, SynsetRef):
        yield element.label
    elif isinstance(element, NounPhrase):
        for part in (*element.modifiers, element.head):
            yield from _labels(part)
    elif isinstance(element, PrepPhrase):
        yield from _labels(element.obj)


def _word(token: str) -> Word | SynsetRef:
    if token.startswith("&"):
        label = token[1:].upper()
        if not label:
            raise ValueError("`&` without a synonym-set label")
        return SynsetRef(label)
    return Word(token.upper())


# ---------------------------------------------------------------- P2


def _noun_phrase(tokens: list[str]) -> NounPhrase:
    if not tokens:
        raise ValueError("empty noun phrase {}")
    if any(t in _PUNCT for t in tokens):
        raise ValueError("a noun phrase {...} holds only words and &LABELs")
    words = [_word(t) for t in tokens]
    return NounPhrase(tuple(words[:-1]), words[-1])


def _prep_phrase(tokens: list[str]) -> PrepPhrase:
    if not tokens or tokens[0] in _PUNCT or tokens[0].startswith("&"):
        raise ValueError("a prepositional phrase (P ...) must start with a preposition")
    prep, rest = tokens[0].upper(), tokens[1:]
    if not rest:
        return PrepPhrase(prep)
    if rest == ["^"]:
        return PrepPhrase(prep, AnyPhrase())
    if rest[0] == "{":
        if rest[-1] != "}" or "}" in rest[:-1]:
            raise ValueError("unbalanced braces in a prepositional phrase")
        return PrepPhrase(prep, _noun_phrase(rest[1:-1]))
    if len(rest) == 1:
        return PrepPhrase(prep, _word(rest[0]))
    # `(TO A VOTE)`, `(OF GROWING CRISIS)`: read like `(TO {A VOTE})`
    return PrepPhrase(prep, _noun_phrase(rest))


def _p2_elements(tokens: list[str]) -> tuple[PatternItem, ...]:
    items: list[PatternItem] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in ("(", "{"):
            close = ")" if token == "(" else "}"
            try:
                end = tokens.index(close, i + 1)
            except ValueError:
                raise ValueError(f"unclosed `{token}`") from None
            inner = tokens[i + 1 : end]
            if token == "{":
                items.append(PatternItem(_noun_phrase(inner)))
            else:
                if "(" in inner:
                    raise ValueError("nested parentheses")
                items.append(PatternItem(_prep_phrase(inner)))
            i = end + 1
            continue
        if token in (")", "}"):
            raise ValueError(f"unbalanced `{token}`")
        items.append(PatternItem(AnyPhrase() if token == "^" else _word(token)))
        i += 1
    return tuple(items)


def parse_p2_pattern(body: str) -> PatternParts:
    """The PRE and POST elements of a P2 pattern body (between `-` and `[CODE]`).

    Raises PatternSkipped for leftover TABARI syntax and ValueError for malformed text.
    """
    tokens = _P2_TOKEN.findall(body)
    if any(_TABARI.search(t) for t in tokens if not t.startswith("&")):
        raise PatternSkipped
    if tokens.count("*") != 1:
        raise ValueError("a pattern needs exactly one `*` standing for the verb")
    star = tokens.index("*")
    return PatternParts(_p2_elements(tokens[:star]), _p2_elements(tokens[star + 1 :]))


# ---------------------------------------------------------------- P1

_STAR = Word("*")


def _p1_element(part: str) -> Element:
    slot = _SLOTS.get(part)
    if slot is not None:
        return ActorSlot(slot)
    if part == "*":
        return _STAR
    return _word(part)


def parse_p1_pattern(body: str) -> PatternParts:
    """The flat PRE and POST items of a P1 pattern, with `_` adjacency.

    The adjacency of the verb is given by `verb_joined_to_pre/post` only: the last PRE item
    and the last POST item always have `joined_to_next` False. Raises PatternSkipped for
    a TABARI disjunction `{...}` and ValueError for malformed text.
    """
    if "{" in body or "}" in body:
        raise PatternSkipped
    items: list[tuple[Element, bool]] = []
    for token in body.split():
        parts = [p for p in token.split("_") if p]
        for k, part in enumerate(parts):
            items.append((_p1_element(part), k < len(parts) - 1))
    stars = [k for k, (element, _) in enumerate(items) if element is _STAR]
    if len(stars) != 1:
        raise ValueError("a pattern needs exactly one `*` standing for the verb")
    star = stars[0]
    pre = [PatternItem(e, j) for e, j in items[:star]]
    joined_pre = bool(pre) and pre[-1].joined_to_next
    if pre:
        pre[-1] = PatternItem(pre[-1].element)
    post = tuple(PatternItem(e, j) for e, j in items[star + 1 :])
    return PatternParts(tuple(pre), post, joined_pre, items[star][1] and bool(post))
