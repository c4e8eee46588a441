"""The web app's way into the store: one connection per worker thread for reads, one writer.

DuckDB allows one writing process per file. The app opens the file once (read-only unless
writes are allowed) and gives each thread a cursor of that one database; writes go through a
single connection under a lock. DuckDB runs each query on one thread: the server answers
requests side by side, and splitting a query of a few milliseconds over threads costs more
processor time than it saves (about 30 % more per page of events under load). PostgreSQL gets a
connection per thread and one for writes (the store's advisory lock serialises writers across
processes).

The facet counts of a filter (`facets`) are kept while the store cannot change behind the
app's back: a DuckDB file (no other process writes a file the app has open) until the app
itself writes; never for PostgreSQL, which other processes write to at any time, nor when
the app keeps nothing (`keep_facets=False`: `dyad serve --cache-mb 0`).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from dyad.knowledge.model import Agreement, Claim, Institution, KnowledgeBase
from dyad.knowledge.pairs import DyadKnowledge
from dyad.knowledge.status import STATUS_LIMIT, StatusAnswer
from dyad.knowledge.summary import RecordSummary
from dyad.store.backend import Backend, DuckDBBackend, is_postgres_url
from dyad.store.handle import EventStore, open_store
from dyad.store.knowledge import (
    knowledge_fingerprint,
    load_knowledge,
    load_records,
    load_summaries,
)
from dyad.store.knowledge_groups import groups_built
from dyad.store.knowledge_reads import load_document_knowledge, load_pair, load_status
from dyad.store.listing import Facets, event_facets
from dyad.store.query import EventFilter
from dyad.store.schema import create_schema
from dyad.web.cache import KeptValues
from dyad.web.records import RecordPage, sql_page, summary_page

#: How many counted values (facet values and chart periods, a few hundred bytes each) the
#: kept facet counts hold in all: about 30 MB at most.
KEPT_FACET_VALUES = 100_000

#: The most institutions, agreements and claims (each) a status answer of the web shows.
STATUS_MAX = 200


class StoreAccess:
    """Thread-safe access to one store for the lifetime of the app."""

    def __init__(self, location: str, *, writable: bool = False, keep_facets: bool = True
                 ) -> None:
        self.location = location
        self.writable = writable
        self._postgres = is_postgres_url(location)
        self._base = open_store(location, read_only=not writable)
        if not self._postgres:  # one thread a query (see above)
            self._base.backend.execute("SET threads TO 1")
        self._local = threading.local()
        self._opened: list[EventStore] = []
        self._guard = threading.Lock()
        self._write_lock = threading.Lock()
        self._writer: Backend | None = None
        self._knowledge: tuple[tuple[object, ...], KnowledgeBase] | None = None
        self._knowledge_lock = threading.Lock()
        self._summaries: dict[str, tuple[tuple[object, ...], list[RecordSummary]]] = {}
        self._facets: KeptValues[Facets] = KeptValues(
            KEPT_FACET_VALUES if keep_facets and not self._postgres else 0)

    @property
    def dialect(self) -> str:
        """"duckdb" or "postgresql"."""
        return self._base.backend.dialect

    def _connect(self) -> EventStore:
        if self._postgres:
            return open_store(self.location)
        base = self._base.backend
        assert isinstance(base, DuckDBBackend)
        backend = copy.copy(base)
        backend.con = base.con.cursor()
        return EventStore(backend)

    def reader(self) -> EventStore:
        """This thread's connection to the store."""
        store: EventStore | None = getattr(self._local, "store", None)
        if store is None:
            store = self._connect()
            with self._guard:
                self._opened.append(store)
            self._local.store = store
        return store

    @contextmanager
    def writer(self) -> Iterator[Backend]:
        """The one writing connection, held by one request at a time."""
        if not self.writable:
            raise RuntimeError("the store was opened read-only")
        with self._write_lock:
            if self._writer is None:
                self._writer = self._connect().backend
                create_schema(self._writer)  # the per-connection scratch table writes need
            try:
                yield self._writer
            finally:
                self._knowledge = None
                self._summaries = {}
                self._facets.clear()

    def facets(self, criteria: EventFilter, *, by: str | None = None) -> Facets:
        """`event_facets` of the filter (and chart period), counted once while the store is
        unchanged (see above)."""
        key = (criteria, by)
        try:
            kept = self._facets.get(key)
        except TypeError:  # a --where value that cannot be a key: count every time
            return event_facets(self.reader().backend, criteria, by=by)
        if kept is not None:
            return kept
        generation = self._facets.generation
        counted = event_facets(self.reader().backend, criteria, by=by)
        size = 1 + len(counted.periods) + sum(len(c) for c in counted.counts.values())
        self._facets.put(key, counted, generation, size)
        return counted

    def knowledge(self) -> KnowledgeBase:
        """The merged knowledge of the whole store (as `EventStore.knowledge()` gives it), loaded
        once and again only when documents were added or removed (slow on a large store: the
        pages read what they show with `status`, `pair`, `document`, `record_page`)."""
        backend = self.reader().backend
        mark = knowledge_fingerprint(backend)
        with self._knowledge_lock:
            if self._knowledge is not None and self._knowledge[0] == mark:
                return self._knowledge[1]
            loaded = load_knowledge(backend)
            self._knowledge = (mark, loaded)
            return loaded

    def status(self, query: str, *, limit: int = STATUS_LIMIT) -> StatusAnswer:
        """`answer_status` for the query (the first `limit` records of each type, at most
        `STATUS_MAX`), reading only the records it shows."""
        return load_status(self.reader().backend, query, limit=max(1, min(limit, STATUS_MAX)))

    def pair(self, first: str, second: str, *, limit: int | None = None) -> DyadKnowledge:
        """The knowledge of a pair of countries (the first `limit` records of each type),
        reading only the records it gives."""
        return load_pair(self.reader().backend, first, second, limit=limit)

    def document(self, doc_id: str) -> DyadKnowledge:
        """The knowledge a document states something about, reading only its records."""
        return load_document_knowledge(self.reader().backend, doc_id)

    def summaries(self, kind_of: str) -> list[RecordSummary]:
        """What lists need of the merged records of one type (`load_summaries`), loaded once
        and again only when documents were added or removed: for a store that does not keep
        its merge (`record_page` answers from SQL otherwise)."""
        backend = self.reader().backend
        mark = knowledge_fingerprint(backend)
        with self._knowledge_lock:
            kept = self._summaries.get(kind_of)
            if kept is not None and kept[0] == mark:
                return kept[1]
            loaded = load_summaries(backend, kind_of)
            self._summaries[kind_of] = (mark, loaded)
            return loaded

    def record_page(self, kind_of: str, values: Mapping[str, str], *, sort: str = "name",
                    cursor: str = "", size: int | None = None) -> RecordPage:
        """A page of a knowledge list (`dyad.web.records`): answered in SQL from the merge
        the store keeps, or from the kept summaries of a store that keeps none."""
        backend = self.reader().backend
        if groups_built(backend):
            return sql_page(backend, kind_of, values, sort=sort, cursor=cursor, size=size)
        return summary_page(self.summaries(kind_of), values, sort=sort, cursor=cursor,
                            size=size)

    def records(self, kind_of: str, ids: Sequence[str]) -> list[Agreement | Institution | Claim]:
        """The merged records of one type with these ids, in that order."""
        return load_records(self.reader().backend, kind_of, ids)

    def close(self) -> None:
        """Close every connection the app opened."""
        with self._guard:
            opened, self._opened = self._opened, []
        for store in opened:
            store.close()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self._base.close()
