"""backend: DuckDB and PostgreSQL behind one interface; locations and their errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dyad.errors import StoreError
from dyad.store.backend import Backend, is_postgres_url, open_backend, redact
from dyad.store.schema import (
    EVENT_COLUMNS,
    SCHEMA_VERSION,
    check_schema,
    create_schema,
    table_statements,
)


@pytest.mark.parametrize(
    ("location", "postgres"),
    [("dyad.duckdb", False), ("postgresql://u@h/db", True), ("postgres://h/db", True),
     ("POSTGRESQL://h/db", True), ("data/postgresql.duckdb", False)],
)
def test_backend_kind_by_location(location: str, postgres: bool) -> None:
    assert is_postgres_url(location) is postgres


def test_backend_redacts_passwords() -> None:
    assert redact("postgresql://dyad:secret@db.example:5432/events") == (
        "postgresql://dyad:***@db.example:5432/events")
    assert redact("postgresql://dyad@h/e") == "postgresql://dyad@h/e"
    assert redact("postgresql://dyad@h/e?sslmode=require&password=secret") == (
        "postgresql://dyad@h/e?sslmode=require&password=***")
    assert "secret" not in redact("postgres://a:secret@h/e?PASSWORD=secret&passfile=/x")


def test_backend_roundtrip(backend: Backend) -> None:
    backend.execute("CREATE TEMP TABLE scratch (a TEXT, n INTEGER)")
    with backend.transaction():
        backend.insert("scratch", ("a", "n"), [("x", 1), ("y%?", 2), ("z", None)])
    assert backend.rows("SELECT a, n FROM scratch WHERE a LIKE ? ORDER BY a", ["y%"]) == [
        ("y%?", 2)]
    with pytest.raises(RuntimeError), backend.transaction():
        backend.insert("scratch", ("a", "n"), [("w", 3)])
        raise RuntimeError("undo")
    assert backend.rows("SELECT count(*) FROM scratch") == [(3,)]
    batches = list(backend.stream("SELECT a FROM scratch ORDER BY a", size=2))
    assert [rows for _, rows in batches] == [[("x",), ("y%?",)], [("z",)]]
    assert batches[0][0] == ["a"]


def test_backend_sql_errors_are_store_errors(backend: Backend) -> None:
    with pytest.raises(StoreError) as caught:
        backend.rows("SELECT nothing FROM nowhere")
    assert caught.value.message.startswith(backend.location + ": ")


def test_backend_schema_is_created_once(backend: Backend) -> None:
    create_schema(backend)
    check_schema(backend)
    version = backend.rows("SELECT value FROM meta WHERE key = 'schema_version'")
    assert version == [(SCHEMA_VERSION,)]


def test_backend_schema_version_mismatch(backend: Backend) -> None:
    backend.execute("UPDATE meta SET value = '99'")
    with pytest.raises(StoreError, match="schema version 99"):
        check_schema(backend)


def test_backend_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        open_backend(str(tmp_path / "none.duckdb"))
    with pytest.raises(StoreError, match="is a directory"):
        open_backend(str(tmp_path))


def test_backend_duckdb_in_use_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "busy.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
         "print('ready', flush=True); sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError) as caught:
            open_backend(str(path), create=True)
        assert caught.value.message == f"{path}: the database is in use by another process"
    finally:
        holder.communicate("")


def test_backend_postgres_unreachable() -> None:
    with pytest.raises(StoreError) as caught:
        open_backend("postgresql://nobody:pw@127.0.0.1:1/none?connect_timeout=2")
    assert caught.value.message.startswith("postgresql://nobody:***@127.0.0.1:1/none")
    assert "cannot connect" in caught.value.message


_POINT_READ = ("event_id", "doc_id", "sentence", "source_text", "target_text", "spans",
               "location", "listing")


def test_only_duckdb_stores_the_long_event_texts_uncompressed() -> None:
    for statement in table_statements("postgresql"):
        assert "{point_read}" not in statement and "COMPRESSION" not in statement
    events = next(s for s in table_statements("duckdb") if "TABLE IF NOT EXISTS events" in s)
    kept = {line.split()[0] for line in events.splitlines() if "USING COMPRESSION" in line}
    assert kept == set(_POINT_READ)


def test_duckdb_keeps_the_long_event_texts_uncompressed(tmp_path: Path) -> None:
    backend = open_backend(str(tmp_path / "events.duckdb"), create=True)
    try:
        create_schema(backend)
        values = ", ".join(
            "CAST(range AS VARCHAR)" if c in ("event_id", "doc_id") else
            "'a fairly long sentence, the same in every row of the table'" if c in _POINT_READ
            else "CURRENT_DATE" if c in ("date", "last_date") else
            "NULL" if c.startswith("location") else
            "0" if c in ("goldstein", "quad_class", "num_mentions", "num_sources",
                         "num_articles", "ordinal", "sentence_id") else "'x'"
            for c in EVENT_COLUMNS)
        backend.execute(f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) "
                        f"SELECT {values} FROM range(5000)")
        backend.execute("CHECKPOINT")
        found = dict(backend.rows(
            "SELECT column_name, string_agg(DISTINCT compression, ',') "
            "FROM pragma_storage_info('events') WHERE segment_type = 'VARCHAR' GROUP BY 1"))
    finally:
        backend.close()
    assert all(found[c] == "Uncompressed" for c in _POINT_READ), found
    assert found["source"] != "Uncompressed"
