"""Render event records as a Rich table, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO

from rich.console import Console
from rich.markup import escape
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
    """A readable table: sentence, date, source → target, code, PLOVER, trigger, mode."""
    table = Table(title=title or None, show_lines=False, expand=False)
    table.add_column("#", justify="right", no_wrap=True, min_width=2)
    table.add_column("date", no_wrap=True, min_width=10)
    table.add_column("source", no_wrap=True, min_width=6)
    table.add_column("target", no_wrap=True, min_width=6)
    table.add_column("code", no_wrap=True, min_width=4)
    table.add_column("plover", no_wrap=True, min_width=8)
    table.add_column("trigger", no_wrap=True, overflow="ellipsis", min_width=8, max_width=12)
    table.add_column("mode", no_wrap=True, overflow="ellipsis", max_width=11)
    table.add_column("words", overflow="ellipsis", no_wrap=True)
    for e in events:
        table.add_row(
            str(e.sentence_id),
            e.date,
            e.source or "?",
            e.target or "-",
            e.code,
            e.plover,
            e.trigger,
            e.mode,
            escape(_short(f"{e.source_text} → {e.target_text}", 48)),
        )
    console.print(table)
    console.print(f"{len(events)} event{'s' if len(events) != 1 else ''}")


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
