"""How long reading a store's knowledge takes, with the merged records kept in the store
(`dyad.store.knowledge.load_knowledge`: one SELECT of `knowledge_groups`, the JSON turned back
into records) and, as before they were kept, merged on every read (`merge_on_load`: every
`knowledge` row read, turned back into records and merged); what a list page reads (the
summaries of every agreement, `load_summaries`, then the 50 records of one page,
`load_records`) and what it reads now (`dyad.web.records.sql_page`: the counts, facets and
the first page's ids in SQL, then those 50 records; unfiltered and `party=RUS&state=suspended`);
what answering one question reads instead, selecting the records by their
look-up keys (`dyad.store.knowledge_reads`): a status question (`load_status`, as `dyad
status`; also a broad one, "Treaty", that names ~45% of the agreements: the answer shows the
first 20 and counts the others), a dyad page's knowledge (`load_pair` with the page's limit,
and without it: every record of the pair), a filtered list (`select_ids` and the first
50 records, as `dyad agreements --party RUS --status suspended --limit 50`); and what keeping
the merge costs an ingest batch (`refresh_groups` for a batch of new documents).

    .venv/bin/python benchmarks/bench_knowledge_merge.py                 # 1,000 … 8,000
    .venv/bin/python benchmarks/bench_knowledge_merge.py --sizes 100000 --json
    .venv/bin/python benchmarks/bench_knowledge_merge.py --sizes 100000 --keep k.duckdb
                                                   # keep the store, to time the CLI on it

The records are generated: per document one agreement (a named one from a pool of 2,000
names, so that some merge across documents, or a described one that never merges), one
institution (a named center in one of 500 cities) and one claim (one of 3,000 statements),
each with a step, a status fact or a stance dated in the document. They are stored in a
DuckDB file (in a temporary folder) as an ingest stores them, the merge built once
(`rebuild_groups`, what the first ingest into a store of an older dyad runs); then a batch
of `--batch` new documents (default 200, an ingest's batch) is added with `refresh_groups`.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections.abc import Callable
from typing import Any, TypeVar

from dyad.knowledge.model import (
    Agreement,
    AgreementStep,
    Claim,
    Evidence,
    Institution,
    KnowledgeBase,
    Party,
    Stance,
    StatusFact,
    When,
)
from dyad.store.backend import Backend, open_backend
from dyad.store.knowledge import (
    Item,
    load_knowledge,
    load_records,
    load_summaries,
    merge_on_load,
)
from dyad.store.knowledge_groups import rebuild_groups, refresh_groups
from dyad.store.knowledge_reads import load_pair, load_status, select_ids
from dyad.store.knowledge_rows import KNOWLEDGE_TYPES, knowledge_rows
from dyad.store.schema import KNOWLEDGE_COLUMNS, create_schema
from dyad.web.pages import PAIR_RECORDS
from dyad.web.records import sql_page

T = TypeVar("T")

COUNTRIES = ("RUS", "JPN", "USA", "CHN", "FRA", "DEU", "GBR", "IND", "KOR", "TUR")


def records(documents: int, seed: int = 7) -> list[Item]:
    """Three records per document, as single documents state them."""
    rng = random.Random(seed)
    items: list[Item] = []
    for n in range(documents):
        doc = f"doc{n:07d}"
        day = When(f"20{10 + n % 14:02d}-0{1 + n % 9}-1{n % 9}", "", "day", "stated")
        evidence = Evidence(doc, 0, f"Sentence {n}.", (0, 12))
        a, b = rng.sample(COUNTRIES, 2)
        parties = (Party(a, a), Party(b, b))
        named = rng.random() < 0.6
        name = f"Treaty number {rng.randrange(2000)}" if named else "bilateral agreement"
        step = AgreementStep(rng.choice(("signed", "suspended", "ratified")), day, parties[:1],
                             evidence)
        items.append(Agreement(f"agr-{doc}", "treaty", name, parties, "", (step,), (evidence,),
                               names=(name,) if named else ()))
        city = f"City{rng.randrange(500)}"
        fact = StatusFact(rng.choice(("closed", "operating")), "close", day, evidence)
        items.append(Institution(f"ins-{doc}", f"Culture Center in {city}", "center",
                                 Party(a, a), (), (fact,), (evidence,)))
        statement = rng.randrange(3000)
        stance = Stance(rng.choice(("claimant", "refuter")), Party(b, b), day, evidence)
        items.append(Claim(f"clm-{doc}", f"claim {statement}", f"claim {statement}", "close",
                           (a,), f"object{statement}", (stance,)))
    return items


def _store(path: str, items: list[Item]) -> Backend:
    """A DuckDB store holding these records as an ingest stores them."""
    backend = open_backend(path, create=True)
    create_schema(backend)
    rows = [(item.mentions[0].doc_id if not isinstance(item, Claim)
             else item.stances[0].evidence.doc_id, item) for item in items]
    with backend.transaction():
        for start in range(0, len(rows), 10_000):
            part = rows[start : start + 10_000]
            backend.insert("knowledge", KNOWLEDGE_COLUMNS,
                           [row for doc_id, item in part for row in knowledge_rows(
                               doc_id, _base([item]))])
    return backend


def _base(items: list[Item]) -> KnowledgeBase:
    return KnowledgeBase(tuple(i for i in items if isinstance(i, Agreement)),
                         tuple(i for i in items if isinstance(i, Institution)),
                         tuple(i for i in items if isinstance(i, Claim)))


def _timed(run: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = run()
    return result, round(time.perf_counter() - start, 3)


def _list_page(backend: Backend, values: dict[str, str]) -> list[Item]:
    """What `/agreements` reads: the count, the facet counts and the ids of the first page in
    SQL (`sql_page`), then those 50 records."""
    return load_records(backend, "agreement", sql_page(backend, "agreement", values,
                                                       size=50).ids)


def measure(documents: int, batch: int = 200, keep: str = "") -> dict[str, Any]:
    """Seconds to read the knowledge of a store of this many documents, kept and merged on
    load, to answer single questions, and to keep the merge for a batch of new documents."""
    items = records(documents + batch)
    stored, fresh = items[: 3 * documents], items[3 * documents :]
    with tempfile.TemporaryDirectory() as folder:
        backend = _store(keep or f"{folder}/knowledge.duckdb", stored)
        _, merge_on_read = _timed(lambda: merge_on_load(backend, KNOWLEDGE_TYPES))
        with backend.transaction():
            _, build = _timed(lambda: rebuild_groups(backend))
        kept, read = _timed(lambda: load_knowledge(backend))
        _, read_agreements = _timed(lambda: load_knowledge(backend, types=("agreement",)))
        summaries, read_summaries = _timed(lambda: load_summaries(backend, "agreement"))
        _, read_page = _timed(lambda: load_records(
            backend, "agreement", [s.id for s in summaries[:50]]))
        questions = {
            "status_treaty_s": lambda: load_status(backend, "Treaty number 17"),
            "status_broad_s": lambda: load_status(backend, "Treaty"),  # names ~45% of them
            "status_center_s": lambda: load_status(backend, "Culture Center in City7"),
            "status_claim_s": lambda: load_status(backend, "claim 123"),
            "dyad_page_s": lambda: load_pair(backend, "RUS", "JPN", limit=PAIR_RECORDS),
            "dyad_all_s": lambda: load_pair(backend, "RUS", "JPN"),
            "list_filtered_s": lambda: load_records(backend, "agreement", select_ids(
                backend, "agreement", party="RUS", state="suspended")[:50]),
            "list_page_s": lambda: _list_page(backend, {}),
            "list_page_filtered_s": lambda: _list_page(
                backend, {"party": "RUS", "state": "suspended"}),
        }
        answered = {name: _timed(run)[1] for name, run in questions.items()}
        ids = sorted({i.mentions[0].doc_id if not isinstance(i, Claim)
                      else i.stances[0].evidence.doc_id for i in fresh})
        with backend.transaction():
            backend.insert("knowledge", KNOWLEDGE_COLUMNS, [
                row for item in fresh for row in knowledge_rows(
                    item.id.split("-", 1)[1], _base([item]))])
            _, refresh = _timed(lambda: refresh_groups(backend, ids))
        backend.close()
    return {"documents": documents, "records": len(stored),
            "merge_on_read_s": merge_on_read, "read_kept_s": read,
            "read_agreements_s": read_agreements, "list_agreements_s": read_summaries,
            "page_of_50_s": read_page, "build_s": build,
            f"refresh_{batch}_s": refresh, **answered, "agreements": len(kept.agreements),
            "institutions": len(kept.institutions), "claims": len(kept.claims)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", default="", help="Keep the store of the (one) size here.")
    options = parser.parse_args()
    results = [measure(n, options.batch, options.keep) for n in options.sizes]
    if options.json:
        print(json.dumps(results))
        return
    print(f"{'documents':>10} {'records':>8} {'merge on read s':>15} {'read kept s':>11} "
          f"{'agreements s':>12} {'list s':>7} {'page s':>7} {'build s':>8} {'batch s':>8} "
          f"{'merged':>8}")
    for r in results:
        merged = r["agreements"] + r["institutions"] + r["claims"]
        print(f"{r['documents']:>10,} {r['records']:>8,} {r['merge_on_read_s']:>15} "
              f"{r['read_kept_s']:>11} {r['read_agreements_s']:>12} "
              f"{r['list_agreements_s']:>7} {r['page_of_50_s']:>7} {r['build_s']:>8} "
              f"{r[f'refresh_{options.batch}_s']:>8} {merged:>8,}")
    print(f"\n{'documents':>10} {'status: treaty s':>16} {'broad s':>10} {'center s':>9} "
          f"{'claim s':>8} {'dyad page s':>11} {'dyad all s':>10} {'filtered list s':>15} "
          f"{'list page s':>11} {'filtered page s':>15}")
    for r in results:
        print(f"{r['documents']:>10,} {r['status_treaty_s']:>16} {r['status_broad_s']:>10} "
              f"{r['status_center_s']:>9} {r['status_claim_s']:>8} {r['dyad_page_s']:>11} "
              f"{r['dyad_all_s']:>10} {r['list_filtered_s']:>15} {r['list_page_s']:>11} "
              f"{r['list_page_filtered_s']:>15}")


if __name__ == "__main__":
    main()
