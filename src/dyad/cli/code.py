"""`dyad code`: code text files, JSONL files or stdin and print events."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from dyad.cli.options import (
    ActorsOption,
    AgentsOption,
    ConfigOption,
    DiscardsOption,
    NoDefaultsOption,
    VerbsOption,
    dictionary_choice,
    parse_day,
)
from dyad.cli.output import FORMATS, render_table, write_csv, write_jsonl
from dyad.coding.coder import CodedDocument, EventCoder, prepare_for_bulk_coding
from dyad.dictionaries.defaults import load_dictionaries
from dyad.errors import DyadError, InputError
from dyad.io import InputProblem, read_documents
from dyad.io.jsonl import is_jsonl_path
from dyad.record import Document


def register(app: typer.Typer) -> None:
    app.command("code")(code_command)


def code_command(
    files: Annotated[list[str], typer.Argument(help="Text or .jsonl files; '-' reads stdin.")],
    date: Annotated[str | None, typer.Option(
        "--date", help="Document date (YYYY-MM-DD) where the input gives none.")] = None,
    output_format: Annotated[str | None, typer.Option(
        "--format", help="table | jsonl | csv (default: table on a terminal, jsonl when piped).",
        show_default=False)] = None,
    explain: Annotated[bool, typer.Option(
        "--explain", help="Show, per sentence, the actors found and why each predicate was or "
        "was not coded.")] = False,
    actors: ActorsOption = None,
    agents: AgentsOption = None,
    verbs: VerbsOption = None,
    discards: DiscardsOption = None,
    config: ConfigOption = None,
    no_default_dictionaries: NoDefaultsOption = False,
) -> None:
    """Code news text into events.

    Example: dyad code examples/japan-centers.txt --date 2024-07-02
    """
    fmt = output_format or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}",
                                 param_hint="--format")
    day = parse_day(date)
    choice = dictionary_choice(actors, agents, verbs, discards, config, no_default_dictionaries)
    dictionaries = load_dictionaries(actors=choice.actors, agents=choice.agents,
                                     verbs=choice.verbs, discards=choice.discards,
                                     use_defaults=choice.use_defaults)
    coder = EventCoder(dictionaries)
    prepare_for_bulk_coding()
    warnings = Console(stderr=True, highlight=False, soft_wrap=True)
    problems: list[str] = []
    documents = _documents(files, day, problems, warnings)
    out = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 140)
    coded_any = False
    first = True
    progress = Progress(
        TextColumn("coding"),
        SpinnerColumn(),
        TextColumn("{task.completed} documents, {task.fields[events]} events"),
        TimeElapsedColumn(),
        console=warnings,
        transient=True,
        disable=not sys.stderr.isatty() or (len(files) == 1 and not is_jsonl_path(files[0])),
    )
    task = progress.add_task("coding", total=None, events=0)
    with progress:
        for coded in coder.code(documents):
            coded_any = True
            progress.update(task, advance=1, events=progress.tasks[0].fields["events"]
                            + len(coded.events))
            _emit(coded, fmt, explain, first, out, warnings)
            first = False
    sys.stdout.flush()
    if problems and not coded_any:
        raise DyadError(problems[0] if len(problems) == 1
                        else f"{problems[0]} (and {len(problems) - 1} more); nothing was coded")


def _emit(coded: CodedDocument, fmt: str, explain: bool, first: bool, out: Console,
          warnings: Console) -> None:
    """Write one document's events (and explanation) in the chosen format."""
    if explain:
        _explain(coded, out if fmt == "table" else warnings)
    if fmt == "jsonl":
        write_jsonl(coded.events, sys.stdout)
    elif fmt == "csv":
        write_csv(coded.events, sys.stdout, header=first)
    else:
        day = f" ({coded.document.date})" if coded.document.date else ""
        render_table(coded.events, out, title=f"{coded.document.id}{day}")


def _documents(files: list[str], day: object, problems: list[str],
               warnings: Console) -> Iterator[Document]:
    """Documents from all inputs; a bad input is a warning when others remain, else an error."""
    single = len(files) == 1
    for path in files:
        try:
            for item in read_documents([path], default_date=day, stdin=sys.stdin.buffer):  # type: ignore[arg-type]
                if isinstance(item, InputProblem):
                    problems.append(str(item))
                    warnings.print(f"dyad: warning: {escape(str(item))} (skipped)")
                    continue
                yield item
        except InputError as exc:
            if single:
                raise
            problems.append(exc.message)
            warnings.print(f"dyad: warning: {escape(exc.message)} (skipped)")


def _explain(coded: CodedDocument, out: Console) -> None:
    out.print(f"[bold]{escape(coded.document.id)}[/bold]")
    for sentence in coded.sentences:
        out.print(f"[cyan]#{sentence.sentence_id}[/cyan] {escape(sentence.text)}")
        if sentence.discarded:
            out.print(f"   discarded: {escape(sentence.discarded)}")
            continue
        out.print("   actors: " + (escape(", ".join(sentence.actors)) or "none"))
        for line in sentence.predicates:
            out.print(f"   - {escape(line)}")
