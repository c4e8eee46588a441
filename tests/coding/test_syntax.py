"""Tests for dyad.coding.syntax helpers, on the plain copies of parsed sentences that the coder
walks (tests/coding/test_tokens.py checks those copies against spaCy token by token)."""

from __future__ import annotations

import pytest

from dyad.coding.syntax import clause_tokens, in_clause, np_tokens, pobj_of, predicate_roles
from dyad.coding.tokens import PlainDoc
from dyad.nlp import load_pipeline

SENTENCES = [
    "Japan said on Monday that it would close the centers, which opened in 2003, and Russia "
    "protested.",
    "If Tokyo alters its approach, Moscow is ready to resume talks with the Japanese side.",
    "The ceasefire proposed by Egypt was rejected by Hamas last week.",
]


@pytest.fixture(scope="module")
def docs() -> list[PlainDoc]:
    nlp = load_pipeline()
    return [PlainDoc(nlp(text)) for text in SENTENCES]


def test_in_clause_is_membership_of_clause_tokens(docs: list[PlainDoc]) -> None:
    for doc in docs:
        for root in doc:
            own = {t.i for t in clause_tokens(root)}
            assert {t.i for t in doc if in_clause(t, root)} == own


def test_remembered_phrases_and_roles_are_the_first_ones(docs: list[PlainDoc]) -> None:
    for doc in docs:
        for token in doc:
            phrase = [t.i for t in np_tokens(token)]
            assert [t.i for t in np_tokens(token)] == phrase
            obj = pobj_of(token)
            assert pobj_of(token) is obj
            first, again = predicate_roles(token), predicate_roles(token)
            assert [t.i for t in first.subjects] == [t.i for t in again.subjects]
            assert [t.i for t in first.complement] == [t.i for t in again.complement]


def test_passive_roles_make_the_agent_the_subject(docs: list[PlainDoc]) -> None:
    rejected = next(t for t in docs[2] if t.text == "rejected")
    roles = predicate_roles(rejected)
    assert roles.passive
    assert [t.text for t in roles.subjects] == ["Hamas"]  # the agent: who did it


def test_np_tokens_copy_is_the_callers(docs: list[PlainDoc]) -> None:
    plain = docs[2]
    head = next(t for t in plain if t.text == "ceasefire")
    first = np_tokens(head)
    first.clear()
    assert [t.text for t in np_tokens(head)] == ["The", "ceasefire"]
