"""Names for codes: a CAMEO event code's description and an actor code's country and roles.

    >>> code_name("163")
    'Impose embargo, boycott, or sanctions'
    >>> actor_name("RUSGOV")
    'Russian Federation · government'

Country names come from the shipped Phoenix country dictionary (the first name listed for each
three-letter code); the role, region, religion and international-group parts of actor codes
from the CAMEO actor codebook's tables below. A part that no table knows stays as it is.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from dyad.ontology import load_ontology

#: The first part of codes that name no country (CAMEO's international and unknown actors).
INTERNATIONAL: dict[str, str] = {
    "IGO": "intergovernmental organisation", "NGO": "non-governmental organisation",
    "IMG": "international militarized group", "MNC": "multinational corporation",
    "NGM": "non-governmental movement", "INT": "international", "UIS": "unidentified state",
    "---": "unknown country",
}
#: Phoenix's codes of world regions, written like country codes.
REGIONS: dict[str, str] = {
    "AFR": "Africa", "ASA": "Asia", "BLK": "Balkans", "CRB": "Caribbean", "CAU": "Caucasus",
    "CAS": "Central Asia", "CEU": "Central Europe", "EAF": "East Africa",
    "EEU": "Eastern Europe", "EUR": "Europe", "LAM": "Latin America", "MEA": "Middle East",
    "MDT": "Mediterranean", "NAF": "North Africa", "NMR": "North America",
    "PGS": "Persian Gulf", "SAM": "South America", "SAS": "South Asia",
    "SEA": "Southeast Asia", "SAF": "Southern Africa", "WAF": "West Africa", "WST": "the West",
    "WEU": "Western Europe",
}
#: Role (sector) codes.
ROLES: dict[str, str] = {
    "AGR": "agriculture", "BUS": "business", "COP": "police", "CRM": "criminals",
    "CVL": "civilians", "DEV": "development", "EDU": "education", "ELI": "elites",
    "ENV": "environment", "GOV": "government", "HLH": "health", "HRI": "human rights",
    "INS": "insurgents", "JUD": "judiciary", "LAB": "labour", "LEG": "legislature",
    "MED": "media", "MIL": "military", "MOD": "moderates", "OPP": "opposition",
    "PTY": "political party", "RAD": "radicals", "REB": "rebels", "REF": "refugees",
    "REL": "religious", "PPL": "people", "NGO": "non-governmental organisation",
    "IGO": "intergovernmental organisation", "IMG": "militarized group",
    "SEP": "separatists", "SPY": "intelligence", "UAF": "armed forces (unaligned)",
    "CHR": "Christian", "MUS": "Muslim", "JEW": "Jewish", "BUD": "Buddhist", "HIN": "Hindu",
    "CTH": "Catholic", "PRO": "Protestant", "DOX": "Orthodox", "SHI": "Shia", "SUN": "Sunni",
    "SFI": "Sufi", "SIK": "Sikh", "TAO": "Taoist", "ATH": "atheist",
    **REGIONS,
    "UNO": "United Nations", "NAT": "NATO", "EEC": "European Union", "WBK": "World Bank",
    "ARL": "Arab League", "ASN": "ASEAN", "ALQ": "al-Qaeda", "ASF": "Abu Sayyaf",
    "ISI": "Islamic State",
}
_CODE = re.compile(r"\[([A-Z0-9-]+)")
_SMALL = frozenset({"and", "of", "the", "de", "da", "du"})


def _title(name: str) -> str:
    words = name.strip("_ ").replace("_", " ").split()
    return " ".join(w.lower() if w.lower() in _SMALL and n else w.capitalize()
                    for n, w in enumerate(words))


def read_country_names(text: str) -> dict[str, str]:
    """Three-letter code -> the first name a PETRARCH country dictionary lists for it: a name
    whose first code is that code (`JAPAN_ [JPN]`) if there is one, else the first name with
    the code among the date-limited ones below it (Ukraine is `[UKRUSR <910824]`, then
    `[UKR]`)."""
    first: dict[str, str] = {}
    later: dict[str, str] = {}
    current = ""
    seen = 0
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if not line[0].isspace() and line[0] not in "+-<{&!":
            current, seen = line.split("[", 1)[0].strip(), 0
            if "[" not in line:
                continue
        elif not line[0].isspace() or not current:
            continue
        found = _CODE.search(line)
        if found is None:
            continue
        code = found.group(1)
        if len(code) == 3 and code.isalpha():
            kept = later if seen else first
            kept.setdefault(code, _title(current))
        seen += 1
    return {**later, **first}


@cache
def country_names() -> dict[str, str]:
    """Three-letter country code -> name, from the shipped country dictionary (read once)."""
    data = resources.files("dyad") / "data" / "dictionaries" / "Phoenix.Countries.actors.txt"
    return read_country_names(data.read_text(encoding="utf-8"))


def _part(chunk: str, first: bool) -> str:
    if first and chunk in INTERNATIONAL:
        return INTERNATIONAL[chunk]
    if chunk in ROLES and not first:
        return ROLES[chunk]
    return country_names().get(chunk) or ROLES.get(chunk) or chunk


@cache
def actor_name(code: str) -> str:
    """A readable name for an actor code ("" for none): its country (or kind of international
    actor) and the names of its other three-letter parts, joined by " · "."""
    code = code.strip().upper()
    if not code:
        return ""
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    return " · ".join(_part(chunk, n == 0) for n, chunk in enumerate(chunks))


def _sentence_case(text: str) -> str:
    return text.capitalize() if text.isupper() else text


@cache
def code_name(code: str) -> str:
    """The CAMEO description of an event code or root ("" for a code CAMEO does not know)."""
    ontology = load_ontology()
    found = ontology.codes.get(code.strip())
    return _sentence_case(found.description) if found is not None else ""


@cache
def plover_of(code: str) -> str:
    """The PLOVER event type of a CAMEO code ("" if none)."""
    return load_ontology().plover_type(code.strip())


QUAD_NAMES: dict[int, str] = {
    1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
    4: "material conflict"}


def quad_name(quad: int | str) -> str:
    """The name of a QuadClass (1..4), "" for another value."""
    try:
        return QUAD_NAMES.get(int(quad), "")
    except (TypeError, ValueError):
        return ""


def code_and_name(code: str) -> str:
    """An actor code followed by its name, as tables show parties: "RUS Russian Federation"
    (the code alone when no table names it; "" for none)."""
    code = code.strip()
    named = actor_name(code)
    return f"{code} {named}" if named and named != code.upper() else code
