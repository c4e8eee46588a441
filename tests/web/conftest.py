"""Web fixtures: a store ingested once from `examples/`, and test clients of apps over it."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dyad.coding.coder import EventCoder
from dyad.store.backend import open_backend
from dyad.store.ingest import IngestOptions, ingest
from tests.conftest import EXAMPLES

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # the test client notes that httpx2 exists
    from fastapi.testclient import TestClient

from dyad.web.app import create_app
from tests.web.html import parse

TOKEN = "s3cret-token-for-tests"
#: The publication dates of the example texts (examples/SOURCES.md).
EXAMPLE_DATES: dict[str, date] = {
    "japan-centers.txt": date(2024, 7, 2),
    "02-kremlin-normandy-format-leaders-call-ceasefire-2017.txt": date(2017, 8, 22),
    "03-mofa-japan-australia-epa-entry-into-force-2014.txt": date(2014, 12, 16),
    "04-usaid-sumatra-earthquake-emergency-aid-2009.txt": date(2009, 10, 1),
    "05-mofa-senkaku-protest-chinese-ambassador-summoned-2016.txt": date(2016, 8, 5),
    "06-us-state-venezuela-visa-restrictions-2015.txt": date(2015, 2, 2),
    "07-jmsdf-multilateral-exercise-south-china-sea-2024.txt": date(2024, 6, 17),
    "08-un-sg-syria-cessation-of-hostilities-2016.txt": date(2016, 2, 22),
    "09-un-security-council-london-attacks-2005.txt": date(2005, 7, 7),
}


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory, coder: EventCoder) -> Path:
    """A DuckDB store with the nine example texts, each dated by its publication date."""
    path = tmp_path_factory.mktemp("web") / "examples.duckdb"
    backend = open_backend(str(path), create=True)
    try:
        for name, day in EXAMPLE_DATES.items():
            ingest(backend, [str(EXAMPLES / name)], IngestOptions(default_date=day), coder=coder)
    finally:
        backend.close()
    return path


@pytest.fixture(scope="session")
def client(store_path: Path, coder: EventCoder) -> Iterator[TestClient]:
    """A client of the read-only app."""
    with TestClient(create_app(str(store_path), coder=coder)) as test_client:
        yield test_client


@pytest.fixture
def writable(store_path: Path, tmp_path: Path, coder: EventCoder) -> Iterator[TestClient]:
    """A client of an app with writes allowed (token TOKEN), over a copy of the store."""
    copy = tmp_path / "writable.duckdb"
    shutil.copy(store_path, copy)
    with TestClient(create_app(str(copy), allow_writes=True, token=TOKEN, coder=coder)
                    ) as test_client:
        yield test_client


def form_token(client: TestClient) -> str:
    """The hidden token of the code page's form, as a browser gets it."""
    page = parse(client.get("/code").text)
    return page.one("input", name="form_token").attrs["value"]


def post_code_form(client: TestClient, data: dict[str, str]) -> Any:
    """Post the code page's form as a browser does: with the page's form token."""
    return client.post("/code", data={"form_token": form_token(client), **data})
