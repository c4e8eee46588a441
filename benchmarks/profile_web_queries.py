"""Time each kind of API request alone, in process, and show DuckDB's plan of its slowest SQL.

    .venv/bin/python benchmarks/profile_web_queries.py --db /tmp/dyad-1m.duckdb
    .venv/bin/python benchmarks/profile_web_queries.py --db /tmp/dyad-1m.duckdb --explain words

Builds the app (`dyad.web.app.create_app`, read-only, keeping no answers) over the store and
sends it, through
Starlette's in-process test client (no socket), one request of each kind that the load test
sends, `--repeat` times. For each kind it prints the best wall-clock time of the request, how
much of it the SQL statements took (every statement the DuckDB back end runs is timed) and the
least CPU time the process (all its threads, the test client's included) spent on it.
`--explain KIND` prints `EXPLAIN ANALYZE` of the slowest statement of that request: which
operator takes the time and how many rows it reads.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from dyad.store.backend import DuckDBBackend, Params, Row

KINDS: dict[str, str] = {
    "all": "/api/events",
    "page (offset 1000)": "/api/events?offset=1000",
    "dyad": "/api/events?dyad=RUS:JPN",
    "dyad+root": "/api/events?dyad=RUS:JPN&root=16",
    "root": "/api/events?root=04",
    "code": "/api/events?code=040",
    "actor": "/api/events?actor=USA",
    "dates": "/api/events?since=2023-01-01&until=2023-01-31",
    "words": "/api/events?q=sanctions",
    "dyad+words": "/api/events?dyad=RUS:JPN&q=sanctions",
    "timeline by month": "/api/dyads/RUS/JPN/timeline?by=month",
    "timeline by week": "/api/dyads/RUS/JPN/timeline?by=week",
    "timeline + dates": "/api/dyads/RUS/JPN/timeline?by=month&since=2023-01-01&until=2023-12-31",
    # The explorer: a page of events, the total, the facet counts and the chart.
    "explorer": "/events",
    "explorer sorted": "/events?sort=-mentions",
    "explorer dyad": "/events?dyad=RUS:JPN",
    "explorer root": "/events?root=04",
    "explorer actor": "/events?actor=USA",
    "explorer dates": "/events?since=2023-01-01&until=2023-01-31",
    "explorer words": "/events?q=sanctions",
}


@dataclass
class Statement:
    """One SQL statement a request ran, how long it took, and the connection it ran on."""

    sql: str
    params: list[Any]
    seconds: float
    backend: DuckDBBackend


@dataclass
class Recording:
    statements: list[Statement] = field(default_factory=list)


@contextmanager
def recording() -> Iterator[Recording]:
    """Time every statement DuckDB back ends run meanwhile (fetch and rows)."""
    found = Recording()
    original = DuckDBBackend.fetch

    def timed(self: DuckDBBackend, sql: str, params: Params = ()
              ) -> tuple[list[str], list[Row]]:
        started = time.perf_counter()
        try:
            return original(self, sql, params)
        finally:
            found.statements.append(
                Statement(sql, list(params), time.perf_counter() - started, self))

    DuckDBBackend.fetch = timed  # type: ignore[method-assign]
    try:
        yield found
    finally:
        DuckDBBackend.fetch = original  # type: ignore[method-assign]


def profile(client: Any, repeat: int) -> list[dict[str, Any]]:
    """Best-of-`repeat` request time and SQL time of every kind of request."""
    results = []
    for kind, path in KINDS.items():
        best: tuple[float, float] = (float("inf"), 0.0)
        cpu = float("inf")
        for _ in range(repeat):
            with recording() as found:
                started = time.perf_counter()
                cpu_started = time.process_time()
                response = client.get(path)
                took = time.perf_counter() - started
                cpu = min(cpu, time.process_time() - cpu_started)
            if response.status_code != 200:
                raise SystemExit(f"profile_web_queries: {path}: HTTP {response.status_code}: "
                                 f"{response.text[:300]}")
            best = min(best, (took, sum(s.seconds for s in found.statements)))
        results.append({"kind": kind, "path": path, "ms": round(best[0] * 1000, 1),
                        "sql_ms": round(best[1] * 1000, 1), "cpu_ms": round(cpu * 1000, 1)})
        print(f"{kind:<20} {best[0] * 1000:9.1f} ms  (SQL {best[1] * 1000:8.1f} ms, "
              f"CPU {cpu * 1000:6.1f} ms)  {path}", file=sys.stderr, flush=True)
    return results


def explain(client: Any, kind: str) -> str:
    """EXPLAIN ANALYZE of the slowest statement one kind of request runs."""
    with recording() as found:
        response = client.get(KINDS[kind])
    if response.status_code != 200 or not found.statements:
        raise SystemExit(f"profile_web_queries: {KINDS[kind]}: HTTP {response.status_code}, "
                         f"{len(found.statements)} statements")
    slowest = max(found.statements, key=lambda s: s.seconds)
    plan = slowest.backend.con.execute("EXPLAIN ANALYZE " + slowest.sql,
                                       slowest.params).fetchall()
    return (f"{KINDS[kind]}: {len(found.statements)} statements, slowest "
            f"{slowest.seconds * 1000:.1f} ms:\n{slowest.sql}\n{slowest.params}\n{plan[0][1]}")


def main(argv: Sequence[str] | None = None) -> int:
    """Profile every kind of request, or explain one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/dyad-1m.duckdb")
    parser.add_argument("--repeat", type=int, default=3, help="Keep the best of N requests.")
    parser.add_argument("--explain", choices=sorted(KINDS), help="Print this request's plan.")
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    args = parser.parse_args(argv)
    with warnings.catch_warnings():  # the test client's note about its HTTP library
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from dyad.web.app import create_app

    with TestClient(create_app(args.db, cache_bytes=0)) as client:
        if args.explain:
            print(explain(client, args.explain))
            return 0
        results = profile(client, max(1, args.repeat))
    if args.json:
        print(json.dumps({"db": args.db, "requests": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
