"""HTML pages: main text (trafilatura) and metadata as one Document; broken pages are errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyad.errors import InputError
from dyad.io.html import NO_MAIN_TEXT, html_document, is_html_path, read_html_file
from dyad.io.read import content_id

PAGE = """<!doctype html><html><head><title>Russia suspends deal</title>
<meta property="og:url" content="https://news.example.org/russia-japan">
<meta property="og:site_name" content="Example News">
<meta name="date" content="2024-07-01"></head>
<body><nav>Home | World | Sport</nav>
<article><h1>Russia suspends deal</h1>
<p>Russia imposed sanctions on Japan on Monday, officials in Moscow said.</p>
<p>Japan condemned Russia's decision and said it would respond to the measures.</p></article>
<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_html_file(str(path), default_date=date(2020, 1, 1))
    assert "Russia imposed sanctions on Japan on Monday" in doc.text
    assert "Copyright" not in doc.text and "Sport" not in doc.text
    assert "\n\nJapan condemned" in doc.text  # paragraphs stay apart
    assert doc.id == content_id(doc.text)
    assert doc.date == date(2024, 7, 1)
    assert doc.url == "https://news.example.org/russia-japan"
    assert doc.source == "Example News"
    assert doc.title == "Russia suspends deal"
    assert doc.origin == str(path)


def test_html_without_date_takes_the_default() -> None:
    page = PAGE.replace('<meta name="date" content="2024-07-01">', "")
    doc = html_document(page.encode(), path="p.html", default_date=date(2024, 7, 2))
    assert doc.date == date(2024, 7, 2)


def test_html_offsets_point_into_the_text() -> None:
    doc = html_document(PAGE.encode(), path="p.html")
    start = doc.text.index("Japan condemned")
    assert doc.text[start : start + 5] == "Japan"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><body><div></div></body></html>", NO_MAIN_TEXT),
        (b"<html><body><p>", NO_MAIN_TEXT),
        (b"\x00\x01\x02<html>", "binary file, not HTML (contains NUL bytes)"),
        ("<html><body><article><p>" + "Москва ввела санкции против Японии. " * 5 +
         "</p></article></body></html>", "text does not look like English"),
    ],
)
def test_html_broken_pages(data: bytes | str, message: str) -> None:
    raw = data.encode() if isinstance(data, str) else data
    with pytest.raises(InputError) as caught:
        html_document(raw, path="bad.html")
    assert caught.value.message.startswith(f"bad.html: {message}")


def test_html_file_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("  \n")
    with pytest.raises(InputError, match="empty.html: empty file"):
        read_html_file(str(empty))
    big = tmp_path / "big.html"
    big.write_text(PAGE)
    with pytest.raises(InputError, match="larger than the limit of 100 bytes"):
        read_html_file(str(big), max_bytes=100)
    with pytest.raises(InputError, match="file not found"):
        read_html_file(str(tmp_path / "none.html"))


@pytest.mark.parametrize(("name", "html"), [("a.html", True), ("A.HTM", True),
                                            ("a.xhtml", True), ("a.txt", False)])
def test_html_suffixes(name: str, html: bool) -> None:
    assert is_html_path(name) is html
