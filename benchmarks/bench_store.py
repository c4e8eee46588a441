"""Benchmark the event store: ingest speed, the store's share of it, size, and timeline queries.

    .venv/bin/python benchmarks/bench_store.py                # 20,000 documents, 1M events
    .venv/bin/python benchmarks/bench_store.py --documents 500 --events 100000   # quick look

1. Generates N documents of ~5 sentences (most coded into events) as JSONL.
2. Codes them with the coder alone (no store): the coder's own time.
3. Ingests them into a new DuckDB file with 1 worker, then with 2, timing the store's own work
   (document look-ups and batch writes, measured in the same run) and the database size.
4. Fills a DuckDB store with M synthetic events and times `dyad timeline` queries over it.

Numbers are printed as a table and, with --json, as one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dyad.io.walk import walk_documents
from dyad.record import Document
from dyad.store import ingest as ingest_module
from dyad.store.backend import open_backend
from dyad.store.ingest import IngestOptions, ingest
from dyad.store.schema import create_schema
from dyad.store.timeline import timeline
from dyad.store.workers import CoderSpec, code_documents

COUNTRIES = ("Russia", "Japan", "China", "Iran", "Israel", "Germany", "France", "Brazil",
             "Egypt", "Canada", "India", "Pakistan", "Turkey", "Mexico", "Ukraine")
EVENTS = (
    "{a} imposed sanctions on {b}.", "{a} condemned {b}.", "{a} threatened {b} with retaliation.",
    "{a} promised aid to {b}.", "{a} praised {b} for its help.",
    "{a} accused {b} of interfering in its elections.", "{a} met with {b} to discuss the crisis.",
    "{a} signed a trade agreement with {b}.", "Troops from {a} attacked {b}.",
)
FILLER = (
    "Officials said talks would continue next week.",
    "The statement was published on the ministry's website.",
    "Analysts expect the dispute to last for months.",
)
OUTLETS = ("Reuters", "AP", "AFP", "BBC", "Xinhua", "Kyodo", "TASS", "")


def generate(path: Path, count: int, sentences: int, seed: int = 1) -> None:
    """Write `count` JSONL documents of `sentences` sentences, dated over 90 days."""
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            parts = []
            for _ in range(sentences):
                if rng.random() < 0.2:
                    parts.append(rng.choice(FILLER))
                else:
                    a, b = rng.sample(COUNTRIES, 2)
                    parts.append(rng.choice(EVENTS).format(a=a, b=b))
            record = {"id": f"bench-{n:06d}", "text": " ".join(parts),
                      "date": (start + timedelta(days=rng.randrange(90))).isoformat(),
                      "source": rng.choice(OUTLETS)}
            out.write(json.dumps(record) + "\n")


def coder_only(path: Path) -> float:
    """Seconds the coder alone takes over the corpus (read, parse, code; nothing stored)."""
    coder = CoderSpec().build()
    list(code_documents([Document(id="warm", text="Russia condemned Japan.")], coder=coder))
    started = time.perf_counter()
    documents = (d for d in walk_documents([str(path)]) if isinstance(d, Document))
    for _ in code_documents(documents, coder=coder):
        pass
    return time.perf_counter() - started


def _timed(name: str, spent: dict[str, float]) -> Callable[..., Any]:
    real = getattr(ingest_module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

    return wrapper


def run_ingest(path: Path, db: Path, workers: int) -> dict[str, Any]:
    """Ingest the corpus into a new DuckDB file; times, counts and the file's size."""
    spent: dict[str, float] = {}
    originals = {name: getattr(ingest_module, name) for name in ("write_batch", "stored_hashes")}
    for name in originals:
        setattr(ingest_module, name, _timed(name, spent))
    backend = open_backend(str(db), create=True)
    try:
        coder = CoderSpec().build() if workers == 1 else None
        if coder is not None:
            list(code_documents([Document(id="warm", text="Russia condemned Japan.")],
                                coder=coder))
        started = time.perf_counter()
        report = ingest(backend, [str(path)], IngestOptions(workers=workers), coder=coder)
        seconds = time.perf_counter() - started
        events = backend.rows("SELECT count(*) FROM events")[0][0]
    finally:
        backend.close()
        for name, real in originals.items():
            setattr(ingest_module, name, real)
    store = sum(spent.values())
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    return {"workers": workers, "seconds": round(seconds, 1),
            "docs_per_second": round(report.stored / seconds, 1),
            "store_seconds": round(store, 2), "store_share": round(store / seconds, 4),
            "documents": report.stored, "mentions": report.mentions, "events": events,
            "db_bytes": size}


def timeline_query(db: Path, count: int) -> dict[str, Any]:
    """Fill a store with `count` synthetic events and time dyad timelines over it."""
    backend = open_backend(str(db), create=True)
    create_schema(backend)
    codes = ["RUS", "JPN", "CHN", "USA", "IRN", "ISR", "DEU", "FRA", "GBR", "IND", "PAK", "TUR",
             "BRA", "EGY", "UKR", "RUSGOV", "JPNGOV", "CHNMIL", "USAGOV", "---OPP"]
    listed = ", ".join(f"'{c}'" for c in codes)
    started = time.perf_counter()
    backend.execute(f"""
        INSERT INTO events
        SELECT printf('%016x', i), s, t, code, substr(code, 1, 2), 'X', g, q,
               DATE '2020-01-01' + CAST(i % 1826 AS INTEGER),
               DATE '2020-01-01' + CAST(i % 1826 AS INTEGER),
               1, 1, 1, '[]', '[]', 'doc', 0, 0, 'sentence', '', '', '', '', '', '', '{{}}'
        FROM (SELECT i, list_element([{listed}], CAST(hash(i) % {len(codes)} AS INTEGER) + 1) AS s,
                     list_element([{listed}], CAST(hash(i + 7) % {len(codes)} AS INTEGER) + 1) AS t,
                     list_element(['010', '036', '042', '057', '111', '130', '163', '190'],
                                  CAST(hash(i + 3) % 8 AS INTEGER) + 1) AS code,
                     CAST(hash(i + 5) % 4 AS INTEGER) + 1 AS q,
                     (CAST(hash(i + 9) % 200 AS INTEGER) - 100) / 10.0 AS g
              FROM range({count}) r(i))""")
    filled = time.perf_counter() - started
    backend.execute("CHECKPOINT")
    times: dict[str, float] = {}
    for by in ("week", "month"):
        timeline(backend, "RUS", "JPN", by=by)  # warm
        started = time.perf_counter()
        rows = timeline(backend, "RUS", "JPN", by=by)
        times[by] = round(time.perf_counter() - started, 4)
    total = backend.rows("SELECT count(*) FROM events")[0][0]
    backend.close()
    return {"events": total, "fill_seconds": round(filled, 1), "timeline_week_seconds":
            times["week"], "timeline_month_seconds": times["month"], "periods": len(rows) // 2}


def main() -> None:
    """Run the benchmark and print its numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--sentences", type=int, default=5)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-baseline", action="store_true", help="Skip the coder-only run.")
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    args = parser.parse_args()
    results: dict[str, Any] = {"documents": args.documents, "sentences": args.sentences,
                               "cpus": os.cpu_count(), "load_average": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="dyad-bench-") as folder:
        base = Path(folder)
        corpus = base / "corpus.jsonl"
        generate(corpus, args.documents, args.sentences)
        if not args.no_baseline:
            seconds = coder_only(corpus)
            results["coder_only"] = {"seconds": round(seconds, 1),
                                     "docs_per_second": round(args.documents / seconds, 1)}
            print(f"coder alone: {seconds:.1f} s", file=sys.stderr)
        results["ingest"] = []
        for workers in args.workers:
            found = run_ingest(corpus, base / f"ingest-{workers}.duckdb", workers)
            if "coder_only" in results:
                coder_seconds = results["coder_only"]["seconds"]
                found["vs_coder_only"] = round(found["seconds"] / coder_seconds - 1, 4)
                found["store_vs_coder"] = round(found["store_seconds"] / coder_seconds, 4)
            results["ingest"].append(found)
            print(f"ingest, {workers} worker(s): {found}", file=sys.stderr)
        results["timeline"] = timeline_query(base / "timeline.duckdb", args.events)
    results["load_average_after"] = os.getloadavg()
    if args.json:
        print(json.dumps(results))
        return
    print(f"corpus: {args.documents:,} documents x {args.sentences} sentences")
    if "coder_only" in results:
        c = results["coder_only"]
        print(f"coder alone:           {c['seconds']:>8.1f} s  {c['docs_per_second']:>7.1f} docs/s")
    for r in results["ingest"]:
        extra = (f"; {r['store_vs_coder']:.1%} of the coder's own time; wall "
                 f"{r['vs_coder_only']:+.1%} vs coder alone" if "vs_coder_only" in r else "")
        print(f"ingest, {r['workers']} worker(s):   {r['seconds']:>8.1f} s  "
              f"{r['docs_per_second']:>7.1f} docs/s  store work {r['store_seconds']:.1f} s "
              f"({r['store_share']:.1%} of the ingest{extra}); {r['events']:,} events from "
              f"{r['mentions']:,} mentions; database {r['db_bytes'] / 1e6:.1f} MB")
    t = results["timeline"]
    print(f"timeline over {t['events']:,} events: week {t['timeline_week_seconds'] * 1000:.0f} ms,"
          f" month {t['timeline_month_seconds'] * 1000:.0f} ms")
    print(f"load average before/after: {results['load_average']} / "
          f"{results['load_average_after']}")


if __name__ == "__main__":
    main()
