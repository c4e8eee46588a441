"""Benchmark `dyad spark code` in local[1] and local[2] against `dyad ingest --workers 2`.

    .venv/bin/python benchmarks/bench_spark.py                     # 20,000 documents
    .venv/bin/python benchmarks/bench_spark.py --documents 2000    # quick look
    .venv/bin/python benchmarks/bench_spark.py --json

The input repeats `corpus/news-5000.jsonl` (1,051 documents) until it has N documents, as a
month of news: copy k of a document gets the id `ID~k`, and document n is dated
2024-06-01 + (n mod 30) days (the corpus's own dates spread over twenty years, which would
make a Parquet folder for nearly every day of them). Each run codes the whole input from a
cold start of its workers (models and dictionaries loaded inside the timed run, as a job does):

- spark local[N]: `dyad.spark.job.run_code` in a fresh SparkSession (session start-up is
  reported apart), then `run_merge` of its output;
- ingest, 2 workers: `dyad.store.ingest.ingest` into a new DuckDB file (coding, storing and
  merging events).

Documents per second are documents coded divided by wall-clock seconds. Scaling efficiency is
the local[2] rate over twice the local[1] rate. Peak memory is the largest resident set size
seen (sampled every 0.2 s) of each kind of process: Spark's JVM, and the Python workers that
code. The load average before each run says how busy the shared machine was.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "corpus" / "news-5000.jsonl"


#: The first day of the month the benchmark's documents are dated in.
MONTH = date(2024, 6, 1)


def make_input(path: Path, count: int, corpus: Path = CORPUS) -> int:
    """Write `count` documents made from the corpus: a month of news, copies with new ids."""
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            copy, record = divmod(n, len(records))
            item = dict(records[record])
            if copy:
                item["id"] = f"{item['id']}~{copy}"
            item["date"] = (MONTH + timedelta(days=n % 30)).isoformat()
            out.write(json.dumps(item) + "\n")
    return count


class PeakMemory:
    """Samples this process's descendants in a thread, by kind: the peak resident set size
    (RSS) and unique set size (USS: the pages no other process shares, which a forked Python
    worker's RSS overstates), and the CPU seconds each kind used."""

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.peak: dict[str, float] = {}
        self.unique: dict[str, float] = {}
        self._cpu: dict[int, tuple[str, float, float]] = {}  # pid -> kind, first, last
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def kind(process: psutil.Process) -> str:
        name = str(process.name())
        if name == "java":
            return "spark JVM"
        command = " ".join(process.cmdline())
        if "pyspark.daemon" in command:  # the daemon, and the workers it forks
            parent = process.parent()
            forked = parent is not None and "pyspark.daemon" in " ".join(parent.cmdline())
            return "python worker" if forked else "pyspark daemon"
        if "python" in name or "python" in command:
            return "python worker"
        return name

    def _run(self) -> None:
        while not self._stop.is_set():
            for child in psutil.Process().children(recursive=True):
                try:
                    kind = self.kind(child)
                    memory = child.memory_full_info()
                    times = child.cpu_times()
                except psutil.Error:
                    continue
                self.peak[kind] = max(self.peak.get(kind, 0.0), memory.rss / 1e6)
                self.unique[kind] = max(self.unique.get(kind, 0.0), memory.uss / 1e6)
                cpu = times.user + times.system
                _, first, _ = self._cpu.get(child.pid, (kind, cpu, cpu))
                self._cpu[child.pid] = (kind, first, cpu)
            self._stop.wait(self.interval)

    @property
    def cpu(self) -> dict[str, float]:
        """CPU seconds used while sampling, per kind of process (this one: "main")."""
        total: dict[str, float] = {"main": self.own_cpu}
        for kind, first, last in self._cpu.values():
            total[kind] = total.get(kind, 0.0) + last - first
        return total

    def __enter__(self) -> PeakMemory:
        times = psutil.Process().cpu_times()
        self._own = times.user + times.system
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        times = psutil.Process().cpu_times()
        self.own_cpu = times.user + times.system - self._own


def load() -> float:
    """The 1-minute load average."""
    return os.getloadavg()[0]


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    """Wall-clock seconds of a call, and its result."""
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


@contextmanager
def session(master: str) -> Iterator[tuple[Any, float]]:
    """A fresh SparkSession on `master`, and the seconds it took to start."""
    from dyad.spark.session import build_session

    seconds, spark = timed(lambda: build_session(master, app_name="dyad bench"))
    try:
        yield spark, seconds
    finally:
        spark.stop()


def bench_spark(master: str, source: Path, work: Path, documents: int) -> dict[str, Any]:
    """Code and merge the input on Spark."""
    from dyad.spark.job import run_code
    from dyad.spark.merge import run_merge

    before = load()
    with PeakMemory() as memory, session(master) as (spark, start):
        seconds, report = timed(lambda: run_code(spark, [str(source)], str(work / "out")))
        merge_seconds, events = timed(
            lambda: run_merge(spark, str(work / "out"), str(work / "events")))
    assert report.coded == documents, report
    return {"run": f"spark {master}", "documents": report.coded, "mentions": report.mentions,
            "events": events, "seconds": seconds, "docs_per_s": report.coded / seconds,
            "start_seconds": start, "merge_seconds": merge_seconds,
            "partitions": report.partitions, "load_before": before,
            "peak_mb": _main(memory.peak), "peak_uss_mb": _main(memory.unique),
            "cpu_s": _main(memory.cpu)}


def bench_ingest(source: Path, work: Path, documents: int, workers: int) -> dict[str, Any]:
    """Ingest the input into a new DuckDB store with dyad's own worker processes."""
    from dyad.store.backend import open_backend
    from dyad.store.ingest import IngestOptions, ingest

    before = load()
    backend = open_backend(str(work / "ingest.duckdb"), create=True)
    try:
        with PeakMemory() as memory:
            seconds, report = timed(lambda: ingest(backend, [str(source)],
                                                   IngestOptions(workers=workers)))
        kinds = ("main", "python worker")
    finally:
        backend.close()
    assert report.coded == documents, report
    return {"run": f"ingest, {workers} workers", "documents": report.coded,
            "mentions": report.mentions, "seconds": seconds,
            "docs_per_s": report.coded / seconds, "load_before": before,
            "peak_mb": _main(memory.peak, kinds), "peak_uss_mb": _main(memory.unique, kinds),
            "cpu_s": _main(memory.cpu, kinds)}


_KINDS = ("main", "spark JVM", "pyspark daemon", "python worker")


def _main(values: dict[str, float], kinds: tuple[str, ...] = _KINDS) -> dict[str, float]:
    """The values of the kinds of process that matter (not short-lived helpers)."""
    return {k: round(v, 1) for k, v in values.items() if k in kinds}


def summary(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Scaling efficiency and the Spark/ingest ratio."""
    rate = {r["run"]: r["docs_per_s"] for r in rows}
    out: dict[str, float] = {}
    if "spark local[1]" in rate and "spark local[2]" in rate:
        out["speedup_2_over_1"] = rate["spark local[2]"] / rate["spark local[1]"]
        out["scaling_efficiency"] = out["speedup_2_over_1"] / 2
    if "spark local[2]" in rate and "ingest, 2 workers" in rate:
        out["spark2_over_ingest2"] = rate["spark local[2]"] / rate["ingest, 2 workers"]
    cpu = {r["run"]: r["documents"] / sum(r["cpu_s"].values()) for r in rows}
    if "spark local[2]" in cpu and "ingest, 2 workers" in cpu:
        out["spark2_over_ingest2_per_cpu_second"] = (
            cpu["spark local[2]"] / cpu["ingest, 2 workers"])
    return out


def print_table(rows: list[dict[str, Any]], totals: dict[str, float]) -> None:
    """The results as a table."""
    print(f"{'run':<20} {'docs':>7} {'mentions':>9} {'seconds':>8} {'docs/s':>7} {'load':>5}")
    for r in rows:
        print(f"{r['run']:<20} {r['documents']:>7,} {r['mentions']:>9,} {r['seconds']:>8.1f} "
              f"{r['docs_per_s']:>7.1f} {r['load_before']:>5.1f}")
        for kind in sorted(r["cpu_s"]):
            memory = (f"peak RSS {r['peak_mb'][kind]:,.0f} MB, USS "
                      f"{r['peak_uss_mb'][kind]:,.0f} MB, " if kind in r["peak_mb"] else "")
            print(f"{'':<20} {kind}: {memory}CPU {r['cpu_s'][kind]:,.1f} s")
        cpu = sum(r["cpu_s"].values())
        print(f"{'':<20} all: CPU {cpu:,.1f} s, {r['documents'] / cpu:.1f} docs per CPU second")
        if "merge_seconds" in r:
            print(f"{'':<20} session start {r['start_seconds']:.1f} s, {r['partitions']} "
                  f"partitions, merge {r['merge_seconds']:.1f} s -> {r['events']:,} events")
    for name, value in totals.items():
        print(f"{name}: {value:.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--runs", nargs="+", default=["local[1]", "local[2]", "ingest"],
                        help="which runs: local[N] masters and/or 'ingest'")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="dyad-bench-spark-") as folder:
        source = Path(folder) / "news.jsonl"
        make_input(source, args.documents)
        for run in args.runs:
            work = Path(tempfile.mkdtemp(dir=folder))
            if run == "ingest":
                rows.append(bench_ingest(source, work, args.documents, workers=2))
            else:
                rows.append(bench_spark(run, source, work, args.documents))
            print(f"done: {rows[-1]['run']} {rows[-1]['seconds']:.1f} s", file=sys.stderr)
    totals = summary(rows)
    if args.json:
        print(json.dumps({"runs": rows, **totals}, indent=2))
    else:
        print_table(rows, totals)


if __name__ == "__main__":
    main()
