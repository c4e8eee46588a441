"""Records survive a round trip through JSON, as a store will keep them."""

from __future__ import annotations

import json

from dyad.knowledge import knowledge_from_dict
from tests.knowledge.conftest import Extract

TEXTS = (
    "Russia and Ukraine signed the Black Sea Grain Initiative in July 2022.",
    "Russia suspended the Black Sea Grain Initiative in July 2023. Moscow closed the Finnish "
    "consulate in St. Petersburg, a Finnish state body funded by Helsinki. Local media "
    "reported that the embassy would close. The ministry denied the reports, citing officials.",
)


def test_serialize_round_trip_through_json(extract: Extract) -> None:
    kb = extract(*TEXTS)
    assert kb.agreements and kb.institutions and kb.claims
    again = knowledge_from_dict(json.loads(json.dumps(kb.to_dict())))
    assert again == kb
    assert again.to_dict() == kb.to_dict()


def test_serialize_empty() -> None:
    assert knowledge_from_dict({}).to_dict() == {"agreements": [], "institutions": [], "claims": []}


def test_reading_knowledge_does_not_load_the_parser() -> None:
    import subprocess
    import sys

    code = ("import sys, dyad, dyad.knowledge.merge, dyad.knowledge.status, "
            "dyad.knowledge.serialize, dyad.store.knowledge; "
            "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith('dyad.coding')"
            " or m == 'dyad.knowledge.extract'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    assert out.strip() == "[]"
