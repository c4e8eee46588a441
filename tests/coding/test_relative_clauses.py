"""A relative clause's pronoun subject ("who", "that", "which") is its antecedent; a
statement or resolution "that condemned ..." speaks for its author."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.record import EventRecord


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sudanese rebels, who attacked Chad on Monday, fled.", ("SDN", "TCD", "19")),
        ("The Security Council adopted a statement that strongly condemned Sudan.",
         ("IGO", "SDN", "11")),
        ("Japan issued a statement that criticized China.", ("JPN", "CHN", "11")),
        ("Kenya, which sent troops to Somalia last year, said nothing.", ("KEN", "SOM", "")),
    ],
)
def test_the_antecedent_acts(text: str, expected: tuple[str, str, str],
                             code_text: Callable[..., list[EventRecord]]) -> None:
    source, target, root = expected
    events = code_text(text)
    assert [e for e in events if e.source[:3] == source and e.target[:3] == target
            and e.root.startswith(root)], [(e.source, e.target, e.code) for e in events]


def test_the_antecedent_of_a_passive_relative_is_its_target(
    code_text: Callable[..., list[EventRecord]],
) -> None:
    events = code_text("The Japanese diplomats who were expelled by Russia left on Friday.")
    assert ("RUS", "JPN") in {(e.source[:3], e.target[:3]) for e in events if e.root == "17"
                              or e.root == "16"}
