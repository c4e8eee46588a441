"""The event store: ingest coded documents into DuckDB or PostgreSQL, merge, query, export."""

from dyad.store.handle import EventStore, Result, open_store

__all__ = ["EventStore", "Result", "open_store"]
