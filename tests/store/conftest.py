"""Store fixtures: every store test runs on DuckDB and, when DYAD_TEST_POSTGRES_URL is set,
on PostgreSQL (each test in a schema of its own)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from dyad.coding.coder import EventCoder
from dyad.store.backend import Backend, open_backend
from dyad.store.ingest import IngestOptions, IngestReport, ingest
from dyad.store.schema import create_schema
from tests.store.corpus import make_documents, write_jsonl
from tests.store.helpers import NEWS

POSTGRES_URL = os.environ.get("DYAD_TEST_POSTGRES_URL", "")


def _postgres_schema_url(name: str) -> str:
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options={quote(f'-csearch_path={name}')}"


@pytest.fixture(params=["duckdb", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store location: a DuckDB file, or a PostgreSQL URL with its own schema."""
    if request.param == "duckdb":
        yield str(tmp_path / "events.duckdb")
        return
    if not POSTGRES_URL:
        pytest.skip("DYAD_TEST_POSTGRES_URL is not set")
    import psycopg

    name = f"dyad_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    try:
        yield _postgres_schema_url(name)
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {name} CASCADE")


@pytest.fixture
def backend(store_url: str) -> Iterator[Backend]:
    """An open, empty store with dyad's schema."""
    opened = open_backend(store_url, create=True)
    create_schema(opened)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def run_ingest(coder: EventCoder) -> Callable[..., IngestReport]:
    """Ingest paths into a backend with the session's coder (in this process)."""

    def run(backend: Backend, paths: list[str], **options: Any) -> IngestReport:
        return ingest(backend, paths, IngestOptions(**options), coder=coder)

    return run


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSONL file of 40 generated documents (3 sentences each, dated over 10 days)."""
    return write_jsonl(tmp_path_factory.mktemp("corpus") / "news.jsonl", make_documents(40))


@pytest.fixture
def stored(backend: Backend, corpus: Path, run_ingest: Callable[..., IngestReport]) -> Backend:
    """The store with the generated corpus ingested."""
    run_ingest(backend, [str(corpus)])
    return backend


@pytest.fixture
def news(backend: Backend, tmp_path: Path, run_ingest: Callable[..., IngestReport]) -> Backend:
    """The store with the eight known NEWS documents ingested."""
    run_ingest(backend, [str(write_jsonl(tmp_path / "news.jsonl", list(NEWS)))])
    return backend
