"""The listing pages of documents, agreements, institutions and claims, and the dyad page's
knowledge and chart, which follow their filters."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.web.html import Element, parse


def _page(client: TestClient, url: str, status: int = 200) -> Element:
    response = client.get(url)
    assert response.status_code == status, response.text
    return parse(response.text)


@pytest.mark.parametrize("url", ["/events", "/documents", "/agreements", "/institutions",
                                 "/claims"])
def test_listing_pages_are_in_the_nav(client: TestClient, url: str) -> None:
    page = _page(client, url)
    assert url in {a.attrs.get("href") for a in page.one("nav", id="site-nav").select("a")}
    assert page.one("h1").text.strip()
    assert page.one(id="facets")


def test_documents_page_lists_every_document_with_its_events(client: TestClient) -> None:
    page = _page(client, "/documents")
    rows = page.one("table", id="documents").select("tr", cls="document")
    assert len(rows) == 9  # the nine example texts
    total = page.one(id="document-total").text
    assert "9 documents" in total
    dates = [r.one("td", cls="date").text for r in rows]
    assert dates == sorted(dates)
    coded = [r for r in rows if r.select("a", cls="events-link")]
    assert coded
    href = coded[0].one("a", cls="events-link").attrs["href"]
    doc = parse_qs(urlsplit(href).query)["doc"][0]
    events = client.get("/api/events", params={"doc": doc, "limit": 1000}).json()["events"]
    assert events and all(e["doc_id"] == doc or doc in json.dumps(e) for e in events)
    count = int(coded[0].select("td", cls="num")[0].text)
    assert count >= len({e["event_id"] for e in events}) > 0


def test_documents_facets_and_sort(client: TestClient) -> None:
    page = _page(client, "/documents")
    year = page.one("section", cls="facet", data_facet="year").select("a", cls="facet-link")[0]
    narrowed = _page(client, year.attrs["href"])
    rows = narrowed.one("table", id="documents").select("tr", cls="document")
    assert rows and all(r.one("td", cls="date").text.startswith(year.attrs["data-value"])
                        for r in rows)
    by_events = _page(client, "/documents?sort=-events")
    counts = [int(r.select("td", cls="num")[0].text)
              for r in by_events.one("table", id="documents").select("tr", cls="document")]
    assert counts == sorted(counts, reverse=True)
    _page(client, "/documents?sort=colour", 400)
    _page(client, "/documents?since=2024/01/01", 400)


@pytest.mark.parametrize(("name", "state"), [
    ("agreements", "status"), ("institutions", "status"), ("claims", "standing")])
def test_record_pages_show_what_the_api_lists(client: TestClient, name: str, state: str
                                              ) -> None:
    body = client.get(f"/api/{name}").json()
    page = _page(client, f"/{name}")
    cards = page.one(id="records").select("article", cls="record")
    assert len(cards) == body["count"] == len(body[name]) > 0
    states = {f["value"]: f["count"] for f in body["facets"]["state"]}
    assert sum(states.values()) == body["count"]
    facet = page.one("section", cls="facet", data_facet="state").select("a", cls="facet-link")
    assert {a.attrs["data-value"] for a in facet} == set(states)
    lines = client.get(f"/api/{name}", params={"format": "jsonl"}).text.splitlines()
    assert [json.loads(line) for line in lines] == body[name]


def test_record_pages_filter_by_party_and_document(client: TestClient) -> None:
    everything = client.get("/api/agreements").json()["agreements"]
    russian = client.get("/api/agreements", params={"party": "RUS"}).json()["agreements"]
    assert 0 < len(russian) < len(everything)
    page = _page(client, "/agreements?party=RUS")
    assert len(page.one(id="records").select("article", cls="agreement")) == len(russian)
    doc = russian[0]["mentions"][0]["doc_id"]
    in_doc = client.get("/api/agreements", params={"doc": doc}).json()["agreements"]
    assert in_doc and all(any(m["doc_id"] == doc for m in a["mentions"]) for a in in_doc)


def test_dyad_knowledge_is_the_pairs_own(client: TestClient) -> None:
    page = _page(client, "/dyad/JPN/AUS")
    assert not page.one(id="institutions").select("article", cls="institution")
    assert not page.one(id="claims").select("article", cls="claim")
    pair = _page(client, "/dyad/JPN/RUS")
    assert "Japan Center" in pair.one(id="institutions").text
    assert pair.one(id="claims").select("article", cls="claim")


def test_dyad_chart_follows_root_and_words(client: TestClient) -> None:
    def charted(url: str) -> int:
        spec = json.loads(_page(client, url).one("script", id="dyad-chart-spec").text)
        return sum(v["events"] for v in spec["data"]["values"])

    events = client.get("/api/events", params={"pair": "RUS:JPN", "limit": 1000}).json()
    dated = [e for e in events["events"] if e["date"]]
    assert charted("/dyad/RUS/JPN") == len(dated)
    rooted = [e for e in dated if e["root"] == "16"]
    assert 0 < len(rooted) < len(dated)
    assert charted("/dyad/RUS/JPN?root=16") == len(rooted)
    worded = client.get("/api/events", params={"pair": "RUS:JPN", "q": "sanctions",
                                               "limit": 1000}).json()["events"]
    assert charted("/dyad/RUS/JPN?q=sanctions&by=year") == len([e for e in worded
                                                                 if e["date"]])
    timeline = client.get("/api/dyads/RUS/JPN/timeline", params={"root": "16"}).json()
    assert sum(r["events"] for r in timeline["rows"]) == len(rooted)
