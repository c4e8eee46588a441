"""`dyad serve`: its help, and the refusal to allow writes without a token."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from dyad.cli import app


def test_help_names_the_options() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200",
                                                               "NO_COLOR": "1"})
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--allow-writes", "--token", "--max-body",
                   "--workers"):
        assert option in result.output
    assert "Example: dyad serve" in result.output


def test_allow_writes_without_a_token_is_an_error(store_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(store_path), "--allow-writes"],
                                env={"DYAD_TOKEN": ""})
    assert result.exit_code != 0
    assert "token" in str(result.exception)


def test_a_missing_store_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0
    assert "no such database" in str(result.exception)


def test_several_workers_with_writes_are_an_error(store_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(store_path), "--allow-writes",
                                      "--token", "t", "--workers", "2"])
    assert result.exit_code != 0
    assert "--workers" in str(result.exception)
