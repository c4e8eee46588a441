"""`dyad evaluate`: end to end on small gold files, on bad gold, and on the repository's dev set."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dyad.coding.analysis import SentenceView
from dyad.coding.coder import EventCoder
from tests.cli.conftest import ROOT, Run, assert_one_line_error

TEXT = ("Russia condemned Japan on Monday. Japan criticized China.\n"
        "Japan and the United States held talks in Tokyo.\n")
ARTICLE = {
    "file": "texts/a.txt", "title": "A", "doc_date": "2024-07-02",
    "events": [
        {"sentence_starts": "Russia condemned Japan on Monday.", "source": "RUS",
         "target": "JPN", "roots": ["11"], "date": "2024-07-01", "note": "111 condemn"},
        {"sentence_starts": "Japan and the United States held talks", "source": "JPN",
         "target": "USA", "roots": ["04"], "date": "2024-07-02", "symmetric": True,
         "note": "040 talks"},
    ],
    "forbidden": [{"why": "test: criticism of China is forbidden here", "source": "JPN",
                   "target": "CHN", "roots": ["11"], "sentence_starts": "Japan criticized China."}],
}
SENTENCES = [
    {"id": "s1", "text": "Russia condemned Japan on Monday.", "event": "DISAPPROVE",
     "source": [{"text": "Russia", "code": "RUS"}], "target": [{"text": "Japan", "code": "JPN"}]},
    {"id": "s2", "text": "Japan criticized China.", "event": "THREATEN",
     "source": [{"text": "Japan", "code": "JPN"}], "target": []},
]


def _jsonl(path: Path, rows: list[Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


@pytest.fixture
def gold(tmp_path: Path) -> tuple[Path, Path]:
    """An article gold file (its text in a subfolder) and a sentence gold file."""
    (tmp_path / "gold" / "texts").mkdir(parents=True)
    (tmp_path / "gold" / "texts" / "a.txt").write_text(TEXT, encoding="utf-8")
    return (_jsonl(tmp_path / "gold" / "articles.jsonl", [ARTICLE]),
            _jsonl(tmp_path / "sentences.jsonl", SENTENCES))


def test_json_scores_both_formats(dyad: Callable[..., Run], gold: tuple[Path, Path],
                                  tmp_path: Path) -> None:
    articles, sentences = gold
    run = dyad("evaluate", articles, sentences, "--json", cwd=tmp_path)
    assert run.returncode == 0, run.describe()
    data = json.loads(run.stdout)
    first, second = data["files"]
    assert first["kind"] == "articles" and second["kind"] == "sentences"
    summary = first["summary"]
    assert (summary["required"], summary["texts"], summary["texts_failed"]) == (2, 1, 0)
    assert summary["found"] >= 1  # Russia condemned Japan: RUS→JPN 111 (see test_code.py)
    assert summary["forbidden_hits"] == 1  # Japan criticized China: JPN→CHN 111
    assert [h["events"] for h in first["forbidden_hits"]] == [["JPN→CHN 111"]]
    assert summary["produced"] == summary["matched"] + summary["false"]
    assert len(first["misses"]) == summary["required"] - summary["found"]
    assert len(first["false_events"]) == summary["false"]
    assert first["texts"][0]["text"] == "texts/a.txt"
    assert second["summary"]["sentences"] == 2 and second["summary"]["right"] == 1
    assert [m["id"] for m in second["misses"]] == ["s2"]
    assert second["misses"][0]["coded"] == ["JPN→CHN 111"]
    assert data["articles"] == summary and data["sentences"] == second["summary"]


def test_table_and_misses(dyad: Callable[..., Run], gold: tuple[Path, Path]) -> None:
    articles, sentences = gold
    run = dyad("evaluate", articles, sentences, "--misses")
    assert run.returncode == 0, run.describe()
    out = run.stdout
    for needle in ("article gold", "required events found", "per text", "per CAMEO root",
                   "per field", "FORBIDDEN a.txt JPN→CHN 111", "sentence gold",
                   "right type+source+target  1 of 2 (50.0%)", "per PLOVER type",
                   "sentences not right (1)", "miss s2 gold THREATEN: JPN→any",
                   "dyad coded: JPN→CHN 111", "false events"):
        assert needle in out, run.describe()
    # the coder's explanation of the missed sentence, as `dyad code --explain` gives it
    assert "actors: " in out and "criticize" in out.lower()


def test_the_date_option_dates_undated_gold(dyad: Callable[..., Run], tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "s.jsonl", SENTENCES[:1])
    run = dyad("evaluate", path, "--json", "--date", "2024-07-02")
    assert run.returncode == 0, run.describe()
    assert json.loads(run.stdout)["sentences"]["right"] == 1


@pytest.mark.parametrize(("rows", "needle"), [
    ([ARTICLE, "{oops"], ":2: invalid JSON"),
    ([ARTICLE, {**ARTICLE, "events": [{"source": "RUS"}]}], ':2: events[0]: missing "roots"'),
    ([{"id": 1, "text": "x"}], ":1: not a gold line"),
    ([{**ARTICLE, "file": "texts/none.txt"}], ":1: text 'texts/none.txt': file not found"),
    ([SENTENCES[0], {**SENTENCES[1], "source": []}], ':2: "source" is empty'),
])
def test_unusable_gold_is_a_one_line_error(dyad: Callable[..., Run], gold: tuple[Path, Path],
                                           rows: list[Any], needle: str) -> None:
    path = _jsonl(gold[0].parent / "bad.jsonl", rows)
    run = dyad("evaluate", gold[1], path)
    assert run.returncode == 2, run.describe()
    assert_one_line_error(run, f"{path}{needle}")


def test_a_missing_gold_file(dyad: Callable[..., Run], tmp_path: Path) -> None:
    run = dyad("evaluate", tmp_path / "none.jsonl")
    assert run.returncode == 2
    assert_one_line_error(run, "none.jsonl: file not found")


def test_a_text_the_coder_fails_on_is_listed_not_fatal(
        run: Callable[..., tuple[int, str, str]], gold: tuple[Path, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    original = EventCoder.code_view

    def failing(self: EventCoder, coded: Any, view: SentenceView, places: Any = None) -> Any:
        if "criticized" in view.document.text:
            raise RecursionError("maximum recursion depth exceeded")
        return original(self, coded, view, places)

    monkeypatch.setattr(EventCoder, "code_view", failing)
    code, out, _ = run("evaluate", str(gold[0]), str(gold[1]), "--json")
    assert code == 0
    data = json.loads(out)
    articles, sentences = data["files"]
    assert articles["summary"]["texts_failed"] == 1 and articles["summary"]["found"] == 0
    assert articles["failed"] == [{"text": "texts/a.txt",
                                   "reason": "RecursionError: maximum recursion depth exceeded"}]
    assert articles["texts"][0]["coded"] is False
    assert sentences["summary"]["sentences_failed"] == 1
    assert sentences["summary"]["right"] == 1  # the other sentence is still coded
    code, out, _ = run("evaluate", str(gold[0]))
    assert code == 0 and "NOT CODED a.txt: RecursionError" in out


@pytest.fixture(scope="module")
def dev_report() -> dict[str, Any]:
    """One run on the repository's dev set (both formats)."""
    from tests.cli.conftest import run_dyad

    run = run_dyad("evaluate", ROOT / "dev" / "articles" / "gold.jsonl",
                   ROOT / "dev" / "plover_gsr_dev.jsonl", "--json", "--date", "2000-01-01")
    assert run.returncode == 0, run.describe()
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def test_dev_set_totals_are_the_gold_counts(dev_report: dict[str, Any]) -> None:
    articles, sentences = dev_report["files"]
    summary = articles["summary"]
    # dev/README.md: 23 texts, 99 required and 86 optional events; 162 PLOVER sentences
    assert (summary["texts"], summary["required"], summary["optional"]) == (23, 99, 86)
    assert sentences["summary"]["sentences"] == 162
    assert sum(t["total"] for t in sentences["types"]) == 162
    assert {t["type"] for t in sentences["types"]} >= {"AGREE", "THREATEN", "SANCTION"}
    assert sum(r["required"] for r in articles["roots"]) == 99


def test_dev_set_report_is_consistent(dev_report: dict[str, Any]) -> None:
    articles, sentences = dev_report["files"]
    summary = articles["summary"]
    texts = articles["texts"]
    for name in ("required", "found", "produced", "matched", "forbidden_hits"):
        assert sum(t[name] for t in texts) == summary[name]
    assert 0 <= summary["found"] <= summary["required"]
    assert summary["recall"] == pytest.approx(summary["found"] / 99)
    assert len(articles["forbidden_hits"]) == summary["forbidden_hits"]
    assert len(articles["false_events"]) == summary["false"]
    failed_required = sum(t["required"] for t in texts if not t["coded"])
    assert len(articles["misses"]) == 99 - summary["found"] - failed_required
    for miss in articles["misses"]:
        assert miss["sentence"] and miss["why"]
    assert {f["field"] for f in articles["fields"]} == {"type", "source", "target", "date"}
    s = sentences["summary"]
    assert s["right"] <= min(s["type_right"], s["source_right"], s["target_right"])
    assert len(sentences["misses"]) == 162 - s["right"]
    assert dev_report["articles"] == summary and dev_report["sentences"] == s


def test_knowledge_layer_is_scored(dyad: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "k.txt").write_text(
        "Russia suspended its participation in the New START treaty in February 2023.\n"
        "The Kremlin denied reports that Putin was ill.\n", encoding="utf-8")
    line = {"file": "k.txt", "doc_date": "2024-07-02", "events": [],
            "agreements": [{"name": "New START treaty", "parties": ["RUS"], "signed": None,
                            "status_after_article": "suspended",
                            "evidence_starts": "Russia suspended"},
                           {"name": "Open Skies Treaty", "parties": ["RUS"],
                            "status_after_article": "withdrawn"}],
            "claims": [{"claim": "Putin was ill", "made_by": "reports", "status": "disputed",
                        "by": "RUS"}]}
    path = _jsonl(tmp_path / "k.jsonl", [line])
    run = dyad("evaluate", path, "--json")
    assert run.returncode == 0, run.describe()
    data = json.loads(run.stdout)
    knowledge = data["files"][0]["knowledge"]
    assert knowledge["agreements"]["gold"] == 2 and knowledge["agreements"]["found"] == 1
    assert knowledge["agreements"]["status_right"] == 1
    assert knowledge["claims"]["contested"] == 1 and knowledge["claims"]["contested_right"] == 1
    (miss,) = [m for m in knowledge["misses"] if m["kind"] == "agreement"]
    assert miss["problem"] == "not found" and miss["gold"].startswith("Open Skies Treaty")
    assert data["knowledge"]["agreements"]["found"] == 1 and "misses" not in data["knowledge"]
    table = dyad("evaluate", path, "--misses")
    assert "knowledge layer" in table.stdout and "knowledge misses (1)" in table.stdout
    assert "problem: not found" in table.stdout


def test_dev_set_knowledge_totals_are_the_gold_counts(dev_report: dict[str, Any]) -> None:
    knowledge = dev_report["files"][0]["knowledge"]
    # dev/README.md: 14 agreements, 5 institutions, 24 claims
    counts = {k: knowledge[k]["gold"] for k in ("agreements", "institutions", "claims")}
    assert counts == {"agreements": 14, "institutions": 5, "claims": 24}
    for kind in ("agreements", "institutions", "claims"):
        score = knowledge[kind]
        assert score["status_right"] <= score["found"] <= score["gold"]
        assert score["paired"] == score["found"] <= score["extracted"]
    not_found = sum(knowledge[k]["gold"] - knowledge[k]["found"] for k in counts)
    assert len([m for m in knowledge["misses"] if m["problem"] == "not found"]) == not_found
    assert all(m["evidence"] for m in knowledge["misses"])
    assert dev_report["sentences"] is not None and dev_report["knowledge"]["claims"]["gold"] == 24
