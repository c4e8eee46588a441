"""The listing pages of documents, agreements, institutions and claims: filters, facets that
add a filter, sortable columns, pages, and links to the same list as data."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from dyad.errors import QueryError
from dyad.store.documents import DocumentFilter, list_documents
from dyad.store.query import parse_day
from dyad.web.context import WebContext, web_context
from dyad.web.filters import link
from dyad.web.records import KINDS, facet_label, record_values

router = APIRouter(include_in_schema=False)
Context = Annotated[WebContext, Depends(web_context)]
PAGE_SIZE = 50
DOCUMENT_FIELDS = ("q", "outlet", "since", "until", "coded")


def _start(text: str) -> int:
    if not text.strip():
        return 0
    if not text.strip().isdigit() or int(text) > 10_000_000:
        raise QueryError(f"start: {text!r} is not a position in the list")
    return int(text)


def _pages(path: str, kept: dict[str, str], start: int, shown: int, total: int
           ) -> dict[str, str | None]:
    before = start - PAGE_SIZE
    return {"previous": link(path, kept, start=str(before) if before > 0 else "")
            if start else None,
            "next": link(path, kept, start=str(start + PAGE_SIZE))
            if start + shown < total else None}


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, context: Context) -> HTMLResponse:
    params = request.query_params
    values = {n: params.get(n, "").strip() for n in DOCUMENT_FIELDS if params.get(n, "").strip()}
    criteria = DocumentFilter(words=values.get("q", "")[:500], outlet=values.get("outlet", ""),
                              since=parse_day(values.get("since"), "since"),
                              until=parse_day(values.get("until"), "until"),
                              with_events=bool(values.get("coded")))
    sort = params.get("sort", "").strip() or "date"
    start = _start(params.get("start", ""))
    found = list_documents(context.access.reader().backend, criteria, sort=sort,
                           limit=PAGE_SIZE, offset=start)
    kept = {**values, **({"sort": sort} if sort != "date" else {})}
    facets = {
        "outlet": [(c.value, c.value, c.count, link("/documents", kept, outlet=c.value))
                   for c in found.outlets],
        "year": [(c.value, c.value, c.count, link("/documents", kept, since=f"{c.value}-01-01",
                                                   until=f"{c.value}-12-31"))
                 for c in found.years]}
    headers = []
    for key, title in (("date", "date"), ("title", "title"), ("outlet", "outlet"),
                       ("events", "events"), ("sentences", "sentences")):
        descending = sort == key or (sort != f"-{key}" and key in ("events", "sentences"))
        wanted = f"-{key}" if descending else key
        mark = " ▲" if sort == key else " ▼" if sort == f"-{key}" else ""
        headers.append({"key": key, "title": title, "mark": mark,
                        "href": link("/documents", values, sort=wanted)})
    response: HTMLResponse = context.templates.TemplateResponse(request, "documents.html", {
        "values": values, "documents": found.documents, "total": found.total,
        "facets": facets, "headers": headers, "start": start,
        "pages": _pages("/documents", kept, start, len(found.documents), found.total),
        "removals": {name: link("/documents", kept, **{name: ""}) for name in values},
    })
    return response


def _record_page(request: Request, context: Context, name: str) -> HTMLResponse:
    kind = KINDS[name]
    params = request.query_params
    values = record_values(params)
    sort = params.get("sort", "").strip() or "name"
    cursor = params.get("cursor", "").strip()
    found = context.access.record_page(kind.type, values, sort=sort, cursor=cursor,
                                       size=PAGE_SIZE)
    following = found.following
    path = f"/{name}"
    kept = {**values, **({"sort": sort} if sort != "name" else {})}
    facets: dict[str, list[tuple[str, str, int, str]]] = {}
    for facet, counts in found.facets.items():
        facets[facet] = [(c.value, facet_label(facet, c.value), c.count,
                          link(path, kept, **{facet: c.value})) for c in counts]
    shown = context.access.records(kind.type, found.ids)
    documents: dict[str, Any] = {}
    response: HTMLResponse = context.templates.TemplateResponse(request, "records.html", {
        "kind": kind, "values": values, "items": shown, "total": found.total,
        "facets": facets, "documents": documents,
        "sorts": [{"key": key, "href": link(path, values, sort=key if sort != key else
                                            f"-{key}"), "current": sort.lstrip("-") == key}
                  for key in ("name", "state", "kind")],
        "pages": {"first": link(path, kept) if cursor else None,
                  "next": link(path, kept, cursor=following) if following else None},
        "removals": {field: link(path, kept, **{field: ""}) for field in values},
        "data": link(f"/api/{name}", values),
        "download": link(f"/api/{name}", values, format="jsonl"),
    })
    return response


@router.get("/agreements", response_class=HTMLResponse)
def agreements_page(request: Request, context: Context) -> HTMLResponse:
    return _record_page(request, context, "agreements")


@router.get("/institutions", response_class=HTMLResponse)
def institutions_page(request: Request, context: Context) -> HTMLResponse:
    return _record_page(request, context, "institutions")


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, context: Context) -> HTMLResponse:
    return _record_page(request, context, "claims")
