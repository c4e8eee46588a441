"""Plain-text documents, and the byte-level checks every reader shares.

Files are read as bytes and decoded here, so that nothing but a UTF-8 byte-order mark is ever
removed: character offsets into `Document.text` are offsets into the file's decoded text
(Windows line endings included).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from dyad.errors import InputError
from dyad.io.language import looks_like_english
from dyad.record import Document

#: The largest document (a text file, or one JSONL line) read, in bytes.
MAX_DOCUMENT_BYTES = 5_000_000
#: How many bytes are read from a file at a time.
CHUNK_BYTES = 1 << 20
#: How many bytes at the start of a file are looked at to tell binary from text.
SNIFF_BYTES = 1 << 16
#: A file whose sniffed bytes are at least this share of control bytes is binary.
MAX_CONTROL_SHARE = 0.3

UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control bytes that do not occur in text (tab, line feed, vertical tab, form feed, carriage
# return and escape do).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])

_SURROGATE = re.compile("[\ud800-\udfff]")

EMPTY = "empty file"
ONLY_WHITESPACE = "empty file (only whitespace)"
NOT_ENGLISH = "text does not look like English; dyad codes English news only"


class ByteSource(Protocol):
    """Anything with a binary `read(size)`: an open file, a pipe, an in-memory buffer."""

    def read(self, size: int = -1, /) -> bytes:
        """Read at most `size` bytes; b"" at the end."""
        ...


@dataclass(frozen=True, slots=True)
class RawLine:
    """One physical line of a file, as bytes without its line feed."""

    number: int  # 1-based
    data: bytes  # for an oversize line, only its first bytes
    oversize: bool = False


def too_large(max_bytes: int, what: str = "document") -> str:
    """The message for a document (or a line) over the size limit."""
    return f"{what} is larger than the limit of {max_bytes:,} bytes"


def not_utf8(byte: int, column: int) -> str:
    """The message for the first byte that is not UTF-8 (column counts bytes from 1)."""
    return f"not UTF-8 (byte 0x{byte:02x} at column {column}); convert the file to UTF-8"


def invalid_character(value: str) -> str | None:
    """Why `value` cannot be a document's text or field, or None when it can.

    A lone UTF-16 surrogate (JSON allows the escape `"\\ud800"`) is no character: it can be
    neither encoded as UTF-8 nor hashed, stored or printed.
    """
    if value.isascii():
        return None
    match = _SURROGATE.search(value)
    if match is None:
        return None
    return f"holds an invalid character (lone surrogate U+{ord(match.group()):04X})"


def check_path(path: str) -> None:
    """Raise InputError unless `path` names an existing file that is not a directory."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a directory, not a file")


def check_not_binary(head: bytes, path: str) -> None:
    """Raise InputError if a file's first bytes show it is binary (or UTF-16), not text."""
    if head.startswith(_UTF16_BOMS):
        raise InputError(path, "UTF-16 text, not UTF-8; convert the file to UTF-8")
    if b"\x00" in head:
        raise InputError(path, "binary file, not text (contains NUL bytes)")
    sample = head[:SNIFF_BYTES]
    if sample:
        control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
        if control / len(sample) >= MAX_CONTROL_SHARE:
            raise InputError(path, "binary file, not text (mostly control bytes)")


def decode_utf8(data: bytes) -> tuple[str, tuple[int, int, int] | None]:
    """Decode UTF-8, dropping a leading BOM; on failure, (byte, line, column) of the bad byte."""
    body = data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(data) - len(body))
        line_start = data.rfind(b"\n", 0, offset) + 1
        line = data.count(b"\n", 0, offset) + 1
        return "", (data[offset], line, offset - line_start + 1)


def decode_text(data: bytes, path: str) -> str:
    """The text of a whole file's bytes; InputError if binary or not UTF-8."""
    check_not_binary(data, path)
    text, bad = decode_utf8(data)
    if bad is not None:
        byte, line, column = bad
        raise InputError(path, not_utf8(byte, column), line=line)
    return text


def read_bounded(source: ByteSource, path: str, max_bytes: int) -> bytes:
    """All bytes of `source`, read in chunks; InputError once there are over `max_bytes`."""
    chunks: list[bytes] = []
    size = 0
    while chunk := source.read(CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            raise InputError(path, too_large(max_bytes))
        chunks.append(chunk)
    return b"".join(chunks)


def _prefix(parts: list[bytes], size: int = 1024) -> bytes:
    """The first `size` bytes of the joined parts, without joining them all."""
    out = bytearray()
    for part in parts:
        out += part[: size - len(out)]
        if len(out) >= size:
            break
    return bytes(out)


def iter_lines(source: ByteSource, max_bytes: int) -> Iterator[RawLine]:
    """The lines of `source`, streamed in chunks; a line over `max_bytes` is skipped, not kept."""
    read = getattr(source, "read1", source.read)
    number = 1
    parts: list[bytes] = []
    size = 0
    head: bytes | None = None  # set while skipping the rest of an oversize line
    while chunk := read(CHUNK_BYTES):
        start = 0
        while True:
            newline = chunk.find(b"\n", start)
            end = len(chunk) if newline < 0 else newline
            if head is None and end > start:
                size += end - start
                if size > max_bytes:
                    head = _prefix([*parts, chunk[start:end]])
                    parts = []
                else:
                    parts.append(chunk[start:end])
            if newline < 0:
                break
            if head is None:
                yield RawLine(number, b"".join(parts))
            else:
                yield RawLine(number, head, oversize=True)
            number += 1
            parts, size, head, start = [], 0, None, newline + 1
    if head is not None:
        yield RawLine(number, head, oversize=True)
    elif parts:
        yield RawLine(number, b"".join(parts))


def text_document(
    data: bytes, *, path: str, doc_id: str, default_date: date | None = None
) -> Document:
    """One plain-text Document from a whole file's bytes; InputError if they are not usable."""
    text = decode_text(data, path)
    if not text:
        raise InputError(path, EMPTY)
    if not text.strip():
        raise InputError(path, ONLY_WHITESPACE)
    if not looks_like_english(text):
        raise InputError(path, NOT_ENGLISH)
    return Document(id=doc_id, text=text, date=default_date, origin=path)


def read_file_bytes(path: str, limit: int) -> bytes:
    """A whole file's bytes, refusing (without reading it all) a file over `limit` bytes."""
    check_path(path)
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise InputError(path, too_large(limit))
            data = read_bounded(handle, path, limit)
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    return data


def read_text_file(
    path: str, *, default_date: date | None = None, max_bytes: int | None = None
) -> Document:
    """Read a plain-text file as one Document whose id is the file's name."""
    limit = MAX_DOCUMENT_BYTES if max_bytes is None else max_bytes
    data = read_file_bytes(path, limit)
    return text_document(
        data, path=path, doc_id=os.path.basename(path) or path, default_date=default_date
    )
