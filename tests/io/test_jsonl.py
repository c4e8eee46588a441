"""JSONL files: one Document per good line, one InputProblem per bad line, reading goes on."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dyad.errors import InputError, InputFormatError
from dyad.io.jsonl import (
    InputProblem,
    is_jsonl_path,
    parse_date,
    parse_record,
    read_jsonl,
    read_jsonl_stream,
)
from dyad.record import Document

TEXT = "The minister said that the talks would go on and that both sides were ready to meet."
FRENCH = (
    "Le ministre des Affaires étrangères a convoqué l'ambassadeur de Chine pour protester "
    "contre l'intrusion de navires des garde-côtes chinois dans les eaux territoriales "
    "japonaises. Le gouvernement a demandé le retrait immédiat des navires."
)
DEFAULT = date(2024, 7, 2)


def _line(**fields: Any) -> str:
    return json.dumps(fields, ensure_ascii=False)


def _read(tmp_path: Path, content: str | bytes, **kwargs: Any) -> list[Document | InputProblem]:
    path = tmp_path / "news.jsonl"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return list(read_jsonl(str(path), **kwargs))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param(
            _line(id="a1", text=TEXT),
            {"id": "a1", "text": TEXT, "date": DEFAULT},
            id="minimal-gets-default-date",
        ),
        pytest.param(f'{{"id": 17, "text": "{TEXT}"}}', {"id": "17"}, id="integer-id"),
        pytest.param(
            f'{{"id": 12.50, "text": "{TEXT}"}}', {"id": "12.50"}, id="number-id-as-written"
        ),
        pytest.param(
            _line(id="x", text=TEXT, date="2016-08-05"), {"date": date(2016, 8, 5)}, id="date"
        ),
        pytest.param(
            _line(id="x", text=TEXT, date="2016-08-05T23:30:00+09:00"),
            {"date": date(2016, 8, 5)},
            id="datetime-date-part",
        ),
        pytest.param(
            _line(id="x", text=TEXT, date="2016-08-05T14:30:00Z"),
            {"date": date(2016, 8, 5)},
            id="datetime-utc",
        ),
        pytest.param(
            _line(id="x", text=TEXT, date="2016-08-05 14:30:00.123"),
            {"date": date(2016, 8, 5)},
            id="datetime-space",
        ),
        pytest.param(_line(id="x", text=TEXT, date=None), {"date": DEFAULT}, id="null-date"),
        pytest.param(_line(id="x", text=TEXT, date=""), {"date": DEFAULT}, id="empty-date"),
        pytest.param(
            _line(id="x", text=TEXT, url="https://example.org/a", source="RIA", title="Talks"),
            {"url": "https://example.org/a", "source": "RIA", "title": "Talks"},
            id="url-source-title",
        ),
        pytest.param(
            _line(id="x", text=TEXT, speaker="JPNGOV"), {"speaker": "JPNGOV"}, id="speaker"
        ),
        pytest.param(
            _line(id="x", text=TEXT, url=None, title=None),
            {"url": "", "title": ""},
            id="null-extras",
        ),
        pytest.param(
            _line(id="x", text=TEXT, lang="en", tags=[1, 2], meta={"a": None}),
            {"id": "x"},
            id="unknown-fields-ignored",
        ),
        pytest.param(
            _line(id="x", text="“Quoted”\r\nline two — Мишустин " + TEXT),
            {"text": "“Quoted”\r\nline two — Мишустин " + TEXT},
            id="text-kept-exactly",
        ),
        pytest.param(
            f'  {{"text": "{TEXT}", "id": "x"}}  \r', {"text": TEXT}, id="surrounding-whitespace"
        ),
    ],
)
def test_good_lines(line: str, expected: dict[str, Any]) -> None:
    doc = parse_record(line, path="news.jsonl", number=7, default_date=DEFAULT)
    assert isinstance(doc, Document)
    assert doc.origin == "news.jsonl:7"
    for name, value in expected.items():
        assert getattr(doc, name) == value


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param('{"id": 1, "text": ', "invalid JSON (Expecting value at column 19)", id="cut"),
        pytest.param(
            "{'id': 1}",
            "invalid JSON (Expecting property name enclosed in double quotes at column 2)",
            id="single-quotes",
        ),
        pytest.param(
            '{"id": 1} {"id": 2}', "invalid JSON (Extra data at column 11)", id="two-objects"
        ),
        pytest.param('{"id": NaN, "text": "t"}', "invalid JSON (NaN is not allowed)", id="nan"),
        pytest.param("[" * 100_000, "invalid JSON (nested too deeply)", id="deep"),
        pytest.param("[1, 2]", "expected a JSON object, got an array", id="array"),
        pytest.param('"text"', "expected a JSON object, got a string", id="string"),
        pytest.param("null", "expected a JSON object, got null", id="null"),
        pytest.param(_line(text=TEXT), 'missing "id"', id="missing-id"),
        pytest.param(
            _line(id=None, text=TEXT), '"id" must be a string or a number, got null', id="null-id"
        ),
        pytest.param(
            _line(id=True, text=TEXT),
            '"id" must be a string or a number, got a boolean',
            id="bool-id",
        ),
        pytest.param(
            _line(id=[1], text=TEXT),
            '"id" must be a string or a number, got an array',
            id="array-id",
        ),
        pytest.param(_line(id=" ", text=TEXT), '"id" is empty', id="empty-id"),
        pytest.param(_line(id="x"), 'missing "text"', id="missing-text"),
        pytest.param(_line(id="x", text=None), '"text" must be a string, got null', id="null-text"),
        pytest.param(
            _line(id="x", text=5), '"text" must be a string, got a number', id="number-text"
        ),
        pytest.param(
            _line(id="x", text={"body": TEXT}),
            '"text" must be a string, got an object',
            id="object-text",
        ),
        pytest.param(_line(id="x", text=""), '"text" is empty', id="empty-text"),
        pytest.param(_line(id="x", text=" \n\t"), '"text" is empty', id="blank-text"),
        pytest.param(
            _line(id="x", text=TEXT, date=20240702),
            '"date" must be a string, got a number',
            id="number-date",
        ),
        pytest.param(
            _line(id="x", text=TEXT, date="2024-13-01"),
            'bad "date" "2024-13-01": expected YYYY-MM-DD or an ISO date-time',
            id="month-13",
        ),
        pytest.param(
            _line(id="x", text=TEXT, date="2023-02-29"),
            'bad "date" "2023-02-29": expected YYYY-MM-DD or an ISO date-time',
            id="not-leap",
        ),
        pytest.param(
            _line(id="x", text=TEXT, date="02/07/2024"),
            'bad "date" "02/07/2024": expected YYYY-MM-DD or an ISO date-time',
            id="slashes",
        ),
        pytest.param(
            _line(id="x", text=TEXT, date="20240702"),
            'bad "date" "20240702": expected YYYY-MM-DD or an ISO date-time',
            id="basic-format",
        ),
        pytest.param(
            _line(id="x", text=TEXT, date="2024-07-02T25:00"),
            'bad "date" "2024-07-02T25:00": expected YYYY-MM-DD or an ISO date-time',
            id="bad-time",
        ),
        pytest.param(
            _line(id="x", text=TEXT, date="Tue, 02 Jul 2024 10:00:00 GMT"),
            'bad "date" "Tue, 02 Jul 2024 10:00:00 GMT": expected YYYY-MM-DD or an ISO date-time',
            id="rfc-2822",
        ),
        pytest.param(
            _line(id="x", text=TEXT, date="x" * 50),
            'bad "date" "' + "x" * 40 + '…": expected YYYY-MM-DD or an ISO date-time',
            id="long-date-shortened",
        ),
        pytest.param(
            _line(id="x", text=TEXT, url=5), '"url" must be a string, got a number', id="number-url"
        ),
        pytest.param(
            _line(id="x", text=TEXT, title=["a"]),
            '"title" must be a string, got an array',
            id="array-title",
        ),
        pytest.param(
            _line(id="x", text=TEXT, source=False),
            '"source" must be a string, got a boolean',
            id="bool-source",
        ),
        pytest.param(
            _line(id="x", text=FRENCH),
            "text does not look like English; dyad codes English news only",
            id="french",
        ),
    ],
)
def test_bad_lines(line: str, message: str) -> None:
    problem = parse_record(line, path="news.jsonl", number=3)
    assert problem == InputProblem("news.jsonl", 3, message)


def test_file_reads_on_after_bad_lines(tmp_path: Path) -> None:
    content = "\n".join(
        [
            _line(id="a", text=TEXT, date="2016-08-05"),
            "{not json",
            "",
            "   ",
            _line(id="b", text=FRENCH),
            _line(id="c", text=TEXT),
        ]
    )
    items = _read(tmp_path, content + "\n", default_date=DEFAULT)
    path = str(tmp_path / "news.jsonl")
    assert items == [
        Document(id="a", text=TEXT, date=date(2016, 8, 5), origin=f"{path}:1"),
        InputProblem(
            path, 2, "invalid JSON (Expecting property name enclosed in double quotes at column 2)"
        ),
        InputProblem(path, 5, "text does not look like English; dyad codes English news only"),
        Document(id="c", text=TEXT, date=DEFAULT, origin=f"{path}:6"),
    ]


def test_file_with_no_valid_document_gives_only_problems(tmp_path: Path) -> None:
    items = _read(tmp_path, "[]\n{}\n")
    assert all(isinstance(item, InputProblem) for item in items)
    assert [(p.line, p.message) for p in items if isinstance(p, InputProblem)] == [
        (1, "expected a JSON object, got an array"),
        (2, 'missing "id"'),
    ]


@pytest.mark.parametrize(
    ("content", "lines"),
    [
        pytest.param(_line(id="a", text=TEXT), [1], id="no-final-newline"),
        pytest.param(
            _line(id="a", text=TEXT) + "\r\n" + _line(id="b", text=TEXT) + "\r\n", [1, 2], id="crlf"
        ),
        pytest.param("\ufeff" + _line(id="a", text=TEXT) + "\n", [1], id="bom"),
        pytest.param("\n\n" + _line(id="a", text=TEXT) + "\n\n", [3], id="blank-lines"),
        pytest.param(
            "\ufeff" + _line(id="a", text=TEXT) + "\n\ufeff" + _line(id="b", text=TEXT),
            [1, 2],
            id="concatenated-files-with-boms",
        ),
    ],
)
def test_line_numbers_and_origins(tmp_path: Path, content: str, lines: list[int]) -> None:
    items = _read(tmp_path, content)
    assert all(isinstance(item, Document) for item in items)
    path = str(tmp_path / "news.jsonl")
    assert [item.origin for item in items if isinstance(item, Document)] == [
        f"{path}:{n}" for n in lines
    ]


def test_bad_utf8_line_is_a_problem_and_reading_goes_on(tmp_path: Path) -> None:
    good = _line(id="a", text=TEXT).encode()
    items = _read(tmp_path, b'{"id": "x", "text": "caf\xe9"}\n' + good + b"\n")
    assert items[0] == InputProblem(
        str(tmp_path / "news.jsonl"),
        1,
        "not UTF-8 (byte 0xe9 at column 25); convert the file to UTF-8",
    )
    assert isinstance(items[1], Document)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(b"", "empty file", id="empty"),
        pytest.param(b"\xef\xbb\xbf", "empty file", id="only-bom"),
        pytest.param(b"\n \r\n\t\n", "empty file (only whitespace)", id="whitespace"),
        pytest.param(
            b'{"id": 1,\x00 "text": "x"}\n', "binary file, not text (contains NUL bytes)", id="nul"
        ),
        pytest.param(
            b"\x01\x02\x03{}\n" * 30, "binary file, not text (mostly control bytes)", id="control"
        ),
        pytest.param(
            b"\xff\xfe{\x00}\x00", "UTF-16 text, not UTF-8; convert the file to UTF-8", id="utf-16"
        ),
    ],
)
def test_whole_file_errors(tmp_path: Path, content: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        _read(tmp_path, content)
    assert str(caught.value) == f"{tmp_path / 'news.jsonl'}: {reason}"
    assert not isinstance(caught.value, InputFormatError)


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        list(read_jsonl(str(tmp_path / "none.jsonl")))
    assert str(caught.value) == f"{tmp_path / 'none.jsonl'}: file not found"
    (tmp_path / "dir.jsonl").mkdir()
    with pytest.raises(InputError) as caught:
        list(read_jsonl(str(tmp_path / "dir.jsonl")))
    assert str(caught.value) == f"{tmp_path / 'dir.jsonl'}: is a directory, not a file"


def test_oversize_line_is_a_problem(tmp_path: Path) -> None:
    small = _line(id="s", text=TEXT)
    big = _line(id="b", text=TEXT * 3)
    items = _read(tmp_path, f"{small}\n{big}\n{small}\n", max_bytes=len(small))
    path = str(tmp_path / "news.jsonl")
    assert items[1] == InputProblem(
        path, 2, f"line is larger than the limit of {len(small):,} bytes"
    )
    assert [type(item) for item in items] == [Document, InputProblem, Document]


def test_fifty_megabyte_line_is_skipped_in_bounded_memory(
    big_jsonl_file: Path, peak_memory: Callable[[Callable[[], Any]], tuple[Any, int]]
) -> None:
    items, peak = peak_memory(lambda: list(read_jsonl(str(big_jsonl_file))))
    assert items[0] == InputProblem(
        str(big_jsonl_file), 1, "line is larger than the limit of 5,000,000 bytes"
    )
    assert isinstance(items[1], Document)
    assert items[1].id == "small"
    assert len(items) == 2
    assert peak < 20_000_000


def test_reading_is_lazy() -> None:
    class Stream(io.BytesIO):
        def __init__(self, data: bytes) -> None:
            super().__init__(data)
            self.reads = 0

        def read(self, size: int | None = -1, /) -> bytes:
            self.reads += 1
            return super().read(size)

    stream = Stream((_line(id="a", text=TEXT) + "\n").encode() * 3)
    items = read_jsonl_stream(stream, path="s", max_bytes=1000)
    assert stream.reads == 0
    assert next(items).origin == "s:1"  # type: ignore[union-attr]


def test_problem_as_error() -> None:
    at_line = InputProblem("news.jsonl", 4, 'missing "id"').as_error()
    assert isinstance(at_line, InputFormatError)
    assert (str(at_line), at_line.path, at_line.line, at_line.reason) == (
        'news.jsonl:4: missing "id"',
        "news.jsonl",
        4,
        'missing "id"',
    )
    whole = InputProblem("news.jsonl", None, "empty file").as_error()
    assert type(whole) is InputError
    assert str(whole) == "news.jsonl: empty file"
    assert str(InputProblem("a.jsonl", 2, "m")) == "a.jsonl:2: m"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-07-02", date(2024, 7, 2)),
        ("2024-07-02T00:00:00", date(2024, 7, 2)),
        ("2024-07-02T23:59:59.999999-05:00", date(2024, 7, 2)),
        ("2024-7-2", None),
        ("2024-07-02x", None),
        ("２０２４-０７-０２", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.jsonl", True), ("A.JSONL", True), ("b.ndjson", True), ("c.json", False), ("jsonl", False)],
)
def test_is_jsonl_path(name: str, expected: bool) -> None:
    assert is_jsonl_path(name) is expected


# --- lone surrogates: valid JSON escapes that are no character -----------------------------------

LONE = "\\ud800"  # as written in the JSON file: six ASCII characters


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param(f'{{"id": "a", "text": "Russia condemned {LONE} Japan."}}',
                     '"text" holds an invalid character (lone surrogate U+D800)', id="text"),
        pytest.param(f'{{"id": "a{LONE}", "text": "{TEXT}"}}',
                     '"id" holds an invalid character (lone surrogate U+D800)', id="id"),
        pytest.param(f'{{"id": "a", "text": "{TEXT} \\udfff"}}',
                     '"text" holds an invalid character (lone surrogate U+DFFF)', id="low-half"),
        pytest.param(f'{{"id": "a", "text": "{TEXT}", "date": "2024-07-02{LONE}"}}',
                     '"date" holds an invalid character (lone surrogate U+D800)', id="date"),
        pytest.param(f'{{"id": "a", "text": "{TEXT}", "url": "https://x.org/{LONE}"}}',
                     '"url" holds an invalid character (lone surrogate U+D800)', id="url"),
        pytest.param(f'{{"id": "a", "text": "{TEXT}", "source": "{LONE}"}}',
                     '"source" holds an invalid character (lone surrogate U+D800)', id="source"),
        pytest.param(f'{{"id": "a", "text": "{TEXT}", "title": "T {LONE}"}}',
                     '"title" holds an invalid character (lone surrogate U+D800)', id="title"),
    ],
)
def test_lone_surrogate_is_a_bad_line(line: str, message: str) -> None:
    problem = parse_record(line, path="news.jsonl", number=2)
    assert problem == InputProblem("news.jsonl", 2, message)
    str(problem).encode("utf-8")  # the message itself can be printed


def test_surrogate_pairs_and_ignored_fields_are_fine() -> None:
    emoji = '{"id": "a\\ud83d\\ude00", "text": "' + TEXT + ' \\ud83d\\ude00", "note": "\\ud800"}'
    doc = parse_record(emoji, path="news.jsonl", number=1)
    assert isinstance(doc, Document)
    assert doc.id == "a\U0001f600" and doc.text.endswith("\U0001f600")


def test_file_with_a_lone_surrogate_reads_on(tmp_path: Path) -> None:
    content = "\n".join([
        _line(id="a", text=TEXT),
        f'{{"id": "b", "text": "{TEXT}{LONE}"}}',
        _line(id="c", text=TEXT),
    ]) + "\n"
    items = _read(tmp_path, content)
    assert [getattr(i, "id", None) for i in items] == ["a", None, "c"]
    problem = items[1]
    assert isinstance(problem, InputProblem) and problem.line == 2
    assert "lone surrogate U+D800" in problem.message
