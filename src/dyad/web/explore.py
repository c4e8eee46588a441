"""The listing page of events: filters, facets that add a filter, sortable columns, a chart
of what the filters select, paging by cursor, and download links with the same filters.

Everything comes from `dyad.store.listing` (the path the API and `dyad events` use too).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from dyad.errors import QueryError
from dyad.names import actor_name, code_name, quad_name
from dyad.ontology import load_ontology
from dyad.store.listing import Cursor, Sort, event_places, page_events
from dyad.store.named import with_names
from dyad.store.timeline import PERIODS
from dyad.web.charts import overview_chart
from dyad.web.context import WebContext, web_context
from dyad.web.filters import event_filter, filter_values, link
from dyad.web.guard import CHART_CSP

router = APIRouter(include_in_schema=False)
Context = Annotated[WebContext, Depends(web_context)]
PAGE_SIZE = 50
MAX_PAGE = 500
#: The sortable columns of the events table: (sort key, header), descending first for counts.
SORTABLE: tuple[tuple[str, str], ...] = (
    ("date", "date"), ("source", "source"), ("target", "target"), ("code", "code"),
    ("goldstein", "Goldstein"), ("mentions", "reports"))
_DESCENDING_FIRST = frozenset({"goldstein", "mentions"})
FACET_TITLES: dict[str, str] = {
    "root": "CAMEO root", "quad_class": "QuadClass", "source_country": "source country",
    "target_country": "target country", "year": "year"}


@dataclass(frozen=True)
class FacetLink:
    """One value of a facet on the page: its label, count and the link adding it."""

    value: str
    label: str
    count: int
    href: str
    active: bool


def _facet_label(name: str, value: str) -> str:
    if name == "root":
        return f"{value} {code_name(value)}"
    if name == "quad_class":
        return f"{value} {quad_name(value)}"
    if name in ("source_country", "target_country"):
        named = actor_name(value)
        return f"{value} {named}" if named != value else value
    return value


def _facet_change(name: str, value: str) -> dict[str, str]:
    if name == "source_country":
        return {"source": value}
    if name == "target_country":
        return {"target": value}
    if name == "year":
        return {"since": f"{value}-01-01", "until": f"{value}-12-31"}
    return {name: value}


def _is_active(values: dict[str, str], change: dict[str, str]) -> bool:
    return all(values.get(k, "").upper() == v.upper() for k, v in change.items())


def facet_links(counts: dict[str, list[Any]], values: dict[str, str]
                ) -> dict[str, list[FacetLink]]:
    """The facet counts as links that add (or, when already set, keep) their filter."""
    shown: dict[str, list[FacetLink]] = {}
    for name, found in counts.items():
        shown[name] = []
        for count in found:
            change = _facet_change(name, count.value)
            shown[name].append(FacetLink(count.value, _facet_label(name, count.value),
                                         count.count, link("/events", values, **change),
                                         _is_active(values, change)))
    return shown


def sort_links(values: dict[str, str], current: Sort) -> list[dict[str, str]]:
    """The column headers: each a link sorting by it (the current one turned around)."""
    headers = []
    for key, title in SORTABLE:
        if key == current.key:
            wanted = Sort(key, not current.descending)
            mark = " ▼" if current.descending else " ▲"
        else:
            wanted = Sort(key, key in _DESCENDING_FIRST)
            mark = ""
        headers.append({"key": key, "title": title, "mark": mark,
                        "href": link("/events", values, sort=wanted.text)})
    return headers


def _choices() -> dict[str, list[tuple[str, str]]]:
    ontology = load_ontology()
    roots = sorted(c for c in ontology.codes if len(c) == 2)
    plover = sorted(set(ontology.plover.values()) | {"REQUEST"})
    return {"root": [(r, f"{r} {code_name(r)}") for r in roots],
            "plover": [(p, p) for p in plover],
            "quad_class": [(str(q), f"{q} {quad_name(q)}") for q in (1, 2, 3, 4)]}


def _size(text: str) -> int:
    """The page size asked for (`limit`, 1 to MAX_PAGE; PAGE_SIZE if not given)."""
    if not text.strip():
        return PAGE_SIZE
    if not text.strip().isdigit() or not 1 <= int(text) <= MAX_PAGE:
        raise QueryError(f"limit: {text!r} is not a number from 1 to {MAX_PAGE}")
    return int(text)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, context: Context) -> HTMLResponse:
    params = request.query_params
    values = filter_values(params)
    criteria = event_filter(values)
    sort = Sort.parse(params.get("sort", ""))
    by = params.get("by", "") or "month"
    if by not in PERIODS:
        raise QueryError(f"by: {by!r} is not one of {', '.join(PERIODS)}")
    cursor = params.get("cursor", "")
    size = _size(params.get("limit", ""))
    backend = context.access.reader().backend
    page = page_events(backend, criteria, limit=size, sort=sort,
                       cursor=Cursor.decode(cursor) if cursor else None)
    facets = context.access.facets(criteria, by=by)  # kept: the next page counts nothing
    kept = {**values, **({"sort": sort.text} if sort.text != "date" else {}),
            **({"limit": str(size)} if size != PAGE_SIZE else {})}
    following = None
    if page.next_cursor is not None:
        following = link("/events", {**kept, "by": by if by != "month" else ""},
                         cursor=page.next_cursor.encode())
    periods = facets.periods
    response: HTMLResponse = context.templates.TemplateResponse(request, "events.html", {
        "values": values, "sort": sort, "by": by, "periods": PERIODS,
        "events": [with_names(e) for e in page.events], "total": facets.total,
        "facets": facet_links(facets.counts, kept), "facet_titles": FACET_TITLES,
        "headers": sort_links(values, sort), "next": following, "paged": bool(cursor),
        "first": link("/events", kept),
        "removals": {name: link("/events", kept, **{name: ""}) for name in values},
        "downloads": {"csv": link("/api/events.csv", kept), "jsonl": link("/api/events.jsonl",
                                                                          kept),
                      "json": link("/api/events", kept, facets="true")},
        "chart_spec": overview_chart(
            [{**r, "quad": quad_name(r["quad_class"])} for r in periods], by, width=900,
            legend_below=True)
        if periods else None,
        "choices": _choices(),
        "places": event_places(backend, criteria),
    }, headers={"Content-Security-Policy": CHART_CSP})
    return response
