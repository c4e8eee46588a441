"""dyad.open: a handle whose queries give DuckDB relations, pandas and Polars frames."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars
import pytest

import dyad
from dyad.errors import EventNotFoundError, QueryError, StoreError
from dyad.store.backend import Backend
from dyad.store.query import LISTING_COLUMNS
from dyad.store.timeline import TIMELINE_COLUMNS


def test_handle_is_public() -> None:
    assert "open" in dyad.__all__
    assert callable(dyad.open)


def test_handle_frames(news: Backend, store_url: str) -> None:
    news.close()
    with dyad.open(store_url) as store:
        result = store.events(dyad="RUS:JPN", root="16")
        frame = result.pl()
        assert isinstance(frame, polars.DataFrame)
        assert frame.columns == list(LISTING_COLUMNS)
        assert frame["num_mentions"].to_list() == [2]
        assert result.df()["code"].tolist() == ["163"]
        assert isinstance(result.relation(), duckdb.DuckDBPyRelation)
        assert result.relation().count("*").fetchall() == [(1,)]
        assert [r["code"] for r in store.events(actor="JPN", where=["quad_class=3"]).records()] \
            == ["111", "111"]
        timeline = store.timeline("RUS", "JPN")
        assert timeline.pl().columns == list(TIMELINE_COLUMNS)
        assert timeline.df().shape == (6, 9)
        counts = store.sql("SELECT code, count(*) AS n FROM events WHERE code = ? GROUP BY code",
                           ["111"]).rows()
        assert counts == [("111", 2)]
        event_id = frame["event_id"][0]
        assert len(store.event(event_id).mentions) == 2
        assert store.mentions(event_id).pl()["doc_id"].to_list() == ["a", "b"]
        assert store.mentions().pl().height == 8
        with pytest.raises(EventNotFoundError):
            store.event("nope")


def test_handle_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        dyad.open(tmp_path / "none.duckdb")
    assert caught.value.message == f"{tmp_path / 'none.duckdb'}: no such database"
    assert "dyad ingest" in caught.value.hint


def test_handle_not_a_dyad_store(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(StoreError, match="not a dyad event store"):
        dyad.open(path)


def test_handle_default_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DYAD_DB", raising=False)
    with pytest.raises(StoreError, match="^dyad.duckdb: no such database"):
        dyad.open()
    monkeypatch.setenv("DYAD_DB", "elsewhere.duckdb")
    with pytest.raises(StoreError, match="^elsewhere.duckdb: no such database"):
        dyad.open()


@pytest.mark.parametrize("bad", ["2000-13-45", "2024/01/01", "yesterday", "20240101"])
def test_handle_dates_are_checked_as_the_cli_checks_them(news: Backend, store_url: str,
                                                         bad: str) -> None:
    news.close()
    with dyad.open(store_url) as store:
        with pytest.raises(QueryError) as raised:
            store.events(since=bad).records()
        assert str(raised.value) == f"since: {bad!r} is not a date in YYYY-MM-DD form"
        with pytest.raises(QueryError, match="until: "):
            store.timeline("RUS", "JPN", until=bad)
        assert [r["code"] for r in store.events(since="2024-09-01").records()] == [
            "033", "111", "190"]


def test_handle_new_filters_and_facets(news: Backend, store_url: str) -> None:
    news.close()
    with dyad.open(store_url) as store:
        assert [r["code"] for r in store.events(pair="JPN:RUS", quad_class=3).records()] == [
            "111", "111"]
        assert [r["code"] for r in store.events(source="RUS", plover="assault").records()] == [
            "190"]
        facets = store.facets(actor="RUS")
        assert facets.total == 5
        assert {c.value: c.count for c in facets.counts["source_country"]} == {
            "RUS": 3, "JPN": 2}


def test_handle_knowledge_as_frames(news: Backend, store_url: str) -> None:
    news.close()
    with dyad.open(store_url) as store:
        for result in (store.agreements(), store.institutions(), store.claims()):
            frame = result.pl()
            assert isinstance(frame, polars.DataFrame)
            assert result.df().shape[0] == frame.height
