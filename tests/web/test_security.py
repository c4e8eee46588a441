"""Errors as JSON with the right status, writes behind --allow-writes and a token, body size
limits, and inputs that look like SQL staying plain values."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyad.coding.coder import EventCoder
from dyad.errors import DyadError
from dyad.store.handle import open_store
from dyad.web.app import create_app
from tests.web.conftest import TOKEN

ARTICLE = ("Japan condemned Russia on Monday. The Japanese government said it would "
           "impose sanctions on Moscow.")


def _error(response: object) -> str:
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"}
    assert isinstance(body["error"], str) and body["error"]
    return str(body["error"])


def test_unknown_event_is_404(client: TestClient) -> None:
    response = client.get("/api/events/0000000000000000")
    assert response.status_code == 404
    assert "no event" in _error(response)


def test_unknown_document_is_404(client: TestClient) -> None:
    assert client.get("/api/documents/no-such-document").status_code == 404
    assert client.get("/api/documents/../../etc/passwd").status_code == 404


def test_unknown_path_and_wrong_method(client: TestClient) -> None:
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and _error(response)
    response = client.delete("/api/events")
    assert response.status_code == 405 and "DELETE" in _error(response)


@pytest.mark.parametrize("params", [
    {"since": "2024-02-30"}, {"until": "yesterday"}, {"root": "1a"}, {"limit": "many"},
])
def test_bad_parameters_are_422(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert next(iter(params)) in _error(response)


def test_bad_where_and_cursor_are_400(client: TestClient) -> None:
    response = client.get("/api/events", params={"where": "quad_class=1 OR 1=1"})
    assert response.status_code == 400 and "integer" in _error(response)
    response = client.get("/api/events", params={"where": "password=1"})
    assert response.status_code == 400 and "unknown column" in _error(response)
    response = client.get("/api/events", params={"cursor": "!!not-a-cursor"})
    assert response.status_code == 400 and "cursor" in _error(response)


@pytest.mark.parametrize("params", [
    {"q": "' OR 1=1 --"}, {"dyad": "RUS'; DROP TABLE events; --:JPN"},
    {"actor": "%"}, {"actor": "_"}, {"code": "1%"}, {"q": "%"},
    {"where": "source~' OR ''='"},
])
def test_sql_looking_input_is_a_plain_value(client: TestClient, store_path: Path,
                                            params: dict[str, str]) -> None:
    response = client.get("/api/events", params={**params, "limit": 1000})
    assert response.status_code in (200, 422)
    if response.status_code == 200:
        assert response.json()["events"] == []
    with open_store(store_path) as store:
        assert store.sql("SELECT count(*) FROM events").rows()[0][0] > 0


def test_sql_looking_ids_are_not_found(client: TestClient) -> None:
    assert client.get("/api/events/' OR '1'='1").status_code == 404
    assert client.get("/api/dyads/RUS'--/JPN/timeline").status_code == 422


def test_writes_are_off_by_default(client: TestClient) -> None:
    response = client.post("/api/documents", json={"text": ARTICLE},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403
    assert "--allow-writes" in _error(response)


def test_writes_need_the_token(writable: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
                    {"Authorization": f"Bearer {TOKEN}x"}):
        response = writable.post("/api/documents", json={"text": ARTICLE}, headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"] == "Bearer"
        _error(response)


def test_a_stored_document_can_be_read_back(writable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = writable.get("/api/events", params={"limit": 1000}).json()["count"]
    payload = {"text": ARTICLE, "date": "2024-03-05", "id": "web-test-1",
               "title": "Japan and Russia", "source": "Test Wire"}
    response = writable.post("/api/documents", json=payload, headers=auth)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "stored" and body["doc_id"] == "web-test-1"
    assert body["events"] >= 1
    document = writable.get(body["url"]).json()
    assert document["text"] == ARTICLE and document["title"] == "Japan and Russia"
    assert document["date"] == "2024-03-05" and document["source"] == "Test Wire"
    assert len(document["mentions"]) == body["events"]
    events = writable.get("/api/events", params={"limit": 1000}).json()
    assert events["count"] > before
    coded = writable.post("/api/code", json=payload).json()["events"]
    assert {(m["source"], m["target"], m["code"]) for m in document["mentions"]} == {
        (e["source"], e["target"], e["code"]) for e in coded}
    again = writable.post("/api/documents", json=payload, headers=auth)
    assert again.status_code == 200 and again.json()["status"] == "already stored"
    other = writable.post("/api/documents", json={**payload, "text": "Russia praised Japan."},
                          headers=auth)
    assert other.status_code == 409 and "different text" in _error(other)


def test_allow_writes_without_a_token_is_refused(store_path: Path) -> None:
    with pytest.raises(DyadError, match="token"):
        create_app(str(store_path), allow_writes=True)


@pytest.fixture
def small(store_path: Path, coder: EventCoder) -> Iterator[TestClient]:
    """An app refusing bodies over 2,000 bytes."""
    with TestClient(create_app(str(store_path), max_body=2000, coder=coder)) as test_client:
        yield test_client


def test_oversized_body_is_413(small: TestClient) -> None:
    response = small.post("/api/code", json={"text": "Japan condemned Russia. " * 100})
    assert response.status_code == 413
    assert "2,000 bytes" in _error(response)


def test_oversized_streamed_body_is_413(small: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(200):
            yield b"Japan condemned Russia. "
        yield b'"}'

    response = small.post("/api/code", content=chunks(),
                          headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    _error(response)


def test_body_within_the_limit_passes(small: TestClient) -> None:
    response = small.post("/api/code", json={"text": "Japan condemned Russia on Monday."})
    assert response.status_code == 200
    assert response.json()["events"]


def test_oversized_form_is_a_413_page(small: TestClient) -> None:
    response = small.post("/code", data={"text": "Japan condemned Russia. " * 100})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")


def test_docs_are_served_locally(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/dyads/{a}/{b}/timeline",
            "/api/documents/{doc_id}", "/api/agreements", "/api/claims", "/api/status",
            "/api/code", "/api/documents"} <= set(schema["paths"])
