"""`dyad ingest --to URL`: send documents to a served store instead of opening it."""

from __future__ import annotations

from datetime import date

import typer
from rich.markup import escape

from dyad.cli.store import _err, print_ingest_report
from dyad.errors import DyadError
from dyad.io.walk import walk_documents
from dyad.web.remote import send_documents


def ingest_remote(paths: list[str], url: str, token: str | None, day: date | None,
                  max_bytes: int) -> None:
    """Send the documents under `paths` to a running server and print its report."""
    if not paths:
        raise typer.BadParameter("give the files or folders to send", param_hint="PATHS")
    if not token:
        raise DyadError("--to needs the server's token",
                        hint="pass --token TOKEN or set DYAD_TOKEN (the one `dyad serve "
                        "--allow-writes` was started with)")
    err = _err()
    report = send_documents(
        url, token, walk_documents(paths, default_date=day, max_bytes=max_bytes),
        on_problem=lambda text: err.print(f"dyad: warning: {escape(text)} (skipped)"))
    print_ingest_report(url, report)
