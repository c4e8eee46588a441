"""Tests for dyad.coding.syntax helpers on spaCy tokens and on their plain copies."""

from __future__ import annotations

from typing import Any

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
def docs() -> list[Any]:
    nlp = load_pipeline()
    return [nlp(text) for text in SENTENCES]


def test_in_clause_is_membership_of_clause_tokens(docs: list[Any]) -> None:
    for doc in docs:
        for version in (doc, PlainDoc(doc)):
            for root in version:
                own = {t.i for t in clause_tokens(root)}
                assert {t.i for t in version if in_clause(t, root)} == own


def test_plain_tokens_give_the_same_phrases_and_roles(docs: list[Any]) -> None:
    for doc in docs:
        plain = PlainDoc(doc)
        for token, mine in zip(doc, plain, strict=True):
            assert [t.i for t in np_tokens(mine)] == [t.i for t in np_tokens(token)]
            assert [t.i for t in np_tokens(mine)] == [t.i for t in np_tokens(mine)]  # remembered
            theirs = pobj_of(token)
            assert getattr(pobj_of(mine), "i", None) == getattr(theirs, "i", None)
            ours, spacys = predicate_roles(mine), predicate_roles(token)
            assert [t.i for t in ours.subjects] == [t.i for t in spacys.subjects]
            assert [t.i for t in ours.objects] == [t.i for t in spacys.objects]
            assert [t.i for t in ours.complement] == [t.i for t in spacys.complement]
            assert ours.passive == spacys.passive


def test_np_tokens_copy_is_the_callers(docs: list[Any]) -> None:
    plain = PlainDoc(docs[2])
    head = next(t for t in plain if t.text == "ceasefire")
    first = np_tokens(head)
    first.clear()
    assert [t.text for t in np_tokens(head)] == ["The", "ceasefire"]
