"""Smoke test of the benchmark scripts on ~20 sentences: sane numbers, no timing assertions."""

from __future__ import annotations

import importlib
import json
import math
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    # Imported by name from a path entry (not from a file spec) so that the spawned worker
    # processes of the multi-process run can import it too.
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    return importlib.import_module("bench_coder")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    make_corpus = importlib.import_module("make_corpus")
    records = make_corpus.generate(sentences=20, examples=None)
    path = tmp_path_factory.mktemp("bench") / "small.jsonl"
    make_corpus.write_jsonl(records, path)
    return path


def test_generated_corpus_is_deterministic_jsonl(corpus: Path) -> None:
    make_corpus = importlib.import_module("make_corpus")
    lines = corpus.read_text(encoding="utf-8").splitlines()
    assert 3 <= len(lines) <= 10
    for line in lines:
        record = json.loads(line)
        assert set(record) == {"id", "text", "date"}
        assert record["text"].strip()
    again = make_corpus.generate(sentences=20, examples=None)
    assert [json.loads(line) for line in lines] == again


def test_benchmark_reports_sane_numbers(bench, corpus: Path) -> None:
    documents = bench.load_corpus(corpus)
    report = bench.run(documents, processes=(1, 2), chunk_size=2)
    names = [s.name for s in report.stages]
    assert names == ["spaCy parse only", "coding only (after spaCy)", "end to end, 1 process",
                     "end to end, 2 processes"]
    assert 15 <= report.sentences <= 40
    assert report.tokens > report.sentences
    for stage in report.stages:
        # every run codes the same sentences, so the counts agree
        assert stage.sentences == report.sentences
        assert stage.seconds > 0 and math.isfinite(stage.rate) and stage.rate > 0
        assert stage.cpu_seconds > 0 and stage.cpu_rate > 0
    events = {s.name: s.events for s in report.stages if s.name != "spaCy parse only"}
    assert len(set(events.values())) == 1  # same events however the text is coded
    assert all(v > 0 for v in report.load.values())
    memory = report.memory_mb
    assert 50 < memory["main_after_load"] <= memory["main_holding_parsed_corpus"] < 4000
    workers = memory["workers_2"]
    assert len(workers) == 2 and all(50 < w["peak_rss_mb"] < 4000 for w in workers)
    table = bench.format_table(report)
    assert "end to end, 2 processes" in table and "peak RSS" in table
    data = json.loads(json.dumps(report.as_dict()))
    assert data["sentences"] == report.sentences


def test_main_prints_json(bench, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--corpus", str(corpus), "--limit", "2", "--processes", "1",
                       "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == 2
    assert [s["name"] for s in data["stages"]] == [
        "spaCy parse only", "coding only (after spaCy)", "end to end, 1 process"]
    assert all(s["sentences_per_second"] > 0 for s in data["stages"])
