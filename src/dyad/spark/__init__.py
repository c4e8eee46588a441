"""Run the coder on Apache Spark: code JSONL documents in parallel, merge mentions into events.

`dyad spark code` reads JSONL (any path or Hadoop-compatible URI Spark reads), codes documents
in the executors (one coder per Python worker, built once), and writes Parquet: mentions
partitioned by date, documents with their sentences, and errors. `dyad spark merge` merges the
mentions into events with the store's own rule (`dyad.store.merge`). PySpark is imported only
by these commands: install `dyad[spark]` and Java 17 to use them.
"""
