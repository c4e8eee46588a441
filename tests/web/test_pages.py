"""The pages carry the hooks of the UI contract, and show what the API gives."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import EXAMPLES
from tests.web.conftest import TOKEN, post_code_form
from tests.web.html import Element, parse

PAGES = ["/", "/dyad/RUS/JPN", "/status", "/status?q=Japan+Center", "/code"]


def _page(client: TestClient, url: str, status: int = 200) -> Element:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/html")
    return parse(response.text)


def _events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    return list(client.get("/api/events", params={"limit": 1000, **params}).json()["events"])


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_the_site_nav_and_a_heading(client: TestClient, url: str) -> None:
    page = _page(client, url)
    nav = page.one("nav", id="site-nav")
    hrefs = {a.attrs.get("href") for a in nav.select("a")}
    assert {"/", "/status", "/code"} <= hrefs
    assert page.one("h1").text.strip()


def test_overview(client: TestClient) -> None:
    page = _page(client, "/")
    totals = page.one(id="totals")
    numbers = {e.attrs["data-total"]: int(e.text.replace(",", ""))
               for e in totals.select(cls="number")}
    assert numbers["events"] == len(_events(client))
    assert numbers["documents"] == 9
    dyads = page.one("table", id="top-dyads").select("a", cls="dyad-link")
    assert dyads and all(a.attrs["href"].startswith("/dyad/") for a in dyads)
    assert dyads[0].attrs["href"] in ("/dyad/JPN/RUS", "/dyad/RUS/JPN")
    page.one(id="overview-chart")
    assert page.select("script", id="overview-chart-spec")
    links = page.one(id="recent-events").select("a", cls="event-link")
    assert links and all(a.attrs["href"].startswith("/event/") for a in links)
    scripts = [s.attrs["src"] for s in page.select("script") if "src" in s.attrs]
    assert scripts and all(src.startswith("/static/") for src in scripts)


def test_the_chart_scripts_are_served(client: TestClient) -> None:
    for path in ("/static/vendor/vega/vega.min.js", "/static/vendor/vega-lite/vega-lite.min.js",
                 "/static/vendor/vega-embed/vega-embed.min.js", "/static/charts.js",
                 "/static/style.css"):
        assert client.get(path).status_code == 200, path


def _rows(page: Element) -> list[Element]:
    return page.one("table", id="events").select("tr", cls="event")


def test_dyad_page(client: TestClient) -> None:
    page = _page(client, "/dyad/RUS/JPN")
    page.one(id="dyad-chart")
    period = page.one("select", id="period")
    assert {o.attrs["value"] for o in period.select("option")} == {"day", "week", "month", "year"}
    form = page.one("form", id="event-filter")
    names = {i.attrs.get("name") for i in form.select("input")}
    assert {"root", "since", "until", "q"} <= names
    assert form.select("button", type="submit")
    rows = _rows(page)
    expected = _events(client, dyad="RUS:JPN") + _events(client, dyad="JPN:RUS")
    assert len(rows) == len(expected)
    for row in rows:
        link = row.one("a", cls="event-link")
        assert link.attrs["href"].startswith("/event/")
        assert row.one("td", cls="code").one("span", cls="value").text.strip().isdigit()
    for section in ("agreements", "institutions", "claims"):
        page.one(id=section)
    assert "Japan Center" in page.one(id="institutions").text
    assert page.one(id="agreements").select("article", cls="agreement")


def test_dyad_filters_shrink_the_list(client: TestClient) -> None:
    everything = _rows(_page(client, "/dyad/RUS/JPN"))
    rooted = _rows(_page(client, "/dyad/RUS/JPN?root=16&since=&until=&q="))
    assert 0 < len(rooted) < len(everything)
    assert all(r.one("td", cls="code").text.strip().startswith("16") for r in rooted)
    worded = _rows(_page(client, "/dyad/RUS/JPN?q=sanctions"))
    assert 0 < len(worded) < len(everything)
    dated = _rows(_page(client, "/dyad/RUS/JPN?since=2024-07-01&until=2024-07-01"))
    assert all(r.one("td", cls="date").text.strip() == "2024-07-01" for r in dated)
    assert len(dated) < len(everything)


def test_dyad_page_by_week(client: TestClient) -> None:
    page = _page(client, "/dyad/RUS/JPN?by=week")
    selected = [o for o in page.one("select", id="period").select("option")
                if "selected" in o.attrs]
    assert [o.attrs["value"] for o in selected] == ["week"]


def test_dyad_page_refuses_bad_filters(client: TestClient) -> None:
    page = _page(client, "/dyad/RUS/JPN?since=2024-99-01", status=422)
    assert "since" in page.one(id="error-message").text
    _page(client, "/dyad/RUS/JPN?by=fortnight", status=422)


def test_event_page_marks_the_words_of_each_mention(client: TestClient) -> None:
    event = _events(client, dyad="RUS:JPN", root="16")[0]
    detail = client.get(f"/api/events/{event['event_id']}").json()
    page = _page(client, f"/event/{event['event_id']}")
    assert event["code"] in page.one(id="event").text
    mentions = page.select(cls="mention")
    assert len(mentions) == len(detail["mentions"])
    for element, mention in zip(mentions, detail["mentions"], strict=True):
        start = mention["sentence_start"]
        for role in ("source", "target", "trigger"):
            a, b = mention["spans"][role]
            words = mention["sentence"][a - start : b - start]
            assert [m.text for m in element.select("mark", cls=role)] == [words]
        link = element.one("a", cls="document-link")
        assert link.attrs["href"] == f"/document/{mention['doc_id']}"
        assert mention["date"] in element.text


def test_unknown_event_page_is_404(client: TestClient) -> None:
    page = _page(client, "/event/0000000000000000", status=404)
    assert "no event" in page.one(id="error-message").text


def test_document_page_marks_events_and_explains_the_rest(client: TestClient) -> None:
    event = _events(client, dyad="RUS:JPN", root="16")[0]
    document = client.get(f"/api/documents/{event['doc_id']}").json()
    page = _page(client, f"/document/{event['doc_id']}")
    text = page.one(id="document-text")
    marked = {m.attrs["data-event-id"] for m in text.select("mark", cls="event")}
    assert marked == {m["event_id"] for m in document["mentions"]}
    coded = {m["sentence_id"] for m in document["mentions"]}
    uncoded = text.select("details", cls="uncoded")
    assert len(uncoded) == len([s for s in document["sentences"]
                                if s["sentence_id"] not in coded])
    sentences = {s["text"] for s in document["sentences"]}
    for details in uncoded:
        assert details.one("summary").text in sentences
        assert details.select("li")
    reasons = " ".join(d.text for d in uncoded)
    assert "no source actor" in reasons or "no verb pattern" in reasons


def test_document_page_shows_the_knowledge_it_states(client: TestClient) -> None:
    event = _events(client, dyad="RUS:JPN", root="16")[0]
    page = _page(client, f"/document/{event['doc_id']}")
    agreements = page.one("section", id="agreements").text
    institutions = page.one("section", id="institutions").text
    claims = page.one("section", id="claims").text
    assert "2000" in agreements and "2003" in agreements and "suspended" in agreements
    assert "Japan Center" in institutions and "operating" in institutions
    assert "refuted" in claims and "RIA Novosti" in claims


def test_document_page_maps_where_its_institutions_are(client: TestClient) -> None:
    event = _events(client, dyad="RUS:JPN", root="16")[0]
    page = _page(client, f"/document/{event['doc_id']}")
    section = page.one("section", id="institutions-map")
    places = json.loads(section.one("script", id="institutions-map-places").text)
    assert {p["name"] for p in places} == {"Moscow", "Saint Petersburg", "Nizhniy Novgorod",
                                           "Khabarovsk", "Vladivostok"}
    assert all(p["country"] == "RUS" and p["title"].startswith("Japan Center in ")
               for p in places)
    where = page.one("section", id="institutions").one("dd", cls="places").text
    assert "St. Petersburg: Saint Petersburg (RUS)" in where
    assert "Sakhalin: Russia, no nearer place known" in where  # listed, not drawn


def test_document_without_knowledge_has_no_knowledge_sections(client: TestClient) -> None:
    for row in client.get("/api/events", params={"limit": 1000}).json()["events"]:
        page = _page(client, f"/document/{row['doc_id']}")
        if "Japan" not in page.one(id="document-text").text:
            sections = [s.attrs.get("id") for s in page.select("section")]
            if "agreements" not in sections:
                return
    pytest.fail("every document states some knowledge")


def test_status_page(client: TestClient) -> None:
    page = _page(client, "/status?q=Japan+Center")
    form = page.one("form", id="status-form")
    assert form.one("input", name="q").attrs["value"] == "Japan Center"
    answer = page.one(id="status-answer")
    assert "Japan Center" in answer.text and "operating" in answer.text
    assert answer.select("blockquote", cls="evidence")
    empty = _page(client, "/status?q=Atlantis+Embassy").one(id="status-answer")
    assert "Nothing known" in empty.text
    assert not _page(client, "/status").select(id="status-answer")


def test_code_page_form(client: TestClient, writable: TestClient) -> None:
    form = _page(client, "/code").one("form", id="code-form")
    form.one("textarea", name="text")
    assert form.one("input", name="date").attrs["type"] == "date"
    assert form.select("button", type="submit")
    assert not form.select("input", name="save"), "saving is off on a read-only server"
    writable_form = _page(writable, "/code").one("form", id="code-form")
    assert writable_form.one("input", name="save").attrs["type"] == "checkbox"


def test_code_page_shows_the_events_the_api_gives(client: TestClient) -> None:
    text = (EXAMPLES / "06-us-state-venezuela-visa-restrictions-2015.txt").read_text(
        encoding="utf-8")
    response = post_code_form(client, {"text": text, "date": "2015-02-02"})
    assert response.status_code == 200
    rows = parse(response.text).one("table", id="code-events").select("tr", cls="event")
    api = client.post("/api/code", json={"text": text, "date": "2015-02-02"}).json()["events"]
    assert api
    assert [(r.one("td", cls="source").text.strip(), r.one("td", cls="target").text.strip(),
             r.one("td", cls="code").text.strip()) for r in rows] == [
        (e["source"] or "?", e["target"] or "-", e["code"]) for e in api]


def test_code_page_reports_bad_text(client: TestClient) -> None:
    response = post_code_form(client, {"text": "   ", "date": "2024-07-02"})
    assert response.status_code == 400
    assert "empty" in parse(response.text).one(id="code-message").text


def test_code_page_saves_with_the_token(writable: TestClient) -> None:
    text = "Japan condemned Russia on Monday."
    refused = post_code_form(writable, {"text": text, "date": "2024-07-02", "save": "1",
                                           "token": "wrong"})
    assert refused.status_code == 401
    saved = post_code_form(writable, {"text": text, "date": "2024-07-02", "save": "1",
                                         "token": TOKEN})
    assert saved.status_code == 200
    link = parse(saved.text).one(id="code-message").one("a", cls="document-link")
    document = _page(writable, link.attrs["href"])
    assert document.one(id="document-text").select("mark", cls="event")
