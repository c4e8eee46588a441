"""JSONL lines as Spark reads them (raw bytes plus file and line number) into Documents.

The checks are `dyad ingest`'s own: the same UTF-8 decoding, size limit and record rules
(`dyad.io.jsonl.parse_record`), so a line is a document, a problem or blank exactly as there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from urllib.parse import unquote, urlsplit

from dyad.io.jsonl import InputProblem, parse_record
from dyad.io.text import MAX_DOCUMENT_BYTES, decode_utf8, not_utf8, too_large
from dyad.io.walk import BAD_RECORD, ReadProblem, _kind
from dyad.record import Document

#: Where a line's block starts in its file, keyed by (file, block start): lines before it.
BlockOffsets = dict[tuple[str, int], tuple[int, int]]


@dataclass(frozen=True)
class LineOptions:
    """How to read lines: the date of undated documents and the largest line taken."""

    default_date: date | None = None
    max_bytes: int = MAX_DOCUMENT_BYTES


def display_path(uri: str) -> str:
    """A file URI as people write it: `file:/a/b.jsonl` → `/a/b.jsonl`; others unchanged."""
    parts = urlsplit(uri)
    if parts.scheme == "file":
        return unquote(parts.path)
    return uri


def block_offsets(blocks: Iterable[tuple[str, int, int, int]]) -> BlockOffsets:
    """From (file, block start, lines, first sequence number) per block, each block's
    (lines before it in its file, first sequence number)."""
    offsets: BlockOffsets = {}
    seen: dict[str, int] = {}
    for path, start, lines, first in sorted(blocks):
        offsets[(path, start)] = (seen.get(path, 0), first)
        seen[path] = seen.get(path, 0) + lines
    return offsets


def line_number(offsets: BlockOffsets, path: str, block: int, sequence: int) -> int:
    """The 1-based line number of the row with this sequence number in a block of a file."""
    before, first = offsets[(path, block)]
    return before + sequence - first + 1


def parse_line(data: bytes, path: str, number: int, options: LineOptions
               ) -> Document | ReadProblem | None:
    """One raw JSONL line as a Document, a problem, or None when it is blank."""
    if len(data) > options.max_bytes:
        return ReadProblem(path, number, too_large(options.max_bytes, "line"),
                           _kind(too_large(options.max_bytes, "line"), default=BAD_RECORD))
    text, bad = decode_utf8(data)
    if bad is not None:
        byte, _, column = bad
        return ReadProblem(path, number, not_utf8(byte, column), BAD_RECORD)
    if not text.strip():
        return None
    item = parse_record(text, path=path, number=number, default_date=options.default_date)
    if isinstance(item, InputProblem):
        return ReadProblem(item.path, item.line, item.message,
                           _kind(item.message, default=BAD_RECORD))
    return item


def parse_lines(rows: Iterable[tuple[bytes, str, int, int]], offsets: BlockOffsets,
                options: LineOptions) -> Iterator[Document | ReadProblem]:
    """Documents and problems from (line bytes, file URI, block start, sequence) rows."""
    for data, uri, block, sequence in rows:
        number = line_number(offsets, uri, block, sequence)
        item = parse_line(bytes(data), display_path(uri), number, options)
        if item is not None:
            yield item
