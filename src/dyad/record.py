"""The shapes every stage shares: a `Document` going in, an `EventRecord` coming out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

Span = tuple[int, int] | None

if TYPE_CHECKING:
    from dyad.geo.location import Location

#: Field names of the event record, in the order DESIGN.md gives them.
EVENT_FIELDS: tuple[str, ...] = (
    "doc_id",
    "sentence_id",
    "sentence",
    "source",
    "source_text",
    "target",
    "target_text",
    "code",
    "root",
    "plover",
    "goldstein",
    "quad_class",
    "mode",
    "date",
    "date_text",
    "attribution",
    "trigger",
    "spans",
    "location",
)


@dataclass(frozen=True)
class Document:
    """One news document: its text and what is known about it."""

    id: str
    text: str
    date: date | None = None
    url: str = ""
    source: str = ""
    title: str = ""
    origin: str = ""  # where it was read from, e.g. "news.jsonl:12", for messages
    speaker: str = ""  # who "we" and "I" are: an actor code ("JPNGOV") or name, if known


@dataclass(frozen=True)
class EventRecord:
    """One coded event: who did what to whom, when, per whom, with its evidence."""

    doc_id: str
    sentence_id: int
    sentence: str
    source: str
    source_text: str
    target: str
    target_text: str
    code: str
    root: str
    plover: str
    goldstein: float
    quad_class: int
    mode: str
    date: str
    date_text: str
    attribution: str
    trigger: str
    spans: dict[str, Span] = field(default_factory=dict)
    location: Location | None = None  # where it happened, when the text says (`dyad.geo`)

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict with exactly the contract's fields, in order."""
        location = self.location
        data = asdict(replace(self, location=None))
        data["spans"] = {k: (list(v) if v is not None else None) for k, v in self.spans.items()}
        data["location"] = location.to_dict() if location is not None else None
        return {name: data[name] for name in EVENT_FIELDS}
