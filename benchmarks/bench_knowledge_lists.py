"""How long the knowledge list pages (`/agreements`, `/institutions`, `/claims`) and their
JSON (`/api/agreements`…) take on a kept store, e.g. the one
`bench_knowledge_merge.py --sizes 100000 --keep k.duckdb` leaves:

    .venv/bin/python benchmarks/bench_knowledge_lists.py k.duckdb
    .venv/bin/python benchmarks/bench_knowledge_lists.py k.duckdb --repeat 5 --json

Each request is timed through the app (FastAPI's TestClient, in this process): the first one
on a fresh app ("first": what the first request after an ingest pays, when nothing is kept)
and the next one on the same app ("again"); with `--repeat N` the best and worst of N. Only
HTTP is used, so the script times any version of dyad on `PYTHONPATH`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from html import unescape

from fastapi.testclient import TestClient

from dyad.web.app import create_app

URLS = (
    "/agreements",
    "/agreements?sort=-state",
    "/agreements?party=RUS&state=suspended",
    "/agreements?q=treaty+number+17",
    "/agreements?kind=treaty&sort=kind",
    "/institutions",
    "/claims",
    "/claims?state=asserted&sort=-name",
    "/api/agreements?party=RUS&status=suspended&q=treaty+number+17",
    "/api/claims?q=claim+7&sort=-state",
)


def _timed(client: TestClient, url: str) -> tuple[float, str]:
    start = time.perf_counter()
    response = client.get(url)
    took = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code} {response.text[:200]}")
    return took, response.text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    urls = list(URLS)
    with TestClient(create_app(args.store)) as client:  # the second page, by its cursor
        found = re.search(r'href="(/agreements\?cursor=[^"]+)"', client.get(URLS[0]).text)
        if found:
            urls.insert(1, unescape(found.group(1)))
    results: dict[str, dict[str, list[float]]] = {}
    for _ in range(args.repeat):
        for url in urls:
            with TestClient(create_app(args.store)) as client:
                first, _ = _timed(client, url)
                again, _ = _timed(client, url)
            kept = results.setdefault(url, {"first": [], "again": []})
            kept["first"].append(first)
            kept["again"].append(again)
    if args.json:
        print(json.dumps({"load": os.getloadavg(), "results": results}, indent=1))
        return
    print(f"load average {os.getloadavg()[0]:.2f}")
    for url, kept in results.items():
        shown = url if len(url) < 64 else url[:60] + "..."
        print(f"{shown:64} first {min(kept['first']):6.3f}-{max(kept['first']):6.3f} s   "
              f"again {min(kept['again']):6.3f}-{max(kept['again']):6.3f} s")


if __name__ == "__main__":
    main()
