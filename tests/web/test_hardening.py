"""The server keeps serving whatever a text or a client does: a text the coder fails on, a
coding process that dies, a worker process killed, a full coding queue, a slow client; and it
refuses what it must: bad bytes, other sites' posts, unknown Host names, the network without a
token, store URLs in error answers."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest

from dyad.coding.coder import EventCoder
from dyad.errors import StoreError
from dyad.store.workers import AnalysedDocument, DocumentAnalyser
from dyad.web.app import create_app
from dyad.web.guard import allowed_hosts
from tests.web.conftest import TOKEN, form_token, post_code_form
from tests.web.html import parse

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # the test client notes that httpx2 exists
    from fastapi.testclient import TestClient

TEXT = "Japan condemned Russia on Monday."
#: A text the patched coder fails on (see `failing_coder`).
BAD = "Marker-Bad condemned Japan."
WAIT = 120.0  # seconds: only against hangs, never a measure


def _error(response: Any) -> str:
    body = response.json()
    assert set(body) == {"error"}, body
    return str(body["error"])


@pytest.fixture
def fresh(store_path: Path, coder: EventCoder) -> Iterator[TestClient]:
    """A client of a new read-only app: its coding process starts after the test's patches."""
    with TestClient(create_app(str(store_path), coder=coder)) as client:
        yield client


def _fail_on_marker(monkeypatch: pytest.MonkeyPatch, failure: Any) -> None:
    """Make the coder call `failure()` on texts holding BAD's marker (the coding process is
    forked, so it has the patch)."""
    real = DocumentAnalyser.analyse

    def analyse(self: DocumentAnalyser, documents: Any) -> Iterator[AnalysedDocument]:
        documents = list(documents)
        if any("Marker-Bad" in d.text for d in documents):
            failure()
        return real(self, documents)

    monkeypatch.setattr(DocumentAnalyser, "analyse", analyse)


def _raise() -> None:
    raise RecursionError("maximum recursion depth exceeded")


def _exit() -> None:
    os._exit(3)


def _segfault() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


@pytest.mark.parametrize("failure", [_raise, _exit, _segfault],
                         ids=["raises", "exits", "segfault"])
def test_a_text_that_fails_is_a_json_500_and_the_next_is_coded(
        fresh: TestClient, monkeypatch: pytest.MonkeyPatch, failure: Any) -> None:
    _fail_on_marker(monkeypatch, failure)
    for _ in range(2):  # the coding process is replaced each time
        response = fresh.post("/api/code", json={"text": BAD})
        assert response.status_code == 500
        message = _error(response)
        assert "could not be coded" in message
        assert "Traceback" not in message and "Recursion" not in message
        good = fresh.post("/api/code", json={"text": TEXT})
        assert good.status_code == 200, good.text
        assert good.json()["events"]
    assert fresh.get("/api/events", params={"limit": 1}).status_code == 200


def test_a_failing_text_on_the_code_page_is_a_page_with_the_message(
        fresh: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_on_marker(monkeypatch, _segfault)
    response = post_code_form(fresh, {"text": BAD, "date": "2024-07-02"})
    assert response.status_code == 500
    page = parse(response.text)
    assert "could not be coded" in page.one(id="code-message").text
    assert page.one("textarea", id="code-text").text == BAD  # the text is kept to retry
    assert post_code_form(fresh, {"text": TEXT, "date": "2024-07-02"}).status_code == 200


def test_coding_is_bounded_and_reads_go_on(
        fresh: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    release = tmp_path / "release"
    real = DocumentAnalyser.analyse

    def slow(self: DocumentAnalyser, documents: Any) -> Iterator[AnalysedDocument]:
        deadline = time.monotonic() + WAIT
        while not release.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        return real(self, documents)

    monkeypatch.setattr(DocumentAnalyser, "analyse", slow)
    pool = fresh.app.state.dyad.analyser  # type: ignore[attr-defined]
    pool.queue = 1  # one text coded, one waiting
    answers: list[int] = []

    def post() -> None:
        answers.append(fresh.post("/api/code", json={"text": TEXT}).status_code)

    posts = [threading.Thread(target=post) for _ in range(2)]
    for thread in posts:
        thread.start()
    deadline = time.monotonic() + WAIT
    while pool._admitted < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        refused = fresh.post("/api/code", json={"text": TEXT})
        assert refused.status_code == 503
        assert int(refused.headers["retry-after"]) > 0
        assert "try again" in _error(refused)
        read = fresh.get("/api/events", params={"limit": 5, "q": "Japan"})
        assert read.status_code == 200 and read.json()["events"]
    finally:
        release.touch()
        for thread in posts:
            thread.join(WAIT)
    assert answers == [200, 200]


# --- bad input -------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "params"), [
    ("/api/events", {"q": "\x00"}),
    ("/api/events", {"actor": "RUS\x00"}),
    ("/api/events", {"dyad": "RUS:\x00"}),
    ("/api/events", {"where": "source=\x00"}),
    ("/api/agreements", {"q": "a\x00"}),
    ("/api/status", {"q": "Japan\x00"}),
    ("/api/events/%00", {}),
    ("/api/documents/a%00b", {}),
    ("/status", {"q": "\x00"}),
])
def test_nul_in_a_request_is_400(client: TestClient, path: str, params: dict[str, str]
                                 ) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 400
    if path.startswith("/api"):
        assert "NUL" in _error(response)


@pytest.mark.parametrize("url", ["/api/events?q=%ED%A0%80", "/api/events?actor=%FF",
                                 "/api/documents/%ED%A0%80", "/status?q=%ED%A0%80"])
def test_bytes_that_are_not_utf8_are_400(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400


@pytest.mark.parametrize("field", ["text", "id", "title"])
def test_a_lone_surrogate_in_a_json_body_is_422(writable: TestClient, field: str) -> None:
    body = {"text": TEXT, field: TEXT + "\\ud800"}
    raw = "{" + ", ".join(f'"{k}": "{v}"' for k, v in body.items()) + "}"
    for path, headers in (("/api/code", {}), ("/api/documents",
                                              {"Authorization": f"Bearer {TOKEN}"})):
        response = writable.post(path, content=raw.encode("ascii"),
                                 headers={"Content-Type": "application/json", **headers})
        assert response.status_code == 422, (path, response.text)
        assert _error(response).startswith(f"{field}: ")


def test_nul_in_a_json_body_is_422(writable: TestClient) -> None:
    response = writable.post("/api/documents", json={"text": TEXT, "id": "a\x00b"},
                             headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422
    assert "NUL" in _error(response)


# --- store locations never leave the server ----------------------------------------------

def test_error_answers_never_name_the_store(store_path: Path, coder: EventCoder,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    url = "postgresql://dyad@db.example:5432/news?password=hunter2&sslmode=require"
    with TestClient(create_app(str(store_path), coder=coder)) as client:
        access = client.app.state.dyad.access  # type: ignore[attr-defined]
        for message in (f"cannot connect to {url}: connection refused",
                        "cannot connect: host=db.example password=hunter2 dbname=news",
                        f"cannot read {store_path}: I/O error"):
            def broken(message: str = message) -> Any:
                raise StoreError(message)

            monkeypatch.setattr(access, "reader", broken)
            for path in ("/api/events?limit=3", "/"):
                response = client.get(path)
                assert response.status_code == 500
                for secret in ("hunter2", "postgresql://", str(store_path)):
                    assert secret not in response.text, (path, message)
                assert "the store" in response.text or "***" in response.text


# --- other sites, other names ----------------------------------------------------------------

@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "http://testserver:8001"},
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://evil.testserver"},
])
def test_posts_from_other_sites_are_403(writable: TestClient, headers: dict[str, str]
                                        ) -> None:
    response = writable.post("/api/code", json={"text": TEXT}, headers=headers)
    assert response.status_code == 403
    assert "another site" in _error(response)
    stored = writable.post("/api/documents", json={"text": TEXT},
                           headers={"Authorization": f"Bearer {TOKEN}", **headers})
    assert stored.status_code == 403
    token = form_token(writable)
    page = writable.post("/code", data={"text": TEXT, "form_token": token}, headers=headers)
    assert page.status_code == 403


def test_posts_from_the_same_site_pass(client: TestClient) -> None:
    for headers in ({"Origin": "http://testserver"}, {"Sec-Fetch-Site": "same-origin"},
                    {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}, {}):
        response = client.post("/api/code", json={"text": TEXT}, headers=headers)
        assert response.status_code == 200, headers


def test_the_code_form_needs_the_token_of_its_page(client: TestClient) -> None:
    for data in ({"text": TEXT}, {"text": TEXT, "form_token": "guessed"}):
        response = client.post("/code", data=data)
        assert response.status_code == 403
        assert "reload the page" in parse(response.text).one(id="code-message").text
    assert post_code_form(client, {"text": TEXT}).status_code == 200


def test_unknown_host_names_are_400(store_path: Path, coder: EventCoder) -> None:
    app = create_app(str(store_path), coder=coder, hosts=allowed_hosts("127.0.0.1"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        assert client.get("/api/events?limit=1").status_code == 200
        for host in ("localhost:8000", "[::1]:8000", "127.0.0.1"):
            assert client.get("/api/events?limit=1", headers={"Host": host}
                              ).status_code == 200, host
        for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example", ""):
            response = client.get("/api/events?limit=1", headers={"Host": host})
            assert response.status_code == 400, host
            assert "host name" in _error(response)
        assert client.get("/", headers={"Host": "rebound.example"}).status_code == 400


def test_the_served_names() -> None:
    assert allowed_hosts("127.0.0.1") == {"127.0.0.1", "localhost", "::1"}
    assert allowed_hosts("::1", ["dyad.local"]) == {"127.0.0.1", "localhost", "::1",
                                                    "dyad.local"}
    assert allowed_hosts("192.0.2.7") == {"192.0.2.7"}
    assert allowed_hosts("0.0.0.0") is None
    assert allowed_hosts("0.0.0.0", ["Dyad.Example"]) == {"dyad.example", "127.0.0.1",
                                                          "localhost", "::1"}


# --- headers ---------------------------------------------------------------------------------

def test_answers_carry_the_security_headers(client: TestClient) -> None:
    for path in ("/", "/code", "/status", "/docs", "/api/events?limit=1", "/api/nothing",
                 "/static/style.css", "/event/0000000000000000"):
        response = client.get(path)
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert response.headers["x-frame-options"] == "DENY", path
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
        assert ("'unsafe-eval'" in policy) == (path == "/"), path  # Vega, on chart pages
    assert "'unsafe-eval'" in client.get("/dyad/RUS/JPN").headers["content-security-policy"]


def test_pages_have_no_inline_scripts(client: TestClient) -> None:
    """The policy runs no inline script or handler: the pages have none."""
    for path in ("/", "/dyad/RUS/JPN", "/code", "/status", "/docs"):
        page = parse(client.get(path).text)
        for script in page.select("script"):
            assert "src" in script.attrs or script.attrs.get("type") == "application/json", (
                path, script.text[:80])
        for element in page.walk():
            handlers = [name for name in element.attrs if name.startswith("on")]
            assert not handlers, (path, element.tag, handlers)


# --- the network needs a token ------------------------------------------------------------------

def test_coding_needs_the_token_when_asked(store_path: Path, coder: EventCoder) -> None:
    app = create_app(str(store_path), coder=coder, token=TOKEN, code_needs_token=True)
    with TestClient(app) as client:
        response = client.post("/api/code", json={"text": TEXT})
        assert response.status_code == 401 and "token" in _error(response)
        assert client.post("/api/code", json={"text": TEXT},
                           headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        page = parse(client.get("/code").text)
        assert page.one("input", name="token").attrs["type"] == "password"
        assert post_code_form(client, {"text": TEXT}).status_code == 401
        assert post_code_form(client, {"text": TEXT, "token": TOKEN}).status_code == 200


def _dyad(*args: str) -> list[str]:
    return [sys.executable, "-c", "from dyad.cli import main; main()", *args]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_listening_beyond_loopback_without_a_token_is_refused(store_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DYAD_TOKEN"}
    try:
        done = subprocess.run(
            _dyad("serve", "--db", str(store_path), "--host", "0.0.0.0", "--port",
                  str(_free_port())), capture_output=True, text=True, timeout=WAIT,
            stdin=subprocess.DEVNULL, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail("dyad serve --host 0.0.0.0 served without a token")
    assert done.returncode == 2
    assert "DYAD_TOKEN" in done.stderr and "Traceback" not in done.stderr


# --- real servers ------------------------------------------------------------------------------

@contextmanager
def served(*args: str, script: str = "") -> Iterator[tuple[str, int, subprocess.Popen[bytes]]]:
    """`dyad serve ARGS` on a free loopback port (after running `script` in the process),
    once it answers: (base URL, port, process)."""
    port = _free_port()
    command = [sys.executable, "-c", f"{script}\nfrom dyad.cli import main; main()", "serve",
               *args, "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + WAIT
        while True:
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            try:
                if httpx.get(f"{url}/api/events?limit=1", timeout=WAIT).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not answer"
            time.sleep(0.2)
        yield url, port, server
    finally:
        server.terminate()
        try:
            server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate(timeout=30)


def _workers(server: subprocess.Popen[bytes]) -> set[int]:
    """The pids of the server's live Uvicorn worker processes (spawned by multiprocessing)."""
    found = set()
    for child in psutil.Process(server.pid).children():
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                found.add(child.pid)
        except psutil.Error:  # gone, or dead and not yet reaped
            continue
    return found


def test_a_killed_worker_is_replaced_and_requests_go_on(store_path: Path) -> None:
    with served("--db", str(store_path), "--workers", "2") as (url, _, server):
        deadline = time.monotonic() + WAIT
        while len(before := _workers(server)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(before) == 2
        victim = min(before)
        os.kill(victim, signal.SIGKILL)
        while (len(after := _workers(server)) < 2 or victim in after) and (
                time.monotonic() < deadline):
            time.sleep(0.2)
        assert len(after) == 2 and victim not in after
        answers = [httpx.get(f"{url}/api/events?limit=2", timeout=WAIT) for _ in range(20)]
        assert {a.status_code for a in answers} == {200}
        coded = httpx.post(f"{url}/api/code", json={"text": TEXT}, timeout=WAIT)
        assert coded.status_code == 200 and coded.json()["events"]


CRASHING_CODER = """
import os, signal
from dyad.store.workers import DocumentAnalyser
real = DocumentAnalyser.analyse
def analyse(self, documents):
    documents = list(documents)
    if any("Marker-Bad" in d.text for d in documents):
        os.kill(os.getpid(), signal.SIGSEGV)
    return real(self, documents)
DocumentAnalyser.analyse = analyse
"""


def test_a_segfault_while_coding_leaves_the_server_serving(store_path: Path) -> None:
    with served("--db", str(store_path), script=CRASHING_CODER) as (url, _, server):
        for _ in range(2):
            crashed = httpx.post(f"{url}/api/code", json={"text": BAD}, timeout=WAIT)
            assert crashed.status_code == 500
            assert "could not be coded" in _error(crashed)
            coded = httpx.post(f"{url}/api/code", json={"text": TEXT}, timeout=WAIT)
            assert coded.status_code == 200 and coded.json()["events"]
        assert server.poll() is None


def test_a_client_sending_its_headers_slowly_is_cut_off(store_path: Path) -> None:
    with served("--db", str(store_path), "--header-timeout", "1") as (_, port, server):
        with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as slow:
            slow.sendall(b"GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            closed = False
            deadline = time.monotonic() + WAIT
            while not closed and time.monotonic() < deadline:
                try:
                    slow.sendall(b"X")  # one byte of a header at a time
                    slow.settimeout(0.3)
                    closed = slow.recv(1024) == b""
                except TimeoutError:
                    continue
                except OSError:
                    closed = True
            assert closed, "the connection was kept open"
        assert httpx.get(f"http://127.0.0.1:{port}/api/events?limit=1",
                         timeout=WAIT).status_code == 200
        assert server.poll() is None


def test_a_document_with_a_recursion_error_is_not_stored(
        writable: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_on_marker(monkeypatch, _raise)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = writable.post("/api/documents", json={"text": BAD, "id": "bad-1"}, headers=auth)
    assert response.status_code == 500 and "could not be coded" in _error(response)
    assert writable.get("/api/documents/bad-1").status_code == 404
    good = writable.post("/api/documents", json={"text": TEXT, "id": "good-1"}, headers=auth)
    assert good.status_code == 201


def test_the_coding_process_dies_with_its_server(store_path: Path) -> None:
    with served("--db", str(store_path)) as (url, _, server):
        coded = httpx.post(f"{url}/api/code", json={"text": TEXT}, timeout=WAIT)
        assert coded.status_code == 200
        coding = psutil.Process(server.pid).children()
        assert coding
        server.kill()
        server.wait(WAIT)
        gone, alive = psutil.wait_procs(coding, timeout=WAIT)
        assert not alive, "a coding process outlived its server"
