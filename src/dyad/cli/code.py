"""`dyad code`: code text files, JSONL files or stdin and print events."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from dyad.cli.options import (
    ActorsOption,
    AgentsOption,
    ConfigOption,
    DiscardsOption,
    NoDefaultsOption,
    VerbsOption,
    dictionary_choice,
    load_chosen,
    parse_day,
)
from dyad.cli.output import FORMATS, plain, render_table, visible, write_csv, write_jsonl
from dyad.coding.coder import CodedDocument, EventCoder, FailedDocument, prepare_for_bulk_coding
from dyad.errors import DyadError, InputError
from dyad.io import InputProblem, read_documents
from dyad.io.jsonl import is_jsonl_path
from dyad.record import Document

#: The notice for a document with no date given and none written in its dateline.
UNDATED = ("no date given or written in its dateline; relative dates are left unresolved "
           "(give --date or a 'date' field)")
#: Exit status when some documents could not be coded (the others were): 2 is bad input or
#: usage, as for every command.
EXIT_SOME_FAILED = 3
#: Documents read and parsed together (spaCy batches their paragraphs).
BATCH = 128


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
    speaker: Annotated[str | None, typer.Option(
        "--speaker", help="Who 'we' and 'I' are where the input does not say: an actor code "
        "(JPNGOV) or a name (\"Ministry of Foreign Affairs of Japan\").")] = None,
    actors: ActorsOption = None,
    agents: AgentsOption = None,
    verbs: VerbsOption = None,
    discards: DiscardsOption = None,
    config: ConfigOption = None,
    no_default_dictionaries: NoDefaultsOption = False,
) -> None:
    """Code news text into events.

    A document the coder fails on gets a warning and the others are still coded; the exit
    status is then 3.

    Example: dyad code examples/japan-centers.txt --date 2024-07-02
    """
    fmt = output_format or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}",
                                 param_hint="--format")
    day = parse_day(date)
    choice = dictionary_choice(actors, agents, verbs, discards, config, no_default_dictionaries)
    coder = EventCoder(load_chosen(choice))
    prepare_for_bulk_coding()
    warnings = Console(stderr=True, highlight=False, soft_wrap=True)
    problems: list[str] = []
    documents = _documents(files, day, problems, warnings)
    if speaker and speaker.strip():
        documents = (d if d.speaker else replace(d, speaker=speaker.strip()) for d in documents)
    out = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 140)
    coded = failed = 0
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
        for result in coder.code_each(documents, batch_size=BATCH):
            if isinstance(result, FailedDocument):
                failed += 1
                document = result.document
                _warn(warnings, f"{document.origin or '<input>'}: document {document.id}: "
                                f"could not be coded: {result.reason}")
                progress.update(task, advance=1)
                continue
            if result.document.date is None:
                document = result.document
                _warn(warnings, f"{document.origin or '<input>'}: document {document.id}: "
                                f"{UNDATED}")
            _emit(result, fmt, explain, coded == 0, out, warnings)
            sys.stdout.flush()  # what is written stays whole, whatever happens next
            coded += 1
            progress.update(task, advance=1, events=progress.tasks[0].fields["events"]
                            + len(result.events))
    if failed:
        _warn(warnings, f"{failed} document{'s' if failed != 1 else ''} could not be coded"
                        + (f", {coded} {'were' if coded != 1 else 'was'}" if coded
                           else "; nothing was coded"), kind="error")
        raise typer.Exit(EXIT_SOME_FAILED)
    if problems and not coded:
        raise DyadError(problems[0] if len(problems) == 1
                        else f"{problems[0]} (and {len(problems) - 1} more); nothing was coded")


def _warn(console: Console, message: str, *, kind: str = "warning") -> None:
    """One line `dyad: warning: message` (or `error`), its control characters made visible."""
    console.print(f"dyad: {kind}: {visible(message)}", markup=False, emoji=False)


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
                    _warn(warnings, f"{item} (skipped)")
                    continue
                yield item
        except InputError as exc:
            if single:
                raise
            problems.append(exc.message)
            _warn(warnings, f"{exc.message} (skipped)")


def _explain(coded: CodedDocument, out: Console) -> None:
    """Per sentence: its text, the actors found and each predicate's outcome. Everything from
    the document is printed as plain text (never read as Rich markup), control characters
    made visible."""
    out.print(plain(coded.document.id, "bold"))
    for sentence in coded.sentences:
        out.print(Text.assemble((f"#{sentence.sentence_id}", "cyan"), " ", plain(sentence.text)))
        if sentence.discarded:
            out.print(Text.assemble("   discarded: ", plain(sentence.discarded)))
            continue
        out.print(Text.assemble("   actors: ", plain(", ".join(sentence.actors) or "none")))
        for line in sentence.predicates:
            out.print(Text.assemble("   - ", plain(line)))
