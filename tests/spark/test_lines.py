"""Reading JSONL lines as Spark gives them: the same rules as `dyad ingest`, and line numbers
from (file, block, sequence number)."""

from __future__ import annotations

from datetime import date

from dyad.io.walk import ReadProblem
from dyad.record import Document
from dyad.spark.lines import (
    LineOptions,
    block_offsets,
    display_path,
    line_number,
    parse_line,
    parse_lines,
)


def test_a_good_line_is_a_document_with_its_origin() -> None:
    item = parse_line(b'{"id": 7, "text": "Russia condemned Japan.", "date": "2024-07-01"}\r',
                      "news.jsonl", 3, LineOptions())
    assert item == Document("7", "Russia condemned Japan.", date(2024, 7, 1),
                            origin="news.jsonl:3")


def test_undated_documents_take_the_default_date_and_a_bom_is_dropped() -> None:
    item = parse_line(b'\xef\xbb\xbf{"id": "a", "text": "Russia condemned Japan."}', "n.jsonl",
                      1, LineOptions(default_date=date(2024, 7, 2)))
    assert isinstance(item, Document) and item.date == date(2024, 7, 2)


def test_blank_lines_give_nothing() -> None:
    assert parse_line(b"  \r", "n.jsonl", 4, LineOptions()) is None


def test_bad_lines_give_problems_of_the_ingest_kinds() -> None:
    options = LineOptions(max_bytes=150)
    cases = {
        b'{"id": "a", "text": "caf\xe9"}': ("bad JSONL record", "not UTF-8 (byte 0xe9"),
        b"[1, 2]": ("bad JSONL record", "expected a JSON object, got an array"),
        b'{"id": "a", "text": "  "}': ("empty", '"text" is empty'),
        b'{"id": "a", "text": "' + b"x" * 200 + b'"}': ("too large", "larger than the limit"),
        '{"id": "a", "text": "Москва и Токио снова обсуждают мирный договор"}'.encode():
            ("not English", "does not look like English"),
    }
    for line, (kind, message) in cases.items():
        item = parse_line(line, "n.jsonl", 2, options)
        assert isinstance(item, ReadProblem), line
        assert (item.path, item.line, item.kind) == ("n.jsonl", 2, kind), line
        assert message in item.message, line


def test_line_numbers_count_across_blocks_of_a_file() -> None:
    # two files; the first read in two blocks whose sequence numbers are not contiguous
    offsets = block_offsets([("file:/b.jsonl", 0, 5, 100), ("file:/a.jsonl", 134217728, 3, 8),
                             ("file:/a.jsonl", 0, 4, 0)])
    assert line_number(offsets, "file:/a.jsonl", 0, 0) == 1
    assert line_number(offsets, "file:/a.jsonl", 0, 3) == 4
    assert line_number(offsets, "file:/a.jsonl", 134217728, 8) == 5
    assert line_number(offsets, "file:/a.jsonl", 134217728, 10) == 7
    assert line_number(offsets, "file:/b.jsonl", 0, 104) == 5


def test_parse_lines_names_files_as_people_write_them() -> None:
    offsets = block_offsets([("file:/data/my%20news.jsonl", 0, 2, 0)])
    rows = [(b'{"id": "a", "text": "Russia condemned Japan."}', "file:/data/my%20news.jsonl", 0,
             0), (b"", "file:/data/my%20news.jsonl", 0, 1)]
    items = list(parse_lines(rows, offsets, LineOptions()))
    assert [i.origin for i in items if isinstance(i, Document)] == ["/data/my news.jsonl:1"]
    assert display_path("hdfs://nn:8020/news/a.jsonl") == "hdfs://nn:8020/news/a.jsonl"
