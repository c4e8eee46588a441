"""First-person references ("we", "our government", "I") in a release speak for whoever its
headline names first; a quote's own speaker comes first."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.record import EventRecord

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
