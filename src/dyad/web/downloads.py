"""Listed events as CSV or JSON Lines answers: one page, or every page streamed.

Both carry the named listing record (`dyad.store.named.NAMED_COLUMNS`): in CSV one column
each, `spans` as JSON; in JSON Lines one object a line, as the JSON API gives it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from fastapi.responses import Response, StreamingResponse

from dyad.store.named import NAMED_COLUMNS

#: How many events a streamed download reads at a time.
DOWNLOAD_PAGE = 1000
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}


def cell(value: Any) -> Any:
    """A CSV cell: lists and objects as JSON, the rest as it is."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def csv_text(columns: Sequence[str], rows: Iterable[dict[str, Any]], *, header: bool = True
             ) -> str:
    """Rows (dicts) as CSV text with `columns`, the header first if `header`."""
    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return out.getvalue()


def _body(kind: str, listings: Sequence[str], *, header: bool) -> str:
    if kind == "jsonl":
        return "".join(text + "\n" for text in listings)
    return csv_text(NAMED_COLUMNS, (json.loads(text) for text in listings), header=header)


def download(kind: str, listings: Sequence[str], headers: dict[str, str]) -> Response:
    """One page of named listing records (JSON texts) as CSV or JSON Lines."""
    return Response(_body(kind, listings, header=True), media_type=MEDIA_TYPES[kind],
                    headers=headers)


def streamed(kind: str, pages: Iterator[list[str]], filename: str) -> StreamingResponse:
    """Pages of named listing records streamed as one CSV or JSON Lines file to save."""

    def chunks() -> Iterator[bytes]:
        first = True
        for page in pages:
            if page or first:
                yield _body(kind, page, header=first).encode("utf-8")
            first = False

    return StreamingResponse(chunks(), media_type=MEDIA_TYPES[kind], headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})
