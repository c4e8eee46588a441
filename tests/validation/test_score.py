"""Tests for dyad.validation.score: exact reproduction of validation records."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dyad.validation.score import RecordResult, by_category, score_record, summarise
from dyad.validation.suite import RecordConfig, Triple, ValidationRecord

AB = ("ARN", "GON", "064")
BA = ("GON", "ARN", "064")
CD = ("ARNGOV", "---", "010")


def _record(
    expected: list[Triple], error: str | None = None, rid: str = "R-1", category: str = "DEMO"
) -> ValidationRecord:
    return ValidationRecord(
        id=rid,
        date=date(1995, 1, 1),
        category=category,
        sentence=True,
        text="Arnor restored ties with Gondor.",
        expected=expected,
        expected_error=error,
        config=RecordConfig(),
    )


@pytest.mark.parametrize(
    ("expected", "got", "got_error", "ok"),
    [
        ([AB], [AB], None, True),  # exact
        ([AB], [AB, BA], None, False),  # extra event
        ([AB, BA], [AB], None, False),  # missing event
        ([AB], [AB, AB, AB], None, True),  # duplicates collapse
        ([AB, BA], [BA, AB], None, True),  # order ignored
        ([AB, BA], [BA, AB, BA], None, True),
        ([AB], [("ARN", "GON", "0640")], None, False),  # exact string equality
        ([AB], [("arn", "gon", "064")], None, False),
        ([AB], [("ARN", "GON", "06")], None, False),
        ([], [], None, True),  # noevents
        ([], [CD], None, False),
        ([], [], "sentencediscard", True),  # a condition alone does not fail a plain record
        ([AB], [], "sentencediscard", False),
        ([AB, CD], [CD, AB], None, True),
        ([('"INJURY TOLL"', "OSG", "223")], [('"INJURY TOLL"', "OSG", "223")], None, True),
    ],
)
def test_score_plain_records(
    expected: list[Triple], got: list[Triple], got_error: str | None, ok: bool
) -> None:
    result = score_record(_record(expected), got, got_error)
    assert result.ok is ok
    assert result.got == sorted(set(got))
    assert result.expected == sorted(expected)


@pytest.mark.parametrize(
    ("got", "got_error", "ok"),
    [
        ([], "storydiscard", True),  # the named condition, nothing coded
        ([], None, False),  # no condition
        ([], "sentencediscard", False),  # another condition
        ([AB], "storydiscard", False),  # condition, but something was coded
        ([AB], None, False),
    ],
)
def test_score_error_records(got: list[Triple], got_error: str | None, ok: bool) -> None:
    result = score_record(_record([], error="storydiscard"), got, got_error)
    assert result.ok is ok
    assert result.expected_error == "storydiscard"
    assert result.got_error == got_error


def test_score_accepts_any_iterable_and_reports_differences() -> None:
    result = score_record(_record([AB, CD]), (event for event in [BA, AB, BA]))
    assert result.got == [AB, BA]
    assert result.missing == [CD]
    assert result.extra == [BA]
    assert not result.ok


def test_summarise_is_json_ready() -> None:
    results = [
        score_record(_record([AB], rid="R-1"), [AB]),
        score_record(_record([AB], rid="R-2"), []),
        score_record(_record([], "dateline", rid="R-3"), [], "dateline"),
    ]
    summary = summarise(results)
    assert summary["records"] == 3 and summary["correct"] == 2
    assert summary["results"][0] == {
        "id": "R-1", "expected": [list(AB)], "got": [list(AB)], "ok": True,
    }  # fmt: skip
    assert summary["results"][1]["ok"] is False
    assert summary["results"][2]["expected_error"] == "dateline"
    assert json.loads(json.dumps(summary)) == summary
    assert summarise([]) == {"records": 0, "correct": 0, "results": []}


def test_by_category_counts_correct_and_total() -> None:
    records = [
        _record([AB], rid="D-1", category="DEMO"),
        _record([AB], rid="D-2", category="DEMO"),
        _record([AB], rid="X-1", category="VERB"),
        _record([AB], rid="X-1", category="VERBx"),  # ids may repeat in a file
    ]
    results = [score_record(records[0], [AB]), score_record(records[1], [])]
    results += [score_record(records[2], [AB]), score_record(records[3], [AB])]
    results.append(RecordResult(id="??", expected=[], got=[], ok=True))
    assert by_category(results, records) == {
        "": (1, 1), "DEMO": (1, 2), "VERB": (1, 1), "VERBx": (1, 1),
    }  # fmt: skip
