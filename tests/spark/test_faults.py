"""`dyad spark code` goes past a document whose coding raises or kills the process coding it:
the document is an error row, every other document is written.

Worker deaths are real (`os._exit`, SIGSEGV) and injected from outside the product: in this
process by an analyser that dies on a marker, and for the command line by a `sitecustomize.py`
on the PYTHONPATH of a `dyad spark code` subprocess, which the Spark Python workers inherit.
"""

from __future__ import annotations

import faulthandler
import os
import signal
import subprocess
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

import duckdb
import pytest

from dyad.record import Document
from dyad.spark import coding
from dyad.spark.coding import code_groups
from dyad.spark.isolate import isolated
from dyad.spark.rows import CODER_FAILED, DOCUMENT, ERROR, MENTION
from dyad.store.workers import AnalysedDocument, CoderSpec, DocumentAnalyser
from tests.cli.conftest import DYAD, dyad_env
from tests.spark.conftest import needs_spark

TEST_PROCESS = os.getpid()
KILLS = "WORKER-KILLER"  # coding a text holding this ends the process coding it
RAISES = "CODER-BREAKER"  # coding a text holding this raises


def _die(how: int = 1) -> None:
    """End the process as a crash would, unless it is this test's own process (the code
    under test did not isolate the work): then fail the test instead."""
    if os.getpid() == TEST_PROCESS:
        raise AssertionError("the work ran in the test process, not in a child")
    if how < 0:
        faulthandler.disable()  # pytest's: the crash is meant, its traceback is noise
        os.kill(os.getpid(), -how)
    os._exit(how)


# --- isolated(): the mechanism -------------------------------------------------------------------


def _tenfold(items: Sequence[int]) -> Iterator[int]:
    for item in items:
        if item in (3, 11):
            _die(1)
        if item == 7:
            _die(-signal.SIGSEGV)
        yield item * 10


def test_only_the_items_that_kill_their_process_are_lost() -> None:
    results = list(isolated(list(range(16)), _tenfold, lambda item, how: f"{item}: {how}"))
    expected: list[int | str] = [n * 10 for n in range(16)]
    expected[3] = "3: exit code 1"
    expected[7] = "7: signal 11, SIGSEGV"
    expected[11] = "11: exit code 1"
    assert results == expected


def test_work_without_deaths_is_done_once_in_order() -> None:
    assert list(isolated([1, 2, 4], _tenfold, lambda item, how: -1)) == [10, 20, 40]
    assert list(isolated([], _tenfold, lambda item, how: -1)) == []


# --- code_groups(): a partition of the coding job -------------------------------------------------


class _Dying(DocumentAnalyser):
    """The real analyser, except that coding a document holding KILLS ends the process."""

    def analyse(self, documents: Iterable[Document]) -> Iterator[AnalysedDocument]:
        batch = list(documents)
        if any(KILLS in d.text for d in batch):
            _die(-signal.SIGSEGV)
        yield from super().analyse(batch)


def test_a_document_that_kills_its_process_is_an_error_row(
        monkeypatch: pytest.MonkeyPatch, coder: object) -> None:
    monkeypatch.setitem(coding._ANALYSERS, CoderSpec(), _Dying(coder))  # type: ignore[arg-type]
    texts = ["Russia imposed sanctions on Japan.", f"{KILLS} Japan condemned Russia.",
             "China accused the United States of interfering in its elections.",
             "Japan criticized China."]
    groups = [(f"d{n}", [("in.jsonl", n + 1, Document(f"d{n}", text, date(2024, 7, 2),
                                                       origin=f"in.jsonl:{n + 1}"))])
              for n, text in enumerate(texts)]
    rows = list(code_groups(groups, CoderSpec(), chunk=2, slab=3))
    assert sorted(row[0] for tag, row in rows if tag == DOCUMENT) == ["d0", "d2", "d3"]
    assert {row[0] for tag, row in rows if tag == MENTION} == {"d0", "d2", "d3"}
    assert [row for tag, row in rows if tag == ERROR] == [
        ("d1", "in.jsonl:2", CODER_FAILED,
         "the coding process died on document 'd1' (signal 11, SIGSEGV)")]


# --- dyad spark code: the whole job --------------------------------------------------------------

SITECUSTOMIZE = f'''
"""Loaded by every Python process of the test's `dyad spark code`: make coding a document
die (as a segmentation fault would) or raise when its text holds a marker."""
import os

from dyad.store import workers

_analyse = workers.DocumentAnalyser.analyse


def analyse(self, documents):
    batch = list(documents)
    for document in batch:
        if {KILLS!r} in document.text:
            os._exit(1)
        if {RAISES!r} in document.text:
            raise RuntimeError("the coder broke")
    return _analyse(self, batch)


workers.DocumentAnalyser.analyse = analyse
'''


@needs_spark
def test_spark_code_survives_a_worker_that_dies(tmp_path: Path) -> None:
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(textwrap.dedent(SITECUSTOMIZE), encoding="utf-8")
    lines = [
        '{"id": "a", "text": "Russia imposed sanctions on Japan.", "date": "2024-07-02"}',
        f'{{"id": "killer", "text": "{KILLS} Japan condemned Russia.", "date": "2024-07-02"}}',
        f'{{"id": "raiser", "text": "{RAISES} Japan condemned Russia.", "date": "2024-07-02"}}',
        '{"id": "b", "text": "Japan criticized China.", "date": "2024-07-02"}',
    ]
    source = tmp_path / "news.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    env = dyad_env({"PYTHONPATH": str(hooks)})
    proc = subprocess.run(
        [str(DYAD), "spark", "code", str(source), str(out), "--master", "local[2]",
         "--partitions", "2"], capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "  coded:           2" in proc.stdout and "  coder failed: 2" in proc.stdout, (
        proc.stdout)
    with duckdb.connect() as con:
        documents = con.execute(f"SELECT doc_id FROM read_parquet("
                                f"'{out / 'documents' / '*.parquet'}') ORDER BY 1").fetchall()
        errors = con.execute(f"SELECT doc_id, origin, kind, reason FROM read_parquet("
                             f"'{out / 'errors' / '*.parquet'}') ORDER BY 1").fetchall()
    assert documents == [("a",), ("b",)]
    assert errors == [
        ("killer", f"{source}:2", CODER_FAILED,
         "the coding process died on document 'killer' (exit code 1)"),
        ("raiser", f"{source}:3", CODER_FAILED,
         "the coder failed on document 'raiser' (RuntimeError: the coder broke)")]
    assert (out / "mentions" / "_SUCCESS").exists()
