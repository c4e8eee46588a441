"""Answers to API reads of a read-only DuckDB store are kept and sent again; nothing else is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dyad.coding.coder import EventCoder
from dyad.store import listing
from dyad.store.query import EventFilter
from dyad.web.app import create_app
from dyad.web.cache import Kept, KeptAnswers


def test_kept_answers_drop_the_least_recently_used_beyond_their_size() -> None:
    answers = KeptAnswers(max_bytes=10)
    answers.put(("/a", b"", b""), Kept([], b"1234"))
    answers.put(("/b", b"", b""), Kept([], b"1234"))
    assert answers.get(("/a", b"", b"")) is not None  # /b is now the least recently used
    answers.put(("/c", b"", b""), Kept([], b"1234"))
    assert answers.get(("/b", b"", b"")) is None
    assert answers.get(("/a", b"", b"")) is not None and answers.size == 8
    answers.put(("/d", b"", b""), Kept([], b"x" * 11))  # larger than the whole cache
    assert answers.get(("/d", b"", b"")) is None and len(answers) == 2


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[EventFilter]:
    calls: list[EventFilter] = []
    real = listing.page_events

    def counted(backend: object, criteria: EventFilter, **kwargs: object) -> object:
        calls.append(criteria)
        return real(backend, criteria, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("dyad.web.api.page_events", counted)
    return calls


def test_a_read_only_store_answers_again_from_the_cache(
        store_path: Path, coder: EventCoder, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    with TestClient(create_app(str(store_path), coder=coder)) as client:
        first = client.get("/api/events", params={"root": "16"})
        again = client.get("/api/events", params={"root": "16"})
        as_csv = client.get("/api/events", params={"root": "16"},
                            headers={"Accept": "text/csv"})
        bad = [client.get("/api/events", params={"root": "x"}) for _ in range(2)]
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert again.headers["content-type"] == first.headers["content-type"]
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert len(calls) == 2  # the JSON page once, the CSV page once
    assert [r.status_code for r in bad] == [422, 422]


def test_no_cache_when_turned_off_or_writable(
        store_path: Path, tmp_path: Path, coder: EventCoder,
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    with TestClient(create_app(str(store_path), coder=coder, cache_bytes=0)) as client:
        for _ in range(2):
            assert client.get("/api/events").status_code == 200
    copy = tmp_path / "writable.duckdb"
    copy.write_bytes(store_path.read_bytes())
    with TestClient(create_app(str(copy), coder=coder, allow_writes=True, token="t")
                    ) as client:
        for _ in range(2):
            assert client.get("/api/events").status_code == 200
    assert len(calls) == 4


def test_listing_pages_are_kept_too(store_path: Path, coder: EventCoder,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from dyad.web import explore

    calls: list[object] = []
    real = explore.event_facets

    def counted(backend: object, criteria: object, **kwargs: object) -> object:
        calls.append(criteria)
        return real(backend, criteria, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("dyad.web.explore.event_facets", counted)
    with TestClient(create_app(str(store_path), coder=coder)) as client:
        first = client.get("/events", params={"root": "16"})
        again = client.get("/events", params={"root": "16"})
        assert client.get("/code").status_code == 200  # a form: never kept
    assert first.status_code == 200 and first.content == again.content
    assert len(calls) == 1


def test_the_same_request_at_once_is_answered_once() -> None:
    import asyncio

    from dyad.web.cache import ResponseCache

    runs: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        runs.append(scope["path"])
        await asyncio.sleep(0.05)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"answer"})

    cache = ResponseCache(app, KeptAnswers(1000))

    async def one(path: str) -> bytes:
        sent: list[Any] = []

        async def send(message: Any) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": path, "query_string": b"",
                 "headers": []}
        await cache(scope, None, send)  # type: ignore[arg-type]
        return bytes(sent[-1]["body"])

    async def burst() -> list[bytes]:
        return list(await asyncio.gather(*(one("/events") for _ in range(5)),
                                         one("/api/events")))

    assert asyncio.run(burst()) == [b"answer"] * 6
    assert sorted(runs) == ["/api/events", "/events"]
