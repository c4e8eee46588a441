"""The whole dev set merged into one knowledge base: records join across documents only on a
shared name, acronym or alias (two documents' "the Treaty" need not be one treaty)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyad.evaluation.gold import ArticleGoldFile
from dyad.evaluation.read import read_gold
from dyad.evaluation.texts import documents
from dyad.knowledge import KnowledgeBase, KnowledgeExtractor
from dyad.knowledge.merge import docs_of, name_keys
from dyad.nlp import parse_documents

GOLD = Path(__file__).resolve().parents[2] / "dev" / "articles" / "gold.jsonl"


@pytest.fixture(scope="module")
def merged(extractor: KnowledgeExtractor) -> tuple[KnowledgeBase, list[KnowledgeBase]]:
    gold = read_gold(GOLD)
    assert isinstance(gold, ArticleGoldFile)
    bases = [extractor.extract(parsed) for parsed in
             parse_documents(documents(gold, date(2000, 1, 1)), nlp=extractor.nlp)]
    base = KnowledgeBase()
    for one in bases:
        base = base.merge(one)
    return base, bases


def test_dev_set_agreements_join_documents_only_by_name(
        merged: tuple[KnowledgeBase, list[KnowledgeBase]]) -> None:  # fmt: skip
    base, bases = merged
    by_id = {a.id: a for one in bases for a in one.agreements}
    for agreement in base.agreements:
        parts = [by_id[i] for i in (agreement.id, *agreement.aliases) if i in by_id]
        if len(docs_of(agreement.mentions)) < 2:
            continue
        keys = [name_keys(p) for p in parts]
        assert all(keys), agreement.name  # every part has a name
        assert set.intersection(*keys) or all(k & keys[0] for k in keys), agreement.name


def test_dev_set_institutions_join_documents_only_by_name(
        merged: tuple[KnowledgeBase, list[KnowledgeBase]]) -> None:  # fmt: skip
    base, bases = merged
    by_id = {i.id: i for one in bases for i in one.institutions}
    for institution in base.institutions:
        parts = [by_id[i] for i in (institution.id, *institution.aliases) if i in by_id]
        if len(docs_of(institution.mentions)) >= 2:
            assert len({p.name.lower() for p in parts}) == 1, institution.name


def test_dev_set_merging_keeps_every_document_record(
        merged: tuple[KnowledgeBase, list[KnowledgeBase]]) -> None:  # fmt: skip
    base, bases = merged
    assert sum(len(b.agreements) for b in bases) >= len(base.agreements) > 0
    ids = {a.id for a in base.agreements} | {x for a in base.agreements for x in a.aliases}
    assert ids == {a.id for b in bases for a in b.agreements}
