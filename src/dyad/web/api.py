"""The JSON API under /api: events, timelines, documents, knowledge, coding and storing text.

Errors are JSON `{"error": message}` with the status code of the failure (see `errors`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.concurrency import run_in_threadpool

from dyad.errors import QueryError
from dyad.knowledge.status import STATUS_LIMIT
from dyad.names import actor_name
from dyad.store.listing import Cursor, Sort, page_events
from dyad.store.named import named_json, with_names
from dyad.store.query import EventFilter, event_detail, parse_day
from dyad.store.timeline import TIMELINE_COLUMNS, timeline
from dyad.web.access import STATUS_MAX
from dyad.web.auth import bearer_token, check_code, check_write
from dyad.web.coding import (
    ALREADY_STORED,
    CONFLICT,
    MAX_TEXT_BYTES,
    coded_summary,
    pasted_document,
    save_document,
)
from dyad.web.context import WebContext, web_context
from dyad.web.downloads import DOWNLOAD_PAGE, csv_text, download, streamed
from dyad.web.filters import FILTER_FIELDS, event_filter
from dyad.web.queries import stored_document
from dyad.web.records import KINDS
from dyad.web.responses import JSONAnswer, events_answer

router = APIRouter(prefix="/api", tags=["api"])
Context = Annotated[WebContext, Depends(web_context)]

#: The most events one page of /api/events gives.
MAX_LIMIT = 1000
#: The deepest offset a page may start at (use the `next` cursor to go further).
MAX_OFFSET = 100_000
ACTOR_CODE = r"^[A-Za-z0-9-]{1,24}$"

Format = Annotated[str, Query(pattern="^(json|csv)$",
                              description="json (default) or csv (also: Accept: text/csv)")]
Since = Annotated[date | None, Query(description="On or after this day (YYYY-MM-DD).")]
Until = Annotated[date | None, Query(description="On or before this day (YYYY-MM-DD).")]


def _wants_csv(request: Request, fmt: str | None) -> bool:
    if fmt:
        return fmt == "csv"
    accept = request.headers.get("accept", "")
    return "text/csv" in accept and "application/json" not in accept


def _csv(columns: Sequence[str], rows: Sequence[dict[str, Any]], headers: dict[str, str]
         ) -> Response:
    return Response(csv_text(columns, rows), media_type="text/csv; charset=utf-8",
                    headers=headers)


def _relative(url: Any) -> str:
    return f"{url.path}?{url.query}" if url.query else str(url.path)


def _text(name: str, pattern: str | None = None) -> Any:
    return Query(description=FILTER_FIELDS[name], max_length=500, pattern=pattern)


def event_criteria(
    actor: Annotated[str, _text("actor")] = "", source: Annotated[str, _text("source")] = "",
    target: Annotated[str, _text("target")] = "",
    dyad: Annotated[str, _text("dyad")] = "", pair: Annotated[str, _text("pair")] = "",
    root: Annotated[str, _text("root", r"^\d{0,2}$")] = "",
    code: Annotated[str, _text("code", r"^[0-9A-Za-z]{0,4}$")] = "",
    plover: Annotated[str, _text("plover", r"^[A-Za-z_]{0,24}$")] = "",
    quad_class: Annotated[str, _text("quad_class", r"^[1-4]?$")] = "",
    since: Annotated[str, _text("since")] = "", until: Annotated[str, _text("until")] = "",
    q: Annotated[str, _text("q")] = "", outlet: Annotated[str, _text("outlet")] = "",
    doc: Annotated[str, _text("doc")] = "",
    country: Annotated[str, _text("country", r"^([A-Za-z]{3})?$")] = "",
    near: Annotated[str, _text("near")] = "",
    where: Annotated[list[str] | None, Query(
        description="COLUMN OP VALUE (OP: = != < <= > >= ~), repeatable.")] = None,
) -> EventFilter:
    """The filters of an event list (a FastAPI dependency); a bad date is 422, as a bad value
    of another typed parameter."""
    for name, value in (("since", since), ("until", until)):
        try:
            parse_day(value, name)
        except QueryError as exc:
            raise HTTPException(status_code=422, detail=exc.message) from None
    return event_filter({"actor": actor, "source": source, "target": target, "dyad": dyad,
                         "pair": pair, "root": root, "code": code, "plover": plover,
                         "quad_class": quad_class, "since": since, "until": until, "q": q,
                         "outlet": outlet, "doc": doc, "country": country, "near": near},
                        where or ())


Criteria = Annotated[EventFilter, Depends(event_criteria)]
SortParam = Annotated[str, Query(pattern=r"^-?[a-z]{0,12}$", description=(
    "date (default), goldstein, mentions, sources, articles, code, source or target; a "
    "leading - sorts descending."))]


@router.get("/events", summary="List events (the filters of `dyad events`), paginated")
def list_events(
    request: Request, context: Context, criteria: Criteria,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    cursor: Annotated[str | None, Query(description="The `next` cursor of the last page.")
                      ] = None,
    sort: SortParam = "date",
    facets: Annotated[bool, Query(description="Also give the total and the counts per root, "
                                  "QuadClass, source and target country and year.")] = False,
    by: Annotated[str | None, Query(pattern="^(day|week|month|year)$", description=(
        "With facets: also the events per period and QuadClass (`periods`), as the "
        "explorer's chart draws them."))] = None,
    format: Annotated[str | None, Query(pattern="^(json|csv|jsonl)$", description=(
        "json (default), csv (also: Accept: text/csv) or jsonl"))] = None,
) -> Response:
    order = Sort.parse(sort)
    after = Cursor.decode(cursor) if cursor else None
    backend = context.access.reader().backend
    page = page_events(backend, criteria, limit=limit, offset=offset, cursor=after, sort=order)
    following = None
    if page.next_cursor is not None:
        following = _relative(request.url.remove_query_params("offset")
                              .include_query_params(cursor=page.next_cursor.encode()))
    kind = "csv" if _wants_csv(request, format) else (format or "json")
    if kind != "json":
        headers = {"Link": f'<{following}>; rel="next"'} if following else {}
        return download(kind, [named_json(text) for text in page.listings], headers)
    extra: dict[str, Any] = {}
    if facets:
        counted = context.access.facets(criteria, by=by)
        extra = counted.to_dict()
        if by is not None:
            extra["periods"] = counted.periods
    return events_answer([named_json(text) for text in page.listings],
                         count=len(page.listings), limit=limit, next=following, **extra)


@router.get("/events.csv", summary="Every event the filters select, as CSV (a download)")
def events_csv(context: Context, criteria: Criteria, sort: SortParam = "date") -> Response:
    return _every_event(context, criteria, Sort.parse(sort), "csv")


@router.get("/events.jsonl",
            summary="Every event the filters select, as JSON Lines (a download)")
def events_jsonl(context: Context, criteria: Criteria, sort: SortParam = "date") -> Response:
    return _every_event(context, criteria, Sort.parse(sort), "jsonl")


def _every_event(context: WebContext, criteria: EventFilter, sort: Sort, kind: str
                 ) -> Response:
    """Every selected event, read page by page (each page on the reading thread's own
    connection), streamed as CSV or JSON Lines."""
    first = page_events(context.access.reader().backend, criteria, limit=DOWNLOAD_PAGE,
                        sort=sort)  # errors surface before the answer starts

    def pages() -> Iterator[list[str]]:
        page = first
        while True:
            yield [named_json(text) for text in page.listings]
            if page.next_cursor is None:
                return
            page = page_events(context.access.reader().backend, criteria,
                               limit=DOWNLOAD_PAGE, cursor=page.next_cursor, sort=sort)

    return streamed(kind, pages(), f"events.{kind}")


@router.get("/events/{event_id}", summary="One event with every mention")
def get_event(context: Context, event_id: Annotated[str, Path(max_length=64)]
              ) -> dict[str, Any]:
    detail = event_detail(context.access.reader().backend, event_id)
    return {**with_names(detail.event), "mentions": [with_names(m) for m in detail.mentions]}


@router.get("/dyads/{a}/{b}/timeline",
            summary="A dyad's timeline: QuadClass counts and summed Goldstein per period")
def dyad_timeline(
    request: Request, context: Context,
    a: Annotated[str, Path(pattern=ACTOR_CODE)], b: Annotated[str, Path(pattern=ACTOR_CODE)],
    by: Annotated[str, Query(pattern="^(day|week|month|year)$")] = "month",
    since: Since = None, until: Until = None, format: Format | None = None,
    root: Annotated[str, _text("root", r"^\d{0,2}$")] = "",
    q: Annotated[str, _text("q")] = "",
) -> Response:
    rows = [r.to_dict() for r in timeline(context.access.reader().backend, a, b, by=by,
                                          since=since, until=until,
                                          narrow=EventFilter(root=root, words=q))]
    if _wants_csv(request, format):
        return _csv(TIMELINE_COLUMNS, rows, {})
    return JSONAnswer({"a": a.upper(), "b": b.upper(), "a_name": actor_name(a),
                       "b_name": actor_name(b), "by": by, "rows": rows})


@router.get("/dyads/{a}/{b}/knowledge",
            summary="The agreements, institutions and claims of a pair of countries")
def dyad_knowledge(
    context: Context,
    a: Annotated[str, Path(pattern=ACTOR_CODE)], b: Annotated[str, Path(pattern=ACTOR_CODE)],
    limit: Annotated[int, Query(ge=1, le=1000, description="Records of each type, the "
                                "first ones (the dyad page's order).")] = 50,
) -> Response:
    found = context.access.pair(a, b, limit=limit)
    totals = found.totals or (0, 0, 0)
    return JSONAnswer({"a": a.upper(), "b": b.upper(),
                       "agreements": [x.to_dict() for x in found.agreements],
                       "institutions": [x.to_dict() for x in found.institutions],
                       "claims": [x.to_dict() for x in found.claims],
                       "totals": dict(zip(("agreements", "institutions", "claims"), totals,
                                          strict=True))})


@router.get("/documents/{doc_id:path}",
            summary="A document: its text, sentences (with the coder's reasons) and events")
def get_document(context: Context, doc_id: str) -> dict[str, Any]:
    stored = stored_document(context.access.reader().backend, doc_id)
    return {**stored.document,
            "sentences": [{"sentence_id": s.sentence_id, "text": s.text,
                           "span": [s.start, s.end], "discarded": s.discarded,
                           "actors": s.actors, "reasons": s.reasons} for s in stored.sentences],
            "mentions": [with_names(m) for m in stored.mentions]}


RecordFormat = Annotated[str | None, Query(pattern="^(json|jsonl)$",
                                           description="json (default) or jsonl")]
Party = Annotated[str, Query(max_length=24, description="A party's code starts with this.")]
Words = Annotated[str, Query(max_length=500, description="Words of the name or text.")]
Kind = Annotated[str, Query(max_length=40, description="e.g. treaty, center, close.")]
Doc = Annotated[str, Query(max_length=500, description="Stated in this document (its id).")]
RecordSort = Annotated[str, Query(pattern=r"^-?(name|state|kind)?$",
                                  description="name (default), state or kind; - reverses.")]


def _records(context: WebContext, name: str, values: dict[str, str], sort: str,
             fmt: str | None) -> Response:
    """A knowledge list as {"NAME": [...], "count", "facets"} or as JSON Lines."""
    kind = KINDS[name]
    found = context.access.record_page(kind.type, values, sort=sort)
    items = [item.to_dict() for item in context.access.records(kind.type, found.ids)]
    if fmt == "jsonl":
        return Response("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items),
                        media_type="application/x-ndjson")
    return JSONAnswer({name: items, "count": len(items), "facets": {
        facet: [{"value": c.value, "count": c.count} for c in counts]
        for facet, counts in found.facets.items()}})


@router.get("/agreements", summary="Agreements, with their status and evidence")
def list_agreements(
    context: Context, party: Party = "",
    status: Annotated[str, Query(max_length=40, description="e.g. suspended, in force.")] = "",
    q: Words = "", kind: Kind = "", doc: Doc = "", sort: RecordSort = "name",
    format: RecordFormat = None,
) -> Response:
    return _records(context, "agreements", {"party": party, "state": status, "q": q,
                                            "kind": kind, "doc": doc}, sort, format)


@router.get("/institutions", summary="Institutions, with their status and evidence")
def list_institutions(
    context: Context, party: Party = "",
    status: Annotated[str, Query(max_length=40, description="e.g. operating, closed.")] = "",
    q: Words = "", kind: Kind = "", doc: Doc = "", sort: RecordSort = "name",
    format: RecordFormat = None,
) -> Response:
    return _records(context, "institutions", {"party": party, "state": status, "q": q,
                                              "kind": kind, "doc": doc}, sort, format)


@router.get("/claims", summary="Claims, with their standing and who made or refuted them")
def list_claims(
    context: Context, party: Party = "",
    standing: Annotated[str, Query(max_length=40,
                                   description="asserted, refuted, confirmed or disputed.")
                        ] = "",
    q: Words = "", kind: Kind = "", doc: Doc = "", sort: RecordSort = "name",
    format: RecordFormat = None,
) -> Response:
    return _records(context, "claims", {"party": party, "state": standing, "q": q,
                                        "kind": kind, "doc": doc}, sort, format)


@router.get("/status", summary="The evidence-backed status of what a query names")
def status(context: Context,
           q: Annotated[str, Query(min_length=1, max_length=500,
                                   description='e.g. "Japan Center".')],
           limit: Annotated[int, Query(ge=1, le=STATUS_MAX, description=(
               "At most this many institutions, agreements and claims (each); `totals` "
               "says how many the query names."))] = STATUS_LIMIT) -> dict[str, Any]:
    answer = context.access.status(q, limit=limit)
    return {**answer.to_dict(), "found": answer.found, "lines": answer.lines()}


class TextIn(BaseModel):
    """A text to code, with what is known about it."""

    model_config = ConfigDict(populate_by_name=True)

    text: str = Field(description="English news text (UTF-8).")
    day: date | None = Field(default=None, alias="date", description="The document date "
                             "(YYYY-MM-DD); relative dates resolve against it.")
    id: str = Field(default="", max_length=200,
                    description="Document id (default: a hash of the text).")
    title: str = Field(default="", max_length=1000)
    url: str = Field(default="", max_length=2000)
    source: str = Field(default="", max_length=200, description="The news source.")

    @field_validator("text", "id", "title", "url", "source")
    @classmethod
    def _plain_text(cls, value: str) -> str:
        """Text that UTF-8 can hold (no lone surrogates such as "\\ud800") and no NUL."""
        if "\x00" in value:
            raise ValueError("holds a NUL character")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(f"holds a lone surrogate at character {exc.start} (not valid "
                             "Unicode)") from None
        return value


def _document(body: TextIn) -> Any:
    size = len(body.text.encode("utf-8"))
    if size > MAX_TEXT_BYTES:
        raise HTTPException(status_code=413,
                            detail=f"text is larger than the limit of {MAX_TEXT_BYTES:,} bytes")
    return pasted_document(body.text, day=body.day, doc_id=body.id, title=body.title,
                           url=body.url, source=body.source)


@router.post("/code", summary="Code text: events out, nothing stored")
async def code_text(
    body: TextIn, context: Context,
    authorization: Annotated[str | None, Header(description="Bearer TOKEN (needed on a "
                                                "server listening beyond loopback)")] = None,
) -> dict[str, Any]:
    settings = context.settings
    check_code(settings.code_needs_token, settings.token, bearer_token(authorization))
    document = _document(body)
    return coded_summary(await context.analyser.analyse(document))


@router.post("/documents", status_code=201,
             summary="Code a document and store it (needs --allow-writes and the token)")
async def store_document(
    body: TextIn, context: Context,
    authorization: Annotated[str | None, Header(description="Bearer TOKEN")] = None,
) -> JSONAnswer:
    settings = context.settings
    check_write(settings.allow_writes, settings.token, bearer_token(authorization))
    document = _document(body)
    analysed = await context.analyser.analyse(document)

    def write() -> str:
        with context.access.writer() as backend:
            return save_document(backend, analysed)

    outcome = await run_in_threadpool(write)
    if outcome == CONFLICT:
        raise HTTPException(status_code=409, detail=f"document id {document.id!r} is already "
                            "stored with different text")
    summary = {"status": outcome, "doc_id": document.id, "events": len(analysed.events),
               "url": f"/api/documents/{quote(document.id, safe='')}"}
    return JSONAnswer(summary, status_code=200 if outcome == ALREADY_STORED else 201)
