"""The report's JSON object and its Rich rendering."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console

from dyad.evaluation.gold import (
    ArticleGold,
    ArticleGoldFile,
    GoldEvent,
    SentenceGold,
    SentenceGoldFile,
)
from dyad.evaluation.report import Report, as_json, combine_articles, render
from dyad.evaluation.score import ArticleReport, TextFailed, score_articles, score_sentences
from tests.evaluation.helpers import coded, event

S1 = "[red]Russia[/red] condemned Japan on Monday over the exercise, \x1b[2J officials said."


def reports() -> list[Report]:
    text = ArticleGold(file="dir/a.txt", path=Path("dir/a.txt"), line=1, events=(
        GoldEvent("RUS", "JPN", ("11",), S1), GoldEvent("JPN", "RUS", ("04",), S1)))
    articles = score_articles(ArticleGoldFile(Path("g1.jsonl"), (text,)),
                              [coded(event("RUS", "JPN", "111", S1), sentences=(S1,))])
    more = score_articles(ArticleGoldFile(Path("g2.jsonl"), (text,)), [TextFailed("boom")])
    sentences = score_sentences(SentenceGoldFile(Path("s.jsonl"), (SentenceGold(
        id="s1", text=S1, event="DISAPPROVE", sources=("RUS",), targets=("JPN",), line=1),)),
        [coded(event("RUS", "JPN", "111", S1))])
    return [articles, more, sentences]


def test_json_holds_every_file_and_the_totals() -> None:
    data = as_json(reports())
    json.dumps(data)  # plain JSON values only
    assert [f["kind"] for f in data["files"]] == ["articles", "articles", "sentences"]
    first = data["files"][0]
    assert set(first) == {"gold", "kind", "summary", "texts", "roots", "fields",
                          "forbidden_hits", "failed", "misses", "false_events"}
    assert first["texts"][0]["recall"] == 0.5 and first["texts"][0]["false"] == 0
    assert first["misses"][0]["gold"] == "JPN→RUS 04"
    assert data["articles"]["required"] == 4 and data["articles"]["found"] == 1
    assert data["articles"]["texts_failed"] == 1 and data["articles"]["recall"] == 0.25
    assert data["sentences"] == {**data["files"][2]["summary"]}
    assert data["sentences"]["right"] == 1


def test_json_without_a_kind_has_null_totals() -> None:
    data = as_json(reports()[2:])
    assert data["articles"] is None and data["sentences"]["sentences"] == 1


def test_combined_roots_and_fields_add_up() -> None:
    first, second = (r for r in reports() if isinstance(r, ArticleReport))
    total = combine_articles([first, second])
    assert {r.root: r.required for r in total.roots} == {"04": 2, "11": 2}
    assert {f.field: f.total for f in total.fields}["type"] == 2


def test_rendering_prints_document_text_as_text() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=200, color_system=None, force_terminal=False)
    render(reports(), console, misses=True)
    out = buffer.getvalue()
    assert "required events found  1 of 2 (50.0%)" in out
    assert "right type+source+target  1 of 1 (100.0%)" in out
    assert "NOT CODED a.txt: boom" in out
    assert "miss a.txt JPN→RUS 04" in out
    assert "[red]Russia[/red] condemned" in out  # never read as markup
    assert "\x1b" not in out and "\\x1b[2J" in out  # control characters made visible
