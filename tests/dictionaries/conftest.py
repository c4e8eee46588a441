"""Helpers for the dictionary tests: the shipped files and small temporary dictionaries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "src" / "dyad" / "data"
SHIPPED = DATA / "dictionaries"
UNITTEST = DATA / "petrarch-unittest"


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a small dictionary file and return its path."""

    def run(text: str, name: str = "test.txt", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return run
