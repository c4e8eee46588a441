"""`dyad spark code` and `dyad spark merge`: the coder and the merge on Apache Spark.

PySpark is imported only when one of these commands runs, so the rest of dyad works without it.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

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
from dyad.errors import DyadError
from dyad.io.text import MAX_DOCUMENT_BYTES

app = typer.Typer(
    name="spark",
    help="Run the coder and the event merge on Apache Spark (needs the spark extra and "
    "Java 17).\n\nExample: dyad spark code news.jsonl out/ --master local[2]",
    no_args_is_help=True,
)

MasterOption = Annotated[str | None, typer.Option(
    "--master", help="Spark master URL: local[N], spark://host:7077, yarn, k8s://… "
    "(default: spark-submit's, else local[*]).", show_default=False)]
PartitionsOption = Annotated[int | None, typer.Option(
    "--partitions", min=1, help="Tasks to code or merge in (default: 4 per core).",
    show_default=False)]


def _spark_errors() -> tuple[type[BaseException], ...]:
    """The exceptions a failed Spark job raises in the driver."""
    from py4j.protocol import Py4JError  # type: ignore[import-untyped]
    from pyspark.errors import PySparkException

    return (PySparkException, Py4JError)


def _failed(exc: BaseException) -> DyadError:
    first = " ".join(str(exc).strip().split("\n", 1)[0].split()) or type(exc).__name__
    return DyadError(f"the Spark job failed: {first}",
                     hint="Spark's log above says more; the output folder was not completed")


@app.command("code")
def code_command(
    source: Annotated[str, typer.Argument(
        metavar="INPUT", help="JSONL file, folder or glob (local or any URI Spark reads; "
        ".gz/.bz2 too).")],
    output: Annotated[str, typer.Argument(
        metavar="OUTPUT", help="Folder for mentions/, documents/ and errors/ (replaced).")],
    master: MasterOption = None,
    partitions: PartitionsOption = None,
    date: Annotated[str | None, typer.Option(
        "--date", help="Document date (YYYY-MM-DD) where the input gives none.")] = None,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, help="Skip lines larger than this.")] = MAX_DOCUMENT_BYTES,
    actors: ActorsOption = None,
    agents: AgentsOption = None,
    verbs: VerbsOption = None,
    discards: DiscardsOption = None,
    config: ConfigOption = None,
    no_default_dictionaries: NoDefaultsOption = False,
) -> None:
    """Code JSONL documents on Spark and write events as Parquet partitioned by date.

    Writes OUTPUT/mentions/ (the event record's fields, date=YYYY-MM-DD/ folders),
    OUTPUT/documents/ (documents with their sentences) and OUTPUT/errors/ (lines or documents
    that could not be coded, with the reason). Re-running replaces OUTPUT.

    Example: dyad spark code news.jsonl out/ --master local[2]
    """
    from dyad.spark.lines import LineOptions
    from dyad.spark.session import spark_session
    from dyad.store.workers import CoderSpec

    choice = dictionary_choice(actors, agents, verbs, discards, config, no_default_dictionaries)
    spec = CoderSpec(tuple(p.resolve() for p in choice.actors),
                     tuple(p.resolve() for p in choice.agents),
                     tuple(p.resolve() for p in choice.verbs),
                     tuple(p.resolve() for p in choice.discards), choice.use_defaults)
    spec.build()  # a bad dictionary fails here, once, not in every task
    lines = LineOptions(default_date=parse_day(date), max_bytes=max_bytes)
    with spark_session(master, app_name="dyad spark code") as spark:
        from dyad.spark.job import CodeOptions, run_code

        try:
            report = run_code(spark, [source], output, CodeOptions(partitions, lines, spec))
        except _spark_errors() as exc:
            raise _failed(exc) from None
    out = Console(highlight=False, soft_wrap=True)
    out.print(f"[bold]spark code report[/bold] ({report.partitions} partitions)")
    for line in report.summary():
        out.print(escape(line))


@app.command("merge")
def merge_command(
    events: Annotated[str, typer.Argument(
        metavar="EVENTS", help="Output folder of `dyad spark code` (or its mentions/).")],
    output: Annotated[str, typer.Argument(
        metavar="OUTPUT", help="Folder for the merged events' Parquet (replaced).")],
    master: MasterOption = None,
    partitions: PartitionsOption = None,
) -> None:
    """Merge mentions into events exactly as the event store does (same rule, same ids).

    Repeated reports (same source, target and code within ±1 day) become one event with
    num_mentions, num_sources and num_articles; the columns are the store's events table.

    Example: dyad spark merge out/ events/ --master local[2]
    """
    from dyad.spark.session import spark_session

    with spark_session(master, app_name="dyad spark merge") as spark:
        from dyad.spark.merge import run_merge

        try:
            count = run_merge(spark, events, output, partitions=partitions)
        except _spark_errors() as exc:
            raise _failed(exc) from None
    Console(highlight=False, soft_wrap=True).print(
        f"wrote {count:,} event{'s' if count != 1 else ''} to {escape(output)}")


def ingest_parquet(paths: list[str], folder: str | None, db: str, batch_size: int) -> None:
    """`dyad ingest --from-parquet DIR`: load a `dyad spark code` output into a store."""
    from dyad.store.backend import open_backend
    from dyad.store.parquet_import import import_parquet

    if folder is None:
        raise typer.BadParameter("give files or folders to ingest, or --from-parquet DIR",
                                 param_hint="PATHS")
    if paths:
        raise typer.BadParameter("give either PATHS or --from-parquet DIR, not both",
                                 param_hint="--from-parquet")
    backend = open_backend(db, create=True)
    try:
        report = import_parquet(backend, folder, batch_size=batch_size)
    finally:
        backend.close()
    out = Console(highlight=False, soft_wrap=True)
    out.print(f"[bold]ingest report[/bold] ({escape(backend.location)}, from {escape(folder)})")
    for line in report.summary():
        out.print(escape(line))
