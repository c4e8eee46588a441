"""Score event locations against the hand-written location gold of the dev set.

    PYTHONPATH=src .venv/bin/python benchmarks/score_locations.py [dev/articles/locations.jsonl]

Codes each text the gold names as `dyad code FILE` would, then prints every wrong answer and
the three measures (`dyad.evaluation.locations`): country right and city, division or region
right where the sentence states a place, no location (or the dateline's) where it states none.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dyad.coding.coder import EventCoder
from dyad.dictionaries.defaults import load_dictionaries
from dyad.evaluation.locations import gold_documents, read_location_gold, score_locations

DEFAULT_GOLD = Path(__file__).resolve().parents[1] / "dev" / "articles" / "locations.jsonl"


def main() -> None:
    texts = read_location_gold(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_GOLD))
    coder = EventCoder(load_dictionaries())
    coded = [c.events for c in coder.code(gold_documents(texts))]
    score = score_locations(texts, coded).to_dict()
    for line in score.pop("wrong"):
        print(line)
    print(json.dumps(score, indent=2))


if __name__ == "__main__":
    main()
