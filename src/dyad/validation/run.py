"""Run a PETRARCH validation file through dyad's own parser and coder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from dyad.coding.coder import CodedDocument, EventCoder
from dyad.dictionaries.defaults import load_dictionaries
from dyad.errors import DictionaryLineError
from dyad.record import Document, EventRecord
from dyad.validation.score import RecordResult, score_record
from dyad.validation.suite import (
    RecordConfig,
    Triple,
    ValidationRecord,
    ValidationSuite,
    load_suite,
)

Warn = Callable[[DictionaryLineError], None]


def coder_for(suite: ValidationSuite, *, warn: Warn | None = None) -> EventCoder:
    """An event coder using only the dictionaries named in the suite's <Environment>.

    They are read leniently, wherever they lie: each line that cannot be used is skipped and
    passed to `warn` (`dyad dict check` is the strict reading).
    """
    dictionaries = load_dictionaries(
        actors=list(suite.actors),
        agents=[suite.agents] if suite.agents else [],
        verbs=[suite.verbs] if suite.verbs else [],
        discards=[suite.discards] if suite.discards else [],
        use_defaults=False,
        lenient=True,
    )
    if warn is not None:
        for problem in dictionaries.warnings:
            warn(problem)
    return EventCoder(dictionaries)


def run_suite(path: Path, *, dictionaries: Path | None = None,
              progress: Callable[[int, int], None] | None = None, warn: Warn | None = None,
              ) -> tuple[ValidationSuite, list[tuple[ValidationRecord, RecordResult]]]:
    """Code every in-scope record and score it against its expected events.

    `dictionaries` is the folder the `<Environment>`'s files are looked up in (by default
    the validation file's own); `warn` receives each dictionary line that was skipped.
    """
    suite = load_suite(path, dictionaries=dictionaries)
    coder = coder_for(suite, warn=warn)
    records = [r for r in suite.records if r.in_scope]
    results = []
    for n, (record, coded) in enumerate(zip(records, _code_records(coder, records), strict=True)):
        triples = [_triple(e, record.config) for e in coded.events]
        got = [t for t in triples if t is not None]
        results.append((record, score_record(record, got, _error_of(coded))))
        if progress is not None:
            progress(n + 1, len(records))
    return suite, results


def _code_records(coder: EventCoder, records: list[ValidationRecord]) -> Iterator[CodedDocument]:
    for record in records:
        coder.sentence_coder.require_dyad = record.config.require_dyad
        document = Document(id=record.id, text=record.text, date=record.date)
        yield from coder.code([document])


def _triple(event: EventRecord, config: RecordConfig) -> Triple | None:
    source = _actor(event.source, event.source_text, config)
    target = _actor(event.target, event.target_text, config)
    if source is None or target is None:
        return None
    if config.require_dyad and (source == "---" or target == "---"):
        return None
    return source, target, event.code


def _actor(code: str, text: str, config: RecordConfig) -> str | None:
    if code:
        return code
    if not text:
        return "---"
    if config.new_actor_length > 0 and len(text.split()) <= config.new_actor_length:
        return '"' + text.upper() + '"'
    return None


def _error_of(coded: CodedDocument) -> str | None:
    for sentence in coded.sentences:
        if sentence.discarded.startswith("story"):
            return "storydiscard"
        if sentence.discarded:
            return "sentencediscard"
    return None
