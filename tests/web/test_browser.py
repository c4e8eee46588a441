"""End to end in headless Chromium: the real server over a store of the example articles.

The session ingests the nine example texts (undated ones dated 2024-07-02, the date of
`japan-centers.txt`) with `dyad ingest`, starts `dyad serve` (writes allowed, with a token) on
a free loopback port, and drives the pages with Selenium. What a page shows is compared with
what the JSON API answers for the same question, never with hard-coded strings. A screenshot
of every page goes to $DYAD_TEST_OUTPUT, or else to test-output/screenshots/ in the repository.

Chromium and chromedriver come from Debian (`/usr/bin/chromium`, `/usr/bin/chromedriver`);
without them these tests are skipped. The browser never leaves loopback: the app serves its
chart scripts itself, and Chromium's background networking is off.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
DOCUMENT_DATE = "2024-07-02"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
WAIT = 30.0

pytestmark = pytest.mark.skipif(
    not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)),
    reason=f"headless browser tests need Debian's chromium and chromedriver "
           f"({CHROMIUM}, {CHROMEDRIVER}); install them with: apt-get install chromium "
           f"chromium-driver")

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def _dyad(*args: str) -> list[str]:
    return [sys.executable, "-c", "from dyad.cli import main; main()", *args]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Site:
    """The running server: its base URL, its token and an HTTP client for the JSON API."""

    url: str
    token: str
    api: httpx.Client

    def get(self, path: str, **params: Any) -> Any:
        response = self.api.get(path, params=params)
        assert response.status_code == 200, (path, response.status_code, response.text)
        return response.json()

    def post(self, path: str, body: dict[str, Any]) -> Any:
        response = self.api.post(path, json=body)
        assert response.status_code == 200, (path, response.status_code, response.text)
        return response.json()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("browser")
    db = folder / "examples.duckdb"
    texts = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    ingest = subprocess.run(
        _dyad("ingest", *texts, "--db", str(db), "--date", DOCUMENT_DATE, "--progress", "none"),
        capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    assert ingest.returncode == 0, ingest.stderr
    token = secrets.token_urlsafe(24)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (folder / "server.log").open("wb")
    server = subprocess.Popen(
        _dyad("serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port),
              "--allow-writes", "--token", token),
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    api = httpx.Client(base_url=url, timeout=120)
    try:
        deadline = time.monotonic() + 120
        while True:
            if server.poll() is not None:
                pytest.fail("dyad serve exited: "
                            + (folder / "server.log").read_text(errors="replace"))
            try:
                if api.get("/api/events", params={"limit": 1}).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("dyad serve did not answer within 120 s: "
                            + (folder / "server.log").read_text(errors="replace"))
            time.sleep(0.2)
        yield Site(url, token, api)
    finally:
        api.close()
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[WebDriver]:
    profile = tempfile.mkdtemp(prefix="dyad-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run",
                     "--disable-quic", f"--user-data-dir={profile}", "--window-size=1280,1000",
                     "--lang=en-US"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def shots() -> Path:
    folder = Path(os.environ.get("DYAD_TEST_OUTPUT") or ROOT / "test-output" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def screenshot(browser: WebDriver, shots: Path) -> Callable[[str], Path]:
    """Save the whole page (window grown to its height) as PNG; the path."""

    def take(name: str) -> Path:
        height = int(browser.execute_script(
            "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"))
        browser.set_window_size(1280, max(800, min(height + 40, 6000)))
        path = shots / f"{name}.png"
        assert browser.save_screenshot(str(path)), f"no screenshot of {name}"
        browser.set_window_size(1280, 1000)
        assert path.stat().st_size > 1000
        return path

    return take


# -- helpers ----------------------------------------------------------------------------------


def wait_for(browser: WebDriver, css: str, *, within: WebElement | None = None,
             timeout: float = WAIT) -> WebElement:
    """The first element matching `css`, once it is there."""
    where = within or browser
    return WebDriverWait(browser, timeout).until(
        lambda _: (where.find_elements(By.CSS_SELECTOR, css) or [None])[0])  # type: ignore


def all_of(where: WebDriver | WebElement, css: str) -> list[WebElement]:
    return where.find_elements(By.CSS_SELECTOR, css)


def text_of(element: WebElement) -> str:
    """An element's text content, whitespace collapsed (also for closed <details>)."""
    raw = element.get_attribute("textContent") or ""
    return " ".join(raw.split())


def path_of(browser: WebDriver) -> str:
    return urlsplit(browser.current_url).path


def chart_drawn(browser: WebDriver, container: str) -> WebElement:
    """Wait until Vega has drawn a non-empty svg or canvas inside the chart container."""
    holder = wait_for(browser, container)
    try:
        drawn = WebDriverWait(browser, WAIT).until(
            lambda _: (all_of(holder, "svg, canvas") or [None])[0])
    except TimeoutException:
        pytest.fail(f"no chart drawn in {container}: {text_of(holder)!r}")
    size = drawn.size
    assert size["width"] > 100 and size["height"] > 50, size
    if drawn.tag_name == "svg":
        assert all_of(drawn, "path, rect"), "the chart svg has no marks"
    return drawn


def listed_ids(browser: WebDriver, table: str) -> list[str]:
    """The event ids of a table's rows, in order (from their a.event-link)."""
    ids = []
    for row in all_of(browser, f"{table} tr.event"):
        link = row.find_element(By.CSS_SELECTOR, "a.event-link")
        ids.append(path_of_link(link).rsplit("/", 1)[1])
    return ids


def path_of_link(link: WebElement) -> str:
    return urlsplit(link.get_attribute("href") or "").path


def api_pair(site: Site, a: str, b: str, **filters: str) -> list[dict[str, Any]]:
    """Events between a and b in both directions, as the API lists them."""
    found: dict[str, dict[str, Any]] = {}
    for pair in (f"{a}:{b}", f"{b}:{a}"):
        page = site.get("/api/events", dyad=pair, limit=1000, **filters)
        assert page["next"] is None
        found.update({e["event_id"]: e for e in page["events"]})
    return list(found.values())


def submit(form: WebElement) -> None:
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()


def set_field(browser: WebDriver, field: WebElement, value: str) -> None:
    """Set an input's value (date inputs too, whatever the browser's locale)."""
    browser.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", field, value)


def new_page(browser: WebDriver, action: Callable[[], None]) -> None:
    """Run an action that loads another page, and wait until it has."""
    old = browser.find_element(By.TAG_NAME, "html")
    action()
    WebDriverWait(browser, WAIT).until(lambda _: _stale(old))
    WebDriverWait(browser, WAIT).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


def _stale(element: WebElement) -> bool:
    try:
        element.tag_name  # noqa: B018 - raises once the page has changed
    except Exception:
        return True
    return False


def founding_pair(site: Site) -> tuple[str, str]:
    """RUS and JPN (the founding article's dyad): the dyad the tests walk through."""
    events = api_pair(site, "RUS", "JPN")
    assert len(events) >= 3, "the founding article gives RUS-JPN events"
    return "RUS", "JPN"


def paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def first_coded_paragraph(site: Site, path: Path, day: str) -> tuple[str, list[dict[str, Any]]]:
    """The first paragraph of an example file that the API codes into events, and them."""
    for paragraph in paragraphs(path):
        events = site.post("/api/code", {"text": paragraph, "date": day})["events"]
        if events:
            return paragraph, events
    pytest.fail(f"no paragraph of {path.name} codes into an event")


def row_cells(row: WebElement) -> tuple[str, str, str]:
    return tuple(text_of(row.find_element(By.CSS_SELECTOR, f"td.{c}"))  # type: ignore
                 for c in ("source", "target", "code"))


def expected_cells(event: dict[str, Any]) -> tuple[str, str, str]:
    return (event["source"] or "?", event["target"] or "-", event["code"])


# -- the pages --------------------------------------------------------------------------------


def test_overview_shows_totals_chart_dyads_and_recent_events(
        site: Site, browser: WebDriver, screenshot: Callable[[str], Path]) -> None:
    browser.get(site.url + "/")
    nav = wait_for(browser, "nav#site-nav")
    for href in ("/", "/status", "/code"):
        assert all_of(nav, f'a[href="{href}"]'), href
    assert text_of(browser.find_element(By.TAG_NAME, "h1"))
    totals = wait_for(browser, "#totals")
    numbers = [int(n) for n in re.findall(r"\d+", text_of(totals).replace(",", ""))]
    assert numbers and max(numbers) > 0
    listed = site.get("/api/events", limit=1000)
    assert listed["next"] is None
    assert len(listed["events"]) in numbers, (text_of(totals), len(listed["events"]))
    chart_drawn(browser, "#overview-chart")
    links = all_of(browser, "#top-dyads a.dyad-link")
    assert links and all(re.fullmatch(r"/dyad/[^/]+/[^/]+", path_of_link(a)) for a in links)
    recent = all_of(browser, "#recent-events a.event-link")
    assert recent
    first = path_of_link(recent[0]).rsplit("/", 1)[1]
    assert site.get(f"/api/events/{first}")["event_id"] == first
    screenshot("overview")


def test_dyad_page_from_the_overview(site: Site, browser: WebDriver,
                                     screenshot: Callable[[str], Path]) -> None:
    a, b = founding_pair(site)
    browser.get(site.url + "/")
    wanted = {f"/dyad/{a}/{b}", f"/dyad/{b}/{a}"}
    link = next((x for x in all_of(browser, "#top-dyads a.dyad-link")
                 if path_of_link(x) in wanted), None)
    assert link is not None, "the overview links the RUS-JPN dyad"
    new_page(browser, link.click)
    assert path_of(browser) in wanted
    assert a in text_of(browser.find_element(By.TAG_NAME, "h1"))
    chart_drawn(browser, "#dyad-chart")
    wait_for(browser, "table#events tr.event")
    expected = {e["event_id"] for e in api_pair(site, a, b)}
    shown = listed_ids(browser, "table#events")
    assert len(shown) == len(set(shown))
    if all_of(browser, "a.next"):
        assert set(shown) <= expected
    else:
        assert set(shown) == expected
    for row in all_of(browser, "table#events tr.event"):
        code = row.find_element(By.CSS_SELECTOR, "td.code .value")
        assert re.fullmatch(r"\d{2,4}", text_of(code))
    for section in ("#agreements", "#institutions", "#claims"):
        assert all_of(browser, section), section
    assert all_of(browser, "select#period") or all_of(browser, "[data-period=week]")
    screenshot("dyad")


def test_filter_form_narrows_the_events(site: Site, browser: WebDriver,
                                        screenshot: Callable[[str], Path]) -> None:
    a, b = founding_pair(site)
    everything = api_pair(site, a, b)
    browser.get(f"{site.url}/dyad/{a}/{b}")
    wait_for(browser, "table#events tr.event")
    before = listed_ids(browser, "table#events")
    # a root that some but not all of the dyad's events have
    roots: dict[str, int] = {}
    for event in everything:
        roots[event["root"]] = roots.get(event["root"], 0) + 1
    root = max((r for r, n in roots.items() if n < len(everything)), key=lambda r: roots[r])
    form = wait_for(browser, "form#event-filter")
    field = form.find_element(By.CSS_SELECTOR, 'input[name="root"]')
    field.clear()
    field.send_keys(root)
    new_page(browser, lambda: submit(form))
    assert f"root={root}" in browser.current_url
    expected = {e["event_id"] for e in api_pair(site, a, b, root=root)}
    shown = listed_ids(browser, "table#events")
    assert set(shown) == expected and 0 < len(shown) < len(before)
    for row in all_of(browser, "table#events tr.event"):
        assert text_of(row.find_element(By.CSS_SELECTOR, "td.code")).startswith(root)
    screenshot("dyad-filtered-root")

    # a word of some, not all, of the dyad's sentences
    counts: dict[str, int] = {}
    for event in everything:
        for word in set(re.findall(r"[a-z]{5,}", event["sentence"].lower())):
            counts[word] = counts.get(word, 0) + 1
    word = min((w for w, n in counts.items() if n < len(everything)),
               key=lambda w: (abs(counts[w] - len(everything) / 3), w))
    browser.get(f"{site.url}/dyad/{a}/{b}")
    form = wait_for(browser, "form#event-filter")
    field = form.find_element(By.CSS_SELECTOR, 'input[name="q"]')
    field.clear()
    field.send_keys(word)
    new_page(browser, lambda: submit(form))
    expected = {e["event_id"] for e in api_pair(site, a, b, q=word)}
    shown = listed_ids(browser, "table#events")
    assert set(shown) == expected and 0 < len(shown) < len(before), word
    screenshot("dyad-filtered-text")


def _inside(span: Any, start: int, length: int) -> tuple[int, int] | None:
    if not span:
        return None
    lo, hi = span[0] - start, span[1] - start
    return (lo, hi) if 0 <= lo < hi <= length else None


def test_event_page_highlights_the_words(site: Site, browser: WebDriver,
                                         screenshot: Callable[[str], Path]) -> None:
    a, b = founding_pair(site)
    browser.get(f"{site.url}/dyad/{a}/{b}")
    link = wait_for(browser, "table#events tr.event a.event-link")
    event_id = path_of_link(link).rsplit("/", 1)[1]
    new_page(browser, link.click)
    assert path_of(browser) == f"/event/{event_id}"
    wait_for(browser, "#event")
    detail = site.get(f"/api/events/{event_id}")
    shown = all_of(browser, ".mention")
    assert len(shown) == len(detail["mentions"]) == detail["num_mentions"]
    checked = 0
    for element, mention in zip(shown, detail["mentions"], strict=True):
        sentence = mention["sentence"]
        assert " ".join(sentence.split()) in text_of(element)
        for role in ("source", "target", "trigger"):
            marks = [text_of(m) for m in all_of(element, f"mark.{role}")]
            where = _inside(mention["spans"].get(role), mention["sentence_start"], len(sentence))
            if where is None:
                assert not marks, (role, marks)
                continue
            assert marks == [" ".join(sentence[where[0]:where[1]].split())], (role, marks)
            checked += 1
        links = all_of(element, "a.document-link")
        assert links and path_of_link(links[0]) == f"/document/{quote(mention['doc_id'])}"
    assert checked >= 3
    screenshot("event")


def test_document_page_shows_events_and_why_sentences_were_not_coded(
        site: Site, browser: WebDriver, screenshot: Callable[[str], Path]) -> None:
    a, b = founding_pair(site)
    event = api_pair(site, a, b)[0]
    browser.get(f"{site.url}/event/{event['event_id']}")
    link = wait_for(browser, ".mention a.document-link")
    new_page(browser, link.click)
    text = wait_for(browser, "#document-text")
    doc_id = path_of(browser).split("/document/", 1)[1]
    stored = site.get(f"/api/documents/{doc_id}")
    marked = {m.get_attribute("data-event-id") for m in all_of(text, "mark.event")}
    assert marked and marked <= {m["event_id"] for m in stored["mentions"]}
    assert event["event_id"] in marked
    uncoded = all_of(text, "details.uncoded")
    coded_ids = {m["sentence_id"] for m in stored["mentions"]}
    assert len(uncoded) == sum(1 for s in stored["sentences"] if s["sentence_id"] not in coded_ids)
    details = next(d for d in uncoded
                   if any(s["reasons"] for s in stored["sentences"]
                          if " ".join(s["text"].split()) ==
                          text_of(d.find_element(By.TAG_NAME, "summary"))))
    summary = details.find_element(By.TAG_NAME, "summary")
    sentence = next(s for s in stored["sentences"]
                    if " ".join(s["text"].split()) == text_of(summary))
    reasons = details.find_elements(By.CSS_SELECTOR, "li")
    assert not reasons[0].is_displayed()
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", summary)
    summary.click()
    WebDriverWait(browser, WAIT).until(lambda _: details.get_attribute("open") is not None)
    assert reasons[0].is_displayed()
    shown = [text_of(li) for li in reasons]
    for reason in sentence["reasons"]:
        assert " ".join(reason.split()) in shown
    screenshot("document")


def test_status_search_finds_the_japan_centers(site: Site, browser: WebDriver,
                                               screenshot: Callable[[str], Path]) -> None:
    query = "Japan Center"
    browser.get(site.url + "/status")
    form = wait_for(browser, "form#status-form")
    form.find_element(By.CSS_SELECTOR, 'input[name="q"]').send_keys(query)
    new_page(browser, lambda: submit(form))
    answer = wait_for(browser, "#status-answer")
    expected = site.get("/api/status", q=query)
    assert expected["found"] and expected["institutions"]
    cards = all_of(answer, "article.institution")
    assert len(cards) == len(expected["institutions"])
    for card, item in zip(cards, expected["institutions"], strict=True):
        heading = card.find_element(By.TAG_NAME, "h3")
        assert item["institution"]["name"] in text_of(heading)
        assert text_of(heading.find_element(By.CSS_SELECTOR, ".status")) == item["status"]
    screenshot("status")


def _code_on_page(site: Site, browser: WebDriver, text: str, day: str, *, save: bool = False
                  ) -> WebElement:
    browser.get(site.url + "/code")
    form = wait_for(browser, "form#code-form")
    area = form.find_element(By.CSS_SELECTOR, 'textarea[name="text"]')
    set_field(browser, area, text)
    set_field(browser, form.find_element(By.CSS_SELECTOR, 'input[name="date"]'), day)
    if save:
        box = form.find_element(By.CSS_SELECTOR, 'input[name="save"]')
        if not box.is_selected():
            box.click()
        form.find_element(By.CSS_SELECTOR, 'input[name="token"]').send_keys(site.token)
    new_page(browser, lambda: submit(form))
    return wait_for(browser, "table#code-events")


def test_code_page_codes_pasted_news(site: Site, browser: WebDriver,
                                     screenshot: Callable[[str], Path]) -> None:
    source = EXAMPLES / "05-mofa-senkaku-protest-chinese-ambassador-summoned-2016.txt"
    day = "2016-06-09"
    text, expected = first_coded_paragraph(site, source, day)
    table = _code_on_page(site, browser, text, day)
    rows = all_of(table, "tr.event")
    assert [row_cells(r) for r in rows] == [expected_cells(e) for e in expected]
    assert all_of(browser, 'form#code-form input[name="save"]'), "writes are allowed"
    screenshot("code")


def test_code_page_saves_into_the_store(site: Site, browser: WebDriver,
                                        screenshot: Callable[[str], Path]) -> None:
    source = EXAMPLES / "06-us-state-venezuela-visa-restrictions-2015.txt"
    day = "2015-03-11"
    text, expected = first_coded_paragraph(site, source, day)
    table = _code_on_page(site, browser, text, day, save=True)
    assert [row_cells(r) for r in all_of(table, "tr.event")] == [
        expected_cells(e) for e in expected]
    link = wait_for(browser, "#code-message a.document-link")
    doc_id = path_of_link(link).split("/document/", 1)[1]
    stored = site.get(f"/api/documents/{doc_id}")
    assert " ".join(stored["text"].split()) == text
    assert sorted(expected_cells(m) for m in stored["mentions"]) == sorted(
        expected_cells(e) for e in expected)
    screenshot("code-saved")
    new_page(browser, link.click)
    wait_for(browser, "#document-text mark.event")
    screenshot("code-saved-document")


# -- the explorer -----------------------------------------------------------------------------


def _query_of(url: str) -> dict[str, str]:
    from urllib.parse import parse_qs

    return {k: v[-1] for k, v in parse_qs(urlsplit(url).query).items()}


def test_events_explorer_filter_facet_download_round_trip(
        site: Site, browser: WebDriver, screenshot: Callable[[str], Path]) -> None:
    import csv
    import io
    import json

    browser.get(site.url + "/events")
    wait_for(browser, "table#events tr.event")
    chart_drawn(browser, "#events-chart")
    total = int(text_of(wait_for(browser, "#event-total .number")).replace(",", ""))
    assert total == len(site.get("/api/events", limit=1000)["events"])
    screenshot("events")

    form = wait_for(browser, "form#events-filter")
    field = form.find_element(By.CSS_SELECTOR, 'input[name="actor"]')
    field.send_keys("RUS")
    new_page(browser, lambda: submit(form))
    assert _query_of(browser.current_url).get("actor") == "RUS"
    filtered = site.get("/api/events", actor="RUS", limit=1000, facets="true")
    assert listed_ids(browser, "table#events") == [e["event_id"] for e in filtered["events"]
                                                   ][:50]
    # a root facet adds its filter, and the count it showed is what the page lists
    links = all_of(browser, '#facets section[data-facet="root"] a.facet-link')
    assert links
    facet = links[-1]
    root = facet.get_attribute("data-value") or ""
    shown = int(text_of(facet.find_element(By.XPATH, "..").find_element(
        By.CSS_SELECTOR, ".count")).replace(",", ""))
    new_page(browser, facet.click)
    query = _query_of(browser.current_url)
    assert query == {"actor": "RUS", "root": root}
    expected = site.get("/api/events", limit=1000, **query)["events"]
    assert len(expected) == shown
    assert listed_ids(browser, "table#events") == [e["event_id"] for e in expected]
    for row in all_of(browser, "table#events tr.event"):
        code = row.find_element(By.CSS_SELECTOR, "td.code")
        assert text_of(code.find_element(By.CSS_SELECTOR, ".value")).startswith(root)
        assert text_of(code.find_element(By.CSS_SELECTOR, ".name"))  # the CAMEO name
    screenshot("events-facet")

    # the download links carry the same filters and give the API's answer
    href = wait_for(browser, "a#download-csv").get_attribute("href") or ""
    assert _query_of(href) == query
    response = site.api.get(urlsplit(href).path + "?" + urlsplit(href).query)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in expected]
    for row, event in zip(rows, expected, strict=True):
        assert row["code_name"] == event["code_name"] and row["source"] == event["source"]
        assert json.loads(row["spans"]) == event["spans"]
        assert float(row["goldstein"]) == event["goldstein"]
    jsonl = wait_for(browser, "a#download-jsonl").get_attribute("href") or ""
    lines = site.api.get(urlsplit(jsonl).path + "?" + urlsplit(jsonl).query).text.splitlines()
    assert [json.loads(line) for line in lines] == expected


def test_events_explorer_sorts_by_a_column(site: Site, browser: WebDriver,
                                           screenshot: Callable[[str], Path]) -> None:
    browser.get(site.url + "/events")
    header = wait_for(browser, 'th[data-sort="goldstein"] a')
    new_page(browser, header.click)
    assert _query_of(browser.current_url) == {"sort": "-goldstein"}
    expected = site.get("/api/events", sort="-goldstein", limit=50)["events"]
    assert listed_ids(browser, "table#events") == [e["event_id"] for e in expected]
    screenshot("events-sorted")


@pytest.mark.parametrize(("path", "item"), [
    ("/documents", "tr.document"), ("/agreements", "article.agreement"),
    ("/institutions", "article.institution"), ("/claims", "article.claim")])
def test_listing_pages(site: Site, browser: WebDriver, screenshot: Callable[[str], Path],
                       path: str, item: str) -> None:
    browser.get(site.url + "/")
    nav = wait_for(browser, "nav#site-nav")
    link = next(a for a in all_of(nav, "a") if path_of_link(a) == path)
    new_page(browser, link.click)
    shown = all_of(browser, item)
    assert shown
    if path != "/documents":
        body = site.get(f"/api{path}")
        assert len(shown) == body["count"]
        facet = all_of(browser, '#facets section[data-facet="state"] a.facet-link')[0]
        state = facet.get_attribute("data-value")
        new_page(browser, facet.click)
        assert all(text_of(s) == state
                   for s in all_of(browser, f"{item} > h3 .status"))
    else:
        total = int(text_of(wait_for(browser, "#document-total .number")))
        assert total == len(shown)
        events_link = all_of(browser, "tr.document a.events-link")[0]
        new_page(browser, events_link.click)
        assert path_of(browser) == "/events" and "doc" in _query_of(browser.current_url)
        wait_for(browser, "table#events tr.event")
    screenshot(path.strip("/"))


def test_dyad_chart_follows_the_root_filter(site: Site, browser: WebDriver,
                                            screenshot: Callable[[str], Path]) -> None:
    import json

    a, b = founding_pair(site)
    browser.get(f"{site.url}/dyad/{a}/{b}?root=16&by=day")
    chart_drawn(browser, "#dyad-chart")
    spec = json.loads(browser.find_element(By.ID, "dyad-chart-spec").get_attribute(
        "textContent") or "{}")
    charted = sum(v["events"] for v in spec["data"]["values"])
    assert charted == len([e for e in api_pair(site, a, b, root="16") if e["date"]])
    screenshot("dyad-root-day")


def test_events_map_draws_where_the_listed_events_happened(
        site: Site, browser: WebDriver, screenshot: Callable[[str], Path]) -> None:
    def drawn() -> WebElement:
        section = wait_for(browser, "section#events-map")
        WebDriverWait(browser, WAIT).until(lambda _: section.get_attribute("data-drawn"))
        assert section.get_attribute("data-drawn") != "error", text_of(section)
        return section

    events = site.get("/api/events", limit=1000)["events"]
    placed = [e for e in events if e["location"] and e["location"].get("lat") is not None]
    assert placed, "the examples hold events with a known place (datelines at least)"
    browser.get(site.url + "/events")
    section = drawn()
    assert len(all_of(section, "path.country")) > 100  # Natural Earth's countries, served here
    dots = all_of(section, "circle.place")
    assert sum(int(d.get_attribute("data-events") or 0) for d in dots) == len(placed)
    # each listed event with a location says where, on its own line
    lines = all_of(browser, "table#events td.sentence .place")
    assert len(lines) == sum(1 for e in events[:50] if e["location"])
    screenshot("events-map")

    # the map follows the filters: only the events of one country
    country = placed[0]["location"]["country"]
    browser.get(site.url + f"/events?country={country}")
    section = drawn()
    expected = [e for e in placed if e["location"]["country"] == country]
    dots = all_of(section, "circle.place")
    assert sum(int(d.get_attribute("data-events") or 0) for d in dots) == len(expected)
    assert listed_ids(browser, "table#events") == [
        e["event_id"] for e in site.get("/api/events", country=country, limit=1000)["events"]]
    screenshot("events-map-country")


def test_document_map_draws_where_its_institutions_are(
        site: Site, browser: WebDriver, screenshot: Callable[[str], Path]) -> None:
    doc_id = site.get("/api/events", dyad="RUS:JPN", root="16")["events"][0]["doc_id"]
    browser.get(f"{site.url}/document/{doc_id}")
    section = wait_for(browser, "section#institutions-map")
    WebDriverWait(browser, WAIT).until(lambda _: section.get_attribute("data-drawn"))
    assert section.get_attribute("data-drawn") != "error", text_of(section)
    assert len(all_of(section, "path.country")) > 100
    names = {d.get_attribute("data-name") for d in all_of(section, "circle.place")}
    assert names == {"Moscow", "Saint Petersburg", "Nizhniy Novgorod", "Khabarovsk",
                     "Vladivostok"}
    screenshot("document-institutions-map")
