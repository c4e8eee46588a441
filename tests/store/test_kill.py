"""A real `dyad ingest` killed with SIGKILL mid-way, then re-run: every document once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from dyad.store.backend import Backend, open_backend
from dyad.store.ingest import IngestReport
from tests.store.corpus import make_documents, write_jsonl
from tests.store.helpers import check_consistent, counts, snapshot

DOCUMENTS = 100
_DYAD = [sys.executable, "-c", "from dyad.cli import main; main()"]


def _start(corpus: Path, store_url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*_DYAD, "ingest", str(corpus), "--db", store_url, "--batch-size", "10",
         "--progress", "plain"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _kill_after_commits(process: subprocess.Popen[str], stored: int) -> int:
    """SIGKILL the ingest once it reports `stored` documents committed; the last count seen."""
    assert process.stderr is not None
    deadline = time.monotonic() + 120
    seen = 0
    for line in process.stderr:
        if line.startswith("dyad: committed "):
            seen = int(line.split()[2].replace(",", ""))
            if seen >= stored:
                os.kill(process.pid, signal.SIGKILL)
                break
        assert time.monotonic() < deadline, "the ingest did not get going"
    process.wait(timeout=60)
    return seen


def test_kill_ingest_and_rerun_stores_every_document_once(
        store_url: str, tmp_path: Path, run_ingest: Callable[..., IngestReport]) -> None:
    corpus = write_jsonl(tmp_path / "news.jsonl", make_documents(DOCUMENTS, seed=13))

    first = _start(corpus, store_url)
    committed = _kill_after_commits(first, 20)  # while it codes, or commits, the next batch
    assert first.returncode == -signal.SIGKILL
    assert 20 <= committed < DOCUMENTS

    last = subprocess.run([*_DYAD, "ingest", str(corpus), "--db", store_url],
                          capture_output=True, text=True, timeout=300, check=False)
    assert last.returncode == 0, last.stderr
    assert "already stored" in last.stdout

    store = open_backend(store_url)
    reference: Backend = open_backend(str(tmp_path / "reference.duckdb"), create=True)
    try:
        total = counts(store)
        assert total["documents"] == DOCUMENTS
        assert store.rows("SELECT count(DISTINCT doc_id) FROM documents")[0][0] == DOCUMENTS
        assert store.rows("SELECT count(*) FROM (SELECT doc_id, sentence_id FROM sentences "
                          "GROUP BY doc_id, sentence_id HAVING count(*) > 1) AS twice")[0][0] == 0
        check_consistent(store)
        run_ingest(reference, [str(corpus)])
        assert counts(reference) == total
        assert snapshot(store) == snapshot(reference)
    finally:
        store.close()
        reference.close()
