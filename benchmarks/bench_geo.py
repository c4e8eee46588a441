"""What geolocation costs: the coding stages with and without it, against end-to-end time.

Parses a corpus once (`benchmarks/corpus/news-5000.jsonl` by default), then codes the parses
alternately with geolocation on and off (`EventCoder(geolocate=...)`), `--repeat` times each,
and reports the added seconds as a share of the end-to-end time (parse plus coding without
geolocation), with the gazetteer's one-time load measured apart.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_geo.py --limit 400 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from dyad.coding.coder import EventCoder, prepare_for_bulk_coding
from dyad.dictionaries.defaults import load_dictionaries
from dyad.geo.gazetteer import build_gazetteer
from dyad.io.jsonl import read_jsonl
from dyad.nlp import load_pipeline, parse_documents
from dyad.record import Document

DEFAULT_CORPUS = Path(__file__).parent / "corpus" / "news-5000.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="documents to use")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    documents = [d for d in read_jsonl(str(args.corpus)) if isinstance(d, Document)][: args.limit]
    nlp = load_pipeline()
    start = time.perf_counter()
    gazetteer = build_gazetteer()
    load = time.perf_counter() - start
    dictionaries = load_dictionaries()
    coders = {True: EventCoder(dictionaries, nlp=nlp, gazetteer=gazetteer),
              False: EventCoder(dictionaries, nlp=nlp, geolocate=False)}
    prepare_for_bulk_coding(nlp)
    start = time.perf_counter()
    parsed = list(parse_documents(documents, nlp=nlp))
    parse = time.perf_counter() - start
    times: dict[bool, list[float]] = {True: [], False: []}
    located = sentences = 0
    for _ in range(args.repeat):
        for on in (False, True):
            start = time.perf_counter()
            for p in parsed:
                coded = coders[on].code_parsed(p)
                if on:
                    located += sum(1 for e in coded.events if e.location is not None)
                    sentences += len(coded.sentences)
            times[on].append(time.perf_counter() - start)
    without, with_ = min(times[False]), min(times[True])
    end_to_end = parse + without
    report = {
        "documents": len(parsed), "sentences": sentences // args.repeat,
        "parse_seconds": round(parse, 3), "coding_seconds_without": round(without, 3),
        "coding_seconds_with": round(with_, 3),
        "added_share_of_end_to_end": round((with_ - without) / end_to_end, 4),
        "gazetteer_load_seconds": round(load, 3),
        "load_share_of_this_run": round(load / end_to_end, 4),
        "events_located_per_run": located // args.repeat,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
