"""The store queries the web UI needs beyond `dyad.store`: overview figures, and a document
with its sentences. (Lists of events come from `dyad.store.listing`.)

Every value reaches the database as a parameter; table and column names are fixed here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dyad.errors import DocumentNotFoundError, QueryError
from dyad.store.backend import Backend
from dyad.store.query import LISTING_COLUMNS, record
from dyad.store.timeline import PERIODS

_EVENT_COLUMNS = ", ".join(f"e.{c}" for c in LISTING_COLUMNS)


def recent_events(backend: Backend, limit: int = 10) -> list[dict[str, Any]]:
    """The latest dated events, newest first."""
    columns, rows = backend.fetch(
        f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.date IS NOT NULL "
        f"ORDER BY e.date DESC, e.event_id{backend.text_order} LIMIT ?", [limit])
    return [record(columns, row) for row in rows]


@dataclass(frozen=True)
class Totals:
    """How much the store holds."""

    documents: int
    sentences: int
    mentions: int
    events: int
    first_date: str
    last_date: str


def totals(backend: Backend) -> Totals:
    """Counts of documents, sentences, mentions and events, and the span of event dates."""
    documents, sentences, mentions, events = (
        int(backend.rows(f"SELECT count(*) FROM {table}")[0][0])
        for table in ("documents", "sentences", "mentions", "events"))
    first, last = backend.rows("SELECT min(date), max(date) FROM events")[0]
    return Totals(documents, sentences, mentions, events, first.isoformat() if first else "",
                  last.isoformat() if last else "")


@dataclass(frozen=True)
class DyadCount:
    """A pair of countries (or other three-letter actor codes) and how many events they share."""

    first: str
    second: str
    events: int
    goldstein: float


def top_dyads(backend: Backend, limit: int = 10) -> list[DyadCount]:
    """The most active pairs of three-letter actor codes, either direction counted together."""
    rows = backend.rows(
        "SELECT least(a, b) AS x, greatest(a, b) AS y, count(*) AS n, sum(goldstein) AS g "
        "FROM (SELECT substr(source, 1, 3) AS a, substr(target, 1, 3) AS b, goldstein "
        "      FROM events WHERE length(source) >= 3 AND length(target) >= 3) pairs "
        "WHERE a <> b AND a <> '---' AND b <> '---' "
        f"GROUP BY 1, 2 ORDER BY n DESC, x{backend.text_order}, y{backend.text_order} LIMIT ?",
        [limit])
    return [DyadCount(str(x), str(y), int(n), round(float(g or 0.0), 3)) for x, y, n, g in rows]


QUAD_LABELS: dict[int, str] = {
    1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
    4: "material conflict"}


def store_timeline(backend: Backend, by: str = "month") -> list[dict[str, Any]]:
    """Events per period and QuadClass over the whole store, with their summed Goldstein score."""
    if by not in PERIODS:
        raise QueryError(f"bad period {by!r}: expected one of {', '.join(PERIODS)}")
    rows = backend.rows(
        "SELECT CAST(date_trunc(?, date) AS DATE) AS period, quad_class, count(*), "
        "sum(goldstein) FROM events WHERE date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2", [by])
    return [{"period": period.isoformat(), "quad_class": int(quad),
             "quad": QUAD_LABELS.get(int(quad), "other"), "events": int(n),
             "goldstein": round(float(g or 0.0), 3)} for period, quad, n, g in rows]


@dataclass(frozen=True)
class StoredSentence:
    """A stored sentence with the coder's explanations (empty for stores that lack them)."""

    sentence_id: int
    text: str
    start: int
    end: int
    discarded: str
    actors: list[str]
    reasons: list[str]
    explained: bool  # whether the store keeps the coder's explanations


@dataclass(frozen=True)
class StoredDocument:
    """A stored document, its sentences, and its mentions with the ids of their events."""

    document: dict[str, Any]
    sentences: list[StoredSentence]
    mentions: list[dict[str, Any]]


_DOCUMENT = ("doc_id", "date", "url", "source", "title", "origin", "outlet", "text",
             "n_sentences", "n_events", "ingested_at")
_DOC_MENTIONS = (
    "SELECT e.event_id, m.ordinal, m.sentence_id, m.source, m.source_text, m.target, "
    "m.target_text, m.code, m.root, m.plover, m.goldstein, m.quad_class, m.mode, m.date, "
    "m.date_text, m.attribution, m.trigger, m.spans "
    "FROM mentions m JOIN events e ON m.source = e.source AND m.target = e.target "
    "AND m.code = e.code AND ((m.date >= e.date AND m.date <= e.last_date) "
    "OR (m.date IS NULL AND e.date IS NULL)) WHERE m.doc_id = ? ORDER BY m.ordinal")


def _sentence_columns(backend: Backend) -> list[str]:
    """The sentence columns to read: the explanations only where the store keeps them."""
    columns = ["sentence_id", "text", "span_start", "span_end", "discarded"]
    names = {str(c).lower() for c in backend.fetch("SELECT * FROM sentences LIMIT 0")[0]}
    return columns + [c for c in ("actors", "reasons") if c in names]


def _json_list(value: Any) -> list[str]:
    if not value:
        return []
    try:
        loaded = json.loads(value)
    except (TypeError, ValueError):
        return []
    return [str(item) for item in loaded] if isinstance(loaded, list) else []


def stored_document(backend: Backend, doc_id: str) -> StoredDocument:
    """A document by id with its sentences and mentions; DocumentNotFoundError if none."""
    columns, rows = backend.fetch(
        f"SELECT {', '.join(_DOCUMENT)} FROM documents WHERE doc_id = ?", [doc_id])
    if not rows:
        raise DocumentNotFoundError(doc_id)
    document = record(columns, rows[0])
    if document["ingested_at"] is not None:
        document["ingested_at"] = str(document["ingested_at"])
    wanted = _sentence_columns(backend)
    names, found = backend.fetch(
        f"SELECT {', '.join(wanted)} FROM sentences WHERE doc_id = ? ORDER BY sentence_id",
        [doc_id])
    sentences = []
    for row in found:
        value = dict(zip(names, row, strict=True))
        sentences.append(StoredSentence(
            int(value["sentence_id"]), str(value["text"]), int(value["span_start"]),
            int(value["span_end"]), str(value["discarded"]), _json_list(value.get("actors")),
            _json_list(value.get("reasons")), "reasons" in value))
    columns, rows = backend.fetch(_DOC_MENTIONS, [doc_id])
    return StoredDocument(document, sentences, [record(columns, row) for row in rows])


def document_ids(backend: Backend, doc_ids: Sequence[str]) -> dict[str, str]:
    """The titles of those of `doc_ids` the store holds ("" where a document has none)."""
    unique = sorted(set(doc_ids))
    if not unique:
        return {}
    marks = ", ".join("?" * len(unique))
    return {str(d): str(t) for d, t in backend.rows(
        f"SELECT doc_id, title FROM documents WHERE doc_id IN ({marks})", unique)}
