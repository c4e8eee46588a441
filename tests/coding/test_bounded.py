"""Every walk of the coder is bounded by construction: deep trees, long chains, cycles and
long dictionary entries finish, with the same answers as the shallow cases."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from dyad.coding.dates import resolve_date
from dyad.coding.discards import MAX_GROUP_NESTING, DiscardMatcher
from dyad.coding.tokens import PlainDoc, _forest
from dyad.coding.verbs import _match_items
from dyad.dictionaries.model import DiscardList, DiscardPhrase, PatternItem, Word
from dyad.nlp import MAX_PARAGRAPH_CHARS, load_pipeline, split_paragraphs
from dyad.record import EventRecord
from tests.stress_texts import nested_of, possessive_chain, verb_chain


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_pipeline()


def _depth(doc: PlainDoc) -> int:
    deepest = 0
    for token in doc:
        steps = sum(1 for _ in token.ancestors)
        deepest = max(deepest, steps)
    return deepest


def test_subtrees_of_a_deep_tree_are_spacys(nlp: Any) -> None:
    """2,100 tokens of "of the office": deeper than Python's recursion limit."""
    spacy_doc = nlp(nested_of(700))
    plain = PlainDoc(spacy_doc)
    assert _depth(plain) > sys.getrecursionlimit()
    for token in spacy_doc:
        assert [t.i for t in plain[token.i].subtree] == [t.i for t in token.subtree]


def test_subtrees_are_spacys_on_ordinary_sentences(nlp: Any) -> None:
    spacy_doc = nlp(possessive_chain(5) + " " + verb_chain(3) + " Russia and its allies met.")
    plain = PlainDoc(spacy_doc)
    for token in spacy_doc:
        assert [t.i for t in plain[token.i].subtree] == [t.i for t in token.subtree]


def test_heads_on_a_cycle_become_roots() -> None:
    #      0 → 1 → 2 → 0 is a cycle; 3 → 3 is a root; 4 → 3; 5 → 9 is out of range
    assert _forest([1, 2, 0, 3, 3, 9]) == [1, 2, 2, 3, 3, 5]
    assert _forest([0, 0, 1, 2]) == [0, 0, 1, 2]  # a tree stays as it is


def test_the_deepest_sentence_codes(code_text: Callable[..., list[EventRecord]]) -> None:
    events = code_text(nested_of(700))
    assert all(e.target == "JPN" for e in events)


def test_a_long_chain_of_subject_less_predicates_codes(
    code_text: Callable[..., list[EventRecord]],
) -> None:
    short, long = code_text(verb_chain(3)), code_text(verb_chain(30))
    assert {(e.source, e.target) for e in long} == {(e.source, e.target) for e in short}


def test_discard_phrases_that_prefix_each_other_deeper_than_groups_can_nest() -> None:
    count = MAX_GROUP_NESTING * 3
    phrases = [DiscardPhrase(("GOAL",) * n) for n in range(1, count + 1)]
    matcher = DiscardMatcher(DiscardList(phrases))
    text = " ".join(["goal"] * (count + 5))
    assert matcher.sentence_matches("a GOAL GOAL here") == matcher.sentence_matches(
        "a GOAL GOAL here"
    )
    assert matcher.sentence_matches(text)
    assert not matcher.sentence_matches("no such word")


def test_a_discard_phrase_longer_than_the_recursion_limit() -> None:
    words = tuple(f"W{k}" for k in range(sys.getrecursionlimit() * 2))
    matcher = DiscardMatcher(DiscardList([DiscardPhrase(words), DiscardPhrase(("SHORT",))]))
    assert matcher.sentence_matches(" ".join(words).lower())
    assert matcher.sentence_matches("a short one")


def test_an_endless_date_expression_is_not_a_date() -> None:
    assert resolve_date("Tuesday, " * 500 + "July 2", date(2024, 7, 2)) is None
    assert resolve_date("Tuesday, July 2", date(2024, 7, 9)) is not None


def test_a_paragraph_longer_than_spacys_limit_is_parsed_in_pieces() -> None:
    text = "Russia condemned Japan on Monday. " * 40_000  # 1.3 MB, one paragraph
    pieces = split_paragraphs(text)
    assert max(b - a for a, b in pieces) <= MAX_PARAGRAPH_CHARS
    assert all(text[a:b].endswith("Monday.") for a, b in pieces)
    assert sum(b - a for a, b in pieces) + len(pieces) - 1 == len(text.rstrip())


def test_a_paragraph_without_blanks_is_cut_at_the_limit() -> None:
    pieces = split_paragraphs("x" * (MAX_PARAGRAPH_CHARS * 2 + 5))
    assert [b - a for a, b in pieces] == [MAX_PARAGRAPH_CHARS, MAX_PARAGRAPH_CHARS, 5]


def test_a_paragraph_in_pieces_codes_every_sentence(
    code_text: Callable[..., list[EventRecord]],
) -> None:
    text = "Russia condemned Japan on Monday. " * 2_000  # 68,000 characters: 4 pieces
    assert len(split_paragraphs(text)) == 4
    assert len(code_text(text)) == 2_000


class _CountingMatcher:
    """Every word matches one token except the word "NEVER"; counts the matches tried."""

    def __init__(self) -> None:
        self.calls = 0

    def flat_element_span(self, element: Any, tokens: Any, pos: int, actors: Any) -> int:
        self.calls += 1
        return 0 if element.text == "NEVER" else 1


def test_the_flat_pattern_matcher_tries_each_state_once() -> None:
    """Ten words that match anywhere then one that never does, over 60 tokens: a plain
    backtracking search tries every subsequence (C(60, 10) ≈ 7.5e10)."""
    items = [PatternItem(Word("ANY")) for _ in range(10)] + [PatternItem(Word("NEVER"))]
    tokens: list[Any] = list(range(60))
    matcher = _CountingMatcher()
    found = _match_items(matcher, items, tokens, False, {}, [], forward=True)  # type: ignore[arg-type]
    assert found is None
    assert matcher.calls <= len(items) * len(tokens) * len(tokens)


def test_the_flat_pattern_matcher_still_finds_a_match() -> None:
    items = [PatternItem(Word("ANY"), joined_to_next=True), PatternItem(Word("ANY"))]
    assert _match_items(_CountingMatcher(), items, list(range(5)), False, {}, [],  # type: ignore[arg-type]
                        forward=True) == 2  # fmt: skip
