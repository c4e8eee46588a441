"""Vega-Lite chart specifications (plain dicts) for the overview and the dyad timeline.

The pages embed a specification as JSON and the locally served Vega-Embed draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from dyad.store.timeline import TimelineRow, next_period
from dyad.web.queries import QUAD_LABELS

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # an identifier; never fetched
QUAD_COLOURS: tuple[str, ...] = ("#4c9f70", "#2e6f95", "#e0a030", "#c0392b")
_WIDTH = 760


def _quad_colour(*, legend: bool = True) -> dict[str, Any]:
    return {"field": "quad", "type": "nominal", "title": "QuadClass",
            **({} if legend else {"legend": None}),
            "scale": {"domain": [QUAD_LABELS[q] for q in (1, 2, 3, 4)],
                      "range": list(QUAD_COLOURS)},
            "sort": [QUAD_LABELS[q] for q in (1, 2, 3, 4)]}


_FORMATS = {"day": "%d %b %Y", "week": "%d %b %Y", "month": "%b %Y", "year": "%Y"}


def _period_axis(by: str) -> dict[str, Any]:
    return {"field": "period", "type": "temporal", "title": f"{by} starting",
            "axis": {"format": _FORMATS.get(by, "%d %b %Y"), "labelOverlap": True,
                     "tickCount": {"interval": by if by in _FORMATS else "day"}}}


_TOOLTIP = [{"field": "period", "type": "temporal", "title": "from"},
            {"field": "quad", "type": "nominal", "title": "QuadClass"},
            {"field": "events", "type": "quantitative", "title": "events"}]


def _stacked(bars: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Bars of one period stacked in QuadClass order: each gets `low` and `high` (drawn as a
    range, so a bar spans its whole period)."""
    tops: dict[tuple[Any, ...], int] = {}
    out = []
    for bar in sorted(bars, key=lambda b: (b.get("direction", ""), b["period"], b["quad_class"])):
        key = (bar.get("direction", ""), bar["period"])
        low = tops.get(key, 0)
        tops[key] = low + int(bar["events"])
        out.append({**bar, "low": low, "high": tops[key]})
    return out


def _period_end() -> dict[str, Any]:
    return {"field": "end"}


def _end(period: str, by: str) -> str:
    """The first day after the period starting on `period` (ISO dates)."""
    return next_period(date.fromisoformat(period), by).isoformat()


def dyad_chart(rows: Sequence[TimelineRow], by: str) -> dict[str, Any]:
    """Per direction, stacked QuadClass counts per period; below, the summed Goldstein score."""
    counts = []
    scores = []
    for row in rows:
        direction = f"{row.source} → {row.target}"
        period = row.period.isoformat()
        for quad in (1, 2, 3, 4):
            value = int(getattr(row, f"quad{quad}"))
            if value:
                counts.append({"period": period, "end": _end(period, by), "direction": direction,
                               "quad_class": quad, "quad": QUAD_LABELS[quad], "events": value})
        scores.append({"period": period, "direction": direction, "goldstein": row.goldstein})
    directions = list(dict.fromkeys(f"{r.source} → {r.target}" for r in rows))
    bars = [{
        "title": {"text": direction, "anchor": "start", "fontSize": 12},
        "width": _WIDTH, "height": 110,
        "transform": [{"filter": {"field": "direction", "equal": direction}}],
        "mark": {"type": "bar"},
        "encoding": {"x": _period_axis(by), "x2": _period_end(),
                     "y": {"field": "low", "type": "quantitative", "title": "events"},
                     "y2": {"field": "high"}, "tooltip": _TOOLTIP,
                     "color": _quad_colour(legend=number == 0)},
    } for number, direction in enumerate(directions)]
    line = {
        "title": {"text": "summed Goldstein score", "anchor": "start", "fontSize": 12},
        "width": _WIDTH, "height": 110,
        "data": {"values": scores},
        "mark": {"type": "line", "point": True, "tooltip": True},
        "encoding": {"x": _period_axis(by),
                     "y": {"field": "goldstein", "type": "quantitative", "title": "Goldstein"},
                     "color": {"field": "direction", "type": "nominal", "title": "direction"}},
    }
    return {"$schema": SCHEMA, "data": {"values": _stacked(counts)}, "vconcat": [*bars, line],
            "resolve": {"scale": {"x": "shared", "color": "independent"}}}


def overview_chart(rows: Sequence[dict[str, Any]], by: str = "month", *,
                   width: int = _WIDTH, legend_below: bool = False) -> dict[str, Any]:
    """Events per period, stacked by QuadClass (cooperation to conflict): the whole store's,
    or those a filter selects."""
    colour = _quad_colour()
    if legend_below:
        colour["legend"] = {"orient": "bottom", "direction": "horizontal"}
    return {
        "$schema": SCHEMA,
        "width": width, "height": 200,
        "data": {"values": _stacked([{**r, "end": _end(str(r["period"]), by)} for r in rows])},
        "mark": {"type": "bar"},
        "encoding": {"x": _period_axis(by), "x2": _period_end(),
                     "y": {"field": "low", "type": "quantitative", "title": "events"},
                     "y2": {"field": "high"}, "tooltip": _TOOLTIP,
                     "color": colour},
    }
