"""Stage 1 of the pipeline: turn input paths (files, or `-` for stdin) into Documents.

`read_documents` streams: JSONL is read line by line, and a bad line comes out as an
`InputProblem` between the good documents. A file that cannot be used at all raises
`InputError` naming it.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import IO, BinaryIO, TextIO, cast

from dyad.errors import InputError
from dyad.io import text as _text
from dyad.io.jsonl import InputProblem, is_jsonl_path, read_jsonl, read_jsonl_stream
from dyad.io.text import (
    CHUNK_BYTES,
    UTF8_BOM,
    ByteSource,
    check_path,
    read_text_file,
    text_document,
    too_large,
)
from dyad.record import Document

__all__ = ["STDIN_NAME", "InputProblem", "content_id", "read_documents", "read_stdin"]

#: The path that stands for standard input, and the name messages give it.
STDIN_PATH = "-"
STDIN_NAME = "<stdin>"
_LINE_SPACE = b" \t\r\f\v"


class _EncodedText:
    """A binary view of a text stream: its characters encoded back to UTF-8."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def read(self, size: int = -1, /) -> bytes:
        """Read about `size` characters and return them as UTF-8 bytes."""
        try:
            chunk = self._stream.read(size)
        except UnicodeDecodeError:
            raise InputError(STDIN_NAME, "not UTF-8; convert the input to UTF-8") from None
        try:
            return chunk.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            return chunk.encode("utf-8", "surrogatepass")


def _binary(stream: TextIO | BinaryIO | None) -> ByteSource:
    """A byte source for stdin, whichever kind of stream stands for it."""
    if stream is None:
        stream = sys.stdin
        if stream is None:
            raise InputError(STDIN_NAME, "there is no standard input")
    buffer = getattr(stream, "buffer", None)
    if buffer is not None and hasattr(buffer, "read"):
        return cast(ByteSource, buffer)
    if isinstance(stream.read(0), str):
        return _EncodedText(cast(IO[str], stream))
    return cast(ByteSource, stream)


class _Sniffer:
    """Watches bytes go by and tells whether every non-blank line starts with `{`."""

    def __init__(self) -> None:
        self.at_line_start = True
        self.first = True
        self.has_content = False
        self.all_braces = True

    def feed(self, chunk: bytes) -> None:
        """Take the next chunk of the input."""
        if self.first:
            chunk = chunk.removeprefix(UTF8_BOM)
            self.first = False
        for index, segment in enumerate(chunk.split(b"\n")):
            if index > 0:
                self.at_line_start = True
            if not self.at_line_start:
                continue
            rest = segment.lstrip(_LINE_SPACE)
            if rest:
                self.at_line_start = False
                self.has_content = True
                if rest[:1] != b"{":
                    self.all_braces = False

    @property
    def is_jsonl(self) -> bool:
        """Whether what was fed so far reads as JSONL."""
        return self.has_content and self.all_braces


def read_stdin(
    stream: TextIO | BinaryIO | None = None,
    *,
    default_date: date | None = None,
    max_bytes: int | None = None,
) -> Iterator[Document | InputProblem]:
    """Documents from stdin: JSONL if every non-blank line starts with `{`, else one text."""
    limit = _text.MAX_DOCUMENT_BYTES if max_bytes is None else max_bytes
    sniffer = _Sniffer()
    size = 0
    with tempfile.SpooledTemporaryFile(max_size=limit + 1) as spool:
        try:
            source = _binary(stream)
            while chunk := source.read(CHUNK_BYTES):
                sniffer.feed(chunk)
                size += len(chunk)
                if size > limit and not sniffer.all_braces:
                    raise InputError(STDIN_NAME, too_large(limit))
                spool.write(chunk)
        except OSError as exc:
            raise InputError(STDIN_NAME, f"cannot read the input ({exc.strerror or exc})") from None
        spool.seek(0)
        if sniffer.is_jsonl:
            yield from read_jsonl_stream(
                spool, path=STDIN_NAME, default_date=default_date, max_bytes=limit
            )
            return
        data = spool.read()
    doc = text_document(data, path=STDIN_NAME, doc_id="", default_date=default_date)
    yield replace(doc, id=content_id(doc.text))


def content_id(text: str) -> str:
    """A stable id for a document that has no name: the start of its text's SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_documents(
    paths: Sequence[str],
    *,
    default_date: date | None = None,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int | None = None,
) -> Iterator[Document | InputProblem]:
    """Read each path (`-` for stdin) as JSONL or plain text, streaming Documents and problems."""
    for path in paths:  # fail before any work if a named file cannot be there
        if path != STDIN_PATH:
            check_path(path)
    for path in paths:
        if path == STDIN_PATH:
            yield from read_stdin(stdin, default_date=default_date, max_bytes=max_bytes)
        elif is_jsonl_path(path):
            yield from read_jsonl(path, default_date=default_date, max_bytes=max_bytes)
        else:
            yield read_text_file(path, default_date=default_date, max_bytes=max_bytes)
