"""Bad documents are recorded in the errors output with their id and reason; the job goes on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

import duckdb
import pytest

from dyad.record import Document
from dyad.spark import coding
from dyad.spark.coding import code_groups, first_of
from dyad.spark.rows import CODER_FAILED, CONFLICT, DOCUMENT, ERROR, ERROR_FIELDS, MENTION
from dyad.store.workers import AnalysedDocument, CoderSpec, DocumentAnalyser
from tests.spark.conftest import Coded, needs_spark


@needs_spark
def test_errors_output_names_each_bad_line_and_document(coded: Coded) -> None:
    with duckdb.connect() as con:
        rows = con.execute(f"SELECT {', '.join(ERROR_FIELDS)} FROM "
                           f"read_parquet('{coded.output / 'errors' / '*.parquet'}')").fetchall()
    errors = {origin.rsplit(":", 1)[1]: (doc_id, kind, reason)
              for doc_id, origin, kind, reason in rows}
    assert len(rows) == 3
    assert all(origin.startswith(str(coded.corpus) + ":") for _, origin, _, _ in rows)
    assert errors["6"] == ("", "bad JSONL record",
                           "not UTF-8 (byte 0xe9 at column 31); convert the file to UTF-8")
    doc_id, kind, reason = errors["10"]
    assert (doc_id, kind) == ("", "bad JSONL record") and reason.startswith("invalid JSON")
    conflict = [e for e in errors.values() if e[1] == CONFLICT]
    assert len(conflict) == 1 and conflict[0][0] == "gen-00002"
    assert "different text" in conflict[0][2]


class _Failing(DocumentAnalyser):
    """The real analyser, except that it raises on documents whose text says so."""

    def analyse(self, documents: Iterable[Document]) -> Iterator[AnalysedDocument]:
        batch = list(documents)
        if any("PARSER-BREAKER" in d.text for d in batch):
            raise ValueError("parser exploded")
        yield from super().analyse(batch)


def test_a_document_the_coder_fails_on_is_an_error_row_and_the_rest_are_coded(
        monkeypatch: pytest.MonkeyPatch, coder: object) -> None:
    monkeypatch.setitem(coding._ANALYSERS, CoderSpec(), _Failing(coder))  # type: ignore[arg-type]
    texts = ["Russia imposed sanctions on Japan.", "PARSER-BREAKER Japan condemned Russia.",
             "China accused the United States of interfering in its elections."]
    groups = [(f"d{n}", [("in.jsonl", n + 1, Document(f"d{n}", text, date(2024, 7, 2),
                                                       origin=f"in.jsonl:{n + 1}"))])
              for n, text in enumerate(texts)]
    rows = list(code_groups(groups, CoderSpec()))
    kinds = [tag for tag, _ in rows]
    assert kinds.count(DOCUMENT) == 2 and kinds.count(MENTION) >= 2
    errors = [row for tag, row in rows if tag == ERROR]
    assert errors == [("d1", "in.jsonl:2", CODER_FAILED,
                       "the coder failed on document 'd1' (ValueError: parser exploded)")]


def test_first_copy_of_an_id_is_kept_and_a_different_text_is_a_conflict() -> None:
    first = Document("x", "Russia condemned Japan.", origin="b.jsonl:2")
    same = Document("x", "Russia condemned Japan.", origin="b.jsonl:9")
    other = Document("x", "Japan condemned Russia.", origin="c.jsonl:1")
    kept, errors = first_of([("c.jsonl", 1, other), ("b.jsonl", 9, same), ("b.jsonl", 2, first)])
    assert kept is first
    assert errors == [(ERROR, ("x", "c.jsonl:1", CONFLICT,
                               "document id 'x' appears earlier in the input (b.jsonl:2) with "
                               "different text (conflict; the first one is kept)"))]
