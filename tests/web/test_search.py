"""Text search through the API: the events whose mentions' sentences hold every word (as a
word prefix), in the listing's order, whichever way the pages are walked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dyad.store.backend import Backend, open_backend
from dyad.store.listing import page_events
from dyad.store.query import EventFilter, search_words


def _expected(backend: Backend, words: str, dyad: str = "") -> list[str]:
    """Event ids, in listing order, whose mentions' sentences hold every word as a prefix."""
    wanted = search_words(words)
    found: dict[str, set[str]] = {}
    for event_id, sentence in backend.rows("SELECT event_id, sentence FROM event_mentions"):
        found.setdefault(str(event_id), set()).update(search_words(str(sentence)))
    source, _, target = dyad.partition(":")
    rows = backend.rows("SELECT event_id, source, target FROM events "
                        "ORDER BY date NULLS LAST, event_id")
    return [str(i) for i, s, t in rows
            if all(any(w.startswith(x) for w in found.get(str(i), ())) for x in wanted)
            and str(s).startswith(source) and str(t).startswith(target)]


def _walk(client: TestClient, **params: Any) -> list[str]:
    seen: list[str] = []
    url: str | None = "/api/events"
    query: dict[str, Any] | None = {**params, "limit": 2}
    while url:
        body = client.get(url, params=query).json()
        seen += [e["event_id"] for e in body["events"]]
        url, query = body["next"], None
    return seen


@pytest.fixture
def backend(store_path: Path) -> Any:
    opened = open_backend(str(store_path), read_only=True)
    yield opened
    opened.close()


@pytest.mark.parametrize(("words", "dyad"), [
    ("japan", ""), ("JAPAN china", ""), ("minist", ""), ("japan", "RUS:JPN"), ("apan", ""),
    ("the", "JPN:RUS"), ("zzzz", ""),
])
def test_text_search_pages_hold_every_match_in_order(client: TestClient, backend: Backend,
                                                     words: str, dyad: str) -> None:
    expected = _expected(backend, words, dyad)
    params = {"q": words, **({"dyad": dyad} if dyad else {})}
    assert _walk(client, **params) == expected
    body = client.get("/api/events", params={**params, "limit": 3, "offset": 1}).json()
    assert [e["event_id"] for e in body["events"]] == expected[1:4]


def test_text_search_finds_words_as_prefixes(backend: Backend) -> None:
    assert _expected(backend, "japan", "") and not _expected(backend, "apan", "")
    assert _expected(backend, "japan", "") == _expected(backend, "Jap", "")


@pytest.mark.parametrize("dyad", ["", "RUS:JPN"])
def test_text_search_pages_alone_or_with_other_criteria(backend: Backend, dyad: str
                                                         ) -> None:
    expected = _expected(backend, "the", dyad)
    assert len(expected) > 2
    page = page_events(backend, EventFilter(words="the", dyad=dyad), limit=2, offset=1)
    assert [e["event_id"] for e in page.events] == expected[1:3]
    last = page_events(backend, EventFilter(words="the", dyad=dyad), limit=len(expected))
    assert [e["event_id"] for e in last.events] == expected and last.next_cursor is None


def test_text_without_a_word_matches_nothing(client: TestClient) -> None:
    assert client.get("/api/events", params={"q": "%%"}).json()["events"] == []


@pytest.mark.parametrize("others", [
    {"actor": "JPN"}, {"dyad": "JPN:RUS"}, {"pair": "RUS:JPN"}, {"until": "2019-01-01"},
    {"dyad": "RUS:JPN", "until": "2030-01-01"}, {"root": "16"}, {"since": "2019-01-01"},
    {"actor": "RUS", "code": "1"},
])
def test_text_search_with_other_criteria_pages_what_the_listing_selects(
        backend: Backend, others: dict[str, str]) -> None:
    from datetime import date

    from dyad.store.query import list_events

    values: dict[str, Any] = {k: date.fromisoformat(v) if k in ("since", "until") else v
                              for k, v in others.items()}
    criteria = EventFilter(words="the", **values)
    expected = [e["event_id"] for e in list_events(backend, criteria)]
    assert expected, "the store should hold matches for this filter"
    page = page_events(backend, criteria, limit=len(expected) + 1)
    assert [e["event_id"] for e in page.events] == expected
    first = page_events(backend, criteria, limit=1)
    rest = page_events(backend, criteria, limit=len(expected), cursor=first.next_cursor)
    assert [e["event_id"] for e in first.events + rest.events] == expected
