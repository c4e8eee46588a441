"""The one listing path: filters, sorts walked by cursor, facet counts (DuckDB and
PostgreSQL)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dyad.errors import QueryError
from dyad.store.backend import Backend
from dyad.store.documents import DocumentFilter, list_documents
from dyad.store.listing import (
    DATE_ORDER,
    SORTS,
    Cursor,
    Sort,
    event_facets,
    page_events,
    walk_events,
)
from dyad.store.named import named_json, with_names
from dyad.store.query import EventFilter, list_events


def _codes(backend: Backend, criteria: EventFilter, sort: Sort = DATE_ORDER) -> list[str]:
    return [str(json.loads(text)["code"]) for text in walk_events(backend, criteria, sort=sort)]


@pytest.mark.parametrize(("criteria", "expected"), [
    (EventFilter(source="RUS"), ["163", "033", "190"]),
    (EventFilter(target="JPN"), ["163", "033", "190"]),
    (EventFilter(plover="ACCUSE"), ["111", "112", "111"]),
    (EventFilter(quad_class=4), ["163", "190"]),
    (EventFilter(outlet="Reuters"), ["163"]),
    (EventFilter(outlet="AP"), ["163"]),
    (EventFilter(outlet="Reut"), []),
    (EventFilter(document="b"), ["163"]),
    (EventFilter(document="%"), []),
    (EventFilter(pair="JPN:RUS", words="russia"), ["163", "111", "033", "111", "190"]),
    (EventFilter(source="RUS", words="japan"), ["163", "033", "190"]),
])
def test_listing_filters(news: Backend, criteria: EventFilter, expected: list[str]) -> None:
    assert _codes(news, criteria) == expected


@pytest.mark.parametrize("key", sorted(SORTS))
@pytest.mark.parametrize("descending", [False, True])
def test_listing_sorts_walk_every_event_once(news: Backend, key: str, descending: bool) -> None:
    sort = Sort(key, descending)
    everything = list_events(news, EventFilter())
    column = SORTS[key]
    expected = sorted(everything, key=lambda e: e["event_id"])
    expected.sort(key=lambda e: e[column], reverse=descending)
    if descending:  # ties keep the id order ascending
        groups: dict[object, list[dict[str, object]]] = {}
        for event in expected:
            groups.setdefault(event[column], []).append(event)
        expected = [e for value in groups for e in sorted(groups[value],
                                                          key=lambda e: str(e["event_id"]))]
    seen: list[str] = []
    cursor = None
    while True:
        page = page_events(news, EventFilter(), limit=2, cursor=cursor, sort=sort)
        seen += [e["event_id"] for e in page.events]
        if page.next_cursor is None:
            break
        cursor = Cursor.decode(page.next_cursor.encode())
        assert cursor == page.next_cursor
    assert seen == [e["event_id"] for e in expected]


def test_listing_words_with_another_sort(news: Backend) -> None:
    found = _codes(news, EventFilter(words="japan"), Sort("goldstein", True))
    assert found == ["033", "111", "111", "163", "190"]


def test_listing_cursor_of_another_sort_is_refused(news: Backend) -> None:
    page = page_events(news, EventFilter(), limit=1, sort=Sort("code"))
    assert page.next_cursor is not None
    with pytest.raises(QueryError, match="another sort order"):
        page_events(news, EventFilter(), cursor=page.next_cursor)
    with pytest.raises(QueryError, match="bad sort"):
        Sort.parse("sentence")


def test_listing_facets(news: Backend) -> None:
    facets = event_facets(news, EventFilter(actor="JPN"))
    assert facets.total == 5
    counts = {name: {c.value: c.count for c in found} for name, found in facets.counts.items()}
    assert counts["root"] == {"16": 1, "11": 2, "03": 1, "19": 1}
    assert counts["quad_class"] == {"1": 1, "3": 2, "4": 2}
    assert counts["source_country"] == {"RUS": 3, "JPN": 2}
    assert counts["year"] == {"2024": 5}
    assert [c.value for c in facets.counts["root"]][:1] == ["11"]  # most first
    none = event_facets(news, EventFilter(actor="ZZZ"))
    assert none.total == 0 and all(not found for found in none.counts.values())


def test_named_json_adds_the_names(news: Backend) -> None:
    page = page_events(news, EventFilter(code="163"))
    named = json.loads(named_json(page.listings[0]))
    assert named == with_names(page.events[0])
    assert named["code_name"] == "Impose embargo, boycott, or sanctions"
    assert named["source_name"] == "Russian Federation" and named["target_name"] == "Japan"


def test_documents_list_filters_sorts_and_counts(news: Backend) -> None:
    found = list_documents(news, DocumentFilter())
    assert found.total == 8 and [d["doc_id"] for d in found.documents] == list("abcdefgh")
    assert {c.value: c.count for c in found.outlets}["Reuters"] == 1
    assert [(c.value, c.count) for c in found.years] == [("2024", 8)]
    titled = list_documents(news, DocumentFilter(words="SANCTIONS"))
    assert [d["doc_id"] for d in titled.documents] == ["a"] and titled.total == 1
    recent = list_documents(news, DocumentFilter(since=date(2024, 9, 1)), sort="-date",
                            limit=2, offset=1)
    assert [d["doc_id"] for d in recent.documents] == ["g", "f"] and recent.total == 3
    with pytest.raises(QueryError, match="bad sort"):
        list_documents(news, DocumentFilter(), sort="colour")


def test_explorer_pages_on_both_back_ends(news: Backend, store_url: str) -> None:
    """The listing pages and their API answers over DuckDB and PostgreSQL alike."""
    import warnings

    from dyad.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    news.close()
    with TestClient(create_app(store_url)) as client:
        for url in ("/events?by=week", "/events?q=japan&sort=-goldstein&by=day",
                    "/events?pair=JPN:RUS&by=year", "/documents?sort=-events",
                    "/documents?q=sanctions", "/agreements", "/institutions", "/claims",
                    "/dyad/RUS/JPN?root=16&by=day"):
            assert client.get(url).status_code == 200, url
        body = client.get("/api/events", params={"actor": "JPN", "facets": "true"}).json()
        assert body["total"] == 5 and len(body["events"]) == 5
        assert {f["value"]: f["count"] for f in body["facets"]["quad_class"]} == {
            "1": 1, "3": 2, "4": 2}
        lines = client.get("/api/events.jsonl", params={"pair": "RUS:JPN"}).text.splitlines()
        assert [json.loads(line)["code"] for line in lines] == [
            "163", "111", "033", "111", "190"]
