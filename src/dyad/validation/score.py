"""Score coded events against validation records (DICTIONARY-FORMATS.md §8).

A record is exactly reproduced when its de-duplicated coded events match its expected
`<EventCoding>` triples one-to-one by exact string equality (order ignored): nothing missing,
nothing extra. An error record passes only when the named condition occurred and nothing was
coded. For other records a reported condition does not matter by itself: only the events count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from dyad.validation.suite import Triple, ValidationRecord

__all__ = ["RecordResult", "by_category", "score_record", "summarise"]


@dataclass(frozen=True)
class RecordResult:
    """The outcome of one validation record."""

    id: str
    expected: list[Triple]  # sorted
    got: list[Triple]  # de-duplicated, sorted
    ok: bool
    expected_error: str | None = None
    got_error: str | None = None

    @property
    def missing(self) -> list[Triple]:
        """Expected events that were not coded."""
        return [event for event in self.expected if event not in self.got]

    @property
    def extra(self) -> list[Triple]:
        """Coded events that were not expected."""
        return [event for event in self.got if event not in self.expected]


def _triple(event: Iterable[str]) -> Triple:
    """Turn any 3-item iterable of codes into a (source, target, code) tuple of str."""
    source, target, code = (str(part) for part in event)
    return source, target, code


def score_record(
    record: ValidationRecord,
    got: Iterable[tuple[str, str, str]],
    got_error: str | None = None,
) -> RecordResult:
    """Score the events coded for one record (and the condition raised, if any)."""
    coded = sorted({_triple(event) for event in got})
    expected = sorted(record.expected)
    if record.expected_error is not None:
        ok = got_error is not None and got_error.strip() == record.expected_error and not coded
    else:
        ok = coded == expected
    return RecordResult(
        id=record.id,
        expected=expected,
        got=coded,
        ok=ok,
        expected_error=record.expected_error,
        got_error=got_error,
    )


def summarise(results: Iterable[RecordResult]) -> dict[str, Any]:
    """Summarise results as {"records", "correct", "results": [{"id", "expected", "got", "ok"}]}.

    Events are given as [source, target, code] lists; a result of an error record, or one where
    a condition was reported, also carries "expected_error" and "got_error".
    """
    rows: list[dict[str, Any]] = []
    for result in results:
        row: dict[str, Any] = {
            "id": result.id,
            "expected": [list(event) for event in result.expected],
            "got": [list(event) for event in result.got],
            "ok": result.ok,
        }
        if result.expected_error is not None or result.got_error is not None:
            row["expected_error"] = result.expected_error
            row["got_error"] = result.got_error
        rows.append(row)
    return {"records": len(rows), "correct": sum(row["ok"] for row in rows), "results": rows}


def by_category(
    results: Iterable[RecordResult], records: Sequence[ValidationRecord]
) -> dict[str, tuple[int, int]]:
    """Return category -> (correct, total) for the results, sorted by category.

    Results are matched to records by id; ids that repeat in the file are matched in file
    order. A result whose id no record has is counted under the category "".
    """
    pending: dict[str, list[str]] = {}
    for record in records:
        pending.setdefault(record.id, []).append(record.category)
    counts: dict[str, list[int]] = {}
    for result in results:
        queue = pending.get(result.id)
        category = queue.pop(0) if queue else ""
        if queue is not None and not queue:
            # keep the last category for any further results with this id
            queue.append(category)
        tally = counts.setdefault(category, [0, 0])
        tally[0] += int(result.ok)
        tally[1] += 1
    return {category: (tally[0], tally[1]) for category, tally in sorted(counts.items())}
