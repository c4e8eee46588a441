"""A statement that someone must (or should) do something is a demand (or an appeal) to
them, and what they must do is not done: "said the Sudanese government must reach an
agreement"."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.record import EventRecord

Code = Callable[..., list[EventRecord]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The UN envoy said the Sudanese government must reach an agreement with the rebels.",
         ("IGO", "SDN", "10")),
        ("French President Jacques Chirac said Iraq must cooperate fully with UN inspectors.",
         ("FRA", "IRQ", "10")),
        ("Germany said that Iran has to stop enrichment.", ("DEU", "IRN", "10")),
        ("The EU said Serbia needs to arrest the suspects.", ("IGO", "SRB", "10")),
        ("Japan said China should release the detained sailors.", ("JPN", "CHN", "02")),
    ],
)
def test_an_obligation_stated_is_a_demand(code_text: Code, text: str,
                                          expected: tuple[str, str, str]) -> None:
    source, target, root = expected
    events = code_text(text)
    assert [e for e in events if e.source[:3] == source and e.target[:3] == target[:3]
            and e.root == root], [(e.source, e.target, e.code) for e in events]


def test_what_someone_must_do_is_not_done(code_text: Code) -> None:
    events = code_text("French President Jacques Chirac said Iraq must cooperate fully with "
                       "UN inspectors.")
    assert not [e for e in events if e.source.startswith("IRQ")]


def test_the_speakers_own_obligation_is_no_demand(code_text: Code) -> None:
    assert not [e for e in code_text("We must act now, Japan said.") if e.root == "10"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran warned that it would close the strait if the United States attacked its ships.",
         ("IRN", "USA", "13")),
        ("North Korea warned that war could break out if South Korea continued the drills.",
         ("PRK", "KOR", "13")),
    ],
)
def test_a_warning_is_aimed_at_whom_its_condition_names(code_text: Code, text: str,
                                                        expected: tuple[str, str, str]) -> None:
    source, target, root = expected
    assert [e for e in code_text(text) if e.source[:3] == source and e.target[:3] == target
            and e.root == root]
