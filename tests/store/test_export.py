"""export: CSV, JSON Lines, Parquet and GDELT 2.0 event-table rows."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from dyad.store.backend import Backend
from dyad.store.export import (
    GDELT_COLUMNS,
    actor_parts,
    global_event_id,
    write_parquet,
    write_text,
)
from dyad.store.named import NAMED_COLUMNS
from dyad.store.query import LISTING_COLUMNS, EventFilter, parse_condition


def export(backend: Backend, fmt: str, where: EventFilter | None = None, **options: bool) -> str:
    out = io.StringIO()
    write_text(backend, where or EventFilter(), out, fmt, **options)
    return out.getvalue()


def test_export_csv(news: Backend) -> None:
    rows = list(csv.DictReader(io.StringIO(export(news, "csv"))))
    assert len(rows) == 7
    assert tuple(rows[0]) == NAMED_COLUMNS
    assert json.loads(rows[0]["spans"])["trigger"] == [7, 14]
    assert rows[0]["num_mentions"] == "2"


def test_export_csv_names_code_source_and_target(news: Backend) -> None:
    rows = list(csv.DictReader(io.StringIO(export(news, "csv"))))
    first = rows[0]
    assert (first["source"], first["target"], first["code"]) == ("RUS", "JPN", "163")
    assert first["code_name"] == "Impose embargo, boycott, or sanctions"
    assert first["source_name"] == "Russian Federation"
    assert first["target_name"] == "Japan"
    last = rows[-1]
    assert last["source"] == "RUSMIL" and last["source_name"] == "Russian Federation · military"


def test_export_jsonl_with_filter(news: Backend) -> None:
    where = EventFilter(where=(parse_condition("quad_class=4"),))
    lines = [json.loads(line) for line in export(news, "jsonl", where).splitlines()]
    assert [(e["source"], e["code"]) for e in lines] == [("RUS", "163"), ("RUSMIL", "190")]
    assert tuple(lines[0]) == LISTING_COLUMNS


def test_export_gdelt_columns(news: Backend) -> None:
    assert len(GDELT_COLUMNS) == 61
    lines = export(news, "gdelt").splitlines()
    assert len(lines) == 7
    row = dict(zip(GDELT_COLUMNS, lines[0].split("\t"), strict=True))
    first = json.loads(export(news, "jsonl").splitlines()[0])
    assert row["GLOBALEVENTID"] == str(global_event_id(first["event_id"]))
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20240701", "202407", "2024")
    assert row["FractionDate"] == "2024.4973"
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"]) == (
        "RUS", "RUSSIA", "RUS")
    assert (row["Actor2Code"], row["Actor2CountryCode"]) == ("JPN", "JPN")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("163", "163", "16")
    assert (row["QuadClass"], row["GoldsteinScale"]) == ("4", "-8.0")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("2", "2", "2")
    assert row["IsRootEvent"] == "1"
    assert row["SOURCEURL"] == "https://www.reuters.example/a"
    assert len(row["DATEADDED"]) == 14 and row["DATEADDED"].isdigit()
    last = dict(zip(GDELT_COLUMNS, lines[-1].split("\t"), strict=True))
    assert (last["Actor1Code"], last["Actor1Type1Code"], last["Actor2Type1Code"]) == (
        "RUSMIL", "MIL", "AGR")
    assert last["SOURCEURL"] == "h"  # no URL: the document id


def test_export_gdelt_header_on_request(news: Backend) -> None:
    assert export(news, "gdelt", header=True).splitlines()[0].split("\t") == list(GDELT_COLUMNS)


@pytest.mark.parametrize(
    ("code", "parts"),
    [
        ("RUSGOV", {"CountryCode": "RUS", "Type1Code": "GOV"}),
        ("IGOUNO", {"KnownGroupCode": "UNO"}),
        ("---OPP", {"Type1Code": "OPP"}),
        ("USAMILREB", {"CountryCode": "USA", "Type1Code": "MIL", "Type2Code": "REB"}),
        ("", {}),
    ],
)
def test_export_actor_parts(code: str, parts: dict[str, str]) -> None:
    found = {k: v for k, v in actor_parts(code).items() if v}
    assert found == parts


def test_export_parquet(news: Backend, tmp_path: Path) -> None:
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    path = tmp_path / "events.parquet"
    assert write_parquet(news, EventFilter(actor="RUS"), str(path)) == 5
    table = pq.read_table(path)
    assert table.num_rows == 5
    assert table.column_names == list(LISTING_COLUMNS)
    assert str(table.schema.field("date").type) == "date32[day]"
    assert table.column("num_mentions").to_pylist()[0] == 2
