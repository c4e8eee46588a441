"""Scoring: gold records and what dyad coded for them in, numbers and lists out.

Pure functions over `dyad.evaluation.gold` records and `CodedDocument`s (or `TextFailed` for a
text the coder failed on); nothing here codes or reads files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dyad.coding.coder import CodedDocument, SentenceReport
from dyad.evaluation.gold import (
    ArticleGold,
    ArticleGoldFile,
    EventPattern,
    ForbiddenEvent,
    GoldEvent,
    SentenceGold,
    SentenceGoldFile,
)
from dyad.evaluation.match import (
    SENTENCE_PREFIX,
    flatten,
    matches,
    nearest,
    root_of,
    same_sentence,
    sentence_match,
    source_right,
    target_right,
    type_right,
)
from dyad.record import EventRecord

NO_SENTENCE = ("dyad has no sentence that begins like this one "
               "(it split the text into sentences differently)")


@dataclass(frozen=True)
class TextFailed:
    """A text the coder could not code, and why (one line)."""

    reason: str


Outcome = CodedDocument | TextFailed


def ratio(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide."""
    return part / whole if whole else None


def describe(event: EventRecord) -> str:
    """An event in one short line: `RUSGOV→JPN 111`."""
    return f"{event.source or '?'}→{event.target or '-'} {event.code}"


def describe_gold(pattern: EventPattern) -> str:
    """A gold pattern in one short line: `RUS→JPN [11, 14]` (`↔` when symmetric)."""
    arrow = "↔" if pattern.symmetric else "→"
    return f"{pattern.source or '?'}{arrow}{pattern.target or 'any'} {'/'.join(pattern.roots)}"


def explanation(report: SentenceReport) -> list[str]:
    """What the coder said about a sentence: the actors found and each predicate's outcome."""
    if report.discarded:
        return [f"discarded: {report.discarded}"]
    return [f"actors: {', '.join(report.actors) or 'none'}", *report.predicates]


# ---------------------------------------------------------------- article gold


@dataclass(frozen=True)
class Miss:
    """A required gold event dyad did not code, with what it coded in that sentence and why."""

    text: str
    gold: str  # describe_gold
    note: str
    sentence: str  # dyad's sentence, or the gold's beginning when dyad has none like it
    coded: list[str]  # the events dyad coded in that sentence
    why: list[str]  # the coder's explanation of that sentence


@dataclass(frozen=True)
class FalseEvent:
    """An event dyad coded that matches no gold event of its sentence."""

    text: str
    event: str  # describe
    sentence: str
    gold_here: list[str]  # the gold events of that sentence, if any
    why: list[str]


@dataclass(frozen=True)
class ForbiddenHit:
    """A forbidden gold item dyad produced, with the events that hit it."""

    text: str
    forbidden: str  # describe_gold
    why_forbidden: str
    events: list[str]
    sentence: str


@dataclass(frozen=True)
class FailedText:
    """A text the coder failed on (its gold events count as not found)."""

    text: str
    reason: str


@dataclass
class TextScore:
    """One text's counts."""

    text: str
    title: str
    coded: bool
    required: int = 0
    found: int = 0
    optional: int = 0
    optional_found: int = 0
    produced: int = 0
    matched: int = 0
    forbidden_hits: int = 0

    @property
    def false(self) -> int:
        return self.produced - self.matched


@dataclass
class RootScore:
    """Counts for one CAMEO root: gold events by their first root, coded events by theirs."""

    root: str
    required: int = 0
    found: int = 0
    produced: int = 0
    matched: int = 0


@dataclass
class FieldScore:
    """How often one field of the nearest coded event agrees with the gold."""

    field: str
    right: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return ratio(self.right, self.total)


@dataclass
class ArticleReport:
    """The score of one article gold file."""

    gold: str
    texts: list[TextScore] = field(default_factory=list)
    roots: list[RootScore] = field(default_factory=list)
    #: Over the required events in whose sentence dyad coded something ("located"): is the
    #: field of the nearest event of that sentence right? (date: where the gold gives one)
    fields: list[FieldScore] = field(default_factory=list)
    located: int = 0
    forbidden: list[ForbiddenHit] = field(default_factory=list)
    failed: list[FailedText] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    false_events: list[FalseEvent] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(int(getattr(t, name)) for t in self.texts)

    @property
    def recall(self) -> float | None:
        return ratio(self.total("found"), self.total("required"))

    @property
    def precision(self) -> float | None:
        return ratio(self.total("matched"), self.total("produced"))

    def summary(self) -> dict[str, object]:
        """The totals, by name."""
        return {
            "texts": len(self.texts),
            "texts_failed": len(self.failed),
            "required": self.total("required"),
            "found": self.total("found"),
            "recall": self.recall,
            "optional": self.total("optional"),
            "optional_found": self.total("optional_found"),
            "produced": self.total("produced"),
            "matched": self.total("matched"),
            "false": self.total("false"),
            "precision": self.precision,
            "forbidden_hits": self.total("forbidden_hits"),
            "located": self.located,
        }


def score_articles(gold: ArticleGoldFile, outcomes: Sequence[Outcome]) -> ArticleReport:
    """Score what dyad coded for each text (`outcomes[i]` for `gold.articles[i]`)."""
    if len(outcomes) != len(gold.articles):
        raise ValueError(f"{len(outcomes)} outcomes for {len(gold.articles)} texts")
    report = ArticleReport(str(gold.path))
    roots: dict[str, RootScore] = {}
    fields = {name: FieldScore(name) for name in ("type", "source", "target", "date")}
    for article, outcome in zip(gold.articles, outcomes, strict=True):
        _score_article(article, outcome, report, roots, fields)
    report.roots = [roots[r] for r in sorted(roots)]
    report.fields = list(fields.values())
    return report


def _score_article(article: ArticleGold, outcome: Outcome, report: ArticleReport,
                   roots: dict[str, RootScore], fields: dict[str, FieldScore]) -> None:
    name = article.file
    score = TextScore(name, article.title, isinstance(outcome, CodedDocument),
                      required=len(article.required), optional=len(article.optional))
    report.texts.append(score)
    if isinstance(outcome, TextFailed):
        report.failed.append(FailedText(name, outcome.reason))
    events = outcome.events if isinstance(outcome, CodedDocument) else []
    sentences = outcome.sentences if isinstance(outcome, CodedDocument) else []

    for gold in article.required:
        root = roots.setdefault(gold.roots[0], RootScore(gold.roots[0]))
        root.required += 1
        hit = any(matches(e, gold) for e in events)
        score.found += hit
        root.found += hit
        near = nearest(events, gold)
        if near is not None:
            report.located += 1
            check = near[1]
            for field_name, right in (("type", check.root), ("source", check.source),
                                      ("target", check.target), ("date", check.date)):
                if right is not None:
                    fields[field_name].total += 1
                    fields[field_name].right += right
        if not hit and isinstance(outcome, CodedDocument):
            report.misses.append(_miss(name, gold, events, sentences))
    score.optional_found = sum(any(matches(e, g) for e in events) for g in article.optional)

    for event in events:
        root = roots.setdefault(root_of(event), RootScore(root_of(event)))
        root.produced += 1
        score.produced += 1
        if any(matches(event, g) for g in article.events):
            root.matched += 1
            score.matched += 1
        else:
            here = [g for g in article.events if same_sentence(event.sentence, g.sentence_starts)]
            report.false_events.append(FalseEvent(
                name, describe(event), event.sentence,
                [describe_gold(g) + (" (optional)" if g.optional else "") for g in here],
                _why_event(event, sentences)))

    for forbidden in article.forbidden:
        bad = [e for e in events if matches(e, forbidden)]
        if bad:
            score.forbidden_hits += 1
            report.forbidden.append(_forbidden_hit(name, forbidden, bad))


def _miss(name: str, gold: GoldEvent, events: Iterable[EventRecord],
          sentences: Sequence[SentenceReport]) -> Miss:
    reports = _sentences_of(gold.sentence_starts, sentences)
    coded = [describe(e) for e in events if same_sentence(e.sentence, gold.sentence_starts)]
    if not reports:
        return Miss(name, describe_gold(gold), gold.note, gold.sentence_starts, coded,
                    [NO_SENTENCE])
    why = [line for s in reports for line in explanation(s)]
    return Miss(name, describe_gold(gold), gold.note, " ".join(s.text for s in reports),
                coded, why)


def _sentences_of(starts: str, sentences: Sequence[SentenceReport]) -> list[SentenceReport]:
    """dyad's sentences that hold the gold sentence's beginning; failing that, those that
    `same_sentence` accepts (pieces of it, where dyad split the sentence)."""
    beginning = flatten(starts)[:SENTENCE_PREFIX]
    holding = [s for s in sentences if beginning and beginning in flatten(s.text)]
    return holding or [s for s in sentences if same_sentence(s.text, starts)]


def _why_event(event: EventRecord, sentences: Sequence[SentenceReport]) -> list[str]:
    for report in sentences:
        if report.sentence_id == event.sentence_id:
            return explanation(report)
    return []


def _forbidden_hit(name: str, forbidden: ForbiddenEvent, bad: list[EventRecord]) -> ForbiddenHit:
    return ForbiddenHit(name, describe_gold(forbidden), forbidden.why,
                        [describe(e) for e in bad], bad[0].sentence)


# ---------------------------------------------------------------- sentence gold


@dataclass(frozen=True)
class SentenceMiss:
    """A gold sentence dyad did not code right, with what it coded and why."""

    id: str
    text: str
    gold: str  # "THREATEN: USA→IRQ"
    coded: list[str]
    why: list[str]
    failed: str = ""  # why the coder failed on it, if it did


@dataclass
class TypeScore:
    """Counts for one PLOVER type."""

    type: str
    total: int = 0
    right: int = 0
    type_right: int = 0


@dataclass
class SentenceGoldReport:
    """The score of one sentence gold file."""

    gold: str
    total: int = 0
    right: int = 0  # type, source and target right in one event
    type_right: int = 0  # some event of the right type
    source_right: int = 0  # some event with a right source
    target_right: int = 0  # some event with a right target (any, where the gold names none)
    coded_any: int = 0  # sentences where dyad coded at least one event
    produced: int = 0
    matched: int = 0  # events with type, source and target right
    types: list[TypeScore] = field(default_factory=list)
    failed: list[FailedText] = field(default_factory=list)
    misses: list[SentenceMiss] = field(default_factory=list)

    @property
    def accuracy(self) -> float | None:
        return ratio(self.right, self.total)

    @property
    def precision(self) -> float | None:
        return ratio(self.matched, self.produced)

    def summary(self) -> dict[str, object]:
        """The totals, by name."""
        return {
            "sentences": self.total,
            "sentences_failed": len(self.failed),
            "right": self.right,
            "accuracy": self.accuracy,
            "type_right": self.type_right,
            "source_right": self.source_right,
            "target_right": self.target_right,
            "coded_any": self.coded_any,
            "produced": self.produced,
            "matched": self.matched,
            "precision": self.precision,
        }


def describe_sentence_gold(gold: SentenceGold) -> str:
    """`THREATEN: USA→IRQ` (`any` target when the gold names none)."""
    return f"{gold.event}: {'/'.join(gold.sources)}→{'/'.join(gold.targets) or 'any'}"


def score_sentences(gold: SentenceGoldFile, outcomes: Sequence[Outcome]) -> SentenceGoldReport:
    """Score what dyad coded for each sentence (`outcomes[i]` for `gold.sentences[i]`)."""
    if len(outcomes) != len(gold.sentences):
        raise ValueError(f"{len(outcomes)} outcomes for {len(gold.sentences)} sentences")
    report = SentenceGoldReport(str(gold.path))
    types: dict[str, TypeScore] = {}
    for sentence, outcome in zip(gold.sentences, outcomes, strict=True):
        kind = types.setdefault(sentence.event, TypeScore(sentence.event))
        kind.total += 1
        report.total += 1
        if isinstance(outcome, TextFailed):
            report.failed.append(FailedText(sentence.id, outcome.reason))
            report.misses.append(SentenceMiss(sentence.id, sentence.text,
                                              describe_sentence_gold(sentence), [], [],
                                              outcome.reason))
            continue
        events = outcome.events
        right = any(sentence_match(e, sentence) for e in events)
        typed = any(type_right(e, sentence) for e in events)
        report.right += right
        kind.right += right
        report.type_right += typed
        kind.type_right += typed
        report.source_right += any(source_right(e, sentence) for e in events)
        report.target_right += any(target_right(e, sentence) for e in events)
        report.coded_any += bool(events)
        report.produced += len(events)
        report.matched += sum(sentence_match(e, sentence) for e in events)
        if not right:
            report.misses.append(SentenceMiss(
                sentence.id, sentence.text, describe_sentence_gold(sentence),
                [describe(e) for e in events],
                [line for s in outcome.sentences for line in explanation(s)]))
    report.types = sorted(types.values(), key=lambda t: t.type)
    return report


__all__ = [
    "ArticleReport",
    "FailedText",
    "FalseEvent",
    "FieldScore",
    "ForbiddenHit",
    "Miss",
    "Outcome",
    "RootScore",
    "SentenceGoldReport",
    "SentenceMiss",
    "TextFailed",
    "TextScore",
    "TypeScore",
    "score_articles",
    "score_sentences",
]
