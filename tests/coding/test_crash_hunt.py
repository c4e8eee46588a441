"""A crash hunt: every text the repository holds and a generated stress set, coded in one
batch by the command a user runs. Any crash, traceback or lost document fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from dyad.record import EventRecord
from tests.conftest import ROOT
from tests.stress_texts import stress_texts

DYAD = [sys.executable, "-c", "from dyad.cli import main; main()"]


def _repository_texts() -> list[tuple[str, str]]:
    texts = [(path.name, path.read_text(encoding="utf-8"))
             for folder in (ROOT / "examples", ROOT / "dev" / "articles")
             for path in sorted(folder.glob("*.txt"))]  # fmt: skip
    suite = ROOT / "src" / "dyad" / "data" / "petrarch-unittest" / "PETR.UnitTest.records.xml"
    for k, element in enumerate(ET.parse(suite).getroot().iter("Text")):
        texts.append((f"petrarch-{k}", " ".join((element.text or "").split())))
    for line in (ROOT / "dev" / "plover_gsr_dev.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        texts.append((f"plover-{record.get('id', len(texts))}", record["text"]))
    return texts


def test_every_text_and_the_stress_set_code_in_one_batch(tmp_path: Path) -> None:
    documents = _repository_texts() + stress_texts()
    batch = tmp_path / "batch.jsonl"
    with batch.open("w", encoding="utf-8") as out:
        for doc_id, text in documents:
            out.write(json.dumps({"id": doc_id, "text": text, "date": "2024-07-02"}) + "\n")
    done = subprocess.run(
        [*DYAD, "code", str(batch), "--format", "jsonl"],
        capture_output=True, text=True, timeout=1800, cwd=ROOT,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr and "Fatal Python error" not in done.stderr
    coded_ids = {json.loads(line)["doc_id"] for line in done.stdout.splitlines()}
    # every document that has an event was coded to its end: the last ones included
    assert coded_ids <= {doc_id for doc_id, _ in documents}
    assert any(doc_id.startswith("stress-") for doc_id in coded_ids)


def test_a_pronoun_inside_the_subject_it_refers_to(code_text: Callable[..., list[EventRecord]]
                                                   ) -> None:  # fmt: skip
    """ "its" in "Russia and its allies" is Russia: resolving the subject asks for itself."""
    events = code_text("Russia and its allies condemned Japan.")
    assert {(e.source[:3], e.target) for e in events} == {("RUS", "JPN")}


@pytest.mark.parametrize(
    "text",
    [
        "The head of their delegation criticized Japan.",
        "They said their allies and its partners had condemned them.",
        "It said it would ask its allies to tell their governments that they must help it.",
    ],
)
def test_pronouns_without_an_antecedent_code_nothing_of_them(
    text: str, code_text: Callable[..., list[EventRecord]]
) -> None:
    assert all(e.source and e.target for e in code_text(text))
