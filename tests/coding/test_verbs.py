"""Tests for dyad.coding.verbs: VerbMatcher on tiny PETRARCH-2 verb dictionaries."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dyad.coding.coder import EventCoder
from dyad.coding.syntax import predicate_roles
from dyad.coding.tokens import PlainDoc
from dyad.coding.verbs import VerbMatch, VerbMatcher
from dyad.dictionaries.defaults import DictionarySet, load_dictionaries
from dyad.dictionaries.model import DiscardList, EventCode, VerbDictionary
from dyad.dictionaries.verbs import parse_verbs
from dyad.nlp import load_pipeline
from dyad.record import Document

TINY = """\
####### SYNONYM SETS #######
&HELP
+AID
+ASSISTANCE
+RELIEF
&TALK
+TALKS
+NEGOTIATION
####### VERB PATTERNS #######
---  SEND   [070]  ---
SEND {SENDS SENT SENDING}
- * &HELP                                   [070]
- * {MILITARY AID}                          [062]
- * TROOPS                                  [150]
- * TROOPS (TO BORDER)                      [152]
---  SUSPEND   [---]  ---
SUSPEND
- * &TALK                                   [164]
- * SANCTIONS                               [081]
- * TRADE                                   [1621]
---  HOST   [043:042]  ---
HOST
---  SIGN   [---]  ---
SIGN
- * AGREEMENT                               [057:057]
- * DECREE                                  [---]
---  EXPEL   [174]  ---
EXPEL {EXPELS EXPELLED EXPELLING}
- * DIPLOMAT                                [161]
- * JOURNALIST                              [---]
---  CONVICT   [115]  ---
CONVICT
- COURT *                                   [173]
---  CANCEL   [---]  ---
+CALL_OFF {+CALLS_OFF +CALLED_OFF +CALLING_OFF}
- * VISIT                                   [1612]
- * (WITH)                                  [160]
---  OPPOSE   [140]  ---
OPPOSE
PROTEST
- * ACTION (AGAINST)                        [030]
---  ATTACK   [190]  ---
ATTACK
- * GOVERNMENT                              [111]
"""


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_pipeline()


@pytest.fixture(scope="module")
def verbs(tmp_path_factory: pytest.TempPathFactory) -> VerbDictionary:
    path: Path = tmp_path_factory.mktemp("verbs") / "tiny.verbs.txt"
    path.write_text(TINY, encoding="utf-8")
    parsed = parse_verbs(path)
    assert parsed.problems == []
    assert parsed.value.style == "P2"
    return parsed.value


@pytest.fixture(scope="module")
def matcher(verbs: VerbDictionary) -> VerbMatcher:
    return VerbMatcher(verbs)


def xf(reason: str, *values: object) -> object:
    return pytest.param(*values, marks=pytest.mark.xfail(reason=reason, strict=True))


def best(nlp: Any, matcher: VerbMatcher, sentence: str, verb: str) -> VerbMatch | None:
    doc = PlainDoc(nlp(sentence))
    token = next(t for t in doc if t.text == verb)
    roles = predicate_roles(token)
    return matcher.best_match(token, roles.subjects, roles.complement, {})


def coded(match: VerbMatch | None) -> str:
    assert match is not None
    code = match.code
    return (code.forward or "") + (f":{code.reverse}" if code.reverse else "")


MATCHES = [
    # no pattern applies: the verb's own (block) code
    ("Kenya sent a letter to Somalia.", "sent", "070"),
    # a synonym-set member, and its plural
    ("Kenya sent humanitarian assistance to Somalia.", "sent", "070"),
    ("Germany sent relief supplies to Turkey.", "sent", "070"),
    # a phrase pattern {MILITARY AID} (more elements) beats the one-word &HELP member AID
    ("Germany sent military aid to Ukraine.", "sent", "062"),
    # TROOPS (TO BORDER) beats TROOPS alone
    ("India sent troops to the border with China.", "sent", "152"),
    ("India sent troops to Sri Lanka.", "sent", "150"),
    # the verb's own object beats a noun deeper in the phrase
    ("Russia suspended talks on sanctions with Japan.", "suspended", "164"),
    ("Russia suspended sanctions on talks with Japan.", "suspended", "081"),
    ("Russia suspended negotiations with Japan.", "suspended", "164"),
    # plural object for a singular pattern word
    ("Poland expelled two Russian diplomats.", "expelled", "161"),
    ("Poland expelled the Russian trade attaché.", "expelled", "174"),
    # a PRE pattern is matched on the subject phrase
    ("A British court convicted two Iranian nationals.", "convicted", "173"),
    ("Britain convicted two Iranian nationals.", "convicted", "115"),
    # [A:B] on the block, and a symmetric pattern code
    ("Egypt hosted the Israeli prime minister.", "hosted", "043:042"),
    ("Ethiopia signed an agreement with Eritrea.", "signed", "057:057"),
    # multi-word verbs (+CALL_OFF) with their own patterns
    ("Japan called off the visit to Seoul.", "called", "1612"),
    ("Japan called off talks with Seoul.", "called", "160"),
    # a pattern word names the head of a phrase; its PP follows that head
    ("Rebels attacked the government in Damascus.", "attacked", "111"),
    ("Vietnam opposed the action against its fishermen.", "opposed", "030"),
    ("Rebels attacked government forces.", "attacked", "190"),
    ("Vietnam protested against China's actions.", "protested", "140"),
]


@pytest.mark.parametrize(("sentence", "verb", "code"), MATCHES)
def test_best_match(nlp: Any, matcher: VerbMatcher, sentence: str, verb: str,
                    code: str) -> None:
    assert coded(best(nlp, matcher, sentence, verb)) == code


def test_unknown_verb_has_no_match(nlp: Any, matcher: VerbMatcher) -> None:
    assert best(nlp, matcher, "France condemned the attack.", "condemned") is None


def test_match_explains_its_pattern(nlp: Any, matcher: VerbMatcher) -> None:
    match = best(nlp, matcher, "Germany sent military aid to Ukraine.", "sent")
    assert match is not None and match.pattern is not None
    assert "{MILITARY AID}" in match.reason
    assert match.pattern.line == TINY.splitlines().index(
        next(line for line in TINY.splitlines() if "{MILITARY AID}" in line)) + 1
    plain = best(nlp, matcher, "Kenya sent a letter to Somalia.", "sent")
    assert plain is not None and plain.pattern is None and "verb SEND" in plain.reason


def test_multiword_trigger_covers_both_words(nlp: Any, matcher: VerbMatcher) -> None:
    doc = PlainDoc(nlp("Japan called off the visit to Seoul."))
    called = next(t for t in doc if t.text == "called")
    found = matcher.entries(called)
    assert found
    assert {entry.lemma for entry, _ in found} == {("CALL", "OFF")}
    assert {tuple(doc[i].text for i in trigger) for _, trigger in found} == {("called", "off")}


def test_multiword_verb_needs_its_particle(nlp: Any, matcher: VerbMatcher) -> None:
    doc = PlainDoc(nlp("Japan called the ambassador."))
    called = next(t for t in doc if t.text == "called")
    assert matcher.entries(called) == []


@pytest.mark.parametrize(("sentence", "verb"), [
    ("Poland expelled a Russian journalist.", "expelled"),
    ("Russia signed a decree on Japan.", "signed"),
])
def test_null_pattern_blocks_the_verb_code(nlp: Any, matcher: VerbMatcher, sentence: str,
                                           verb: str) -> None:
    match = best(nlp, matcher, sentence, verb)
    assert match is not None and match.code == EventCode("---")
    assert match.code.is_null


# ------------------------------------------------------------ through the coder


@pytest.fixture(scope="module")
def tiny_coder(verbs: VerbDictionary) -> EventCoder:
    shipped = load_dictionaries()
    return EventCoder(DictionarySet(shipped.actors, shipped.agents, verbs, DiscardList()))


def triples(coder: EventCoder, text: str) -> set[tuple[str, str, str]]:
    document = Document(id="t", text=text, date=date(2024, 7, 2))
    return {(e.source[:3], e.target[:3], e.code) for c in coder.code([document])
            for e in c.events}


CODED = [
    # [A:B]: the forward event and the reverse one
    ("Egypt hosted the Israeli prime minister.", {("EGY", "ISR", "043"), ("ISR", "EGY", "042")}),
    ("Ethiopia signed an agreement with Eritrea.",
     {("ETH", "ERI", "057"), ("ERI", "ETH", "057")}),
    # [---] blocks the block's own code
    ("Poland expelled a Russian journalist.", set()),
    ("Poland expelled two Russian diplomats.", {("POL", "RUS", "161")}),
    ("Poland expelled the Russian trade attaché.", {("POL", "RUS", "174")}),
    # a verb block with a null code and no matching pattern gives nothing
    ("Russia suspended flights to Georgia.", set()),
    ("Russia suspended talks with Georgia.", {("RUS", "GEO", "164")}),
]


@pytest.mark.parametrize(("text", "events"), CODED)
def test_codes_through_the_coder(tiny_coder: EventCoder, text: str,
                                 events: set[tuple[str, str, str]]) -> None:
    assert triples(tiny_coder, text) == events
