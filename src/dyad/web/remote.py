"""Add documents to a store that `dyad serve` is serving, through its write API.

A DuckDB file can be written by one process only, and a server keeps it open; so
`dyad ingest --to http://127.0.0.1:8000` reads the documents here and sends each one to the
server's `POST /api/documents` (started with `--allow-writes` and a token), which codes and
stores it while the UI stays up. A server busy coding answers 503 with `Retry-After`: the
document is sent again after that wait. Uses only the standard library's HTTP client.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from dyad.errors import DyadError
from dyad.io.walk import ReadProblem
from dyad.record import Document

#: How often one document is sent again while the server is busy, at most.
MAX_BUSY_RETRIES = 120
#: What a request may take, in seconds (coding a long text takes a while).
TIMEOUT = 300.0

Post = Callable[[str, dict[str, Any], str], tuple[int, dict[str, Any], dict[str, str]]]


@dataclass
class RemoteReport:
    """What happened to the documents sent."""

    read: int = 0
    stored: int = 0
    already: int = 0
    events: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (document, reason)
    problems: list[ReadProblem] = field(default_factory=list)

    def summary(self) -> list[str]:
        """The report as lines for the terminal."""
        lines = [f"documents read: {self.read:,}", f"stored: {self.stored:,} "
                 f"({self.events:,} events)", f"already stored: {self.already:,}"]
        if self.problems:
            lines.append(f"skipped (unreadable): {len(self.problems):,}")
        lines += [f"failed: {name}: {reason}" for name, reason in self.failed]
        return lines


def post_json(url: str, body: dict[str, Any], token: str
              ) -> tuple[int, dict[str, Any], dict[str, str]]:
    """POST a JSON body with the bearer token: the status, the JSON answer and the headers.
    DyadError if the server cannot be reached."""
    request = urllib.request.Request(
        url, data=json.dumps(body, ensure_ascii=False).encode("utf-8"), method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}",
                 "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            return answer.status, _json(answer.read()), dict(answer.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, _json(exc.read()), dict(exc.headers or {})
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DyadError(f"cannot reach {url}: {reason}",
                        hint="is `dyad serve --allow-writes` running there?") from None


def _json(raw: bytes) -> dict[str, Any]:
    try:
        found = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def document_body(document: Document) -> dict[str, Any]:
    """The JSON body of `POST /api/documents` for a document."""
    return {"text": document.text, "id": document.id,
            "date": document.date.isoformat() if document.date else None,
            "title": document.title, "url": document.url, "source": document.source}


def documents_url(base: str) -> str:
    """The write API's URL on a server given by its base URL (http://host:port[/])."""
    if not base.startswith(("http://", "https://")):
        raise DyadError(f"--to {base!r} is not an http:// or https:// URL",
                        hint="for example: --to http://127.0.0.1:8000")
    return base.rstrip("/") + "/api/documents"


def send_documents(base: str, token: str, items: Iterable[Document | ReadProblem], *,
                   post: Post = post_json, sleep: Callable[[float], None] = time.sleep,
                   on_problem: Callable[[str], None] | None = None) -> RemoteReport:
    """Send every document to the server at `base`, one at a time; a document the server
    refuses or fails on is reported and the rest still go. DyadError when the server cannot
    be reached or refuses the token (nothing more could be stored)."""
    url = documents_url(base)
    report = RemoteReport()
    for item in items:
        if isinstance(item, ReadProblem):
            report.problems.append(item)
            if on_problem is not None:
                on_problem(str(item))
            continue
        report.read += 1
        name = item.origin or item.id
        status, answer, headers = _send(url, document_body(item), token, post, sleep)
        if status in (200, 201):
            if answer.get("status") == "stored" or status == 201:
                report.stored += 1
                report.events += int(answer.get("events") or 0)
            else:
                report.already += 1
        elif status in (401, 403):
            raise DyadError(f"{base} refused the token: {answer.get('error', status)}",
                            hint="pass the server's token with --token or DYAD_TOKEN, and "
                            "start it with --allow-writes")
        else:
            report.failed.append((name, str(answer.get("error") or f"HTTP {status}")))
    return report


def _send(url: str, body: dict[str, Any], token: str, post: Post,
          sleep: Callable[[float], None]) -> tuple[int, dict[str, Any], dict[str, str]]:
    """Post one document, waiting and sending it again while the server is busy (503)."""
    for _ in range(MAX_BUSY_RETRIES):
        status, answer, headers = post(url, body, token)
        if status != 503:
            return status, answer, headers
        wait = {k.lower(): v for k, v in headers.items()}.get("retry-after", "1")
        sleep(min(10.0, max(0.1, float(wait) if wait.replace(".", "", 1).isdigit() else 1.0)))
    return status, answer, headers
