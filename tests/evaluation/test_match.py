"""The matching rules, on hand-written gold and events with known answers."""

from __future__ import annotations

import pytest

from dyad.evaluation.gold import ForbiddenEvent, GoldEvent, SentenceGold
from dyad.evaluation.match import (
    actor_in,
    check_fields,
    country,
    matches,
    nearest,
    same_sentence,
    sentence_match,
    source_right,
    target_right,
    type_right,
)
from tests.evaluation.helpers import event

SENTENCE = "Russia condemned Japan on Monday for the new military exercise near the islands."


def gold(source: str = "RUS", target: str = "JPN", roots: tuple[str, ...] = ("11",), *,
         symmetric: bool = False, starts: str = SENTENCE[:60], date: str | None = None
         ) -> GoldEvent:
    return GoldEvent(source=source, target=target, roots=roots, sentence_starts=starts,
                     symmetric=symmetric, date=date)


def test_country_is_the_first_three_letters() -> None:
    assert country("RUSGOV") == "RUS"
    assert country("rusmil") == "RUS"
    assert country("") == "" and country(None) == ""
    assert actor_in("JPNGOV", ["JPN"])
    assert not actor_in("JPN", ["CHN", "KOR"])
    assert actor_in("KORGOV", ["CHN", "KOR"])


def test_serbia_and_montenegro_and_ngo_stand_for_others() -> None:
    assert actor_in("SCG", ["SRB"]) and actor_in("SCG", ["MNE"]) and actor_in("SCG", ["SCG"])
    assert not actor_in("SRB", ["SCG"])  # the other way round is not accepted
    assert actor_in("NGO", ["IGO"]) and not actor_in("IGO", ["NGO"])


@pytest.mark.parametrize(("coded", "starts", "same"), [
    (SENTENCE, SENTENCE[:60], True),
    (SENTENCE, SENTENCE[:30], True),  # a gold beginning shorter than 40 characters
    (SENTENCE[:25], SENTENCE, True),  # dyad's sentence is a piece of the gold's
    ("RUSSIA   condemned\nJapan on Monday for the new", SENTENCE, True),  # case and spaces
    ("\u201cRussia\u2019s move\u201d was condemned by Japan on Monday",
     "\"Russia's move\" was condemned by Japan on Monday", True),  # curly quotes
    (SENTENCE, "Japan condemned Russia on Monday for the new military exercise", False),
    ("", SENTENCE, False),
    (SENTENCE, "", False),
])
def test_same_sentence(coded: str, starts: str, same: bool) -> None:
    assert same_sentence(coded, starts) is same


def test_a_gold_event_needs_its_root_its_actors_and_its_sentence() -> None:
    assert matches(event("RUSGOV", "JPNGOV", "111", SENTENCE), gold())
    assert matches(event("RUS", "JPN", "112", SENTENCE), gold(roots=("12", "11")))
    assert not matches(event("RUS", "JPN", "120", SENTENCE), gold())  # root
    assert not matches(event("CHN", "JPN", "111", SENTENCE), gold())  # source
    assert not matches(event("RUS", "CHN", "111", SENTENCE), gold())  # target
    assert not matches(event("RUS", "", "111", SENTENCE), gold())  # target missing
    assert not matches(event("RUS", "JPN", "111", "Japan criticized China."), gold())


def test_swapped_actors_only_when_symmetric() -> None:
    swapped = event("JPN", "RUS", "111", SENTENCE)
    assert not matches(swapped, gold())
    assert matches(swapped, gold(symmetric=True))


def test_an_empty_gold_target_accepts_any_target() -> None:
    assert matches(event("RUS", "", "111", SENTENCE), gold(target=""))
    assert matches(event("RUS", "USA", "111", SENTENCE), gold(target=""))


def test_forbidden_without_a_sentence_applies_to_every_sentence() -> None:
    item = ForbiddenEvent(source="SDN", target="TCD", roots=("19",), why="denied")
    assert matches(event("SDNMIL", "TCD", "190", "Any sentence at all."), item)
    assert not matches(event("TCD", "SDN", "190", "Any sentence at all."), item)


def test_fields_of_the_nearest_event() -> None:
    target = gold(date="2024-07-01")
    near = nearest([event("RUS", "CHN", "042", SENTENCE, date="2024-07-01"),
                    event("RUS", "USA", "111", SENTENCE, date="2024-07-02"),
                    event("RUS", "JPN", "111", "Japan criticized China.")], target)
    assert near is not None
    chosen, check = near
    assert chosen.code == "111"  # root and source right beat source and date right
    assert (check.root, check.source, check.target, check.date) == (True, True, False, False)
    assert nearest([event("RUS", "JPN", "111", "Another sentence.")], target) is None
    assert check_fields(event("JPN", "RUS", "111", SENTENCE), gold(symmetric=True)).source
    assert check_fields(event("RUS", "JPN", "111", SENTENCE), gold()).date is None


def plover(event_type: str, sources: tuple[str, ...], targets: tuple[str, ...] = ()
           ) -> SentenceGold:
    return SentenceGold(id="s", text=SENTENCE, event=event_type, sources=sources,
                        targets=targets, line=1)


def test_plover_type_source_and_target() -> None:
    threat = plover("THREATEN", ("USA",), ("IRQ",))
    assert sentence_match(event("USAGOV", "IRQ", "138", SENTENCE), threat)
    assert not sentence_match(event("USA", "IRQ", "112", SENTENCE), threat)  # 11 is DISAPPROVE
    assert not sentence_match(event("USA", "IRN", "138", SENTENCE), threat)
    assert not sentence_match(event("IRQ", "USA", "138", SENTENCE), threat)  # never swapped
    # roots mapping to several types, and types with several roots
    assert type_right(event("A", "B", "051", ""), plover("SUPPORT", ("A",)))
    assert type_right(event("A", "B", "051", ""), plover("AGREE", ("A",)))
    assert type_right(event("A", "B", "030", ""), plover("AGREE", ("A",)))
    assert type_right(event("A", "B", "100", ""), plover("DEMAND", ("A",)))
    assert type_right(event("A", "B", "200", ""), plover("FIGHT", ("A",)))
    assert not type_right(event("A", "B", "010", ""), plover("DISAPPROVE", ("A",)))  # no type
    # several gold sources; no gold target accepts any target
    compound = plover("AGREE", ("HUN", "ROU"))
    assert source_right(event("ROUGOV", "", "030", ""), compound)
    assert target_right(event("ROU", "", "030", ""), compound)
    assert sentence_match(event("HUN", "ROU", "036", ""), compound)
