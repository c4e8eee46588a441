"""Generated news for the store tests: short documents whose events the coder finds surely."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = ("Russia", "Japan", "China", "Iran", "Israel", "Germany", "France", "Brazil",
             "Egypt", "Canada")
TEMPLATES = (
    "{a} imposed sanctions on {b}.",  # 163, quad 4
    "{a} condemned {b}.",  # 111, quad 3
    "{a} threatened {b} with retaliation.",  # 130, quad 3
    "{a} promised aid to {b}.",  # 033, quad 1
    "{a} praised {b} for its help.",  # 051, quad 2
)
OUTLETS = ("Reuters", "AP", "AFP", "")


def make_documents(count: int, *, seed: int = 7, sentences: int = 3, start: date = date(2024, 7, 1),
                   days: int = 10) -> list[dict[str, str]]:
    """`count` JSONL records (id, text, date, source) of `sentences` coded sentences each."""
    rng = random.Random(seed)
    records = []
    for n in range(count):
        parts = []
        for _ in range(sentences):
            a, b = rng.sample(COUNTRIES[:4], 2)
            parts.append(rng.choice(TEMPLATES).format(a=a, b=b))
        day = start + timedelta(days=rng.randrange(days))
        records.append({"id": f"doc-{n:04d}", "text": " ".join(parts), "date": day.isoformat(),
                        "source": rng.choice(OUTLETS)})
    return records


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    """Write records as JSON Lines."""
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path
