"""`Location`: where an event happened, as the text says it and as the gazetteer resolves it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

#: Feature kinds, from the broadest to the most precise.
KINDS: tuple[str, ...] = ("", "country", "region", "division", "city", "landmark")
#: Which rule gave a location: the event's own clause, or the document's dateline.
RULES: tuple[str, ...] = ("clause", "dateline")
#: GDELT's ActionGeo_Type per feature kind (1 country, 2 US state, 3 US city, 4 world city,
#: 5 world state; a landmark placed in a city counts as a city); 0 when unresolved.
_GDELT_TYPES = {"country": 1, "region": 5, "division": 5, "city": 4, "landmark": 4}


@dataclass(frozen=True)
class Location:
    """Where an event happened.

    `written` is the place phrase as the text has it ("the Burmese city of Rangoon") and
    `span` its character offsets in the document; `name` is the gazetteer's name ("Yangon"),
    `country` the three-letter country code the events use (ISO 3166 alpha-3, "MMR"), `fips`
    GDELT's FIPS 10-4 country code ("BM"), `division` the first-level division's name where
    the gazetteer knows it, `adm1` GDELT's ADM1 code (FIPS country code and GeoNames'
    first-level code, "USCA"), `lat`/`lon` decimal degrees, `kind` one of `KINDS`,
    `feature_id` the GeoNames id (or ISO 3166-2 code of a division), and `rule` which rule
    gave it (`clause` or `dateline`). A place the gazetteer cannot resolve without a guess keeps
    only what was written, its span, its kind and its rule."""

    written: str
    span: tuple[int, int] | None = None
    name: str = ""
    country: str = ""
    fips: str = ""
    division: str = ""
    adm1: str = ""
    lat: float | None = None
    lon: float | None = None
    kind: str = ""
    feature_id: str = ""
    rule: str = "clause"

    @property
    def resolved(self) -> bool:
        """True when the gazetteer gave the place a country."""
        return bool(self.country)

    @property
    def precision(self) -> int:
        """How precise the location is: 0 unresolved, then country, region, division, city
        (a resolved landmark counts as a city); merge keeps the most precise."""
        if not self.resolved:
            return 0
        return min(KINDS.index(self.kind) if self.kind in KINDS else 0, KINDS.index("city"))

    @property
    def gdelt_type(self) -> int:
        """GDELT's ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world
        state (0 when unresolved)."""
        if not self.resolved:
            return 0
        base = _GDELT_TYPES.get(self.kind, 0)
        if self.country == "USA" and base in (4, 5):
            return 3 if base == 4 else 2
        return base

    @property
    def full_name(self) -> str:
        """"Yangon, Myanmar" as GDELT's ActionGeo_FullName writes it: the name, the division
        where known and different, and the country."""
        from dyad.geo.gazetteer import country_name  # the country table is loaded lazily

        parts = [self.name]
        if self.division and self.division != self.name:
            parts.append(self.division)
        country = country_name(self.country)
        if country and country != self.name:
            parts.append(country)
        return ", ".join(p for p in parts if p)

    def with_rule(self, rule: str) -> Location:
        """The same location, given by another rule."""
        return replace(self, rule=rule)

    def to_dict(self) -> dict[str, Any]:
        """The location as JSON-ready values (the span as a list)."""
        data = asdict(self)
        data["span"] = list(self.span) if self.span is not None else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Location | None:
        """The location `to_dict` gave (None for None or an empty object)."""
        if not data or not data.get("written"):
            return None
        span = data.get("span")
        fields = {k: data[k] for k in cls.__dataclass_fields__ if k in data and k != "span"}
        return cls(**fields, span=(int(span[0]), int(span[1])) if span else None)
