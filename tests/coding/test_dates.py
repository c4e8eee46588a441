"""Tests for dyad.coding.dates: resolving and finding date expressions."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from dyad.coding import dates
from dyad.coding.dates import PRECISIONS, ResolvedDate, find_date_expressions, resolve_date

TUE = date(2024, 7, 2)  # the acceptance test's document date, a Tuesday
MON = date(2024, 7, 1)
SUN = date(2024, 6, 30)
FEB = date(2024, 2, 10)
MAR31 = date(2023, 3, 31)

CASES: list[tuple[str, date, date, str]] = [
    # the three from the brief
    ("last week", TUE, date(2024, 6, 25), "week"),
    ("on Monday", TUE, date(2024, 7, 1), "day"),
    ("in 2003", TUE, date(2003, 1, 1), "year"),
    # days
    ("today", TUE, TUE, "day"),
    ("Yesterday", TUE, date(2024, 7, 1), "day"),
    ("tomorrow", TUE, date(2024, 7, 3), "day"),
    ("the day before yesterday", TUE, date(2024, 6, 30), "day"),
    ("last night", TUE, date(2024, 7, 1), "day"),
    ("this morning", TUE, TUE, "day"),
    ("yesterday afternoon", TUE, date(2024, 7, 1), "day"),
    # weekdays
    ("Monday", TUE, date(2024, 7, 1), "day"),
    ("last Monday", TUE, date(2024, 7, 1), "day"),
    ("this Monday", TUE, date(2024, 7, 1), "day"),
    ("next Monday", TUE, date(2024, 7, 8), "day"),
    ("on Monday", MON, MON, "day"),
    ("last Monday", MON, date(2024, 6, 24), "day"),
    ("next Monday", MON, date(2024, 7, 8), "day"),
    ("on Wednesday", TUE, date(2024, 6, 26), "day"),
    ("on Sunday", TUE, date(2024, 6, 30), "day"),
    ("Monday night", TUE, date(2024, 7, 1), "day"),
    ("Monday morning", TUE, date(2024, 7, 1), "day"),
    ("on Monday evening", TUE, date(2024, 7, 1), "day"),
    ("Friday of last week", TUE, date(2024, 6, 28), "day"),
    ("Monday last week", TUE, date(2024, 6, 24), "day"),
    ("on Tuesday, June 25", TUE, date(2024, 6, 25), "day"),
    # weeks, weekends
    ("this week", TUE, TUE, "week"),
    ("earlier this week", TUE, TUE, "week"),
    ("the past week", TUE, date(2024, 6, 25), "week"),
    ("next week", TUE, date(2024, 7, 9), "week"),
    ("3 weeks ago", TUE, date(2024, 6, 11), "week"),
    ("last weekend", TUE, date(2024, 6, 29), "week"),
    ("over the weekend", TUE, date(2024, 6, 29), "week"),
    ("over the weekend", SUN, date(2024, 6, 29), "week"),
    ("last weekend", SUN, date(2024, 6, 22), "week"),
    ("this weekend", TUE, date(2024, 7, 6), "week"),
    # months
    ("last month", TUE, date(2024, 6, 2), "month"),
    ("last month", MAR31, date(2023, 2, 28), "month"),
    ("a month ago", TUE, date(2024, 6, 2), "month"),
    ("earlier this month", TUE, TUE, "month"),
    ("in March", TUE, date(2024, 3, 1), "month"),
    ("in March", FEB, date(2023, 3, 1), "month"),
    ("in July", TUE, date(2024, 7, 1), "month"),
    ("last July", TUE, date(2023, 7, 1), "month"),
    ("mid-March", TUE, date(2024, 3, 1), "month"),
    ("March 2003", TUE, date(2003, 3, 1), "month"),
    ("since February 2022", TUE, date(2022, 2, 1), "month"),
    ("2003-06", TUE, date(2003, 6, 1), "month"),
    # years
    ("2003", TUE, date(2003, 1, 1), "year"),
    ("since 2003,", TUE, date(2003, 1, 1), "year"),
    ("last year", TUE, date(2023, 7, 2), "year"),
    ("earlier this year", TUE, TUE, "year"),
    ("late last year", TUE, date(2023, 7, 2), "year"),
    ("two years ago", TUE, date(2022, 7, 2), "year"),
    ("last year", date(2024, 2, 29), date(2023, 2, 28), "year"),
    # explicit days
    ("on June 14", TUE, date(2024, 6, 14), "day"),
    ("June 14", TUE, date(2024, 6, 14), "day"),
    ("14 June", TUE, date(2024, 6, 14), "day"),
    ("on the 14th of June", TUE, date(2024, 6, 14), "day"),
    ("July 3", TUE, date(2023, 7, 3), "day"),
    ("July 2", TUE, TUE, "day"),
    ("June 14, 2003", TUE, date(2003, 6, 14), "day"),
    ("14 June 2003", TUE, date(2003, 6, 14), "day"),
    ("Sept. 11, 2001", TUE, date(2001, 9, 11), "day"),
    ("Dec. 25", TUE, date(2023, 12, 25), "day"),
    ("2003-06-14", TUE, date(2003, 6, 14), "day"),
    ("Feb 29", date(2025, 3, 1), date(2024, 2, 29), "day"),
    ("on the 14th", TUE, date(2024, 6, 14), "day"),
    ("two days ago", TUE, date(2024, 6, 30), "day"),
    ("a couple of days ago", TUE, date(2024, 6, 30), "day"),
    # tolerance: case, blanks, prepositions, trailing punctuation
    ("  LAST   WEEK. ", TUE, date(2024, 6, 25), "week"),
    ("During March 2003;", TUE, date(2003, 3, 1), "month"),
    ("from 2003", TUE, date(2003, 1, 1), "year"),
    ("by Monday,", TUE, date(2024, 7, 1), "day"),
]


@pytest.mark.parametrize(("expression", "document_date", "expected", "precision"), CASES)
def test_resolve_date(expression: str, document_date: date, expected: date, precision: str) -> None:
    assert resolve_date(expression, document_date) == ResolvedDate(expected, precision)


@pytest.mark.parametrize(
    "expression",
    ["", "   ", "in the 1990s", "the 1990s", "recently", "soon", "June 31", "2003-02-30",
     "2003-13", "blah blah", "in recent years", "14", "Monday blah"],
)  # fmt: skip
def test_unresolvable_gives_none(expression: str) -> None:
    assert resolve_date(expression, TUE) is None


def test_precisions_are_from_the_fixed_set() -> None:
    for expression, document_date, _, _ in CASES:
        resolved = resolve_date(expression, document_date)
        assert resolved is not None and resolved.precision in PRECISIONS


def test_resolved_date_is_frozen() -> None:
    resolved = ResolvedDate(TUE, "day")
    with pytest.raises(AttributeError):
        resolved.precision = "week"  # type: ignore[misc]


def _found(text: str) -> list[str]:
    return [text[start:end] for start, end in find_date_expressions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Last week, Russian Prime Minister Mikhail Mishustin signed an order.", ["Last week"]),
        ("these agreements, signed in 2000 and 2003, reflected", ["2000", "2003"]),
        ("On Monday, Japanese Chief Cabinet Secretary Yoshimasa Hayashi declared", ["Monday"]),
        ("other unfriendly actions since February 2022, contradict", ["February 2022"]),
        ("About 2000 people and 2,000 troops came; 2000 soldiers left.", []),
        ("Some 1990 refugees crossed.", []),
        ("The 2003 agreement was signed on June 14, 2003.", ["2003", "June 14, 2003"]),
        ("It was revised in 2005-2007 and in 2001, 2002 and 2004.",
         ["2005", "2007", "2001", "2002", "2004"]),
        ("He paid $2000, 15.2003 units, 2001% more, 2000s, the 1990s.", []),
        ("They may march in May and again in March.", ["May", "March"]),
        ("The march began Monday night, two days ago.", ["Monday night", "two days ago"]),
        ("He spoke on Tuesday, July 2 and yesterday morning.", ["Tuesday, July 2",
                                                               "yesterday morning"]),
        ("Talks resumed earlier this week after a break last month.",
         ["earlier this week", "last month"]),
        ("The ceasefire of 2003-06-14 held until Dec 2003.", ["2003-06-14", "Dec 2003"]),
        ("Jun Li visited Mar-a-Lago.", []),
        ("No dates here at all.", []),
    ],
)  # fmt: skip
def test_find_date_expressions(text: str, expected: list[str]) -> None:
    assert _found(text) == expected


def test_found_spans_resolve() -> None:
    text = "Last week and on Monday, in 2000 and 2003, since February 2022, on June 14, 2003."
    for start, end in find_date_expressions(text):
        assert resolve_date(text[start:end], TUE) is not None, text[start:end]


def test_spans_are_ordered_and_disjoint() -> None:
    text = "On Monday, June 14, 2003 and in March 2004, then 2005 and last week."
    spans = find_date_expressions(text)
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


def _every_pattern(text: str) -> list[tuple[int, int]]:
    """find_date_expressions without skipping patterns: each one, case-insensitive, on text."""
    candidates = [
        (m.start(), m.end(), kind)
        for kind, pattern in dates._FIND_PATTERNS
        for m in pattern.finditer(text)
        if kind == "year" or dates._keep(kind, text, m.start(), m.end())
    ]
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    spans: list[tuple[int, int]] = []
    for start, end, kind in candidates:
        if spans and start < spans[-1][1]:
            continue
        if kind == "year" and not dates._is_year(text, start, end, spans):
            continue
        spans.append((start, end))
    return spans


@pytest.mark.parametrize(
    "text",
    [
        "On MONDAY, 3 Sept. 2003, two WEEKS AGO, TONIGHT and last Weekend.",
        "mid-March, Jan. 5, in 1999 and 2000-2003, NEXT WEEKEND, 2024-07-01, 5 years ago.",
        "The market may decide; officials met in May and again on Tuesday evening.",
        "No date here: the separatists declared a decision.",
        "Non-ASCII: \u201cthe accord of 12 May\u201d, \u017feptember 3 and \u212aing Day.",
    ],
)
def test_skipping_patterns_finds_what_every_pattern_finds(text: str) -> None:
    assert find_date_expressions(text) == _every_pattern(text)
