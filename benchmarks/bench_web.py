"""Load test of `dyad serve`: requests per second and latency of the JSON API on loopback.

    .venv/bin/python benchmarks/make_store.py                      # /tmp/dyad-1m.duckdb
    .venv/bin/python benchmarks/bench_web.py --db /tmp/dyad-1m.duckdb
    .venv/bin/python benchmarks/bench_web.py --db /tmp/dyad-1m.duckdb --requests 500 --json
    .venv/bin/python benchmarks/bench_web.py --phase events --without words --without dyad+words

Starts the real server (`dyad serve`, uvicorn) as a subprocess on 127.0.0.1 on a free port,
waits until it answers, then drives it from `--concurrency` client threads (one HTTP
keep-alive connection each) through two phases, one per endpoint:

- `events`: `/api/events` with no filter, by dyad, root, code, actor, date range, words,
  combinations of these, and later pages (offset);
- `timeline`: `/api/dyads/{a}/{b}/timeline` by month and by week, with and without a date
  range, for the busiest dyads of the store (RUS/JPN first);
- `explorer`: the `/events` page (HTML: a page of events, the total, the facet counts and the
  chart of the selection) with the filters of the `events` phase.

The queries are drawn in a fixed order (seeded) from values found in the store before the
server starts: its busiest dyads, most common roots and codes, and its span of dates. Each
phase is bounded by a number of requests and a number of seconds, whichever comes first;
the server is stopped at the end. Reported per phase and per kind of query: requests,
errors (any status but 200), requests per second, latency p50/p95/p99/max, and the server's
CPU seconds per request; per phase also how many of the requests were distinct (the others
repeat one asked before, which a server keeping its answers answers from memory). The floor
(from the issue): 200 requests/s and p99 under 250 ms.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import math
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

FLOOR_RPS = 200.0
FLOOR_P99_MS = 250.0
PHASES = ("events", "timeline", "explorer")


@dataclass(frozen=True)
class Query:
    """One request to make: the phase it belongs to, what kind of query it is, its path."""

    phase: str
    kind: str
    path: str


@dataclass(frozen=True)
class StoreFacts:
    """What the queries are drawn from."""

    dyads: list[tuple[str, str]]
    roots: list[str]
    codes: list[str]
    actors: list[str]
    first: date
    last: date
    words: list[str]
    events: int


@dataclass
class Sample:
    """One answered (or failed) request."""

    kind: str
    status: int
    seconds: float
    path: str = ""


@dataclass
class PhaseResult:
    """The samples of one phase, its wall-clock time and the server's CPU time."""

    phase: str
    samples: list[Sample] = field(default_factory=list)
    seconds: float = 0.0
    server_cpu_seconds: float | None = None


def percentile(values: Sequence[float], share: float) -> float:
    """The `share` (0..1) percentile of `values` by the nearest-rank method."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(round(share * len(ordered), 9))))
    return ordered[rank - 1]


def latency_summary(seconds: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99/max latency in milliseconds."""
    return {"p50_ms": round(percentile(seconds, 0.50) * 1000, 2),
            "p95_ms": round(percentile(seconds, 0.95) * 1000, 2),
            "p99_ms": round(percentile(seconds, 0.99) * 1000, 2),
            "max_ms": round(max(seconds) * 1000, 2) if seconds else float("nan")}


def store_facts(db: str) -> StoreFacts:
    """Read the values to query by from the store (read-only, closed before the server starts)."""
    from dyad.store.handle import open_store

    with open_store(db) as store:
        backend = store.backend
        dyads = [(str(a), str(b)) for a, b, _ in backend.rows(
            "SELECT least(a, b), greatest(a, b), count(*) AS n FROM ("
            " SELECT substr(source, 1, 3) AS a, substr(target, 1, 3) AS b FROM events"
            " WHERE length(source) >= 3 AND length(target) >= 3) p"
            " WHERE a <> b AND a <> '---' AND b <> '---' GROUP BY 1, 2 ORDER BY n DESC, 1, 2"
            " LIMIT 12")]
        roots = [str(r) for r, _ in backend.rows(
            "SELECT root, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1 LIMIT 8")]
        codes = [str(c) for c, _ in backend.rows(
            "SELECT code, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1 LIMIT 8")]
        actors = [str(a) for a, _ in backend.rows(
            "SELECT source, count(*) AS n FROM events WHERE source <> '' GROUP BY 1 "
            "ORDER BY n DESC, 1 LIMIT 8")]
        first, last = backend.rows("SELECT min(date), max(date) FROM events")[0]
        total = int(backend.rows("SELECT count(*) FROM events")[0][0])
        triggers = [str(t).lower() for t, _ in backend.rows(
            "SELECT trigger, count(*) AS n FROM events WHERE length(trigger) >= 4 "
            "AND trigger NOT LIKE '% %' GROUP BY 1 ORDER BY n DESC, 1 LIMIT 6")]
    if not dyads or first is None or last is None:
        raise SystemExit(f"bench_web: {db}: no dated events between two actors to query")
    # Put RUS/JPN first when the store has it: the dyad the issue names.
    wanted = ("JPN", "RUS")
    dyads.sort(key=lambda d: d != wanted)
    if wanted not in dyads:
        dyads.insert(0, wanted)
    return StoreFacts(dyads, roots, codes, actors, first, last, triggers, total)


def _path(base: str, params: dict[str, Any]) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in ("", None)})
    return f"{base}?{query}" if query else base


def _window(facts: StoreFacts, rng: random.Random, days: int) -> tuple[str, str]:
    span = max(0, (facts.last - facts.first).days - days)
    start = facts.first + timedelta(days=rng.randint(0, span))
    return start.isoformat(), (start + timedelta(days=days)).isoformat()


EVENT_KINDS: tuple[str, ...] = ("all", "dyad", "dyad+root", "root", "code", "actor", "dates",
                                "dyad+dates", "words", "dyad+words", "page")


def event_queries(facts: StoreFacts, rng: random.Random, without: Sequence[str] = ()
                  ) -> Iterator[Query]:
    """An endless, seeded mix of /api/events queries (leaving out the kinds in `without`)."""
    kinds = [k for k in EVENT_KINDS if k not in without and (facts.words or "words" not in k)]
    if not kinds:
        raise SystemExit("bench_web: every kind of /api/events query was left out")
    while True:
        kind = rng.choice(kinds)
        a, b = rng.choice(facts.dyads[:6])
        params: dict[str, Any] = {}
        if kind == "dyad":
            params = {"dyad": f"{a}:{b}"}
        elif kind == "dyad+root":
            params = {"dyad": f"{a}:{b}", "root": rng.choice(facts.roots)}
        elif kind == "root":
            params = {"root": rng.choice(facts.roots)}
        elif kind == "code":
            params = {"code": rng.choice(facts.codes)}
        elif kind == "actor":
            params = {"actor": rng.choice(facts.actors)}
        elif kind == "dates":
            since, until = _window(facts, rng, 30)
            params = {"since": since, "until": until}
        elif kind == "dyad+dates":
            since, until = _window(facts, rng, 365)
            params = {"dyad": f"{a}:{b}", "since": since, "until": until}
        elif kind == "words":
            params = {"q": rng.choice(facts.words)}
        elif kind == "dyad+words":
            params = {"dyad": f"{a}:{b}", "q": rng.choice(facts.words)}
        elif kind == "page":
            params = {"offset": rng.choice((50, 100, 500, 1000))}
        yield Query("events", kind, _path("/api/events", params))


def explorer_queries(facts: StoreFacts, rng: random.Random, without: Sequence[str] = ()
                     ) -> Iterator[Query]:
    """The mix of `event_queries` as pages of the explorer (`/events`: 50 events, the total,
    the facet counts and the chart of the selection); later pages are sorted by mentions."""
    for query in event_queries(facts, rng, without):
        path = query.path.replace("/api/events", "/events", 1)
        if query.kind == "page":
            path = "/events?sort=-mentions"
        yield Query("explorer", query.kind, path)


def timeline_queries(facts: StoreFacts, rng: random.Random) -> Iterator[Query]:
    """An endless, seeded mix of dyad timeline queries, RUS/JPN by month the most common."""
    while True:
        a, b = facts.dyads[0] if rng.random() < 0.4 else rng.choice(facts.dyads)
        if rng.random() < 0.5:
            b, a = a, b
        by = "month" if rng.random() < 0.7 else "week"
        params: dict[str, Any] = {"by": by}
        kind = f"by {by}"
        if rng.random() < 0.25:
            since, until = _window(facts, rng, 365)
            params.update(since=since, until=until)
            kind += " + dates"
        yield Query("timeline", kind, _path(f"/api/dyads/{a}/{b}/timeline", params))


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def check_loopback(url: str) -> None:
    """Refuse any target but a loopback address."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise SystemExit(f"bench_web: {url}: only loopback addresses (127.0.0.0/8, ::1, "
                     "localhost) may be load-tested")


class Server:
    """`dyad serve` in a subprocess on 127.0.0.1, stopped on exit."""

    def __init__(self, db: str, *, port: int = 0, extra: Sequence[str] = (),
                 startup_seconds: float = 60.0) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.command = [sys.executable, "-c", "from dyad.cli import main; main()", "serve",
                        "--db", db, "--host", "127.0.0.1", "--port", str(self.port), *extra]
        self.startup_seconds = startup_seconds
        self.process: subprocess.Popen[bytes] | None = None
        self.log = Path(os.environ.get("TMPDIR", "/tmp")) / f"dyad-bench-web-{self.port}.log"

    def __enter__(self) -> Server:
        handle = self.log.open("wb")
        self.process = subprocess.Popen(self.command, stdout=handle, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)
        handle.close()
        deadline = time.monotonic() + self.startup_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"bench_web: the server exited with code "
                                 f"{self.process.returncode}:\n{self.output()}")
            try:
                if httpx.get(self.url + "/api/events?limit=1", timeout=5).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"bench_web: the server did not answer within {self.startup_seconds} s:"
                         f"\n{self.output()}")

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def output(self) -> str:
        """What the server printed, last lines."""
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-20:])
        except OSError:
            return ""

    def cpu_seconds(self) -> float | None:
        """User plus system CPU time of the server process and its worker processes (those of
        `--workers`) so far (Linux /proc)."""
        if self.process is None:
            return None
        stats = _process_stats()
        if self.process.pid not in stats:
            return None
        family = {self.process.pid}
        grown = True
        while grown:
            children = {pid for pid, (parent, _) in stats.items()
                        if parent in family and pid not in family}
            family |= children
            grown = bool(children)
        return sum(stats[pid][1] for pid in family)

    def stop(self) -> None:
        """Stop the server: SIGTERM, then SIGKILL after 10 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def _process_stats() -> dict[int, tuple[int, float]]:
    """Every process's parent id and CPU seconds (user plus system), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    found: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks)
    return found


def drive(url: str, queries: Iterator[Query], *, requests: int, seconds: float,
          concurrency: int, timeout: float = 30.0) -> tuple[list[Sample], float]:
    """Send `requests` requests (or as many as fit in `seconds`) from `concurrency` threads,
    each with its own keep-alive connection; the samples and the wall-clock time taken."""
    check_loopback(url)
    lock = threading.Lock()
    samples: list[Sample] = []
    remaining = [requests]
    deadline = time.monotonic() + seconds

    def take() -> Query | None:
        with lock:
            if remaining[0] <= 0 or time.monotonic() >= deadline:
                return None
            remaining[0] -= 1
            return next(queries)

    def worker() -> None:
        mine: list[Sample] = []
        with httpx.Client(base_url=url, timeout=timeout) as client:
            while (query := take()) is not None:
                started = time.perf_counter()
                try:
                    response = client.get(query.path)
                    response.read()
                    status = response.status_code
                except httpx.HTTPError:
                    status = 0
                mine.append(Sample(query.kind, status, time.perf_counter() - started,
                                   query.path))
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples, time.perf_counter() - started


def summarise(result: PhaseResult) -> dict[str, Any]:
    """A phase's numbers: overall and per kind of query."""
    ok = [s.seconds for s in result.samples]
    summary: dict[str, Any] = {
        "phase": result.phase, "requests": len(result.samples),
        "errors": sum(1 for s in result.samples if s.status != 200),
        "distinct_requests": len({s.path for s in result.samples}),
        "seconds": round(result.seconds, 3),
        "requests_per_second": round(len(result.samples) / result.seconds, 1)
        if result.seconds > 0 else 0.0,
        **latency_summary(ok)}
    if result.server_cpu_seconds is not None and result.samples:
        summary["server_cpu_seconds"] = round(result.server_cpu_seconds, 2)
        summary["server_cpu_ms_per_request"] = round(
            result.server_cpu_seconds * 1000 / len(result.samples), 2)
    summary["floor_met"] = (summary["errors"] == 0
                            and summary["requests_per_second"] >= FLOOR_RPS
                            and summary["p99_ms"] < FLOOR_P99_MS)
    by_kind: dict[str, list[Sample]] = defaultdict(list)
    for sample in result.samples:
        by_kind[sample.kind].append(sample)
    summary["kinds"] = [
        {"kind": kind, "requests": len(items),
         "errors": sum(1 for s in items if s.status != 200),
         "statuses": sorted({s.status for s in items}),
         **latency_summary([s.seconds for s in items])}
        for kind, items in sorted(by_kind.items())]
    return summary


def run(db: str, *, requests: int = 2000, seconds: float = 60.0, concurrency: int = 8,
        warmup: int = 20, phases: Sequence[str] = PHASES, seed: int = 20240702,
        without: Sequence[str] = (), server_args: Sequence[str] = ()) -> dict[str, Any]:
    """Start the server on `db`, run the phases and return every number as one dict."""
    facts = store_facts(db)
    report: dict[str, Any] = {
        "db": db, "db_bytes": os.path.getsize(db) if os.path.exists(db) else None,
        "events_in_store": facts.events, "concurrency": concurrency,
        "requests_per_phase": requests, "seconds_per_phase": seconds,
        "left_out": sorted(without), "server_args": list(server_args),
        "cpus": os.cpu_count(), "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "python": sys.version.split()[0], "floor": {"requests_per_second": FLOOR_RPS,
                                                    "p99_ms": FLOOR_P99_MS},
        "phases": []}
    def makers(phase: str, rng: random.Random) -> Iterator[Query]:
        if phase == "events":
            return event_queries(facts, rng, without)
        if phase == "explorer":
            return explorer_queries(facts, rng, without)
        return timeline_queries(facts, rng)

    with Server(db, extra=server_args) as server:
        started = time.perf_counter()
        for phase in phases:
            rng = random.Random(f"{seed}-{phase}")
            if warmup:
                drive(server.url, makers(phase, random.Random(f"{seed}-{phase}-warm")),
                      requests=warmup, seconds=seconds, concurrency=min(concurrency, 4))
            cpu_before = server.cpu_seconds()
            samples, taken = drive(server.url, makers(phase, rng), requests=requests,
                                   seconds=seconds, concurrency=concurrency)
            cpu_after = server.cpu_seconds()
            result = PhaseResult(phase, samples, taken)
            if cpu_before is not None and cpu_after is not None:
                result.server_cpu_seconds = cpu_after - cpu_before
            report["phases"].append(summarise(result))
        report["bench_seconds"] = round(time.perf_counter() - started, 1)
    report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return report


def format_report(report: dict[str, Any]) -> str:
    """The report as text tables."""
    lines = [f"store: {report['db']} ({report['events_in_store']:,} events); "
             f"{report['concurrency']} concurrent clients; load average before "
             f"{report['load_average_before'][0]}, after {report['load_average_after'][0]}"]
    if report["server_args"]:
        lines.append("server options: " + " ".join(report["server_args"]))
    if report["left_out"]:
        lines.append("left out of /api/events: " + ", ".join(report["left_out"]))
    lines.append("")
    header = (f"{'endpoint / query':<34} {'requests':>8} {'errors':>6} {'req/s':>8} "
              f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for phase in report["phases"]:
        name = {"events": "/api/events", "timeline": "/api/dyads/{a}/{b}/timeline",
                "explorer": "/events (page, facets, chart)"}[phase["phase"]]
        lines += [header, "-" * len(header),
                  f"{name:<34} {phase['requests']:>8} {phase['errors']:>6} "
                  f"{phase['requests_per_second']:>8.1f} {phase['p50_ms']:>8.1f} "
                  f"{phase['p95_ms']:>8.1f} {phase['p99_ms']:>8.1f} {phase['max_ms']:>8.1f}"]
        for kind in phase["kinds"]:
            lines.append(f"  {kind['kind']:<32} {kind['requests']:>8} {kind['errors']:>6} "
                         f"{'':>8} {kind['p50_ms']:>8.1f} {kind['p95_ms']:>8.1f} "
                         f"{kind['p99_ms']:>8.1f} {kind['max_ms']:>8.1f}")
        verdict = "met" if phase["floor_met"] else "NOT met"
        cpu = (f"; server CPU {phase['server_cpu_ms_per_request']} ms a request"
               if "server_cpu_ms_per_request" in phase else "")
        lines += [f"distinct requests: {phase['distinct_requests']} of {phase['requests']} "
                  "(the others ask again what one before asked)",
                  f"floor ({FLOOR_RPS:.0f} req/s, p99 < {FLOOR_P99_MS:.0f} ms): {verdict}{cpu}",
                  ""]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the load test and print its numbers (one JSON object with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/dyad-1m.duckdb",
                        help="DuckDB store to serve (see make_store.py).")
    parser.add_argument("--requests", type=int, default=2000,
                        help="Requests per phase (after the warm-up).")
    parser.add_argument("--seconds", type=float, default=60.0,
                        help="At most this many seconds per phase.")
    parser.add_argument("--concurrency", type=int, default=8, help="Client threads.")
    parser.add_argument("--warmup", type=int, default=20, help="Warm-up requests per phase.")
    parser.add_argument("--phase", choices=PHASES, action="append",
                        help="Run only this phase (repeatable).")
    parser.add_argument("--without", choices=EVENT_KINDS, action="append", default=[],
                        help="Leave this kind of /api/events query out (repeatable).")
    parser.add_argument("--cache-mb", type=int, default=None,
                        help="Pass --cache-mb to the server (0: it keeps no answers, so every "
                        "request is answered from the store).")
    parser.add_argument("--workers", type=int, default=None,
                        help="Pass --workers to the server (processes answering requests).")
    parser.add_argument("--seed", type=int, default=20240702)
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    args = parser.parse_args(argv)
    if not os.path.exists(args.db):
        print(f"bench_web: error: {args.db}: no such store (make one with make_store.py)",
              file=sys.stderr)
        return 2
    if args.requests < 1 or args.concurrency < 1 or args.seconds <= 0:
        print("bench_web: error: --requests, --concurrency and --seconds must be positive",
              file=sys.stderr)
        return 2
    server_args = [] if args.cache_mb is None else ["--cache-mb", str(args.cache_mb)]
    if args.workers is not None:
        server_args += ["--workers", str(args.workers)]
    report = run(args.db, requests=args.requests, seconds=args.seconds,
                 concurrency=args.concurrency, warmup=args.warmup,
                 phases=args.phase or PHASES, seed=args.seed, without=args.without,
                 server_args=server_args)
    print(json.dumps(report) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
