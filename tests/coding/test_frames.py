"""Tests for dyad.coding.frames: negation, denial, hypotheses, modes and attribution."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from dyad.coding.frames import Frame, according_to, frame_of, is_negated
from dyad.coding.tokens import PlainDoc
from dyad.nlp import load_pipeline
from dyad.record import EventRecord


@pytest.fixture(scope="module")
def nlp() -> Callable[[str], PlainDoc]:
    """Text in, the plain copy of its parse out, as the coder walks it."""
    pipeline = load_pipeline()
    return lambda text: PlainDoc(pipeline(text))


def token(nlp: Any, sentence: str, word: str) -> Any:
    """The first token of the parsed sentence whose text is `word`."""
    return next(t for t in nlp(sentence) if t.text == word)


def xf(reason: str, *values: object) -> object:
    return pytest.param(*values, marks=pytest.mark.xfail(reason=reason, strict=True))


# ------------------------------------------------------------ is_negated

NEGATED = [
    ("Hungary did not veto the sanctions.", "veto", True),
    ("Hungary didn't veto the sanctions.", "veto", True),
    ("The leaders of China and India never met.", "met", True),
    ("Israel will not attend the talks in Cairo.", "attend", True),
    ("Serbia has never recognized Kosovo.", "recognized", True),
    ("Israel said it did not strike the hospital.", "strike", True),
    ("Japan imports oil from Iran.", "imports", False),
    ("Britain will expel Russian diplomats.", "expel", False),
    ("Israel said it did not strike the hospital.", "said", False),
    ("Canada recalled its ambassador and suspended talks with India.", "suspended", False),
    ("Japan no longer imports oil from Iran.", "imports", True),
]


@pytest.mark.parametrize(("sentence", "word", "negated"), NEGATED)
def test_is_negated(nlp: Any, sentence: str, word: str, negated: bool) -> None:
    assert is_negated(token(nlp, sentence, word)) is negated


# ------------------------------------------------------------ blocked frames: no event

BLOCKED = [
    ("Hungary did not veto the sanctions.", "veto", "negated"),
    ("The leaders of China and India never met.", "met", "negated"),
    ("The United States could impose sanctions on Venezuela.", "impose", "hypothetical"),
    ("Britain might expel Russian diplomats.", "expel", "hypothetical"),
    ("Turkey should withdraw its troops from Syria.", "withdraw", "hypothetical"),
    ("Turkey denied reports that it had closed its embassy.", "closed", "denied"),
    ("Egypt denied that it had sent weapons to Sudan.", "sent", "denied"),
    ("Egypt denied sending weapons to Sudan.", "sending", "denied"),
    ("The World Bank will resume aid to Ethiopia if the government ends the conflict.", "ends",
     "hypothetical"),
    ("France did not say that it would expel the envoy.", "expel", "*"),
    ("Serbia refused to recognize Kosovo.", "recognize", "*"),
    ("Greece declined to condemn Turkey.",
       "condemn", "*"),
    ("Russia failed to capture the city.", "capture", "*"),
    ("Japan no longer imports oil from Iran.",
       "imports", "negated"),
]


@pytest.mark.parametrize(("sentence", "word", "blocked"), BLOCKED)
def test_blocked(nlp: Any, sentence: str, word: str, blocked: str) -> None:
    frame = frame_of(token(nlp, sentence, word))
    if blocked == "*":
        assert frame.blocked, frame
    else:
        assert frame.blocked == blocked, frame


def test_consumed_negation_is_not_blocked(nlp: Any) -> None:
    # a verb pattern that spells out the negation ("did not ...") has already used it
    veto = token(nlp, "Hungary did not veto the sanctions.", "veto")
    assert frame_of(veto, negation_consumed=True).blocked == ""


# ------------------------------------------------------------ modes

MODES = [
    ("France condemned the attack.", "condemned", "", False),
    ("Britain will expel Russian diplomats.", "expel", "", False),
    ("Poland plans to expel Belarusian diplomats.", "expel", "intend", True),
    ("Iran vowed to retaliate against Israel.", "retaliate", "intend", True),
    ("Iran threatened to close the Strait of Hormuz.", "close", "intend", True),
    ("Israel is ready to resume negotiations with Hamas.", "resume", "intend", True),
    ("Moscow expressed willingness to resume cooperation if Japan alters its approach.",
     "resume", "conditional", True),
    ("The World Bank will resume aid to Ethiopia if the government ends the conflict.",
     "resume", "conditional", False),
    ("Washington will lift sanctions unless Caracas frees the prisoners.", "lift",
     "conditional", False),
    xf("'provided that' is not among the condition marks the parser attaches",
       "The EU will resume aid provided that Niger holds elections.", "resume", "conditional",
       False),
    ("Germany said it would send weapons to Ukraine.", "send", "intend", True),
    ("Turkey's threat to block Sweden's bid angered Stockholm.", "block", "intend", True),
    ("Kofi Annan announced on Monday that he will withdraw inspectors from Iraq.", "withdraw",
     "intend", True),
    ("The rebels said they will release the prime minister.", "release", "intend", True),
    ("The United States is committed to assisting Indonesia.", "assisting", "intend", True),
    ("Japan reaffirmed its commitment to helping Ukraine.", "helping", "intend", True),
    # the act is the news; the reporter only its source
    ("Arnor will contribute a million rupees to Gondor, a senior official said.", "contribute",
     "", False),
]


@pytest.mark.parametrize(("sentence", "word", "mode", "intent"), MODES)
def test_mode(nlp: Any, sentence: str, word: str, mode: str, intent: bool) -> None:
    frame = frame_of(token(nlp, sentence, word))
    assert (frame.blocked, frame.mode, frame.intent) == ("", mode, intent), frame


# ------------------------------------------------------------ attribution

ATTRIBUTION = [
    ("Iran attacked an Israeli ship, state media reported.", "attacked", "state media"),
    ("Israel bombed targets in Lebanon, the Israeli military said.", "bombed",
     "the Israeli military"),
    ("Ukraine's military said Russian forces had shelled Kharkiv.", "shelled",
     "Ukraine's military"),
    ("Officials in Ankara told reporters that Turkey had closed the border.", "closed",
     "Officials in Ankara"),
    ("France condemned the attack.", "condemned", ""),
    ("Ukraine's military said Russian forces had shelled Kharkiv.", "said", ""),
]


@pytest.mark.parametrize(("sentence", "word", "who"), ATTRIBUTION)
def test_reporting_frame_attribution(nlp: Any, sentence: str, word: str, who: str) -> None:
    frame = frame_of(token(nlp, sentence, word))
    assert frame.attribution_text == who, frame
    assert (frame.attribution_head is None) == (who == "")


ACCORDING = [
    ("Russian troops shelled Kharkiv, according to Reuters.", "shelled", "Reuters"),
    ("According to the state news agency, Egypt signed an agreement with Israel.", "signed",
     "the state news agency"),
    ("Russian troops shelled Kharkiv overnight.", "shelled", ""),
]


@pytest.mark.parametrize(("sentence", "word", "who"), ACCORDING)
def test_according_to(nlp: Any, sentence: str, word: str, who: str) -> None:
    assert according_to(token(nlp, sentence, word)) == who


def test_default_frame_is_a_plain_fact() -> None:
    frame = Frame()
    assert (frame.blocked, frame.mode, frame.intent, frame.attribution_head) == ("", "", False,
                                                                                   None)


# ------------------------------------------------------------ asked of someone, not done

@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Kyiv urged Germany to strengthen its forces in Lithuania.", "strengthen"),
        ("The EU called on Turkey to lift the state of emergency.", "lift"),
        ("Russia demanded that the government lift sanctions on Iran.", "lift"),
        ("Russia asked Japan to return the islands.", "return"),
        ("China appealed to both sides to halt the fighting.", "halt"),
        ("The court ordered the army to release the prisoners.", "release"),
    ],
)
def test_what_is_asked_of_someone_is_not_done(nlp: Any, sentence: str, word: str) -> None:
    assert frame_of(token(nlp, sentence, word)).blocked == "demanded"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Islamic Jihad rejected an invitation to attend the meeting.", "attend"),
        ("The UN issued an appeal to end the fighting in Darfur.", "end"),
    ],
)
def test_what_a_request_asks_is_not_done(nlp: Any, sentence: str, word: str) -> None:
    assert frame_of(token(nlp, sentence, word)).blocked == "demanded"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Russia said Japan had lifted sanctions on Iran.", "lifted"),
        ("China helped Pakistan to build a dam.", "build"),
        ("The army has attacked the rebels again.", "attacked"),
    ],
)
def test_done_acts_are_not_demands(nlp: Any, sentence: str, word: str) -> None:
    assert frame_of(token(nlp, sentence, word)).blocked == ""


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Minister Gemba said that he cannot understand why President Lee visited the island, "
         "and that the Government of Japan strongly protests the ROK.", "protests"),
        ("Paris said that it did not expect the vote, and that France condemns the result.",
         "condemns"),
    ],
)
def test_a_second_that_clause_is_not_negated_by_the_first(nlp: Any, sentence: str,
                                                          word: str) -> None:
    assert frame_of(token(nlp, sentence, word)).blocked == ""


def test_a_conjunct_in_the_same_clause_is_still_negated(nlp: Any) -> None:
    sentence = "Japan said that it will not recall its ambassador or suspend the talks."
    assert frame_of(token(nlp, sentence, "suspend")).blocked == "negated"


@pytest.mark.parametrize(
    "sentence",
    [
        "The army has yet to launch an attack on the rebels.",
        "Iran is yet to respond to the offer.",
    ],
)
def test_yet_to_is_negated(nlp: Any, sentence: str) -> None:
    verb = next(t for t in nlp(sentence) if t.dep_ == "xcomp")
    assert frame_of(verb).blocked == "negated"


def test_the_state_of_emergency_is_not_a_country(code_text: Callable[..., Any]) -> None:
    events = code_text("Iran protested. Lebanon lifted the state of emergency.")
    assert all(e.target != "IRN" for e in events if e.source == "LBN")
    events = code_text("France sent troops to Mali. The country welcomed them on Monday.")
    assert ("FRA", "MLI") in {(e.source, e.target) for e in events}


def test_what_someone_is_accused_of_is_not_an_act(code_text: Callable[..., list[EventRecord]]
                                                  ) -> None:
    events = code_text("China accused the United States of interfering in its elections.")
    assert {(e.source, e.target, e.root) for e in events} == {("CHN", "USA", "11")}


def test_a_verbal_act_joined_to_a_reported_clause_is_the_reporters(
        code_text: Callable[..., list[EventRecord]]) -> None:
    events = code_text("Malian officials say the raids have caused panic among civilians in "
                       "the region and threatened unspecified measures against Niger.")
    assert any((e.source, e.target, e.root) == ("MLI", "NER", "13") for e in events), [
        (e.source, e.target, e.code) for e in events]


def test_a_material_act_joined_to_a_reported_clause_is_not_the_reporters(
        code_text: Callable[..., list[EventRecord]]) -> None:
    events = code_text("Malian officials say the storm has destroyed homes in the region and "
                       "killed five people in Niger.")
    assert not [e for e in events if e.source.startswith("MLI") and e.root == "18"]


def test_what_an_accusation_says_is_not_an_act(
        code_text: Callable[..., list[EventRecord]]) -> None:
    events = code_text("Tensions are growing, following accusations that Ethiopia bombed "
                       "four Eritrean towns near the border on Friday.")
    assert not [e for e in events if e.root in ("18", "19")], [
        (e.source, e.target, e.code) for e in events]


def test_what_a_report_says_stays_an_act(code_text: Callable[..., list[EventRecord]]) -> None:
    events = code_text("Ethiopia bombed four Eritrean towns near the border on Friday, "
                       "officials said.")
    assert [e for e in events if e.root == "19"]
