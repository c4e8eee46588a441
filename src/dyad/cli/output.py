"""Render event records as a Rich table, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO

from rich.console import Console
from rich.table import Table

from dyad.record import EVENT_FIELDS, EventRecord

FORMATS = ("table", "jsonl", "csv")


def write_jsonl(events: Iterable[EventRecord], out: IO[str]) -> None:
    """One JSON object per event, with exactly the event record's fields."""
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")


def write_csv(events: Iterable[EventRecord], out: IO[str], *, header: bool = True) -> None:
    """CSV with the event record's fields; `spans` is written as JSON."""
    writer = csv.writer(out)
    if header:
        writer.writerow(EVENT_FIELDS)
    for event in events:
        row = event.to_dict()
        row["spans"] = json.dumps(row["spans"])
        writer.writerow([row[name] for name in EVENT_FIELDS])


def render_table(events: list[EventRecord], console: Console, *, title: str = "") -> None:
    """A readable table: date, source → target, code, PLOVER, trigger, mode, attribution."""
    table = Table(title=title or None, show_lines=False, expand=False)
    for name in ("date", "source", "target", "code", "plover", "Goldstein", "trigger", "mode",
                 "sentence"):
        table.add_column(name, overflow="fold")
    for e in events:
        table.add_row(
            e.date,
            f"{e.source or '?'} [dim]{e.source_text}[/dim]",
            f"{e.target or '-'} [dim]{e.target_text}[/dim]",
            e.code,
            e.plover,
            f"{e.goldstein:+.1f}",
            e.trigger,
            e.mode,
            _short(e.sentence),
        )
    console.print(table)
    console.print(f"{len(events)} event{'s' if len(events) != 1 else ''}")


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
