"""Reading gold files: both formats detected per file, each malformed line named."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dyad.errors import InputError, InputFormatError
from dyad.evaluation.gold import ArticleGoldFile, SentenceGoldFile
from dyad.evaluation.read import read_gold
from dyad.evaluation.texts import documents
from tests.evaluation.helpers import write_jsonl

EVENT = {"sentence_starts": "Russia condemned Japan on Monday.", "source": "RUS",
         "target": "JPN", "roots": ["11"], "date": "2024-07-01", "note": "111"}
ARTICLE = {"file": "a.txt", "title": "T", "doc_date": "2024-07-02", "events": [EVENT],
           "forbidden": [{"why": "swapped", "source": "JPN", "target": "RUS", "roots": ["11"]}]}
SENTENCE = {"id": "S-1", "text": "Iraq threatened the United States.", "event": "THREATEN",
            "mode": "", "source": [{"text": "Iraq", "code": "IRQ", "sector": ""}],
            "target": [{"text": "United States", "code": "USA"}], "comment": ""}


def test_article_gold(tmp_path: Path) -> None:
    gold = read_gold(write_jsonl(tmp_path / "gold.jsonl", [
        ARTICLE, "", {**ARTICLE, "file": "sub/b.txt", "doc_date": None,
                      "events": [{**EVENT, "optional": True, "symmetric": True, "date": None}]}]))
    assert isinstance(gold, ArticleGoldFile)
    first, second = gold.articles
    assert first.path == tmp_path / "a.txt" and first.line == 1 and first.doc_date == "2024-07-02"
    assert first.required[0].roots == ("11",) and first.required[0].date == "2024-07-01"
    assert first.forbidden[0].why == "swapped" and first.forbidden[0].sentence_starts == ""
    assert second.line == 3 and second.path == tmp_path / "sub" / "b.txt"
    assert second.required == () and second.optional[0].symmetric


def test_sentence_gold(tmp_path: Path) -> None:
    gold = read_gold(write_jsonl(tmp_path / "s.jsonl", [
        SENTENCE, {**SENTENCE, "id": 7, "event": "agree", "target": []}]))
    assert isinstance(gold, SentenceGoldFile)
    first, second = gold.sentences
    assert (first.id, first.event, first.sources, first.targets) == (
        "S-1", "THREATEN", ("IRQ",), ("USA",))
    assert (second.id, second.event, second.targets, second.line) == ("7", "AGREE", (), 2)


BAD_ARTICLES: list[tuple[Any, str]] = [
    ("{not json", "invalid JSON"),
    ([1, 2], "expected a JSON object, got an array"),
    ({**ARTICLE, "file": ""}, '"file" is empty'),
    ({**ARTICLE, "file": 3}, '"file" must be a string, got a number'),
    ({**ARTICLE, "events": {}}, '"events" must be an array'),
    ({**ARTICLE, "doc_date": "2 July 2024"}, '"doc_date" must be a date YYYY-MM-DD'),
    ({**ARTICLE, "doc_date": "2024-02-30"}, '"doc_date" is not a real date'),
    ({**ARTICLE, "events": ["x"]}, "events[0]: expected a JSON object, got a string"),
    ({**ARTICLE, "events": [{**EVENT, "roots": []}]}, 'events[0]: "roots" is empty'),
    ({**ARTICLE, "events": [{**EVENT, "roots": ["111"]}]}, "2-digit CAMEO roots"),
    ({**ARTICLE, "events": [{**EVENT, "roots": [11]}]}, "2-digit CAMEO roots"),
    ({**ARTICLE, "events": [{k: v for k, v in EVENT.items() if k != "source"}]},
     'events[0]: missing "source"'),
    ({**ARTICLE, "events": [{**EVENT, "sentence_starts": " "}]}, '"sentence_starts" is empty'),
    ({**ARTICLE, "events": [{**EVENT, "optional": "yes"}]}, '"optional" must be true or false'),
    ({**ARTICLE, "forbidden": [{"why": "x", "source": "RUS", "target": "JPN"}]},
     'forbidden[0]: missing "roots"'),
    ({**ARTICLE, "title": "\ud800"}, "lone surrogate"),
    (SENTENCE, 'missing "file"'),  # a sentence line in an article file
]


@pytest.mark.parametrize(("bad", "message"), BAD_ARTICLES)
def test_a_malformed_article_line_is_named(tmp_path: Path, bad: Any, message: str) -> None:
    path = write_jsonl(tmp_path / "gold.jsonl", [ARTICLE, bad if isinstance(bad, str)
                                                 else json.dumps(bad)])
    with pytest.raises(InputFormatError) as raised:
        read_gold(path)
    assert raised.value.line == 2
    assert message in raised.value.message
    assert raised.value.message.startswith(f"{path}:2: ")


BAD_SENTENCES: list[tuple[Any, str]] = [
    ({**SENTENCE, "text": ""}, '"text" is empty'),
    ({**SENTENCE, "event": None}, 'missing "event"'),
    ({k: v for k, v in SENTENCE.items() if k != "target"}, 'missing "target"'),
    ({**SENTENCE, "source": []}, '"source" is empty'),
    ({**SENTENCE, "source": [{"text": "Iraq"}]}, 'source[0]: missing "code"'),
    ({**SENTENCE, "target": 5}, '"target" must be a list of actors'),
    ({**SENTENCE, "id": "S-1"}, '"id" "S-1" already used at line 1'),
    (ARTICLE, 'missing "id"'),
]


@pytest.mark.parametrize(("bad", "message"), BAD_SENTENCES)
def test_a_malformed_sentence_line_is_named(tmp_path: Path, bad: Any, message: str) -> None:
    path = write_jsonl(tmp_path / "s.jsonl", [SENTENCE, bad])
    with pytest.raises(InputFormatError) as raised:
        read_gold(path)
    assert raised.value.line == 2 and message in raised.value.message


def test_a_file_of_neither_format(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "x.jsonl", ["", {"id": 1, "text": "Hello."}])
    with pytest.raises(InputFormatError) as raised:
        read_gold(path)
    assert raised.value.line == 2 and "not a gold line" in raised.value.message


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty gold file"),
    (b"\n  \n", "empty gold file"),
    (b"\x00\x01\x02binary", "binary"),
    (b'{"file": "a.txt", "events": []}\n{"file": "\xff"}\n', "not UTF-8"),
])
def test_unusable_gold_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "g.jsonl"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_gold(path)


def test_a_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_gold(tmp_path / "nothing.jsonl")


def test_documents_for_articles_and_sentences(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Russia condemned Japan on Monday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Japan criticized China.\n", encoding="utf-8")
    articles = read_gold(write_jsonl(tmp_path / "gold.jsonl", [
        ARTICLE, {**ARTICLE, "file": "b.txt", "doc_date": None}]))
    first, second = documents(articles, date(2000, 1, 1))
    assert (first.id, first.date, first.text) == ("a.txt", date(2024, 7, 2),
                                                  "Russia condemned Japan on Monday.\n")
    assert (second.id, second.date) == ("b.txt", date(2000, 1, 1))
    sentences = read_gold(write_jsonl(tmp_path / "s.jsonl", [SENTENCE]))
    (only,) = documents(sentences)
    assert (only.id, only.text, only.date) == ("S-1", SENTENCE["text"], None)


def test_a_text_that_cannot_be_read_is_an_error_at_its_gold_line(tmp_path: Path) -> None:
    gold = read_gold(write_jsonl(tmp_path / "gold.jsonl", [ARTICLE]))
    with pytest.raises(InputFormatError) as raised:
        documents(gold)
    assert raised.value.message == f"{tmp_path / 'gold.jsonl'}:1: text 'a.txt': file not found"


KNOWLEDGE = {
    "agreements": [{"name": "New START", "parties": ["USA", "RUS"], "signed": 2010,
                    "status_after_article": "in force", "evidence_starts": "The treaty",
                    "note": "extended"}],
    "institutions": [{"name": "UNAMID", "owner": "", "status_after_article": "operating",
                      "evidence_starts": "The mission"}],
    "claims": [{"claim": "Sudan bombed Chad", "made_by": "TCD", "status": "disputed",
                "by": "SDN"}],
}


def test_article_gold_with_knowledge(tmp_path: Path) -> None:
    gold = read_gold(write_jsonl(tmp_path / "gold.jsonl", [{**ARTICLE, **KNOWLEDGE}]))
    assert isinstance(gold, ArticleGoldFile)
    (first,) = gold.articles
    (treaty,) = first.agreements
    assert (treaty.name, treaty.parties, treaty.signed, treaty.status) == (
        "New START", ("USA", "RUS"), "2010", "in force")
    assert first.institutions[0].owner == "" and first.institutions[0].status == "operating"
    assert (first.claims[0].status, first.claims[0].by) == ("disputed", "SDN")


@pytest.mark.parametrize(("bad", "message"), [
    ({"agreements": [{"name": "A", "status_after_article": "ended"}]},
     'agreements[0]: "status_after_article" must be one of signed, ratified'),
    ({"agreements": [{"name": "A", "parties": [3], "status_after_article": "signed"}]},
     'agreements[0]: "parties" must hold actor codes'),
    ({"agreements": [{"name": "A", "signed": "May", "status_after_article": "signed"}]},
     'agreements[0]: "signed" must be a year or null'),
    ({"institutions": [{"owner": "", "status_after_article": "open"}]},
     'institutions[0]: missing "name"'),
    ({"claims": [{"claim": "P", "status": "false"}]},
     'claims[0]: "status" must be one of asserted, refuted, confirmed, disputed'),
    ({"claims": "none"}, '"claims" must be an array'),
])  # fmt: skip
def test_a_malformed_knowledge_item_is_named(tmp_path: Path, bad: dict[str, Any],
                                             message: str) -> None:  # fmt: skip
    path = write_jsonl(tmp_path / "gold.jsonl", [ARTICLE, {**ARTICLE, **bad}])
    with pytest.raises(InputFormatError) as raised:
        read_gold(path)
    assert raised.value.line == 2
    assert message in raised.value.message
