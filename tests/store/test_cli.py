"""The store's commands: ingest, events, show, timeline, export (output, errors, exit codes)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dyad.cli import app
from dyad.store.export import GDELT_COLUMNS
from dyad.store.named import NAMED_COLUMNS
from tests.store.corpus import write_jsonl
from tests.store.helpers import NEWS

Run = Callable[..., tuple[int, str, str]]



@pytest.fixture(scope="module")
def news_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A DuckDB store with the NEWS documents, made by `dyad ingest`."""
    from typer.testing import CliRunner

    folder = tmp_path_factory.mktemp("cli")
    corpus = write_jsonl(folder / "news.jsonl", list(NEWS))
    db = str(folder / "news.duckdb")
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def test_cli_ingest_reports_and_is_rerunnable(run: Run, store_url: str, tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "news.jsonl", [*NEWS, {"id": "a", "text": "Other text."}])
    (tmp_path / "broken.rss").write_text("<rss><channel><item>")
    code, out, err = run("ingest", str(corpus), str(tmp_path / "broken.rss"), "--db", store_url)
    assert code == 0
    assert "documents read:    9" in out and "stored:          8" in out
    assert "conflict: 1" in out and "bad feed: 1" in out
    assert f"dyad: warning: {tmp_path / 'broken.rss'}: not a readable RSS or Atom feed" in err
    assert "news.jsonl:9: document id 'a' is already stored with different text" in err
    code, out, _ = run("ingest", str(corpus), "--db", store_url, "--progress", "plain")
    assert code == 0 and "already stored:  8" in out and "stored:          0" in out


def test_cli_ingest_nothing_readable(run: Run, tmp_path: Path) -> None:
    code, _, err = run("ingest", str(tmp_path / "missing.txt"), "--db",
                       str(tmp_path / "x.duckdb"))
    assert code == 2
    assert err.splitlines()[-2:] == ["dyad: error: no document could be read",
                                     "hint: see the warnings above"]


def test_cli_events_jsonl_and_csv(run: Run, news_db: str) -> None:
    code, out, _ = run("events", "--db", news_db, "--dyad", "RUS:JPN", "--format", "jsonl")
    events = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [e["code"] for e in events] == ["163", "033", "190"]
    assert tuple(events[0]) == NAMED_COLUMNS
    assert (events[0]["code_name"], events[0]["source_name"], events[0]["target_name"]) == (
        "Impose embargo, boycott, or sanctions", "Russian Federation", "Japan")
    code, out, _ = run("events", "--db", news_db, "--root", "11", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["source"] for r in rows] == ["JPN", "CHN", "JPNGOV"]


def test_cli_events_table_and_env_db(run: Run, news_db: str,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYAD_DB", news_db)
    code, out, _ = run("events", "--format", "table", "--limit", "2", "--q", "sanctions")
    assert code == 0
    assert "Russia imposed sanctions on Japan." in out
    assert out.strip().endswith("1 event")
    code, out, _ = run("events", "--format", "table", "--limit", "2")
    assert out.strip().endswith("2 events of 7; --limit 0 shows all")


def test_cli_events_table_shows_trigger_and_attribution(run: Run, news_db: str) -> None:
    code, out, _ = run("events", "--db", news_db, "--format", "table", "--root", "11")
    assert code == 0
    header = out.splitlines()[1]
    assert "trigger" in header and "according to" in header
    assert "condemned" in out and "criticized" in out


@pytest.mark.parametrize(("options", "expected"), [
    (["--source", "RUS"], ["163", "033", "190"]),
    (["--target", "RUS"], ["111", "111"]),
    (["--pair", "JPN:RUS"], ["163", "111", "033", "111", "190"]),
    (["--plover", "accuse"], ["111", "112", "111"]),
    (["--quad-class", "4"], ["163", "190"]),
    (["--outlet", "Reuters"], ["163"]),
    (["--doc", "c"], ["111"]),
    (["--sort=-mentions", "--limit", "1"], ["163"]),
    (["--sort", "code"], ["033", "111", "111", "112", "130", "163", "190"]),
])
def test_cli_events_filters_and_sorts(run: Run, news_db: str, options: list[str],
                                      expected: list[str]) -> None:
    code, out, err = run("events", "--db", news_db, "--format", "jsonl", *options)
    assert code == 0, err
    assert [json.loads(line)["code"] for line in out.splitlines()] == expected


def test_cli_events_bad_sort(run: Run, news_db: str) -> None:
    code, _, err = run("events", "--db", news_db, "--sort", "colour")
    assert code == 2 and "dyad: error: bad sort 'colour'" in err


def test_cli_version(run: Run) -> None:
    from dyad import __version__

    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"dyad {__version__}"


def test_cli_show(run: Run, news_db: str) -> None:
    _, out, _ = run("events", "--db", news_db, "--code", "163", "--format", "jsonl")
    event_id = json.loads(out)["event_id"]
    code, out, _ = run("show", event_id, "--db", news_db)
    assert code == 0
    assert "RUS → JPN  163 COERCE" in out
    assert "Russian Federation → Japan: Impose embargo, boycott, or sanctions" in out
    assert "2 mentions, 2 sources, 2 articles" in out
    assert "Russia imposed sanctions on Japan on Tuesday." in out
    assert "date_text 'Tuesday'" in out
    code, out, _ = run("show", event_id, "--db", news_db, "--format", "jsonl")
    detail = json.loads(out)
    assert [m["doc_id"] for m in detail["mentions"]] == ["a", "b"]


def test_cli_show_unknown_event(run: Run, news_db: str) -> None:
    code, _, err = run("show", "feedfacefeedface", "--db", news_db)
    assert code == 2
    assert err.splitlines() == ["dyad: error: no event with id 'feedfacefeedface'",
                                "hint: list event ids with: dyad events"]


def test_cli_timeline(run: Run, news_db: str, tmp_path: Path) -> None:
    plot = tmp_path / "rus-jpn.svg"
    code, out, err = run("timeline", "RUS", "JPN", "--db", news_db, "--format", "csv",
                         "--plot", str(plot))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["period"], r["source"], r["events"], r["goldstein"]) for r in rows][-2:] == [
        ("2024-09-01", "RUS", "2", "-4.8"), ("2024-09-01", "JPN", "1", "-2.0")]
    assert plot.exists() and f"dyad: wrote {plot}" in err
    code, out, _ = run("timeline", "RUS", "JPN", "--db", news_db, "--by", "week",
                       "--format", "table")
    assert code == 0 and "RUS→JPN" in out and "2024-09-16" in out
    assert out.splitlines()[0] == "RUS Russian Federation – JPN Japan"


def test_cli_timeline_lists_only_periods_with_events(run: Run, news_db: str) -> None:
    code, out, _ = run("timeline", "RUS", "JPN", "--db", news_db, "--by", "day",
                       "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows and all(r["events"] > 0 for r in rows)
    assert [(r["period"], r["source"]) for r in rows] == [
        ("2024-07-01", "RUS"), ("2024-07-05", "JPN"), ("2024-09-02", "RUS"),
        ("2024-09-03", "JPN"), ("2024-09-20", "RUS")]
    code, out, _ = run("timeline", "RUS", "JPN", "--db", news_db, "--by", "day",
                       "--format", "jsonl", "--all-periods")
    every = [json.loads(line) for line in out.splitlines()]
    assert len(every) == 2 * 82  # both directions, every day from 2024-07-01 to 2024-09-20
    code, out, _ = run("timeline", "RUS", "JPN", "--db", news_db, "--by", "day",
                       "--format", "jsonl", "--root", "11")
    assert [json.loads(line)["period"] for line in out.splitlines()] == [
        "2024-07-05", "2024-09-03"]
    code, out, _ = run("timeline", "RUS", "JPN", "--db", news_db, "--by", "day",
                       "--format", "table")
    assert code == 0 and "2024-07-02" not in out and "2024-09-20" in out


def test_cli_timeline_bad_plot_name(run: Run, news_db: str) -> None:
    code, _, err = run("timeline", "RUS", "JPN", "--db", news_db, "--plot", "chart.gif")
    assert code == 2 and "must end in .png or .svg" in err


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "gdelt", "parquet"])
def test_cli_export(run: Run, news_db: str, tmp_path: Path, fmt: str) -> None:
    out_path = tmp_path / f"events.{fmt}"
    code, _, err = run("export", "--db", news_db, "--format", fmt, "--where", "quad_class=3",
                       str(out_path))
    assert code == 0 and f"dyad: wrote 4 events to {out_path}" in err
    if fmt == "gdelt":
        lines = out_path.read_text().splitlines()
        assert len(lines) == 4 and len(lines[0].split("\t")) == len(GDELT_COLUMNS)
    elif fmt == "parquet":
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        assert pq.read_table(out_path).num_rows == 4
    elif fmt == "csv":
        assert out_path.read_text().splitlines()[0].split(",") == list(NAMED_COLUMNS)


def test_cli_export_to_stdout_and_bad_where(run: Run, news_db: str) -> None:
    code, out, _ = run("export", "--db", news_db, "--format", "jsonl", "--actor", "IRN", "-")
    assert code == 0 and json.loads(out)["target"] == "ISR"
    code, _, err = run("export", "--db", news_db, "--where", "colour=red", "-")
    assert code == 2
    assert err.startswith("dyad: error: bad --where condition 'colour=red': unknown column")
    code, _, err = run("export", "--db", news_db, "--format", "parquet", "-")
    assert code == 2 and "parquet needs a file" in err


def test_cli_missing_database(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "none.duckdb"
    code, _, err = run("events", "--db", str(db))
    assert code == 2
    assert err.splitlines() == [f"dyad: error: {db}: no such database",
                                f"hint: create it with: dyad ingest FILES --db {db}"]


@pytest.mark.parametrize("command", ["ingest", "events", "show", "timeline", "export"])
def test_cli_help_has_an_example(command: str) -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: dyad " + command in result.output
    assert "--db" in result.output
