"""Adding news to a DuckDB store while `dyad serve` serves it: `dyad ingest --to URL` sends
the documents to the server's write API, which codes and stores them."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dyad.errors import DyadError
from dyad.io.walk import ReadProblem
from dyad.record import Document
from dyad.web.remote import send_documents
from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]


def _fake(answers: list[tuple[int, dict[str, Any], dict[str, str]]]) -> Any:
    sent: list[dict[str, Any]] = []

    def post(url: str, body: dict[str, Any], token: str
             ) -> tuple[int, dict[str, Any], dict[str, str]]:
        assert url == "http://127.0.0.1:9/api/documents" and token == "t"
        sent.append(body)
        return answers.pop(0)

    post.sent = sent  # type: ignore[attr-defined]
    return post


def _docs(n: int) -> list[Document]:
    return [Document(f"d{i}", f"Text {i}.", date(2024, 7, 2), origin=f"news.jsonl:{i + 1}")
            for i in range(n)]


def test_remote_counts_stored_already_stored_and_failed() -> None:
    post = _fake([(201, {"status": "stored", "events": 2}, {}),
                  (200, {"status": "already stored", "events": 0}, {}),
                  (500, {"error": "this text could not be coded"}, {}),
                  (409, {"error": "document id 'd3' is already stored with different text"}, {})])
    report = send_documents("http://127.0.0.1:9/", "t", [
        *_docs(4), ReadProblem("bad.txt", None, "not UTF-8")], post=post,
        sleep=lambda _: None)
    assert (report.read, report.stored, report.already, report.events) == (4, 1, 1, 2)
    assert report.failed == [
        ("news.jsonl:3", "this text could not be coded"),
        ("news.jsonl:4", "document id 'd3' is already stored with different text")]
    assert len(report.problems) == 1
    assert post.sent[0] == {"text": "Text 0.", "id": "d0", "date": "2024-07-02", "title": "",
                            "url": "", "source": ""}


def test_remote_waits_while_the_server_is_busy() -> None:
    waits: list[float] = []
    post = _fake([(503, {"error": "busy"}, {"Retry-After": "2"}),
                  (503, {"error": "busy"}, {"retry-after": "1"}),
                  (201, {"status": "stored", "events": 1}, {})])
    report = send_documents("http://127.0.0.1:9", "t", _docs(1), post=post, sleep=waits.append)
    assert report.stored == 1 and waits == [2.0, 1.0]
    assert len(post.sent) == 3


def test_remote_stops_on_a_refused_token() -> None:
    post = _fake([(401, {"error": "this needs Authorization: Bearer TOKEN"}, {})])
    with pytest.raises(DyadError, match="refused the token"):
        send_documents("http://127.0.0.1:9", "t", _docs(2), post=post)


def test_remote_needs_an_http_url() -> None:
    with pytest.raises(DyadError, match="not an http"):
        send_documents("127.0.0.1:8000", "t", _docs(1))


def test_remote_unreachable_server_is_one_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(DyadError, match="cannot reach"):
        send_documents(f"http://127.0.0.1:{port}", "t", _docs(1))


# -- end to end -------------------------------------------------------------------------------


def _dyad(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dyad", *args], capture_output=True,
                          text=True, timeout=600, stdin=subprocess.DEVNULL,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **env})


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=60) as answer:
        return json.loads(answer.read())


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    """A served DuckDB store (one example ingested), writes allowed: (url, token, path)."""
    db = tmp_path / "served.duckdb"
    first = EXAMPLES / "japan-centers.txt"
    made = _dyad("ingest", str(first), "--db", str(db), "--date", "2024-07-02",
                 "--progress", "none")
    assert made.returncode == 0, made.stderr
    token, port = secrets.token_urlsafe(16), _free_port()
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "dyad", "serve", "--db", str(db), "--port", str(port),
         "--allow-writes", "--token", token], stdout=log, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, (tmp_path / "server.log").read_text()
            try:
                _get(url + "/api/events?limit=1")
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
        yield url, token, db
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_ingest_to_a_served_store(served: tuple[str, str, Path], tmp_path: Path) -> None:
    url, token, db = served
    news = tmp_path / "news"
    news.mkdir()
    for name in ("06-us-state-venezuela-visa-restrictions-2015.txt",
                 "05-mofa-senkaku-protest-chinese-ambassador-summoned-2016.txt"):
        shutil.copy(EXAMPLES / name, news / name)
    before = _get(url + "/api/events?limit=1000")["events"]
    # the file is the server's: a second writer is refused ...
    direct = _dyad("ingest", str(news), "--db", str(db), "--progress", "none")
    assert direct.returncode != 0
    # ... and the server takes the documents
    sent = _dyad("ingest", str(news), "--to", url, "--date", "2024-07-02", DYAD_TOKEN=token)
    assert sent.returncode == 0, sent.stderr
    assert "documents read: 2" in sent.stdout and "stored: 2" in sent.stdout
    after = _get(url + "/api/events?limit=1000")["events"]
    assert len(after) > len(before)
    added = {e["doc_id"] for e in after} - {e["doc_id"] for e in before}
    local = tmp_path / "local.duckdb"  # the same documents ingested here get the same ids
    assert _dyad("ingest", str(news), "--db", str(local), "--date", "2024-07-02",
                 "--progress", "none").returncode == 0
    listed = _dyad("events", "--db", str(local), "--format", "jsonl")
    assert added == {json.loads(line)["doc_id"] for line in listed.stdout.splitlines()}
    assert len(added) == 2
    again = _dyad("ingest", str(news), "--to", url, "--token", token)
    assert again.returncode == 0 and "already stored: 2" in again.stdout
    wrong = _dyad("ingest", str(news), "--to", url, "--token", "wrong")
    assert wrong.returncode == 2 and "refused the token" in wrong.stderr
