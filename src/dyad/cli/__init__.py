"""The `dyad` command line: a thin Typer layer over the library.

Every command catches `DyadError` once, here, and prints `path:line: message` plus a hint.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from dyad.errors import DyadError

app = typer.Typer(
    name="dyad",
    help="Turn English news text into political event data: who did what to whom, when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def _print_version(value: bool) -> None:
    if value:
        from dyad import __version__

        typer.echo(f"dyad {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_print_version,
        help="Print dyad's version and exit.")] = False,
) -> None:
    """Turn English news text into political event data: who did what to whom, when."""


def _register() -> None:
    from dyad.cli import code, dictionary, evaluate, knowledge, serve, spark, store, validate

    code.register(app)
    store.register(app)
    knowledge.register(app)
    validate.register(app)
    evaluate.register(app)
    serve.register(app)
    app.add_typer(dictionary.app, name="dict")
    app.add_typer(spark.app, name="spark")


_register()


def main() -> None:
    """Entry point: run the app, turning dyad errors into one-line messages."""
    try:
        app()
    except DyadError as exc:
        from dyad.cli.output import visible  # names of files and documents may hold escapes

        err_console.print(f"dyad: error: {visible(exc.message)}", markup=False, emoji=False)
        if exc.hint:
            err_console.print(f"hint: {visible(exc.hint)}", markup=False, emoji=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err_console.print("dyad: interrupted", markup=False)
        sys.exit(130)
