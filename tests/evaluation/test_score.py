"""Scoring hand-written gold against hand-made coded documents: every number is known."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.evaluation.gold import (
    ArticleGold,
    ArticleGoldFile,
    ForbiddenEvent,
    GoldEvent,
    SentenceGold,
    SentenceGoldFile,
)
from dyad.evaluation.score import TextFailed, score_articles, score_sentences
from tests.evaluation.helpers import coded, event

S1 = "Russia condemned Japan on Monday over the exercise near the islands."
S2 = "Japan summoned the Russian ambassador to protest on Tuesday afternoon."
S3 = "Japan did not impose sanctions on Russia, the ministry said in Tokyo."


def article(file: str = "a.txt") -> ArticleGold:
    return ArticleGold(
        file=file, path=Path(file), line=1, doc_date="2024-07-02",
        events=(
            GoldEvent("RUS", "JPN", ("11",), S1, date="2024-07-01", note="111 condemn"),
            GoldEvent("JPN", "RUS", ("11", "14"), S2, date="2024-07-02"),
            GoldEvent("RUS", "JPN", ("04",), S1, optional=True),
        ),
        forbidden=(ForbiddenEvent("JPN", "RUS", ("16",), S3, why="negated"),
                   ForbiddenEvent("RUS", "", ("19",), why="never happened")),
    )


def test_articles_counts() -> None:
    gold = ArticleGoldFile(Path("gold.jsonl"), (article("a.txt"), article("b.txt")))
    first = coded(
        event("RUSGOV", "JPN", "111", S1, date="2024-07-01"),  # required 1 found
        event("RUS", "JPN", "043", S1, date="2024-07-01"),  # the optional event
        event("JPN", "RUS", "160", S3, sentence_id=2),  # forbidden, false
        event("JPN", "CHN", "042", S2, sentence_id=1, date="2024-07-01"),  # false; near miss
        sentences=(S1, S2, S3))
    report = score_articles(gold, [first, TextFailed("RecursionError: too deep")])
    summary = report.summary()
    assert summary == {
        "texts": 2, "texts_failed": 1, "required": 4, "found": 1, "recall": 0.25,
        "optional": 2, "optional_found": 1, "produced": 4, "matched": 2, "false": 2,
        "precision": 0.5, "forbidden_hits": 1, "located": 2,
    }
    a, b = report.texts
    assert (a.required, a.found, a.produced, a.matched, a.false, a.forbidden_hits) == (
        2, 1, 4, 2, 2, 1)
    assert not b.coded and b.found == 0 and b.required == 2
    assert [(f.text, f.reason) for f in report.failed] == [("b.txt", "RecursionError: too deep")]
    roots = {r.root: (r.required, r.found, r.produced, r.matched) for r in report.roots}
    # gold events by their first root, coded events by theirs
    assert roots == {"11": (4, 1, 1, 1), "04": (0, 0, 2, 1), "16": (0, 0, 1, 0)}
    fields = {f.field: (f.right, f.total) for f in report.fields}
    # located: required 1 of a.txt (all right) and required 2 (JPN→CHN 042: type and target
    # wrong, source right, date wrong)
    assert fields == {"type": (1, 2), "source": (2, 2), "target": (1, 2), "date": (1, 2)}
    (hit,) = report.forbidden
    assert (hit.text, hit.events, hit.why_forbidden) == ("a.txt", ["JPN→RUS 160"], "negated")
    # misses: only coded texts are listed (b.txt is listed as failed)
    (miss,) = report.misses
    assert miss.gold == "JPN→RUS 11/14" and miss.sentence == S2
    assert miss.coded == ["JPN→CHN 042"]
    assert miss.why == ["actors: RUS:Russia", "- no verb pattern: said"]
    assert [(f.event, f.gold_here) for f in report.false_events] == [
        ("JPN→RUS 160", []), ("JPN→CHN 042", ["JPN→RUS 11/14"])]


def test_a_miss_in_a_sentence_dyad_split_otherwise() -> None:
    gold = ArticleGoldFile(Path("g"), (article(),))
    report = score_articles(gold, [coded(sentences=("Something else entirely here.",))])
    assert len(report.misses) == 2
    assert report.misses[0].sentence == S1
    assert "split the text into sentences differently" in report.misses[0].why[0]
    assert report.located == 0 and report.precision is None and report.recall == 0.0


def test_symmetric_and_forbidden_in_any_sentence() -> None:
    text = ArticleGold(file="a", path=Path("a"), line=1, events=(
        GoldEvent("DEU", "FRA", ("04",), S1, symmetric=True),), forbidden=(
        ForbiddenEvent("RUS", "", ("19",), why="x"),))
    report = score_articles(ArticleGoldFile(Path("g"), (text,)), [coded(
        event("FRA", "DEU", "040", S1), event("RUSMIL", "UKR", "190", S3))])
    assert report.summary()["found"] == 1
    assert report.summary()["forbidden_hits"] == 1


def test_outcomes_must_pair_with_the_gold() -> None:
    with pytest.raises(ValueError, match="1 outcomes for 2 texts"):
        score_articles(ArticleGoldFile(Path("g"), (article(), article())), [coded()])


def sentence(id_: str, event_type: str, sources: tuple[str, ...], targets: tuple[str, ...] = ()
             ) -> SentenceGold:
    return SentenceGold(id=id_, text=f"Sentence {id_}.", event=event_type, sources=sources,
                        targets=targets, line=1)


def test_sentences_counts() -> None:
    gold = SentenceGoldFile(Path("s.jsonl"), (
        sentence("1", "THREATEN", ("USA",), ("IRQ",)),  # right
        sentence("2", "THREATEN", ("USA",), ("IRQ",)),  # type right, target wrong
        sentence("3", "AGREE", ("HUN", "ROU")),  # source wrong
        sentence("4", "SANCTION", ("USA",)),  # nothing coded
        sentence("5", "DEMAND", ("IGO",)),  # failed
    ))
    outcomes = [
        coded(event("USAGOV", "IRQ", "138", "Sentence 1."), event("USA", "IRQ", "111", "x")),
        coded(event("USA", "IRN", "130", "Sentence 2.")),
        coded(event("FRA", "ROU", "030", "Sentence 3."), sentences=("Sentence 3.",)),
        coded(),
        TextFailed("ValueError: bad"),
    ]
    report = score_sentences(gold, outcomes)
    assert report.summary() == {
        "sentences": 5, "sentences_failed": 1, "right": 1, "accuracy": 0.2, "type_right": 3,
        "source_right": 2, "target_right": 2, "coded_any": 3, "produced": 4, "matched": 1,
        "precision": 0.25,
    }
    types = {t.type: (t.total, t.right, t.type_right) for t in report.types}
    assert types == {"AGREE": (1, 0, 1), "DEMAND": (1, 0, 0), "SANCTION": (1, 0, 0),
                     "THREATEN": (2, 1, 2)}
    assert [m.id for m in report.misses] == ["2", "3", "4", "5"]
    assert report.misses[0].gold == "THREATEN: USA→IRQ" and report.misses[0].coded == [
        "USA→IRN 130"]
    assert report.misses[1].gold == "AGREE: HUN/ROU→any"
    assert report.misses[1].why[0] == "actors: RUS:Russia"
    assert report.misses[3].failed == "ValueError: bad"
    assert [(f.text, f.reason) for f in report.failed] == [("5", "ValueError: bad")]
