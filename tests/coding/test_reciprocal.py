"""Coordinated subjects of a joint act with no one else named act with each other."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.record import EventRecord

Code = Callable[..., list[EventRecord]]


@pytest.mark.parametrize(
    ("text", "a", "b", "root"),
    [
        ("Bosnia and Slovenia agreed to a ceasefire after two days of fighting.", "BIH", "SVN",
         "03"),
        ("Ethiopia and Eritrea agreed on a truce.", "ETH", "ERI", ""),
        ("India and Pakistan met in Geneva on Monday.", "IND", "PAK", "04"),
        ("Armenia and Azerbaijan clashed on Tuesday.", "ARM", "AZE", "19"),
    ],
)
def test_each_is_the_other_s_counterpart(code_text: Code, text: str, a: str, b: str,
                                         root: str) -> None:
    found = {(e.source[:3], e.target[:3]) for e in code_text(text) if e.root.startswith(root)}
    assert {(a, b), (b, a)} <= found, found


def test_a_one_sided_act_gets_no_counterpart_from_its_subjects(code_text: Code) -> None:
    # condemning is not done with each other
    events = code_text("Britain and France condemned the attack.")
    assert not [e for e in events if {e.source[:3], e.target[:3]} == {"GBR", "FRA"}]
