"""Render event records as a Rich table, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dyad.record import EVENT_FIELDS, EventRecord

FORMATS = ("table", "jsonl", "csv")

#: Characters that a terminal may act on instead of showing: C0 controls but tab and newline
#: (ESC starts colour, title and cursor sequences; CR and backspace overwrite), DEL, C1
#: controls (CSI, OSC), and the bidirectional overrides and isolates that reorder a line.
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`text` with every character a terminal could act on written as a Python escape
    (ESC as \\x1b), so that text from documents can never move the cursor, change colours or
    the window title."""
    return _UNSHOWABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def plain(text: str, style: str = "") -> Text:
    """Text from a document or a user, for Rich: shown as it is (never read as markup or
    emoji codes), its control characters made visible."""
    return Text(visible(text), style=style)


#: Characters JSON leaves as they are that a terminal may act on (DEL, C1 controls) or that
#: end a line for some readers (U+2028, U+2029); `write_jsonl` writes them as \\u escapes.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029]")


def write_jsonl(events: Iterable[EventRecord], out: IO[str]) -> None:
    """One JSON object per event, with exactly the event record's fields (UTF-8, but for the
    characters a terminal would act on, which are escaped: the values are the same)."""
    for event in events:
        line = json.dumps(event.to_dict(), ensure_ascii=False)
        out.write(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line) + "\n")


def write_csv(events: Iterable[EventRecord], out: IO[str], *, header: bool = True) -> None:
    """CSV with the event record's fields; `spans` and `location` are written as JSON."""
    writer = csv.writer(out)
    if header:
        writer.writerow(EVENT_FIELDS)
    for event in events:
        row = event.to_dict()
        row["spans"] = json.dumps(row["spans"])
        row["location"] = json.dumps(row["location"]) if row["location"] else ""
        writer.writerow([row[name] for name in EVENT_FIELDS])


def render_table(events: list[EventRecord], console: Console, *, title: str = "") -> None:
    """A readable table: sentence, date, source → target, code, PLOVER, trigger, mode."""
    table = Table(title=plain(title) if title else None, show_lines=False, expand=False)
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
        table.add_row(*(plain(cell) for cell in (
            str(e.sentence_id),
            e.date,
            e.source or "?",
            e.target or "-",
            e.code,
            e.plover,
            e.trigger,
            e.mode,
            _short(f"{e.source_text} → {e.target_text}", 48),
        )))
    console.print(table)
    console.print(f"{len(events)} event{'s' if len(events) != 1 else ''}")


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
