"""merge: mentions chained within ±1 day per (source, target, code), order-independent."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from dyad.store.merge import Cluster, Evidence, Mention, event_id, merge_clusters, merge_mentions

D = date(2024, 7, 1)


def mention(day: date | None, doc: str = "d1", ordinal: int = 0, *, key: str = "RUS JPN 163",
            outlet: str = "", mode: str = "", attribution: str = "") -> Mention:
    source, target, code = key.split()
    evidence = Evidence(doc, ordinal, 0, f"sentence of {doc}", source, target, code[:2], "X",
                        -8.0, 4, mode, "", attribution, "imposed", "{}")
    return Mention(source, target, code, day, outlet or f"doc:{doc}", evidence)


def summary(clusters: list[Cluster]) -> list[tuple[object, ...]]:
    return [(c.event_id, c.key, c.first, c.last, c.num_mentions, c.num_sources, c.num_articles,
             sorted(c.doc_ids), c.best) for c in clusters]


def test_merge_mentions_within_a_day_are_one_event() -> None:
    events = merge_mentions([mention(D, "a"), mention(D + timedelta(days=1), "b")])
    assert len(events) == 1
    assert (events[0].first, events[0].last, events[0].num_mentions) == (D, D + timedelta(1), 2)


def test_merge_two_days_apart_are_two_events() -> None:
    events = merge_mentions([mention(D, "a"), mention(D + timedelta(days=2), "b")])
    assert [e.first for e in events] == [D, D + timedelta(days=2)]


def test_merge_chains_day_by_day() -> None:
    events = merge_mentions([mention(D + timedelta(days=n), f"d{n}") for n in range(5)])
    assert len(events) == 1
    assert events[0].num_articles == 5


def test_merge_keys_stay_apart() -> None:
    events = merge_mentions([mention(D, "a"), mention(D, "b", key="JPN RUS 163"),
                             mention(D, "c", key="RUS JPN 111")])
    assert sorted(e.key for e in events) == [("JPN", "RUS", "163"), ("RUS", "JPN", "111"),
                                            ("RUS", "JPN", "163")]


def test_merge_counts_like_gdelt() -> None:
    events = merge_mentions([
        mention(D, "a", 0, outlet="Reuters"), mention(D, "a", 1, outlet="Reuters"),
        mention(D, "b", 0, outlet="Reuters"), mention(D, "c", 0, outlet="AP")])
    (event,) = events
    assert (event.num_mentions, event.num_sources, event.num_articles) == (4, 2, 3)


def test_merge_undated_mentions_form_one_event() -> None:
    events = merge_mentions([mention(None, "a"), mention(None, "b"), mention(D, "c")])
    assert [(e.first, e.num_mentions) for e in events] == [(D, 1), (None, 2)]


def test_merge_event_id_is_hash_of_key_and_first_date() -> None:
    (event,) = merge_mentions([mention(D + timedelta(days=1), "a"), mention(D, "b")])
    assert event.event_id == event_id(("RUS", "JPN", "163"), D)
    assert len(event.event_id) == 16
    assert event.event_id != event_id(("RUS", "JPN", "163"), D + timedelta(days=1))


def test_merge_best_mention_is_factual_then_own_voice_then_first() -> None:
    events = merge_mentions([mention(D, "a", mode="conditional"),
                             mention(D, "b", attribution="RIA Novosti"), mention(D, "c")])
    assert events[0].best.doc_id == "c"
    events = merge_mentions([mention(D, "z", 3), mention(D, "z", 1)])
    assert (events[0].best.doc_id, events[0].best.ordinal) == ("z", 1)


def _random_mentions(seed: int, count: int = 60) -> list[Mention]:
    rng = random.Random(seed)
    keys = ("RUS JPN 163", "JPN RUS 111", "CHN USA 112")
    return [mention(None if rng.random() < 0.05 else D + timedelta(days=rng.randrange(20)),
                    f"doc{rng.randrange(25)}", n, key=rng.choice(keys),
                    outlet=rng.choice(("A", "B", "C")), mode=rng.choice(("", "", "intend")))
            for n in range(count)]


@pytest.mark.parametrize("seed", range(5))
def test_merge_is_independent_of_order(seed: int) -> None:
    mentions = _random_mentions(seed)
    expected = summary(merge_mentions(mentions))
    for shuffle in range(5):
        shuffled = mentions[:]
        random.Random(shuffle).shuffle(shuffled)
        assert summary(merge_mentions(shuffled)) == expected


def _touches(cluster: Cluster, key: tuple[str, str, str], day: date | None) -> bool:
    """Whether a new mention (key, day) can change a stored event, as the store decides."""
    if key != cluster.key:
        return False
    if day is None or cluster.first is None or cluster.last is None:
        return day is None and cluster.first is None
    return cluster.first - timedelta(days=1) <= day <= cluster.last + timedelta(days=1)


@pytest.mark.parametrize("seed", range(5))
def test_merge_incremental_equals_all_at_once(seed: int) -> None:
    mentions = _random_mentions(seed)
    rng = random.Random(seed)
    stored: list[Cluster] = []
    start = 0
    while start < len(mentions):
        batch = mentions[start : start + rng.randrange(1, 12)]
        start += len(batch)
        touched = [c for c in stored if any(_touches(c, m.key, m.date) for m in batch)]
        kept = [c for c in stored if c not in touched]
        stored = kept + merge_clusters([*touched, *(Cluster.of(m) for m in batch)])
    assert sorted(summary(stored), key=str) == sorted(summary(merge_mentions(mentions)), key=str)
    for cluster in stored:  # the sorted lists kept along agree with the sets
        assert cluster.sorted_doc_ids() == sorted(cluster.doc_ids)
        assert cluster.sorted_outlets() == sorted(cluster.outlets)
