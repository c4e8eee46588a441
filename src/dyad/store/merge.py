"""Merge mentions into events: the same (source, target, code) reported within ±1 day.

Mentions of one key are sorted by date and chained: a mention no more than a day after the
previous one joins its event. The result depends only on the set of mentions, never on their
order, and an event's id is a hash of source|target|code|first date. Undated mentions of a key
form one undated event.

`merge_clusters` also takes events already merged: each stored event is the chain of its own
mentions, so merging stored events with new mentions gives what merging all mentions would.
That is how an ingest updates only the events that its new mentions touch.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

Key = tuple[str, str, str]
#: How far apart two mentions' dates may be for them to report one event.
WINDOW = timedelta(days=1)


@dataclass(frozen=True)
class Evidence:
    """What an event shows of one of its mentions: the event record's fields but the date."""

    doc_id: str
    ordinal: int
    sentence_id: int
    sentence: str
    source_text: str
    target_text: str
    root: str
    plover: str
    goldstein: float
    quad_class: int
    mode: str
    date_text: str
    attribution: str
    trigger: str
    spans: str  # JSON
    location: str = ""  # the mention's location as JSON ("" for none)

    def rank(self) -> tuple[bool, bool, str, int]:
        """Sort key of the best mention: factual, in the document's own voice, then first."""
        return (self.mode != "", self.attribution != "", self.doc_id, self.ordinal)


@dataclass(frozen=True)
class Mention:
    """One coded event record as the merge sees it."""

    source: str
    target: str
    code: str
    date: date | None
    outlet: str  # the news source it came from, for NumSources
    evidence: Evidence

    @property
    def key(self) -> Key:
        """What mentions of one event share: (source, target, code)."""
        return (self.source, self.target, self.code)


@dataclass(frozen=True)
class Cluster:
    """Mentions merged into one event, summarised: enough to merge it with more mentions."""

    key: Key
    first: date | None
    last: date | None
    num_mentions: int
    doc_ids: frozenset[str]
    outlets: frozenset[str]
    best: Evidence
    #: `doc_ids` and `outlets` sorted, when known (else empty): a stored event's lists come
    #: sorted, and keeping them saves sorting tens of thousands of ids again for each batch
    doc_order: tuple[str, ...] = field(default=(), compare=False, repr=False)
    outlet_order: tuple[str, ...] = field(default=(), compare=False, repr=False)
    #: the most precise location of its mentions, as JSON ("" for none)
    location: str = ""

    @classmethod
    def of(cls, mention: Mention) -> Cluster:
        """The one-mention event of a mention."""
        return cls(mention.key, mention.date, mention.date, 1, frozenset([mention.evidence.doc_id]),
                   frozenset([mention.outlet]), mention.evidence, (mention.evidence.doc_id,),
                   (mention.outlet,), mention.evidence.location)

    def sorted_doc_ids(self) -> list[str]:
        """The document ids, sorted."""
        return list(self.doc_order) if self.doc_order else sorted(self.doc_ids)

    def sorted_outlets(self) -> list[str]:
        """The outlets, sorted."""
        return list(self.outlet_order) if self.outlet_order else sorted(self.outlets)

    @property
    def event_id(self) -> str:
        """The event's id: a hash of source|target|code|first date."""
        return event_id(self.key, self.first)

    @property
    def num_sources(self) -> int:
        """How many news sources report the event (GDELT's NumSources)."""
        return len(self.outlets)

    @property
    def num_articles(self) -> int:
        """How many documents report the event (GDELT's NumArticles)."""
        return len(self.doc_ids)

    def join(self, other: Cluster) -> Cluster:
        """This event and another of the same key, as one (their mentions must be disjoint)."""
        return Cluster(
            self.key,
            _earliest(self.first, other.first),
            _latest(self.last, other.last),
            self.num_mentions + other.num_mentions,
            self.doc_ids | other.doc_ids,
            self.outlets | other.outlets,
            min(self.best, other.best, key=Evidence.rank),
            location=most_precise([self.location, other.location]),
        )


def event_id(key: Key, first: date | None) -> str:
    """A stable event id: the start of the SHA-256 of source|target|code|first date."""
    source, target, code = key
    text = f"{source}|{target}|{code}|{first.isoformat() if first else ''}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _earliest(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def _latest(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def combine(clusters: Sequence[Cluster]) -> Cluster:
    """Events of one key as one: what joining them one by one gives, with each set built once
    (joining a big stored event with many one-mention events pairwise would copy its document
    ids once per mention)."""
    if len(clusters) == 1:
        return clusters[0]
    firsts = [c.first for c in clusters if c.first is not None]
    lasts = [c.last for c in clusters if c.last is not None]
    doc_ids = frozenset().union(*(c.doc_ids for c in clusters))
    outlets = frozenset().union(*(c.outlets for c in clusters))
    return Cluster(
        clusters[0].key,
        min(firsts) if firsts else None,
        max(lasts) if lasts else None,
        sum(c.num_mentions for c in clusters),
        doc_ids,
        outlets,
        min((c.best for c in clusters), key=Evidence.rank),
        _sorted_union([(c.doc_ids, c.doc_order) for c in clusters]),
        _sorted_union([(c.outlets, c.outlet_order) for c in clusters]),
        most_precise([c.location for c in clusters]),
    )


def most_precise(locations: Sequence[str]) -> str:
    """The most precise of mentions' locations (JSON; "" for none): a city before a division,
    a division before a country, a clause's place before a dateline's; the same whatever
    the order of the mentions."""
    from dyad.geo.location import Location

    best, best_rank = "", (-1, False, "")
    for text in locations:
        if not text:
            continue
        location = Location.from_dict(json.loads(text))
        if location is None:
            continue
        rank = (location.precision, location.rule == "clause", text)
        if rank > best_rank:
            best, best_rank = text, rank
    return best


def _sorted_union(parts: Sequence[tuple[frozenset[str], tuple[str, ...]]]) -> tuple[str, ...]:
    """The union of sets, sorted: the largest one's sorted order (when known) with the others'
    items it lacks, sorted again, which costs little for a sorted run and a few more."""
    largest, order = max(parts, key=lambda part: len(part[0]))
    if not order:
        return tuple(sorted(frozenset().union(*(items for items, _ in parts))))
    extra = {item for items, _ in parts if items is not largest for item in items
             if item not in largest}
    return tuple(sorted([*order, *extra])) if extra else order


def merge_clusters(clusters: Iterable[Cluster]) -> list[Cluster]:
    """Merge events (and one-mention events) whose dates chain within the window, per key."""
    by_key: dict[Key, list[Cluster]] = defaultdict(list)
    for cluster in clusters:
        by_key[cluster.key].append(cluster)
    merged: list[Cluster] = []
    for key in sorted(by_key):
        undated: list[Cluster] = []
        dated: list[Cluster] = []
        for cluster in by_key[key]:
            (undated if cluster.first is None else dated).append(cluster)
        dated.sort(key=lambda c: (c.first, c.last))
        chain: list[Cluster] = []
        last: date | None = None
        for cluster in dated:
            assert cluster.first is not None
            if chain and last is not None and cluster.first <= last + WINDOW:
                chain.append(cluster)
            else:
                if chain:
                    merged.append(combine(chain))
                chain = [cluster]
                last = None
            if cluster.last is not None and (last is None or cluster.last > last):
                last = cluster.last
        if chain:
            merged.append(combine(chain))
        if undated:
            merged.append(combine(undated))
    return merged


def merge_mentions(mentions: Iterable[Mention]) -> list[Cluster]:
    """Merge mentions into events; the same set of mentions always gives the same events."""
    return merge_clusters(Cluster.of(m) for m in mentions)
