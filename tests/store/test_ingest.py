"""ingest: documents, sentences, mentions and merged events stored once, whatever happens."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dyad.io.walk import BAD_FEED, BAD_HTML, TOO_LARGE, walk_documents
from dyad.record import Document
from dyad.store import ingest as ingest_module
from dyad.store.backend import Backend
from dyad.store.ingest import CONFLICT, IngestReport
from tests.store.corpus import make_documents, write_jsonl
from tests.store.helpers import check_consistent, clear, counts, snapshot

Ingest = Callable[..., IngestReport]


def test_ingest_stores_documents_sentences_mentions_events(stored: Backend) -> None:
    total = counts(stored)
    assert total["documents"] == 40
    assert total["sentences"] == 120
    assert total["mentions"] >= 100
    assert 0 < total["events"] < total["mentions"]  # repeated reports merged
    check_consistent(stored)
    doc = stored.rows("SELECT doc_id, date, source, outlet, n_sentences FROM documents "
                      "WHERE doc_id = ?", ["doc-0000"])
    assert doc[0][0] == "doc-0000" and doc[0][4] == 3


def test_ingest_again_adds_nothing(stored: Backend, corpus: Path, run_ingest: Ingest) -> None:
    before, events = counts(stored), snapshot(stored)
    report = run_ingest(stored, [str(corpus)])
    assert (report.read, report.already_stored, report.coded, report.stored) == (40, 40, 0, 0)
    assert counts(stored) == before
    assert snapshot(stored) == events


def test_ingest_merge_is_independent_of_order(backend: Backend, tmp_path: Path,
                                              run_ingest: Ingest) -> None:
    records = make_documents(30, seed=3)
    forward = write_jsonl(tmp_path / "forward.jsonl", records)
    backward = write_jsonl(tmp_path / "backward.jsonl", records[::-1])
    run_ingest(backend, [str(forward)], batch_size=7)
    first = snapshot(backend)
    clear(backend)
    run_ingest(backend, [str(backward)], batch_size=4)
    assert snapshot(backend) == first
    check_consistent(backend)


def test_ingest_batches_give_the_same_events_as_one(backend: Backend, tmp_path: Path,
                                                    run_ingest: Ingest) -> None:
    corpus = write_jsonl(tmp_path / "news.jsonl", make_documents(25, seed=5))
    run_ingest(backend, [str(corpus)], batch_size=1000)
    whole = snapshot(backend)
    clear(backend)
    run_ingest(backend, [str(corpus)], batch_size=1)
    assert snapshot(backend) == whole


def test_ingest_event_counts_mentions_sources_articles(backend: Backend, tmp_path: Path,
                                                       run_ingest: Ingest) -> None:
    records = [
        {"id": "a", "text": "Russia imposed sanctions on Japan. Russia imposed sanctions on "
         "Japan again.", "date": "2024-07-01", "source": "Reuters"},
        {"id": "b", "text": "Russia imposed sanctions on Japan.", "date": "2024-07-02",
         "source": "Reuters"},
        {"id": "c", "text": "Russia imposed sanctions on Japan.", "date": "2024-07-03",
         "source": "AP"},
        {"id": "d", "text": "Russia imposed sanctions on Japan.", "date": "2024-07-09"},
    ]
    run_ingest(backend, [str(write_jsonl(tmp_path / "n.jsonl", records))])
    rows = backend.rows("SELECT date, last_date, num_mentions, num_sources, num_articles, "
                        "doc_ids FROM events WHERE code = '163' ORDER BY date")
    assert [(r[2], r[3], r[4], json.loads(r[5])) for r in rows] == [
        (4, 2, 3, ["a", "b", "c"]), (1, 1, 1, ["d"])]
    assert rows[0][0].isoformat() == "2024-07-01" and rows[0][1].isoformat() == "2024-07-03"


def test_ingest_merges_events_across_batches_when_a_mention_bridges(
        backend: Backend, tmp_path: Path, run_ingest: Ingest) -> None:
    def doc(name: str, day: str) -> dict[str, str]:
        return {"id": name, "text": "Russia imposed sanctions on Japan.", "date": day}

    run_ingest(backend, [str(write_jsonl(tmp_path / "1.jsonl", [doc("a", "2024-07-01"),
                                                                doc("c", "2024-07-03")]))])
    assert backend.rows("SELECT count(*) FROM events")[0][0] == 2
    run_ingest(backend, [str(write_jsonl(tmp_path / "2.jsonl", [doc("b", "2024-07-02")]))])
    assert backend.rows("SELECT count(*), max(num_articles) FROM events") == [(1, 3)]
    check_consistent(backend)


def test_ingest_conflict_keeps_the_first(backend: Backend, tmp_path: Path,
                                         run_ingest: Ingest) -> None:
    records = [{"id": "x", "text": "Russia condemned Japan.", "date": "2024-07-01"},
               {"id": "x", "text": "Japan condemned Russia.", "date": "2024-07-01"},
               {"id": "x", "text": "Russia condemned Japan.", "date": "2024-07-01"}]
    report = run_ingest(backend, [str(write_jsonl(tmp_path / "n.jsonl", records))])
    assert report.skipped == {CONFLICT: 1}
    assert report.already_stored == 1
    assert "n.jsonl:2" in str(report.problems[0]) and "'x'" in str(report.problems[0])
    assert backend.rows("SELECT text FROM documents") == [("Russia condemned Japan.",)]


def test_ingest_bad_inputs_are_warnings_and_the_rest_is_stored(
        backend: Backend, tmp_path: Path, run_ingest: Ingest) -> None:
    folder = tmp_path / "pile"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text("Russia imposed sanctions on Japan on Monday.")
    (folder / "sub" / "page.html").write_text(
        "<html><head><title>T</title></head><body><article><p>China accused the United "
        "States of interfering in its elections.</p></article></body></html>")
    (folder / "sub" / "broken.html").write_bytes(b"<html><body><div></div>")
    (folder / "bad.rss").write_text("<rss><channel><item><title>broken")
    (folder / "big.txt").write_text("Iran threatened Israel with retaliation. " * 100)
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (folder / ".hidden.txt").write_text("Japan condemned Russia.")
    report = run_ingest(backend, [str(folder), str(tmp_path / "missing.txt")], max_bytes=2000)
    assert report.stored == 2
    assert report.skipped[BAD_HTML] == 1
    assert report.skipped[BAD_FEED] == 1
    assert report.skipped[TOO_LARGE] == 1
    assert report.skipped["unreadable"] == 2  # binary file, missing file
    named = " ".join(str(p) for p in report.problems)
    for name in ("broken.html", "bad.rss", "big.txt", "binary.txt", "missing.txt"):
        assert name in named
    assert "hidden" not in named
    assert "skipped:           5" in report.summary()


def test_ingest_walk_reads_every_kind(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Russia imposed sanctions on Japan.")
    write_jsonl(tmp_path / "b.jsonl", [{"id": "j1", "text": "Japan condemned Russia."}])
    (tmp_path / "c.atom").write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><entry><id>urn:e1</id>'
        "<title>T</title><updated>2024-07-03T00:00:00Z</updated><content type=\"html\">"
        "&lt;p&gt;Iran threatened Israel with retaliation.&lt;/p&gt;</content></entry></feed>")
    docs = [d for d in walk_documents([str(tmp_path)]) if isinstance(d, Document)]
    assert [d.id for d in docs][1:] == ["j1", "urn:e1"]
    assert len(docs[0].id) == 16  # text files are keyed by their content hash


def test_ingest_a_failed_batch_leaves_no_half_document(
        backend: Backend, tmp_path: Path, run_ingest: Ingest,
        monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_jsonl(tmp_path / "n.jsonl", make_documents(9, seed=11))
    real = ingest_module.update_events  # type: ignore[attr-defined]
    calls = {"n": 0}

    def fail_on_second(backend: Backend, mentions: Any, *rest: Any) -> None:
        calls["n"] += 1
        real(backend, mentions, *rest)
        if calls["n"] == 2:
            raise RuntimeError("killed")

    monkeypatch.setattr(ingest_module, "update_events", fail_on_second)
    with pytest.raises(RuntimeError):
        run_ingest(backend, [str(corpus)], batch_size=4)
    assert counts(backend)["documents"] == 4
    check_consistent(backend)
    monkeypatch.setattr(ingest_module, "update_events", real)
    report = run_ingest(backend, [str(corpus)], batch_size=4)
    assert (report.already_stored, report.stored) == (4, 5)
    check_consistent(backend)


def test_ingest_with_two_workers_matches_one(tmp_path: Path, run_ingest: Ingest) -> None:
    from dyad.store.backend import open_backend
    from dyad.store.ingest import IngestOptions, ingest

    corpus = write_jsonl(tmp_path / "n.jsonl", make_documents(40, seed=2))
    one = open_backend(str(tmp_path / "one.duckdb"), create=True)
    two = open_backend(str(tmp_path / "two.duckdb"), create=True)
    try:
        run_ingest(one, [str(corpus)])
        report = ingest(two, [str(corpus)], IngestOptions(workers=2, batch_size=10))
        assert report.stored == 40
        assert snapshot(two) == snapshot(one)
        assert counts(two) == counts(one)
    finally:
        one.close()
        two.close()


def test_ingest_keeps_the_word_index_in_step_batch_by_batch(
        backend: Backend, tmp_path: Path, run_ingest: Ingest) -> None:
    # one event grown batch by batch, its first date moved earlier (a new id) and two events
    # bridged: the words of every mention, old and new, stay with the event
    texts = [("x1", "Russia imposed sanctions on Japan over fishing.", "2024-07-05"),
             ("x2", "Russia imposed harsh sanctions on Japan.", "2024-07-05"),
             ("x3", "Moscow said Russia imposed sanctions on Japan.", "2024-07-04"),
             ("x4", "Russia imposed sanctions on Japan again.", "2024-07-01"),
             ("x5", "Russia quietly imposed sanctions on Japan.", "2024-07-02"),
             ("x6", "Russia imposed sanctions on Japan, officials said.", "2024-07-03")]
    for number, (doc_id, text, day) in enumerate(texts):
        path = write_jsonl(tmp_path / f"{number}.jsonl", [{"id": doc_id, "text": text,
                                                           "date": day}])
        run_ingest(backend, [str(path)], batch_size=1)
        check_consistent(backend)
    assert backend.rows("SELECT count(*), max(num_articles) FROM events "
                        "WHERE code = '163'") == [(1, 6)]
    words = {w for (w,) in backend.rows("SELECT word FROM event_words")}
    assert {"fishing", "harsh", "moscow", "again", "quietly", "officials"} <= words


def test_update_events_reads_the_sentences_back_when_not_given(
        backend: Backend, tmp_path: Path, run_ingest: Ingest,
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = ingest_module.update_events  # type: ignore[attr-defined]
    monkeypatch.setattr(ingest_module, "update_events",
                        lambda backend, mentions, *rest: real(backend, mentions))
    corpus = write_jsonl(tmp_path / "n.jsonl", make_documents(12, seed=17))
    run_ingest(backend, [str(corpus)], batch_size=5)
    check_consistent(backend)
