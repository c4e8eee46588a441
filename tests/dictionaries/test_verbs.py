"""Tests for dyad.dictionaries.verbs (DICTIONARY-FORMATS.md §2, §3)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from dyad.dictionaries._patterns import parse_code
from dyad.dictionaries.model import (
    ActorSlot,
    AnyPhrase,
    Element,
    EventCode,
    NounPhrase,
    PatternItem,
    PrepPhrase,
    Slot,
    SynsetRef,
    VerbDictionary,
    VerbPattern,
    Word,
)
from dyad.dictionaries.parsed import Parsed
from dyad.dictionaries.verbs import parse_verbs, split_verb, verb_inflections
from tests.dictionaries.conftest import SHIPPED, UNITTEST

Write = Callable[..., Path]


@cache
def cameo() -> Parsed[VerbDictionary]:
    return parse_verbs(SHIPPED / "CAMEO.2.0.txt")


@cache
def validate() -> Parsed[VerbDictionary]:
    return parse_verbs(UNITTEST / "PETR.Validate.verbs.txt")


def pattern_at(verbs: VerbDictionary, line: int) -> VerbPattern | None:
    return next((p for b in verbs.blocks for p in b.patterns if p.line == line), None)


def items(*elements: Element, joined: tuple[int, ...] = ()) -> tuple[PatternItem, ...]:
    return tuple(PatternItem(e, k in joined) for k, e in enumerate(elements))


@pytest.mark.parametrize(
    ("verb", "forms"),
    [
        ("HURRY", ("HURRIES", "HURRYED", "HURRYING")),  # no Y→IED: CAMEO lists HURRIED
        ("ACCELERATE", ("ACCELERATES", "ACCELERATED", "ACCELERATING")),
        ("RUSH", ("RUSHS", "RUSHED", "RUSHING")),
        ("FIX", ("FIXES", "FIXED", "FIXING")),
        ("PASS", ("PASSES", "PASSED", "PASSING")),
        ("BUZZ", ("BUZZES", "BUZZED", "BUZZING")),
        ("AGREE", ("AGREES", "AGREED", "AGREEING")),
        ("STOP", ("STOPS", "STOPED", "STOPING")),  # no doubling
        ("CALL", ("CALLS", "CALLED", "CALLING")),
    ],
)
def test_verb_inflections(verb: str, forms: tuple[str, str, str]) -> None:
    assert verb_inflections(verb) == forms


@pytest.mark.parametrize(
    ("text", "words", "index"),
    [
        ("HURRY", ("HURRY",), 0),
        ("+ASK_FOR", ("ASK", "FOR"), 0),
        ("+call_off", ("CALL", "OFF"), 0),
        ("KLM_NOP_+RST", ("KLM", "NOP", "RST"), 2),
        ("WIRE_+TAP", ("WIRE", "TAP"), 1),
        ("LASH OUT", ("LASH", "OUT"), 0),
    ],
)
def test_split_verb(text: str, words: tuple[str, ...], index: int) -> None:
    assert split_verb(text) == (words, index)


@pytest.mark.parametrize("text", ["A_+B_C", "+A_+B", "+", "", "A_+"])
def test_split_verb_errors(text: str) -> None:
    with pytest.raises(ValueError):
        split_verb(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("072", EventCode("072")),
        ("042:043", EventCode("042", "043")),
        (":173", EventCode(None, "173")),
        ("---", EventCode("---")),
        ("174K", EventCode("174K")),
        (" 110 ", EventCode("110")),
        ("080!", EventCode("080!")),
    ],
)
def test_parse_code(text: str, code: EventCode) -> None:
    assert parse_code(text) == code


@pytest.mark.parametrize("text", ["", " ", "A:B:C", ":", "04 2"])
def test_parse_code_errors(text: str) -> None:
    assert isinstance(parse_code(text), str)


# ---------------------------------------------------------------- CAMEO (P2)


def test_cameo_summary() -> None:
    parsed = cameo()
    verbs = parsed.value
    assert verbs.style == "P2"
    assert [p.line for p in parsed.problems] == [1735, 2374, 2406, 7606, 8443, 8444]
    assert "&FIGHT_CRIM" in parsed.problems[2].message
    assert verbs.skipped_patterns == 90
    assert len(verbs.synsets) == 40
    assert len(verbs.blocks) == 397
    assert len(verbs.transformations) == 8


@pytest.mark.parametrize(
    ("form", "present"),
    [("HURRY", True), ("HURRIES", True), ("HURRYING", True), ("HURRIED", True),
     ("HURRYED", False), ("SPED", True), ("SPEEDED", False), ("RUSHES", False)],
)
def test_cameo_braced_forms(form: str, present: bool) -> None:
    assert bool(cameo().value.entries_for(form)) is present


def test_cameo_multiword_verbs() -> None:
    verbs = cameo().value
    called = verbs.entries_for("CALLED")
    assert called[0].words == ("CALLED", "OFF") and called[0].verb_index == 0
    assert called[0].lemma == ("CALL", "OFF")
    assert called[0].code == EventCode("160")
    assert [len(e.words) for e in called] == sorted((len(e.words) for e in called), reverse=True)
    assert called[-1].words == ("CALLED",)
    calls_off = [e for e in verbs.entries_for("CALLS") if e.words == ("CALLS", "OFF")]
    assert len(calls_off) == 1


def test_cameo_first_block_keeps_a_form() -> None:
    verbs = cameo().value
    ask_for = [e for e in verbs.entries_for("ASKED") if e.words == ("ASKED", "FOR")]
    assert [(e.line, e.block.name) for e in ask_for] == [(913, "ASK")]
    ask = [e for e in verbs.entries_for("ASK") if e.words == ("ASK",)]
    assert len(ask) == 1 and ask[0].code == EventCode("020")
    assert ask[0].block.code == EventCode("---")


@pytest.mark.parametrize(
    ("name", "code"),
    [("HOST", EventCode("043", "042")), ("OFFEND", EventCode(None, "110")),
     ("DISGRACE", EventCode("110")), ("ACCELERATE", EventCode("---"))],
)
def test_cameo_block_codes(name: str, code: EventCode) -> None:
    blocks = [b for b in cameo().value.blocks if b.name == name]
    assert blocks and blocks[0].code == code


@pytest.mark.parametrize(
    ("line", "pre", "post", "code"),
    [
        (718, (), items(PrepPhrase("TO")), EventCode("042", "043")),
        (720, (), items(NounPhrase((Word("ARMS"),), Word("SHIPMENT"))), EventCode("072")),
        (724, (), items(Word("POLICE"), PrepPhrase("TO", Word("BORDER"))), EventCode("153")),
        (727, items(SynsetRef("MILITARY")), (), EventCode("154")),
        (737, (), items(PrepPhrase("TO", Word("LIST")),
                        PrepPhrase("OF", NounPhrase((Word("BANNED"),), Word("PARTIES")))),
         EventCode("1722")),
        (745, (), items(SynsetRef("SECURITY"),
                        PrepPhrase("OVER", NounPhrase((SynsetRef("WEAPON"),), Word("ATTACK")))),
         EventCode("151")),
        (804, (), items(PrepPhrase("BEFORE", Word("COURT"))), EventCode(None, "173")),
        (826, (), items(PrepPhrase("TO", NounPhrase((Word("A"),), Word("VOTE")))),
         EventCode("014")),
        (3855, (), items(Word("SUMMIT"), PrepPhrase("IN", AnyPhrase())), EventCode("046", "046")),
        (4822, (), items(Word("COURT")), EventCode("---")),
    ],
)
def test_cameo_patterns(line: int, pre: object, post: object, code: EventCode) -> None:
    pattern = pattern_at(cameo().value, line)
    assert pattern is not None
    assert (pattern.pre, pattern.post, pattern.code) == (pre, post, code)


@pytest.mark.parametrize("line", [738, 4935, 2406, 2374])
def test_cameo_tabari_and_bad_patterns_are_absent(line: int) -> None:
    assert pattern_at(cameo().value, line) is None


def test_cameo_synsets() -> None:
    synsets = cameo().value.synsets
    assert ("CASH",) in synsets["CURRENCY"] and ("CASHES",) not in synsets["CURRENCY"]
    assert ("DOLLARS",) in synsets["CURRENCY"]
    assert synsets["AUXVERB1"] == [("WAS",), ("WERE",), ("BEEN",)]
    assert ("UN", "PEACEKEEPERS") in synsets["PKO"]
    assert ("PEACEKEEPERS",) in synsets["PKO"]
    assert "FIGHT_OF_WORDS" in synsets


def test_cameo_transformations() -> None:
    first, *_, last = cameo().value.transformations
    assert (first.outer_source, first.inner_source, first.inner_target) == ("a", "a", "b")
    assert (first.inner_verb, first.outer_verb) == ("ATTACK", "SAY")
    assert (first.result_source, first.result_target, first.result_code) == ("a", "b", "015")
    assert first.line == 9178
    assert (last.inner_verb, last.outer_verb, last.inner_source) == ("ASSASSINATE", "ATTEMPT", "_")


# ---------------------------------------------------------------- PETR.Validate (P1)


def test_validate_summary() -> None:
    parsed = validate()
    assert parsed.value.style == "P1"
    assert [p.line for p in parsed.problems] == [992]  # `[###]`: `#` is never data
    assert parsed.value.skipped_patterns == 0


@pytest.mark.parametrize(
    ("line", "pre", "post", "to_pre", "to_post"),
    [
        (79, items(Word("IN")), (), True, False),  # - IN_*
        (80, items(Word("IN")), (), False, False),  # - IN_ *
        (81, items(Word("IN")), (), False, False),  # - IN *
        (62, (), items(Word("NEW"), SynsetRef("TIETYPES"), Word("RELATIONS"), joined=(0, 1)),
         False, False),
        (86, items(Word("SO"), Word("IN"), Word("AND"), joined=(1,)),
         items(Word("OUT"), Word("AGAIN"), Word("NOW"), joined=(0,)), True, True),
        (77, items(Word("SUGGESTED"), ActorSlot(Slot.TARGET), joined=(0,)),
         items(Word("DEMAND"), SynsetRef("GENINT"), Word("CONVENTIONS"), joined=(0, 1)),
         False, False),
        (127, items(ActorSlot(Slot.COMPOUND)), (), False, False),
        (306, (), items(Word("EID"), Word("AT"), ActorSlot(Slot.SKIP), Word("WITH"),
                        ActorSlot(Slot.TARGET)), False, False),
        (629, items(ActorSlot(Slot.TARGET)), items(Word("FROM"), ActorSlot(Slot.SOURCE)),
         False, False),
        (264, (), items(Word("OFF")), False, False),  # - * OFF_  (final `_` dropped)
    ],
)
def test_validate_patterns(line: int, pre: object, post: object, to_pre: bool,
                           to_post: bool) -> None:
    pattern = pattern_at(validate().value, line)
    assert pattern is not None
    assert (pattern.pre, pattern.post) == (pre, post)
    assert (pattern.verb_joined_to_pre, pattern.verb_joined_to_post) == (to_pre, to_post)


def test_validate_pattern_order_and_codes() -> None:
    clash = next(b for b in validate().value.blocks if b.name == "CLASH")
    assert [p.code.forward for p in clash.patterns][:6] == ["906", "907", "905", "904", "908",
                                                             "121"]
    bargain = next(b for b in validate().value.blocks if b.name == "BARGAIN")
    assert bargain.patterns[0].code == EventCode("174K")


def test_validate_verbs() -> None:
    verbs = validate().value
    rst = verbs.entries_for("RSTS")
    assert [(e.words, e.verb_index, e.code) for e in rst] == [
        (("KLM", "NOP", "RSTS"), 2, EventCode("002"))
    ]
    assert [e.words for e in verbs.entries_for("BROKE")] == [("BROKE", "DOWN"), ("BROKE",)]
    assert not verbs.entries_for("BREAKED")
    assert [e.block.code for e in verbs.entries_for("SHOT")] == [EventCode("---"),
                                                                  EventCode("223")]
    delay = next(b for b in verbs.blocks if b.name == "DELAY")
    assert delay.code == EventCode("120")  # a header with two codes uses the first
    assert verbs.entries_for("DOWNPLAY")[0].code == EventCode("014")
    assert verbs.entries_for("LASHED")[0].words == ("LASHED", "OUT")


def test_validate_synsets() -> None:
    synsets = validate().value.synsets
    assert synsets["PREPOSIT1"] == [("AGAINST",), ("IN",), ("ON",), ("BY",), ("NEAR",), ("AT",)]
    assert ("AUSTRIAN", "FLORIN") in synsets["CURRENCY"]
    assert ("YUM", "YENNYEN") in synsets["CURRENCY"]
    assert ("YENS",) in synsets["CURRENCY"]
    assert ("DID", "N'T") in synsets["NEGATVAUXVRB"]
    assert ("NEARER",) in synsets["ACCORDSYN"] and ("MILITARY",) in synsets["ACCORDSYN"]


# ---------------------------------------------------------------- edge cases


P2_TEXT = """\
####### SYNONYM SETS #######
&WEAPON
+GUN
+&MISSING
+ROCKET_
&MORE
+&WEAPON
+KNIFE
####### VERB PATTERNS #######
---  RUSH   [---]  ---
RUSH  ;shan 8/30/93
+CALL_OFF [160]
- * &WEAPON [194]
- * &NOPE [195]
- * (TO {BANNED PARTIES}) $ [1722]
- SPY_*_DEAL [---]
- * (TO (X)) [100]
- * [101] extra
- NOSTAR [102]
---  HURRY   [042]  ---
RUSH {RUSHES RUSHED}
+CALL_OFF {+CALLS_OFF, +CALLED_OFF}
- * &MORE [190]
######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
~ a (b . ATTACK ) WANT = a b 021
~ broken
RUSH
"""


def test_p2_edge_cases(write: Write) -> None:
    parsed = parse_verbs(write(P2_TEXT))
    verbs = parsed.value
    assert verbs.style == "P2"
    assert [p.line for p in parsed.problems] == [4, 14, 17, 18, 19, 27, 28]
    assert verbs.skipped_patterns == 2
    assert verbs.synsets["WEAPON"] == [("GUN",), ("GUNS",), ("ROCKET",)]
    assert verbs.synsets["MORE"] == [("GUN",), ("GUNS",), ("ROCKET",), ("KNIFE",), ("KNIFES",)]
    assert [e.block.name for e in verbs.entries_for("RUSH")] == ["RUSH"]
    assert [e.line for e in verbs.entries_for("CALLED")] == [12]
    assert [len(b.patterns) for b in verbs.blocks] == [1, 1]
    assert [t.outer_verb for t in verbs.transformations] == ["SAY", "WANT"]


P1_TEXT = """\
<!-- a multi-line
     comment -->
&SET_
+DID N'T
+TANK
--- ATTACK  [223] [224] ---
ATTACK
+LASH_OUT
- &SET * {THIS|THAT} [100]
- IN_ * [101]
- $ SAID_*_ %  [102]
- * TWO * [103]
- * &SET_TANKS [104]
"""


def test_p1_edge_cases(write: Write) -> None:
    parsed = parse_verbs(write(P1_TEXT))
    verbs = parsed.value
    assert verbs.style == "P1"
    assert [p.line for p in parsed.problems] == [12]
    assert verbs.skipped_patterns == 1
    assert verbs.synsets["SET"] == [("DID", "N'T"), ("TANK",)]
    block = verbs.blocks[0]
    assert block.code == EventCode("223")
    assert [p.code.forward for p in block.patterns] == ["101", "102", "104"]
    said = block.patterns[1]
    assert said.pre == items(ActorSlot(Slot.SOURCE), Word("SAID"))
    assert said.post == items(ActorSlot(Slot.COMPOUND))
    assert (said.verb_joined_to_pre, said.verb_joined_to_post) == (True, False)  # `*_ %`
    assert block.patterns[2].post == items(SynsetRef("SET"), Word("TANKS"), joined=(0,))
    assert [e.words for e in verbs.entries_for("LASHING")] == [("LASHING", "OUT")]


def test_p1_undefined_synset_dropped(write: Write) -> None:
    parsed = parse_verbs(write("--- A [010] ---\nA\n- * &LATER [011]\n- * &NONE [012]\n"
                               "&LATER\n+X\n"))
    assert [p.line for p in parsed.problems] == [4]
    assert [p.code.forward for p in parsed.value.blocks[0].patterns] == ["011"]
