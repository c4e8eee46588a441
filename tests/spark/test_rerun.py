"""Re-running a job replaces its output: no duplicated mentions, events or stray files."""

from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as ds  # type: ignore[import-untyped]

from dyad.spark.job import run_code
from dyad.spark.merge import run_merge
from tests.spark.conftest import NEWS, needs_spark

pytestmark = needs_spark


def _mentions(output: Path) -> list[tuple[str, int]]:
    table = ds.dataset(output / "mentions", format="parquet", partitioning="hive").to_table(
        columns=["doc_id", "ordinal"])
    return sorted(zip(table["doc_id"].to_pylist(), table["ordinal"].to_pylist(), strict=True))


def test_a_second_run_replaces_the_first(spark: object, tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("\n".join(NEWS.read_text(encoding="utf-8").splitlines()[:24]) + "\n",
                      encoding="utf-8")
    output, events = tmp_path / "out", tmp_path / "events"
    first = run_code(spark, [str(corpus)], str(output))  # type: ignore[arg-type]
    merged = run_merge(spark, str(output), str(events))  # type: ignore[arg-type]
    before = _mentions(output)
    assert len(before) == first.mentions > 0
    assert len(set(before)) == len(before)
    stray = output / "mentions" / "date=1999-01-01"  # what a killed earlier attempt left
    stray.mkdir()
    (stray / "part-00000-stale.parquet").write_bytes(b"not parquet")

    second = run_code(spark, [str(corpus)], str(output))  # type: ignore[arg-type]
    assert _mentions(output) == before
    assert not stray.exists()
    assert (second.coded, second.mentions) == (first.coded, first.mentions)
    assert run_merge(spark, str(output), str(events)) == merged  # type: ignore[arg-type]
    assert ds.dataset(events, format="parquet").count_rows() == merged
