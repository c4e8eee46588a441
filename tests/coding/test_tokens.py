"""Tests for dyad.coding.tokens: the plain copy of a parsed Doc says what spaCy says."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dyad.coding.tokens import PlainDoc, PlainToken, word_forms
from dyad.nlp import load_pipeline, parse_documents
from dyad.record import Document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SENTENCES = [
    "Russia said on Monday it would expel two Japanese diplomats.  Tokyo protested last week.",
    "Lawmakers and officials in Fornost and Gondor, who met in Bree, signed the U.S.-brokered "
    "accord, according to RIA Novosti.",
    "“We condemn the strikes,” Poland’s foreign minister told reporters in Warsaw on 3 May 2024.",
    "Kenya sent humanitarian assistance, troops and police to Somalia, Haiti and South Sudan.",
]


@pytest.fixture(scope="module")
def docs() -> list[Any]:
    nlp = load_pipeline()
    texts = [*SENTENCES, (EXAMPLES / "japan-centers.txt").read_text(encoding="utf-8")[:3000]]
    return [nlp(text) for text in texts]


def test_tokens_carry_spacys_attributes(docs: list[Any]) -> None:
    for doc in docs:
        plain = PlainDoc(doc)
        assert plain.text == doc.text
        assert len(plain) == len(doc)
        for token, mine in zip(doc, plain, strict=True):
            assert isinstance(mine, PlainToken)
            assert (mine.i, mine.text, mine.lower_, mine.lemma_, mine.idx) == (
                token.i, token.text, token.lower_, token.lemma_, token.idx,
            )  # fmt: skip
            assert (mine.pos_, mine.tag_, mine.dep_, mine.ent_type_) == (
                token.pos_, token.tag_, token.dep_, token.ent_type_,
            )  # fmt: skip
            assert mine.head.i == token.head.i
            assert [c.i for c in mine.children] == [c.i for c in token.children]
            assert [t.i for t in mine.subtree] == [t.i for t in token.subtree]
            assert [t.i for t in mine.conjuncts] == [t.i for t in token.conjuncts]
            assert (mine.left_edge.i, mine.right_edge.i) == (token.left_edge.i, token.right_edge.i)
            assert (mine.sent.start, mine.sent.end) == (token.sent.start, token.sent.end)
            assert mine.upper == token.text.upper()
            assert mine.lemma_upper == token.lemma_.upper()
            assert mine.forms == word_forms(mine.upper, mine.lemma_upper)


def test_sentences_entities_and_spans(docs: list[Any]) -> None:
    for doc in docs:
        plain = PlainDoc(doc)
        assert [(s.start, s.end, s.text) for s in plain.sents] == [
            (s.start, s.end, s.text) for s in doc.sents
        ]
        assert [(e.start, e.end, e.label_, e.text, e.root.i) for e in plain.ents] == [
            (e.start, e.end, e.label_, e.text, e.root.i) for e in doc.ents
        ]
        for sent, theirs in zip(plain.sents, doc.sents, strict=True):
            assert [(e.start, e.end) for e in sent.ents] == [(e.start, e.end) for e in theirs.ents]
            assert sent.words == [t.text.upper() for t in theirs]
        for start in range(0, len(doc), 3):
            for end in range(start + 1, min(start + 6, len(doc)) + 1):
                assert plain[start:end].text == doc[start:end].text
                assert plain[start:end].root.i == doc[start:end].root.i


@pytest.mark.parametrize("mode", ["strict", "contract", "expand"])
def test_char_span_aligns_as_spacy_does(docs: list[Any], mode: str) -> None:
    doc = docs[0]
    plain = PlainDoc(doc)
    for sent, theirs in zip(plain.sents, doc.sents, strict=True):
        length = len(theirs.text)
        for start in range(-1, length + 1):
            for end in range(start + 1, min(start + 12, length + 2)):
                mine = sent.char_span(start, end, alignment_mode=mode)
                spacy_span = theirs.char_span(start, end, alignment_mode=mode)
                expected = None if spacy_span is None else (spacy_span.start, spacy_span.end)
                assert (None if mine is None else (mine.start, mine.end)) == expected


def test_text_given_saves_joining_the_tokens(docs: list[Any]) -> None:
    doc = docs[1]
    assert [t.text for t in PlainDoc(doc, doc.text)] == [t.text for t in doc]


def test_nbor_stays_inside_the_document(docs: list[Any]) -> None:
    plain = PlainDoc(docs[0])
    assert plain[0].nbor().i == 1
    with pytest.raises(IndexError):
        plain[len(plain) - 1].nbor()


@pytest.mark.parametrize(
    ("upper", "lemma", "forms"),
    [
        ("TALKS", "TALK", {"TALKS", "TALK"}),
        ("CRISES", "CRISIS", {"CRISES", "CRISIS", "CRISE", "CRIS"}),
        ("PARTIES", "PARTY", {"PARTIES", "PARTY", "PARTIE", "PARTI"}),
        ("SENT", "SEND", {"SENT", "SEND"}),
    ],
)
def test_word_forms(upper: str, lemma: str, forms: set[str]) -> None:
    assert word_forms(upper, lemma) == forms


def test_release_breaks_the_references(docs: list[Any]) -> None:
    plain = PlainDoc(docs[0])
    tokens = list(plain)
    assert tokens[1].head is not None and plain.spacy_doc is docs[0]
    plain.release()
    assert plain.tokens == [] and plain.sents == [] and plain.spacy_doc is None
    assert not any(hasattr(t, "head") or hasattr(t, "doc") for t in tokens)


def test_coding_a_parsed_document_twice_gives_the_same(coder: Any) -> None:
    text = (EXAMPLES / "japan-centers.txt").read_text(encoding="utf-8")
    parsed = next(iter(parse_documents([Document("t", text, date(2024, 7, 2))])))
    first, second = coder.code_parsed(parsed), coder.code_parsed(parsed)
    assert first.events == second.events and first.sentences == second.sentences
    assert first.events
