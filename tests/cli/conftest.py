"""Helpers for the CLI tests: run the installed `dyad` entry point in a subprocess.

Subprocess runs exercise what users run: the console script, stdin piping, tty detection and
the translation of `DyadError` into a one-line message by `dyad.cli.main`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dyad.cli.code import UNDATED

ROOT = Path(__file__).resolve().parents[2]
DYAD = Path(sys.executable).parent / "dyad"
SHIPPED = ROOT / "src" / "dyad" / "data" / "dictionaries"
UNITTEST = ROOT / "src" / "dyad" / "data" / "petrarch-unittest"
EXAMPLE = ROOT / "examples" / "japan-centers.txt"

#: Sentences the shipped dictionaries code (checked in test_code.py).
RUSSIA_JAPAN = "Russia condemned Japan on Monday."
JAPAN_CHINA = "Japan criticized China."

#: Environment variables that would change Rich's output (colours, width, tty guesses).
_RICH_ENV = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "LINES", "TERM")


def dyad_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a dyad subprocess: no colours, no inherited terminal size."""
    env = {k: v for k, v in os.environ.items() if k not in _RICH_ENV}
    env["NO_COLOR"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    if extra:
        env.update(extra)
    return env


@dataclass(frozen=True)
class Run:
    """What one `dyad` run gave."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def err_lines(self) -> list[str]:
        """The non-empty lines of stderr, but the notices of undated documents (`undated`)."""
        return [line for line in self.stderr.splitlines()
                if line.strip() and not line.endswith(UNDATED)]

    @property
    def undated(self) -> list[str]:
        """The notices of documents coded without a date."""
        return [line for line in self.stderr.splitlines() if line.endswith(UNDATED)]

    @property
    def out_lines(self) -> list[str]:
        """The non-empty lines of stdout."""
        return [line for line in self.stdout.splitlines() if line.strip()]

    def records(self) -> list[dict[str, Any]]:
        """stdout parsed as JSON Lines."""
        return [json.loads(line) for line in self.out_lines]

    def describe(self) -> str:
        """A summary for assertion messages."""
        return (f"dyad {' '.join(self.args)} -> exit {self.returncode}\n"
                f"--- stdout ---\n{self.stdout[:3000]}\n--- stderr ---\n{self.stderr[:3000]}")


def run_dyad(*args: str | Path, stdin: bytes | str | None = None, cwd: Path | None = None,
             timeout: float = 300) -> Run:
    """Run the `dyad` console script with `args`; stdin is piped (empty unless given)."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
    argv = [str(DYAD), *map(str, args)]
    proc = subprocess.run(argv, input=data, capture_output=True, cwd=cwd, timeout=timeout,
                          env=dyad_env())
    return Run(tuple(map(str, args)), proc.returncode,
               proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


def assert_one_line_error(run: Run, *needles: str) -> None:
    """A failed run whose stderr is one `dyad: error:` line (and maybe a `hint:` line)."""
    assert run.returncode != 0, run.describe()
    assert "Traceback" not in run.stderr + run.stdout, run.describe()
    lines = run.err_lines
    assert 1 <= len(lines) <= 2, run.describe()
    assert lines[0].startswith("dyad: error: "), run.describe()
    if len(lines) == 2:
        assert lines[1].startswith("hint: "), run.describe()
    for needle in needles:
        assert needle in lines[0], f"{needle!r} not in the error line\n{run.describe()}"


@pytest.fixture(scope="session")
def dyad() -> Callable[..., Run]:
    """`run_dyad`, after checking that the console script is installed."""
    if not DYAD.exists():
        pytest.fail(f"the dyad console script is not installed at {DYAD}")
    return run_dyad


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write text (str) or bytes to a file in tmp_path and return its path."""

    def run(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return run


@pytest.fixture
def write_jsonl(write: Callable[..., Path]) -> Callable[..., Path]:
    """Write JSON objects (or raw strings, kept as they are) as a JSONL file."""

    def run(name: str, rows: list[dict[str, Any] | str]) -> Path:
        lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
        return write(name, "\n".join(lines) + "\n")

    return run
