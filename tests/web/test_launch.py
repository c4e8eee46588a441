"""`dyad serve --workers N`: the settings every worker builds its app from, and who may have
more than one worker."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import httpx
import pytest

from dyad.errors import DyadError
from dyad.web.app import app_settings
from dyad.web.cache import ResponseCache
from dyad.web.launch import (
    CACHE_BYTES,
    DB,
    app_from_environment,
    check_workers,
    serve_environment,
)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # the test client notes that httpx2 exists
    from fastapi.testclient import TestClient


def test_one_worker_serves_anything() -> None:
    check_workers(1, "postgresql://u@h/db", allow_writes=True)


@pytest.mark.parametrize(("location", "writes", "named"), [
    ("news.duckdb", True, "--allow-writes"),
    ("postgresql://u@h/db", False, "PostgreSQL"),
])
def test_several_workers_serve_only_reads_of_a_duckdb_file(
        location: str, writes: bool, named: str) -> None:
    with pytest.raises(DyadError) as failure:
        check_workers(2, location, allow_writes=writes)
    assert named in f"{failure.value} {failure.value.hint}"


def test_the_workers_share_the_kept_answers_out() -> None:
    env = serve_environment("news.duckdb", workers=4, token="t", max_body=2048,
                            cache_bytes=64 * 1024 * 1024)
    assert env[DB] == "news.duckdb"
    assert int(env[CACHE_BYTES]) == 16 * 1024 * 1024


def test_an_app_from_the_environment_has_the_settings(store_path: Path) -> None:
    env = serve_environment(str(store_path), workers=2, token="s3cret", max_body=4096,
                            cache_bytes=1024 * 1024)
    app = app_from_environment(env)
    settings = app_settings(app)
    assert (settings.store_location, settings.token, settings.max_body) == (
        str(store_path), "s3cret", 4096)
    assert not settings.allow_writes
    assert any(m.cls is ResponseCache for m in app.user_middleware)
    with TestClient(app) as client:
        assert client.get("/api/events").status_code == 200
        threads = client.app.state.dyad.access.reader().sql(  # type: ignore[attr-defined]
            "SELECT current_setting('threads')").rows()
    assert threads == [(1,)]
    without = app_from_environment({**env, CACHE_BYTES: "0"})
    assert not any(m.cls is ResponseCache for m in without.user_middleware)


def test_an_app_needs_a_store_in_the_environment() -> None:
    with pytest.raises(DyadError):
        app_from_environment({})


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_two_workers_answer(store_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from dyad.cli import main; main()", "serve", "--db",
         str(store_path), "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/api/events?limit=2"
        deadline = time.monotonic() + 60
        answers: list[httpx.Response] = []
        while time.monotonic() < deadline and len(answers) < 10:
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            try:
                answers.append(httpx.get(url, timeout=10))
            except httpx.HTTPError:
                time.sleep(0.2)
        assert len(answers) == 10
        assert {a.status_code for a in answers} == {200}
        assert len({a.content for a in answers}) == 1
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert b"2 worker processes" in err


def test_serve_checks_the_port_before_it_says_it_serves(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dyad.cli import app
    from dyad.web.launch import check_port

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(DyadError, match=f"cannot listen on 127.0.0.1:{port}"):
            check_port("127.0.0.1", port)
        db = tmp_path / "none.duckdb"
        from dyad.store.backend import open_backend

        open_backend(str(db), create=True).close()
        result = CliRunner().invoke(app, ["serve", "--db", str(db), "--port", str(port)])
    assert isinstance(result.exception, DyadError)
    assert "serving" not in result.output
    check_port("127.0.0.1", port)  # free again
