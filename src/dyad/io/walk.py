"""Read a pile of news: files and folders (recursively) of text, JSONL, HTML and RSS/Atom.

`walk_documents` never raises for one bad input: every file or record that cannot be used
comes out as a `ReadProblem` naming it, with a `kind` saying why, and reading goes on.
Plain-text and HTML files are keyed by a hash of their text (copies of one article are one
document); JSONL records and feed entries keep the ids they give.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from dyad.errors import InputError
from dyad.io import text as _text
from dyad.io.feeds import MALFORMED, is_feed_path, read_feed
from dyad.io.html import is_html_path, read_html_file
from dyad.io.jsonl import InputProblem, is_jsonl_path, read_jsonl
from dyad.io.read import STDIN_PATH, content_id, read_stdin
from dyad.io.text import EMPTY, NOT_ENGLISH, ONLY_WHITESPACE, read_text_file
from dyad.record import Document

UNREADABLE = "unreadable"
TOO_LARGE = "too large"
NOT_ENGLISH_KIND = "not English"
EMPTY_KIND = "empty"
BAD_RECORD = "bad JSONL record"
BAD_HTML = "broken HTML"
BAD_FEED = "bad feed"


@dataclass(frozen=True)
class ReadProblem(InputProblem):
    """An input that could not be used, and the kind of reason (for the ingest report)."""

    kind: str = UNREADABLE


def _kind(message: str, *, default: str) -> str:
    if "larger than the limit" in message:
        return TOO_LARGE
    if message == NOT_ENGLISH:
        return NOT_ENGLISH_KIND
    if message in (EMPTY, ONLY_WHITESPACE, '"text" is empty', "feed entry has no text"):
        return EMPTY_KIND
    return default


def _problem(path: str, line: int | None, message: str, default: str) -> ReadProblem:
    return ReadProblem(path, line, message, _kind(message, default=default))


#: In a folder, files with these names (any extension) or extensions are documentation about
#: the news, not news: a corpus's README, SOURCES or LICENSE notes are left out.
DOCUMENTATION_NAMES = frozenset(
    {"readme", "sources", "license", "licence", "copying", "credits", "notice", "changelog"})
DOCUMENTATION_SUFFIXES = (".md", ".rst")


def is_documentation(name: str) -> bool:
    """Whether a file in a folder of news is documentation (README.md, SOURCES, LICENSE.txt)."""
    stem = name.split(".", 1)[0].lower()
    return stem in DOCUMENTATION_NAMES or name.lower().endswith(DOCUMENTATION_SUFFIXES)


def expand_paths(paths: Sequence[str]) -> Iterator[str]:
    """The files named, with folders replaced by their files (sorted; hidden files and
    documentation such as README.md or SOURCES.md left out). Files named directly are
    always kept."""
    for path in paths:
        if path == STDIN_PATH or not os.path.isdir(path):
            yield path
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith(".") and not is_documentation(name):
                    yield os.path.join(folder, name)


def _read_one(path: str, default_date: date | None, max_bytes: int | None
              ) -> Iterator[Document | InputProblem]:
    if path == STDIN_PATH:
        yield from read_stdin(default_date=default_date, max_bytes=max_bytes)
    elif is_jsonl_path(path):
        yield from read_jsonl(path, default_date=default_date, max_bytes=max_bytes)
    elif is_html_path(path):
        yield read_html_file(path, default_date=default_date, max_bytes=max_bytes)
    elif is_feed_path(path):
        yield from read_feed(path, default_date=default_date, max_bytes=max_bytes)
    else:
        document = read_text_file(path, default_date=default_date, max_bytes=max_bytes)
        yield replace(document, id=content_id(document.text))


def _default_kind(path: str) -> str:
    if is_jsonl_path(path):
        return BAD_RECORD
    if is_html_path(path):
        return BAD_HTML
    if is_feed_path(path):
        return BAD_FEED
    return UNREADABLE


def walk_documents(
    paths: Sequence[str], *, default_date: date | None = None, max_bytes: int | None = None
) -> Iterator[Document | ReadProblem]:
    """Documents from files and folders, and a ReadProblem for each input that cannot be used."""
    for path in expand_paths(paths):
        kind = _default_kind(path)
        try:
            for item in _read_one(path, default_date, max_bytes):
                if isinstance(item, InputProblem):
                    default = BAD_FEED if item.message.startswith(MALFORMED) else kind
                    yield _problem(item.path, item.line, item.message, default)
                else:
                    yield item
        except InputError as exc:
            default = UNREADABLE if kind == BAD_RECORD else kind
            yield _problem(exc.path, exc.line, exc.reason, default)


def estimate_documents(paths: Sequence[str]) -> int:
    """A quick guess at how many documents the paths hold (JSONL lines, feed entries, files)."""
    total = 0
    for path in expand_paths(paths):
        if path == STDIN_PATH:
            continue
        try:
            if is_jsonl_path(path):
                total += _count(path, b"\n")
            elif is_feed_path(path) and not is_html_path(path):
                total += max(1, _count(path, b"<item") + _count(path, b"<entry"))
            else:
                total += 1
        except OSError:
            total += 1
    return total


def _count(path: str, needle: bytes) -> int:
    count = 0
    tail = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(_text.CHUNK_BYTES):
            data = tail + chunk
            count += data.count(needle)
            keep = len(needle) - 1  # so that a needle across two chunks is seen once
            tail = data[-keep:] if keep else b""
    return count
