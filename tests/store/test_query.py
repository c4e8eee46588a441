"""query: event filters, listing columns, one event with its mentions."""

from __future__ import annotations

from datetime import date

import pytest

from dyad.errors import EventNotFoundError, QueryError
from dyad.record import EVENT_FIELDS
from dyad.store.backend import Backend
from dyad.store.query import (
    LISTING_COLUMNS,
    EventFilter,
    count_events,
    event_detail,
    list_events,
    parse_condition,
    record,
    records,
)


def triples(backend: Backend, **criteria: object) -> list[str]:
    where = EventFilter(**criteria)  # type: ignore[arg-type]
    return [f"{e['source']}>{e['target']}:{e['code']}" for e in list_events(backend, where)]


def test_query_lists_every_event_by_date(news: Backend) -> None:
    assert triples(news) == ["RUS>JPN:163", "JPN>RUS:111", "CHN>USA:112", "IRN>ISR:130",
                             "RUS>JPN:033", "JPNGOV>RUS:111", "RUSMIL>JPNAGR:190"]


def test_query_listing_has_record_fields_and_counts(news: Backend) -> None:
    (event,) = list_events(news, EventFilter(code="163"))
    assert tuple(event) == LISTING_COLUMNS
    assert tuple(event) == ("event_id", *EVENT_FIELDS, "num_mentions", "num_sources",
                            "num_articles")
    assert (event["num_mentions"], event["num_sources"], event["num_articles"]) == (2, 2, 2)
    assert event["date"] == "2024-07-01"
    assert event["doc_id"] == "a"
    assert event["sentence"] == "Russia imposed sanctions on Japan."
    assert event["spans"]["source"] == [0, 6]


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"actor": "rus"}, ["RUS>JPN:163", "JPN>RUS:111", "RUS>JPN:033", "JPNGOV>RUS:111",
                            "RUSMIL>JPNAGR:190"]),
        ({"actor": "ISR"}, ["IRN>ISR:130"]),
        ({"dyad": "RUS:JPN"}, ["RUS>JPN:163", "RUS>JPN:033", "RUSMIL>JPNAGR:190"]),
        ({"dyad": "JPN:RUS"}, ["JPN>RUS:111", "JPNGOV>RUS:111"]),
        ({"root": "11"}, ["JPN>RUS:111", "CHN>USA:112", "JPNGOV>RUS:111"]),
        ({"root": "3"}, ["RUS>JPN:033"]),
        ({"code": "111"}, ["JPN>RUS:111", "JPNGOV>RUS:111"]),
        ({"since": date(2024, 9, 1)}, ["RUS>JPN:033", "JPNGOV>RUS:111", "RUSMIL>JPNAGR:190"]),
        ({"until": date(2024, 7, 1)}, ["RUS>JPN:163"]),
        ({"since": date(2024, 7, 2), "until": date(2024, 7, 5)}, ["RUS>JPN:163", "JPN>RUS:111"]),
        ({"words": "TUESDAY sanctions"}, ["RUS>JPN:163"]),
        ({"words": "troops"}, ["RUSMIL>JPNAGR:190"]),
        ({"words": "100%_"}, []),
        ({"actor": "RUS", "root": "16"}, ["RUS>JPN:163"]),
    ],
)
def test_query_filters(news: Backend, criteria: dict[str, object], expected: list[str]) -> None:
    assert triples(news, **criteria) == expected
    assert count_events(news, EventFilter(**criteria)) == len(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        (["quad_class=4"], ["RUS>JPN:163", "RUSMIL>JPNAGR:190"]),
        (["goldstein > 0"], ["RUS>JPN:033"]),
        (["num_mentions>=2"], ["RUS>JPN:163"]),
        (["date>=2024-08-15", "date<2024-09-03"], ["IRN>ISR:130", "RUS>JPN:033"]),
        (["source!=RUS", "target=RUS"], ["JPN>RUS:111", "JPNGOV>RUS:111"]),
        (["sentence~ISRAEL"], ["IRN>ISR:130"]),
        (["plover=SANCTION"], []),
    ],
)
def test_query_where_conditions(news: Backend, conditions: list[str],
                                expected: list[str]) -> None:
    where = tuple(parse_condition(c) for c in conditions)
    assert triples(news, where=where) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("quad_class", "expected COLUMN OP VALUE"),
        ("colour=red", "unknown column 'colour'"),
        ("quad_class=four", "quad_class needs an integer"),
        ("date>=July", "date needs a date (YYYY-MM-DD)"),
        ("goldstein<low", "goldstein needs a number"),
    ],
)
def test_query_bad_conditions(text: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_condition(text)
    assert message in caught.value.message
    assert caught.value.status_code == 400


def test_query_bad_dyad(news: Backend) -> None:
    with pytest.raises(QueryError, match="expected SOURCE:TARGET"):
        list_events(news, EventFilter(dyad="RUS"))


def test_query_limit(news: Backend) -> None:
    assert len(list_events(news, EventFilter(), limit=3)) == 3


def test_query_event_detail_has_every_mention(news: Backend) -> None:
    (event,) = list_events(news, EventFilter(code="163"))
    detail = event_detail(news, event["event_id"])
    assert detail.event["last_date"] == "2024-07-02"
    assert detail.event["doc_ids"] == ["a", "b"]
    assert [(m["doc_id"], m["date"], m["news_source"]) for m in detail.mentions] == [
        ("a", "2024-07-01", "Reuters"), ("b", "2024-07-02", "AP")]
    first = detail.mentions[0]
    assert first["title"] == "Sanctions" and first["url"].startswith("https://")
    assert first["sentence_start"] == 0 and first["trigger"] == "imposed"
    assert detail.mentions[1]["date_text"] == "Tuesday"


def test_query_unknown_event(news: Backend) -> None:
    with pytest.raises(EventNotFoundError) as caught:
        event_detail(news, "0123456789abcdef")
    assert caught.value.status_code == 404
    assert caught.value.message == "no event with id '0123456789abcdef'"


def test_records_convert_as_record_does() -> None:
    columns = ["event_id", "date", "last_date", "spans", "document_date", "goldstein"]
    rows = [("a", date(2024, 7, 2), None, '{"source": [0, 3]}', date(2024, 7, 1), -2.0),
            ("b", None, None, "{}", None, 1.5)]
    assert records(columns, rows) == [record(columns, row) for row in rows]
    assert records(columns, rows)[1] == {"event_id": "b", "date": "", "last_date": "",
                                         "spans": {}, "document_date": None, "goldstein": 1.5}
    assert records(columns, []) == []


@pytest.mark.parametrize("criteria", [
    {}, {"dyad": "RUS:JPN"}, {"words": "sanctions"}, {"words": "imposed", "root": "16"},
    {"words": "the", "actor": "RUS"},
])
def test_web_pages_walk_the_listing_on_both_back_ends(news: Backend,
                                                      criteria: dict[str, str]) -> None:
    """`dyad.store.listing.page_events` (the pages of the API and the explorer) on DuckDB and
    PostgreSQL: walked two at a time by cursor, and by offset, the pages give the listing,
    field for field."""
    from dyad.store.listing import page_events

    where = EventFilter(**criteria)
    expected = list_events(news, where)
    assert expected, "the news set should hold events for this filter"
    walked: list[dict[str, object]] = []
    page = page_events(news, where, limit=2)
    walked += page.events
    while page.next_cursor is not None:
        page = page_events(news, where, limit=2, cursor=page.next_cursor)
        walked += page.events
    assert walked == expected
    assert page_events(news, where, limit=2, offset=1).events == expected[1:3]
