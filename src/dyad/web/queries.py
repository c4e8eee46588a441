"""The store queries the web UI and API need beyond `dyad.store`: pages of events (keyset or
offset), both directions of a dyad, overview figures, and a document with its sentences.

Every value reaches the database as a parameter; table and column names are fixed here.
Event pages are ordered as `dyad events` orders them (date, undated last, then id) and are
fetched with `LIMIT n + 1`, so a request never counts or scans past the page it shows.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from dyad.errors import DocumentNotFoundError, QueryError
from dyad.store.backend import Backend, Row
from dyad.store.query import LISTING_COLUMNS, EventFilter, record, search_words
from dyad.store.timeline import PERIODS

_EVENT_COLUMNS = ", ".join(f"e.{c}" for c in LISTING_COLUMNS)
#: What a page reads of each event: the cursor's date and id, and the listing record as JSON.
_PAGE_COLUMNS = "e.date, e.event_id, e.listing"


@dataclass(frozen=True)
class Cursor:
    """Where a page of events ends: the last event's date (None if undated) and id."""

    day: date | None
    event_id: str

    def encode(self) -> str:
        """The cursor as an opaque URL-safe string."""
        raw = f"{self.day.isoformat() if self.day else ''}|{self.event_id}"
        return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        """A cursor from `encode`'s string; QueryError if it is not one."""
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("utf-8")
            day, event_id = raw.split("|", 1)
            return cls(date.fromisoformat(day) if day else None, event_id)
        except (ValueError, binascii.Error, UnicodeDecodeError):
            raise QueryError(f"bad cursor {text!r}: use the `next` link of a previous page"
                             ) from None


@dataclass(frozen=True)
class EventPage:
    """One page of events, as the JSON texts of their listing records (the events table's
    `listing` column), and the cursor of the next page (None on the last page)."""

    listings: list[str]
    next_cursor: Cursor | None

    @property
    def events(self) -> list[dict[str, Any]]:
        """The page's events as records (LISTING_COLUMNS)."""
        return [json.loads(text) for text in self.listings]


def _after(backend: Backend, cursor: Cursor) -> tuple[str, list[Any]]:
    """Events after the cursor in the listing's order (date, undated last, then id)."""
    order = backend.text_order
    if cursor.day is None:
        return f"(e.date IS NULL AND e.event_id{order} > ?)", [cursor.event_id]
    return (f"(e.date > ? OR (e.date = ? AND e.event_id{order} > ?) OR e.date IS NULL)",
            [cursor.day, cursor.day, cursor.event_id])


def page_events(backend: Backend, criteria: EventFilter, *, limit: int = 50, offset: int = 0,
                cursor: Cursor | None = None) -> EventPage:
    """A page of the filtered events.

    On DuckDB the page is found first (row ids of the events, sorted by date and id) and only
    its rows are read in full; PostgreSQL does the same with its indexes by itself."""
    if backend.dialect == "duckdb" and search_words(criteria.words):
        return _page_by_words(backend, criteria, limit=limit, offset=offset, cursor=cursor)
    condition, params = criteria.sql(backend.dialect)
    parts = [condition]
    if cursor is not None:
        text, values = _after(backend, cursor)
        parts.append(text)
        params += values
    where = " AND ".join(p for p in parts if p != "TRUE") or "TRUE"
    order = f"e.date NULLS LAST, e.event_id{backend.text_order}"
    if backend.dialect == "duckdb":
        sql = (f"WITH page AS (SELECT e.rowid AS row_number FROM events e WHERE {where} "
               f"ORDER BY {order} LIMIT ? OFFSET ?) "
               f"SELECT {_PAGE_COLUMNS} FROM events e JOIN page "
               f"ON e.rowid = page.row_number ORDER BY {order}")
    else:
        sql = (f"SELECT {_PAGE_COLUMNS} FROM events e WHERE {where} ORDER BY {order} "
               "LIMIT ? OFFSET ?")
    return _page(backend.rows(sql, [*params, limit + 1, offset]), limit)


def _page(rows: Sequence[Row], limit: int) -> EventPage:
    """The page of `rows` (_PAGE_COLUMNS, one more than `limit` if a page follows)."""
    following = None
    if len(rows) > limit and limit > 0:
        day, event_id, _ = rows[limit - 1]
        following = Cursor(day, str(event_id))
    return EventPage([str(row[2]) for row in rows[:limit]], following)


def _page_by_words(backend: Backend, criteria: EventFilter, *, limit: int, offset: int,
                   cursor: Cursor | None) -> EventPage:
    """A page of events that a text search (and maybe more) selects, on DuckDB.

    `event_words` gives the matching events' ids and dates, and holds each event's source,
    target and first date. Every match is a stored event (the store keeps `event_words` in
    step with the events), so when the other criteria are on those columns alone (an actor, a
    dyad, an end date) the page's ids are the matches' own page in the listing's order; with
    other criteria (a root, a start date, ...) the matches are joined by id and date to the
    events the criteria select. Then the page's events are read in full by id (the events
    table's index finds them)."""
    hits, hit_params = criteria.word_hits(backend.dialect)
    after, after_params = "TRUE", list[Any]()
    if cursor is not None:
        after, after_params = _after(backend, cursor)
    order = f"e.date NULLS LAST, e.event_id{backend.text_order}"
    if not criteria.on_words_alone():
        rest, rest_params = replace(criteria, words="").sql(backend.dialect)
        found = backend.rows(
            f"SELECT e.event_id FROM ({hits}) h JOIN events e ON e.event_id = h.event_id "
            f"AND e.date IS NOT DISTINCT FROM h.date WHERE {rest} AND {after} "
            f"ORDER BY {order} LIMIT ? OFFSET ?",
            [*hit_params, *rest_params, *after_params, limit + 1, offset])
    else:
        found = backend.rows(
            f"SELECT e.event_id FROM ({hits}) e WHERE {after} ORDER BY {order} LIMIT ? OFFSET ?",
            [*hit_params, *after_params, limit + 1, offset])
    if not found:
        return EventPage([], None)
    ids = [str(r[0]) for r in found]
    return _page(backend.rows(
        f"SELECT {_PAGE_COLUMNS} FROM events e WHERE e.event_id IN "
        f"({', '.join('?' * len(ids))}) ORDER BY {order}", ids), limit)


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
