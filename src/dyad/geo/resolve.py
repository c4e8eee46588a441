"""Choosing the one place a name means, from the document's evidence, or none."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from dyad.geo.gazetteer import DIRECTIONS, Gazetteer, Place

#: A city stands for its name only when it has this many times the people of the next city
#: so named that the evidence leaves ("Moscow": Russia's, not Idaho's).
DOMINANCE = 5


def choose(candidates: Iterable[Place], *evidence: Collection[str]) -> Place | None:
    """The place a name means among its candidates: a country's own name means the country
    unless only another place so named is in the evidence ("Georgia"); else those in the
    countries of the first evidence that has any (the event's own countries, then the
    document's), then the biggest city when it dwarfs the others so named; None when
    the name stays ambiguous ("Washington" in a text about England and the United States)."""
    pool = list(candidates)
    if not pool:
        return None
    # a country's own name means the country ("Georgia"), unless only another place so
    # named is in the evidence
    named = [p for p in pool if p.kind == "country"]
    if len(named) == 1 and (any(named[0].country in countries for countries in evidence)
                            or not any(p.country in c for p in pool for c in evidence)):
        return named[0]
    for countries in evidence:
        kept = [p for p in pool if p.country in countries]
        if kept:
            pool = kept
            break
    countries_named = [p for p in pool if p.kind == "country"]
    if countries_named:
        return countries_named[0] if len(countries_named) == 1 else None
    cities = sorted((p for p in pool if p.kind == "city"), key=lambda p: -p.population)
    if not cities:  # divisions and regions: one, or none
        return pool[0] if len(pool) == 1 else None
    if len(cities) == 1 or cities[0].population >= DOMINANCE * max(cities[1].population, 1):
        return cities[0]  # the city before the division of its name ("Islamabad")
    return None  # "Springfield": several of a size


def lookup(gazetteer: Gazetteer, words: str, qualifier: str = "") -> tuple[Place, ...]:
    """The places a name may be, with its direction word ("southern Darfur" is South Darfur
    where that division exists, else Darfur)."""
    if qualifier:
        direction = DIRECTIONS.get(qualifier.lower(), "")
        found = gazetteer.find(f"{direction} {words}") if direction else ()
        if found:
            return found
    return gazetteer.find(words)
