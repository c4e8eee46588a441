"""Keep the events table in step with the mentions: merge new mentions into stored events.

Only stored events within a day of a new mention can change, so only those are read back,
merged with the new mentions (`dyad.store.merge`), deleted and written again. The tables
derived from the events follow in the same transaction: `event_words` gets the words of the
new mentions' sentences (read back from the batch's own `sentences` rows) that their event
lacks, and an event whose id changes (its first date moved, or a new mention bridged two
events) takes over the words of the events it joins; the `event_days` rows of every (source,
target, first day) an old or new event had are recomputed from the events, and the
`country_days` rows of their countries from `event_days`.

So a batch never reads the history of the events it touches, only the events' rows and their
words (as many as the words their sentences use, not as their mentions): ingesting N copies of
one report takes the same time per copy at any N. The event row itself still holds every
document id and outlet of the event (`doc_ids`, `outlets`, JSON), which a batch reads and
writes again: cheap next to the rest (`benchmarks/bench_ingest_scale.py`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from dyad.store.backend import Backend, Row, clean_text
from dyad.store.merge import WINDOW, Cluster, Evidence, Key, Mention, merge_clusters
from dyad.store.query import listing_json, search_words
from dyad.store.schema import (
    DAY_PROBE_TABLE,
    EVENT_COLUMNS,
    EVENT_DAY_COLUMNS,
    EVENT_WORD_COLUMNS,
    PROBE_TABLE,
)

_IDS = 500  # event ids per DELETE statement

_TOUCHED = f"""SELECT {", ".join(EVENT_COLUMNS)} FROM events WHERE event_id IN (
    SELECT e.event_id FROM events e JOIN {PROBE_TABLE} p
      ON e.source = p.source AND e.target = p.target AND e.code = p.code
     AND ((e.date <= p.hi AND e.last_date >= p.lo) OR (e.date IS NULL AND p.lo IS NULL)))"""
_DAY_SUMS = f"""SELECT e.source, e.target, e.date, count(*),
       count(*) FILTER (WHERE e.quad_class = 1), count(*) FILTER (WHERE e.quad_class = 2),
       count(*) FILTER (WHERE e.quad_class = 3), count(*) FILTER (WHERE e.quad_class = 4),
       sum(e.goldstein)
    FROM events e JOIN {DAY_PROBE_TABLE} p
      ON e.source = p.source AND e.target = p.target AND e.date = p.day
    GROUP BY e.source, e.target, e.date"""
_COUNTRY_SUMS = f"""SELECT substr(d.source, 1, 3), substr(d.target, 1, 3), d.day, sum(d.events),
       sum(d.quad1), sum(d.quad2), sum(d.quad3), sum(d.quad4), sum(d.goldstein)
    FROM event_days d JOIN {DAY_PROBE_TABLE} p
      ON substr(d.source, 1, 3) = p.source AND substr(d.target, 1, 3) = p.target
     AND d.day = p.day
    GROUP BY 1, 2, 3"""


def cluster_row(cluster: Cluster) -> Row:
    """An events-table row (EVENT_COLUMNS order) for a merged event."""
    best = cluster.best
    source, target, code = cluster.key
    row = (cluster.event_id, source, target, code, best.root, best.plover, best.goldstein,
           best.quad_class, cluster.first, cluster.last, cluster.num_mentions,
           cluster.num_sources, cluster.num_articles, json.dumps(cluster.sorted_doc_ids()),
           json.dumps(cluster.sorted_outlets()), best.doc_id, best.ordinal, best.sentence_id,
           best.sentence, best.source_text, best.target_text, best.mode, best.date_text,
           best.attribution, best.trigger, best.spans, *location_columns(cluster.location))
    # the listing shows the text columns as the store keeps them (`clean_text`: no NUL)
    kept: Row = tuple(clean_text(v) if isinstance(v, str) else v for v in row)
    return (*kept, listing_json(dict(zip(EVENT_COLUMNS[:-1], kept, strict=True))))


def row_cluster(row: Row) -> Cluster:
    """The merged event an events-table row (EVENT_COLUMNS order) holds."""
    value = dict(zip(EVENT_COLUMNS, row, strict=True))
    best = Evidence(
        value["doc_id"], int(value["ordinal"]), int(value["sentence_id"]), value["sentence"],
        value["source_text"], value["target_text"], value["root"], value["plover"],
        float(value["goldstein"]), int(value["quad_class"]), value["mode"], value["date_text"],
        value["attribution"], value["trigger"], value["spans"])
    # stored sorted: sorting again only checks that, in one pass
    doc_order = tuple(sorted(json.loads(value["doc_ids"])))
    outlet_order = tuple(sorted(json.loads(value["outlets"])))
    return Cluster(
        (value["source"], value["target"], value["code"]), value["date"], value["last_date"],
        int(value["num_mentions"]), frozenset(doc_order), frozenset(outlet_order), best,
        doc_order, outlet_order, value["location"] or "")


def location_columns(location: str) -> tuple[str | None, str | None, float | None, float | None]:
    """The events table's location columns for a location's JSON ("" for none): the JSON,
    its country, latitude and longitude (NULL where unknown)."""
    if not location:
        return (None, None, None, None)
    data = json.loads(location)
    return (location, data.get("country") or None, data.get("lat"), data.get("lon"))


def update_events(backend: Backend, mentions: Sequence[Mention],
                  sentences: Mapping[tuple[str, int], str] | None = None) -> None:
    """Merge new mentions into the stored events (call inside the batch's transaction, after
    the mentions' sentences are written; `sentences`, the text of each sentence of the batch
    by (document id, sentence id) as written, saves reading them back)."""
    if not mentions:
        return
    probes = sorted({(m.source, m.target, m.code, m.date) for m in mentions},
                    key=lambda p: (p[0], p[1], p[2], p[3] is not None, p[3] or 0))
    backend.execute(f"DELETE FROM {PROBE_TABLE}")
    backend.insert(PROBE_TABLE, ("source", "target", "code", "lo", "hi"),
                   [(s, t, c, d - WINDOW if d else None, d + WINDOW if d else None)
                    for s, t, c, d in probes])
    stored = [row_cluster(row) for row in backend.rows(_TOUCHED)]
    merged = merge_clusters([*stored, *(Cluster.of(m) for m in mentions)])
    old = [c.event_id for c in stored]
    for part in _chunks(old):
        marks = ", ".join("?" * len(part))
        backend.execute(f"DELETE FROM events WHERE event_id IN ({marks})", part)
    backend.insert("events", EVENT_COLUMNS, [cluster_row(c) for c in merged])
    _add_event_words(backend, stored, merged, mentions, sentences)
    write_event_days(backend, {(c.key[0], c.key[1], c.first)
                               for c in (*stored, *merged) if c.first is not None})


def _holder(merged: Sequence[Cluster]) -> Callable[[Key, date | None], Cluster]:
    """Which merged event holds a mention or stored event of a key at a (first) date."""
    by_key: dict[Key, list[Cluster]] = defaultdict(list)
    for cluster in merged:
        by_key[cluster.key].append(cluster)

    def find(key: Key, day: date | None) -> Cluster:
        for cluster in by_key[key]:
            if day is None and cluster.first is None:
                return cluster
            if (day is not None and cluster.first is not None and cluster.last is not None
                    and cluster.first <= day <= cluster.last):
                return cluster
        raise AssertionError(f"no merged event holds {key} on {day}")

    return find


def _add_event_words(backend: Backend, stored: Sequence[Cluster], merged: Sequence[Cluster],
                     mentions: Sequence[Mention],
                     sentences: Mapping[tuple[str, int], str] | None) -> None:
    """Bring `event_words` in step with a batch: the words of the new mentions' sentences go
    to their events; an event that replaces stored events of other ids takes their words over
    (their rows go). Reads only the words of the stored events touched, never their
    mentions."""
    holder = _holder(merged)
    joined: dict[str, list[str]] = defaultdict(list)  # merged event id -> stored event ids
    for cluster in stored:
        joined[holder(cluster.key, cluster.first).event_id].append(cluster.event_id)
    known: dict[str, set[str]] = defaultdict(set)  # stored event id -> its words
    for part in _chunks(sorted(c.event_id for c in stored)):
        for event_id, word in backend.rows(
                f"SELECT event_id, word FROM event_words WHERE event_id IN "
                f"({', '.join('?' * len(part))})", part):
            known[str(event_id)].add(str(word))
    texts = sentences if sentences is not None else _sentence_texts(backend, mentions)
    fresh: dict[str, set[str]] = defaultdict(set)  # merged event id -> words of new mentions
    for mention in mentions:
        event = holder(mention.key, mention.date).event_id
        fresh[event].update(search_words(texts[mention.evidence.doc_id,
                                               mention.evidence.sentence_id]))
    before = {c.event_id: _word_facets(c) for c in stored}
    gone: list[str] = []
    changed: list[tuple[str, int, float, str]] = []
    rows: list[EventWord] = []
    for cluster in merged:
        parts = joined.get(cluster.event_id, [])
        words = fresh.get(cluster.event_id, set())
        facets = _word_facets(cluster)
        if parts == [cluster.event_id]:  # the same event, grown: only the words it lacks
            words = words - known[cluster.event_id]
            if before[cluster.event_id] != facets:  # another best mention, other values
                changed.append((*facets, cluster.event_id))
        else:  # a new event, or one that replaces events of other ids
            gone += parts
            for part in parts:
                words = words | known[part]
        source, target, _ = cluster.key
        rows += [(word, cluster.event_id, cluster.first, source, target, *facets)
                 for word in words]
    for part in _chunks(sorted(gone)):
        backend.execute(f"DELETE FROM event_words WHERE event_id IN "
                        f"({', '.join('?' * len(part))})", part)
    for values in changed:
        backend.execute("UPDATE event_words SET root = ?, quad_class = ?, goldstein = ? "
                        "WHERE event_id = ?", list(values))
    backend.insert("event_words", EVENT_WORD_COLUMNS, sorted(rows, key=lambda r: (r[0], r[1])))


def _sentence_texts(backend: Backend, mentions: Sequence[Mention]) -> dict[tuple[str, int], str]:
    """The stored text of the mentions' sentences, by (document id, sentence id)."""
    doc_ids = sorted({clean_text(m.evidence.doc_id) for m in mentions})
    wanted = {(m.evidence.doc_id, m.evidence.sentence_id) for m in mentions}
    texts: dict[tuple[str, int], str] = {}
    for part in _chunks(doc_ids):
        for doc_id, sentence_id, text in backend.rows(
                f"SELECT doc_id, sentence_id, text FROM sentences WHERE doc_id IN "
                f"({', '.join('?' * len(part))})", part):
            texts[str(doc_id), int(sentence_id)] = str(text)
    for doc_id, sentence_id in wanted:  # an id with a NUL is stored with a space
        if (doc_id, sentence_id) not in texts:
            texts[doc_id, sentence_id] = texts[clean_text(doc_id), sentence_id]
    return texts


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), _IDS):
        yield items[start : start + _IDS]


#: An event's sentence as `event_words` takes it: (event id, date, source, target, root,
#: QuadClass, Goldstein score, text).
EventSentence = tuple[str, date | None, str, str, str, int, float, str]
#: An `event_words` row: (word, event id, date, source, target, root, QuadClass, Goldstein
#: score), EVENT_WORD_COLUMNS.
EventWord = tuple[str, str, date | None, str, str, str, int, float]


def _word_facets(cluster: Cluster) -> tuple[str, int, float]:
    """What `event_words` holds of an event for facet counts: the root, QuadClass and
    Goldstein score of its best mention (as its events row)."""
    best = cluster.best
    return best.root, best.quad_class, best.goldstein


def event_words(sentences: Iterable[EventSentence]) -> list[EventWord]:
    """The `event_words` rows of the sentences of events' mentions, distinct and sorted."""
    found: set[EventWord] = set()
    for event_id, day, source, target, root, quad, goldstein, text in sentences:
        found.update((word, event_id, day, source, target, root, quad, goldstein)
                     for word in search_words(text))
    return sorted(found, key=lambda row: (row[0], row[1]))


def write_event_days(backend: Backend, days: Iterable[tuple[str, str, date]]) -> None:
    """Recompute the `event_days` rows of these (source, target, day) from the events, then
    the `country_days` rows of their countries (first three letters) from `event_days`."""
    keys = sorted(set(days))
    if not keys:
        return
    _recompute(backend, "event_days", keys, _DAY_SUMS)
    countries = sorted({(source[:3], target[:3], day) for source, target, day in keys})
    _recompute(backend, "country_days", countries, _COUNTRY_SUMS)


def _recompute(backend: Backend, table: str, keys: Sequence[tuple[str, str, date]],
               sums: str) -> None:
    """Replace the rows of `table` (EVENT_DAY_COLUMNS) at `keys` with what `sums` gives for
    the keys (listed in the day probe table)."""
    backend.execute(f"DELETE FROM {DAY_PROBE_TABLE}")
    backend.insert(DAY_PROBE_TABLE, ("source", "target", "day"), keys)
    backend.execute(f"DELETE FROM {table} WHERE EXISTS (SELECT 1 FROM {DAY_PROBE_TABLE} p "
                    f"WHERE p.source = {table}.source AND p.target = {table}.target "
                    f"AND p.day = {table}.day)")
    backend.execute(f"INSERT INTO {table} ({', '.join(EVENT_DAY_COLUMNS)}) {sums}")

