"""`dyad events`: list stored events through the store's one listing path."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Annotated, Any

import typer
from rich.table import Table

from dyad.cli.output import plain
from dyad.cli.store import (
    ActorFilter,
    CodeFilter,
    DbOption,
    DyadFilter,
    FormatOption,
    RootFilter,
    SinceFilter,
    UntilFilter,
    WhereFilter,
    WordsFilter,
    _console,
    _filter,
    _format,
    _write_rows,
)
from dyad.store.backend import DEFAULT_DB
from dyad.store.handle import open_store
from dyad.store.listing import Sort, event_facets, walk_events
from dyad.store.named import NAMED_COLUMNS, named_json
from dyad.store.query import Near

SourceFilter = Annotated[str, typer.Option("--source", help="Source code starts with this.")]
TargetFilter = Annotated[str, typer.Option("--target", help="Target code starts with this.")]
PairFilter = Annotated[str, typer.Option(
    "--pair", help="A:B code prefixes, both directions, e.g. RUS:JPN.")]
PloverFilter = Annotated[str, typer.Option("--plover", help="PLOVER type, e.g. SANCTION.")]
QuadFilter = Annotated[int | None, typer.Option(
    "--quad-class", min=1, max=4, help="QuadClass 1..4 (verbal/material cooperation, "
    "verbal/material conflict).", show_default=False)]
OutletFilter = Annotated[str, typer.Option(
    "--outlet", help="A mention comes from this news outlet (source, or URL host).")]
DocFilter = Annotated[str, typer.Option("--doc", help="A mention is in this document (id).")]
CountryFilter = Annotated[str, typer.Option(
    "--country", help="Where it happened is in this country (three-letter code, e.g. SDN).")]
NearFilter = Annotated[str, typer.Option(
    "--near", help="Where it happened is within KM kilometres of LAT,LON, e.g. "
    "--near 55.75,37.62,50.")]
SortOption = Annotated[str, typer.Option(
    "--sort", help="date, goldstein, mentions, sources, articles, code, source or target; "
    "a leading - sorts descending (e.g. --sort=-mentions).")]


def events_command(
    db: DbOption = DEFAULT_DB, actor: ActorFilter = "", dyad: DyadFilter = "",
    root: RootFilter = "", code: CodeFilter = "", since: SinceFilter = None,
    until: UntilFilter = None, q: WordsFilter = "", where: WhereFilter = None,
    source: SourceFilter = "", target: TargetFilter = "", pair: PairFilter = "",
    plover: PloverFilter = "", quad_class: QuadFilter = None, outlet: OutletFilter = "",
    doc: DocFilter = "", country: CountryFilter = "", near: NearFilter = "",
    sort: SortOption = "date",
    limit: Annotated[int | None, typer.Option(
        "--limit", min=0, help="At most this many (default: 50 in a table, else all; 0: all).",
        show_default=False)] = None,
    output_format: FormatOption = None,
) -> None:
    """List stored events with their best sentence, trigger and attribution, and the names of
    their codes (jsonl and csv: code_name, source_name, target_name).

    Example: dyad events --dyad RUS:JPN --root 16 --since 2024-01-01 --sort=-mentions

    Example: dyad events --country SDN --near 12.05,24.88,300 --root 19
    """
    fmt = _format(output_format)
    criteria = replace(_filter(actor, dyad, root, code, since, until, q, where),
                       source=source, target=target, pair=pair, plover=plover.upper(),
                       quad_class=quad_class, outlet=outlet, document=doc,
                       country=country.strip().upper(),
                       near=Near.parse(near) if near.strip() else None)
    order = Sort.parse(sort)
    cap = (50 if fmt == "table" else 0) if limit is None else limit
    with open_store(db) as store:
        rows = [json.loads(named_json(text)) for text in walk_events(
            store.backend, criteria, sort=order, limit=cap or None)]
        total = (event_facets(store.backend, criteria).total if cap and len(rows) == cap
                 else len(rows))
    if fmt != "table":
        _write_rows(rows, NAMED_COLUMNS, fmt)
        return
    _events_table(rows, total)


def _events_table(rows: list[dict[str, Any]], total: int) -> None:
    """Events as a table: each with its trigger and attribution, so that the events of one
    sentence can be told apart."""
    console = _console()
    table = Table(show_lines=False)
    for name, width in (("event", 16), ("date", 10), ("source", 6), ("target", 6), ("code", 4),
                        ("plover", 8), ("trigger", 8), ("according to", 6),
                        ("m·s·a", 5)):
        table.add_column(name, no_wrap=True, min_width=width, overflow="ellipsis",
                         max_width=18 if name in {"trigger", "according to"} else None,
                         justify="right" if name == "m·s·a" else "left")
    table.add_column("sentence", overflow="ellipsis", no_wrap=True, min_width=20,
                     max_width=max(20, console.width - 118))
    for r in rows:
        table.add_row(*(plain(cell) for cell in (
            r["event_id"], r["date"], r["source"] or "?", r["target"] or "-", r["code"],
            r["plover"], r["trigger"], r["attribution"],
            f"{r['num_mentions']}·{r['num_sources']}·{r['num_articles']}",
            " ".join(r["sentence"].split()))))
    console.print(table)
    more = f" of {total:,}; --limit 0 shows all" if total > len(rows) else ""
    console.print("m·s·a: mentions, sources, articles", style="dim")
    console.print(f"{len(rows):,} event{'s' if len(rows) != 1 else ''}{more}")


