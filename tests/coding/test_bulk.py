"""Preparing the garbage collector for bulk coding: same output, frozen model, rarer collections."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import date

import pytest

from dyad.coding.coder import BULK_GC_THRESHOLD, EventCoder, prepare_for_bulk_coding
from dyad.record import Document
from tests.conftest import EXAMPLES


@pytest.fixture
def restore_gc() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def _coded(coder: EventCoder, text: str) -> tuple[list[object], list[object]]:
    coded = next(iter(coder.code([Document(id="t", text=text, date=date(2024, 7, 2))])))
    return list(coded.events), list(coded.sentences)


@pytest.mark.usefixtures("restore_gc")
def test_prepare_for_bulk_coding_keeps_the_output_and_freezes_what_is_loaded(
    coder: EventCoder,
) -> None:
    text = (EXAMPLES / "japan-centers.txt").read_text(encoding="utf-8")
    before = _coded(coder, text)
    assert before[0], "the founding article codes events"
    gc.unfreeze()
    prepare_for_bulk_coding(coder.nlp)
    assert gc.get_freeze_count() > 100_000  # the spaCy pipeline and the dictionaries
    assert gc.get_threshold()[0] >= BULK_GC_THRESHOLD
    assert _coded(coder, text) == before
