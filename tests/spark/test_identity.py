"""Spark gives the store's events: `dyad spark code` + `dyad spark merge` of a corpus equal
`dyad ingest` of it, event for event (same ids, counts and best mentions)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pytest

from dyad.spark.rows import MENTION_FIELDS, mention_store_row
from dyad.store.schema import EVENT_COLUMNS, MENTION_COLUMNS
from tests.spark.conftest import Coded, Ingested, needs_spark

pytestmark = needs_spark


def _parquet(pattern: Path, columns: tuple[str, ...], *, hive: bool = False) -> list[Any]:
    with duckdb.connect() as con:
        source = (f"read_parquet('{pattern}', hive_partitioning = true, "
                  "hive_types = {'date': 'VARCHAR'})" if hive else f"read_parquet('{pattern}')")
        select = ", ".join(
            "CASE WHEN date = '__HIVE_DEFAULT_PARTITION__' THEN NULL ELSE CAST(date AS DATE) END"
            if hive and c == "date" else c for c in columns)
        return con.execute(f"SELECT {select} FROM {source}").fetchall()


def _store(db: Path, sql: str) -> list[Any]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _sorted(rows: list[Any]) -> list[Any]:
    return sorted((tuple(r) for r in rows), key=repr)


def test_merged_events_equal_the_stores_events(coded: Coded, ingested: Ingested) -> None:
    spark_events = _parquet(coded.events / "*.parquet", EVENT_COLUMNS)
    store_events = _store(ingested.db, f"SELECT {', '.join(EVENT_COLUMNS)} FROM events")
    assert len(spark_events) == coded.merged
    assert _sorted(spark_events) == _sorted(store_events)
    value = [dict(zip(EVENT_COLUMNS, row, strict=True)) for row in spark_events]
    assert len(value) > 500
    assert any(e["num_mentions"] > 1 for e in value)  # reports were merged
    assert any(e["num_articles"] > 1 and e["num_sources"] > 1 for e in value)
    assert any(e["last_date"] != e["date"] for e in value)  # a chain over two days
    assert any(e["date"] is None for e in value)  # undated documents give undated events
    assert any(e["location"] for e in value)  # and the same places as the local coder


def test_mentions_equal_the_stores_mentions(coded: Coded, ingested: Ingested) -> None:
    rows = _parquet(coded.output / "mentions" / "*" / "*.parquet", MENTION_FIELDS, hive=True)
    spark_mentions = [mention_store_row(r) for r in rows]
    store_mentions = _store(ingested.db, f"SELECT {', '.join(MENTION_COLUMNS)} FROM mentions")
    assert _sorted(spark_mentions) == _sorted(store_mentions)
    assert coded.report.mentions == len(store_mentions) == ingested.report.mentions


def test_mentions_are_partitioned_by_date(coded: Coded) -> None:
    folders = {p.name for p in (coded.output / "mentions").iterdir() if p.is_dir()}
    assert "date=2024-07-02" in folders  # the founding article
    assert "date=__HIVE_DEFAULT_PARTITION__" in folders  # undated mentions
    assert all(f.startswith("date=") for f in folders)
    rows = _parquet(coded.output / "mentions" / "date=2024-07-02" / "*.parquet", ("doc_id",))
    assert ("japan-centers.txt",) in rows


def test_report_counts_as_ingest_does(coded: Coded, ingested: Ingested) -> None:
    report, stored = coded.report, ingested.report
    assert report.coded == stored.coded == stored.stored
    assert report.read == stored.read
    assert report.duplicates == stored.already_stored == 1
    assert report.errors == Counter({"bad JSONL record": 2, "conflict": 1})
    assert stored.skipped == Counter({"bad JSONL record": 2, "conflict": 1})


def test_documents_equal_the_stores_documents(coded: Coded, ingested: Ingested) -> None:
    columns = ("doc_id", "content_hash", "date", "url", "source", "title", "outlet", "text",
               "n_sentences", "n_events")
    spark_documents = _parquet(coded.output / "documents" / "*.parquet", columns)
    store_documents = _store(ingested.db, f"SELECT {', '.join(columns)} FROM documents")
    assert _sorted(spark_documents) == _sorted(store_documents)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_after_loading_the_output_equals_export_after_ingest(
        coded: Coded, ingested: Ingested, tmp_path: Path, run: Any, fmt: str) -> None:
    db = tmp_path / "loaded.duckdb"
    code, out, _ = run("ingest", "--from-parquet", str(coded.output), "--db", str(db))
    assert code == 0, out
    assert f"stored:          {coded.report.coded:,}" in out
    assert run("export", "--format", fmt, "--db", str(db), str(tmp_path / "a"))[0] == 0
    assert run("export", "--format", fmt, "--db", str(ingested.db), str(tmp_path / "b"))[0] == 0
    loaded = (tmp_path / "a").read_bytes()
    assert loaded == (tmp_path / "b").read_bytes()
    assert loaded.count(b"\n") > 500
