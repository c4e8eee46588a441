"""Knowledge records back from their `to_dict()` form (as a store keeps them, as JSON).

Derived fields in the dicts (status, standing, counted, implies, the fact lists an
institution shows) are ignored: they are recomputed from the evidence on load.
"""

from __future__ import annotations

from typing import Any

from dyad.geo.location import Location
from dyad.knowledge.model import (
    Agreement,
    AgreementStep,
    Claim,
    Evidence,
    Institution,
    InstitutionFact,
    KnowledgeBase,
    Party,
    Stance,
    StatusFact,
    When,
)

Data = dict[str, Any]


def evidence_from_dict(data: Data) -> Evidence:
    start, end = data["span"]
    return Evidence(data["doc_id"], int(data["sentence_id"]), data["sentence"], (start, end),
                    data.get("attribution", ""))  # fmt: skip


def _party(data: Data | None) -> Party | None:
    return Party(data["code"], data["text"]) if data is not None else None


def _parties(items: list[Data]) -> tuple[Party, ...]:
    return tuple(Party(p["code"], p["text"]) for p in items)


def _when(data: Data) -> When:
    return When(data.get("date", ""), data.get("date_text", ""), data.get("precision", ""),
                data.get("date_source", "document"))  # fmt: skip


def _evidences(items: list[Data]) -> tuple[Evidence, ...]:
    return tuple(evidence_from_dict(e) for e in items)


def agreement_from_dict(data: Data) -> Agreement:
    steps = tuple(
        AgreementStep(
            s["kind"],
            _when(s),
            _parties(s["actors"]),
            evidence_from_dict(s["evidence"]),
            s.get("mode", ""),
            _evidences(s.get("also", [])),
        )
        for s in data["steps"]
    )
    return Agreement(data["id"], data["kind"], data["name"], _parties(data["parties"]),
                     data["subject"], steps, _evidences(data["mentions"]),
                     int(data.get("count", 1)), tuple(data.get("aliases", ())),
                     tuple(data.get("names", ())))  # fmt: skip


def institution_from_dict(data: Data) -> Institution:
    facts = tuple(
        InstitutionFact(
            f["kind"],
            f["value"],
            evidence_from_dict(f["evidence"]),
            f.get("code", ""),
            f.get("relation", ""),
            Location.from_dict(f.get("place")),  # None in records stored before places
        )
        for f in data["facts"]
    )
    status_facts = tuple(
        StatusFact(
            f["status"],
            f["trigger"],
            _when(f),
            evidence_from_dict(f["evidence"]),
            f.get("mode", ""),
            _parties(f.get("actors", [])),
        )
        for f in data["status_facts"]
    )
    return Institution(data["id"], data["name"], data["kind"], _party(data.get("owner")),
                       facts, status_facts, _evidences(data["mentions"]),
                       tuple(data.get("aliases", ())), tuple(data.get("names", ())))  # fmt: skip


def claim_from_dict(data: Data) -> Claim:
    stances = tuple(
        Stance(
            s["role"],
            Party(s["party"]["code"], s["party"]["text"]),
            _when(s),
            evidence_from_dict(s["evidence"]),
            s.get("mode", ""),
            tuple(s.get("citing", ())),
        )
        for s in data["stances"]
    )
    return Claim(data["id"], data["text"], data["gist"], data["predicate"],
                 tuple(data["subjects"]), data["object"], stances,
                 tuple(data.get("aliases", ())))  # fmt: skip


def knowledge_from_dict(data: Data) -> KnowledgeBase:
    """A knowledge base from `KnowledgeBase.to_dict()` output."""
    return KnowledgeBase(
        agreements=tuple(agreement_from_dict(a) for a in data.get("agreements", [])),
        institutions=tuple(institution_from_dict(i) for i in data.get("institutions", [])),
        claims=tuple(claim_from_dict(c) for c in data.get("claims", [])),
    )
