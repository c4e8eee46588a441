"""Options shared by commands: dictionaries (flags or a config file) and dates."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from dyad.dictionaries.defaults import DictionarySet, load_dictionaries
from dyad.errors import InputError

ActorsOption = Annotated[list[Path] | None, typer.Option(
    "--actors", help="Extra actor dictionary (PETRARCH format); repeatable.", show_default=False)]
AgentsOption = Annotated[list[Path] | None, typer.Option(
    "--agents", help="Extra agent dictionary; repeatable.", show_default=False)]
VerbsOption = Annotated[list[Path] | None, typer.Option(
    "--verbs", help="Extra verb dictionary (P1 or P2 format); repeatable.", show_default=False)]
DiscardsOption = Annotated[list[Path] | None, typer.Option(
    "--discards", help="Extra discard list; repeatable.", show_default=False)]
ConfigOption = Annotated[Path | None, typer.Option(
    "--config", help="TOML file with actors/agents/verbs/discards lists and "
    "no_default_dictionaries.", show_default=False)]
NoDefaultsOption = Annotated[bool, typer.Option(
    "--no-default-dictionaries", help="Use only the dictionaries given, not the shipped ones.")]


@dataclass
class DictionaryChoice:
    """Which dictionary files to load, merged from flags and a config file."""

    actors: list[Path] = field(default_factory=list)
    agents: list[Path] = field(default_factory=list)
    verbs: list[Path] = field(default_factory=list)
    discards: list[Path] = field(default_factory=list)
    use_defaults: bool = True


def load_chosen(choice: DictionaryChoice) -> DictionarySet:
    """Load the chosen dictionaries; each line skipped in a published dictionary the user
    named (see `dyad.dictionaries.defaults`) is one warning on stderr."""
    from dyad.cli.output import visible

    dictionaries = load_dictionaries(actors=choice.actors, agents=choice.agents,
                                     verbs=choice.verbs, discards=choice.discards,
                                     use_defaults=choice.use_defaults)
    for problem in dictionaries.warnings:
        typer.echo(f"dyad: warning: {visible(str(problem))}", err=True)
    return dictionaries


def dictionary_choice(actors: list[Path] | None, agents: list[Path] | None,
                      verbs: list[Path] | None, discards: list[Path] | None,
                      config: Path | None, no_defaults: bool) -> DictionaryChoice:
    """Combine command-line dictionary options with an optional TOML config file."""
    choice = DictionaryChoice(list(actors or []), list(agents or []), list(verbs or []),
                              list(discards or []), not no_defaults)
    if config is None:
        return choice
    settings = _read_config(config)
    base = config.parent
    for kind in ("actors", "agents", "verbs", "discards"):
        value = settings.get(kind, [])
        paths = [value] if isinstance(value, str) else value
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise InputError(str(config), f"'{kind}' must be a file name or a list of file names")
        getattr(choice, kind).extend(base / p for p in paths)
    if settings.get("no_default_dictionaries") is True:
        choice.use_defaults = False
    return choice


def _read_config(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise InputError(str(path), "no such config file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read config file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(str(path), f"not valid TOML: {exc}", line=line) from None


def parse_day(value: str | None) -> date | None:
    """Parse a --date option (YYYY-MM-DD)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None
