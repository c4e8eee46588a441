"""Shared fixtures: the shipped dictionaries and one event coder per test session."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from dyad.cli import main
from dyad.coding.coder import CodedDocument, EventCoder
from dyad.dictionaries.defaults import load_dictionaries
from dyad.record import Document, EventRecord

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def coder() -> EventCoder:
    return EventCoder(load_dictionaries())


@pytest.fixture(scope="session")
def code_text(coder: EventCoder) -> Callable[..., list[EventRecord]]:
    def run(text: str, day: date = date(2024, 7, 2)) -> list[EventRecord]:
        return [e for c in coder.code([Document(id="t", text=text, date=day)]) for e in c.events]

    return run


@pytest.fixture(scope="session")
def code_document(coder: EventCoder) -> Callable[..., CodedDocument]:
    def run(text: str, day: date = date(2024, 7, 2)) -> CodedDocument:
        return next(iter(coder.code([Document(id="t", text=text, date=day)])))

    return run


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
        ) -> Callable[..., tuple[int, str, str]]:
    """Run `dyad ARGS...` in this process as the console script does: (exit code, stdout,
    stderr)."""

    def call(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["dyad", *args])
        with pytest.raises(SystemExit) as stopped:
            main()
        out, err = capsys.readouterr()
        return int(stopped.value.code or 0), out, err

    return call
