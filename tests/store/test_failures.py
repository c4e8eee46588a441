"""Fault isolation in ingest: a document whose coding raises, whose coding process dies, or
whose rows the store refuses is recorded as failed with the reason, nothing of it is stored,
the other documents are, the run never hangs, and every re-run tries it again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from dyad.errors import StoreError
from dyad.record import Document
from dyad.store import ingest as ingest_module
from dyad.store import workers as workers_module
from dyad.store.backend import Backend, open_backend
from dyad.store.ingest import IngestReport, failed_documents
from dyad.store.merge import Mention
from dyad.store.workers import AnalysedDocument, CoderSpec, DocumentAnalyser, death_reason
from tests.store.corpus import make_documents, write_jsonl
from tests.store.helpers import check_consistent, counts, snapshot

Ingest = Callable[..., IngestReport]
ROOT = Path(__file__).resolve().parents[2]

RAISES = "The marker RAISE-ME makes the coder raise."
EXITS = "The marker EXIT-ME makes the coding process exit."
SEGFAULTS = "The marker SEGV-ME makes the coding process die of a segmentation fault."


class _MarkedAnalyser(DocumentAnalyser):
    """An analyser that raises, exits or segfaults on documents holding a marker."""

    def analyse(self, documents: Iterable[Document]) -> Iterator[AnalysedDocument]:
        documents = list(documents)
        for document in documents:
            if "RAISE-ME" in document.text:
                raise RuntimeError("marked to fail")
            if "EXIT-ME" in document.text:
                os._exit(3)
            if "SEGV-ME" in document.text:
                os.kill(os.getpid(), signal.SIGSEGV)
        yield from super().analyse(documents)


class MarkedSpec(CoderSpec):
    """A coder spec whose worker processes build a `_MarkedAnalyser` (worker processes are
    spawned, so they receive it pickled, by reference to this module)."""

    def build_analyser(self) -> DocumentAnalyser:
        return _MarkedAnalyser(self.build())


def _corpus(tmp_path: Path) -> tuple[Path, list[dict[str, str]]]:
    """Ten good documents with the three marked ones among them."""
    good = make_documents(10, seed=21)
    marked = [{"id": "raises", "text": RAISES, "date": "2024-07-02"},
              {"id": "exits", "text": EXITS, "date": "2024-07-02"},
              {"id": "segfaults", "text": SEGFAULTS, "date": "2024-07-02"}]
    records = [*good[:3], marked[0], *good[3:6], marked[1], *good[6:8], marked[2], *good[8:]]
    return write_jsonl(tmp_path / "news.jsonl", records), good


_SCRIPT = """
import json, sys
from dyad.store.backend import open_backend
from dyad.store.ingest import IngestOptions, ingest
from dyad.store.workers import CoderSpec
from tests.store.test_failures import MarkedSpec

url, path, workers, marked = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
backend = open_backend(url, create=True)
try:
    report = ingest(backend, [path], IngestOptions(
        workers=workers, batch_size=4, spec=MarkedSpec() if marked else CoderSpec()))
finally:
    backend.close()
print(json.dumps({"stored": report.stored, "already_stored": report.already_stored,
                  "recovered": report.recovered,
                  "failed": {f.doc_id: f.reason for f in report.failed}}))
"""


def _ingest_apart(store_url: str, corpus: Path, workers: int, *, marked: bool = True
                  ) -> dict[str, Any]:
    """Ingest in a process of its own (worker processes under it), which must end in time."""
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, store_url, str(corpus), str(workers),
         "1" if marked else "0"],
        capture_output=True, text=True, timeout=300, check=False, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_that_raises_or_kills_its_worker_fails_alone(
        store_url: str, tmp_path: Path, run_ingest: Ingest, workers: int,
        run: Callable[..., tuple[int, str, str]]) -> None:
    corpus, good = _corpus(tmp_path)

    first = _ingest_apart(store_url, corpus, workers)
    assert first["stored"] == 10
    assert first["failed"] == {
        "raises": "RuntimeError: marked to fail",
        "exits": "the coding process died (exit code 3)",
        "segfaults": "the coding process died (signal 11, SIGSEGV)",
    }
    store = open_backend(store_url)
    reference = open_backend(str(tmp_path / "reference.duckdb"), create=True)
    try:
        check_consistent(store)
        for table in ("documents", "sentences", "mentions", "knowledge"):
            assert store.rows(f"SELECT count(*) FROM {table} WHERE doc_id IN "
                              "('raises', 'exits', 'segfaults')") == [(0,)], table
        run_ingest(reference, [str(write_jsonl(tmp_path / "good.jsonl", good))])
        assert counts(store) == counts(reference)
        assert snapshot(store) == snapshot(reference)  # nothing lost, nothing half-written
        recorded = {row[0]: row for row in failed_documents(store)}
        assert sorted(recorded) == ["exits", "raises", "segfaults"]
        assert recorded["segfaults"][2] == f"{corpus}:11"  # origin: file:line
        assert recorded["segfaults"][3] == first["failed"]["segfaults"]
        assert recorded["segfaults"][4] == 1  # attempts
    finally:
        store.close()
        reference.close()

    code, out, _ = run("ingest", "--failures", "--db", store_url)
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines()] == ["exits", "raises", "segfaults"]
    assert "signal 11, SIGSEGV" in out

    fixed = _ingest_apart(store_url, corpus, workers, marked=False)  # now they code
    assert (fixed["stored"], fixed["already_stored"], fixed["recovered"]) == (3, 10, 3)
    assert fixed["failed"] == {}
    store = open_backend(store_url)
    try:
        assert failed_documents(store) == []
        assert counts(store)["documents"] == 13
        check_consistent(store)
    finally:
        store.close()


def test_a_document_that_raises_in_this_process_fails_alone(
        backend: Backend, tmp_path: Path, run_ingest: Ingest,
        monkeypatch: pytest.MonkeyPatch) -> None:
    records = [*make_documents(5, seed=4), {"id": "raises", "text": RAISES}]
    corpus = write_jsonl(tmp_path / "n.jsonl", records)
    real = DocumentAnalyser.analyse

    def analyse(self: DocumentAnalyser, documents: Iterable[Document]
                ) -> Iterator[AnalysedDocument]:
        documents = list(documents)
        if any("RAISE-ME" in d.text for d in documents):
            raise RecursionError("maximum recursion depth exceeded")
        yield from real(self, documents)

    monkeypatch.setattr(workers_module.DocumentAnalyser, "analyse", analyse)
    report = run_ingest(backend, [str(corpus)], batch_size=2)
    assert report.stored == 5
    assert [(f.doc_id, f.reason) for f in report.failed] == [
        ("raises", "RecursionError: maximum recursion depth exceeded")]
    assert "failed:            1" in "\n".join(report.summary())
    assert [row[0] for row in failed_documents(backend)] == ["raises"]
    assert counts(backend)["documents"] == 5
    check_consistent(backend)

    report = run_ingest(backend, [str(corpus)])  # tried again, failing again
    assert (report.stored, report.already_stored, len(report.failed)) == (0, 5, 1)
    assert [(row[0], row[4]) for row in failed_documents(backend)] == [("raises", 2)]

    monkeypatch.setattr(workers_module.DocumentAnalyser, "analyse", real)
    report = run_ingest(backend, [str(corpus)])
    assert (report.stored, report.already_stored, report.recovered) == (1, 5, 1)
    assert failed_documents(backend) == []


def test_a_document_the_store_refuses_fails_alone(
        backend: Backend, tmp_path: Path, run_ingest: Ingest,
        monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_jsonl(tmp_path / "n.jsonl", make_documents(6, seed=9))
    real = ingest_module.update_events  # type: ignore[attr-defined]

    def refuse(backend: Backend, mentions: Sequence[Mention], *rest: Any) -> None:
        real(backend, mentions, *rest)  # written, then rolled back with the rest of the transaction
        if any(m.evidence.doc_id == "doc-0003" for m in mentions):
            raise StoreError("events.duckdb: Conversion Error: refused")

    monkeypatch.setattr(ingest_module, "update_events", refuse)
    report = run_ingest(backend, [str(corpus)], batch_size=4)
    assert report.stored == 5
    assert [(f.doc_id, f.reason) for f in report.failed] == [
        ("doc-0003", "the store refused it: events.duckdb: Conversion Error: refused")]
    assert backend.rows("SELECT count(*) FROM mentions WHERE doc_id = 'doc-0003'") == [(0,)]
    check_consistent(backend)
    monkeypatch.setattr(ingest_module, "update_events", real)
    report = run_ingest(backend, [str(corpus)])
    assert (report.stored, report.recovered) == (1, 1)
    check_consistent(backend)


def test_a_store_that_refuses_everything_stops_the_ingest(
        backend: Backend, tmp_path: Path, run_ingest: Ingest,
        monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_jsonl(tmp_path / "n.jsonl", make_documents(6, seed=9))

    def refuse(backend: Backend, mentions: Sequence[Mention], *rest: Any) -> None:
        raise StoreError("events.duckdb: disk full")

    monkeypatch.setattr(ingest_module, "update_events", refuse)
    with pytest.raises(StoreError, match="disk full"):
        run_ingest(backend, [str(corpus)], batch_size=4)
    assert counts(backend)["documents"] == 0
    assert failed_documents(backend) == []


def test_death_reasons() -> None:
    assert death_reason([-signal.SIGTERM, -signal.SIGSEGV]) == (
        "the coding process died (signal 11, SIGSEGV)")
    assert death_reason([None, 3]) == "the coding process died (exit code 3)"
    assert death_reason([-signal.SIGKILL]) == "the coding process died (signal 9, SIGKILL)"
    assert death_reason([]) == "the coding process died"


def test_a_coder_that_cannot_be_built_is_one_error(tmp_path: Path) -> None:
    from dyad.errors import DyadError
    from dyad.store.workers import code_documents

    bad = tmp_path / "bad.actors.txt"
    bad.write_text("")
    with pytest.raises(DyadError, match="cannot build the coder"):
        list(code_documents([Document(id="a", text="Russia condemned Japan.")],
                            spec=CoderSpec(actors=(bad,)), workers=1))


def test_failures_of_a_store_without_the_table(backend: Backend) -> None:
    backend.execute("DROP TABLE ingest_failures")  # a version-5 store made before it existed
    assert failed_documents(backend) == []


def test_nul_characters_are_stored_as_spaces_on_every_back_end(
        backend: Backend, tmp_path: Path, run_ingest: Ingest) -> None:
    records = [{"id": "nul", "text": "Russia imposed sanctions on Japan.\u0000 China \u0000 "
                "condemned Iran.",
                "date": "2024-07-01", "title": "a\u0000title"},
               {"id": "id\u0000nul", "text": "Japan condemned Russia.\u0000", "date": "2024-07-02"},
               {"id": "plain", "text": "Iran threatened Israel with retaliation.",
                "date": "2024-07-03"}]
    corpus = write_jsonl(tmp_path / "n.jsonl", records)
    report = run_ingest(backend, [str(corpus)])
    assert (report.stored, report.failed) == (3, [])
    assert backend.rows("SELECT doc_id, text, title FROM documents ORDER BY doc_id") == [
        ("id nul", "Japan condemned Russia. ", ""),
        ("nul", "Russia imposed sanctions on Japan.  China   condemned Iran.", "a title"),
        ("plain", "Iran threatened Israel with retaliation.", "")]
    assert backend.rows("SELECT count(*) FROM mentions") == [(4,)]  # coded as spaces
    for table in ("sentences", "mentions", "events", "knowledge"):
        rows = backend.rows(f"SELECT * FROM {table}")
        assert not [v for row in rows for v in row if isinstance(v, str) and "\0" in v], table
    check_consistent(backend)
    again = run_ingest(backend, [str(corpus)])  # found again: no conflict, nothing added
    assert (again.already_stored, again.stored, again.problems) == (3, 0, [])



def test_ingest_exits_3_when_documents_failed(
        tmp_path: Path, run: Callable[..., tuple[int, str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = DocumentAnalyser.analyse

    def analyse(self: DocumentAnalyser, documents: Iterable[Document]
                ) -> Iterator[AnalysedDocument]:
        documents = list(documents)
        if any("RAISE-ME" in d.text for d in documents):
            raise RuntimeError("marked to fail")
        yield from real(self, documents)

    import dyad.cli.store as cli_store
    from dyad.store.ingest import ingest

    def in_process(backend: Backend, paths: Sequence[str], options: Any, **kwargs: Any
                   ) -> IngestReport:  # the monkeypatch reaches no worker process
        return ingest(backend, paths, options, coder=options.spec.build(), **kwargs)

    monkeypatch.setattr(workers_module.DocumentAnalyser, "analyse", analyse)
    monkeypatch.setattr(cli_store, "ingest", in_process)
    corpus = write_jsonl(tmp_path / "n.jsonl", [*make_documents(2), {"id": "r", "text": RAISES}])
    db = str(tmp_path / "s.duckdb")
    code, out, err = run("ingest", str(corpus), "--db", db, "--progress", "none")
    assert code == 3
    assert "n.jsonl:3: the coder failed on document 'r' (RuntimeError: marked to fail)" in err
    assert "failed:            1" in out
    code, out, _ = run("ingest", "--failures", "--db", db)
    assert (code, out.split("\t")[:3]) == (0, ["r", f"{corpus}:3", "1"])


def test_a_document_the_knowledge_extractor_fails_on_keeps_its_events(
        backend: Backend, tmp_path: Path, run_ingest: Ingest,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The events of a document stand when only the knowledge extractor fails on it."""
    from dyad.knowledge.extract import KnowledgeReader

    records = [{"id": "ok", "text": "Japan condemned Russia on Monday."},
               {"id": "breaks", "text": "Russia KNOWLEDGEBREAKS condemned Japan on Monday."}]
    corpus = write_jsonl(tmp_path / "k.jsonl", records)
    real = KnowledgeReader.read

    def read(self: KnowledgeReader, view: Any) -> Any:
        if "KNOWLEDGEBREAKS" in view.document.text:
            raise IndexError("span [8, 7) out of a document")
        return real(self, view)

    monkeypatch.setattr(KnowledgeReader, "read", read)
    report = run_ingest(backend, [str(corpus)])
    assert (report.stored, len(report.failed), report.knowledge_failed) == (2, 0, 1)
    assert "stored without knowledge records" in "\n".join(report.summary())
    sources = {row[0] for row in backend.fetch("SELECT source FROM events")[1]}
    assert sources == {"JPN", "RUS"}
    check_consistent(backend)
