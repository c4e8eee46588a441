"""Hand-made coded events and documents for the evaluation tests (no coder needed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dyad.coding.coder import CodedDocument, SentenceReport
from dyad.record import Document, EventRecord


def event(source: str, target: str, code: str, sentence: str, *, sentence_id: int = 0,
          date: str = "") -> EventRecord:
    """A coded event with the fields the scorer reads."""
    return EventRecord(doc_id="t", sentence_id=sentence_id, sentence=sentence, source=source,
                       source_text=source, target=target, target_text=target, code=code,
                       root=code[:2], plover="", goldstein=0.0, quad_class=0, mode="",
                       date=date, date_text="", attribution="", trigger="")


def coded(*events: EventRecord, sentences: tuple[str, ...] = (),
          predicates: tuple[str, ...] = ("- no verb pattern: said",)) -> CodedDocument:
    """A coded document holding `events`, with one sentence report per sentence given."""
    reports = [SentenceReport(i, text, (0, len(text)), ("RUS:Russia",), predicates)
               for i, text in enumerate(sentences)]
    return CodedDocument(Document(id="t", text=" ".join(sentences) or "x"), list(events), reports)


def write_jsonl(path: Path, rows: list[dict[str, Any] | str]) -> Path:
    """Rows (objects, or raw strings kept as they are) as a JSONL file."""
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n",
                    encoding="utf-8")
    return path
