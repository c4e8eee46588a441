"""Where events happened, in the store: kept with mentions and events, the most precise on
merge, filtered by country and distance, exported as GDELT's ActionGeo_* columns."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from dyad.errors import QueryError
from dyad.store.backend import Backend
from dyad.store.export import GDELT_COLUMNS, write_text
from dyad.store.ingest import IngestReport
from dyad.store.listing import event_places
from dyad.store.query import EventFilter, Near, list_events

from .corpus import write_jsonl

DOCUMENTS = [
    {"id": "a", "date": "2023-05-02", "source": "wire-a",
     "text": "KHARTOUM, May 2 (Wire) - Sudanese forces attacked rebels in southern Darfur."},
    {"id": "b", "date": "2023-05-02", "source": "wire-b",
     "text": "Sudanese forces attacked rebels in Nyala on Tuesday."},
    {"id": "c", "date": "2023-05-03", "source": "wire-a",
     "text": "Police arrested dozens of protesters in Lahore on Wednesday."},
    {"id": "d", "date": "2023-05-03", "source": "wire-c",
     "text": "France criticized Germany over its trade policy."},
]


@pytest.fixture
def placed(backend: Backend, tmp_path: Path, run_ingest: Callable[..., IngestReport]
           ) -> Backend:
    run_ingest(backend, [str(write_jsonl(tmp_path / "placed.jsonl", DOCUMENTS))])
    return backend


def _by_source(events: list[dict[str, object]], prefix: str) -> list[dict[str, object]]:
    return [e for e in events if str(e["source"]).startswith(prefix)]


def test_store_locations_merge_keeps_the_most_precise(placed: Backend) -> None:
    events = list_events(placed, EventFilter())
    sudan = _by_source(events, "SDN")
    assert sudan and all(e["num_mentions"] == 2 for e in sudan)
    # "in southern Darfur" (a division) and "in Nyala" (a city): the city is kept
    assert {e["location"]["name"] for e in sudan} == {"Nyala"}  # type: ignore[index]
    france = _by_source(events, "FRA")
    assert france and all(e["location"] is None for e in france)
    mentions = placed.rows("SELECT doc_id, location FROM mentions ORDER BY doc_id, ordinal")
    assert [d for d, loc in mentions if loc is None] == ["d"] * len(france)


def test_store_locations_filter_by_country_and_distance(placed: Backend) -> None:
    in_pakistan = list_events(placed, EventFilter(country="PAK"))
    assert in_pakistan and {e["location"]["name"] for e in in_pakistan} == {"Lahore"}  # type: ignore[index]
    near_lahore = list_events(placed, EventFilter(near=Near.parse("31.55,74.35,25")))
    assert [e["event_id"] for e in near_lahore] == [e["event_id"] for e in in_pakistan]
    assert list_events(placed, EventFilter(near=Near.parse("31.55,76.5,25"))) == []
    places = event_places(placed, EventFilter())
    assert {p["name"] for p in places} == {"Nyala", "Lahore"}
    assert sum(p["events"] for p in places) == len(list_events(placed, EventFilter())) - len(
        _by_source(list_events(placed, EventFilter()), "FRA"))


@pytest.mark.parametrize("text", ["1,2", "a,b,c", "91,0,10", "0,181,10", "0,0,-1"])
def test_store_locations_bad_circle(text: str) -> None:
    with pytest.raises(QueryError, match="near:"):
        Near.parse(text)


def test_store_locations_gdelt_action_geo(placed: Backend) -> None:
    out = io.StringIO()
    write_text(placed, EventFilter(), out, "gdelt")
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True))
            for line in out.getvalue().splitlines()]
    lahore = [r for r in rows if r["Actor1Code"].startswith("PAK")]
    assert lahore
    for row in lahore:
        assert row["ActionGeo_Type"] == "4"  # a world city
        assert row["ActionGeo_FullName"] == "Lahore, Pakistan"
        assert (row["ActionGeo_CountryCode"], row["ActionGeo_ADM1Code"]) == ("PK", "PK04")
        assert float(row["ActionGeo_Lat"]) == pytest.approx(31.55, abs=0.1)
        assert float(row["ActionGeo_Long"]) == pytest.approx(74.34, abs=0.1)
        assert row["ActionGeo_FeatureID"].isdigit()
    unplaced = [r for r in rows if r["Actor1Code"].startswith("FRA")]
    assert unplaced and all(r["ActionGeo_Type"] == "0" and r["ActionGeo_FullName"] == ""
                            for r in unplaced)
