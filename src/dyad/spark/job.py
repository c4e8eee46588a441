"""`dyad spark code`: read JSONL, code documents in the executors, write Parquet.

    OUTPUT/mentions/   one row per event record, partitioned by date (`date=YYYY-MM-DD/`)
    OUTPUT/documents/  one row per coded document, with its sentences
    OUTPUT/errors/     one row per line or document that gave no events: origin, kind, reason

Every id is deterministic (document ids are given or hashed from the text; a mention is
(doc_id, ordinal)), and every folder is written in Spark's overwrite mode through its output
committer, which keeps only the files of the task attempt that committed: a retried task or a
re-run replaces the output, never adds to it.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pyspark import RDD, StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from dyad.errors import DyadError, InputError
from dyad.io.walk import ReadProblem
from dyad.record import Document
from dyad.spark.coding import Placed, Tagged, code_groups
from dyad.spark.lines import BlockOffsets, LineOptions, block_offsets, parse_lines
from dyad.spark.paths import child, matches
from dyad.spark.rows import DOCUMENT, ERROR, MENTION, problem_row
from dyad.spark.schemas import DOCUMENT_SCHEMA, ERROR_SCHEMA, MENTION_SCHEMA
from dyad.store.workers import CoderSpec

MENTIONS = "mentions"
DOCUMENTS = "documents"
ERRORS = "errors"
_READ = "read"  # tag of a document on its way to the shuffle


@dataclass(frozen=True)
class CodeOptions:
    """How to run the coding job: partitions to code in, line rules, dictionaries."""

    partitions: int | None = None  # None: 4 per core Spark has
    lines: LineOptions = field(default_factory=LineOptions)
    spec: CoderSpec = field(default_factory=CoderSpec)


@dataclass
class CodeReport:
    """What a coding job did."""

    output: str
    partitions: int
    read: int = 0  # documents read (lines that held one)
    coded: int = 0
    mentions: int = 0
    errors: Counter[str] = field(default_factory=Counter)  # kind -> lines or documents

    @property
    def duplicates(self) -> int:
        """Identical copies of a document id, coded once."""
        return self.read - self.coded - sum(
            n for kind, n in self.errors.items() if kind in ("conflict", "coder failed"))

    def summary(self) -> list[str]:
        """The report as lines of text."""
        lines = [f"documents read:    {self.read:,}",
                 f"  coded:           {self.coded:,}",
                 f"  duplicate ids:   {self.duplicates:,}",
                 f"event mentions:    {self.mentions:,}",
                 f"errors:            {sum(self.errors.values()):,}"]
        lines += [f"  {kind}: {count:,}" for kind, count in sorted(self.errors.items())]
        lines.append(f"written to {self.output} ({MENTIONS}/, {DOCUMENTS}/, {ERRORS}/)")
        return lines


def stable_partition(key: Any) -> int:
    """A hash of a shuffle key that every Python process agrees on (CRC-32 of its text)."""
    return zlib.crc32(repr(key).encode("utf-8"))


def read_lines(spark: SparkSession, inputs: Sequence[str]) -> DataFrame:
    """Every line of the inputs as raw bytes, with its file, block start and sequence number."""
    for uri in inputs:
        if matches(spark, uri) == 0:
            raise InputError(uri, "no such file or directory")
    reader = spark.read.option("lineSep", "\n").option("recursiveFileLookup", "true")
    return reader.text(list(inputs)).select(
        F.col("value").cast("binary").alias("line"),
        F.col("_metadata.file_path").alias("path"),
        F.col("_metadata.file_block_start").alias("block"),
        F.monotonically_increasing_id().alias("seq"))


def _offsets(lines: DataFrame) -> BlockOffsets:
    blocks = lines.groupBy("path", "block").agg(F.count("*").alias("n"),
                                                F.min("seq").alias("first"))
    return block_offsets((r["path"], r["block"], r["n"], r["first"]) for r in blocks.collect())


def _tag(items: Iterable[Document | ReadProblem]) -> Iterator[tuple[str, Any]]:
    for item in items:
        if isinstance(item, Document):
            path, _, line = item.origin.rpartition(":")
            placed: Placed = (path, int(line), item)
            yield _READ, (item.id, placed)
        else:
            yield ERROR, problem_row(item)


def coded_rows(spark: SparkSession, inputs: Sequence[str], options: CodeOptions,
               partitions: int) -> tuple[RDD[tuple[str, Any]], RDD[Tagged]]:
    """The lines read (documents and problems, persisted) and the job's tagged output rows
    (documents, mentions, errors), computed lazily."""
    lines = read_lines(spark, inputs)
    offsets = spark.sparkContext.broadcast(_offsets(lines))
    settings, spec = options.lines, options.spec

    def parse(rows: Iterable[Any]) -> Iterator[tuple[str, Any]]:
        return _tag(parse_lines(((r[0], r[1], r[2], r[3]) for r in rows), offsets.value,
                                settings))

    items = lines.rdd.mapPartitions(parse).persist(StorageLevel.MEMORY_AND_DISK)
    documents = items.filter(lambda t: t[0] == _READ).map(lambda t: t[1])
    problems: RDD[Tagged] = items.filter(lambda t: t[0] == ERROR)
    coded: RDD[Tagged] = documents.groupByKey(partitions, stable_partition).mapPartitions(
        lambda groups: code_groups(groups, spec))
    return items, coded.union(problems)


def _frame(spark: SparkSession, rows: RDD[Tagged], kind: str, schema: Any) -> DataFrame:
    return spark.createDataFrame(rows.filter(lambda t: t[0] == kind).map(lambda t: t[1]),
                                 schema)


def run_code(spark: SparkSession, inputs: Sequence[str], output: str,
             options: CodeOptions | None = None) -> CodeReport:
    """Code the JSONL documents under `inputs` and write OUTPUT/{mentions,documents,errors}."""
    options = options or CodeOptions()
    if not inputs:
        raise DyadError("no input given", hint="for example: dyad spark code news.jsonl out/")
    partitions = options.partitions or max(2, 4 * spark.sparkContext.defaultParallelism)
    items, rows = coded_rows(spark, inputs, options, partitions)
    rows.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        mentions = _frame(spark, rows, MENTION, MENTION_SCHEMA)
        (mentions.repartition(partitions, "date").write.mode("overwrite").partitionBy("date")
         .parquet(child(output, MENTIONS)))
        documents = _frame(spark, rows, DOCUMENT, DOCUMENT_SCHEMA)
        documents.write.mode("overwrite").parquet(child(output, DOCUMENTS))
        errors = _frame(spark, rows, ERROR, ERROR_SCHEMA)
        errors.coalesce(1).write.mode("overwrite").parquet(child(output, ERRORS))
        counts = rows.map(lambda t: t[0] if t[0] != ERROR else f"{ERROR}:{t[1][2]}"
                          ).countByValue()
        read = items.filter(lambda t: t[0] == _READ).count()
    finally:
        rows.unpersist()
        items.unpersist()
    report = CodeReport(output, partitions, read=read)
    for tag, count in counts.items():
        if tag == DOCUMENT:
            report.coded = count
        elif tag == MENTION:
            report.mentions = count
        else:
            report.errors[tag.removeprefix(f"{ERROR}:")] = count
    return report
