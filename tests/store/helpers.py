"""Helpers shared by the store tests: a small known news set, table counts and snapshots."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dyad.store.backend import Backend
from dyad.store.events import event_words
from dyad.store.query import LISTING_COLUMNS, record
from dyad.store.schema import EVENT_COLUMNS

#: Eight one-sentence documents and the events the coder gives them (merged: 7 events).
NEWS: tuple[dict[str, str], ...] = (
    {"id": "a", "text": "Russia imposed sanctions on Japan.", "date": "2024-07-01",
     "source": "Reuters", "url": "https://www.reuters.example/a", "title": "Sanctions"},
    {"id": "b", "text": "Russia imposed sanctions on Japan on Tuesday.", "date": "2024-07-03",
     "source": "AP"},  # RUS JPN 163 on 2024-07-02: the same event as a
    {"id": "c", "text": "Japan condemned Russia.", "date": "2024-07-05"},  # JPN RUS 111
    {"id": "d", "text": "China accused the United States of interfering in its elections.",
     "date": "2024-08-10"},  # CHN USA 112
    {"id": "e", "text": "Iran threatened Israel with retaliation.", "date": "2024-08-20"},
    {"id": "f", "text": "Russia promised aid to Japan.", "date": "2024-09-02"},  # RUS JPN 033
    {"id": "g", "text": "The Japanese government criticized Russia's decision.",
     "date": "2024-09-03"},  # JPNGOV RUS 111
    {"id": "h", "text": "Russian troops attacked Japanese fishermen.",
     "date": "2024-09-20"},  # RUSMIL JPNAGR 190
)


def counts(backend: Backend) -> dict[str, int]:
    """Rows per table."""
    return {table: int(backend.rows(f"SELECT count(*) FROM {table}")[0][0])
            for table in ("documents", "sentences", "mentions", "events")}


def snapshot(backend: Backend) -> list[tuple[Any, ...]]:
    """Every column of every event, sorted."""
    return sorted(backend.rows(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events"), key=str)


def clear(backend: Backend) -> None:
    """Empty the store's tables."""
    for table in ("documents", "sentences", "mentions", "events", "knowledge", "event_words",
                  "event_days", "country_days", "knowledge_groups", "knowledge_members",
                  "knowledge_tokens"):
        backend.execute(f"DELETE FROM {table}")


def check_consistent(backend: Backend) -> None:
    """Every mention belongs to exactly one event, and the events count them all."""
    total = counts(backend)
    assert backend.rows("SELECT count(*) FROM event_mentions")[0][0] == total["mentions"]
    assert backend.rows("SELECT coalesce(sum(num_mentions), 0) FROM events")[0][0] == (
        total["mentions"])
    per_doc = backend.rows("SELECT count(*) FROM documents d WHERE n_events <> "
                           "(SELECT count(*) FROM mentions m WHERE m.doc_id = d.doc_id)")
    assert per_doc[0][0] == 0
    check_derived(backend)


def check_derived(backend: Backend) -> None:
    """`event_words`, `event_days` and `country_days` hold exactly what the events and their
    sentences give, and each event's `listing` its listing record."""
    columns, rows = backend.fetch(f"SELECT {', '.join(LISTING_COLUMNS)}, listing FROM events")
    for row in rows:
        assert json.loads(row[-1]) == record(columns[:-1], row[:-1])
    sentences = backend.rows("SELECT m.event_id, e.date, e.source, e.target, e.root, "
                             "e.quad_class, e.goldstein, m.sentence "
                             "FROM event_mentions m JOIN events e ON e.event_id = m.event_id")
    stored = backend.rows("SELECT word, event_id, date, source, target, root, quad_class, "
                          "goldstein FROM event_words")
    assert sorted(stored, key=str) == sorted(
        event_words((str(i), d, str(s), str(t), str(r), int(q), float(g), str(x))
                    for i, d, s, t, r, q, g, x in sentences),
        key=str)
    days: dict[tuple[str, str, Any], list[float]] = {}
    for source, target, day, quad, gold in backend.rows(
            "SELECT source, target, date, quad_class, goldstein FROM events "
            "WHERE date IS NOT NULL"):
        sums = days.setdefault((source, target, day), [0, 0, 0, 0, 0, 0.0])
        sums[0] += 1
        sums[quad] += 1
        sums[5] += gold
    summed = {(s, t, d): [n, q1, q2, q3, q4, pytest.approx(g)]
              for s, t, d, n, q1, q2, q3, q4, g in backend.rows("SELECT * FROM event_days")}
    assert summed == days
    countries: dict[tuple[str, str, Any], list[float]] = {}
    for (source, target, day), sums in days.items():
        into = countries.setdefault((source[:3], target[:3], day), [0, 0, 0, 0, 0, 0.0])
        for index, value in enumerate(sums):
            into[index] += value
    summed = {(s, t, d): [n, q1, q2, q3, q4, pytest.approx(g)]
              for s, t, d, n, q1, q2, q3, q4, g in backend.rows("SELECT * FROM country_days")}
    assert summed == countries
