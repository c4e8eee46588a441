"""The gazetteer: GeoNames and ISO 3166 names, and choosing the place a name means."""

from __future__ import annotations

import pytest

from dyad.geo.gazetteer import Gazetteer, Place, load_gazetteer, normalise
from dyad.geo.resolve import choose, lookup


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def test_gazetteer_loads_once() -> None:
    assert load_gazetteer() is load_gazetteer()


@pytest.mark.parametrize(("written", "key"), [
    ("the Côte d'Ivoire", "cote divoire"), ("Lomé", "lome"), ("  New   York ", "new york"),
    ("Nizhny-Novgorod", "nizhny novgorod"), ("U.S.", "us")])
def test_gazetteer_normalise(written: str, key: str) -> None:
    assert normalise(written) == key


@pytest.mark.parametrize(("name", "resolved", "country", "kind"), [
    ("Rangoon", "Yangon", "MMR", "city"),  # another name of a big city
    ("Lome", "Lomé", "TGO", "city"),
    ("Khabarovsk", "Khabarovsk", "RUS", "city"),
    ("Vladivostok", "Vladivostok", "RUS", "city"),
    ("Myanmar", "Myanmar", "MMR", "country"),
    ("Kosovo", "Kosovo", "KSV", "country"),  # the code the actor dictionaries use
    ("Darfur", "Darfur", "SDN", "region"),  # the common part of its divisions' names
    ("California", "California", "USA", "division"),
])
def test_gazetteer_resolves_a_name_alone(gazetteer: Gazetteer, name: str, resolved: str,
                                         country: str, kind: str) -> None:
    place = choose(gazetteer.find(name))
    assert place is not None
    assert (place.name, place.country, place.kind) == (resolved, country, kind)


def test_gazetteer_city_has_gdelt_codes_and_coordinates(gazetteer: Gazetteer) -> None:
    place = choose(gazetteer.find("Seattle"))
    assert place is not None
    assert (place.fips, place.adm1, place.division) == ("US", "USWA", "Washington")
    assert place.lat == pytest.approx(47.6, abs=0.1) and place.lon == pytest.approx(-122.3, abs=0.1)
    assert place.feature_id.isdigit()


def test_gazetteer_country_point_is_its_centre_of_population(gazetteer: Gazetteer) -> None:
    japan = gazetteer.country("JPN")
    assert japan is not None and japan.fips == "JA"
    assert japan.lat is not None and 33 < japan.lat < 37
    assert japan.lon is not None and 134 < japan.lon < 140


def test_gazetteer_evidence_decides_between_namesakes(gazetteer: Gazetteer) -> None:
    # the country by its own name, unless only the US state is in the evidence
    assert choose(gazetteer.find("Georgia"), {"RUS"}, {"GEO", "USA"}).country == "GEO"
    state = choose(gazetteer.find("Georgia"), {"USA"})
    assert state is not None and (state.kind, state.adm1) == ("division", "USGA")
    # a much bigger city wins without evidence; the evidence may choose the smaller one
    assert choose(gazetteer.find("Moscow")).country == "RUS"
    idaho = choose(gazetteer.find("Moscow"), {"USA"})
    assert idaho is not None and idaho.division == "Idaho"


def test_gazetteer_ambiguous_name_stays_unresolved(gazetteer: Gazetteer) -> None:
    assert len(gazetteer.find("Springfield")) > 2
    assert choose(gazetteer.find("Springfield")) is None
    assert choose(gazetteer.find("Nowhere-upon-Nothing")) is None


def test_gazetteer_direction_word_finds_a_division(gazetteer: Gazetteer) -> None:
    assert [p.name for p in lookup(gazetteer, "Darfur", "southern")] == ["South Darfur"]
    assert [p.kind for p in lookup(gazetteer, "Chad", "eastern")] == ["country"]


def test_gazetteer_choose_is_pure() -> None:
    a = Place("Alpha", "AAA", "city", population=1_000_000)
    b = Place("Alpha", "BBB", "city", population=900_000)
    assert choose([a, b]) is None
    assert choose([a, b], {"BBB"}) is b
    assert choose([a, b], set(), {"AAA"}) is a  # the first evidence with a match decides
