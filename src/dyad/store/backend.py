"""DuckDB and PostgreSQL behind one small interface: run parameterised SQL, bulk-insert rows.

SQL is written once, with `?` placeholders; the PostgreSQL back end turns them into psycopg's
`%s`. Table and column names come from `dyad.store.schema`, never from user input.

Both back ends store text without NUL characters: PostgreSQL text cannot hold one (a document
with "\\u0000" in its text would fail every batch it is in), so every string written or
compared, in inserted rows and in query parameters, has each NUL replaced by a space
(`clean_text`) on DuckDB as on PostgreSQL. A space keeps every character offset (sentence
spans, event spans) valid; document ids are cleaned the same way, in look-ups too, so a
document with a NUL in its id is found again on the next run.
"""

from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from dyad.errors import StoreError

Row = tuple[Any, ...]
Params = Sequence[Any]

#: The store used when neither --db nor DYAD_DB names one.
DEFAULT_DB = "dyad.duckdb"
#: The PostgreSQL advisory lock key that serialises writers ("dyad" in ASCII).
_WRITE_LOCK = 0x64796164
_POSTGRES = re.compile(r"^postgres(ql)?://", re.IGNORECASE)


def clean_text(text: str) -> str:
    """Text as the store keeps it: each NUL character replaced by a space."""
    return text.replace("\0", " ") if "\0" in text else text


def _clean(values: Sequence[Any]) -> list[Any]:
    return [clean_text(v) if isinstance(v, str) else v for v in values]


def _clean_rows(rows: Sequence[Row]) -> Sequence[Row]:
    """Rows with NUL-free strings; the same rows when none holds a NUL (the usual case)."""
    if not any("\0" in v for row in rows for v in row if isinstance(v, str)):
        return rows
    return [tuple(_clean(row)) for row in rows]


def is_postgres_url(location: str) -> bool:
    """Whether a --db value names a PostgreSQL database rather than a DuckDB file."""
    return bool(_POSTGRES.match(location))


def redact(location: str) -> str:
    """A store location fit for messages: a URL loses its password, whether in the user part
    (`user:secret@host`) or in the query (`?password=secret`, libpq's key=value form)."""
    if not is_postgres_url(location):
        return location
    parts = urlsplit(location)
    netloc = parts.netloc
    if parts.password is not None:
        host = parts.hostname or ""
        netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    query = "&".join(
        f"{key}=***" if key.lower() in ("password", "passfile") else f"{key}={value}"
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
    )
    return urlunsplit(parts._replace(netloc=netloc, query=query))


class Backend(ABC):
    """One open connection to a store: queries, bulk inserts and transactions."""

    dialect: ClassVar[str]
    #: What to put after a text ORDER BY key so that both back ends sort bytewise.
    text_order: ClassVar[str] = ""

    def __init__(self, location: str) -> None:
        self.location = redact(location)

    @abstractmethod
    def execute(self, sql: str, params: Params = ()) -> None:
        """Run one statement."""

    @abstractmethod
    def fetch(self, sql: str, params: Params = ()) -> tuple[list[str], list[Row]]:
        """Run a query: its column names and all its rows."""

    @abstractmethod
    def stream(self, sql: str, params: Params = (), *, size: int = 10_000
               ) -> Iterator[tuple[list[str], list[Row]]]:
        """Run a query and give its rows in batches of at most `size`, with the column names."""

    @abstractmethod
    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        """Bulk-insert rows (tuples in `columns` order) into a table."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """A block whose statements commit together, or not at all."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    def write_lock(self) -> None:  # noqa: B027 - a no-op where the database locks itself
        """Inside a transaction: wait until no other dyad process writes to this store."""

    def rows(self, sql: str, params: Params = ()) -> list[Row]:
        """Run a query and return its rows."""
        return self.fetch(sql, params)[1]

    def fail(self, exc: Exception) -> StoreError:
        """A StoreError naming this store, for a database driver's exception."""
        message = " ".join(str(exc).split())
        return StoreError(f"{self.location}: {message}")


class DuckDBBackend(Backend):
    """A DuckDB database file (or `:memory:`)."""

    dialect = "duckdb"

    def __init__(self, path: str, *, read_only: bool = False) -> None:
        import duckdb

        super().__init__(path)
        self._duckdb = duckdb
        try:
            self.con = duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreError(f"{path}: the database is in use by another process",
                                 hint="wait for the other dyad command to finish") from None
            raise StoreError(f"{path}: cannot open the database ({exc})") from None
        except duckdb.Error as exc:
            raise StoreError(f"{path}: cannot open the database ({exc})") from None

    def execute(self, sql: str, params: Params = ()) -> None:
        try:
            self.con.execute(sql, _clean(params))
        except self._duckdb.Error as exc:
            raise self.fail(exc) from exc

    def fetch(self, sql: str, params: Params = ()) -> tuple[list[str], list[Row]]:
        try:
            cursor = self.con.execute(sql, _clean(params))
            columns = [d[0] for d in cursor.description or ()]
            return columns, cursor.fetchall()
        except self._duckdb.Error as exc:
            raise self.fail(exc) from exc

    def stream(self, sql: str, params: Params = (), *, size: int = 10_000
               ) -> Iterator[tuple[list[str], list[Row]]]:
        try:
            cursor = self.con.execute(sql, _clean(params))  # only this query may run meanwhile
            columns = [d[0] for d in cursor.description or ()]
            while batch := cursor.fetchmany(size):
                yield columns, batch
        except self._duckdb.Error as exc:
            raise self.fail(exc) from exc

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        if not rows:
            return
        try:
            appender = self.con.appender(table, columns=list(columns))
            appender.append_rows(_clean_rows(rows))
            appender.flush()
        except self._duckdb.Error as exc:
            raise self.fail(exc) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.execute("COMMIT")

    def close(self) -> None:
        self.con.close()


class PostgresBackend(Backend):
    """A PostgreSQL database, by URL (psycopg 3)."""

    dialect = "postgresql"
    text_order = ' COLLATE "C"'

    def __init__(self, url: str) -> None:
        import psycopg

        super().__init__(url)
        self._psycopg = psycopg
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: cannot connect ({_first_line(exc)})",
                             hint="check the URL and that the server is running") from None

    def write_lock(self) -> None:
        self.execute("SELECT pg_advisory_xact_lock(?)", [_WRITE_LOCK])

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, params: Params = ()) -> None:
        try:
            self.conn.execute(self._sql(sql), _clean(params))
        except self._psycopg.Error as exc:
            raise self.fail(exc) from exc

    def fetch(self, sql: str, params: Params = ()) -> tuple[list[str], list[Row]]:
        try:
            with self.conn.cursor() as cursor:
                cursor.execute(self._sql(sql), _clean(params))
                columns = [d.name for d in cursor.description or ()]
                return columns, cursor.fetchall() if cursor.description else []
        except self._psycopg.Error as exc:
            raise self.fail(exc) from exc

    def stream(self, sql: str, params: Params = (), *, size: int = 10_000
               ) -> Iterator[tuple[list[str], list[Row]]]:
        try:
            with self.conn.transaction(), self.conn.cursor(name="dyad_stream") as cursor:
                cursor.execute(self._sql(sql), _clean(params))
                columns: list[str] | None = None
                while batch := cursor.fetchmany(size):
                    if columns is None:
                        columns = [d.name for d in cursor.description or ()]
                    yield columns, batch
        except self._psycopg.Error as exc:
            raise self.fail(exc) from exc

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        if not rows:
            return
        statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        try:
            with self.conn.cursor() as cursor, cursor.copy(statement) as copy:
                for row in _clean_rows(rows):
                    copy.write_row(row)
        except self._psycopg.Error as exc:
            raise self.fail(exc) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with self.conn.transaction():
                yield
        except self._psycopg.Error as exc:
            raise self.fail(exc) from exc

    def close(self) -> None:
        self.conn.close()


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def open_backend(location: str, *, create: bool = False, read_only: bool = False) -> Backend:
    """Connect to a store: a PostgreSQL URL or a DuckDB file (created only when `create`)."""
    if is_postgres_url(location):
        return PostgresBackend(location)
    if location != ":memory:":
        if os.path.isdir(location):
            raise StoreError(f"{location}: is a directory, not a database file")
        if not create and not os.path.exists(location):
            raise StoreError(f"{location}: no such database",
                             hint=f"create it with: dyad ingest FILES --db {location}")
        read_only = read_only and not create
    return DuckDBBackend(location, read_only=read_only and location != ":memory:")
