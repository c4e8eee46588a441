"""Coding pasted text for the web: a document from a request, analysed by one shared analyser.

The analyser (spaCy model, dictionaries, event coder and knowledge extractor) is built on first
use, once per app, and used by one request at a time.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from typing import Any

from dyad.coding.coder import EventCoder
from dyad.io.read import content_id
from dyad.io.text import text_document
from dyad.record import Document
from dyad.store.backend import Backend
from dyad.store.ingest import content_hash, stored_hashes, write_batch
from dyad.store.workers import AnalysedDocument, CoderSpec, DocumentAnalyser

#: The largest text the code page and POST /api/code accept, in bytes of UTF-8.
MAX_TEXT_BYTES = 200_000


def pasted_document(text: str, *, day: date | None, doc_id: str = "", title: str = "",
                    url: str = "", source: str = "") -> Document:
    """A document from pasted text, checked as a text file is (InputError if unusable)."""
    checked = text_document(text.encode("utf-8"), path="text", doc_id=doc_id.strip(),
                            default_date=day)
    return replace(checked, id=checked.id or content_id(checked.text), title=title.strip(),
                   url=url.strip(), source=source.strip(), origin="web")


class TextAnalyser:
    """Codes documents and extracts their knowledge, building the analyser on first use."""

    def __init__(self, coder: EventCoder | None = None, spec: CoderSpec | None = None) -> None:
        self._analyser = DocumentAnalyser(coder) if coder is not None else None
        self._spec = spec or CoderSpec()
        self._lock = threading.Lock()

    def analyse(self, document: Document) -> AnalysedDocument:
        """The document's events, sentence explanations and knowledge."""
        with self._lock:
            if self._analyser is None:
                self._analyser = self._spec.build_analyser()
            return next(iter(self._analyser.analyse([document])))


def coded_summary(analysed: AnalysedDocument) -> dict[str, Any]:
    """What coding a document gave, as JSON-ready values."""
    coded = analysed.coded
    document = coded.document
    return {
        "doc_id": document.id,
        "date": document.date.isoformat() if document.date else "",
        "events": [event.to_dict() for event in coded.events],
        "sentences": [{"sentence_id": s.sentence_id, "text": s.text, "span": list(s.span),
                       "actors": list(s.actors), "reasons": list(s.predicates),
                       "discarded": s.discarded} for s in coded.sentences],
        "knowledge": analysed.knowledge.to_dict(),
    }


STORED = "stored"
ALREADY_STORED = "already stored"
CONFLICT = "conflict"


def save_document(backend: Backend, analysed: AnalysedDocument) -> str:
    """Store an analysed document as `dyad ingest` does: STORED, ALREADY_STORED (same id and
    text) or CONFLICT (the id is stored with other text; nothing is written)."""
    document = analysed.document
    known = stored_hashes(backend, [document.id]).get(document.id)
    if known is not None:
        return ALREADY_STORED if known == content_hash(document.text) else CONFLICT
    write_batch(backend, [analysed])
    return STORED
