"""A statement whose complement condemns what someone did is a verdict on its author (CAMEO
111): "stated that President Lee's visit is totally unacceptable"."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.record import EventRecord

Code = Callable[..., list[EventRecord]]


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Minister Gemba stated that President Lee Myung-bak's visit to Takeshima is totally "
         "unacceptable.", "", "KOR"),
        ("Russia said the sanctions imposed by the United States were illegal.", "RUS", "USA"),
        ("China said it was unacceptable that Japan bought the islands.", "CHN", "JPN"),
        ("Turkey said Sweden's decision was not acceptable.", "TUR", "SWE"),
        ("Iran stressed that Israel's strike constituted a violation of its sovereignty.",
         "IRN", "ISR"),
    ],
)
def test_a_condemning_complement_is_a_verdict(code_text: Code, text: str, source: str,
                                              target: str) -> None:
    events = code_text(text)
    assert [e for e in events if e.root == "11" and e.source.startswith(source)
            and e.target[:3] == target], [(e.source, e.target, e.code) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "The minister said that the talks with Iran were constructive.",
        "Japan said that Iran's proposal was acceptable.",
        "Germany said it was unacceptable.",
    ],
)
def test_other_complements_are_plain_statements(code_text: Code, text: str) -> None:
    assert not [e for e in code_text(text) if e.root == "11"]
