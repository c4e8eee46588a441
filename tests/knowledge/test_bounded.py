"""The knowledge extractor never crashes, and every walk it makes over a parse is bounded.

Two kinds of tests:

* sentences of each troublesome shape through the extractor: dates found twice or
  overlapping ("on Tuesday night": the tagger's "Tuesday" and the patterns' "Tuesday night"
  once gave an IndexError that made `dyad ingest` drop the whole document), coordinated
  subjects with possessives, pronoun and possessive chains, appositions, quotes in quotes,
  300-word sentences, lists of 50 names, and a 2,100-token chain of "of the office of…";
* the walks themselves on hand-built token graphs, including heads that form a cycle (which
  no parser should give, but a walk bounded only by its input would never leave): each walk
  keeps a visited set or an explicit step count, so it ends whatever the graph.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest

from dyad.coding.dates import resolve_date
from dyad.knowledge import KnowledgeBase, KnowledgeExtractor
from dyad.knowledge import agreements as agreements_module
from dyad.knowledge import claim_content as claims_module
from dyad.knowledge import institutions as institutions_module
from dyad.knowledge.context import (
    DateFound,
    _listed,
    ancestors,
    conjuncts,
    descendants,
    disjoint_dates,
    noun_mode,
    phrase_text,
    subtree_indices,
    verb_above,
)
from dyad.knowledge.model import When
from dyad.nlp import parse_documents
from dyad.record import Document
from tests.knowledge.conftest import DAY, Extract
from tests.stress_texts import stress_texts

# --- dates found twice ----------------------------------------------------------------------

# (sentence, the date expression the step must carry the date of)
OVERLAPPING_DATES = [
    ("Argentina signed an agreement with Brazil on Tuesday night.", "Tuesday night"),
    ("Argentina signed an agreement with Brazil on Monday morning.", "Monday morning"),
    ("Argentina signed an agreement with Brazil last Tuesday evening.", "last Tuesday evening"),
    ("Argentina signed an agreement with Brazil on Sunday afternoon.", "Sunday afternoon"),
    ("Argentina signed an agreement with Brazil late on Friday night.", "Friday night"),
    ("Argentina signed an agreement with Brazil yesterday evening.", "yesterday evening"),
    ("On Tuesday night, Argentina signed an agreement with Brazil.", "Tuesday night"),
    (
        "Argentina and Brazil signed a trade agreement on Monday night in Buenos Aires.",
        "Monday night",
    ),
    (
        "Russia suspended the treaty with Japan on Tuesday night, the ministry said.",
        "Tuesday night",
    ),
    (
        "Russia suspended the treaty with Japan on Tuesday night and Wednesday morning.",
        "Tuesday night",
    ),
    ("Israel and Hamas agreed to a ceasefire on Saturday morning, June 29.", "June 29"),
]


@pytest.mark.parametrize(("sentence", "expression"), OVERLAPPING_DATES,
                         ids=[s for s, _ in OVERLAPPING_DATES])  # fmt: skip
def test_dates_found_twice_do_not_crash(extract: Extract, sentence: str, expression: str) -> None:
    kb = extract(sentence)
    assert len(kb.agreements) == 1, sentence
    steps = kb.agreements[0].steps
    expected = resolve_date(expression, DAY)
    assert expected is not None
    assert expected.date.isoformat() in [s.when.date for s in steps], steps
    assert all(s.when.source == "stated" for s in steps), steps


def test_tuesday_night_is_the_documents_tuesday_and_both_parties_sign(extract: Extract) -> None:
    kb = extract("Argentina signed an agreement with Brazil on Tuesday night.")
    (agreement,) = kb.agreements
    (step,) = agreement.steps
    assert step.kind == "signed"
    assert step.when.source == "stated"
    assert step.when.date <= DAY.isoformat()
    assert {p.code for p in agreement.parties} >= {"ARG", "BRA"}


def test_a_document_of_such_sentences_keeps_every_record(extract: Extract) -> None:
    text = " ".join(s for s, _ in OVERLAPPING_DATES[:6])
    kb = extract(text)
    assert kb.agreements  # nothing raised, and the steps survive
    dates = {s.when.date for a in kb.agreements for s in a.steps}
    assert len(dates) >= 4, dates


def _found(start: int, end: int, day: str = "2024-07-02") -> DateFound:
    return DateFound(When(day, f"{start}-{end}", "day", "stated"), start, end, end - 1)


def test_overlapping_dates_become_one_the_longest() -> None:
    tagger, patterns = _found(5, 6), _found(5, 7)  # "Tuesday" and "Tuesday night"
    assert disjoint_dates([tagger, patterns]) == [patterns]
    assert disjoint_dates([patterns, tagger]) == [patterns]
    same = _found(5, 7, "2024-07-01")
    assert disjoint_dates([patterns, same]) == [patterns]  # a tie: the first found
    inside = _found(6, 7)
    assert disjoint_dates([inside, tagger, patterns]) == [patterns]
    listed = [_found(9, 10), _found(5, 6), _found(7, 8)]  # "2000 and 2003, 2004"
    assert [d.start for d in disjoint_dates(listed)] == [5, 7, 9]
    assert disjoint_dates([]) == []


# --- sentences of every shape through the extractor -------------------------------------------

NAMES = ["Russia", "Japan", "China", "France", "Germany", "Brazil", "India", "Canada", "Mexico",
         "Egypt", "Kenya", "Peru", "Chile", "Spain", "Italy", "Poland", "Norway", "Sweden",
         "Finland", "Greece", "Turkey", "Iran", "Iraq", "Syria", "Jordan", "Israel", "Lebanon",
         "Qatar", "Oman", "Yemen", "Nigeria", "Ghana", "Senegal", "Mali", "Niger", "Chad",
         "Sudan", "Ethiopia", "Somalia", "Uganda", "Rwanda", "Burundi", "Angola", "Zambia",
         "Namibia", "Botswana", "Argentina", "Uruguay", "Paraguay", "Bolivia"]  # fmt: skip
assert len(NAMES) == 50

SHAPES = {
    "coordinated subject with a possessive": "Russia and its allies signed the treaty.",
    "possessive coordination": "Russia and its allies and their partners suspended the accord.",
    "pronoun chain": (
        "Russia signed the treaty. It said its ministry's head's deputy's office would "
        "implement it."
    ),
    "possessive chain": "Japan's embassy's consulate's office's staff closed the center.",
    "their delegation": "The head of their delegation criticized the agreement with Japan.",
    "apposition": (
        "Japan, a member of the alliance, a signatory of the treaty, and an ally of the United "
        "States, ratified the accord, the first of its kind, on Monday."
    ),
    "quotes in quotes": (
        'The minister said: "Russia told us \'the treaty is "dead"\' and closed the center," '
        "the agency reported."
    ),
    "denied report of a report": (
        "Russia denied reports that Japan had denied reports that it had closed the Japan "
        "Center in Moscow."
    ),
    "list of 50 names": f"{', '.join(NAMES[:-1])} and {NAMES[-1]} signed the treaty on Tuesday.",
    "agreement with 50 names": (
        f"Russia signed an agreement with {', '.join(NAMES[1:-1])} and {NAMES[-1]} in 2000 and "
        "2003."
    ),
    "wrappers": (
        "Russia suspended its participation in the implementation of the application of the "
        "operation of the provisions of the treaty."
    ),
    "xcomp chain": "Russia is set to try to begin to want to start to plan to close the center.",
    "claim chain": (
        "Japan said that Russia claimed that China reported that India alleged that the embassy "
        "would close."
    ),
}


def extract_with_little_stack(extractor: KnowledgeExtractor, text: str) -> KnowledgeBase:
    """The knowledge of one text, parsed as usual, then extracted with a low recursion
    limit: a walk of the extractor (or of the coder under it) that recursed once per token or
    per link of a chain would raise RecursionError."""
    (parsed,) = parse_documents([Document(id="doc0", text=text, date=DAY)], nlp=extractor.nlp)
    kb: KnowledgeBase = _with_low_recursion_limit(lambda: extractor.extract(parsed))
    return kb


@pytest.mark.parametrize("shape", list(SHAPES))
def test_shapes_are_extracted_without_error(extractor: KnowledgeExtractor, shape: str) -> None:
    kb = extract_with_little_stack(extractor, SHAPES[shape])
    assert isinstance(kb, KnowledgeBase)


def test_fifty_names_sign_one_agreement(extract: Extract) -> None:
    kb = extract(SHAPES["agreement with 50 names"])
    assert kb.agreements
    codes = {p.code for a in kb.agreements for p in a.parties}
    assert len(codes) >= 40, codes


def _long_sentence(words: int) -> str:
    """About `words` words of ordinary news prose in one sentence."""
    clause = ("the ministry of foreign affairs of Japan, which signed the agreement with "
              "Russia on Tuesday night, said that the center in Moscow")  # fmt: skip
    parts = []
    while sum(len(p.split()) for p in parts) < words:
        parts.append(clause)
    return "Officials said that " + ", and ".join(parts) + " would close."


def test_a_300_word_sentence(extractor: KnowledgeExtractor) -> None:
    text = _long_sentence(300)
    assert len(text.split()) >= 300
    kb = extract_with_little_stack(extractor, text)
    assert kb.agreements or kb.institutions


def _office_chain(tokens: int) -> str:
    """'Russia closed the office of the office of … the office.' of about `tokens` tokens."""
    return "Russia closed the office" + " of the office" * (tokens // 3) + "."


def _with_low_recursion_limit(run: Callable[[], Any], limit: int = 400) -> Any:
    """`run()` with little Python stack: a walk that recursed once per token would fail."""
    result: list[Any] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(run())
        except BaseException as exc:
            errors.append(exc)

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(limit + len(_frames()))
    try:
        thread = threading.Thread(target=target)
        thread.start()
        thread.join()
    finally:
        sys.setrecursionlimit(old)
    if errors:
        raise errors[0]
    return result[0]


def _frames() -> list[Any]:
    frame, found = sys._getframe(), []
    while frame is not None:
        found.append(frame)
        frame = frame.f_back  # type: ignore[assignment]
    return found


def test_a_2100_token_chain_of_offices(extractor: KnowledgeExtractor) -> None:
    text = _office_chain(2_100)
    kb = extract_with_little_stack(extractor, text)
    (office,) = kb.institutions  # the one Russia closed; the others are only named
    assert office.status == "closed"


# --- the walks on hand-built graphs -----------------------------------------------------------


@dataclass(eq=False)
class Tok:
    """Just enough of a token for the walks: position, words, tags and arcs."""

    i: int
    text: str = "word"
    dep_: str = "dep"
    pos_: str = "NOUN"
    tag_: str = "NN"
    ent_type_: str = ""
    head: Tok = field(init=False)
    children: tuple[Tok, ...] = ()
    memo: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        self.head = self

    @property
    def lower_(self) -> str:
        return self.text.lower()

    @property
    def lemma_(self) -> str:
        return self.text.lower()

    @property
    def whitespace_(self) -> str:
        return " "

    @property
    def subtree(self) -> Iterator[Tok]:
        raise AssertionError("the knowledge walks do not use the recursive subtree")

    @property
    def ancestors(self) -> Iterator[Tok]:
        raise AssertionError("the knowledge walks do not use the unbounded ancestors")


def attach(child: Tok, head: Tok, dep: str) -> None:
    child.head, child.dep_ = head, dep
    head.children = tuple(sorted({*head.children, child}, key=lambda t: t.i))


def chain(n: int, dep: str = "pobj", text: str = "office") -> list[Tok]:
    """Tokens 0…n-1, each the child of the one before (a 'nested of the office' chain)."""
    tokens = [Tok(k, text) for k in range(n)]
    tokens[0].dep_ = "ROOT"
    for k in range(1, n):
        attach(tokens[k], tokens[k - 1], dep)
    return tokens


def cycle(n: int, dep: str = "conj", text: str = "agreement") -> list[Tok]:
    """Tokens whose heads go round: 0 → n-1 → … → 1 → 0 (children likewise)."""
    tokens = chain(n, dep, text)
    attach(tokens[0], tokens[-1], dep)
    return tokens


def test_walks_over_a_chain_of_5000_tokens_use_no_stack() -> None:
    tokens = chain(5_000)

    def walk() -> tuple[int, int, int, int]:
        return (len(list(ancestors(tokens[-1]))), len(descendants(tokens[0])),
                len(subtree_indices(tokens[0])), len(phrase_text(tokens[0]).split()))  # fmt: skip

    assert _with_low_recursion_limit(walk) == (4_999, 5_000, 5_000, 5_000)


def test_walks_end_on_heads_that_form_a_cycle() -> None:
    tokens = cycle(6)
    assert len(list(ancestors(tokens[3]))) == 5  # each other token once
    assert len(descendants(tokens[0])) == 6
    assert 0 < len(conjuncts(tokens[2])) <= 5  # ends; which ones is of no matter here
    assert verb_above(tokens[2]) is None
    assert noun_mode(tokens[2]) == ""
    assert phrase_text(tokens[0]) == "agreement"  # conj members are not part of the phrase
    offices = cycle(6, "prep", "office")
    assert phrase_text(offices[0]) == " ".join(["office"] * 6)
    assert subtree_indices(offices[4]) == frozenset(range(6))
    assert noun_mode(offices[1]) == ""
    assert agreements_module._effective(tokens[2])[0] in tokens
    assert institutions_module._effective(tokens[2]) in tokens


def test_wrapper_nouns_in_a_cycle_end() -> None:
    # participation -prep-> in -pobj-> application -prep-> of -pobj-> participation …
    words = ["participation", "in", "application", "of"]
    tokens = [Tok(k, words[k % 4], pos_="NOUN" if k % 2 == 0 else "ADP") for k in range(8)]
    for k in range(8):
        attach(tokens[(k + 1) % 8], tokens[k], "prep" if k % 2 == 0 else "pobj")
    assert agreements_module._effective(tokens[2])[0] in tokens


def test_a_long_chain_of_wrappers_is_followed_to_the_top() -> None:
    # "suspended [its participation in the application of]×1500 the treaty"
    n = 3_000
    tokens = [Tok(0, "suspended", pos_="VERB")]
    for k in range(1, n + 1):
        text = "participation" if k % 2 else "in"
        tokens.append(Tok(k, text, pos_="NOUN" if k % 2 else "ADP"))
        attach(tokens[k], tokens[k - 1], ("dobj" if k == 1 else "pobj") if k % 2 else "prep")
    treaty = Tok(n + 1, "treaty")
    attach(treaty, tokens[-1], "pobj")
    found = _with_low_recursion_limit(lambda: agreements_module._effective(treaty)[0])
    assert found is tokens[1]


def test_a_cycle_of_verbal_complements_ends() -> None:
    verbs = [Tok(k, f"verb{k}", pos_="VERB", tag_="VB") for k in range(5)]
    for k in range(5):
        attach(verbs[(k + 1) % 5], verbs[k], "xcomp")
    assert len(claims_module._xcomps(verbs[0])) == 5
    assert {t.i for t in claims_module._core(verbs[0])} == set(range(5))


def test_a_long_chain_of_verbal_complements_uses_no_stack() -> None:
    verbs = chain(3_000, "xcomp", "try")
    for verb in verbs:
        verb.pos_ = "VERB"
    core = _with_low_recursion_limit(lambda: claims_module._core(verbs[0]))
    assert len(core) == 3_000
    assert claims_module._xcomps(verbs[0])[-1] is verbs[-1]


def test_noun_mode_climbs_a_long_chain_to_its_verb() -> None:
    tokens = chain(3_000, "pobj")
    tokens[0].pos_, tokens[0].text = "VERB", "denied"
    for k in range(1, len(tokens)):
        tokens[k].dep_ = "pobj" if k % 2 == 0 else "prep"
    tokens[1].dep_ = "dobj"
    assert _with_low_recursion_limit(lambda: verb_above(tokens[-1])) is tokens[0]


def test_tuesday_night_resolves_against_the_document_date(extract: Extract) -> None:
    wednesday = DAY + timedelta(days=1)
    kb = extract("Argentina signed an agreement with Brazil on Tuesday night.", day=wednesday)
    (agreement,) = kb.agreements
    assert [s.when.date for s in agreement.steps] == [DAY.isoformat()]


def test_overlapping_dates_are_not_a_list() -> None:
    # "Tuesday" and "Tuesday night": once sliced the document from 8 back to 7 (IndexError)
    assert _listed(_found(7, 9), _found(7, 8), doc=None) is False


def test_the_shared_stress_set(extractor: KnowledgeExtractor) -> None:
    """Every text of the crash hunt's stress set (tests/stress_texts.py), one document each,
    through the extractor with little stack."""
    documents = [Document(id=doc_id, text=text, date=DAY) for doc_id, text in stress_texts()]
    parsed = list(parse_documents(documents, nlp=extractor.nlp))
    assert len(parsed) == len(documents)

    def run() -> int:
        return sum(len(extractor.extract(p).agreements) for p in parsed)

    _with_low_recursion_limit(run)
