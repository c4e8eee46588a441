"""read_documents: dispatch by file kind, stdin detection, whole-file errors, streaming."""

from __future__ import annotations

import hashlib
import io
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import dyad.io
from dyad.errors import InputError
from dyad.io import InputProblem, read_documents
from dyad.io.read import content_id
from dyad.record import Document

TEXT = "The minister said that the talks would go on and that both sides were ready to meet."
DAY = date(2024, 7, 2)


def _jsonl(*ids: str, text: str = TEXT) -> str:
    return "".join(json.dumps({"id": i, "text": text}) + "\n" for i in ids)


def _stdin_id(data: bytes) -> str:
    return hashlib.sha256(data.removeprefix(b"\xef\xbb\xbf")).hexdigest()[:16]


def test_public_api() -> None:
    assert set(dyad.io.__all__) >= {
        "InputProblem",
        "MAX_DOCUMENT_BYTES",
        "looks_like_english",
        "read_documents",
    }


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("news.jsonl", "jsonl"),
        ("news.ndjson", "jsonl"),
        ("NEWS.JSONL", "jsonl"),
        ("news.txt", "text"),
        ("news", "text"),
        ("news.md", "text"),
        ("news.json", "text"),
    ],
)
def test_dispatch_by_suffix(tmp_path: Path, name: str, kind: str) -> None:
    path = tmp_path / name
    path.write_text(_jsonl("a", "b") if kind == "jsonl" else TEXT, encoding="utf-8")
    docs = list(read_documents([str(path)], default_date=DAY))
    if kind == "jsonl":
        assert [(d.id, d.origin) for d in docs if isinstance(d, Document)] == [
            ("a", f"{path}:1"),
            ("b", f"{path}:2"),
        ]
    else:
        assert docs == [Document(id=name, text=TEXT, date=DAY, origin=str(path))]


def test_several_paths_in_order(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "two.jsonl").write_text(_jsonl("x") + "{}\n", encoding="utf-8")
    (tmp_path / "three.txt").write_text(TEXT, encoding="utf-8")
    paths = [str(tmp_path / n) for n in ("one.txt", "two.jsonl", "three.txt")]
    items = list(read_documents(paths, default_date=DAY))
    assert [getattr(i, "id", None) for i in items] == ["one.txt", "x", None, "three.txt"]
    assert items[2] == InputProblem(paths[1], 2, 'missing "id"')
    assert all(i.date == DAY for i in items if isinstance(i, Document))


@pytest.mark.parametrize(
    ("name", "reason"),
    [("missing.txt", "file not found"), ("folder", "is a directory, not a file")],
)
def test_bad_path_fails_before_any_document(tmp_path: Path, name: str, reason: str) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "folder").mkdir()
    items = read_documents([str(tmp_path / "good.txt"), str(tmp_path / name)])
    with pytest.raises(InputError) as caught:
        next(items)
    assert str(caught.value) == f"{tmp_path / name}: {reason}"


def test_whole_file_error_after_earlier_documents(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"Hello\n\nworld \xc3")
    items = read_documents([str(tmp_path / "good.txt"), str(tmp_path / "bad.txt")])
    assert isinstance(next(items), Document)
    with pytest.raises(InputError) as caught:
        next(items)
    assert str(caught.value) == (
        f"{tmp_path / 'bad.txt'}:3: not UTF-8 (byte 0xc3 at column 7); convert the file to UTF-8"
    )


@pytest.mark.parametrize(
    ("data", "texts", "origins"),
    [
        pytest.param(TEXT.encode(), [TEXT], ["<stdin>"], id="text"),
        pytest.param(b"\xef\xbb\xbf" + TEXT.encode(), [TEXT], ["<stdin>"], id="text-bom"),
        pytest.param(
            (TEXT + "\r\n" + TEXT).encode(), [TEXT + "\r\n" + TEXT], ["<stdin>"], id="text-crlf"
        ),
        pytest.param(
            _jsonl("a", "b").encode(), [TEXT, TEXT], ["<stdin>:1", "<stdin>:2"], id="jsonl"
        ),
        pytest.param(
            ("\ufeff\n  " + _jsonl("a") + "\r\n\t" + _jsonl("b")).encode(),
            [TEXT, TEXT],
            ["<stdin>:2", "<stdin>:4"],
            id="jsonl-bom-blank-lines-indent",
        ),
        pytest.param(
            (_jsonl("a") + TEXT).encode(),
            [_jsonl("a") + TEXT],
            ["<stdin>"],
            id="one-line-without-brace-makes-text",
        ),
    ],
)
def test_stdin(data: bytes, texts: list[str], origins: list[str]) -> None:
    items = list(read_documents(["-"], stdin=io.BytesIO(data), default_date=DAY))
    assert all(isinstance(item, Document) for item in items)
    docs = [item for item in items if isinstance(item, Document)]
    assert [d.text for d in docs] == texts
    assert [d.origin for d in docs] == origins
    assert all(d.date == DAY for d in docs)


def test_stdin_text_id_is_a_content_hash() -> None:
    (doc,) = read_documents(["-"], stdin=io.BytesIO(TEXT.encode()))
    (with_bom,) = read_documents(["-"], stdin=io.BytesIO(b"\xef\xbb\xbf" + TEXT.encode()))
    (other,) = read_documents(["-"], stdin=io.BytesIO(TEXT.encode() + b"!"))
    assert isinstance(doc, Document)
    assert doc.id == content_id(TEXT) == _stdin_id(TEXT.encode()) == "3464e46c09eaa73d"
    assert getattr(with_bom, "id", None) == doc.id
    assert getattr(other, "id", None) != doc.id


@pytest.mark.parametrize(
    "stream",
    [
        pytest.param(lambda data: io.StringIO(data.decode()), id="string-io"),
        pytest.param(
            lambda data: io.TextIOWrapper(io.BytesIO(data), encoding="latin-1"), id="text-wrapper"
        ),
    ],
)
def test_stdin_text_streams(stream: Callable[[bytes], Any]) -> None:
    data = ("“" + TEXT + "”\r\n").encode()
    (doc,) = read_documents(["-"], stdin=stream(data))
    assert isinstance(doc, Document)
    assert doc.text == data.decode()
    assert doc.id == _stdin_id(data)


def test_stdin_defaults_to_sys_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(_jsonl("z").encode())))
    (doc,) = read_documents(["-"])
    assert isinstance(doc, Document)
    assert (doc.id, doc.origin) == ("z", "<stdin>:1")


def test_missing_sys_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(InputError, match=r"^<stdin>: there is no standard input$"):
        list(read_documents(["-"]))


def test_unreadable_stdin() -> None:
    class Closed(io.BytesIO):
        def read(self, size: int | None = -1, /) -> bytes:
            raise OSError("reading from stdin while output is captured")

    with pytest.raises(InputError) as caught:
        list(read_documents(["-"], stdin=Closed()))
    assert str(caught.value) == (
        "<stdin>: cannot read the input (reading from stdin while output is captured)"
    )


def test_stdin_text_with_undecodable_bytes() -> None:
    stream = io.StringIO(TEXT + " caf\udce9")  # as decoded with errors="surrogateescape"
    with pytest.raises(InputError) as caught:
        list(read_documents(["-"], stdin=stream))
    column = len(TEXT) + 5
    assert str(caught.value) == (
        f"<stdin>:1: not UTF-8 (byte 0xe9 at column {column}); convert the file to UTF-8"
    )


def test_stdin_text_stream_that_cannot_decode() -> None:
    class Strict(io.StringIO):
        def read(self, size: int | None = -1, /) -> str:
            if size == 0:
                return ""
            raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    with pytest.raises(InputError, match=r"^<stdin>: not UTF-8; convert the input to UTF-8$"):
        list(read_documents(["-"], stdin=Strict()))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"", "empty file", id="empty"),
        pytest.param(b"\n \n", "empty file (only whitespace)", id="whitespace"),
        pytest.param(b"abc\x00def", "binary file, not text (contains NUL bytes)", id="binary"),
        pytest.param(
            b"Hi\n\xff", "not UTF-8 (byte 0xff at column 1); convert the file to UTF-8", id="utf8"
        ),
        pytest.param(
            "Der Ministerpräsident hat die Abkommen über die Arbeit der Zentren ausgesetzt, und "
            "die Regierung in Tokio bezeichnete die Entscheidung als inakzeptabel.".encode(),
            "text does not look like English; dyad codes English news only",
            id="german",
        ),
        pytest.param(
            (TEXT * 3).encode(), "document is larger than the limit of 200 bytes", id="too-large"
        ),
    ],
)
def test_stdin_whole_input_errors(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        list(read_documents(["-"], stdin=io.BytesIO(data), max_bytes=200))
    assert caught.value.path == "<stdin>"
    assert caught.value.reason == reason


def test_stdin_jsonl_may_exceed_the_limit_in_total() -> None:
    data = _jsonl(*(str(n) for n in range(20))).encode()
    assert len(data) > 10 * 200
    items = list(read_documents(["-"], stdin=io.BytesIO(data), max_bytes=200))
    assert [getattr(i, "id", None) for i in items] == [str(n) for n in range(20)]


def test_module_limit_is_read_at_call_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(_jsonl("b"), encoding="utf-8")
    monkeypatch.setattr("dyad.io.text.MAX_DOCUMENT_BYTES", 20)
    with pytest.raises(InputError, match="document is larger than the limit of 20 bytes$"):
        list(read_documents([str(tmp_path / "a.txt")]))
    (problem,) = read_documents([str(tmp_path / "b.jsonl")])
    assert problem == InputProblem(
        str(tmp_path / "b.jsonl"), 1, "line is larger than the limit of 20 bytes"
    )


def test_fifty_megabyte_text_on_stdin_is_rejected_in_bounded_memory(
    big_text_file: Path, peak_memory: Callable[[Callable[[], Any]], tuple[Any, int]]
) -> None:
    with big_text_file.open("rb") as handle:
        result, peak = peak_memory(lambda: list(read_documents(["-"], stdin=handle)))
        assert handle.tell() < 10_000_000
    assert str(result) == "<stdin>: document is larger than the limit of 5,000,000 bytes"
    assert peak < 20_000_000


def test_fifty_megabyte_jsonl_line_on_stdin_is_skipped_in_bounded_memory(
    big_jsonl_file: Path, peak_memory: Callable[[Callable[[], Any]], tuple[Any, int]]
) -> None:
    with big_jsonl_file.open("rb") as handle:
        items, peak = peak_memory(lambda: list(read_documents(["-"], stdin=handle)))
    assert items[0] == InputProblem(
        "<stdin>", 1, "line is larger than the limit of 5,000,000 bytes"
    )
    assert [getattr(i, "id", None) for i in items] == [None, "small"]
    assert peak < 20_000_000


def test_documents_are_streamed(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(_jsonl("a") + "{broken", encoding="utf-8")
    items = read_documents([str(path)])
    first = next(items)
    assert isinstance(first, Document)
    assert first.id == "a"
    second = next(items)
    assert isinstance(second, InputProblem)
    assert second.as_error().line == 2
