"""`dyad code` past a document the coder fails on: a one-line warning naming it, the others
coded and written whole, exit status 3.

The coder is replaced by one that fails on documents holding a marker (with a real
`RecursionError`, the failure pronoun chains once caused, or a plain exception), and by a spaCy
pipeline that raises in the middle of a batch, as `nlp.pipe` does when one text breaks it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dyad.cli import code as code_cli
from dyad.cli.code import EXIT_SOME_FAILED, UNDATED
from dyad.coding.coder import CodedDocument, EventCoder
from dyad.nlp import ParsedDocument, load_pipeline
from dyad.record import EVENT_FIELDS
from tests.cli.conftest import JAPAN_CHINA, RUSSIA_JAPAN

Run = Callable[..., tuple[int, str, str]]
Write = Callable[[str, str | bytes], Path]

RAISES = "CODER-BREAKER"  # the coder raises a RuntimeError on a document holding this
RECURSES = "PRONOUN-LOOP"  # the coder recurses without end on a document holding this
PIPE_BREAKS = "PIPE-BREAKER"  # spaCy's pipe raises when it reaches a paragraph holding this


def _recurse(depth: int) -> int:
    return _recurse(depth + 1) + 1


class _BreakingPipeline:
    """spaCy's pipeline, except that `pipe` reads its whole input ahead (as spaCy reads a batch)
    and raises when it reaches a text holding PIPE_BREAKS."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp

    def pipe(self, units: Iterable[tuple[str, Any]], **options: Any) -> Iterator[Any]:
        for doc, context in self.nlp.pipe(list(units), **options):
            if PIPE_BREAKS in doc.text:
                raise ValueError(f"[E088] Text of length {len(doc.text)} exceeds maximum")
            yield doc, context


class _BreakingCoder(EventCoder):
    """The real coder, except on documents holding a marker."""

    def __init__(self, dictionaries: Any, **options: Any) -> None:
        super().__init__(dictionaries, **options)
        self.nlp = _BreakingPipeline(load_pipeline())

    def code_parsed(self, parsed: ParsedDocument) -> CodedDocument:
        text = parsed.document.text
        if RAISES in text:
            raise RuntimeError("the coder broke\non two lines")
        if RECURSES in text:
            _recurse(0)
        return super().code_parsed(parsed)


@pytest.fixture
def breaking(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(code_cli, "EventCoder", _BreakingCoder)


def _jsonl(write: Write, *rows: tuple[str, str]) -> Path:
    lines = [json.dumps({"id": doc_id, "text": text, "date": "2024-07-02"})
             for doc_id, text in rows]
    return write("batch.jsonl", "\n".join(lines) + "\n")


def _records(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip() and not line.endswith(UNDATED)]


@pytest.mark.usefixtures("breaking")
@pytest.mark.parametrize(("marker", "reason"), [
    (RAISES, "RuntimeError: the coder broke on two lines"),
    (RECURSES, "RecursionError: maximum recursion depth exceeded"),
    (PIPE_BREAKS, "ValueError: [E088] Text of length"),
], ids=["exception", "recursion", "parse"])
def test_jsonl_batch_goes_past_a_document_the_coder_fails_on(
        run: Run, write: Write, marker: str, reason: str) -> None:
    path = _jsonl(write, ("a", RUSSIA_JAPAN), ("b", f"{marker} Japan condemned Russia."),
                  ("c", JAPAN_CHINA), ("d", "Japan criticized Russia."))
    status, out, err = run("code", str(path))
    assert status == EXIT_SOME_FAILED, err
    assert "Traceback" not in err
    assert {(r["doc_id"], r["source"], r["target"]) for r in _records(out)} >= {
        ("a", "RUS", "JPN"), ("c", "JPN", "CHN")}
    assert "b" not in {r["doc_id"] for r in _records(out)}
    assert {r["doc_id"] for r in _records(out)} == {"a", "c", "d"}
    lines = _warnings(err)
    assert len(lines) == 2, err
    assert lines[0].startswith(f"dyad: warning: {path}:2: document b: could not be coded: "
                               f"{reason}"), err
    assert lines[1] == "dyad: error: 1 document could not be coded, 3 were"


@pytest.mark.usefixtures("breaking")
def test_csv_output_stays_whole_and_has_one_header(run: Run, write: Write) -> None:
    path = _jsonl(write, ("a", f"{RAISES} Russia condemned Japan."), ("b", RUSSIA_JAPAN),
                  ("c", f"{RECURSES} Japan criticized China."), ("d", JAPAN_CHINA))
    status, out, err = run("code", str(path), "--format", "csv")
    assert status == EXIT_SOME_FAILED, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == list(EVENT_FIELDS)
    assert [row[0] for row in rows[1:]] == ["b", "d"]
    assert all(len(row) == len(EVENT_FIELDS) for row in rows)
    lines = _warnings(err)
    assert [line.split(": ")[3] for line in lines[:2]] == ["document a", "document c"]
    assert lines[2] == "dyad: error: 2 documents could not be coded, 2 were"


@pytest.mark.usefixtures("breaking")
def test_several_text_files_where_one_fails(run: Run, write: Write) -> None:
    first = write("first.txt", RUSSIA_JAPAN)
    broken = write("broken.txt", f"{RAISES}\n\n{JAPAN_CHINA}\n")
    last = write("last.txt", JAPAN_CHINA)
    status, out, err = run("code", str(first), str(broken), str(last), "--format", "table")
    assert status == EXIT_SOME_FAILED, err
    assert "first.txt" in out and "last.txt" in out and "broken.txt" not in out
    assert out.count("1 event") == 2, out
    lines = _warnings(err)
    assert lines[0] == (f"dyad: warning: {broken}: document broken.txt: could not be coded: "
                        "RuntimeError: the coder broke on two lines")
    assert len(lines) == 2 and "Traceback" not in err


@pytest.mark.usefixtures("breaking")
def test_a_single_document_that_fails(run: Run, write: Write) -> None:
    path = write("alone.txt", f"{RAISES} {RUSSIA_JAPAN}")
    status, out, err = run("code", str(path))
    assert (status, out) == (EXIT_SOME_FAILED, "")
    assert _warnings(err) == [
        f"dyad: warning: {path}: document alone.txt: could not be coded: RuntimeError: the "
        "coder broke on two lines",
        "dyad: error: 1 document could not be coded; nothing was coded"]


@pytest.mark.usefixtures("breaking")
def test_bad_input_and_a_failing_document_in_one_batch(run: Run, write: Write) -> None:
    """Bad input is a warning as before; the coder's failure decides the exit status."""
    lines = [json.dumps({"id": "a", "text": RUSSIA_JAPAN}), '{"id": "b", "text": ',
             json.dumps({"id": "c", "text": f"{RAISES} {JAPAN_CHINA}"}),
             json.dumps({"id": "d", "text": JAPAN_CHINA})]
    path = write("mixed.jsonl", "\n".join(lines) + "\n")
    status, out, err = run("code", str(path))
    assert status == EXIT_SOME_FAILED, err
    assert [r["doc_id"] for r in _records(out)] == ["a", "d"]
    warnings = _warnings(err)
    assert warnings[0].startswith(f"dyad: warning: {path}:2: invalid JSON")
    assert warnings[1].startswith(f"dyad: warning: {path}:3: document c: could not be coded")
    assert warnings[2] == "dyad: error: 1 document could not be coded, 2 were"


@pytest.mark.usefixtures("breaking")
def test_the_warning_shows_control_characters_of_an_id(run: Run, write: Write) -> None:
    path = _jsonl(write, ("\x1b]0;owned\x07b", f"{RAISES} {RUSSIA_JAPAN}"),
                  ("c", JAPAN_CHINA))
    status, _, err = run("code", str(path))
    assert status == EXIT_SOME_FAILED
    assert "\x1b" not in err and "\x07" not in err
    assert "document \\x1b]0;owned\\x07b: could not be coded" in err
