"""Fixtures shared by the reader tests: sample texts, and 50 MB single-line files."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"
BIG_BYTES = 50 * 1024 * 1024
_CHUNK = b"the minister said that the talks would go on " * 23_000  # about 1 MB


def _write_big(path: Path, prefix: bytes, suffix: bytes) -> Path:
    """Write prefix + 50 MB of text on one line + suffix, a chunk at a time."""
    with path.open("wb") as handle:
        handle.write(prefix)
        written = 0
        while written < BIG_BYTES:
            handle.write(_CHUNK)
            written += len(_CHUNK)
        handle.write(suffix)
    return path


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The folder of sample texts (copied from the project's examples)."""
    return DATA


@pytest.fixture
def english() -> str:
    """A short English news paragraph (over 20 words)."""
    return (
        "Tokyo deemed Moscow's decision to terminate agreements governing Japan Center "
        "operations as unacceptable, and the government said it would respond."
    )


@pytest.fixture(scope="session")
def big_text_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 50 MB plain-text file that is one single line."""
    return _write_big(tmp_path_factory.mktemp("big") / "big.txt", b"", b"")


@pytest.fixture(scope="session")
def big_jsonl_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSONL file: a 50 MB line 1, then a good document on line 2."""
    good = (
        b'{"id": "small", "text": "The minister said that the talks would go on '
        b'and that both sides were ready to meet again next week."}\n'
    )
    return _write_big(
        tmp_path_factory.mktemp("big") / "big.jsonl", b'{"id": "big", "text": "', b'"}\n' + good
    )


@pytest.fixture
def peak_memory() -> Callable[[Callable[[], Any]], tuple[Any, int]]:
    """Run a function under tracemalloc: (its result, or the exception it raised; peak bytes)."""

    def run(function: Callable[[], Any]) -> tuple[Any, int]:
        tracemalloc.start()
        try:
            tracemalloc.reset_peak()
            try:
                result: Any = function()
            except Exception as exc:
                result = exc
            return result, tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    return run
