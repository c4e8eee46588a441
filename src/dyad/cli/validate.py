"""`dyad validate`: score dyad on a PETRARCH validation (unit-test) file."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress

from dyad.errors import DictionaryLineError
from dyad.validation.run import run_suite
from dyad.validation.score import summarise


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)


def validate_command(
    path: Annotated[Path, typer.Argument(help="PETRARCH validation XML file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    failures_only: Annotated[bool, typer.Option(
        "--failures", help="List only the records dyad does not reproduce.")] = False,
    dictionaries: Annotated[Path | None, typer.Option(
        "--dictionaries", metavar="DIR", file_okay=False,
        help="Folder holding the dictionary files the XML's <Environment> names "
             "(default: the XML file's folder); files outside it are refused.",
        show_default=False)] = None,
) -> None:
    """Code each record's text with dyad's own parser and compare with the expected events.

    Dictionary lines that cannot be used are skipped with a warning each (`dyad dict check`
    lists them as errors).

    Example: dyad validate src/dyad/data/petrarch-unittest/PETR.UnitTest.records.xml
    """
    console = Console(highlight=False)
    errors = Console(stderr=True, highlight=False, soft_wrap=True)

    def warn(problem: DictionaryLineError) -> None:
        errors.print(f"dyad: warning: {problem.message}", markup=False)

    with Progress(console=errors, transient=True,
                  disable=as_json or not sys.stderr.isatty()) as progress:
        task = progress.add_task("coding records", total=None)
        suite, results = run_suite(
            path, dictionaries=dictionaries, warn=warn,
            progress=lambda done, total: progress.update(task, completed=done, total=total))
    only = [r for _, r in results]
    if as_json:
        sys.stdout.write(json.dumps(summarise(only), ensure_ascii=False) + "\n")
        return
    for record, result in results:
        if failures_only and result.ok:
            continue
        mark = "[green]ok  [/green]" if result.ok else "[red]FAIL[/red]"
        console.print(f"{mark} {escape(record.id):<22} expected {_fmt(result.expected)}"
                      f"  got {_fmt(result.got)}")
    correct = sum(1 for r in only if r.ok)
    total = len(only)
    console.print(f"\n[bold]{correct} of {total} records reproduced exactly "
                  f"({100.0 * correct / max(total, 1):.1f}%)[/bold]")
    per_category: Counter[str] = Counter()
    failing: Counter[str] = Counter()
    for record, result in results:
        per_category[record.category] += 1
        if not result.ok:
            failing[record.category] += 1
    for category, count in per_category.most_common():
        console.print(f"  {category:<10} {count - failing[category]:>3} / {count}")


def _fmt(triples: list[tuple[str, str, str]] | tuple[tuple[str, str, str], ...]) -> str:
    if not triples:
        return "(none)"
    return escape(" ".join(f"{s}→{t}:{c}" for s, t, c in triples))
