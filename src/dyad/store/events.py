"""Keep the events table in step with the mentions: merge new mentions into stored events.

Only stored events within a day of a new mention can change, so only those are read back,
merged with the new mentions (`dyad.store.merge`), deleted and written again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from dyad.store.backend import Backend, Row
from dyad.store.merge import WINDOW, Cluster, Evidence, Mention, merge_clusters
from dyad.store.schema import EVENT_COLUMNS, PROBE_TABLE

_IDS = 500  # event ids per DELETE statement

_TOUCHED = f"""SELECT {", ".join(EVENT_COLUMNS)} FROM events WHERE event_id IN (
    SELECT e.event_id FROM events e JOIN {PROBE_TABLE} p
      ON e.source = p.source AND e.target = p.target AND e.code = p.code
     AND ((e.date <= p.hi AND e.last_date >= p.lo) OR (e.date IS NULL AND p.lo IS NULL)))"""


def cluster_row(cluster: Cluster) -> Row:
    """An events-table row (EVENT_COLUMNS order) for a merged event."""
    best = cluster.best
    source, target, code = cluster.key
    return (cluster.event_id, source, target, code, best.root, best.plover, best.goldstein,
            best.quad_class, cluster.first, cluster.last, cluster.num_mentions,
            cluster.num_sources, cluster.num_articles, json.dumps(sorted(cluster.doc_ids)),
            json.dumps(sorted(cluster.outlets)), best.doc_id, best.ordinal, best.sentence_id,
            best.sentence, best.source_text, best.target_text, best.mode, best.date_text,
            best.attribution, best.trigger, best.spans)


def row_cluster(row: Row) -> Cluster:
    """The merged event an events-table row (EVENT_COLUMNS order) holds."""
    value = dict(zip(EVENT_COLUMNS, row, strict=True))
    best = Evidence(
        value["doc_id"], int(value["ordinal"]), int(value["sentence_id"]), value["sentence"],
        value["source_text"], value["target_text"], value["root"], value["plover"],
        float(value["goldstein"]), int(value["quad_class"]), value["mode"], value["date_text"],
        value["attribution"], value["trigger"], value["spans"])
    return Cluster(
        (value["source"], value["target"], value["code"]), value["date"], value["last_date"],
        int(value["num_mentions"]), frozenset(json.loads(value["doc_ids"])),
        frozenset(json.loads(value["outlets"])), best)


def update_events(backend: Backend, mentions: Sequence[Mention]) -> None:
    """Merge new mentions into the stored events (call inside the batch's transaction)."""
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
    for start in range(0, len(old), _IDS):
        part = old[start : start + _IDS]
        backend.execute(f"DELETE FROM events WHERE event_id IN ({', '.join('?' * len(part))})",
                        part)
    backend.insert("events", EVENT_COLUMNS, [cluster_row(c) for c in merged])
