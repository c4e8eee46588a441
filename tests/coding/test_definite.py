"""A definite description repeats an actor named before by its head noun: "the court" after
"the International Criminal Court", "the government" after "the Government of Belarus"."""

from __future__ import annotations

from collections.abc import Callable

from dyad.record import EventRecord

Code = Callable[..., list[EventRecord]]


def _pairs(events: list[EventRecord]) -> set[tuple[str, str]]:
    return {(e.source[:3], e.target[:3]) for e in events}


def test_the_court_after_its_full_name(code_text: Code) -> None:
    events = code_text("The International Criminal Court issued a warrant for Sudan's "
                       "president. On Monday the court criticized Sudan again.")
    assert ("IGO", "SDN") in {(e.source[:3], e.target[:3]) for e in events if e.root == "11"}


def test_the_government_after_the_government_of_a_country(code_text: Code) -> None:
    events = code_text("The Government of Belarus detained dozens of journalists. "
                       "France condemned the government on Tuesday.")
    assert ("FRA", "BLR") in _pairs(events)


def test_the_government_after_a_subject_named_by_its_country(code_text: Code) -> None:
    events = code_text("Burma's government deployed troops in Rangoon. "
                       "The United States criticized the government.")
    assert ("USA", "MMR") in _pairs(events)


def test_a_noun_never_named_as_an_actor_stays_unresolved(code_text: Code) -> None:
    events = code_text("France condemned Russia. The court criticized Japan.")
    assert all(e.source.startswith("---") for e in events if e.target == "JPN")


def test_an_apposition_names_who_an_unknown_person_is_for_the_whole_document(
        code_text: Code) -> None:
    events = code_text(
        "Koichiro Gemba had a telephone conversation with Mr. Kim Sung-hwan, Minister of "
        "Foreign Affairs and Trade of the Republic of Korea (ROK). Later, Japan protested to "
        "Minister Kim.")
    # the dictionary knows him too, as KORGOVBUS (Foreign Affairs and Trade)
    assert {(e.source[:3], e.target[:6]) for e in events if e.root == "14"} == {("JPN", "KORGOV")}
    assert "KORGOV" in {e.target[:6] for e in events if e.root == "04"}
