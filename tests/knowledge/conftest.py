"""Fixtures: one knowledge extractor per session, sharing the event coder's dictionaries and
actor resolver, and helpers that parse texts with the one pipeline (`load_pipeline`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from dyad.coding.coder import EventCoder
from dyad.knowledge import KnowledgeBase, KnowledgeExtractor
from dyad.nlp import load_pipeline, parse_documents
from dyad.record import Document

DAY = date(2024, 7, 2)  # a Tuesday, the Japan Centers article's date
Extract = Callable[..., KnowledgeBase]


@pytest.fixture(scope="session")
def extractor(coder: EventCoder) -> KnowledgeExtractor:
    return KnowledgeExtractor(coder.dictionaries, resolver=coder.resolver, nlp=load_pipeline())


@pytest.fixture(scope="session")
def extract(extractor: KnowledgeExtractor) -> Extract:
    """Knowledge of one text, or of several texts (one document each) merged."""

    def run(*texts: str, day: date = DAY) -> KnowledgeBase:
        documents = [Document(id=f"doc{n}", text=t, date=day) for n, t in enumerate(texts)]
        base = KnowledgeBase()
        for parsed in parse_documents(documents, nlp=extractor.nlp):
            base = base.merge(extractor.extract(parsed))
        return base

    return run
