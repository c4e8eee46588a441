"""Paths on any file system Spark reaches (local, HDFS, S3, …), through Hadoop's FileSystem."""

from __future__ import annotations

from typing import Any

from pyspark.sql import SparkSession

#: The file Spark's output committer writes last, once every task of a job has committed.
SUCCESS = "_SUCCESS"


def _hadoop_path(spark: SparkSession, uri: str) -> tuple[Any, Any]:
    jvm: Any = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    jsc: Any = spark.sparkContext._jsc
    conf = jsc.hadoopConfiguration()
    return path.getFileSystem(conf), path


def matches(spark: SparkSession, uri: str) -> int:
    """How many files or folders a path or glob names (0: none)."""
    fs, path = _hadoop_path(spark, uri)
    found = fs.globStatus(path)
    return 0 if found is None else len(found)


def exists(spark: SparkSession, uri: str) -> bool:
    """Whether a file or folder exists."""
    fs, path = _hadoop_path(spark, uri)
    return bool(fs.exists(path))


def child(uri: str, name: str) -> str:
    """`uri/name`."""
    return uri.rstrip("/") + "/" + name


def is_complete(spark: SparkSession, uri: str) -> bool:
    """Whether a folder holds a Spark job's finished output (its `_SUCCESS` marker)."""
    return exists(spark, child(uri, SUCCESS))
