"""timeline: QuadClass counts and Goldstein sums per period, both directions, and the plot."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyad.errors import QueryError
from dyad.store.backend import Backend
from dyad.store.timeline import next_period, period_start, plot_timeline, timeline


def table(backend: Backend, a: str, b: str, **options: object) -> list[tuple[object, ...]]:
    return [(r.period.isoformat(), r.source, r.target, r.events, r.quad1, r.quad2, r.quad3,
             r.quad4, r.goldstein) for r in timeline(backend, a, b, **options)]  # type: ignore[arg-type]


def test_timeline_by_month_both_directions(news: Backend) -> None:
    assert table(news, "rus", "JPN") == [
        ("2024-07-01", "RUS", "JPN", 1, 0, 0, 0, 1, -8.0),
        ("2024-07-01", "JPN", "RUS", 1, 0, 0, 1, 0, -2.0),
        ("2024-08-01", "RUS", "JPN", 0, 0, 0, 0, 0, 0.0),
        ("2024-08-01", "JPN", "RUS", 0, 0, 0, 0, 0, 0.0),
        ("2024-09-01", "RUS", "JPN", 2, 1, 0, 0, 1, -4.8),
        ("2024-09-01", "JPN", "RUS", 1, 0, 0, 1, 0, -2.0),
    ]


def test_timeline_by_week_and_dates(news: Backend) -> None:
    rows = table(news, "JPN", "RUS", by="week", since=date(2024, 9, 1))
    assert rows == [
        ("2024-09-02", "JPN", "RUS", 1, 0, 0, 1, 0, -2.0),
        ("2024-09-02", "RUS", "JPN", 1, 1, 0, 0, 0, 5.2),
        ("2024-09-09", "JPN", "RUS", 0, 0, 0, 0, 0, 0.0),
        ("2024-09-09", "RUS", "JPN", 0, 0, 0, 0, 0, 0.0),
        ("2024-09-16", "JPN", "RUS", 0, 0, 0, 0, 0, 0.0),
        ("2024-09-16", "RUS", "JPN", 1, 0, 0, 0, 1, -10.0),
    ]


def test_timeline_empty_and_bad(news: Backend) -> None:
    assert timeline(news, "FRA", "DEU") == []
    with pytest.raises(QueryError, match="bad period 'fortnight'"):
        timeline(news, "RUS", "JPN", by="fortnight")
    with pytest.raises(QueryError, match="two actor codes"):
        timeline(news, "RUS", " ")


@pytest.mark.parametrize(
    ("day", "by", "start", "after"),
    [
        (date(2024, 7, 3), "week", date(2024, 7, 1), date(2024, 7, 8)),
        (date(2024, 12, 31), "month", date(2024, 12, 1), date(2025, 1, 1)),
        (date(2024, 5, 9), "year", date(2024, 1, 1), date(2025, 1, 1)),
        (date(2024, 2, 29), "day", date(2024, 2, 29), date(2024, 3, 1)),
    ],
)
def test_timeline_periods(day: date, by: str, start: date, after: date) -> None:
    assert period_start(day, by) == start
    assert next_period(start, by) == after


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_timeline_plot(news: Backend, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"rus-jpn{suffix}"
    plot_timeline(timeline(news, "RUS", "JPN"), str(path), title="RUS – JPN")
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data[:2000]


def _from_events(backend: Backend, a: str, b: str, by: str) -> list[tuple[object, ...]]:
    """The timeline added up in Python from the events table (prefix match, A → B first)."""
    sums: dict[tuple[date, int], list[float]] = {}
    for source, target, day, quad, gold in backend.rows(
            "SELECT source, target, date, quad_class, goldstein FROM events "
            "WHERE date IS NOT NULL"):
        if source.startswith(a) and target.startswith(b):
            direction = 0
        elif source.startswith(b) and target.startswith(a):
            direction = 1
        else:
            continue
        into = sums.setdefault((period_start(day, by), direction), [0, 0, 0, 0, 0, 0.0])
        into[0] += 1
        into[quad] += 1
        into[5] += gold
    if not sums:
        return []
    rows: list[tuple[object, ...]] = []
    start, end = min(p for p, _ in sums), max(p for p, _ in sums)
    while start <= end:
        for direction, (source, target) in enumerate(((a, b), (b, a))):
            n, q1, q2, q3, q4, gold = sums.get((start, direction), [0, 0, 0, 0, 0, 0.0])
            rows.append((start.isoformat(), source, target, n, q1, q2, q3, q4,
                         pytest.approx(gold)))
        start = next_period(start, by)
    return rows


@pytest.mark.parametrize("by", ["day", "week", "month", "year"])
@pytest.mark.parametrize(("a", "b"), [("RUS", "JPN"), ("JPN", "RUS"), ("CHN", "USA"),
                                      ("RU", "JP"), ("RUS", "J"), ("USA", "USA")])
def test_timeline_adds_up_the_events(news: Backend, a: str, b: str, by: str) -> None:
    """Three-letter pairs come from `country_days`, other prefixes from `event_days`."""
    expected = _from_events(news, a, b, by)
    if a != b:
        assert expected, "the news set should hold events of this dyad"
    assert table(news, a, b, by=by) == expected
