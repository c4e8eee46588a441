"""`dyad.open(path)`: a Python handle on an event store, whose queries give frames.

    >>> store = dyad.open("dyad.duckdb")
    >>> store.events(dyad="RUS:JPN", root="16").pl()          # a Polars frame
    >>> store.timeline("RUS", "JPN", by="week").df()          # a pandas frame
    >>> store.sql("SELECT code, count(*) FROM events GROUP BY code").relation()  # DuckDB
    >>> store.agreements().df()                                  # knowledge as frames too
    >>> store.status("Japan Center").lines()                    # reads only what it needs
    >>> store.pair_knowledge("RUS", "JPN").agreements           # the dyad page's records
    >>> store.select("agreement", party="RUS", state="suspended")
    >>> store.knowledge()                   # every merged record: slow on a large store

Each query returns a `Result`: `.relation()` (a DuckDB relation), `.df()` (pandas), `.pl()`
(Polars), `.records()` (dicts) or `.rows()`. On PostgreSQL (and for timelines) the rows are
fetched first and `.relation()` is a DuckDB relation over them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import TracebackType
from typing import TYPE_CHECKING, Any

from dyad.errors import KnowledgeNotFoundError
from dyad.knowledge.model import Agreement, Claim, Institution, KnowledgeBase
from dyad.knowledge.pairs import DyadKnowledge
from dyad.knowledge.status import STATUS_LIMIT, StatusAnswer
from dyad.store.backend import DEFAULT_DB, Backend, DuckDBBackend, Row, open_backend
from dyad.store.knowledge import (
    KNOWLEDGE_TYPES,
    knowledge_fingerprint,
    load_item,
    load_knowledge,
    load_records,
)
from dyad.store.knowledge_reads import (
    load_document_knowledge,
    load_pair,
    load_status,
    select_ids,
)
from dyad.store.listing import Facets, event_facets
from dyad.store.query import (
    EventDetail,
    EventFilter,
    Near,
    event_detail,
    events_sql,
    parse_condition,
    parse_day,
)
from dyad.store.schema import check_schema
from dyad.store.timeline import TIMELINE_COLUMNS, timeline

if TYPE_CHECKING:
    import duckdb
    import polars


@dataclass
class Result:
    """A query on the store, run when its rows are asked for, in the form asked for."""

    backend: Backend
    sql: str
    params: Sequence[Any] = ()
    _fetched: tuple[list[str], list[Row]] | None = field(default=None, repr=False)

    def _fetch(self) -> tuple[list[str], list[Row]]:
        if self._fetched is None:
            self._fetched = self.backend.fetch(self.sql, self.params)
        return self._fetched

    @property
    def columns(self) -> list[str]:
        """The result's column names."""
        return self._fetch()[0]

    def rows(self) -> list[Row]:
        """The rows, as tuples."""
        return self._fetch()[1]

    def records(self) -> list[dict[str, Any]]:
        """The rows, as dicts keyed by column name."""
        columns, rows = self._fetch()
        return [dict(zip(columns, row, strict=True)) for row in rows]

    @property
    def _lazy(self) -> bool:
        """Whether DuckDB itself can run the query (else the rows are fetched first)."""
        return isinstance(self.backend, DuckDBBackend) and bool(self.sql)

    def relation(self) -> duckdb.DuckDBPyRelation:
        """The query as a DuckDB relation (lazy on DuckDB; over fetched rows otherwise)."""
        if self._lazy:
            assert isinstance(self.backend, DuckDBBackend)
            relation: duckdb.DuckDBPyRelation = self.backend.con.sql(
                self.sql, params=list(self.params))
            return relation
        import duckdb

        frame = self.pl()
        return duckdb.from_arrow(frame.to_arrow())

    def df(self) -> Any:
        """The rows as a pandas DataFrame."""
        if self._lazy:
            return self.relation().df()
        import pandas  # type: ignore[import-untyped]

        columns, rows = self._fetch()
        return pandas.DataFrame.from_records(rows, columns=columns)

    def pl(self) -> polars.DataFrame:
        """The rows as a Polars DataFrame."""
        if self._lazy:
            frame: polars.DataFrame = self.relation().pl()
            return frame
        import polars

        columns, rows = self._fetch()
        return polars.DataFrame(rows, schema=columns, orient="row", infer_schema_length=None)


class EventStore:
    """An open event store (DuckDB file or PostgreSQL URL) and the queries it answers."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._knowledge: tuple[tuple[object, ...], KnowledgeBase] | None = None

    def sql(self, query: str, params: Sequence[Any] = ()) -> Result:
        """Any SQL query on the store's tables (`documents`, `sentences`, `mentions`,
        `events`, `knowledge`, the `event_mentions` view), with `?` parameters."""
        return Result(self.backend, query, params)

    def events(self, *, limit: int | None = None, **filters: Any) -> Result:
        """Events filtered as `dyad events` filters them (`event_filter`'s keywords), with
        the listing's columns, by date then id. Dates are `date`s or YYYY-MM-DD text; anything
        else is a QueryError with the command line's message."""
        sql, params = events_sql(self.backend, event_filter(**filters), limit=limit)
        return Result(self.backend, sql, params)

    def facets(self, **filters: Any) -> Facets:
        """How many events the filters of `events` select, and how many per CAMEO root,
        QuadClass, source and target country and year."""
        return event_facets(self.backend, event_filter(**filters))

    def event(self, event_id: str) -> EventDetail:
        """One event and all its mentions."""
        return event_detail(self.backend, event_id)

    def mentions(self, event_id: str | None = None) -> Result:
        """Every mention with its event id (of one event, if given)."""
        if event_id is None:
            return Result(self.backend, "SELECT * FROM event_mentions")
        return Result(self.backend, "SELECT * FROM event_mentions WHERE event_id = ?",
                      [event_id])

    def timeline(self, first: str, second: str, *, by: str = "month",
                 since: date | str | None = None, until: date | str | None = None) -> Result:
        """A dyad's timeline (both directions) as a result with TIMELINE_COLUMNS."""
        rows = timeline(self.backend, first, second, by=by, since=parse_day(since, "since"),
                        until=parse_day(until, "until"))
        fetched = (list(TIMELINE_COLUMNS),
                   [tuple(getattr(r, c) for c in TIMELINE_COLUMNS) for r in rows])
        return Result(self.backend, "", (), fetched)

    def knowledge(self, *, types: Sequence[str] = KNOWLEDGE_TYPES) -> KnowledgeBase:
        """The agreements, institutions and claims of the whole store, merged across documents,
        their status derived from the stored evidence (ask it with
        `dyad.knowledge.status.answer_status(kb, "Japan Center")`, or list it with
        `select_agreements`, `select_institutions`, `select_claims`).

        This loads every merged record (seconds on a store of 100,000 documents): to answer
        one question, `status`, `pair_knowledge`, `document_knowledge` and `select` read only
        the records it may need and give the same answers. The full load is kept until
        documents are added or removed; `types` ("agreement", "institution", "claim") loads
        only those records (each type merges on its own)."""
        if tuple(types) != KNOWLEDGE_TYPES:
            return load_knowledge(self.backend, types=types)
        mark = knowledge_fingerprint(self.backend)
        if self._knowledge is None or self._knowledge[0] != mark:
            self._knowledge = (mark, load_knowledge(self.backend))
        return self._knowledge[1]

    def status(self, query: str, *, limit: int | None = STATUS_LIMIT) -> StatusAnswer:
        """What the store says about the state of what `query` names ("Japan Center"), with
        the evidence: `answer_status(self.knowledge(), query, limit=limit)` (the first
        `limit` institutions, agreements and claims, and how many there are; None: all),
        reading only the records it shows."""
        return load_status(self.backend, query, limit=limit)

    def pair_knowledge(self, first: str, second: str) -> DyadKnowledge:
        """The agreements, institutions and claims of a pair of countries (the dyad page's),
        reading only the records that name them."""
        return load_pair(self.backend, first, second)

    def document_knowledge(self, doc_id: str) -> DyadKnowledge:
        """The agreements, institutions and claims a document states something about."""
        return load_document_knowledge(self.backend, doc_id)

    def select(self, kind_of: str, *, party: str = "", state: str = "", query: str = "",
               limit: int | None = None) -> list[Agreement | Institution | Claim]:
        """The merged records of one type ("agreement", "institution", "claim") that
        `select_agreements` (`select_institutions`, `select_claims`) would give for these
        filters, in the same order (the first `limit`), reading only those records."""
        ids = select_ids(self.backend, kind_of, party=party, state=state, query=query)
        return load_records(self.backend, kind_of, ids[:limit] if limit is not None else ids)

    def agreements(self) -> Result:
        """Every agreement as a row (for `.df()` or `.pl()`): its fields, lists of names
        joined by "; ", nested evidence (steps, mentions) as JSON text."""
        return _records(self, [a.to_dict() for a in self.knowledge(types=("agreement",))
                               .agreements])

    def institutions(self) -> Result:
        """Every institution as a row (as `agreements` gives them)."""
        return _records(self, [i.to_dict() for i in self.knowledge(types=("institution",))
                               .institutions])

    def claims(self) -> Result:
        """Every claim as a row (as `agreements` gives them)."""
        return _records(self, [c.to_dict() for c in self.knowledge(types=("claim",)).claims])

    def knowledge_item(self, item_id: str) -> Agreement | Institution | Claim:
        """One agreement, institution or claim by id (an id it absorbed in a merge finds it
        too); KnowledgeNotFoundError if the store has none."""
        found = load_item(self.backend, item_id.strip())
        if found is None:
            raise KnowledgeNotFoundError(item_id)
        return found

    def documents(self, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Where the named documents came from: doc_id -> {"origin", "title", "url", "date"}
        (to show which document a piece of evidence is in; unknown ids are left out)."""
        wanted = sorted(set(doc_ids))
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(wanted), 256):
            part = wanted[start : start + 256]
            columns, rows = self.backend.fetch(
                f"SELECT doc_id, origin, title, url, date FROM documents "
                f"WHERE doc_id IN ({', '.join('?' * len(part))})", part)
            for row in rows:
                record = dict(zip(columns, row, strict=True))
                found[str(record.pop("doc_id"))] = record
        return found

    def close(self) -> None:
        """Close the connection."""
        self.backend.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


def flat(value: Any) -> Any:
    """A value of a record as one cell: lists of text joined by "; ", other lists and
    objects as JSON text, the rest as it is."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _records(store: EventStore, items: list[dict[str, Any]]) -> Result:
    columns = list(dict.fromkeys(key for item in items for key in item))
    rows = [tuple(flat(item.get(c)) for c in columns) for item in items]
    return Result(store.backend, "", (), (columns, rows))


def event_filter(*, actor: str = "", dyad: str = "", pair: str = "", source: str = "",
                 target: str = "", root: str = "", code: str = "", plover: str = "",
                 quad_class: int | None = None, since: date | str | None = None,
                 until: date | str | None = None, q: str = "", outlet: str = "",
                 doc: str = "", where: Sequence[str] = (), country: str = "",
                 near: str = "") -> EventFilter:
    """The criteria of `dyad events` from its options' names: code prefixes (`actor` either
    side, `source`, `target`, `dyad` SOURCE:TARGET, `pair` A:B both ways), CAMEO `root` and
    `code`, `plover` type, `quad_class`, dates, words `q`, news `outlet`, document `doc`,
    `where` conditions, and where it happened: `country` (three-letter code) and `near`
    ("LAT,LON,KM"). QueryError for a bad date, condition or circle."""
    return EventFilter(
        actor=actor, dyad=dyad, pair=pair, source=source, target=target, root=root, code=code,
        plover=plover.upper(), quad_class=quad_class, since=parse_day(since, "since"),
        until=parse_day(until, "until"), words=q, outlet=outlet, document=doc,
        where=tuple(parse_condition(w) for w in where), country=country.strip().upper(),
        near=Near.parse(near) if near.strip() else None)


def default_location() -> str:
    """The store to use when none is named: $DYAD_DB, else dyad.duckdb here."""
    return os.environ.get("DYAD_DB") or DEFAULT_DB


def open_store(location: str | os.PathLike[str] | None = None, *, read_only: bool = True
               ) -> EventStore:
    """Open an event store: a DuckDB file path or a `postgresql://` URL (default: $DYAD_DB,
    else dyad.duckdb). StoreError if it is missing or not a dyad store."""
    where = os.fspath(location) if location is not None else default_location()
    backend = open_backend(where, read_only=read_only)
    try:
        check_schema(backend)
    except BaseException:
        backend.close()
        raise
    return EventStore(backend)
