"""`dyad agreements`, `agreement`, `institutions`, `claims`, `status`: the stored knowledge.

Everything shown is read from the store's merged records, only those a command shows (the
lists select them by their look-up keys, then read them a page at a time); statuses and
standings are derived from the dated evidence, which is printed with each step.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dyad.cli.store import DbOption, _console, _format
from dyad.knowledge.lifecycle import (
    AGREEMENT_STATUSES,
    INSTITUTION_STATUSES,
    STANDINGS,
    current_statuses,
)
from dyad.knowledge.model import Agreement, Claim, Evidence, Institution, Party, When
from dyad.knowledge.status import STATUS_LIMIT, describe
from dyad.names import code_and_name
from dyad.store.backend import DEFAULT_DB
from dyad.store.handle import EventStore, open_store
from dyad.store.knowledge import load_records
from dyad.store.knowledge_groups import groups_built
from dyad.store.knowledge_reads import select_ids

FORMATS = ("table", "jsonl")

KnowledgeFormat = Annotated[str | None, typer.Option(
    "--format", help="table | jsonl (default: table on a terminal, jsonl when piped).",
    show_default=False)]
WordsOption = Annotated[str, typer.Option(
    "--q", help="Words that must all occur in the name (or the claim's words).")]
LimitOption = Annotated[int | None, typer.Option(
    "--limit", min=0, help="At most this many records (default: 50 in a table, else all; "
    "0: all).", show_default=False)]

#: Records a table shows unless --limit says otherwise (as `dyad events`).
TABLE_LIMIT = 50
#: Evidence rows a table shows for one record (`dyad agreement ID` shows them all).
TABLE_STEPS = 8

#: Records read from the store at a time.
PAGE = 200

_CITED = re.compile(r"\[([^\[\]#\s]+)#\d+\]")


def register(app: typer.Typer) -> None:
    """Add the knowledge commands to the app."""
    app.command("agreements")(agreements_command)
    app.command("agreement")(agreement_command)
    app.command("institutions")(institutions_command)
    app.command("claims")(claims_command)
    app.command("status")(status_command)


def _choice(value: str, allowed: Sequence[str], option: str) -> str:
    if value and value not in allowed:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(allowed)}",
                                 param_hint=option)
    return value


def _write_jsonl(records: Iterable[dict[str, Any]]) -> None:
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _where(evidence: Evidence) -> str:
    said = f" (per {evidence.attribution})" if evidence.attribution else ""
    return f'"{_one_line(evidence.sentence)}" [{evidence.doc_id}#{evidence.sentence_id}]{said}'


def _parties(parties: Iterable[Party]) -> str:
    """Parties as their words with their code and its name: "Moscow (RUS Russian Federation)"."""
    return ", ".join(f"{p.text} ({code_and_name(p.code)})" if p.code else p.text
                     for p in parties)


def named_codes(codes: Iterable[str], separator: str = "\n") -> str:
    """Actor codes each with its country or actor name ("JPN Japan", "RUS Russian
    Federation"), one a line by default: what the tables show for parties."""
    return separator.join(code_and_name(code) for code in codes if code)


def _actors(parties: Iterable[Party]) -> str:
    """Who did a step: each party's code with its name, or its words when it has no code."""
    return "\n".join(code_and_name(p.code) if p.code else p.text for p in parties)


def _date(when: When) -> str:
    shown = when.shown or "undated"
    return shown + (" (inferred)" if when.source == "inferred" else "")


def _print_documents(console: Console, store: EventStore, texts: Iterable[str]) -> None:
    """After the evidence, the documents it cites: id, where it came from, title, date."""
    cited = dict.fromkeys(m for text in texts for m in _CITED.findall(text))
    if not cited:
        return
    known = store.documents(cited)
    console.print("\n[bold]documents[/bold]")
    for doc_id in cited:
        info = known.get(doc_id)
        if info is None:
            continue
        parts = [info["origin"] or info["url"], info["title"],
                 str(info["date"]) if info["date"] else "undated"]
        console.print(f"  {escape(doc_id)}  " + escape("  ".join(p for p in parts if p)))


def _table(columns: Sequence[tuple[str, int]]) -> Table:
    """A table of columns at most so wide, then the evidence, which takes the width left."""
    table = Table(show_lines=False)
    for name, width in columns:
        table.add_column(name, max_width=width, overflow="fold")
    table.add_column("evidence", min_width=30, overflow="fold")
    return table


#: Said once per command when a store of an older dyad merges its knowledge on every read.
MERGED_ON_LOAD_NOTE = ("note: this store was made by an older dyad and does not keep its "
                       "knowledge merged: every read merges all its records (slow on a large "
                       "store); the next `dyad ingest` into it merges them once and keeps them")


def _open(db: str) -> EventStore:
    """The store, after a note on stderr if it merges its knowledge on every read."""
    store = open_store(db)
    if not groups_built(store.backend):
        sys.stderr.write(MERGED_ON_LOAD_NOTE + "\n")
    return store


def _count(console: Console, rows: int, noun: str, shown: int | None = None) -> None:
    first = (f" (the first {shown:,} shown; --limit 0 shows all)"
             if shown is not None and shown < rows else "")
    console.print(f"{rows:,} {noun}{'s' if rows != 1 else ''}{first}")


def _shown(ids: list[str], limit: int | None, fmt: str) -> list[str]:
    """The ids a listing shows: --limit, else the first `TABLE_LIMIT` in a table and all of
    them otherwise (0: all)."""
    cap = (TABLE_LIMIT if fmt == "table" else 0) if limit is None else limit
    return ids[:cap] if cap else ids


def _evidence_rows(rows: Sequence[list[str]], item_id: str) -> list[list[str]]:
    """At most `TABLE_STEPS` evidence rows of one record, then a row saying how many more
    there are and which command shows them."""
    if len(rows) <= TABLE_STEPS:
        return list(rows)
    more = len(rows) - TABLE_STEPS + 1
    width = len(rows[0])
    return [*rows[: TABLE_STEPS - 1],
            [*[""] * (width - 1), f"… {more:,} more: dyad agreement {item_id}"]]


def _selected(store: EventStore, kind_of: str, ids: Sequence[str]) -> Iterator[Any]:
    """The records of these ids, in that order, read a page at a time."""
    for start in range(0, len(ids), PAGE):
        yield from load_records(store.backend, kind_of, ids[start : start + PAGE])


def agreements_command(
    db: DbOption = DEFAULT_DB,
    party: Annotated[str, typer.Option(
        "--party", help="A party's actor code starts with this (RUS matches RUSGOV).")] = "",
    status: Annotated[str, typer.Option(
        "--status", help="signed | ratified | in_force | suspended | withdrawn | terminated | "
        "unknown: the current status, or another outcome of the same day (an agreement "
        "suspended and terminated on one day is listed under both).")] = "",
    q: WordsOption = "",
    limit: LimitOption = None,
    output_format: KnowledgeFormat = None,
) -> None:
    """List the agreements the stored news describes, each step with its evidence sentence.

    Status is derived from the dated steps (signed, ratified, suspended, terminated…) of all
    documents; modal steps (denied, planned, hedged…) are shown but not counted.

    Example: dyad agreements --party RUS --status suspended --db news.duckdb
    """
    fmt = _format(output_format, FORMATS)
    _choice(status, AGREEMENT_STATUSES, "--status")
    with _open(db) as store:
        ids = select_ids(store.backend, "agreement", party=party, state=status, query=q)
        shown = _shown(ids, limit, fmt)
        if fmt == "jsonl":
            _write_jsonl(a.to_dict() for a in _selected(store, "agreement", shown))
            return
        found: list[Agreement] = list(_selected(store, "agreement", shown))
        console = _console()
        table = _table((("agreement", 16), ("status", 10), ("parties", 14), ("name", 22),
                        ("step", 10), ("date", 10), ("by", 14)))
        cited = [text for agreement in found for text in _agreement_rows(table, agreement)]
        console.print(table)
        _count(console, len(ids), "agreement", len(found))
        _print_documents(console, store, cited)


def _agreement_rows(table: Table, agreement: Agreement) -> list[str]:
    statuses = current_statuses(agreement.steps)
    status = statuses[0] + (f"\n(also {', '.join(statuses[1:])})" if statuses[1:] else "")
    head = [agreement.id, status, named_codes(agreement.party_codes) or "?",
            _one_line(agreement.name)]
    rows = [[step.kind + (f" [{step.mode}]" if step.mode else ""), _date(step.when),
             _actors(step.actors), _where(step.evidence)] for step in agreement.steps]
    shown = _evidence_rows(rows or [["-", "", "", "no step stated"]], agreement.id)
    for n, row in enumerate(shown):
        cells = head if n == 0 else ["", "", "", ""]
        table.add_row(*map(escape, [*cells, *row]))
    table.add_section()
    return [row[-1] for row in shown]


def agreement_command(
    item_id: Annotated[str, typer.Argument(
        help="An id from `dyad agreements` (an institution's or claim's id works too).")],
    db: DbOption = DEFAULT_DB,
    output_format: Annotated[str, typer.Option("--format", help="table | jsonl.")] = "table",
) -> None:
    """Print one agreement: parties, status and every step with its sentence and document.

    Example: dyad agreement agr-85aee5469d38 --db news.duckdb
    """
    fmt = _format(output_format, FORMATS)
    with _open(db) as store:
        record = store.knowledge_item(item_id)
        if fmt == "jsonl":
            _write_jsonl([record.to_dict()])
            return
        lines = describe(record)
        console = _console()
        if isinstance(record, Agreement) and record.mentions:
            mentioned = len({e.doc_id for e in record.mentions})
            lines.insert(1, f"  mentioned in {len(record.mentions)} sentence"
                            f"{'s' if len(record.mentions) != 1 else ''} of {mentioned} "
                            f"document{'s' if mentioned != 1 else ''}")
        console.print(f"[bold]{escape(lines[0])}[/bold]")
        for line in lines[1:]:
            console.print(escape(line), soft_wrap=True)
        _print_documents(console, store, lines)


def institutions_command(
    db: DbOption = DEFAULT_DB,
    status: Annotated[str, typer.Option(
        "--status", help="operating | suspended | closed | unknown.")] = "",
    q: WordsOption = "",
    limit: LimitOption = None,
    output_format: KnowledgeFormat = None,
) -> None:
    """List the institutions (centers, embassies, offices…) with their status and its evidence.

    A denied or negated closure counts as evidence that the institution still operates.

    Example: dyad institutions --status operating --db news.duckdb
    """
    fmt = _format(output_format, FORMATS)
    _choice(status, INSTITUTION_STATUSES, "--status")
    with _open(db) as store:
        ids = select_ids(store.backend, "institution", state=status, query=q)
        shown = _shown(ids, limit, fmt)
        if fmt == "jsonl":
            _write_jsonl(i.to_dict() for i in _selected(store, "institution", shown))
            return
        found: list[Institution] = list(_selected(store, "institution", shown))
        console = _console()
        table = _table((("institution", 16), ("status", 9), ("name", 16), ("facts", 32)))
        cited = [text for item in found for text in _institution_rows(table, item)]
        console.print(table)
        _count(console, len(ids), "institution", len(found))
        _print_documents(console, store, cited)


def _institution_rows(table: Table, item: Institution) -> list[str]:
    owner = (_actors([item.owner]),) if item.owner is not None else ()
    facts = [f"{label}: {', '.join(values)}" for label, values in (
        ("kind", (item.kind,)), ("of", owner), ("in", item.locations),
        ("legal form", item.legal_forms), ("funded by", _fact_values(item, "funder")),
        ("run by", _fact_values(item, "operator"))) if values]
    why = [f"{f.trigger}" + (f" ({f.mode})" if f.mode else "") + f", {_date(f.when)}: "
           f"{_where(f.evidence)}" for f in item.status_evidence] or ["no status stated"]
    head = [item.id, item.status, _one_line(item.name), "\n".join(facts)]
    shown = _evidence_rows([[w] for w in why], item.id)
    for n, (reason,) in enumerate(shown):
        cells = head if n == 0 else ["", "", "", ""]
        table.add_row(*map(escape, [*cells, reason]))
    table.add_section()
    return [reason for reason, in shown]


def _fact_values(item: Institution, kind: str) -> tuple[str, ...]:
    """The values of one kind of fact, each once, with its actor code and name when known:
    "the Japanese government (JPNGOV Japan · government)"."""
    seen: dict[str, None] = {}
    for fact in item.facts:
        if fact.kind == kind:
            seen.setdefault(_parties([Party(fact.code, fact.value)]), None)
    return tuple(seen)


def claims_command(
    db: DbOption = DEFAULT_DB,
    standing: Annotated[str, typer.Option(
        "--standing", help="asserted | refuted | confirmed | disputed.")] = "",
    q: WordsOption = "",
    limit: LimitOption = None,
    output_format: KnowledgeFormat = None,
) -> None:
    """List reported claims with their standing and who made, refuted or confirmed them.

    Example: dyad claims --standing refuted --db news.duckdb
    """
    fmt = _format(output_format, FORMATS)
    _choice(standing, STANDINGS, "--standing")
    with _open(db) as store:
        ids = select_ids(store.backend, "claim", state=standing, query=q)
        shown = _shown(ids, limit, fmt)
        if fmt == "jsonl":
            _write_jsonl(c.to_dict() for c in _selected(store, "claim", shown))
            return
        found: list[Claim] = list(_selected(store, "claim", shown))
        console = _console()
        table = _table((("claim", 16), ("standing", 9), ("gist", 20), ("stance", 9),
                        ("by", 18), ("date", 10)))
        cited = [text for claim in found for text in _claim_rows(table, claim)]
        console.print(table)
        _count(console, len(ids), "claim", len(found))
        _print_documents(console, store, cited)


def _claim_rows(table: Table, claim: Claim) -> list[str]:
    head = [claim.id, claim.standing, _one_line(claim.gist)]
    rows = [[stance.role + (f" [{stance.mode}]" if stance.mode else ""),
             _parties([stance.party]) + (
                 f" citing {', '.join(stance.citing)}" if stance.citing else ""),
             _date(stance.when), _where(stance.evidence)] for stance in claim.stances]
    shown = _evidence_rows(rows, claim.id)
    for n, row in enumerate(shown):
        cells = head if n == 0 else ["", "", ""]
        table.add_row(*map(escape, [*cells, *row]))
    table.add_section()
    return [row[-1] for row in shown]


def status_command(
    query: Annotated[str, typer.Argument(
        help="Words naming an institution, agreement or claim, e.g. \"Japan Center\".")],
    db: DbOption = DEFAULT_DB,
    output_format: Annotated[str, typer.Option("--format", help="table | jsonl.")] = "table",
    limit: Annotated[int, typer.Option(
        "--limit", min=0, help="At most this many institutions, agreements and claims (each; "
        "0: all); the answer says how many more the words name.")] = STATUS_LIMIT,
) -> None:
    """Answer "what is the status of …?" from the stored evidence.

    Prints each institution the words name with its status and the facts behind it, the
    agreements it depends on with their status, and the claims about it (then any agreement or
    claim the words name), each fact with its sentence and document. Exits with 1, saying so,
    when the store knows nothing about QUERY (like grep finding no match).

    Example: dyad status "Japan Center" --db news.duckdb
    """
    fmt = _format(output_format, FORMATS)
    if not query.strip():
        raise typer.BadParameter("give some words to look for", param_hint="QUERY")
    with _open(db) as store:
        answer = store.status(query, limit=limit or None)
        if fmt == "jsonl":
            _write_jsonl([answer.to_dict()])
        else:
            console = _console()
            if not answer.found:
                console.print(f"nothing known about {escape(repr(query))} in "
                              f"{escape(store.backend.location)}")
            else:
                lines = answer.lines()
                for line in lines:
                    bold = not line.startswith(" ")
                    text = escape(line)
                    console.print(f"[bold]{text}[/bold]" if bold else text, soft_wrap=True)
                _print_documents(console, store, lines)
    if not answer.found:
        raise typer.Exit(1)
