"""The place of a document's dateline."""

from __future__ import annotations

import pytest

from dyad.geo.dateline import dateline_location
from dyad.geo.gazetteer import load_gazetteer


@pytest.mark.parametrize(("text", "written", "name", "country"), [
    ("MOSCOW, March 3 (Reuters) - Russia expelled two diplomats.", "MOSCOW", "Moscow", "RUS"),
    ("Talks resume\n\nVienna, Austria 18 October 2023\n\nThe agency said.", "Vienna, Austria",
     "Vienna", "AUT"),
    ("NAIROBI, Kenya -- Officials said on Monday.", "NAIROBI, Kenya", "Nairobi", "KEN"),
    ("Fighting flares\nBy A. Writer\nKhartoum\n12 May 2023\nArmy units clashed.", "Khartoum",
     "Khartoum", "SDN"),
    ("Statement\n\nThe council met today.\n\n" + "More words. " * 40 + "\n\nGeneva, 2 May 2019",
     "Geneva", "Geneva", "CHE"),
])
def test_dateline_place(text: str, written: str, name: str, country: str) -> None:
    found = dateline_location(text, load_gazetteer())
    assert found is not None
    assert (found.written, found.name, found.country, found.rule) == (
        written, name, country, "dateline")
    assert found.span is not None and text[found.span[0]:found.span[1]] == written


@pytest.mark.parametrize("text", [
    "March 18, 2014\n\nJapan deplores the annexation.",  # a month, not March in England
    "Sudan Denies Air Attacks\n\nBy Noel King\n29 October 2006\n\nSudan denied it.",
    "The Maritime Cooperative Activity (MCA) is an effort.",
    "Springfield, 3 May 2020 - Officials met.",  # which Springfield?
    "",
    "\x00\ud800 - ,,,",
])
def test_dateline_none(text: str) -> None:
    assert dateline_location(text, load_gazetteer()) is None
