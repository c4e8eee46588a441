"""Plain-text files: one Document each, exact text, and one clear error per unusable file."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dyad.errors import InputError
from dyad.io.text import (
    MAX_DOCUMENT_BYTES,
    RawLine,
    decode_utf8,
    iter_lines,
    read_bounded,
    read_text_file,
    text_document,
)

ENGLISH = (
    "Tokyo deemed Moscow's decision to terminate agreements governing Japan Center "
    "operations as unacceptable, and the government said it would respond."
)
FRENCH = (
    "Le ministre des Affaires étrangères a convoqué l'ambassadeur de Chine pour protester "
    "contre l'intrusion de navires des garde-côtes chinois dans les eaux territoriales "
    "japonaises. Le gouvernement a demandé le retrait immédiat des navires."
)


def test_reads_one_document_named_after_the_file(data_dir: Path) -> None:
    path = data_dir / "japan-centers.txt"
    doc = read_text_file(str(path), default_date=date(2024, 7, 2))
    assert doc.id == "japan-centers.txt"
    assert doc.text == path.read_text(encoding="utf-8")
    assert doc.date == date(2024, 7, 2)
    assert doc.origin == str(path)
    assert (doc.url, doc.source, doc.title) == ("", "", "")


def test_date_defaults_to_none(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    assert read_text_file(str(tmp_path / "a.txt")).date is None


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        pytest.param(ENGLISH.encode(), ENGLISH, id="plain"),
        pytest.param(b"\xef\xbb\xbf" + ENGLISH.encode(), ENGLISH, id="bom-stripped"),
        pytest.param(
            ENGLISH.replace(", ", ",\r\n").encode(),
            ENGLISH.replace(", ", ",\r\n"),
            id="windows-line-endings-kept",
        ),
        pytest.param(
            ("  " + ENGLISH + "\n\n\n").encode(), "  " + ENGLISH + "\n\n\n", id="whitespace-kept"
        ),
        pytest.param(
            ("“" + ENGLISH + "” — Mishustin (Мишустин)\u00a0\u200b").encode(),
            "“" + ENGLISH + "” — Mishustin (Мишустин)\u00a0\u200b",
            id="unicode-kept",
        ),
        pytest.param(
            (ENGLISH + "\f" + ENGLISH + "\x01").encode(),
            ENGLISH + "\f" + ENGLISH + "\x01",
            id="stray-control-bytes-ok",
        ),
    ],
)
def test_text_is_kept_exactly(tmp_path: Path, raw: bytes, text: str) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes(raw)
    doc = read_text_file(str(path))
    assert doc.text == text
    decoded = raw.decode("utf-8-sig")
    assert doc.text.index("unacceptable") == decoded.index("unacceptable")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        pytest.param(b"", "news.txt: empty file", id="empty"),
        pytest.param(b"\xef\xbb\xbf", "news.txt: empty file", id="only-bom"),
        pytest.param(b" \r\n\t\n  ", "news.txt: empty file (only whitespace)", id="whitespace"),
        pytest.param(
            ENGLISH.encode() + b"\x00\x00",
            "news.txt: binary file, not text (contains NUL bytes)",
            id="nul-bytes",
        ),
        pytest.param(
            b"\x01\x02\x03\x04text" * 50,
            "news.txt: binary file, not text (mostly control bytes)",
            id="control-bytes",
        ),
        pytest.param(
            b"\xff\xfe" + ENGLISH.encode("utf-16-le"),
            "news.txt: UTF-16 text, not UTF-8; convert the file to UTF-8",
            id="utf-16-le",
        ),
        pytest.param(
            b"\xfe\xff" + ENGLISH.encode("utf-16-be"),
            "news.txt: UTF-16 text, not UTF-8; convert the file to UTF-8",
            id="utf-16-be",
        ),
        pytest.param(
            b"Title\n\nThe minister\xff said",
            "news.txt:3: not UTF-8 (byte 0xff at column 13); convert the file to UTF-8",
            id="latin-1-byte",
        ),
        pytest.param(
            "Le ministre a été reçu".encode("latin-1"),
            "news.txt:1: not UTF-8 (byte 0xe9 at column 15); convert the file to UTF-8",
            id="latin-1-file",
        ),
        pytest.param(
            b"\xef\xbb\xbfab\xffc",
            "news.txt:1: not UTF-8 (byte 0xff at column 6); convert the file to UTF-8",
            id="column-counts-bom",
        ),
        pytest.param(
            b"one\r\ntwo\r\nend \xe2\x80",
            "news.txt:3: not UTF-8 (byte 0xe2 at column 5); convert the file to UTF-8",
            id="truncated-sequence",
        ),
        pytest.param(
            FRENCH.encode(),
            "news.txt: text does not look like English; dyad codes English news only",
            id="french",
        ),
        pytest.param(
            ("Премьер-министр России подписал распоряжение о прекращении соглашений").encode(),
            "news.txt: text does not look like English; dyad codes English news only",
            id="russian",
        ),
    ],
)
def test_unusable_file_contents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raw: bytes, message: str
) -> None:
    (tmp_path / "news.txt").write_bytes(raw)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as caught:
        read_text_file("news.txt")
    assert str(caught.value) == message
    assert caught.value.path == "news.txt"


def test_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.txt")
    with pytest.raises(InputError, match=r"nope\.txt: file not found$") as caught:
        read_text_file(path)
    assert str(caught.value) == f"{path}: file not found"
    assert caught.value.line is None


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_text_file(str(tmp_path))
    assert str(caught.value) == f"{tmp_path}: is a directory, not a file"


def test_error_names_the_path_as_given(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "news.txt"
    path.write_bytes(b"ok\n\xff")
    with pytest.raises(InputError) as caught:
        read_text_file(str(path))
    assert caught.value.path == str(path)
    assert caught.value.line == 2
    assert caught.value.reason == "not UTF-8 (byte 0xff at column 1); convert the file to UTF-8"


@pytest.mark.parametrize(("size", "ok"), [(100, True), (101, False)])
def test_size_limit_on_files(tmp_path: Path, size: int, ok: bool) -> None:
    text = (ENGLISH * 3)[:size]
    (tmp_path / "news.txt").write_text(text, encoding="utf-8")
    if ok:
        assert read_text_file(str(tmp_path / "news.txt"), max_bytes=100).text == text
    else:
        with pytest.raises(InputError) as caught:
            read_text_file(str(tmp_path / "news.txt"), max_bytes=100)
        assert caught.value.reason == "document is larger than the limit of 100 bytes"


def test_default_size_limit(tmp_path: Path) -> None:
    assert MAX_DOCUMENT_BYTES == 5_000_000
    path = tmp_path / "news.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)
    with pytest.raises(InputError) as caught:
        read_text_file(str(path))
    assert str(caught.value) == f"{path}: document is larger than the limit of 5,000,000 bytes"


def test_fifty_megabyte_single_line_is_rejected_in_bounded_memory(
    big_text_file: Path, peak_memory: Callable[[Callable[[], Any]], tuple[Any, int]]
) -> None:
    result, peak = peak_memory(lambda: read_text_file(str(big_text_file)))
    assert isinstance(result, InputError)
    assert result.reason == "document is larger than the limit of 5,000,000 bytes"
    assert peak < 20_000_000


def test_bounded_read_of_a_stream_stops_early(
    big_text_file: Path, peak_memory: Callable[[Callable[[], Any]], tuple[Any, int]]
) -> None:
    with big_text_file.open("rb") as handle:
        result, peak = peak_memory(lambda: read_bounded(handle, "<pipe>", MAX_DOCUMENT_BYTES))
        assert handle.tell() < 10_000_000
    assert str(result) == "<pipe>: document is larger than the limit of 5,000,000 bytes"
    assert peak < 20_000_000


@pytest.mark.parametrize(
    ("size", "ok"), [(0, True), (10, True), (11, False), (3 * 1024 * 1024, False)]
)
def test_read_bounded(size: int, ok: bool) -> None:
    data = b"x" * size
    if ok:
        assert read_bounded(io.BytesIO(data), "p", 10) == data
    else:
        with pytest.raises(InputError, match=r"^p: document is larger than the limit of 10 bytes$"):
            read_bounded(io.BytesIO(data), "p", 10)


def test_text_document_from_bytes() -> None:
    doc = text_document(
        ENGLISH.encode(), path="<stdin>", doc_id="abc", default_date=date(2020, 1, 1)
    )
    assert (doc.id, doc.text, doc.date, doc.origin) == ("abc", ENGLISH, date(2020, 1, 1), "<stdin>")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"abc", ("abc", None)),
        (b"\xef\xbb\xbfabc", ("abc", None)),
        (b"a\nb\nc\xffd", ("", (0xFF, 3, 2))),
        (b"\xef\xbb\xbf\xc3(", ("", (0xC3, 1, 4))),
        (b"ok \xed\xa0\x80", ("", (0xED, 1, 4))),  # an encoded surrogate is not UTF-8
    ],
)
def test_decode_utf8(data: bytes, expected: tuple[str, tuple[int, int, int] | None]) -> None:
    assert decode_utf8(data) == expected


@pytest.mark.parametrize(
    ("data", "lines"),
    [
        (b"", []),
        (b"a", [RawLine(1, b"a")]),
        (b"a\n", [RawLine(1, b"a")]),
        (b"a\n\nb", [RawLine(1, b"a"), RawLine(2, b""), RawLine(3, b"b")]),
        (b"a\r\nb\r\n", [RawLine(1, b"a\r"), RawLine(2, b"b\r")]),
        (b"\n\n", [RawLine(1, b""), RawLine(2, b"")]),
        (
            b"12345\n123456\nab",
            [RawLine(1, b"12345"), RawLine(2, b"123456", True), RawLine(3, b"ab")],
        ),
        (b"1234567", [RawLine(1, b"1234567", True)]),
    ],
)
def test_iter_lines(data: bytes, lines: list[RawLine]) -> None:
    assert list(iter_lines(io.BytesIO(data), 5)) == lines


def test_iter_lines_across_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dyad.io.text.CHUNK_BYTES", 3)
    data = b"abcdefgh\nij\n\nklmnopqrstu\nv"
    lines = list(iter_lines(io.BytesIO(data), 8))
    assert lines == [
        RawLine(1, b"abcdefgh"),
        RawLine(2, b"ij"),
        RawLine(3, b""),
        RawLine(4, b"klmnopqrstu", True),
        RawLine(5, b"v"),
    ]
