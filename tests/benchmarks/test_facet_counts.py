"""The facet counts and chart of the explorer, as `event_facets` computes them (from the word
index alone for a text search), equal the counts of the events a filter selects read
straight from the events table, on a generated store."""

from __future__ import annotations

import importlib
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dyad.store.backend import Backend
from dyad.store.handle import open_store
from dyad.store.listing import DATE_ORDER, FACETS, event_facets, page_events
from dyad.store.query import EventFilter

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    out = tmp_path_factory.mktemp("facets") / "small.duckdb"
    importlib.import_module("make_store").build_store(out, events=3000)
    return out


def _straight(backend: Backend, criteria: EventFilter) -> dict[str, Any]:
    """The counts in Python over the selected events' own rows."""
    condition, params = criteria.sql(backend.dialect)
    rows = backend.rows("SELECT e.root, e.source, e.target, e.date, e.quad_class, e.goldstein "
                        f"FROM events e WHERE {condition}", params)
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    months: dict[tuple[str, int], list[float]] = defaultdict(lambda: [0, 0.0])
    for root, source, target, day, quad, goldstein in rows:
        counts["root"][str(root)] += 1
        counts["quad_class"][str(quad)] += 1
        counts["source_country"][str(source)[:3]] += 1
        counts["target_country"][str(target)[:3]] += 1
        if day is not None:
            counts["year"][str(day.year)] += 1
            month = months[day.replace(day=1).isoformat(), int(quad)]
            month[0] += 1
            month[1] += float(goldstein)
    counts = {name: Counter({k: v for k, v in found.items() if k}) for name, found in
              counts.items()}
    return {"total": len(rows), "counts": counts,
            "months": {key: (int(n), round(g, 3)) for key, (n, g) in months.items()}}


def _words(backend: Backend) -> list[str]:
    return [str(t).lower() for (t,) in backend.rows(
        "SELECT trigger FROM events WHERE length(trigger) >= 4 AND trigger NOT LIKE '% %' "
        "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 3")]


def _partner(backend: Backend, word: str) -> str:
    """A word found with `word` in some events, not in all of them."""
    return str(backend.rows(
        "SELECT b.word FROM event_words a JOIN event_words b ON b.event_id = a.event_id "
        "WHERE a.word = ? AND b.word <> a.word AND length(b.word) >= 4 "
        "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1 OFFSET 5", [word])[0][0])


def _filters(backend: Backend) -> list[EventFilter]:
    words = _words(backend)
    (source, target), = backend.rows(
        "SELECT source, target FROM events GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1")
    dyad = f"{str(source)[:3]}:{str(target)[:3]}"
    return [
        EventFilter(),
        EventFilter(since=date(2023, 3, 1), until=date(2023, 3, 31)),
        EventFilter(dyad=dyad, since=date(2022, 5, 4), until=date(2023, 5, 4)),
        *[EventFilter(words=w) for w in words],
        EventFilter(words=words[0][:3]),  # a prefix: several words of one event
        EventFilter(words=f"{words[0]} {_partner(backend, words[0])}"),
        EventFilter(words=words[0], dyad=dyad),
        EventFilter(words=words[1], actor=str(source)[:3]),
        EventFilter(words=words[0], until=date(2022, 12, 31)),
        EventFilter(words=words[0], since=date(2022, 1, 1)),  # joins the events
        EventFilter(words=words[1], root=str(backend.rows(
            "SELECT root FROM events WHERE lower(trigger) = ? LIMIT 1", [words[1]])[0][0])),
        EventFilter(words="nosuchwordanywhere"),
    ]


def test_facets_equal_the_events_own_counts(generated: Path) -> None:
    with open_store(generated) as store:
        backend = store.backend
        for criteria in _filters(backend):
            facets = event_facets(backend, criteria, by="month", top=1000)
            expected = _straight(backend, criteria)
            assert facets.total == expected["total"], criteria
            for name in FACETS:
                got = {c.value: c.count for c in facets.counts[name]}
                assert got == dict(expected["counts"][name]), (criteria, name)
            assert {(p["period"], p["quad_class"]): (p["events"], p["goldstein"])
                    for p in facets.periods} == expected["months"], criteria
            assert (facets.total > 0) == (criteria.words != "nosuchwordanywhere"), criteria


def test_word_pages_equal_the_events_own_order(generated: Path) -> None:
    with open_store(generated) as store:
        backend = store.backend
        for criteria in _filters(backend):
            condition, params = criteria.sql(backend.dialect)
            expected = [str(i) for (i,) in backend.rows(
                f"SELECT e.event_id FROM events e WHERE {condition} "
                f"ORDER BY {DATE_ORDER.order(backend)} LIMIT 50", params)]
            page = page_events(backend, criteria, limit=50)
            assert [e["event_id"] for e in page.events] == expected, criteria
