"""Lists of stored documents: filters (words of the title or id, outlet, dates), a sort, a
page by offset, the total and the counts per outlet and year.

Every value reaches the database as a parameter; column names come from the fixed tables here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from dyad.errors import QueryError
from dyad.store.backend import Backend
from dyad.store.listing import FacetCount
from dyad.store.query import escape_like, record

#: The columns of a listed document, in order.
DOCUMENT_COLUMNS: tuple[str, ...] = (
    "doc_id", "date", "title", "source", "outlet", "url", "origin", "n_sentences", "n_events")
#: Sort keys (a leading "-" sorts descending) and the column each sorts by.
DOCUMENT_SORTS: dict[str, str] = {
    "date": "date", "title": "title", "outlet": "outlet", "events": "n_events",
    "sentences": "n_sentences", "id": "doc_id"}


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents to list: every given criterion must hold."""

    words: str = ""  # every word is in the title or the id (case aside)
    outlet: str = ""  # the news outlet (source, or the host of the URL)
    since: date | None = None
    until: date | None = None
    with_events: bool = False  # only documents that gave an event

    def sql(self) -> tuple[str, list[Any]]:
        """The filter as a WHERE condition on `documents d`, and its parameters."""
        parts: list[str] = []
        params: list[Any] = []
        for word in self.words.lower().split():
            parts.append("(lower(d.title) LIKE ? ESCAPE '\\' OR lower(d.doc_id) LIKE ? "
                         "ESCAPE '\\')")
            pattern = "%" + escape_like(word) + "%"
            params += [pattern, pattern]
        if self.outlet.strip():
            parts.append("d.outlet = ?")
            params.append(self.outlet.strip())
        if self.since is not None:
            parts.append("d.date >= ?")
            params.append(self.since)
        if self.until is not None:
            parts.append("d.date <= ?")
            params.append(self.until)
        if self.with_events:
            parts.append("d.n_events > 0")
        return " AND ".join(parts) or "TRUE", params


def document_order(backend: Backend, sort: str) -> str:
    """The ORDER BY clause for a sort key of DOCUMENT_SORTS (undated last, then by id)."""
    key = sort.strip().removeprefix("-") or "date"
    if key not in DOCUMENT_SORTS:
        raise QueryError(f"bad sort {sort!r}: expected one of {', '.join(DOCUMENT_SORTS)}, "
                         "with a leading - to sort descending")
    way = "DESC" if sort.strip().startswith("-") else "ASC"
    column = DOCUMENT_SORTS[key]
    text = "" if column in ("date", "n_events", "n_sentences") else backend.text_order
    return f"d.{column}{text} {way} NULLS LAST, d.doc_id{backend.text_order}"


@dataclass(frozen=True)
class DocumentList:
    """A page of documents, how many the filter selects, and the counts per outlet and year."""

    documents: list[dict[str, Any]]
    total: int
    outlets: list[FacetCount]
    years: list[FacetCount]


def list_documents(backend: Backend, criteria: DocumentFilter, *, sort: str = "date",
                   limit: int = 50, offset: int = 0) -> DocumentList:
    """A page of the filtered documents, with the total and the facet counts."""
    condition, params = criteria.sql()
    order = document_order(backend, sort)
    columns, rows = backend.fetch(
        f"SELECT {', '.join('d.' + c for c in DOCUMENT_COLUMNS)} FROM documents d "
        f"WHERE {condition} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset])
    counted = backend.rows(
        "SELECT GROUPING(outlet), GROUPING(year), outlet, year, count(*) FROM "
        "(SELECT d.outlet AS outlet, CAST(extract(year FROM d.date) AS INTEGER) AS year "
        f"FROM documents d WHERE {condition}) f "
        "GROUP BY GROUPING SETS ((outlet), (year), ())", params)
    total, outlets, years = 0, [], []
    for no_outlet, no_year, outlet, year, count in counted:
        if no_outlet and no_year:
            total = int(count)
        elif not no_outlet and outlet:
            outlets.append(FacetCount(str(outlet), int(count)))
        elif not no_year and year is not None:
            years.append(FacetCount(str(year), int(count)))
    outlets.sort(key=lambda c: (-c.count, c.value))
    years.sort(key=lambda c: c.value)
    return DocumentList([record(columns, row) for row in rows], total, outlets[:30], years)
