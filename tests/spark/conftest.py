"""Spark fixtures: one local[2] SparkSession for the test session, a corpus of a few hundred
real and generated news documents, its Spark output and its `dyad ingest` store.

Tests that need Spark are skipped (with the reason) only where Java is not installed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from dyad.errors import DyadError
from dyad.spark.session import find_java
from dyad.store.backend import open_backend
from dyad.store.ingest import IngestOptions, IngestReport, ingest
from tests.store.conftest import store_url  # noqa: F401 - the store fixture, for import tests
from tests.store.helpers import NEWS as STORE_NEWS

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

    from dyad.spark.job import CodeReport

ROOT = Path(__file__).resolve().parents[2]
NEWS = ROOT / "benchmarks" / "corpus" / "news-5000.jsonl"
EXAMPLES = ROOT / "examples"
#: Generated news documents taken from the head of the benchmark corpus.
NEWS_DOCUMENTS = 300


def _java_missing() -> str:
    try:
        find_java()
    except DyadError as exc:
        return exc.message
    return ""


JAVA_MISSING = _java_missing()
needs_spark = pytest.mark.skipif(bool(JAVA_MISSING), reason=f"Spark tests: {JAVA_MISSING}")


def corpus_lines() -> list[str]:
    """The identity corpus: generated news, the nine example articles, and the awkward cases
    (a repeated document, a conflicting id, a non-UTF-8 line, a line that is not JSON)."""
    lines = NEWS.read_text(encoding="utf-8").splitlines()[:NEWS_DOCUMENTS]
    lines += [json.dumps(record) for record in STORE_NEWS]  # reports of one event, two outlets
    for path in sorted(EXAMPLES.glob("*.txt")):  # undated but the founding article
        record = {"id": path.name, "text": path.read_text(encoding="utf-8"), "source": "examples"}
        if path.name == "japan-centers.txt":
            record["date"] = "2024-07-02"
        lines.append(json.dumps(record))
    lines.append(lines[0])  # the same document again: stored once
    conflict = json.loads(lines[1])
    conflict["text"] = "Japan condemned Russia. " + conflict["text"]
    lines.append(json.dumps(conflict))  # same id, other text: the first is kept
    return lines


def write_corpus(path: Path) -> Path:
    """Write the identity corpus, with a non-UTF-8 line and a broken line in the middle."""
    lines = [line.encode("utf-8") for line in corpus_lines()]
    lines.insert(5, b'{"id": "latin-1", "text": "Caf\xe9 diplomacy in Paris."}')
    lines.insert(9, b'{"id": "broken", "text": ')
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    """One local[2] SparkSession for every Spark test."""
    if JAVA_MISSING:
        pytest.skip(f"Spark tests: {JAVA_MISSING}")
    from dyad.spark.session import build_session

    session = build_session("local[2]", app_name="dyad tests")
    yield session
    session.stop()


@dataclass(frozen=True)
class Coded:
    """The identity corpus, coded and merged on Spark."""

    corpus: Path
    output: Path
    events: Path
    report: CodeReport
    merged: int


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The identity corpus as a JSONL file."""
    return write_corpus(tmp_path_factory.mktemp("corpus") / "news.jsonl")


@pytest.fixture(scope="session")
def coded(spark: SparkSession, corpus: Path, tmp_path_factory: pytest.TempPathFactory
          ) -> Coded:
    """`dyad spark code` and `dyad spark merge` of the corpus, in local[2]."""
    from dyad.spark.job import run_code
    from dyad.spark.merge import run_merge

    folder = tmp_path_factory.mktemp("spark")
    report = run_code(spark, [str(corpus)], str(folder / "out"))
    merged = run_merge(spark, str(folder / "out"), str(folder / "events"))
    return Coded(corpus, folder / "out", folder / "events", report, merged)


@dataclass(frozen=True)
class Ingested:
    """The identity corpus stored by `dyad ingest`."""

    db: Path
    report: IngestReport


@pytest.fixture(scope="session")
def ingested(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    """The corpus ingested into a DuckDB store the ordinary way (two worker processes)."""
    db = tmp_path_factory.mktemp("store") / "news.duckdb"
    backend = open_backend(str(db), create=True)
    try:
        report = ingest(backend, [str(corpus)], IngestOptions(workers=2))
    finally:
        backend.close()
    return Ingested(db, report)

