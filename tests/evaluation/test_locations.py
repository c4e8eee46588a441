"""Scoring event locations against location gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.errors import InputFormatError
from dyad.evaluation.locations import GoldEventPlace, GoldText, read_location_gold, score_locations
from dyad.geo.location import Location
from dyad.record import EventRecord

ROOT = Path(__file__).resolve().parents[2]


def event(sentence: str, root: str, location: Location | None) -> EventRecord:
    return EventRecord("t", 0, sentence, "SDN", "", "SDN", "", root + "0", root, "", 0.0, 4, "",
                       "", "", "", "", {}, location)


NYALA = Location("Nyala", None, "Nyala", "SDN", "SU", "", "", 12.0, 24.9, "city", "1")
GOLD = GoldText("t", Path("t.txt"), None, {"country": "USA"}, (
    GoldEventPlace("Troops attacked rebels near Nyala", ("19",),
                   {"country": "SDN", "names": ["Nyala", "South Darfur"]}),
    GoldEventPlace("The army denied it", ("01",), None),
    GoldEventPlace("Officials disagreed", ("11",), {"country": "SDN"}, optional=True),
))


def test_locations_score_counts_the_three_measures() -> None:
    dateline = Location("WASHINGTON", None, "Washington", "USA", rule="dateline", kind="city")
    wrong = Location("Khartoum", None, "Khartoum", "SDN", kind="city")
    score = score_locations([GOLD], [[
        event("Troops attacked rebels near Nyala on Monday.", "19", NYALA),
        event("Troops attacked rebels near Nyala on Monday.", "04", None),  # not a gold event
        event("The army denied it.", "01", wrong),
        event("The army denied it.", "01", dateline),  # the dateline is right where none
        event("Officials disagreed.", "11", None),  # optional: not scored
    ]])
    # each gold event is scored once, with the best of the events coded for it
    assert (score.stated, score.country_right, score.named, score.name_right) == (1, 1, 1, 1)
    assert (score.unstated, score.unstated_right, score.not_coded) == (1, 1, 0)
    assert score.rates() == {"country": 1.0, "city_or_division": 1.0, "none_where_none": 1.0}
    assert not score.wrong


def test_locations_score_reports_a_wrong_place() -> None:
    wrong = Location("Khartoum", None, "Khartoum", "SDN", kind="city")
    score = score_locations([GOLD], [[event("The army denied it.", "01", wrong)]])
    assert (score.unstated, score.unstated_right) == (1, 0)
    assert len(score.wrong) == 1 and "Khartoum" in score.wrong[0]


def test_locations_score_counts_sentences_not_coded() -> None:
    assert score_locations([GOLD], [[]]).not_coded == 1


def test_locations_gold_of_the_dev_set_reads() -> None:
    texts = read_location_gold(str(ROOT / "dev" / "articles" / "locations.jsonl"))
    assert len(texts) == 23 and all(t.path.exists() for t in texts)
    stated = [e for t in texts for e in t.events if e.place and not e.optional]
    assert len(stated) >= 20


def test_locations_gold_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"file": "x.txt"}) + "\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match="bad.jsonl"):
        read_location_gold(str(path))
