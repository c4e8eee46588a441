"""First-person references ("we", "our government", "I") in a release speak for whoever its
headline names first; a quote's own speaker comes first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from dyad.coding.coder import EventCoder
from dyad.record import Document, EventRecord

Code = Callable[..., list[EventRecord]]


def _pairs(events: list[EventRecord]) -> set[tuple[str, str, str]]:
    return {(e.source[:3], e.target[:3], e.root) for e in events}


@pytest.mark.parametrize(
    ("headline", "body", "expected"),
    [
        ("Japan Protests against Launch of Missiles by North Korea",
         "We strongly protested to North Korea on Monday.", ("JPN", "PRK", "14")),
        ("Statement by the Ministry of Foreign Affairs of Brazil",
         "Our government condemns the attack by Venezuela on Guyana.", ("BRA", "VEN", "11")),
        ("France Announces Aid to Lebanon",
         "I am glad to announce that we will send aid to Lebanon.", ("FRA", "LBN", "03")),
    ],
)
def test_first_person_speaks_for_the_headline(code_text: Code, headline: str, body: str,
                                              expected: tuple[str, str, str]) -> None:
    assert expected in _pairs(code_text(f"{headline}\n\n{body}")), _pairs(
        code_text(f"{headline}\n\n{body}"))


def test_without_a_headline_we_is_nobody(code_text: Code) -> None:
    text = ("Japan and North Korea have been at odds for years, and on Monday the dispute over "
            "missile launches flared again in a long exchange of statements.\n\n"
            "We strongly protested to North Korea on Monday.")
    assert not [e for e in code_text(text) if e.target == "PRK" and e.root == "14"]


def test_a_quoted_speaker_comes_before_the_headline(code_text: Code) -> None:
    text = ("Japan Comments on the Summit\n\n"
            "“We condemn the strikes on Ukraine,” Poland’s foreign minister said.")
    sources = {e.source[:3] for e in code_text(text) if e.target == "UKR"}
    assert sources == {"POL"}


def test_the_title_or_the_outlet_speaks_when_the_text_has_no_headline(coder: EventCoder
                                                                       ) -> None:
    text = "We condemn the attack on Guyana by Venezuela."
    documents = [
        Document(id="t", text=text, date=date(2023, 12, 1),
                 title="Statement by the Ministry of Foreign Affairs of Brazil"),
        Document(id="o", text=text, date=date(2023, 12, 1),
                 source="Ministry of Foreign Affairs of Japan"),
        Document(id="s", text=text, date=date(2023, 12, 1), speaker="COLGOV",
                 source="Ministry of Foreign Affairs of Japan"),
    ]
    sources = {c.document.id: {e.source for e in c.events} for c in coder.code(documents)}
    assert sources == {"t": {"BRAGOV"}, "o": {"JPNGOV"}, "s": {"COLGOV"}}
