"""Names the parser or the dictionaries split wrongly: a one-word name inside a longer
person's name is not that person; a participle parsed as a subject gives way to its own
subject."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from dyad.record import EventRecord

Code = Callable[..., list[EventRecord]]


def test_a_given_name_inside_a_longer_name_is_not_a_dictionary_person(code_text: Code) -> None:
    # Phoenix has HASSAN_ alone (Jordan's prince); this Hassan is someone else
    events = code_text("President Omar Hassan al-Bashir criticized Chad on Monday.")
    assert not [e for e in events if e.source.startswith("JOR")], events


def test_a_full_name_still_matches(code_text: Code) -> None:
    events = code_text("Hassan Rouhani criticized Israel on Monday.", date(2015, 1, 1))
    assert any(e.source.startswith("IRN") for e in events), events


def test_a_participle_misparsed_as_subject_gives_way_to_its_subject(code_text: Code) -> None:
    events = code_text("The Red Cross operating in Iraq said US forces must ensure security.")
    assert any(e.source.startswith("NGO") and e.target == "USA" for e in events), [
        (e.source, e.target, e.code) for e in events]


def test_a_sentence_parsed_as_a_noun_phrase_keeps_its_verb(code_text: Code) -> None:
    # the parser reads "protested" as a participle of "Thousands": no finite verb is left
    events = code_text("Thousands of students protested in Belgrade.")
    assert any(e.source.endswith("EDU") and e.root == "14" for e in events), [
        (e.source, e.target, e.code) for e in events]
