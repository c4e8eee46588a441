"""The events explorer: /events with filters, facets, sorting, paging and downloads, and the
API answers it shares its query path with."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from dyad.store.named import NAMED_COLUMNS
from tests.web.html import Element, parse


def _page(client: TestClient, url: str, status: int = 200) -> Element:
    response = client.get(url)
    assert response.status_code == status, response.text
    return parse(response.text)


def _api(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/events", params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body["next"] is None
    return body


def _ids(page: Element) -> list[str]:
    return [a.attrs["href"].rsplit("/", 1)[1] for a in page.select("a", cls="event-link")]


def test_events_page_lists_the_first_page_and_the_total(client: TestClient) -> None:
    everything = _api(client)["events"]
    page = _page(client, "/events")
    total = page.one(id="event-total")
    assert f"{len(everything):,}" in total.text
    assert _ids(page) == [e["event_id"] for e in everything][:50]
    assert _page(client, "/events?limit=0", 400)


def test_events_page_names_codes_and_actors(client: TestClient) -> None:
    page = _page(client, "/events?pair=RUS:JPN")
    rows = page.select("tr", cls="event")
    assert rows
    for row in rows:
        source = row.one("td", cls="source")
        assert "Russian Federation" in source.text or "Japan" in source.text
        code = row.one("td", cls="code")
        assert code.one("span", cls="name").text.strip()


@pytest.mark.parametrize("params", [
    {"root": "16"}, {"quad_class": "4"}, {"source": "RUS"}, {"target": "JPN"},
    {"pair": "JPN:RUS"}, {"plover": "ACCUSE"}, {"q": "sanctions"}, {"since": "2024-01-01"},
    {"actor": "JPN", "root": "11"},
])
def test_events_page_filters_as_the_api(client: TestClient, params: dict[str, str]) -> None:
    expected = [e["event_id"] for e in _api(client, **params)["events"]]
    everything = _api(client)["events"]
    assert 0 < len(expected) < len(everything), params
    query = "&".join(f"{k}={v}" for k, v in params.items())
    assert _ids(_page(client, f"/events?{query}")) == expected[:50]


def test_facets_count_the_filtered_events_and_add_their_filter(client: TestClient) -> None:
    body = _api(client, actor="JPN", facets="true")
    assert body["total"] == len(body["events"])
    roots = {f["value"]: f["count"] for f in body["facets"]["root"]}
    assert sum(roots.values()) == body["total"]
    for root, count in roots.items():
        assert count == sum(1 for e in body["events"] if e["root"] == root)
    years = [f["value"] for f in body["facets"]["year"]]
    assert years == sorted(years)
    page = _page(client, "/events?actor=JPN")
    facet = page.one("section", cls="facet", data_facet="root")
    links = facet.select("a", cls="facet-link")
    assert {a.attrs["data-value"] for a in links} == set(roots)
    first = links[0]
    target = urlsplit(first.attrs["href"])
    assert parse_qs(target.query) == {"actor": ["JPN"], "root": [first.attrs["data-value"]]}
    narrowed = _page(client, first.attrs["href"])
    assert len(_ids(narrowed)) == roots[first.attrs["data-value"]]


def test_country_and_year_facets_link_to_source_target_and_dates(client: TestClient) -> None:
    page = _page(client, "/events")
    source = page.one("section", cls="facet", data_facet="source_country").select(
        "a", cls="facet-link")[0]
    assert parse_qs(urlsplit(source.attrs["href"]).query) == {
        "source": [source.attrs["data-value"]]}
    year = page.one("section", cls="facet", data_facet="year").select("a", cls="facet-link")[0]
    value = year.attrs["data-value"]
    assert parse_qs(urlsplit(year.attrs["href"]).query) == {
        "since": [f"{value}-01-01"], "until": [f"{value}-12-31"]}


def test_sortable_columns(client: TestClient) -> None:
    page = _page(client, "/events")
    heads = {th.attrs["data-sort"]: th.one("a").attrs["href"] for th in page.select(
        "th", cls="sortable")}
    assert set(heads) >= {"date", "goldstein", "mentions", "code"}
    assert heads["date"].endswith("sort=-date")
    assert heads["goldstein"].endswith("sort=-goldstein")
    shown = _ids(_page(client, heads["goldstein"]))
    expected = sorted(_api(client)["events"], key=lambda e: (-e["goldstein"], e["event_id"]))
    assert shown == [e["event_id"] for e in expected][:50]


@pytest.mark.parametrize("sort", ["-date", "goldstein", "-mentions", "code", "source"])
def test_api_sorts_and_pages_through_every_event(client: TestClient, sort: str) -> None:
    everything = _api(client, sort=sort)["events"]
    seen: list[str] = []
    url: str | None = f"/api/events?limit=7&sort={sort}"
    while url:
        body = client.get(url).json()
        seen += [e["event_id"] for e in body["events"]]
        url = body["next"]
    assert seen == [e["event_id"] for e in everything]
    assert len(seen) == len(set(seen))


def test_api_refuses_a_cursor_of_another_sort(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 2, "sort": "-goldstein"}).json()
    cursor = parse_qs(urlsplit(body["next"]).query)["cursor"][0]
    refused = client.get("/api/events", params={"limit": 2, "cursor": cursor})
    assert refused.status_code == 400
    assert "another sort order" in refused.json()["error"]


def test_events_page_pages_by_cursor(client: TestClient) -> None:
    everything = [e["event_id"] for e in _api(client)["events"]]
    assert len(everything) > 20
    page = _page(client, "/events?limit=10")
    seen = _ids(page)
    while page.select("a", cls="next"):
        following = page.one("a", cls="next").attrs["href"]
        assert "limit=10" in following
        page = _page(client, following)
        seen += _ids(page)
    assert seen == everything


def test_downloads_carry_the_filters_and_equal_the_api(client: TestClient) -> None:
    params = {"actor": "RUS", "quad_class": "4"}
    expected = _api(client, **params)["events"]
    assert expected
    page = _page(client, "/events?actor=RUS&quad_class=4")
    href = page.one("a", id="download-csv").attrs["href"]
    assert parse_qs(urlsplit(href).query) == {"actor": ["RUS"], "quad_class": ["4"]}
    response = client.get(href)
    assert response.headers["content-disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == list(NAMED_COLUMNS)
    for row, event in zip(rows, expected, strict=True):
        for name in NAMED_COLUMNS:
            value = event[name]
            assert row[name] == (json.dumps(value, ensure_ascii=False)
                                 if isinstance(value, dict) else
                                 "" if value is None else str(value)), name
    lines = client.get(page.one("a", id="download-jsonl").attrs["href"]).text.splitlines()
    assert [json.loads(line) for line in lines] == expected


def test_download_of_many_pages(client: TestClient) -> None:
    import dyad.web.api as api

    everything = _api(client)["events"]
    old = api.DOWNLOAD_PAGE
    api.DOWNLOAD_PAGE = 5
    try:
        lines = client.get("/api/events.jsonl").text.splitlines()
    finally:
        api.DOWNLOAD_PAGE = old
    assert [json.loads(line)["event_id"] for line in lines] == [
        e["event_id"] for e in everything]


def test_api_events_have_names(client: TestClient) -> None:
    events = _api(client, dyad="JPN:RUS", root="11")["events"]
    assert events
    for event in events:
        assert event["code_name"] and event["source_name"].startswith("Japan")
        assert event["target_name"].startswith("Russian Federation")


@pytest.mark.parametrize(("url", "message"), [
    ("/events?since=2000-13-45", "since: '2000-13-45' is not a date in YYYY-MM-DD form"),
    ("/api/events?since=2024/01/01", "since: '2024/01/01' is not a date in YYYY-MM-DD form"),
    ("/api/events?quad_class=5", "quad_class"),
    ("/events?sort=sentence", "bad sort 'sentence'"),
    ("/events?by=decade", "by: 'decade'"),
])
def test_bad_filters_are_one_line_errors(client: TestClient, url: str, message: str) -> None:
    response = client.get(url)
    assert response.status_code in (400, 422)
    shown = response.json()["error"] if url.startswith("/api/") else parse(
        response.text).one("p", id="error-message").text
    assert message in shown


def test_events_chart_follows_the_filters(client: TestClient) -> None:
    page = _page(client, "/events?pair=RUS:JPN&by=year")
    spec = json.loads(page.one("script", id="events-chart-spec").text)
    counted = sum(v["events"] for v in spec["data"]["values"])
    dated = [e for e in _api(client, pair="RUS:JPN")["events"] if e["date"]]
    assert counted == len(dated)
    assert all(v["period"].endswith("-01-01") for v in spec["data"]["values"])


def test_api_facets_with_periods_are_the_chart(client: TestClient) -> None:
    body = _api(client, pair="RUS:JPN", facets="true", by="year")
    page = _page(client, "/events?pair=RUS:JPN&by=year")
    spec = json.loads(page.one("script", id="events-chart-spec").text)
    assert sum(p["events"] for p in body["periods"]) == sum(
        v["events"] for v in spec["data"]["values"])
    assert {p["quad_class"] for p in body["periods"]} <= {1, 2, 3, 4}
    assert "periods" not in _api(client, facets="true")


@pytest.mark.parametrize("filters", [(), ("--actor", "RUS")])
def test_export_csv_equals_the_csv_download(
        client: TestClient, store_path: Path, tmp_path: Path, run: Callable[..., Any],
        filters: tuple[str, ...]) -> None:
    # `dyad export --format csv` and /api/events.csv give the same named columns and rows
    copy = tmp_path / "copy.duckdb"
    shutil.copy(store_path, copy)
    out = tmp_path / "events.csv"
    code, _, err = run("export", "--db", str(copy), "--format", "csv", *filters, str(out))
    assert code == 0, err
    exported = out.read_bytes().decode("utf-8")
    params = dict(zip(filters[::2], filters[1::2], strict=True))
    downloaded = client.get("/api/events.csv",
                            params={k.removeprefix("--"): v for k, v in params.items()})
    assert downloaded.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert rows and list(rows[0]) == list(NAMED_COLUMNS)
    assert any(row["code_name"] and row["source_name"] for row in rows)
    assert exported == downloaded.text
