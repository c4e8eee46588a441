"""Load the Parquet output of `dyad spark code` into an event store (DuckDB or PostgreSQL).

The output's documents (with their sentences and knowledge) and mentions are read with an
in-memory DuckDB, joined by document id, and stored in batches, one transaction each, as
`dyad ingest` stores them; each batch's mentions are merged into the stored events by the
store's own code (`dyad.store.events.update_events`), so the events are those an ingest of the
same documents gives. Documents already stored are skipped (a different text is a conflict,
and the stored one is kept), so loading twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dyad.errors import InputError, StoreError
from dyad.spark.rows import MENTION_FIELDS, mention_of, mention_store_row
from dyad.store.backend import Backend, Row
from dyad.store.events import update_events
from dyad.store.ingest import stored_hashes
from dyad.store.knowledge_groups import ensure_groups, refresh_groups
from dyad.store.merge import Mention
from dyad.store.schema import (
    DOCUMENT_COLUMNS,
    KNOWLEDGE_COLUMNS,
    MENTION_COLUMNS,
    SENTENCE_COLUMNS,
    create_schema,
)

DOCUMENTS = "documents"
MENTIONS = "mentions"
_SUCCESS = "_SUCCESS"
_UNDATED = "__HIVE_DEFAULT_PARTITION__"  # Spark's folder name for a null partition value


@dataclass
class ParquetImportReport:
    """What loading a Spark output did."""

    read: int = 0  # documents in the output
    stored: int = 0
    already_stored: int = 0
    conflicts: list[str] = field(default_factory=list)  # ids stored before with another text
    mentions: int = 0

    def summary(self, *, limit: int = 20) -> list[str]:
        """The report as lines of text."""
        lines = [f"documents read:    {self.read:,}",
                 f"  already stored:  {self.already_stored:,}",
                 f"  stored:          {self.stored:,}",
                 f"event mentions:    {self.mentions:,}",
                 f"conflicts:         {len(self.conflicts):,}"]
        lines += [f"  - document id {doc_id!r} is already stored with different text "
                  "(the stored one is kept)" for doc_id in self.conflicts[:limit]]
        if len(self.conflicts) > limit:
            lines.append(f"  … and {len(self.conflicts) - limit:,} more")
        return lines


def _parquet_files(folder: Path) -> list[str]:
    if not (folder / _SUCCESS).is_file():
        raise InputError(str(folder), "not the finished output of `dyad spark code` (no "
                         "_SUCCESS marker: the job failed or is still running)",
                         hint="run: dyad spark code INPUT OUTPUT, then load OUTPUT")
    return sorted(str(p) for p in folder.rglob("*.parquet") if not p.name.startswith((".", "_")))


def _joined_sql(mention_files: list[str]) -> str:
    fields = ", ".join(
        f"'{name}': " + (f"CASE WHEN date = '{_UNDATED}' THEN NULL ELSE CAST(date AS DATE) END"
                         if name == "date" else name)
        for name in MENTION_FIELDS)
    if not mention_files:
        return "SELECT d.*, [] AS mentions FROM read_parquet($documents) d ORDER BY d.doc_id"
    return f"""
        WITH m AS (
            SELECT doc_id, list({{{fields}}} ORDER BY ordinal) AS mentions
            FROM read_parquet($mentions, hive_partitioning = true,
                              hive_types = {{'date': 'VARCHAR'}})
            GROUP BY doc_id)
        SELECT d.*, coalesce(m.mentions, []) AS mentions
        FROM read_parquet($documents) d LEFT JOIN m USING (doc_id)
        ORDER BY d.doc_id"""


def read_output(folder: str, *, size: int = 200) -> Iterator[list[dict[str, Any]]]:
    """The documents of a `dyad spark code` output, each with its `mentions`, in batches."""
    import duckdb

    root = Path(folder)
    if not root.is_dir():
        raise InputError(folder, "no such folder (expected the output of `dyad spark code`)")
    documents = _parquet_files(root / DOCUMENTS)
    mentions = _parquet_files(root / MENTIONS)
    if not documents:
        return
    con = duckdb.connect()
    try:
        params: dict[str, Any] = {"documents": documents}
        if mentions:
            params["mentions"] = mentions
        cursor = con.execute(_joined_sql(mentions), params)
        columns = [d[0] for d in cursor.description or ()]
        while batch := cursor.fetchmany(size):
            yield [dict(zip(columns, row, strict=True)) for row in batch]
    except duckdb.Error as exc:
        raise InputError(folder, f"cannot read the Parquet output ({exc})") from None
    finally:
        con.close()


def _pick(record: dict[str, Any], columns: Sequence[str], what: str) -> Row:
    missing = [c for c in columns if c not in record]
    if missing:
        raise StoreError(f"the Parquet {what} lack the store's column(s) {', '.join(missing)}",
                         hint="write the output again with this version of dyad")
    return tuple(record[c] for c in columns)


def batch_rows(records: Sequence[dict[str, Any]], now: datetime
               ) -> tuple[dict[str, list[Row]], list[Mention]]:
    """Store rows per table, and the mentions to merge, for documents read from the output."""
    tables: dict[str, list[Row]] = {"documents": [], "sentences": [], "mentions": [],
                                    "knowledge": []}
    merged: list[Mention] = []
    for record in records:
        doc_id = record["doc_id"]
        tables["documents"].append(_pick({**record, "ingested_at": now}, DOCUMENT_COLUMNS,
                                         "documents"))
        tables["sentences"] += [_pick({**s, "doc_id": doc_id}, SENTENCE_COLUMNS, "sentences")
                                for s in record["sentences"]]
        tables["knowledge"] += [_pick({**k, "doc_id": doc_id}, KNOWLEDGE_COLUMNS, "knowledge")
                                for k in record.get("knowledge") or ()]
        for mention in record["mentions"]:
            values = _pick(mention, MENTION_FIELDS, "mentions")
            tables["mentions"].append(mention_store_row(values))
            merged.append(mention_of(values))
    return tables, merged


_COLUMNS = {"documents": DOCUMENT_COLUMNS, "sentences": SENTENCE_COLUMNS,
            "mentions": MENTION_COLUMNS, "knowledge": KNOWLEDGE_COLUMNS}


def import_parquet(backend: Backend, folder: str, *, batch_size: int = 200
                   ) -> ParquetImportReport:
    """Store the documents, sentences, knowledge and mentions of a `dyad spark code` output
    and merge its mentions into the store's events."""
    create_schema(backend)
    ensure_groups(backend)
    report = ParquetImportReport()
    for batch in read_output(folder, size=batch_size):
        report.read += len(batch)
        stored = stored_hashes(backend, [r["doc_id"] for r in batch])
        fresh = []
        for record in batch:
            known = stored.get(record["doc_id"])
            if known is None:
                fresh.append(record)
            elif known == record["content_hash"]:
                report.already_stored += 1
            else:
                report.conflicts.append(record["doc_id"])
        if not fresh:
            continue
        tables, merged = batch_rows(fresh, datetime.now(UTC).replace(tzinfo=None))
        with backend.transaction():
            backend.write_lock()
            for table, rows in tables.items():
                backend.insert(table, _COLUMNS[table], rows)
            refresh_groups(backend, [str(row[0]) for row in tables["documents"]])
            update_events(backend, merged, {(str(row[0]), int(row[1])): str(row[2])
                                            for row in tables["sentences"]})
        report.stored += len(fresh)
        report.mentions += len(merged)
    return report

