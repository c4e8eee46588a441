"""`dyad ingest`, `events`, `show`, `timeline`, `export`: the event store's commands."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from typing import Annotated, Any, Protocol

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

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
from dyad.cli.output import plain
from dyad.errors import DyadError
from dyad.io.jsonl import InputProblem
from dyad.io.text import MAX_DOCUMENT_BYTES
from dyad.names import actor_name
from dyad.store.backend import DEFAULT_DB, open_backend
from dyad.store.export import FORMATS as EXPORT_FORMATS
from dyad.store.export import write_knowledge, write_parquet, write_text
from dyad.store.handle import open_store
from dyad.store.ingest import (
    IngestListener,
    IngestOptions,
    IngestReport,
    failed_documents,
    ingest,
)
from dyad.store.named import with_names
from dyad.store.query import EventFilter, event_detail, parse_condition
from dyad.store.timeline import PERIODS, TIMELINE_COLUMNS, TimelineRow, plot_timeline, timeline
from dyad.store.workers import CoderSpec

LISTING_FORMATS = ("table", "jsonl", "csv")
#: Exit status of `dyad ingest` when some documents failed (the others were stored), as for
#: `dyad code`; 2 is bad input or usage.
EXIT_SOME_FAILED = 3

DbOption = Annotated[str, typer.Option(
    "--db", envvar="DYAD_DB", help="DuckDB file or postgresql:// URL (or set DYAD_DB).")]
FormatOption = Annotated[str | None, typer.Option(
    "--format", help="table | jsonl | csv (default: table on a terminal, jsonl when piped).",
    show_default=False)]
ActorFilter = Annotated[str, typer.Option(
    "--actor", help="Source or target code starts with this (RUS matches RUSGOV).")]
DyadFilter = Annotated[str, typer.Option(
    "--dyad", help="SOURCE:TARGET code prefixes, e.g. RUS:JPN.")]
RootFilter = Annotated[str, typer.Option("--root", help="CAMEO root code, e.g. 16.")]
CodeFilter = Annotated[str, typer.Option("--code", help="CAMEO code prefix, e.g. 163.")]
SinceFilter = Annotated[str | None, typer.Option(
    "--since", help="Events on or after this day (YYYY-MM-DD).", show_default=False)]
UntilFilter = Annotated[str | None, typer.Option(
    "--until", help="Events on or before this day (YYYY-MM-DD).", show_default=False)]
WordsFilter = Annotated[str, typer.Option(
    "--q", help="Words that must all be found in the sentences of the event's mentions: each "
    "starts a word there, case aside ('sanction' finds 'Sanctions'; 'anction' finds nothing).")]
WhereFilter = Annotated[list[str] | None, typer.Option(
    "--where", help="COLUMN OP VALUE (OP: = != < <= > >= ~), e.g. 'quad_class=4'; repeatable.",
    show_default=False)]


def register(app: typer.Typer) -> None:
    """Add the store's commands to the app."""
    app.command("ingest")(ingest_command)
    from dyad.cli.events import events_command

    app.command("events")(events_command)
    app.command("show")(show_command)
    app.command("timeline")(timeline_command)
    app.command("export")(export_command)


def _format(value: str | None, allowed: Sequence[str] = LISTING_FORMATS) -> str:
    fmt = value or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt not in allowed:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(allowed)}",
                                 param_hint="--format")
    return fmt


def _console() -> Console:
    """Standard output: as wide as the terminal, or 160 columns when piped."""
    return Console(highlight=False, width=None if sys.stdout.isatty() else 160)


def _err() -> Console:
    """Standard error, for warnings and notes: long lines are not wrapped."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _filter(actor: str, dyad: str, root: str, code: str, since: str | None, until: str | None,
            words: str, where: list[str] | None) -> EventFilter:
    return EventFilter(actor=actor, dyad=dyad, root=root, code=code, since=parse_day(since),
                       until=parse_day(until), words=words,
                       where=tuple(parse_condition(w) for w in where or ()))


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:5.1f} docs/s" if speed else "  … docs/s", style="cyan")


class _Listener(IngestListener):
    def __init__(self, mode: str, err: Console) -> None:
        self.err = err
        self.mode = mode
        self.bar = Progress(
            TextColumn("[bold]ingest"), BarColumn(), TextColumn("{task.completed:,.0f} docs"),
            TextColumn("{task.fields[events]:,} events"), _RateColumn(), TimeElapsedColumn(),
            TextColumn("ETA"), TimeRemainingColumn(), console=err, disable=mode != "bar",
            transient=False)
        self.task = self.bar.add_task("ingest", total=None, events=0)

    def problem(self, problem: InputProblem) -> None:
        self.bar.console.print(f"dyad: warning: {escape(str(problem))} (skipped)")

    def warning(self, message: str) -> None:
        self.bar.console.print(f"dyad: warning: {escape(message)}")

    def progress(self, report: IngestReport) -> None:
        total = max(report.estimate, report.done) or None
        self.bar.update(self.task, completed=report.done, total=total, events=report.mentions)

    def committed(self, report: IngestReport) -> None:
        if self.mode == "plain":
            self.err.print(f"dyad: committed {report.stored:,} documents "
                           f"({report.mentions:,} event mentions)")


def ingest_command(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Files or folders: text, .jsonl, .html, .rss/.atom/.xml; '-' reads stdin.",
        show_default=False)] = None,
    db: DbOption = DEFAULT_DB,
    from_parquet: Annotated[str | None, typer.Option(
        "--from-parquet", metavar="DIR", help="Load the output of `dyad spark code` instead.",
        show_default=False)] = None,
    date: Annotated[str | None, typer.Option(
        "--date", help="Document date (YYYY-MM-DD) where the input gives none.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Coding processes.")] = 1,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, help="Skip documents larger than this.")] = MAX_DOCUMENT_BYTES,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", min=1, help="Documents per transaction.")] = 200,
    progress: Annotated[str, typer.Option(
        "--progress", help="auto | bar | plain (a line per commit) | none.")] = "auto",
    failures: Annotated[bool, typer.Option(
        "--failures", help="List the documents recorded as failed (id, origin, runs failed, "
        "last time, reason) instead of ingesting.")] = False,
    to: Annotated[str | None, typer.Option(
        "--to", metavar="URL", help="Send the documents to a running `dyad serve "
        "--allow-writes` (e.g. http://127.0.0.1:8000), which codes and stores them: the way "
        "to add news to a DuckDB store while it is served.", show_default=False)] = None,
    token: Annotated[str | None, typer.Option(
        "--token", envvar="DYAD_TOKEN", help="The server's token, for --to (or set "
        "DYAD_TOKEN).", show_default=False)] = None,
    actors: ActorsOption = None,
    agents: AgentsOption = None,
    verbs: VerbsOption = None,
    discards: DiscardsOption = None,
    config: ConfigOption = None,
    no_default_dictionaries: NoDefaultsOption = False,
) -> None:
    """Code every new document under PATHS and store documents, sentences, events and mentions.

    Re-running adds nothing; an interrupted ingest finishes on the next run. A document that
    cannot be coded (the coder raised, or its coding process died) or stored is recorded as
    failed with the reason and the run goes on; every run tries failed documents again.

    With --to URL the documents go to a running `dyad serve --allow-writes` instead, which
    codes and stores them (a served DuckDB file takes no other writer).

    Example: dyad ingest news/ feeds/world.rss --db news.duckdb --workers 2
    """
    if failures:
        _list_failures(db)
        return
    if to is not None:
        from dyad.cli.remote import ingest_remote

        ingest_remote(paths or [], to, token, parse_day(date), max_bytes)
        return
    if from_parquet is not None or not paths:
        from dyad.cli.spark import ingest_parquet

        ingest_parquet(paths or [], from_parquet, db, batch_size)
        return
    if progress not in ("auto", "bar", "plain", "none"):
        raise typer.BadParameter(f"{progress!r} is not one of auto, bar, plain, none",
                                 param_hint="--progress")
    mode = ("bar" if sys.stderr.isatty() else "none") if progress == "auto" else progress
    choice = dictionary_choice(actors, agents, verbs, discards, config, no_default_dictionaries)
    spec = CoderSpec(tuple(choice.actors), tuple(choice.agents), tuple(choice.verbs),
                     tuple(choice.discards), choice.use_defaults)
    options = IngestOptions(default_date=parse_day(date), max_bytes=max_bytes, workers=workers,
                            batch_size=batch_size, spec=spec)
    err = _err()
    listener = _Listener(mode, err)
    backend = open_backend(db, create=True)
    try:
        with listener.bar:
            report = ingest(backend, paths, options, listener=listener)
    finally:
        backend.close()
    print_ingest_report(backend.location, report)


class IngestOutcome(Protocol):
    """What an ingest report says, local (`IngestReport`) or sent to a server."""

    @property
    def read(self) -> int: ...
    @property
    def failed(self) -> Sequence[object]: ...
    @property
    def problems(self) -> Sequence[object]: ...
    def summary(self) -> list[str]: ...


def print_ingest_report(where: str, report: IngestOutcome) -> None:
    """Print an ingest's report; no document read is an error, one that failed exit 3."""
    out = Console(highlight=False, soft_wrap=True)
    out.print(f"[bold]ingest report[/bold] ({escape(where)})")
    for line in report.summary():
        out.print(escape(line))
    if report.read == 0 and report.problems:
        raise DyadError("no document could be read", hint="see the warnings above")
    if report.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def _list_failures(db: str) -> None:
    """Print the documents an ingest recorded as failed, one per line, tab-separated."""
    with open_store(db) as store:
        rows = failed_documents(store.backend)
    for doc_id, _, origin, reason, attempts, failed_at in rows:
        sys.stdout.write("\t".join(" ".join(str(v).split()) for v in (
            doc_id, origin, attempts, failed_at, reason)) + "\n")
    _err().print(f"dyad: {len(rows):,} failed document{'s' if len(rows) != 1 else ''}")


def _write_rows(rows: list[dict[str, Any]], columns: Sequence[str], fmt: str) -> None:
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps({c: row[c] for c in columns}, ensure_ascii=False) + "\n")
        return
    writer = csv.writer(sys.stdout)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([json.dumps(row[c]) if c in ("spans", "location") and row[c] else row[c]
                         for c in columns])


_HIGHLIGHT = {"source": "bold cyan", "target": "bold magenta", "trigger": "bold yellow",
              "date": "underline"}


def _highlighted(mention: dict[str, Any]) -> Text:
    sentence = mention["sentence"]
    text = Text(sentence)
    start = int(mention["sentence_start"])
    for name, style in _HIGHLIGHT.items():
        span = (mention["spans"] or {}).get(name)
        if span:
            a, b = span[0] - start, span[1] - start
            if 0 <= a < b <= len(sentence):
                text.stylize(style, a, b)
    return text


def show_command(
    event_id: Annotated[str, typer.Argument(help="An event id from `dyad events`.")],
    db: DbOption = DEFAULT_DB,
    output_format: Annotated[str, typer.Option("--format", help="table | jsonl.")] = "table",
) -> None:
    """Print an event and every mention of it: document, sentence, highlighted words.

    Example: dyad show 5520f2c1ee6734c7
    """
    fmt = _format(output_format, ("table", "jsonl"))
    with open_store(db) as store:
        detail = event_detail(store.backend, event_id)
    if fmt == "jsonl":
        sys.stdout.write(json.dumps({**detail.event, "mentions": detail.mentions},
                                    ensure_ascii=False, default=str) + "\n")
        return
    e = detail.event
    console = _console()
    when = e["date"] + (f" … {e['last_date']}" if e["last_date"] != e["date"] else "")
    console.print(f"[bold]{e['event_id']}[/bold]  {escape(e['source'] or '?')} → "
                  f"{escape(e['target'] or '-')}  {e['code']} {escape(e['plover'])}  "
                  f"goldstein {e['goldstein']}  quad {e['quad_class']}  {when or 'undated'}")
    named = with_names(e)
    console.print(plain(f"{named['source_name'] or 'unknown'} → "
                        f"{named['target_name'] or 'no target'}: {named['code_name']}"))
    console.print(f"{e['num_mentions']} mentions, {e['num_sources']} sources, "
                  f"{e['num_articles']} articles")
    for m in detail.mentions:
        head = f"{m['doc_id']} #{m['sentence_id']}"
        extra = " · ".join(x for x in (m["title"], m["news_source"], m["url"], m["date"]) if x)
        console.print(f"\n[bold]{escape(head)}[/bold]  {escape(extra)}")
        console.print(Text("  ").append(_highlighted(m)))
        notes = [f"{k} {m[k]!r}" for k in ("mode", "attribution", "date_text") if m[k]]
        if notes:
            console.print("  " + escape(", ".join(notes)))


def timeline_command(
    first: Annotated[str, typer.Argument(help="One actor code (prefix), e.g. RUS.")],
    second: Annotated[str, typer.Argument(help="The other actor code (prefix), e.g. JPN.")],
    db: DbOption = DEFAULT_DB,
    by: Annotated[str, typer.Option("--by", help="day | week | month | year.")] = "month",
    since: SinceFilter = None, until: UntilFilter = None,
    plot: Annotated[str | None, typer.Option(
        "--plot", help="Also draw it to FILE.png or FILE.svg.", show_default=False)] = None,
    all_periods: Annotated[bool, typer.Option(
        "--all-periods", help="Also list the periods without events (zeros), from the first "
        "period with events to the last.")] = False,
    root: RootFilter = "", q: WordsFilter = "",
    output_format: FormatOption = None,
) -> None:
    """Events per QuadClass and summed Goldstein score per period, both directions; only the
    periods with events unless --all-periods.

    Example: dyad timeline RUS JPN --by week --root 16 --plot rus-jpn.png
    """
    fmt = _format(output_format)
    if by not in PERIODS:
        raise typer.BadParameter(f"{by!r} is not one of {', '.join(PERIODS)}", param_hint="--by")
    if plot is not None and not plot.lower().endswith((".png", ".svg")):
        raise typer.BadParameter("the plot file must end in .png or .svg", param_hint="--plot")
    with open_store(db) as store:
        narrow = EventFilter(root=root, words=q)
        rows = timeline(store.backend, first, second, by=by, since=parse_day(since),
                        until=parse_day(until), narrow=narrow, fill=all_periods)
        drawn = rows if all_periods else timeline(
            store.backend, first, second, by=by, since=parse_day(since),
            until=parse_day(until), narrow=narrow)
    if plot is not None:
        plot_timeline(drawn, plot, title=f"{first.upper()} – {second.upper()} by {by}")
        _err().print(f"dyad: wrote {escape(plot)}")
    if fmt != "table":
        _write_rows([r.to_dict() for r in rows], TIMELINE_COLUMNS, fmt)
        return
    _timeline_table(rows, first.upper(), second.upper())


def _timeline_table(rows: list[TimelineRow], a: str, b: str) -> None:
    table = Table(show_lines=False)
    table.add_column("period", no_wrap=True)
    for source, target in ((a, b), (b, a)):
        for name in ("events", "q1", "q2", "q3", "q4", "goldstein"):
            label = f"{source}→{target}\n{name}" if name == "events" else name
            table.add_column(label, justify="right", no_wrap=True)
    periods: dict[str, dict[tuple[str, str], list[str]]] = {}
    for r in rows:
        periods.setdefault(r.period.isoformat(), {})[(r.source, r.target)] = [
            str(v) for v in (r.events, r.quad1, r.quad2, r.quad3, r.quad4, f"{r.goldstein:.1f}")]
    empty = ["0", "0", "0", "0", "0", "0.0"]
    for period, cells in periods.items():
        table.add_row(period, *cells.get((a, b), empty), *cells.get((b, a), empty))
    console = _console()
    console.print(plain(f"{a} {actor_name(a)} – {b} {actor_name(b)}"))
    console.print(table)
    if not rows:
        console.print(f"no dated events between {escape(a)} and {escape(b)}")


def export_command(
    out: Annotated[str, typer.Argument(help="Output file ('-' for stdout, not for parquet).")],
    db: DbOption = DEFAULT_DB,
    output_format: Annotated[str, typer.Option(
        "--format", help="csv | parquet | jsonl | gdelt (GDELT 2.0 event table, tab-separated).")
    ] = "csv",
    header: Annotated[bool | None, typer.Option(
        "--header/--no-header", help="Column names first (default: yes, but not for gdelt).",
        show_default=False)] = None,
    actor: ActorFilter = "", dyad: DyadFilter = "", root: RootFilter = "",
    code: CodeFilter = "", since: SinceFilter = None, until: UntilFilter = None,
    q: WordsFilter = "", where: WhereFilter = None,
    knowledge: Annotated[str | None, typer.Option(
        "--knowledge", help="Also write every stored agreement, institution and claim (the "
        "event filters do not apply) to this file as JSON Lines: each record with its \"type\", "
        "its evidence and its status or standing as derived now.", show_default=False)] = None,
) -> None:
    """Write stored events to a file (and, with --knowledge, the agreements, institutions and
    claims to another).

    Example: dyad export --format jsonl events.jsonl --knowledge events.knowledge.jsonl
    """
    if output_format not in EXPORT_FORMATS:
        raise typer.BadParameter(f"{output_format!r} is not one of {', '.join(EXPORT_FORMATS)}",
                                 param_hint="--format")
    if output_format == "parquet" and out == "-":
        raise typer.BadParameter("parquet needs a file, not stdout", param_hint="OUT")
    if knowledge is not None and knowledge == out:
        raise typer.BadParameter("the knowledge needs a file of its own, not OUT",
                                 param_hint="--knowledge")
    criteria = _filter(actor, dyad, root, code, since, until, q, where)
    with open_store(db) as store, ExitStack() as stack:
        if output_format == "parquet":
            count = write_parquet(store.backend, criteria, out)
        else:
            stream = sys.stdout if out == "-" else stack.enter_context(
                open(out, "w", encoding="utf-8", newline=""))
            count = write_text(store.backend, criteria, stream, output_format, header=header)
        if knowledge is not None:
            target = sys.stdout if knowledge == "-" else stack.enter_context(
                open(knowledge, "w", encoding="utf-8", newline=""))
            records = write_knowledge(store.knowledge(), target)
    _err().print(
        f"dyad: wrote {count:,} event{'s' if count != 1 else ''} to {escape(out)}")
    if knowledge is not None:
        _err().print(f"dyad: wrote {records:,} agreements, institutions and claims to "
                     f"{escape(knowledge)}")
