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
from dyad.web.cache import Kept, KeptAnswers, KeptValues
from tests.web.conftest import TOKEN
from tests.web.html import parse


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


def _counting_facets(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    calls: list[object] = []
    real = listing.event_facets

    def counted(backend: object, criteria: object, **kwargs: object) -> object:
        calls.append((criteria, kwargs.get("by")))
        return real(backend, criteria, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("dyad.web.access.event_facets", counted)
    return calls


def test_listing_pages_are_kept_too(store_path: Path, coder: EventCoder,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting_facets(monkeypatch)
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


def test_kept_values_drop_the_least_recently_used_and_all_on_clear() -> None:
    kept: KeptValues[str] = KeptValues(max_weight=4)
    kept.put("a", "A", kept.generation, 2)
    kept.put("b", "B", kept.generation, 2)
    assert kept.get("a") == "A"  # b is now the least recently used
    kept.put("c", "C", kept.generation, 2)
    assert (kept.get("a"), kept.get("b"), kept.get("c")) == ("A", None, "C")
    kept.put("huge", "H", kept.generation, 5)  # heavier than the whole: not kept
    assert kept.get("huge") is None and kept.weight == 4
    before = kept.generation
    kept.clear()
    assert len(kept) == 0 and kept.weight == 0
    kept.put("d", "D", before)  # computed before the store changed: not kept
    assert kept.get("d") is None
    kept.put("d", "D", kept.generation)
    assert kept.get("d") == "D"


def test_facets_are_counted_once_for_every_page_and_sort_of_a_filter(
        store_path: Path, coder: EventCoder, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting_facets(monkeypatch)
    with TestClient(create_app(str(store_path), coder=coder)) as client:
        first = client.get("/events", params={"actor": "RUS", "limit": "2"})
        assert first.status_code == 200
        nexts = [a.attrs["href"] for a in parse(first.text).select("a", cls="next")]
        assert nexts  # more than one page
        assert client.get(nexts[0]).status_code == 200
        assert client.get("/events", params={"actor": "RUS", "sort": "-goldstein"}
                          ).status_code == 200
        api = client.get("/api/events", params={"actor": "RUS", "facets": "true",
                                                "by": "month"}).json()
        assert client.get("/events", params={"actor": "JPN"}).status_code == 200
    assert api["total"] == int(parse(first.text).one("span", cls="number").text
                               .replace(",", ""))
    assert len(calls) == 2  # RUS once (pages, sorts and the API's facets), JPN once
    with TestClient(create_app(str(store_path), coder=coder, cache_bytes=0)) as client:
        for _ in range(2):  # nothing kept: every answer computed from the store
            assert client.get("/events", params={"actor": "RUS"}).status_code == 200
    assert len(calls) == 4


def test_kept_facets_are_dropped_when_the_app_writes(writable: TestClient) -> None:
    def counted() -> dict[str, Any]:
        answer: dict[str, Any] = writable.get("/api/events", params={
            "facets": "true", "limit": "1"}).json()
        return answer

    before = counted()
    assert "2031" not in [c["value"] for c in before["facets"]["year"]]
    stored = writable.post("/api/documents", json={
        "text": "Japan condemned Russia on Monday.", "id": "kept-facets-1",
        "date": "2031-01-07"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert stored.status_code == 201 and stored.json()["events"] >= 1
    after = counted()
    assert after["total"] == before["total"] + stored.json()["events"]
    assert {"value": "2031", "count": stored.json()["events"]} in after["facets"]["year"]
