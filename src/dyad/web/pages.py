"""The pages of the web UI: overview, dyad, event, document, status and code text.

Server-rendered HTML (Jinja2 templates in `templates/`); the charts are Vega-Lite
specifications embedded in the page and drawn by the locally served Vega-Embed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from dyad.errors import DyadError
from dyad.knowledge.model import Institution
from dyad.knowledge.status import STATUS_LIMIT
from dyad.store.listing import Cursor, page_events
from dyad.store.named import with_names
from dyad.store.query import EventFilter, event_detail
from dyad.store.timeline import PERIODS, timeline
from dyad.web.auth import check_code, check_write, matches
from dyad.web.charts import dyad_chart, overview_chart
from dyad.web.coding import ALREADY_STORED, CONFLICT, MAX_TEXT_BYTES, pasted_document, save_document
from dyad.web.context import WebContext, web_context
from dyad.web.filters import link
from dyad.web.guard import CHART_CSP
from dyad.web.markup import document_paragraphs
from dyad.web.queries import (
    recent_events,
    store_timeline,
    stored_document,
    top_dyads,
    totals,
)

router = APIRouter(include_in_schema=False)
Context = Annotated[WebContext, Depends(web_context)]
ACTOR_CODE = r"^[A-Za-z0-9-]{1,24}$"
PAGE_SIZE = 50
#: Agreements, institutions and claims the dyad page shows of each type (the first ones).
PAIR_RECORDS = 50
_ROOT = re.compile(r"^\d{0,2}$")


def _page(context: WebContext, request: Request, name: str, values: dict[str, Any],
          status: int = 200, *, charts: bool = False) -> HTMLResponse:
    """The page; one that draws `charts` lets Vega compile its expressions."""
    headers = {"Content-Security-Policy": CHART_CSP} if charts else None
    response: HTMLResponse = context.templates.TemplateResponse(request, name, values,
                                                                status_code=status,
                                                                headers=headers)
    return response


def _day(value: str, name: str) -> date | None:
    """A date field of a form ("" for none); 422 if it is not YYYY-MM-DD."""
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(status_code=422,
                            detail=f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, context: Context) -> HTMLResponse:
    backend = context.access.reader().backend
    return _page(context, request, "overview.html", {
        "totals": totals(backend),
        "dyads": top_dyads(backend, 12),
        "chart_spec": overview_chart(store_timeline(backend, "month"), "month"),
        "recent": recent_events(backend, 15),
    }, charts=True)


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse)
def dyad_page(request: Request, context: Context,
              a: Annotated[str, Path(pattern=ACTOR_CODE)],
              b: Annotated[str, Path(pattern=ACTOR_CODE)],
              by: str = "month", root: str = "", since: str = "", until: str = "", q: str = "",
              cursor: str = "") -> HTMLResponse:
    if by not in PERIODS:
        raise HTTPException(status_code=422,
                            detail=f"by: {by!r} is not one of {', '.join(PERIODS)}")
    if not _ROOT.match(root.strip()):
        raise HTTPException(status_code=422, detail=f"root: {root!r} is not a CAMEO root")
    first, second = a.upper(), b.upper()
    start, end = _day(since, "since"), _day(until, "until")
    backend = context.access.reader().backend
    criteria = EventFilter(pair=f"{first}:{second}", root=root.strip(), since=start, until=end,
                           words=q[:500])
    page = page_events(backend, criteria, limit=PAGE_SIZE,
                       cursor=Cursor.decode(cursor) if cursor else None)
    rows = timeline(backend, first, second, by=by, since=start, until=end,
                    narrow=EventFilter(root=root.strip(), words=q[:500]))
    following = None
    if page.next_cursor is not None:
        url = request.url.include_query_params(cursor=page.next_cursor.encode())
        following = f"{url.path}?{url.query}"
    knowledge = context.access.pair(first, second, limit=PAIR_RECORDS)
    return _page(context, request, "dyad.html", {
        "a": first, "b": second, "by": by,
        "filters": {"root": root, "since": since, "until": until, "q": q},
        "chart_spec": dyad_chart(rows, by) if rows else None,
        "events": [with_names(e) for e in page.events], "next": following,
        "paged": bool(cursor), "periods": PERIODS,
        "explore": link("/events", {"pair": f"{first}:{second}", "root": root.strip(),
                                    "since": since.strip(), "until": until.strip(),
                                    "q": q.strip()}),
        "knowledge": knowledge,
        "institution_places": institution_places(knowledge.institutions),
    }, charts=True)


@router.get("/event/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, context: Context,
               event_id: Annotated[str, Path(max_length=64)]) -> HTMLResponse:
    detail = event_detail(context.access.reader().backend, event_id)
    return _page(context, request, "event.html",
                 {"event": detail.event, "mentions": detail.mentions})


@router.get("/document/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, context: Context, doc_id: str) -> HTMLResponse:
    stored = stored_document(context.access.reader().backend, doc_id)
    knowledge = context.access.document(doc_id)
    return _page(context, request, "document.html", {
        "document": stored.document, "paragraphs": document_paragraphs(stored),
        "events": len({m["event_id"] for m in stored.mentions}),
        "sentences": len(stored.sentences),
        "knowledge": knowledge,
        "institution_places": institution_places(knowledge.institutions),
    })


@router.get("/status", response_class=HTMLResponse)
def status_page(request: Request, context: Context, q: str = "",
                limit: int = STATUS_LIMIT) -> HTMLResponse:  # fmt: skip
    query = q.strip()[:500]
    answer = context.access.status(query, limit=limit) if query else None
    return _page(context, request, "status.html", {"q": query, "answer": answer})


@router.get("/code", response_class=HTMLResponse)
def code_form(request: Request, context: Context) -> HTMLResponse:
    return _page(context, request, "code.html", {
        "form": {"text": "", "date": date.today().isoformat(), "title": "", "save": False},
        "result": None, "message": "", "saved": ""})


def _form(body: bytes) -> dict[str, str]:
    fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {name: values[-1] for name, values in fields.items()}


@router.post("/code", response_class=HTMLResponse)
async def code_page(request: Request, context: Context) -> Response:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise HTTPException(status_code=415, detail="send the form as "
                            "application/x-www-form-urlencoded")
    form = _form(await request.body())
    values: dict[str, Any] = {
        "form": {"text": form.get("text", ""), "date": form.get("date", ""),
                 "title": form.get("title", ""), "save": form.get("save", "") != ""},
        "result": None, "message": "", "saved": ""}
    text = values["form"]["text"]
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise HTTPException(status_code=413,
                            detail=f"text is larger than the limit of {MAX_TEXT_BYTES:,} bytes")
    settings = context.settings
    if not matches(settings.form_token, form.get("form_token", "")):
        values["message"] = ("this form was not made by this server, or before it restarted: "
                             "reload the page and send the text again")
        return _page(context, request, "code.html", values, status=403)
    try:
        check_code(settings.code_needs_token, settings.token, form.get("token", ""))
        document = pasted_document(text, day=_day(values["form"]["date"], "date"),
                                   title=values["form"]["title"])
        analysed = await context.analyser.analyse(document)
    except HTTPException as exc:
        values["message"] = str(exc.detail)
        return _page(context, request, "code.html", values, status=exc.status_code)
    except DyadError as exc:
        values["message"] = exc.message
        return _page(context, request, "code.html", values, status=exc.status_code)
    values["result"] = analysed
    status = 200
    if values["form"]["save"]:
        try:
            check_write(settings.allow_writes, settings.token, form.get("token", ""))
        except HTTPException as exc:
            values["message"] = str(exc.detail)
            return _page(context, request, "code.html", values, status=exc.status_code)

        def write() -> str:
            with context.access.writer() as backend:
                return save_document(backend, analysed)

        outcome = await run_in_threadpool(write)
        if outcome == CONFLICT:
            values["message"] = (f"document id {document.id!r} is already stored with "
                                 "different text; nothing was saved")
            status = 409
        else:
            values["saved"] = document.id
            values["message"] = ("this text was stored before" if outcome == ALREADY_STORED
                                 else "saved in the store")
    return _page(context, request, "code.html", values, status=status)


def institution_places(institutions: Iterable[Institution]) -> list[dict[str, Any]]:
    """Where the institutions are, for a map: one item per point the gazetteer gives a place
    they are said to be in (`lat`, `lon`, `name`, `country`, `kind`, `events`: how many
    institutions, `title`: which). A place known only by its country ("Sakhalin": Russia) is
    left off the map, its point being the country's and not the place's."""
    points: dict[tuple[float, float], dict[str, Any]] = {}
    for institution in institutions:
        for place in institution.places:
            if place.lat is None or place.lon is None or place.kind == "country":
                continue
            point = points.setdefault((place.lat, place.lon), {
                "lat": place.lat, "lon": place.lon, "name": place.name,
                "country": place.country, "kind": place.kind, "events": 0, "names": []})
            point["events"] += 1
            point["names"].append(institution.name)
    for point in points.values():
        names = point.pop("names")
        which = ", ".join(dict.fromkeys(names))
        point["title"] = f"{which} in {point['name']} ({point['country']})"
    return list(points.values())
