"""Documentation that cannot drift from the code (in the manner of Datasette's doc tests).

Every command and parameter has help text, every command's help shows an example that runs
the command itself, the README names every top-level command, and `dyad.__all__` is real.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterator

import click
import pytest
import typer.main
from typer.testing import CliRunner
from typer.utils import get_params_from_function

import dyad
from dyad.cli import app
from tests.cli.conftest import ROOT, Run

README = ROOT / "README.md"


def _walk(command: click.Command, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...],
                                                                            click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _walk(sub, (*path, name))


ROOT_COMMAND = typer.main.get_command(app)
COMMANDS = [(path, cmd) for path, cmd in _walk(ROOT_COMMAND, ()) if path]
LEAVES = [(path, cmd) for path, cmd in COMMANDS if not isinstance(cmd, click.Group)]
TOP_LEVEL = sorted(ROOT_COMMAND.commands) if isinstance(ROOT_COMMAND, click.Group) else []
PARAMS = [(path, param) for path, cmd in LEAVES for param in cmd.params
          if not getattr(param, "hidden", False)]


def _ids(items: list[tuple[tuple[str, ...], object]]) -> list[str]:
    return [" ".join(path) + (f" {getattr(item, 'name', '')}" if isinstance(item, click.Parameter)
                              else "") for path, item in items]


def _declared_help(command: click.Command) -> dict[str, str]:
    """The help each parameter declares in the command function's signature (typer.Option...)."""
    callback = command.callback
    assert callback is not None
    function = getattr(callback, "__wrapped__", callback)
    return {name: (meta.default.help or "") if hasattr(meta.default, "help") else ""
            for name, meta in get_params_from_function(function).items()}


def _help_output(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.output


def _flat(text: str) -> str:
    """Help output without box drawing and with single spaces, so wrapped text joins up."""
    return " ".join(re.sub(r"[│╭╮╰╯─┃]", " ", text).split())


def test_there_are_commands() -> None:
    assert {"code", "validate", "dict"} <= set(TOP_LEVEL)
    assert ("dict", "check") in {path for path, _ in LEAVES}


def test_the_app_has_help() -> None:
    assert (ROOT_COMMAND.help or "").strip()


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=_ids(COMMANDS))  # type: ignore[arg-type]
def test_every_command_has_help(path: tuple[str, ...], command: click.Command) -> None:
    assert (command.help or "").strip(), f"dyad {' '.join(path)} has no help text"
    short = command.get_short_help_str(limit=200)
    assert short and not short.startswith("Example"), short


@pytest.mark.parametrize(("path", "command"), LEAVES, ids=_ids(LEAVES))  # type: ignore[arg-type]
def test_every_parameter_declares_help(path: tuple[str, ...], command: click.Command) -> None:
    declared = _declared_help(command)
    missing = [name for name, text in declared.items() if not text.strip()]
    assert not missing, f"dyad {' '.join(path)}: no help for {missing}"


@pytest.mark.parametrize(("path", "param"), PARAMS, ids=_ids(PARAMS))  # type: ignore[arg-type]
def test_every_parameter_shows_its_help(path: tuple[str, ...], param: click.Parameter) -> None:
    """The help text reaches `--help` (arguments included, not only options)."""
    command = dict(LEAVES)[path]
    text = _declared_help(command).get(param.name or "", "")
    assert text, f"dyad {' '.join(path)}: {param.name} declares no help"
    shown = _flat(_help_output(path))
    assert " ".join(text.split()) in shown, (
        f"dyad {' '.join(path)} --help does not show the help of {param.name!r}: {text!r}")


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=_ids(COMMANDS))  # type: ignore[arg-type]
def test_every_command_help_has_an_example(path: tuple[str, ...],
                                           command: click.Command) -> None:
    examples = [line.strip() for line in (command.help or "").splitlines()
                if line.strip().startswith("Example:")]
    assert examples, f"dyad {' '.join(path)} help has no 'Example:' line"
    for example in examples:
        words = shlex.split(example.removeprefix("Example:"))
        # the example runs this very command ...
        assert words[: len(path) + 1] == ["dyad", *path], example
        # ... and any file of the repository it names exists
        for word in words:
            top = word.split("/")[0]
            if "/" in word and top and (ROOT / top).is_dir():  # e.g. examples/..., src/...
                assert (ROOT / word).exists(), f"{example}: {word} does not exist"
    assert "Example:" in _help_output(path), "the example is shown by --help"


def test_subprocess_help_shows_the_example(dyad: Callable[..., Run]) -> None:
    """The real entry point prints the same help (one run, for the main command)."""
    run = dyad("code", "--help")
    assert run.returncode == 0, run.describe()
    assert "Example: dyad code" in run.stdout


def test_readme_exists() -> None:
    assert README.is_file(), "README.md is missing"


@pytest.mark.parametrize("name", TOP_LEVEL)
def test_readme_mentions_every_top_level_command(name: str) -> None:
    assert README.is_file(), "README.md is missing"
    text = README.read_text(encoding="utf-8")
    assert re.search(rf"\bdyad {re.escape(name)}\b", text), f"README.md never shows `dyad {name}`"


def test_readme_mentions_the_code_options() -> None:
    """The options users need for `dyad code` are documented in the README."""
    assert README.is_file(), "README.md is missing"
    text = README.read_text(encoding="utf-8")
    for option in ("--date", "--format", "--explain", "--actors", "--config",
                   "--no-default-dictionaries"):
        assert option in text, f"README.md does not mention {option}"


def test_dunder_all_names_exist() -> None:
    assert dyad.__all__, "dyad.__all__ is empty"
    assert len(set(dyad.__all__)) == len(dyad.__all__), "duplicates in dyad.__all__"
    for name in dyad.__all__:
        assert hasattr(dyad, name), f"dyad.__all__ names {name!r}, which dyad lacks"

