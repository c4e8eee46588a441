"""JSONL documents: one JSON object per line, read line by line.

Each line holds `id` (string or number) and `text` (non-empty string), and optionally `date`
(`YYYY-MM-DD`, or an ISO date-time whose date part is taken), `url`, `source`, `title` and
`speaker` (who "we" and "I" are in the text: an actor code such as `JPNGOV`, or a name the
actor dictionaries know); other fields are ignored. A string holding a lone surrogate
(`"\\ud800"`, valid JSON but no character) makes the line bad. A bad line gives an
`InputProblem` and reading goes on; only whole-file faults (missing, a directory, empty,
binary) raise `InputError`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from dyad.errors import InputError, InputFormatError
from dyad.io import text as _text
from dyad.io.language import looks_like_english
from dyad.io.text import (
    EMPTY,
    NOT_ENGLISH,
    ONLY_WHITESPACE,
    SNIFF_BYTES,
    UTF8_BOM,
    ByteSource,
    check_not_binary,
    check_path,
    decode_utf8,
    invalid_character,
    iter_lines,
    not_utf8,
    too_large,
)
from dyad.record import Document

#: File name suffixes read as JSONL (compared in lower case).
JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".ndjson")

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]")
_OPTIONAL_STRINGS = ("url", "source", "title", "speaker")


@dataclass(frozen=True)
class InputProblem:
    """A bad document inside a batch: the caller warns and goes on."""

    path: str
    line: int | None
    message: str

    def as_error(self) -> InputError:
        """The problem as an exception (InputFormatError when it is at a line)."""
        if self.line is None:
            return InputError(self.path, self.message)
        return InputFormatError(self.path, self.message, line=self.line)

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class _Replay:
    """A byte source that gives back bytes already read from `source`, then the rest of it."""

    def __init__(self, head: bytes, source: ByteSource) -> None:
        self._head = head
        self._source = source

    def read(self, size: int = -1, /) -> bytes:
        """Read at most `size` bytes (all that is left when `size` < 0)."""
        if not self._head:
            return self._source.read(size)
        if size < 0:
            data, self._head = self._head + self._source.read(), b""
            return data
        data, self._head = self._head[:size], self._head[size:]
        return data


def json_type(value: object) -> str:
    """The JSON name of a parsed value's type, with its article, for messages ("an array")."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float | Decimal):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def parse_date(value: str) -> date | None:
    """The date of `YYYY-MM-DD` or of an ISO date-time string; None if it is not one."""
    try:
        if _DATE.fullmatch(value):
            return date.fromisoformat(value)
        if _DATETIME.match(value):
            return datetime.fromisoformat(value).date()
    except ValueError:
        return None
    return None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _load(line: str) -> tuple[Any, str]:
    """The JSON value of a line, or an error message."""
    try:
        return json.loads(line, parse_float=Decimal, parse_constant=_reject_constant), ""
    except json.JSONDecodeError as exc:
        return None, f"invalid JSON ({exc.msg} at column {exc.colno})"
    except ValueError as exc:
        return None, f"invalid JSON ({exc})"
    except RecursionError:
        return None, "invalid JSON (nested too deeply)"


def _show(value: str, limit: int = 40) -> str:
    """A JSON-quoted, shortened copy of a string value, for messages."""
    return json.dumps(value if len(value) <= limit else value[:limit] + "…", ensure_ascii=False)


def parse_record(
    line: str, *, path: str, number: int, default_date: date | None = None
) -> Document | InputProblem:
    """One JSONL line (already decoded) as a Document, or the problem that makes it unusable."""

    def problem(message: str) -> InputProblem:
        """The problem with this line."""
        return InputProblem(path, number, message)

    record, error = _load(line)
    if error:
        return problem(error)
    if not isinstance(record, dict):
        return problem(f"expected a JSON object, got {json_type(record)}")

    if "id" not in record:
        return problem('missing "id"')
    raw_id = record["id"]
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int | Decimal):
        return problem(f'"id" must be a string or a number, got {json_type(raw_id)}')
    doc_id = str(raw_id)
    if bad := invalid_character(doc_id):
        return problem(f'"id" {bad}')
    if not doc_id.strip():
        return problem('"id" is empty')

    if "text" not in record:
        return problem('missing "text"')
    text = record["text"]
    if not isinstance(text, str):
        return problem(f'"text" must be a string, got {json_type(text)}')
    if bad := invalid_character(text):
        return problem(f'"text" {bad}')
    if not text.strip():
        return problem('"text" is empty')

    doc_date = default_date
    raw_date = record.get("date")
    if raw_date is not None and raw_date != "":
        if not isinstance(raw_date, str):
            return problem(f'"date" must be a string, got {json_type(raw_date)}')
        if bad := invalid_character(raw_date):
            return problem(f'"date" {bad}')
        parsed = parse_date(raw_date)
        if parsed is None:
            return problem(f'bad "date" {_show(raw_date)}: expected YYYY-MM-DD or an ISO date-time')
        doc_date = parsed

    extras: dict[str, str] = {}
    for name in _OPTIONAL_STRINGS:
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            return problem(f'"{name}" must be a string, got {json_type(value)}')
        if bad := invalid_character(value):
            return problem(f'"{name}" {bad}')
        extras[name] = value

    if not looks_like_english(text):
        return problem(NOT_ENGLISH)
    return Document(
        id=doc_id,
        text=text,
        date=doc_date,
        url=extras.get("url", ""),
        source=extras.get("source", ""),
        title=extras.get("title", ""),
        origin=f"{path}:{number}",
        speaker=extras.get("speaker", ""),
    )


def read_jsonl_stream(
    source: ByteSource,
    *,
    path: str,
    default_date: date | None = None,
    max_bytes: int | None = None,
) -> Iterator[Document | InputProblem]:
    """Documents (or problems) from the lines of an open binary JSONL stream named `path`."""
    limit = _text.MAX_DOCUMENT_BYTES if max_bytes is None else max_bytes
    head = source.read(SNIFF_BYTES)
    check_not_binary(head, path)
    seen_content = False
    for raw in iter_lines(_Replay(head, source), limit):
        if raw.oversize:
            seen_content = True
            yield InputProblem(path, raw.number, too_large(limit, "line"))
            continue
        line, bad = decode_utf8(raw.data)
        if bad is not None:
            seen_content = True
            byte, _, column = bad
            yield InputProblem(path, raw.number, not_utf8(byte, column))
            continue
        if not line.strip():
            continue
        seen_content = True
        yield parse_record(line, path=path, number=raw.number, default_date=default_date)
    if not seen_content:
        raise InputError(path, EMPTY if head.removeprefix(UTF8_BOM) == b"" else ONLY_WHITESPACE)


def read_jsonl(
    path: str, *, default_date: date | None = None, max_bytes: int | None = None
) -> Iterator[Document | InputProblem]:
    """Documents (or problems) from a JSONL file, read line by line."""
    check_path(path)
    try:
        with open(path, "rb") as handle:
            yield from read_jsonl_stream(
                handle, path=path, default_date=default_date, max_bytes=max_bytes
            )
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None


def is_jsonl_path(path: str) -> bool:
    """Whether a file name says JSONL (`.jsonl`, `.ndjson`)."""
    return path.lower().endswith(JSONL_SUFFIXES)
