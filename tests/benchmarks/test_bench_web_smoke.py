"""Smoke test of the web load test on a small synthetic store: sane numbers, no speed checks."""

from __future__ import annotations

import importlib
import json
import math
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest
from tests.store.helpers import check_derived

from dyad.store.handle import open_store
from dyad.store.merge import Evidence, Mention, merge_mentions

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
EVENTS = 2000


def _module(name: str) -> ModuleType:
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    return importlib.import_module(name)


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("web-bench") / "small.duckdb"
    report = _module("make_store").build_store(out, events=EVENTS)
    assert report.events == EVENTS
    return out


def test_store_opens_and_holds_what_was_asked(small_store: Path) -> None:
    with open_store(small_store) as store:
        counts = {t: store.sql(f"SELECT count(*) FROM {t}").rows()[0][0]
                  for t in ("events", "mentions", "documents", "sentences")}
        assert counts["events"] == EVENTS
        assert EVENTS <= counts["mentions"] <= 4 * EVENTS
        assert counts["documents"] * 3 >= counts["mentions"]
        assert counts["sentences"] >= counts["mentions"] + counts["documents"]
        rus_jpn = store.events(dyad="RUS:JPN").rows()
        assert rus_jpn, "the busy dyads are present"
        assert store.timeline("RUS", "JPN", by="month").rows()
        # an event's detail has its mentions, each pointing at words of its document
        event = store.event(rus_jpn[0][0])
        assert len(event.mentions) == event.event["num_mentions"]


def test_spans_point_at_the_words(small_store: Path) -> None:
    with open_store(small_store) as store:
        texts = dict(store.sql("SELECT doc_id, text FROM documents").rows())
        for doc_id, text, start, end in store.sql(
                "SELECT doc_id, text, span_start, span_end FROM sentences").rows():
            assert texts[doc_id][start:end] == text
        for doc_id, source_text, target_text, trigger, spans in store.sql(
                "SELECT doc_id, source_text, target_text, trigger, spans FROM mentions").rows():
            found = json.loads(spans)
            document = texts[doc_id]
            assert document[slice(*found["source"])] == source_text
            assert document[slice(*found["target"])] == target_text
            assert document[slice(*found["trigger"])] == trigger


def test_events_are_what_merging_the_mentions_gives(small_store: Path) -> None:
    with open_store(small_store) as store:
        mentions = []
        for row in store.sql(
                "SELECT doc_id, ordinal, sentence_id, source, source_text, target, target_text, "
                "code, root, plover, goldstein, quad_class, mode, date, date_text, attribution, "
                "trigger, spans, outlet FROM mentions").rows():
            evidence = Evidence(row[0], row[1], row[2], "", row[4], row[6], row[8], row[9],
                                row[10], row[11], row[12], row[14], row[15], row[16], row[17])
            mentions.append(Mention(row[3], row[5], row[7], row[13], row[18], evidence))
        merged = {c.event_id: (c.first, c.last, c.num_mentions, c.num_sources, c.num_articles,
                               c.best.doc_id, c.best.ordinal) for c in merge_mentions(mentions)}
        stored = {r[0]: tuple(r[1:]) for r in store.sql(
            "SELECT event_id, date, last_date, num_mentions, num_sources, num_articles, doc_id, "
            "ordinal FROM events").rows()}
    assert merged == stored


def test_derived_tables_are_what_the_store_keeps(small_store: Path) -> None:
    with open_store(small_store) as store:
        check_derived(store.backend)


def test_queries_are_seeded_and_cover_the_filters(small_store: Path) -> None:
    bench = _module("bench_web")
    facts = bench.store_facts(str(small_store))
    assert facts.dyads[0] == ("JPN", "RUS")
    events = bench.event_queries(facts, random.Random(1))
    first = [next(events) for _ in range(200)]
    again = bench.event_queries(facts, random.Random(1))
    assert first == [next(again) for _ in range(200)]
    kinds = {q.kind for q in first}
    assert {"all", "dyad", "root", "dates", "words", "page"} <= kinds
    assert all(q.path.startswith("/api/events") for q in first)
    timelines = bench.timeline_queries(facts, random.Random(1))
    paths = [next(timelines).path for _ in range(50)]
    assert any(p.startswith(("/api/dyads/JPN/RUS/timeline", "/api/dyads/RUS/JPN/timeline"))
               for p in paths)


def test_percentiles() -> None:
    bench = _module("bench_web")
    values = [i / 1000 for i in range(1, 101)]
    assert bench.percentile(values, 0.5) == 0.05
    assert bench.percentile(values, 0.99) == 0.099
    assert bench.latency_summary(values)["max_ms"] == 100.0


def test_only_loopback_targets() -> None:
    bench = _module("bench_web")
    bench.check_loopback("http://127.0.0.1:8000")
    bench.check_loopback("http://localhost:8000")
    with pytest.raises(SystemExit):
        bench.check_loopback("http://192.168.1.10:8000")


def test_load_test_reports_sane_numbers(small_store: Path) -> None:
    bench = _module("bench_web")
    report = bench.run(str(small_store), requests=40, seconds=60, concurrency=4, warmup=4)
    assert [p["phase"] for p in report["phases"]] == ["events", "timeline", "explorer"]
    for phase in report["phases"]:
        assert phase["requests"] == 40
        assert 1 < phase["distinct_requests"] < 40  # the mix repeats some requests
        assert phase["errors"] == 0, phase["kinds"]
        assert phase["requests_per_second"] > 0
        assert 0 < phase["p50_ms"] <= phase["p95_ms"] <= phase["p99_ms"] <= phase["max_ms"]
        assert math.isfinite(phase["max_ms"])
        assert sum(k["requests"] for k in phase["kinds"]) == 40
        assert all(k["statuses"] == [200] for k in phase["kinds"])
    text = bench.format_report(report)
    assert "/api/events" in text and "timeline" in text
    assert json.loads(json.dumps(report))["events_in_store"] == EVENTS


def test_profile_times_every_kind_and_explains_one(
        small_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = _module("profile_web_queries")
    assert profile.main(["--db", str(small_store), "--repeat", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["kind"] for r in data["requests"]] == list(profile.KINDS)
    for result in data["requests"]:
        assert 0 < result["sql_ms"] <= result["ms"]
        assert result["cpu_ms"] > 0
    assert profile.main(["--db", str(small_store), "--explain", "words"]) == 0
    plan = capsys.readouterr().out
    assert plan.startswith("/api/events?q=") and "SELECT" in plan and "Total Time" in plan


def test_command_lines(small_store: Path, tmp_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    make_store = _module("make_store")
    assert make_store.main(["--events", "50", "--out", str(small_store)]) == 2
    assert "exists" in capsys.readouterr().err
    out = tmp_path / "tiny.duckdb"
    assert make_store.main(["--events", "50", "--out", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["events"] == 50
    assert not (tmp_path / "tiny.duckdb.partial").exists()
    bench = _module("bench_web")
    assert bench.main(["--db", str(tmp_path / "missing.duckdb")]) == 2
    assert "no such store" in capsys.readouterr().err
    assert bench.main(["--db", str(small_store), "--phase", "events", "--requests", "12",
                       "--concurrency", "2", "--warmup", "0", "--without", "words",
                       "--without", "dyad+words", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["left_out"] == ["dyad+words", "words"]
    [phase] = report["phases"]
    assert phase["requests"] == 12 and phase["errors"] == 0
    assert not {k["kind"] for k in phase["kinds"]} & {"words", "dyad+words"}


def test_load_test_of_two_workers_counts_their_cpu(small_store: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    bench = _module("bench_web")
    assert bench.main(["--db", str(small_store), "--phase", "timeline", "--requests", "30",
                       "--concurrency", "2", "--warmup", "0", "--cache-mb", "0",
                       "--workers", "2", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["server_args"] == ["--cache-mb", "0", "--workers", "2"]
    [phase] = report["phases"]
    assert phase["requests"] == 30 and phase["errors"] == 0
    assert phase["server_cpu_seconds"] > 0  # the answers come from the worker processes
