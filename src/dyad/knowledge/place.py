"""Role-only actors given the country the document is about, as the event coder places them:
"the government", "a spokesman", "rebels" with no country of their own become that country's
(`---GOV` → `JPNGOV` in a document about Japan). A denial such a party then makes of a claim
about its own country disputes the claim rather than refutes it.
"""

from __future__ import annotations

from dataclasses import replace

from dyad.knowledge.model import (
    AgreementStep,
    KnowledgeBase,
    Party,
    Stance,
    StatusFact,
)
from dyad.knowledge.vocabulary import speaks_for


def place(party: Party, country: str) -> Party:
    """The party with a role-only code given `country` ("---GOV" → "JPNGOV")."""
    if country and party.code.startswith("---"):
        return Party(country + party.code[3:], party.text)
    return party


def _parties(parties: tuple[Party, ...], country: str) -> tuple[Party, ...]:
    return tuple(place(p, country) for p in parties)


def _step(step: AgreementStep, country: str) -> AgreementStep:
    return replace(step, actors=_parties(step.actors, country))


def _fact(fact: StatusFact, country: str) -> StatusFact:
    return replace(fact, actors=_parties(fact.actors, country))


def _stance(stance: Stance, country: str, accused: set[str]) -> Stance:
    placed = replace(stance, party=place(stance.party, country))
    if placed.role == "refuter" and speaks_for(placed.party.code, accused):
        return replace(placed, role="disputer")
    return placed


def placed_in(kb: KnowledgeBase, country: str) -> KnowledgeBase:
    """The knowledge of one document with its role-only parties given `country` (unchanged
    when no country stands out)."""
    if not country:
        return kb
    agreements = tuple(replace(a, parties=_parties(a.parties, country),
                               steps=tuple(_step(s, country) for s in a.steps))
                       for a in kb.agreements)  # fmt: skip
    institutions = tuple(replace(i, owner=place(i.owner, country) if i.owner else None,
                                 status_facts=tuple(_fact(f, country) for f in i.status_facts))
                         for i in kb.institutions)  # fmt: skip
    claims = tuple(replace(c, stances=tuple(_stance(s, country, set(c.subjects))
                                            for s in c.stances))
                   for c in kb.claims)  # fmt: skip
    return KnowledgeBase(agreements, institutions, claims)

