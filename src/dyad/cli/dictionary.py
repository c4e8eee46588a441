"""`dyad dict`: inspect and validate dictionary files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from dyad.dictionaries.check import check_dictionary
from dyad.errors import DyadError

app = typer.Typer(help="Check dictionary files.\n\nExample: dyad dict check my.actors.txt",
                  no_args_is_help=True)


@app.command("check")
def check_command(
    files: Annotated[list[Path], typer.Argument(help="Dictionary files to check.")],
    kind: Annotated[str | None, typer.Option(
        "--kind", help="verbs | actors | agents | discards (default: guessed from the file).",
        show_default=False)] = None,
) -> None:
    """Validate dictionary files and report each bad line with its number.

    Example: dyad dict check my.actors.txt
    """
    console = Console(highlight=False, soft_wrap=True)
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    bad = bad_files = 0
    for path in files:
        report = check_dictionary(path, kind)
        counts = ", ".join(f"{n} {name}" for name, n in report.counts.items())
        style = f" ({report.style})" if report.style else ""
        for problem in report.problems:
            errors.print(escape(problem.message))
        lines = len({problem.line for problem in report.problems})  # a line may have 2 problems
        status = "ok" if report.ok else f"{lines} bad line(s)"
        console.print(f"{escape(str(path))}: {report.kind}{style} dictionary, {counts}: {status}")
        bad += lines
        bad_files += not report.ok
    if bad:
        raise DyadError(f"{bad} bad dictionary line(s) in {bad_files} of {len(files)} file(s)",
                        hint="fix or remove the lines listed above")
