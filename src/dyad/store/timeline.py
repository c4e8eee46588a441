"""A dyad's timeline: per period and direction, events per QuadClass and summed Goldstein score.

Actors match by code prefix (`RUS` takes in `RUSGOV`); an event counts in the period of its
first date. Periods run without gaps from the first to the last one with events. The counts
come from the `event_days` table (events per source, target and first day), which the store
keeps in step with the events; each direction is read on its own, so that a range of codes
(`source >= 'RUS' AND source < 'RUT'`) lets DuckDB skip the parts of the table outside it.
Two three-letter codes (countries, the usual dyad) are read from `country_days`, the same
sums per first three letters of the codes: one row per country pair and day instead of one
per pair of full codes (RUS/JPN by week: about 3,400 rows to add up instead of 23,000).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import pairwise
from typing import Any, NamedTuple

from dyad.errors import QueryError
from dyad.store.backend import Backend
from dyad.store.listing import selected_events
from dyad.store.query import EventFilter, directed, like_prefix, prefix_end

PERIODS: tuple[str, ...] = ("day", "week", "month", "year")
#: The columns of a timeline listing, in order.
TIMELINE_COLUMNS: tuple[str, ...] = (
    "period", "source", "target", "events", "quad1", "quad2", "quad3", "quad4", "goldstein")

# The period is written into the SQL from PERIODS (DuckDB truncates faster by a constant unit
# than by a parameter); the sums are cast to BIGINT, which reach Python faster than HUGEINT.
_SQL = """SELECT CAST(date_trunc('{by}', d.day) AS DATE) AS period, {direction} AS direction,
       CAST(sum(d.events) AS BIGINT), CAST(sum(d.quad1) AS BIGINT),
       CAST(sum(d.quad2) AS BIGINT), CAST(sum(d.quad3) AS BIGINT),
       CAST(sum(d.quad4) AS BIGINT), sum(d.goldstein)
FROM {table} d
WHERE {pair} {dates}
GROUP BY 1"""


class TimelineRow(NamedTuple):
    """One period of one direction of a dyad (a named tuple: a weekly timeline of five years
    makes 520 of them a request)."""

    period: date
    source: str
    target: str
    events: int
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    goldstein: float

    def to_dict(self) -> dict[str, Any]:
        """The row with the period as an ISO date."""
        return {"period": self.period.isoformat(), "source": self.source,
                "target": self.target, "events": self.events, "quad1": self.quad1,
                "quad2": self.quad2, "quad3": self.quad3, "quad4": self.quad4,
                "goldstein": self.goldstein}


def period_start(day: date, by: str) -> date:
    """The first day of the period (ISO week from Monday, month, year) holding `day`."""
    if by == "week":
        return date.fromordinal(day.toordinal() - day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "year":
        return day.replace(month=1, day=1)
    return day


def next_period(start: date, by: str) -> date:
    """The first day of the period after the one starting on `start`."""
    if by == "week":
        return date.fromordinal(start.toordinal() + 7)
    if by == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    if by == "year":
        return date(start.year + 1, 1, 1)
    return date.fromordinal(start.toordinal() + 1)


def timeline(backend: Backend, first: str, second: str, *, by: str = "month",
             since: date | None = None, until: date | None = None,
             narrow: EventFilter | None = None, fill: bool = True) -> list[TimelineRow]:
    """Both directions of the dyad `first`–`second`, per period, gaps filled with zeros
    (unless not `fill`: then only periods with events in a direction).

    `narrow` keeps only the events another filter selects too (a root, words, ...): those
    are counted from the events themselves instead of the day sums."""
    if by not in PERIODS:
        raise QueryError(f"bad period {by!r}: expected one of {', '.join(PERIODS)}")
    a, b = first.strip().upper(), second.strip().upper()
    if not a or not b:
        raise QueryError("a timeline needs two actor codes, e.g. RUS JPN")
    if narrow is not None and narrow != EventFilter():
        counted = _narrowed(backend, a, b, by, replace(narrow, since=since, until=until))
        return _rows(counted, a, b, by, fill=fill)
    dates = ""
    limits: list[Any] = []
    if since is not None:
        dates += " AND d.day >= ?"
        limits.append(since)
    if until is not None:
        dates += " AND d.day <= ?"
        limits.append(until)
    countries = len(a) == len(b) == 3
    table = "country_days" if countries else "event_days"
    forward, forward_params = _directed(backend.dialect, a, b, countries=countries)
    backward, backward_params = _directed(backend.dialect, b, a, countries=countries)
    # An event both ways (A–A, or prefixes that overlap) counts once, as A → B.
    unit = PERIODS[PERIODS.index(by)]  # the constant, not the caller's string
    sql = " UNION ALL ".join((
        _SQL.format(by=unit, table=table, direction=0, pair=forward, dates=dates),
        _SQL.format(by=unit, table=table, direction=1, pair=f"{backward} AND NOT ({forward})",
                    dates=dates)))
    params = [*forward_params, *limits, *backward_params, *forward_params, *limits]
    found: dict[tuple[date, int], tuple[Any, ...]] = {}
    for period, direction, *counts in backend.rows(sql, params):
        found[(period, int(direction))] = tuple(counts)
    return _rows(found, a, b, by, fill=fill)


def _rows(found: dict[tuple[date, int], tuple[Any, ...]], a: str, b: str, by: str, *,
          fill: bool) -> list[TimelineRow]:
    """Timeline rows from the counts per (period, direction): every period from the first to
    the last with both directions (`fill`), or only the periods that have events."""
    if not found:
        return []
    rows: list[TimelineRow] = []
    none = (0, 0, 0, 0, 0, 0.0)
    if fill:
        periods = []
        start, end = min(p for p, _ in found), max(p for p, _ in found)
        while start <= end:
            periods.append(start)
            start = next_period(start, by)
    else:
        periods = sorted({p for p, _ in found})
    for period in periods:
        for direction, source, target in ((0, a, b), (1, b, a)):
            if not fill and (period, direction) not in found:
                continue
            n, q1, q2, q3, q4, gold = found.get((period, direction), none)
            rows.append(TimelineRow(period, source, target, int(n), int(q1), int(q2), int(q3),
                                    int(q4), round(float(gold), 3)))
    return rows


_EVENTS_SQL = """SELECT CAST(date_trunc('{by}', e.date) AS DATE) AS period,
       CASE WHEN {forward} THEN 0 ELSE 1 END AS direction, count(*),
       sum(CASE WHEN e.quad_class = 1 THEN 1 ELSE 0 END),
       sum(CASE WHEN e.quad_class = 2 THEN 1 ELSE 0 END),
       sum(CASE WHEN e.quad_class = 3 THEN 1 ELSE 0 END),
       sum(CASE WHEN e.quad_class = 4 THEN 1 ELSE 0 END), sum(e.goldstein)
{selection} AND e.date IS NOT NULL
GROUP BY 1, 2"""


def _narrowed(backend: Backend, a: str, b: str, by: str, criteria: EventFilter
              ) -> dict[tuple[date, int], tuple[Any, ...]]:
    """Counts per (period, direction) of the events between a and b that `criteria` selects
    (an event both ways counts as a → b, as in `timeline`)."""
    forward, forward_params = directed(backend.dialect, a, b)
    selection, params = selected_events(backend, replace(criteria, pair=f"{a}:{b}"))
    unit = PERIODS[PERIODS.index(by)]
    sql = _EVENTS_SQL.format(by=unit, forward=forward, selection=selection)
    return {(period, int(direction)): tuple(counts)
            for period, direction, *counts in backend.rows(sql, [*forward_params, *params])}


def filtered_periods(backend: Backend, criteria: EventFilter, *, by: str = "month"
                     ) -> list[dict[str, Any]]:
    """The events a filter selects per period and QuadClass, with their summed Goldstein
    score (dated events only), in period order."""
    if by not in PERIODS:
        raise QueryError(f"bad period {by!r}: expected one of {', '.join(PERIODS)}")
    unit = PERIODS[PERIODS.index(by)]
    selection, params = selected_events(backend, criteria)
    rows = backend.rows(
        f"SELECT CAST(date_trunc('{unit}', e.date) AS DATE) AS period, e.quad_class, "
        f"count(*), sum(e.goldstein) {selection} AND e.date IS NOT NULL "
        "GROUP BY 1, 2 ORDER BY 1, 2", params)
    return [{"period": period.isoformat(), "quad_class": int(quad), "events": int(n),
             "goldstein": round(float(g or 0.0), 3)} for period, quad, n, g in rows]


def _directed(dialect: str, source: str, target: str, *, countries: bool
              ) -> tuple[str, list[Any]]:
    """Rows of `event_days` whose source starts with `source` and target with `target` (of
    `country_days` whose source is `source` and target `target`, for `countries`)."""
    if countries:
        return "(d.source = ? AND d.target = ?)", [source, target]
    if dialect == "duckdb":
        return ("(d.source >= ? AND d.source < ? AND d.target >= ? AND d.target < ?)",
                [source, prefix_end(source), target, prefix_end(target)])
    return ("(d.source LIKE ? ESCAPE '\\' AND d.target LIKE ? ESCAPE '\\')",
            [like_prefix(source), like_prefix(target)])


def plot_timeline(rows: list[TimelineRow], path: str, *, title: str = "") -> None:
    """Draw a timeline to PNG or SVG: stacked QuadClass counts and Goldstein sums per direction,
    with one legend below the panels (never over the bars or the line)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    directions = list(dict.fromkeys((r.source, r.target) for r in rows))
    panels = max(1, len(directions))
    figure, axes = plt.subplots(panels, 1, figsize=(10, 1.2 + 3.0 * panels), sharex=True,
                                squeeze=False, layout="constrained")
    colours = ("#4c9f70", "#2e6f95", "#e0a030", "#c0392b")
    labels = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
    handles: list[Any] = []
    for axis, (source, target) in zip(axes[:, 0], directions, strict=False):
        mine = [r for r in rows if (r.source, r.target) == (source, target)]
        x = [r.period for r in mine]
        bottom = [0] * len(mine)
        width = _bar_width(x)
        bars = []
        for quad, (colour, label) in enumerate(zip(colours, labels, strict=True), start=1):
            heights = [getattr(r, f"quad{quad}") for r in mine]
            bars.append(axis.bar(x, heights, width=width, bottom=bottom, color=colour,
                                 label=label))
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        axis.set_ylabel(f"{source} → {target}\nevents")
        axis.set_ylim(0, max([*bottom, 1]) * 1.1)
        score = axis.twinx()
        (line,) = score.plot(x, [r.goldstein for r in mine], color="black", marker="o",
                             linewidth=1.2, label="summed Goldstein score")
        score.axhline(0, color="grey", linewidth=0.6)
        score.set_ylabel("Goldstein sum")
        if not handles:
            handles = [*bars, line]
    if handles:
        figure.legend(handles=handles, loc="outside lower center", ncols=5, fontsize="small",
                      frameon=False)
    if title:
        figure.suptitle(title)
    for label in axes[-1, 0].get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")
    figure.savefig(path)
    plt.close(figure)


def _bar_width(x: list[date]) -> float:
    if len(x) < 2:
        return 20.0
    gap = min((b - a).days for a, b in pairwise(x))
    return max(0.8, gap * 0.8)
