"""`event_words` keeps each event's root, QuadClass and Goldstein score, also when a grown
event's best mention (and with it those values) changes."""

from __future__ import annotations

from datetime import date

from dyad.store.backend import Backend
from dyad.store.events import update_events
from dyad.store.merge import Evidence, Mention

D = date(2024, 7, 1)


def _mention(doc: str, *, attribution: str, code: str, goldstein: float, quad: int) -> Mention:
    evidence = Evidence(doc, 0, 0, f"Russia sanctioned Japan ({doc})", "Russia", "Japan",
                        code[:2], "X", goldstein, quad, "", "", attribution, "sanctioned", "{}")
    return Mention("RUS", "JPN", code, D, f"doc:{doc}", evidence)


def _words(backend: Backend) -> set[tuple[object, ...]]:
    return {tuple(r) for r in backend.rows(
        "SELECT w.event_id, w.date, w.source, w.target, w.root, w.quad_class, w.goldstein "
        "FROM event_words w")}


def _events(backend: Backend) -> set[tuple[object, ...]]:
    return {tuple(r) for r in backend.rows(
        "SELECT event_id, date, source, target, root, quad_class, goldstein FROM events")}


def test_event_words_follow_the_best_mention(backend: Backend) -> None:
    # attributed first ("per officials"): a factual report in the document's own voice, read
    # later, becomes the event's best mention, with another Goldstein score and QuadClass
    first = _mention("d2", attribution="officials", code="163", goldstein=-8.0, quad=4)
    later = _mention("d1", attribution="", code="163", goldstein=-4.5, quad=3)
    for batch in ([first], [later]):
        texts = {(m.evidence.doc_id, 0): m.evidence.sentence for m in batch}
        with backend.transaction():
            update_events(backend, batch, texts)
    events = _events(backend)
    assert len(events) == 1
    (_, _, _, _, root, quad, goldstein), = events
    assert (root, quad, goldstein) == ("16", 3, -4.5)
    assert _words(backend) == events
    words = {str(w) for (w,) in backend.rows("SELECT DISTINCT word FROM event_words")}
    assert {"russia", "sanctioned", "japan", "d1", "d2"} <= words
