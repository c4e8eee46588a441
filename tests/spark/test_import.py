"""`dyad ingest --from-parquet`: a Spark output loaded into a store (DuckDB and PostgreSQL)
gives the events `dyad ingest` gives, and loading it again adds nothing."""

from __future__ import annotations

from typing import Any

from dyad.store.backend import open_backend
from dyad.store.parquet_import import import_parquet
from tests.spark.conftest import Coded, Ingested, needs_spark
from tests.store.helpers import check_consistent, counts, snapshot

pytestmark = needs_spark


def _sentences(backend: Any) -> list[Any]:
    return sorted(backend.rows("SELECT doc_id, sentence_id, text, span_start, span_end, "
                               "discarded FROM sentences"), key=repr)


def test_loaded_output_equals_the_ingested_store(coded: Coded, ingested: Ingested,
                                                 store_url: str) -> None:
    reference = open_backend(str(ingested.db), read_only=True)
    backend = open_backend(store_url, create=True)
    try:
        report = import_parquet(backend, str(coded.output), batch_size=50)
        assert (report.read, report.stored, report.mentions) == (
            coded.report.coded, coded.report.coded, coded.report.mentions)
        assert counts(backend) == counts(reference)
        assert snapshot(backend) == snapshot(reference)
        assert _sentences(backend) == _sentences(reference)
        check_consistent(backend)

        again = import_parquet(backend, str(coded.output))
        assert (again.stored, again.already_stored, again.mentions) == (0, report.read, 0)
        assert snapshot(backend) == snapshot(reference)
    finally:
        backend.close()
        reference.close()
