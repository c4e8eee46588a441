"""The JSON API: events with filters and pages, CSV, timelines, documents, knowledge, coding."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dyad.store.handle import open_store
from dyad.store.named import NAMED_COLUMNS, with_names
from dyad.store.query import EventFilter, list_events
from tests.conftest import EXAMPLES


def _all_events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/api/events", params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["next"] is None
    return list(body["events"])


def _store_ids(store_path: Path, **criteria: Any) -> list[str]:
    with open_store(store_path) as store:
        return [r["event_id"] for r in store.events(**criteria).records()]


def test_events_are_the_stored_events_in_listing_order(client: TestClient,
                                                       store_path: Path) -> None:
    events = _all_events(client)
    with open_store(store_path) as store:  # every field, as the store's listing gives it
        assert events == [with_names(e) for e in list_events(store.backend, EventFilter())]
    assert len(events) > 20
    assert all(list(e) == list(NAMED_COLUMNS) for e in events)
    assert all(isinstance(e["spans"], dict) for e in events)


@pytest.mark.parametrize("params", [
    {"dyad": "RUS:JPN"}, {"actor": "JPN"}, {"root": "16"}, {"code": "16"},
    {"since": "2024-07-01"}, {"until": "2016-12-31"}, {"q": "sanctions"},
    {"where": "quad_class=4"}, {"dyad": "JPN:RUS", "root": "11"},
])
def test_filters_select_what_dyad_events_selects(client: TestClient, store_path: Path,
                                                 params: dict[str, str]) -> None:
    criteria: dict[str, Any] = dict(params)
    if "where" in criteria:
        criteria["where"] = [criteria["where"]]
    for name in ("since", "until"):
        if name in criteria:
            from datetime import date

            criteria[name] = date.fromisoformat(criteria[name])
    events = _all_events(client, **params)
    expected = _store_ids(store_path, **criteria)
    assert [e["event_id"] for e in events] == expected
    assert 0 < len(events) < len(_all_events(client)), "the filter should select some events"


def test_dyad_filter_keeps_the_direction(client: TestClient) -> None:
    events = _all_events(client, dyad="RUS:JPN")
    assert all(e["source"].startswith("RUS") and e["target"].startswith("JPN") for e in events)


def test_pages_follow_the_next_cursor_through_every_event(client: TestClient) -> None:
    everything = [e["event_id"] for e in _all_events(client)]
    seen: list[str] = []
    url: str | None = "/api/events?limit=4"
    pages = 0
    while url:
        body = client.get(url).json()
        assert body["count"] == len(body["events"]) <= 4
        seen += [e["event_id"] for e in body["events"]]
        url = body["next"]
        pages += 1
    assert seen == everything
    assert pages == -(-len(everything) // 4)


def test_offset_pages(client: TestClient) -> None:
    everything = [e["event_id"] for e in _all_events(client)]
    body = client.get("/api/events", params={"limit": 3, "offset": 5}).json()
    assert [e["event_id"] for e in body["events"]] == everything[5:8]


def test_csv_by_parameter_or_accept_header(client: TestClient) -> None:
    everything = _all_events(client, root="16")
    for response in (client.get("/api/events", params={"root": "16", "format": "csv",
                                                       "limit": 1000}),
                     client.get("/api/events", params={"root": "16", "limit": 1000},
                                headers={"Accept": "text/csv"})):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == list(NAMED_COLUMNS)
        assert [r[0] for r in rows[1:]] == [e["event_id"] for e in everything]


def test_csv_pages_link_to_the_next_page(client: TestClient) -> None:
    response = client.get("/api/events", params={"format": "csv", "limit": 2})
    link = response.headers["link"]
    assert link.startswith("</api/events?") and link.endswith('>; rel="next"')
    following = client.get(link[1 : link.index(">")])
    assert following.status_code == 200 and following.text.count("\n") == 3


def test_limit_is_bounded(client: TestClient) -> None:
    assert client.get("/api/events", params={"limit": 1001}).status_code == 422
    assert client.get("/api/events", params={"limit": 0}).status_code == 422


def test_event_detail_has_every_mention(client: TestClient) -> None:
    event = _all_events(client, dyad="RUS:JPN", root="16")[0]
    response = client.get(f"/api/events/{event['event_id']}")
    assert response.status_code == 200
    detail = response.json()
    assert detail["event_id"] == event["event_id"]
    assert len(detail["mentions"]) == detail["num_mentions"] >= 1
    mention = detail["mentions"][0]
    start = mention["sentence_start"]
    source = mention["spans"]["source"]
    assert mention["sentence"][source[0] - start : source[1] - start] == mention["source_text"]


def test_timeline_matches_the_store(client: TestClient, store_path: Path) -> None:
    for by in ("week", "month"):
        response = client.get("/api/dyads/RUS/JPN/timeline", params={"by": by})
        assert response.status_code == 200
        body = response.json()
        assert (body["a_name"], body["b_name"]) == ("Russian Federation", "Japan")
        with open_store(store_path) as store:
            expected = store.timeline("RUS", "JPN", by=by).records()
        assert [r["events"] for r in body["rows"]] == [r["events"] for r in expected]
        assert [r["period"] for r in body["rows"]] == [r["period"].isoformat() for r in expected]
        assert sum(r["events"] for r in body["rows"]) == len(
            _all_events(client, dyad="RUS:JPN")) + len(_all_events(client, dyad="JPN:RUS"))


def test_timeline_csv(client: TestClient) -> None:
    response = client.get("/api/dyads/RUS/JPN/timeline", params={"format": "csv"})
    assert response.text.splitlines()[0].split(",")[:3] == ["period", "source", "target"]


def test_document_has_its_text_sentences_reasons_and_events(client: TestClient) -> None:
    event = _all_events(client, dyad="RUS:JPN", root="16")[0]
    response = client.get(f"/api/documents/{event['doc_id']}")
    assert response.status_code == 200
    document = response.json()
    assert "Japan Center" in document["text"]
    assert document["date"] == "2024-07-02"
    assert len(document["sentences"]) == document["n_sentences"]
    assert event["event_id"] in {m["event_id"] for m in document["mentions"]}
    coded = {m["sentence_id"] for m in document["mentions"]}
    uncoded = [s for s in document["sentences"] if s["sentence_id"] not in coded]
    assert uncoded and any(s["reasons"] for s in uncoded)
    for sentence in document["sentences"]:
        start, end = sentence["span"]
        assert document["text"][start:end] == sentence["text"]


def test_agreements_by_party(client: TestClient) -> None:
    body = client.get("/api/agreements", params={"party": "RUS"}).json()
    assert body["count"] >= 1
    for agreement in body["agreements"]:
        assert any(p["code"].startswith("RUS") for p in agreement["parties"])
    everything = client.get("/api/agreements").json()["count"]
    assert everything >= body["count"]


def test_claims_and_institutions(client: TestClient) -> None:
    claims = client.get("/api/claims").json()["claims"]
    assert claims and all(c["standing"] for c in claims)
    refuted = client.get("/api/claims", params={"standing": "refuted"}).json()["claims"]
    assert {c["id"] for c in refuted} <= {c["id"] for c in claims}
    assert all(c["standing"] == "refuted" for c in refuted)
    institutions = client.get("/api/institutions", params={"q": "Japan Center"}).json()
    assert institutions["count"] >= 1


def test_status_answers_with_evidence(client: TestClient) -> None:
    body = client.get("/api/status", params={"q": "Japan Center"}).json()
    assert body["found"] is True
    institution = body["institutions"][0]
    assert "Japan Center" in institution["institution"]["name"]
    assert institution["status"] == "operating"
    assert institution["evidence"] and institution["evidence"][0]["evidence"]["sentence"]
    assert body["lines"][0].startswith(institution["institution"]["name"])
    nothing = client.get("/api/status", params={"q": "Atlantis Embassy"}).json()
    assert nothing["found"] is False


def test_status_needs_a_query(client: TestClient) -> None:
    response = client.get("/api/status")
    assert response.status_code == 422
    assert "q" in response.json()["error"]


def test_code_returns_the_events_without_storing(client: TestClient,
                                                 code_text: Any) -> None:
    text = (EXAMPLES / "japan-centers.txt").read_text(encoding="utf-8")
    before = len(_all_events(client))
    response = client.post("/api/code", json={"text": text, "date": "2024-07-02"})
    assert response.status_code == 200, response.text
    body = response.json()
    from datetime import date

    expected = [e.to_dict() for e in code_text(text, date(2024, 7, 2))]
    assert [(e["source"], e["target"], e["code"], e["date"]) for e in body["events"]] == [
        (e["source"], e["target"], e["code"], e["date"]) for e in expected]
    found = {(e["source"][:3], e["target"][:3], e["root"]) for e in body["events"]}
    assert {("JPN", "RUS", "11"), ("RUS", "JPN", "16"), ("JPN", "RUS", "13")} <= found
    assert any(s["reasons"] for s in body["sentences"])
    assert body["knowledge"]["institutions"]
    assert len(_all_events(client)) == before


@pytest.mark.parametrize(("payload", "status"), [
    ({"text": ""}, 400), ({"text": "   \n "}, 400),
    ({"text": "Москва и Токио обсудили соглашение о сотрудничестве в области культуры."}, 400),
    ({"text": "Japan condemned Russia.", "date": "2024-13-45"}, 422),
    ({"date": "2024-07-02"}, 422),
])
def test_code_refuses_bad_input(client: TestClient, payload: dict[str, str],
                                status: int) -> None:
    response = client.post("/api/code", json=payload)
    assert response.status_code == status
    assert set(response.json()) == {"error"} and response.json()["error"]


def test_code_refuses_text_over_its_limit(client: TestClient) -> None:
    from dyad.web.coding import MAX_TEXT_BYTES

    text = "Japan condemned Russia. " * (MAX_TEXT_BYTES // 24 + 10)
    response = client.post("/api/code", json={"text": text})
    assert response.status_code == 413
    assert "limit" in response.json()["error"]


def test_status_limit_shows_the_first_and_counts_the_rest(client: TestClient) -> None:
    every = client.get("/api/status", params={"q": "agreement", "limit": 200}).json()
    assert every["totals"]["agreements"] == len(every["agreements"]) >= 2
    first = client.get("/api/status", params={"q": "agreement", "limit": 1}).json()
    assert [a["id"] for a in first["agreements"]] == [every["agreements"][0]["id"]]
    assert first["totals"] == every["totals"]
    assert client.get("/api/status", params={"q": "agreement", "limit": 0}).status_code == 422
    page = client.get("/status", params={"q": "agreement", "limit": 1}).text
    more = every["totals"]["agreements"] - 1
    assert f'href="/agreements?q=agreement">{more} more agreement' in page
