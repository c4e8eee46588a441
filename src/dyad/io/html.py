"""Saved HTML pages: the main text (trafilatura) and the page's metadata, as one Document.

The text is what trafilatura keeps of the article, paragraphs separated by blank lines, so
character offsets point into that text, not into the HTML. The document id is a hash of the
text; the date comes from the page's metadata, else from `default_date`.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from dyad.errors import InputError
from dyad.io import text as _text
from dyad.io.jsonl import parse_date
from dyad.io.language import looks_like_english
from dyad.io.read import content_id
from dyad.io.text import NOT_ENGLISH
from dyad.record import Document

#: File name suffixes read as HTML (compared in lower case).
HTML_SUFFIXES: tuple[str, ...] = (".html", ".htm", ".xhtml", ".shtml")
#: The message for a page in which no article text can be found.
NO_MAIN_TEXT = "broken or empty HTML: no main text found"
_NEWLINES = re.compile(r"\s*\n\s*")
# trafilatura and its helpers log page-level complaints ("discarding data: None"); dyad reports
# unusable pages itself, so keep those out of the user's terminal unless logging is set up.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

# Dates from the page's markup only: a guess from its text ("Copyright 2024") is worse than none.
_DATE_SEARCH = {"extensive_search": False, "original_date": True}


def is_html_path(path: str) -> bool:
    """Whether a file name says HTML."""
    return path.lower().endswith(HTML_SUFFIXES)


def html_document(data: bytes, *, path: str, default_date: date | None = None) -> Document:
    """The main text and metadata of an HTML page's bytes; InputError if there is no text."""
    import trafilatura

    if b"\x00" in data[: _text.SNIFF_BYTES]:
        raise InputError(path, "binary file, not HTML (contains NUL bytes)")
    try:
        extracted = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, date_extraction_params=_DATE_SEARCH)
    except Exception as exc:  # trafilatura and lxml raise many kinds on malformed input
        raise InputError(path, f"{NO_MAIN_TEXT} ({type(exc).__name__})") from None
    raw = getattr(extracted, "text", None) if extracted is not None else None
    if not isinstance(raw, str) or not raw.strip():
        raise InputError(path, NO_MAIN_TEXT)
    text = _NEWLINES.sub("\n\n", raw.strip())
    if not looks_like_english(text):
        raise InputError(path, NOT_ENGLISH)
    found = _string(extracted, "date")
    day = parse_date(found) if found else None
    return Document(
        id=content_id(text),
        text=text,
        date=day or default_date,
        url=_string(extracted, "url"),
        source=_string(extracted, "sitename") or _string(extracted, "hostname"),
        title=_string(extracted, "title"),
        origin=path,
    )


def _string(extracted: object, name: str) -> str:
    value = getattr(extracted, name, None)
    return value.strip() if isinstance(value, str) else ""


def read_html_file(
    path: str, *, default_date: date | None = None, max_bytes: int | None = None
) -> Document:
    """Read a saved HTML page as one Document; InputError if it is unreadable or has no text."""
    limit = _text.MAX_DOCUMENT_BYTES if max_bytes is None else max_bytes
    data = _text.read_file_bytes(path, limit)
    if not data.strip():
        raise InputError(path, _text.EMPTY)
    return html_document(data, path=path, default_date=default_date)
