"""RSS and Atom feed files (feedparser): one Document per entry.

An entry's text is its content (else its summary, else its title) with the HTML taken out,
paragraphs separated by blank lines. Its id is the entry's id (else its link, else a hash of
the text), its date the entry's published (else updated) date, else `default_date`. A feed
whose XML is malformed still gives the entries feedparser could read, after a warning; a file
that gives none is an InputError. A numeric character reference to no character (a lone
surrogate `&#xD800;`, or beyond U+10FFFF), on which feedparser fails, makes its entry a bad
document; the other entries are read.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from dyad.errors import InputError
from dyad.io import text as _text
from dyad.io.jsonl import InputProblem
from dyad.io.language import looks_like_english
from dyad.io.read import content_id
from dyad.io.text import NOT_ENGLISH, check_path, invalid_character, read_bounded, too_large
from dyad.record import Document

#: File name suffixes read as feeds (compared in lower case).
FEED_SUFFIXES: tuple[str, ...] = (".rss", ".atom", ".rdf", ".xml")
#: The largest feed file read, in bytes (each entry is still held to the document limit).
MAX_FEED_BYTES = 100_000_000
NOT_A_FEED = "not a readable RSS or Atom feed"
MALFORMED = "feed XML is malformed"

_BLOCKS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
           "pre", "table", "tr", "section", "article", "header", "footer", "figure", "dd", "dt")
_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n")
_CHAR_REF = re.compile(rb"&#([xX][0-9a-fA-F]+|[0-9]+)")
# What a reference to no character is replaced with before parsing: a noncharacter, which
# no feed has reason to hold; an entry that holds it is reported.
_NO_CHARACTER = "\ufdd0"
NO_CHARACTER = ("feed entry holds an invalid character (a character reference to a lone "
                "surrogate or beyond U+10FFFF)")


def is_feed_path(path: str) -> bool:
    """Whether a file name says RSS or Atom (`.xml` files are read as feeds too)."""
    return path.lower().endswith(FEED_SUFFIXES)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block element, blank-line separated."""
    if "<" not in markup:
        return _paragraphs(markup)
    import lxml.html  # type: ignore[import-untyped]

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # lxml raises ParserError and others on junk
        return _paragraphs(re.sub(r"<[^>]*>", " ", markup))
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    for element in root.iter("br"):
        element.tail = "\n\n" + (element.tail or "")
    return _paragraphs(str(root.text_content()))


def _paragraphs(text: str) -> str:
    parts = (" ".join(p.split()) for p in _BLANK_LINES.split(text))
    return "\n\n".join(p for p in parts if p)


def _mark_bad_references(data: bytes) -> bytes:
    """`data` with each numeric character reference to no character replaced by a marker."""
    if b"&#" not in data:
        return data

    def fix(match: re.Match[bytes]) -> bytes:
        ref = match.group(1)
        hexadecimal = ref[:1] in b"xX"
        digits = ref[1:] if hexadecimal else ref
        if len(digits.lstrip(b"0")) > 8:  # beyond U+10FFFF whatever the base
            return b"&#xFDD0"
        value = int(digits, 16 if hexadecimal else 10)
        if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
            return b"&#xFDD0"
        return match.group(0)

    return _CHAR_REF.sub(fix, data)


def _bad(value: str) -> bool:
    """Whether a field holds the marker of a reference to no character (or a surrogate)."""
    return _NO_CHARACTER in value or invalid_character(value) is not None


def _entry_date(entry: Any) -> date | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(name)
        if value:
            try:
                return date(value[0], value[1], value[2])
            except (TypeError, ValueError, IndexError):
                continue
    return None


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or ():
        value = content.get("value") if hasattr(content, "get") else None
        if isinstance(value, str) and value.strip():
            return html_to_text(value)
    for name in ("summary", "description", "title"):
        value = entry.get(name)
        if isinstance(value, str) and value.strip():
            return html_to_text(value)
    return ""


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def feed_documents(
    data: bytes, *, path: str, default_date: date | None = None, max_bytes: int | None = None
) -> Iterator[Document | InputProblem]:
    """Documents (or problems) from the bytes of an RSS or Atom feed named `path`."""
    import feedparser  # type: ignore[import-untyped]

    limit = _text.MAX_DOCUMENT_BYTES if max_bytes is None else max_bytes
    try:
        parsed = feedparser.parse(_mark_bad_references(data))
    except Exception as exc:  # feedparser's loose parser raises on odd input
        raise InputError(path, f"{NOT_A_FEED} ({type(exc).__name__})") from None
    entries = list(parsed.get("entries") or ())
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    if problem is not None and isinstance(problem, benign):
        problem = None
    texts = [_entry_text(entry) for entry in entries]
    if not entries or (problem is not None and not any(texts)):
        detail = f" ({_reason(problem)})" if problem is not None else " (no entries)"
        raise InputError(path, NOT_A_FEED + detail)
    if problem is not None:
        yield InputProblem(path, None, f"{MALFORMED} ({_reason(problem)}); "
                           "read the entries found before the error")
    feed = parsed.get("feed") or {}
    source = str(feed.get("title") or "").strip()
    if _bad(source):  # the feed's name, not any entry's: fall back to its host
        source = ""
    source = source or _host(str(feed.get("link") or ""))
    for number, (entry, text) in enumerate(zip(entries, texts, strict=True), start=1):
        where = f"{path}#{number}"
        if not text:
            yield InputProblem(where, None, "feed entry has no text")
            continue
        if len(text.encode("utf-8")) > limit:
            yield InputProblem(where, None, too_large(limit))
            continue
        if not looks_like_english(text):
            yield InputProblem(where, None, NOT_ENGLISH)
            continue
        link = str(entry.get("link") or "").strip()
        raw_id = str(entry.get("id") or "").strip()
        title = html_to_text(str(entry.get("title") or ""))
        if any(_bad(value) for value in (text, link, raw_id, title)):
            yield InputProblem(where, None, NO_CHARACTER)
            continue
        yield Document(
            id=raw_id or link or content_id(text),
            text=text,
            date=_entry_date(entry) or default_date,
            url=link,
            source=source or _host(link),
            title=title,
            origin=where,
        )


def _reason(exc: object) -> str:
    message = getattr(exc, "getMessage", None)
    text = message() if callable(message) else str(exc)
    line = getattr(exc, "getLineNumber", None)
    where = f" at line {line()}" if callable(line) else ""
    return f"{text}{where}"


def read_feed(
    path: str, *, default_date: date | None = None, max_bytes: int | None = None
) -> Iterator[Document | InputProblem]:
    """Documents (or problems) from an RSS or Atom file; InputError if it gives no entry."""
    check_path(path)
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_FEED_BYTES:
                raise InputError(path, too_large(MAX_FEED_BYTES, "feed file"))
            data = read_bounded(handle, path, MAX_FEED_BYTES)
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(path, _text.EMPTY)
    yield from feed_documents(data, path=path, default_date=default_date, max_bytes=max_bytes)
