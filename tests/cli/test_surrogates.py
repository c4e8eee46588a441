"""A lone surrogate (`"\\ud800"`, valid JSON, no character) is bad input for its document only.

Before, `dyad code` died with a traceback (the documents after it lost) and `dyad ingest`
aborted on every run (`content_hash`, or DuckDB's conversion error naming the database).
Now the line gets one warning naming `file:line`, like any bad line of a JSONL batch, and the
exit status is the one of a batch with any other bad line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import JAPAN_CHINA, RUSSIA_JAPAN, Run

Write = Callable[[str, str | bytes], Path]

GOOD_A = json.dumps({"id": "a", "text": RUSSIA_JAPAN})
GOOD_C = json.dumps({"id": "c", "text": JAPAN_CHINA})
# json.dumps escapes a lone surrogate as the six characters \ud800
SURROGATE_LINES = {
    "text": json.dumps({"id": "b", "text": "Japan criticized \ud800 China."}),
    "id": json.dumps({"id": "b\ud800", "text": JAPAN_CHINA + " Again."}),
    "title": json.dumps({"id": "b", "text": JAPAN_CHINA + " Again.", "title": "\udc00"}),
}
INVALID_JSON = '{"id": "b", "text": '


def _batch(write: Write, middle: str, name: str = "batch.jsonl") -> Path:
    assert middle.isascii()  # the surrogate is written escaped, as JSON allows
    return write(name, "\n".join([GOOD_A, middle, GOOD_C]) + "\n")


@pytest.fixture(scope="module")
def bad_line_status(dyad: Callable[..., Run], tmp_path_factory: pytest.TempPathFactory) -> int:
    """The exit status of `dyad code` on a batch with an ordinary bad line."""
    path = tmp_path_factory.mktemp("reference") / "batch.jsonl"
    path.write_text("\n".join([GOOD_A, INVALID_JSON, GOOD_C]) + "\n", encoding="utf-8")
    run = dyad("code", path)
    assert "Traceback" not in run.stderr, run.describe()
    return run.returncode


@pytest.mark.parametrize("field", list(SURROGATE_LINES))
def test_code_skips_the_line_and_codes_the_rest(dyad: Callable[..., Run], write: Write,
                                                bad_line_status: int, field: str) -> None:
    path = _batch(write, SURROGATE_LINES[field])
    run = dyad("code", path, "--date", "2024-07-02")
    assert "Traceback" not in run.stderr, run.describe()
    assert run.returncode == bad_line_status, run.describe()
    assert {(r["doc_id"], r["source"], r["target"]) for r in run.records()} == {
        ("a", "RUS", "JPN"), ("c", "JPN", "CHN")}, run.describe()
    assert len(run.err_lines) == 1, run.describe()
    warning = run.err_lines[0]
    assert warning.startswith(f"dyad: warning: {path}:2: "), run.describe()
    code = "U+DC00" if field == "title" else "U+D800"
    assert f'"{field}" holds an invalid character (lone surrogate {code})' in warning


def test_code_from_stdin(dyad: Callable[..., Run], bad_line_status: int) -> None:
    lines = "\n".join([GOOD_A, SURROGATE_LINES["text"], GOOD_C]) + "\n"
    run = dyad("code", "-", stdin=lines)
    assert "Traceback" not in run.stderr, run.describe()
    assert run.returncode == bad_line_status, run.describe()
    assert {r["doc_id"] for r in run.records()} == {"a", "c"}
    assert len(run.err_lines) == 1 and "<stdin>:2: " in run.err_lines[0], run.describe()


@pytest.mark.parametrize("field", ["text", "id"])
def test_ingest_stores_the_rest_on_every_run(dyad: Callable[..., Run], write: Write,
                                             tmp_path: Path, field: str) -> None:
    path = _batch(write, SURROGATE_LINES[field])
    reference = write("reference.jsonl", "\n".join([GOOD_A, INVALID_JSON, GOOD_C]) + "\n")
    expected = dyad("ingest", reference, "--db", tmp_path / "reference.duckdb").returncode
    db = tmp_path / "news.duckdb"
    for _ in range(2):  # a re-run goes past the line again
        run = dyad("ingest", path, "--db", db)
        assert "Traceback" not in run.stderr, run.describe()
        assert run.returncode == expected, run.describe()
        warnings = [line for line in run.err_lines if line.startswith("dyad: warning: ")]
        assert len(warnings) == 1, run.describe()
        assert warnings[0].startswith(f"dyad: warning: {path}:2: "), run.describe()
        assert "lone surrogate U+D800" in warnings[0]
        assert str(db) not in warnings[0]
    events = dyad("events", "--db", db, "--format", "jsonl")
    assert events.returncode == 0, events.describe()
    assert {r["doc_id"] for r in events.records()} == {"a", "c"}, events.describe()
