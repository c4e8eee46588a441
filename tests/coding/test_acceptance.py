"""The founding article, coded end to end: DESIGN.md's acceptance table."""

from __future__ import annotations

from datetime import date

import pytest

from dyad.coding.coder import EventCoder
from dyad.record import Document, EventRecord
from tests.conftest import EXAMPLES

# (words of the sentence, source country, target country, allowed roots)
ACCEPTANCE = [
    ("Tokyo deemed", "JPN", "RUS", {"11"}),
    ("Mishustin signed an order", "RUS", "JPN", {"16"}),
    ("Hayashi declared", "JPN", "RUS", {"11"}),
    ("promising an appropriate response", "JPN", "RUS", {"13"}),
    ("sanctions imposed by Tokyo", "JPN", "RUS", {"16"}),
    ("ceased negotiations", "RUS", "JPN", {"16"}),
    ("ended visa-free travel", "RUS", "JPN", {"16", "17"}),
    ("suspended discussions", "RUS", "JPN", {"16"}),
    ("Putin previously attributed", "RUS", "JPN", {"11"}),
    ("willingness to resume cooperation", "RUS", "JPN", {"03"}),
]


@pytest.fixture(scope="module")
def events(coder: EventCoder) -> list[EventRecord]:
    text = (EXAMPLES / "japan-centers.txt").read_text(encoding="utf-8")
    document = Document(id="japan-centers.txt", text=text, date=date(2024, 7, 2))
    return [e for coded in coder.code([document]) for e in coded.events]


def _find(events: list[EventRecord], words: str, source: str, target: str,
          roots: set[str]) -> EventRecord | None:
    for e in events:
        if (words.split()[0] in e.sentence and e.source[:3] == source and e.target[:3] == target
                and e.root in roots):
            return e
    return None


def test_acceptance_at_least_nine_of_ten_events(events: list[EventRecord]) -> None:
    found = [row for row in ACCEPTANCE if _find(events, *row) is not None]
    missing = [row[0] for row in ACCEPTANCE if row not in found]
    assert len(found) >= 9, f"missing: {missing}"


def test_acceptance_last_week_is_the_week_before(events: list[EventRecord]) -> None:
    event = _find(events, *ACCEPTANCE[1])
    assert event is not None
    assert (event.date, event.date_text) == ("2024-06-25", "Last week")


def test_acceptance_on_monday_is_the_day_before(events: list[EventRecord]) -> None:
    event = _find(events, *ACCEPTANCE[2])
    assert event is not None
    assert event.date == "2024-07-01"
    assert event.source == "JPNGOV"


def test_acceptance_conditional_resumption_carries_its_mode(events: list[EventRecord]) -> None:
    event = _find(events, *ACCEPTANCE[9])
    assert event is not None
    assert event.mode == "conditional"


def test_acceptance_nothing_says_the_centers_close(events: list[EventRecord]) -> None:
    for e in events:
        assert "clos" not in e.trigger.lower(), e
        assert not (e.code.startswith("172") and "Center" in e.target_text), e


def test_acceptance_spans_point_into_the_original_text(events: list[EventRecord]) -> None:
    text = (EXAMPLES / "japan-centers.txt").read_text(encoding="utf-8")
    for e in events:
        start, end = e.spans["trigger"] or (0, 0)
        assert text[start:end] == e.trigger
        if e.spans["source"]:
            s, t = e.spans["source"]
            assert text[s:t] == e.source_text
