"""PETRARCH validation suites: load the XML records and score coded events against them."""

from dyad.validation.score import RecordResult, by_category, score_record, summarise
from dyad.validation.suite import (
    ERROR_CONDITIONS,
    RecordConfig,
    Triple,
    ValidationRecord,
    ValidationSuite,
    load_suite,
)

__all__ = [
    "ERROR_CONDITIONS",
    "RecordConfig",
    "RecordResult",
    "Triple",
    "ValidationRecord",
    "ValidationSuite",
    "by_category",
    "load_suite",
    "score_record",
    "summarise",
]
