"""`dyad spark code`, `dyad spark merge` and `dyad ingest --from-parquet` from the command
line: reports, and one-line errors for bad input."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from dyad.errors import DyadError
from dyad.spark import session
from tests.spark.conftest import NEWS, needs_spark

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """Twelve news documents and a line that is not JSON."""
    lines = NEWS.read_text(encoding="utf-8").splitlines()[:12]
    path = tmp_path / "small.jsonl"
    path.write_text("\n".join([*lines[:6], "not json", *lines[6:]]) + "\n", encoding="utf-8")
    return path


@needs_spark
def test_code_merge_and_load_from_the_command_line(run: Run, spark: object, small: Path,
                                                   tmp_path: Path) -> None:
    out, events, db = tmp_path / "out", tmp_path / "events", tmp_path / "s.duckdb"
    code, stdout, _ = run("spark", "code", str(small), str(out), "--master", "local[2]",
                          "--partitions", "3")
    assert code == 0
    assert "spark code report (3 partitions)" in stdout
    assert "documents read:    12" in stdout and "  coded:           12" in stdout
    assert "  bad JSONL record: 1" in stdout
    code, stdout, _ = run("spark", "merge", str(out), str(events))
    assert code == 0 and stdout.startswith("wrote ") and stdout.rstrip().endswith(str(events))
    assert run("ingest", "--from-parquet", str(out), "--db", str(db))[0] == 0
    code, stdout, _ = run("ingest", "--from-parquet", str(out), "--db", str(db))
    assert code == 0 and "already stored:  12" in stdout and "stored:          0" in stdout


@needs_spark
def test_missing_input(run: Run, spark: object, tmp_path: Path) -> None:
    code, out, err = run("spark", "code", str(tmp_path / "nope.jsonl"), str(tmp_path / "out"))
    assert code == 2 and out == ""
    assert err.splitlines()[0] == (
        f"dyad: error: {tmp_path / 'nope.jsonl'}: no such file or directory")
    assert not (tmp_path / "out").exists()


@needs_spark
def test_merge_of_something_that_is_not_a_finished_output(run: Run, spark: object,
                                                          tmp_path: Path) -> None:
    (tmp_path / "half" / "mentions").mkdir(parents=True)
    code, _, err = run("spark", "merge", str(tmp_path / "half"), str(tmp_path / "events"))
    assert code == 2
    assert "no _SUCCESS marker" in err.splitlines()[0]
    code, _, err = run("spark", "merge", str(tmp_path / "nothing"), str(tmp_path / "events"))
    assert code == 2 and "no such file or directory" in err


def test_bad_master(run: Run, small: Path, tmp_path: Path) -> None:
    code, _, err = run("spark", "code", str(small), str(tmp_path / "out"), "--master", "bogus")
    assert code == 2
    assert err.splitlines()[0] == "dyad: error: 'bogus' is not a Spark master URL"
    assert err.splitlines()[1].startswith("hint: masters look like local[2]")


def test_ingest_from_parquet_errors(run: Run, small: Path, tmp_path: Path) -> None:
    code, _, err = run("ingest", "--from-parquet", str(tmp_path / "none"), "--db",
                       str(tmp_path / "s.duckdb"))
    assert code == 2 and "no such folder" in err
    (tmp_path / "half" / "documents").mkdir(parents=True)
    code, _, err = run("ingest", "--from-parquet", str(tmp_path / "half"), "--db",
                       str(tmp_path / "s.duckdb"))
    assert code == 2 and "no _SUCCESS marker" in err
    code, _, err = run("ingest", str(small), "--from-parquet", str(tmp_path / "half"))
    assert code == 2 and "not both" in err
    code, _, err = run("ingest")
    assert code == 2 and "Invalid value for PATHS" in err


def test_without_pyspark_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch,
                                                        run: Run, small: Path,
                                                        tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    code, _, err = run("spark", "code", str(small), str(tmp_path / "out"))
    assert code == 2
    assert err.splitlines() == ["dyad: error: PySpark is not installed",
                                "hint: install dyad with the spark extra: pip install "
                                "'dyad[spark]'"]


def test_without_java_the_error_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DyadError, match="Spark needs Java 17, but no `java` on PATH") as caught:
        session.find_java()
    assert "openjdk-17-jre-headless" in caught.value.hint
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    with pytest.raises(DyadError, match=f"JAVA_HOME={tmp_path} has no bin/java"):
        session.find_java()


@pytest.mark.parametrize("master", ["local", "local[2]", "local[*]", "local[4,2]",
                                    "spark://a:7077,b:7077", "yarn", "k8s://https://k:443"])
def test_master_urls_spark_takes(master: str) -> None:
    assert session.check_master(master) == master
