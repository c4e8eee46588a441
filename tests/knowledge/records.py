"""Generated knowledge records as single documents state them, many of them of the same
thing: names, parties, signing years, places, owners and claims drawn from small pools, and
ids that do not follow the documents' order (as the store's ids, which hash the document)."""

from __future__ import annotations

import hashlib
import random

from dyad.knowledge.model import (
    Agreement,
    AgreementStep,
    Claim,
    Evidence,
    Institution,
    InstitutionFact,
    Party,
    Stance,
    StatusFact,
    When,
)

Item = Agreement | Institution | Claim

COUNTRIES = ("RUS", "JPN", "USA", "CHN", "UKR")
NAMES = ("Treaty of Lima", "New START", "Black Sea Grain Initiative", "Open Skies Treaty")
CITIES = ("Khabarovsk", "Vladivostok", "Moscow")


def _id(prefix: str, doc: str, n: int) -> str:
    return f"{prefix}-{hashlib.sha1(f'{doc}/{n}'.encode()).hexdigest()[:10]}"


def stated_records(doc: str, rng: random.Random) -> list[Item]:
    """What one document states: up to two agreements, an institution and a claim."""
    day = When(f"{rng.choice((2000, 2003, 2024))}-06-2{rng.randrange(10)}", "", "day",
               rng.choice(("stated", "document")))
    evidence = Evidence(doc, rng.randrange(3), f"Sentence of {doc}.", (0, 8))
    items: list[Item] = []
    for n in range(rng.randrange(3)):
        parties = tuple(Party(c, c) for c in rng.sample(COUNTRIES, rng.randrange(3)))
        names = tuple(rng.sample(NAMES, rng.randrange(2)))
        name = names[0] if names else "the agreement"
        step = AgreementStep(rng.choice(("signed", "suspended", "ratified")), day, parties[:1],
                             evidence)
        items.append(Agreement(_id("agr", doc, n), "treaty", name, parties, "", (step,),
                               (evidence,), names=names))
    city = rng.choice(CITIES)
    owner = Party(c, c) if (c := rng.choice(("JPN", "RUS", ""))) else None
    kind = rng.choice(("center", "centre", "consulate"))
    name = rng.choice((f"Japan Center in {city}", f"the {kind}", "Culture Center"))
    facts = (InstitutionFact("location", city, evidence),) if rng.random() < 0.7 else ()
    status = StatusFact(rng.choice(("closed", "operating")), "close", day, evidence)
    items.append(Institution(_id("ins", doc, 0), name, kind, owner, facts, (status,),
                             (evidence,)))
    statement = rng.randrange(4)
    subjects = tuple(rng.sample(COUNTRIES, rng.randrange(2)))
    stance = Stance(rng.choice(("claimant", "refuter")), Party("JPN", "Japan"), day, evidence)
    items.append(Claim(_id("clm", doc, 0), f"claim {statement}", f"claim {statement}",
                       rng.choice(("close", "freeze")), subjects, f"object{statement % 2}",
                       (stance,)))
    return items


def stated_documents(count: int, seed: int = 3) -> dict[str, list[Item]]:
    """`count` documents' records, by document id."""
    rng = random.Random(seed)
    return {f"doc{n:03d}": stated_records(f"doc{n:03d}", rng) for n in range(count)}
