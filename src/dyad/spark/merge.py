"""`dyad spark merge`: merge mentions into events with the store's own rule.

Mentions are grouped by (source, target, code) in the shuffle, and each group is merged by
`dyad.store.merge.merge_mentions` in an executor: the same function the store uses, so the
events, their ids and their counts are the store's. The output has the columns of the store's
`events` table (`dyad.store.schema.EVENT_COLUMNS`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pyspark.sql import SparkSession

from dyad.errors import InputError
from dyad.spark.job import MENTIONS, stable_partition
from dyad.spark.paths import child, exists, is_complete, matches
from dyad.spark.rows import MENTION_FIELDS, Row, mention_of
from dyad.spark.schemas import EVENT_SCHEMA, MENTION_SCHEMA
from dyad.store.events import cluster_row
from dyad.store.merge import Key, merge_mentions


def mentions_folder(spark: SparkSession, events: str) -> str:
    """The mentions folder of a `dyad spark code` output (given it, or the folder itself)."""
    if matches(spark, events) == 0:
        raise InputError(events, "no such file or directory")
    folder = child(events, MENTIONS) if exists(spark, child(events, MENTIONS)) else events
    if not is_complete(spark, folder):
        raise InputError(folder, "not the finished output of `dyad spark code` (no _SUCCESS "
                                 "marker: the job failed or is still running)",
                         hint="run: dyad spark code INPUT OUTPUT, then merge OUTPUT")
    return folder


def merge_group(key: Key, rows: Iterable[Row]) -> Iterator[Row]:
    """The events-table rows of one (source, target, code) group of mention rows."""
    del key  # every row carries it
    for cluster in merge_mentions(mention_of(row) for row in rows):
        yield cluster_row(cluster)


def run_merge(spark: SparkSession, events: str, output: str, *,
              partitions: int | None = None) -> int:
    """Merge the mentions of a coding job's output into events at `output`; the event count."""
    folder = mentions_folder(spark, events)
    count = partitions or max(2, 4 * spark.sparkContext.defaultParallelism)
    mentions = spark.read.schema(MENTION_SCHEMA).parquet(folder).select(*MENTION_FIELDS)

    def keyed(row: Any) -> tuple[Key, Row]:
        values = tuple(row)
        return (row["source"], row["target"], row["code"]), values

    merged = (mentions.rdd.map(keyed).groupByKey(count, stable_partition)
              .flatMap(lambda group: merge_group(group[0], group[1])))
    frame = spark.createDataFrame(merged, EVENT_SCHEMA)
    frame.write.mode("overwrite").parquet(output)
    return spark.read.parquet(output).count()
