"""Benchmark how `dyad ingest` scales with the corpus: N copies of one short report.

    .venv/bin/python benchmarks/bench_ingest_scale.py                     # 10k, 30k, 100k
    .venv/bin/python benchmarks/bench_ingest_scale.py --copies 2000 5000 --json

Every copy has its own id and no source, the same text and the same date, so all of them
report the same two events: each batch of an ingest adds its mentions to those two events,
which by the end have N mentions each (and N documents and N outlets, `doc:ID` each). An ingest
whose batches re-read the events' history (every mention's sentence) slows down as the corpus
grows; one whose batches cost what the batch holds takes the same time per document at any
size. For each N, a new DuckDB file is filled by `dyad.store.ingest.ingest` as `dyad ingest`
runs it (one coding worker process, batches of 200); the time of the store's own work
(`write_batch`: writing the batch and updating the events and their derived tables) is
measured apart. The last line gives the time per document at the largest N over that at the
smallest (the target: at most 1.5).

`--store-only` leaves the coder out: the report is coded once, and `write_batch` stores
batches of 200 copies of it (each with its own document id), as an ingest's store work does;
the time is then the store's alone, which is what grows with the corpus (minutes less on a
busy machine).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from dyad.record import Document
from dyad.store import ingest as ingest_module
from dyad.store.backend import open_backend
from dyad.store.ingest import IngestOptions, ingest
from dyad.store.schema import create_schema
from dyad.store.workers import CoderSpec, DocumentAnalyser

REPORT = ("Russia imposed new sanctions on Japan on Monday. Japan condemned Russia, "
          "the foreign ministry said.")


def generate(path: Path, copies: int) -> None:
    """Write `copies` JSONL documents with the same text and date."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(copies):
            out.write(json.dumps({"id": f"copy-{n:07d}", "text": REPORT,
                                  "date": "2024-07-02"}) + "\n")


def run(copies: int, folder: Path, workers: int) -> dict[str, Any]:
    """Ingest `copies` copies into a new DuckDB file: seconds in all and in the store."""
    corpus = folder / f"copies-{copies}.jsonl"
    generate(corpus, copies)
    spent = [0.0]
    real = ingest_module.write_batch

    def timed(*args: Any, **kwargs: Any) -> None:
        started = time.perf_counter()
        try:
            real(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    ingest_module.write_batch = timed
    backend = open_backend(str(folder / f"copies-{copies}.duckdb"), create=True)
    try:
        started = time.perf_counter()
        report = ingest(backend, [str(corpus)], IngestOptions(workers=workers))
        seconds = time.perf_counter() - started
        events = backend.rows("SELECT count(*), max(num_mentions) FROM events")[0]
    finally:
        backend.close()
        ingest_module.write_batch = real
    return {"copies": copies, "seconds": round(seconds, 1), "store_seconds": round(spent[0], 1),
            "ms_per_document": round(1000 * seconds / copies, 3),
            "store_ms_per_document": round(1000 * spent[0] / copies, 3),
            "stored": report.stored, "events": events[0], "mentions_per_event": events[1]}


def run_store_only(copies: int, folder: Path, batch: int = 200) -> dict[str, Any]:
    """Store `copies` copies of the coded report with `write_batch`, in batches."""
    analyser = DocumentAnalyser(CoderSpec().build())
    (coded,) = analyser.analyse([Document(id="copy", text=REPORT, date=date(2024, 7, 2))])
    backend = open_backend(str(folder / f"store-{copies}.duckdb"), create=True)
    try:
        create_schema(backend)
        started = time.perf_counter()
        for first in range(0, copies, batch):
            ingest_module.write_batch(backend, [
                replace(coded, coded=replace(coded.coded, document=replace(
                    coded.document, id=f"copy-{n:07d}")))
                for n in range(first, min(copies, first + batch))])
        seconds = time.perf_counter() - started
        events = backend.rows("SELECT count(*), max(num_mentions) FROM events")[0]
    finally:
        backend.close()
    return {"copies": copies, "seconds": round(seconds, 1), "store_seconds": round(seconds, 1),
            "ms_per_document": round(1000 * seconds / copies, 3),
            "store_ms_per_document": round(1000 * seconds / copies, 3),
            "stored": copies, "events": events[0], "mentions_per_event": events[1]}


def main() -> None:
    """Run the benchmark and print its numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--store-only", action="store_true",
                        help="Time the store's work alone (the report coded once).")
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    args = parser.parse_args()
    results: dict[str, Any] = {"cpus": os.cpu_count(), "load_average": os.getloadavg(),
                               "runs": []}
    with tempfile.TemporaryDirectory(prefix="dyad-scale-") as folder:
        for copies in args.copies:
            found = (run_store_only(copies, Path(folder)) if args.store_only
                     else run(copies, Path(folder), args.workers))
            results["runs"].append(found)
            print(f"{copies:,} copies: {found}", file=sys.stderr)
    runs = results["runs"]
    results["ratio"] = round(runs[-1]["ms_per_document"] / runs[0]["ms_per_document"], 2)
    results["load_average_after"] = os.getloadavg()
    if args.json:
        print(json.dumps(results))
        return
    for r in runs:
        print(f"{r['copies']:>9,} copies: {r['seconds']:>7.1f} s ({r['ms_per_document']:.2f} "
              f"ms/doc), store {r['store_seconds']:>6.1f} s ({r['store_ms_per_document']:.2f} "
              f"ms/doc); {r['events']} events of {r['mentions_per_event']:,} mentions")
    print(f"time per document, {runs[-1]['copies']:,} against {runs[0]['copies']:,}: "
          f"{results['ratio']:.2f}x")
    print(f"load average before/after: {results['load_average']} / "
          f"{results['load_average_after']}")


if __name__ == "__main__":
    main()
