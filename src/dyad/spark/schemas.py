"""Spark schemas of the Parquet that dyad's jobs write (column names from `dyad.spark.rows`
and, for events, the store's `EVENT_COLUMNS`)."""

from __future__ import annotations

from pyspark.sql.types import (
    ArrayType,
    DataType,
    DateType,
    DoubleType,
    IntegerType,
    StringType,
    StructField,
    StructType,
)

from dyad.spark.rows import (
    DOCUMENT_FIELDS,
    ERROR_FIELDS,
    KNOWLEDGE_FIELDS,
    MENTION_FIELDS,
    SENTENCE_FIELDS,
)
from dyad.store.schema import EVENT_COLUMNS

_INTEGER = frozenset({"ordinal", "sentence_id", "quad_class", "n_sentences", "n_events",
                      "span_start", "span_end", "num_mentions", "num_sources", "num_articles"})
_DOUBLE = frozenset({"goldstein", "location_lat", "location_lon"})
_DATE = frozenset({"date", "last_date"})
#: Columns that may be null: undated documents, mentions and events, and events that happened
#: nowhere the text says.
_NULLABLE = frozenset({"date", "last_date", "location", "location_country", "location_lat",
                       "location_lon"})


def _type(name: str) -> DataType:
    if name in _INTEGER:
        return IntegerType()
    if name in _DOUBLE:
        return DoubleType()
    if name in _DATE:
        return DateType()
    return StringType()


def _struct(names: tuple[str, ...]) -> StructType:
    return StructType([StructField(n, _type(n), nullable=n in _NULLABLE) for n in names])


SENTENCE_SCHEMA = _struct(SENTENCE_FIELDS)
KNOWLEDGE_SCHEMA = _struct(KNOWLEDGE_FIELDS)
DOCUMENT_SCHEMA = StructType([
    *(StructField(n, _type(n), nullable=n in _NULLABLE) for n in DOCUMENT_FIELDS[:-2]),
    StructField("sentences", ArrayType(SENTENCE_SCHEMA, containsNull=False), nullable=False),
    StructField("knowledge", ArrayType(KNOWLEDGE_SCHEMA, containsNull=False), nullable=False),
])
MENTION_SCHEMA = _struct(MENTION_FIELDS)
ERROR_SCHEMA = _struct(ERROR_FIELDS)
EVENT_SCHEMA = _struct(EVENT_COLUMNS)
