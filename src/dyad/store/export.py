"""Write events out: CSV, JSON Lines, Parquet, or GDELT 2.0 event-table rows; and the
knowledge (agreements, institutions, claims) as JSON Lines beside them.

`gdelt` writes the 61 tab-separated columns of GDELT 2.0's event table (GLOBALEVENTID, SQLDATE,
…, SOURCEURL), without a header as GDELT's own files, so tools that read GDELT read it. dyad has
no geography or tone: those columns are left empty.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import IO, Any

from dyad.errors import QueryError
from dyad.knowledge.model import Agreement, Claim, Institution, KnowledgeBase
from dyad.store.backend import Backend, Row
from dyad.store.named import NAMED_COLUMNS, with_names
from dyad.store.query import LISTING_COLUMNS, EventFilter, events_sql, record

FORMATS: tuple[str, ...] = ("csv", "jsonl", "parquet", "gdelt")

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{field}" for who in ("Actor1", "Actor2", "Action") for field in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
#: Leading actor-code parts that name a kind of group, not a country.
_GROUPS = frozenset({"IGO", "NGO", "IMG", "MNC"})
_EXPORT_COLUMNS = (*LISTING_COLUMNS, "last_date")


def global_event_id(event_id: str) -> int:
    """GDELT's integer GLOBALEVENTID for a dyad event id (its first 15 hex digits)."""
    return int(event_id[:15], 16)


def actor_parts(code: str) -> dict[str, str]:
    """Split a CAMEO actor code into GDELT's country, known-group and type codes."""
    chunks = [code[i : i + 3] for i in range(0, len(code), 3) if code[i : i + 3]]
    parts = {"CountryCode": "", "KnownGroupCode": "", "Type1Code": "", "Type2Code": "",
             "Type3Code": ""}
    if not chunks:
        return parts
    head, rest = chunks[0], chunks[1:]
    if head in _GROUPS:
        parts["KnownGroupCode"] = rest.pop(0) if rest else head
    elif head != "---":
        parts["CountryCode"] = head
    for n, chunk in enumerate(rest[:3], start=1):
        parts[f"Type{n}Code"] = chunk
    return parts


def _fraction(day: date) -> str:
    days = (date(day.year + 1, 1, 1) - date(day.year, 1, 1)).days
    return f"{day.year + (day.timetuple().tm_yday - 1) / days:.4f}"


def gdelt_row(event: dict[str, Any], url: str, added: datetime | None) -> list[Any]:
    """One GDELT 2.0 event-table row for a listed event (plus its document's URL and time)."""
    day = date.fromisoformat(event["date"]) if event["date"] else None
    value: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
    value["GLOBALEVENTID"] = global_event_id(event["event_id"])
    if day is not None:
        value.update(SQLDATE=day.strftime("%Y%m%d"), MonthYear=day.strftime("%Y%m"),
                     Year=day.year, FractionDate=_fraction(day))
    for n, who in ((1, "source"), (2, "target")):
        code = event[who]
        value[f"Actor{n}Code"] = code
        value[f"Actor{n}Name"] = " ".join(str(event[f"{who}_text"]).split()).upper()
        for name, part in actor_parts(code).items():
            value[f"Actor{n}{name}"] = part
    code = event["code"]
    value.update(
        IsRootEvent=1 if event["sentence_id"] == 0 else 0, EventCode=code,
        EventBaseCode=code[:3], EventRootCode=event["root"], QuadClass=event["quad_class"],
        GoldsteinScale=event["goldstein"], NumMentions=event["num_mentions"],
        NumSources=event["num_sources"], NumArticles=event["num_articles"],
        Actor1Geo_Type=0, Actor2Geo_Type=0, ActionGeo_Type=0,
        DATEADDED=added.strftime("%Y%m%d%H%M%S") if added else "",
        SOURCEURL=url or event["doc_id"])
    value.update(action_geo(event.get("location")))
    return [value[c] for c in GDELT_COLUMNS]


def action_geo(location: dict[str, Any] | None) -> dict[str, Any]:
    """GDELT's ActionGeo_* columns for an event's location (`dyad.geo.Location` as a dict):
    the type (1 country, 2 US state, 3 US city, 4 world city, 5 world state), full name, FIPS
    country code, ADM1 code (FIPS country code and first-level code; the country's code for a
    country), latitude, longitude and feature id (GeoNames id of a city, ISO 3166-2 code of a
    division, FIPS code of a country). Empty, with type 0, where none is known."""
    from dyad.geo.location import Location

    found = Location.from_dict(location) if location else None
    if found is None or not found.resolved:
        return {}
    feature = found.feature_id if found.kind != "country" else found.fips
    return {
        "ActionGeo_Type": found.gdelt_type, "ActionGeo_FullName": found.full_name,
        "ActionGeo_CountryCode": found.fips,
        "ActionGeo_ADM1Code": found.adm1 or (found.fips if found.kind == "country" else ""),
        "ActionGeo_Lat": "" if found.lat is None else found.lat,
        "ActionGeo_Long": "" if found.lon is None else found.lon,
        "ActionGeo_FeatureID": feature,
    }


def _batches(backend: Backend, where: EventFilter, *, gdelt: bool = False
             ) -> Iterator[tuple[list[str], list[Row]]]:
    # The best mention's document gives GDELT's SOURCEURL and DATEADDED.
    document = ("url", "ingested_at") if gdelt else ()
    sql, params = events_sql(backend, where, columns=_EXPORT_COLUMNS, document=document)
    yield from backend.stream(sql, params)


def _records(backend: Backend, where: EventFilter) -> Iterator[dict[str, Any]]:
    for columns, rows in _batches(backend, where):
        for row in rows:
            yield record(columns, row)


def write_text(backend: Backend, where: EventFilter, out: IO[str], fmt: str, *,
               header: bool | None = None) -> int:
    """Write the filtered events to a text stream as csv, jsonl or gdelt; returns the count.
    CSV rows carry the names of the code, source and target (`dyad.store.named`).

    `header` (column names first) defaults to yes for csv and no for gdelt, as GDELT's files."""
    if header is None:
        header = fmt != "gdelt"
    count = 0
    if fmt == "jsonl":
        for event in _records(backend, where):
            event.pop("last_date", None)
            out.write(json.dumps(event, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "csv":
        # The columns of the web's CSV download (`dyad.web.downloads`): the named record.
        writer = csv.writer(out)
        if header:
            writer.writerow(NAMED_COLUMNS)
        for event in _records(backend, where):
            event["spans"] = json.dumps(event["spans"], ensure_ascii=False)
            event["location"] = (json.dumps(event["location"], ensure_ascii=False)
                                 if event["location"] else "")
            named = with_names(event)
            writer.writerow([named[c] for c in NAMED_COLUMNS])
            count += 1
    elif fmt == "gdelt":
        writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                            escapechar="\\")
        if header:
            writer.writerow(GDELT_COLUMNS)
        for columns, rows in _batches(backend, where, gdelt=True):
            for row in rows:
                event = record(columns, row)
                url = str(event.get("document_url") or "")
                added = row[columns.index("document_ingested_at")]
                writer.writerow([_tsv(v) for v in gdelt_row(event, url, added)])
                count += 1
    else:
        raise QueryError(f"{fmt!r} is not a text export format ({', '.join(FORMATS)})")
    return count


def _tsv(value: Any) -> Any:
    return " ".join(value.split()) if isinstance(value, str) else value


def write_parquet(backend: Backend, where: EventFilter, path: str) -> int:
    """Write the filtered events to a Parquet file; returns the count."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    types = {"sentence_id": pa.int32(), "goldstein": pa.float64(), "quad_class": pa.int32(),
             "date": pa.date32(), "num_mentions": pa.int32(), "num_sources": pa.int32(),
             "num_articles": pa.int32()}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in LISTING_COLUMNS])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for columns, rows in _batches(backend, where):
            data: dict[str, list[Any]] = {c: [] for c in LISTING_COLUMNS}
            for row in rows:
                raw = dict(zip(columns, row, strict=True))
                for column in LISTING_COLUMNS:
                    data[column].append(raw[column])
            writer.write_table(pa.table(data, schema=schema))
            count += len(rows)
    return count


def write_knowledge(kb: KnowledgeBase, out: IO[str]) -> int:
    """Write agreements, then institutions, then claims as JSON Lines: each record's
    `to_dict()`, whose "type" says which it is, with its status or standing derived from the
    evidence at export time. Returns the number of records."""
    count = 0
    records: list[Agreement | Institution | Claim] = [*kb.agreements, *kb.institutions,
                                                      *kb.claims]
    for item in records:
        out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count
