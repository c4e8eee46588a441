"""Knowledge lists over summaries: filters, sorts and pages that follow a cursor."""

from __future__ import annotations

import pytest

from dyad.errors import QueryError
from dyad.knowledge.summary import RecordSummary
from dyad.web.records import list_records, page_of


def _summary(n: int) -> RecordSummary:
    return RecordSummary("agreement", f"agr-{n:03d}", ("treaty", "accord")[n % 2],
                         f"Treaty {n % 7}", ("signed", "suspended")[n % 3 == 0],
                         (("signed", "suspended")[n % 3 == 0],), (("RUS", "JPNGOV")[n % 2],),
                         ("treaty", str(n % 7)), (f"doc{n % 5}",))


SUMMARIES = [_summary(n) for n in range(23)]


@pytest.mark.parametrize("sort", ["name", "-name", "state", "-state", "kind", "-kind"])
def test_records_pages_by_cursor_walk_the_whole_list_once(sort: str) -> None:
    found = list_records(SUMMARIES, {}, sort=sort)
    seen: list[str] = []
    cursor = ""
    for _ in range(10):
        page, cursor_next = page_of(found, sort, cursor, 5)
        seen += [s.id for s in page]
        if cursor_next is None:
            break
        cursor = cursor_next
    assert seen == [s.id for s in found.items] and len(seen) == len(SUMMARIES)


def test_records_filters_and_facets() -> None:
    found = list_records(SUMMARIES, {"party": "jpn", "state": "signed", "doc": "doc1"})
    assert found.items and all(s.codes == ("JPNGOV",) and s.state == "signed"
                               and "doc1" in s.documents for s in found.items)
    assert [(c.value, c.count) for c in found.facets["party"]] == [("JPN", len(found.items))]
    assert list_records(SUMMARIES, {"q": "treaty 3"}).items == [
        s for s in list_records(SUMMARIES, {}).items if set(s.words) == {"3", "treaty"}]


def test_records_bad_cursor_and_sort_are_query_errors() -> None:
    found = list_records(SUMMARIES, {})
    with pytest.raises(QueryError, match="is not the cursor of a page"):
        page_of(found, "name", "not-a-cursor", 5)
    with pytest.raises(QueryError, match="bad sort"):
        list_records(SUMMARIES, {}, sort="date")
