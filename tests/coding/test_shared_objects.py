"""Coordinated verbs of one subject share a counterpart both ways: "ceased talks with Japan
and suspended ..." (the second borrows the first's), "fired tear gas and beat back
demonstrators" (the first borrows the second's)."""

from __future__ import annotations

from collections.abc import Callable

from dyad.record import EventRecord

Code = Callable[..., list[EventRecord]]


def test_the_first_verb_borrows_the_second_verbs_object(code_text: Code) -> None:
    events = code_text("Kenya banned the rally. Kenyan police fired tear gas and beat back "
                       "demonstrators with batons.")
    assert {(e.source, e.target, e.code) for e in events} >= {
        ("KENCOP", "KENOPP", "175")}
    # one event per source, target and code: the first verb's
    assert {e.trigger for e in events if e.target == "KENOPP"} == {"fired"}


def test_a_second_verb_with_its_own_subject_lends_nothing(code_text: Code) -> None:
    events = code_text("Kenyan police fired tear gas, and then the angry protesters stormed "
                       "the ministry.")
    assert not [e for e in events if e.trigger == "fired" and e.target]
