"""How long merging a store's knowledge takes: records stated by single documents in, one
merged knowledge base out (`dyad.store.knowledge.merge_stored`, what every read of a store's
knowledge runs), and how long turning the stored JSON back into records takes.

    .venv/bin/python benchmarks/bench_knowledge_merge.py                 # 1,000 … 8,000
    .venv/bin/python benchmarks/bench_knowledge_merge.py --sizes 100000 --json

The records are generated: per document one agreement (a named one from a pool of 2,000
names, so that some merge across documents, or a described one that never merges), one
institution (a named center in one of 500 cities) and one claim (one of 3,000 statements),
each with a step, a status fact or a stance dated in the document. Reading the rows from
DuckDB or PostgreSQL is not included (see `bench_store.py`).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from typing import Any

from dyad.knowledge.model import (
    Agreement,
    AgreementStep,
    Claim,
    Evidence,
    Institution,
    Party,
    Stance,
    StatusFact,
    When,
)
from dyad.knowledge.serialize import agreement_from_dict, claim_from_dict, institution_from_dict
from dyad.store.knowledge import Item, merge_stored

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


def _from_json(rows: list[tuple[str, str]]) -> list[Item]:
    readers = {"agreement": agreement_from_dict, "institution": institution_from_dict,
               "claim": claim_from_dict}
    return [readers[kind](json.loads(data)) for kind, data in rows]


def measure(documents: int) -> dict[str, Any]:
    """Seconds to merge, and to read the stored JSON back, for this many documents."""
    items = records(documents)
    rows = [(i.to_dict()["type"], json.dumps(i.to_dict())) for i in items]
    start = time.perf_counter()
    loaded = _from_json(rows)
    read = time.perf_counter() - start
    start = time.perf_counter()
    merged = merge_stored(loaded)
    merge = time.perf_counter() - start
    return {"documents": documents, "records": len(items), "read_json_s": round(read, 3),
            "merge_s": round(merge, 3), "agreements": len(merged.agreements),
            "institutions": len(merged.institutions), "claims": len(merged.claims)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    results = [measure(n) for n in options.sizes]
    if options.json:
        print(json.dumps(results))
        return
    print(f"{'documents':>10} {'records':>8} {'read JSON s':>12} {'merge s':>8} "
          f"{'agreements':>10} {'institutions':>12} {'claims':>7}")
    for r in results:
        print(f"{r['documents']:>10,} {r['records']:>8,} {r['read_json_s']:>12} "
              f"{r['merge_s']:>8} {r['agreements']:>10,} {r['institutions']:>12,} "
              f"{r['claims']:>7,}")


if __name__ == "__main__":
    main()
