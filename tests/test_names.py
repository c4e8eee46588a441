"""Names for codes: CAMEO descriptions, countries from the shipped dictionary, roles."""

from __future__ import annotations

import pytest

from dyad.names import (
    actor_name,
    code_and_name,
    code_name,
    country_names,
    plover_of,
    quad_name,
    read_country_names,
)


@pytest.mark.parametrize(("code", "name"), [
    ("RUS", "Russian Federation"), ("JPN", "Japan"), ("USA", "United States of America"),
    ("UKR", "Ukraine"), ("BLR", "Belarus"), ("DEU", "Germany"), ("GBR", "United Kingdom"),
    ("PRK", "North Korea"), ("CHN", "China"),
])
def test_names_countries_from_the_shipped_dictionary(code: str, name: str) -> None:
    assert country_names()[code] == name


@pytest.mark.parametrize(("code", "name"), [
    ("RUSGOV", "Russian Federation · government"), ("JPNMED", "Japan · media"),
    ("IGOUNO", "intergovernmental organisation · United Nations"),
    ("IMGSEAMUSASF", "international militarized group · Southeast Asia · Muslim · Abu Sayyaf"),
    ("---GOV", "unknown country · government"),
    ("RUSMILXYZ", "Russian Federation · military · XYZ"),
    ("rusgov", "Russian Federation · government"), ("", ""),
])
def test_names_actor_codes(code: str, name: str) -> None:
    assert actor_name(code) == name


@pytest.mark.parametrize(("code", "shown"), [
    ("JPN", "JPN Japan"), ("RUSGOV", "RUSGOV Russian Federation · government"),
    ("XYZ", "XYZ"), ("", ""),
])
def test_names_code_and_name_as_tables_show_parties(code: str, shown: str) -> None:
    assert code_and_name(code) == shown


def test_names_cameo_codes_plover_and_quad_class() -> None:
    assert code_name("163") == "Impose embargo, boycott, or sanctions"
    assert code_name("16") == "Reduce relations"  # a root's upper-case title, sentence case
    assert code_name("999") == ""
    assert plover_of("163") == "COERCE" and plover_of("01") == ""
    assert quad_name(4) == "material conflict" and quad_name("2") == "material cooperation"
    assert quad_name(9) == "" and quad_name("x") == ""


def test_names_read_country_names_prefers_a_first_code() -> None:
    text = """# comment
UNION_OF_SOVIET_SOCIALIST_REPUBLICS_ [USR]
RUSSIAN_SFSR_
\t[RUSUSR <911225]
\t[RUS >911226]
+RSFSR_
RUSSIAN_FEDERATION_  [RUS]
GERMANY_  [DEU]
BERLIN_ [DEU]
UKRAINE_
\t[UKRUSR <910824]
\t[UKR >910824]
"""
    names = read_country_names(text)
    assert names == {"USR": "Union of Soviet Socialist Republics", "RUS": "Russian Federation",
                     "DEU": "Germany", "UKR": "Ukraine"}
