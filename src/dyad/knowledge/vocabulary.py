"""The knowledge layer's vocabulary: the words that name agreements and institutions, their
kinds and families, and how names are normalised. Pure data and string functions: merging,
status answers and serialisation read it without loading the parser.
"""

from __future__ import annotations

import re
from functools import lru_cache

STATE_ROLES = frozenset({"GOV", "LEG", "MIL", "ELI", "JUD", "SPY", "PTY", "STA"})
NON_STATES = frozenset({"IGO", "NGO", "MNC", "---", "UNK", "CVL", "BUS", "MED", "REB", "OPP"})
_BRITISH = {"centre": "center", "programme": "program", "defence": "defense"}


def singular(word: str) -> str:
    """Lower-case singular of an English noun, without a lemmatiser (PROPN plurals too)."""
    w = word.lower()
    w = _BRITISH.get(w, w)
    if w in ("memoranda",):
        return "memorandum"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        w = w[:-1]
    return _BRITISH.get(w, w)


STOP_WORDS = frozenset({
    "the", "a", "an", "these", "those", "this", "that", "its", "their", "his", "her", "of", "in",
    "on", "and", "or", "for", "to", "'s", "'",
})  # fmt: skip


@lru_cache(maxsize=65_536)
def key_words(text: str) -> tuple[str, ...]:
    """Normalised content words of a name or phrase, in order ("the Japan Centers" →
    ("japan", "center"))."""
    words = re.findall(r"[A-Za-z0-9]+(?:\.[A-Za-z])*\.?", text.replace("U.S.", "US"))
    return tuple(singular(w.rstrip(".")) for w in words if w.lower() not in STOP_WORDS)


#: Agreement nouns and the kind they give.
AGREEMENT_NOUNS: dict[str, str] = {
    "agreement": "agreement", "accord": "accord", "deal": "deal", "pact": "pact",
    "treaty": "treaty", "convention": "convention", "protocol": "protocol",
    "memorandum": "memorandum", "mou": "memorandum", "ceasefire": "ceasefire",
    "cease-fire": "ceasefire", "truce": "ceasefire", "armistice": "ceasefire",
    "initiative": "initiative", "fta": "agreement", "epa": "agreement",
    "declaration": "declaration", "plan": "plan", "package": "plan", "roadmap": "plan",
    "framework": "plan", "arrangement": "plan",
}  # fmt: skip
#: Kinds that refer to one another ("the accord" after "the Paris Agreement").
FAMILIES: dict[str, str] = {
    "agreement": "agreement", "accord": "agreement", "deal": "agreement", "pact": "agreement",
    "initiative": "agreement", "declaration": "agreement", "plan": "agreement",
    "treaty": "treaty",
    "convention": "treaty", "protocol": "treaty",
    "memorandum": "memorandum", "ceasefire": "ceasefire",
}  # fmt: skip
#: Short names of well-known agreements ("the NPT", "New START") and the kind they name.
ACRONYMS: dict[str, str] = {
    "NPT": "treaty", "CTBT": "treaty", "INF": "treaty", "START": "treaty", "SALT": "treaty",
    "ABM": "treaty", "CFE": "treaty", "JCPOA": "agreement", "GSOMIA": "agreement",
    "NAFTA": "agreement", "USMCA": "agreement", "TPP": "agreement", "CPTPP": "agreement",
    "RCEP": "agreement", "SAFTA": "agreement", "GATT": "agreement", "TTIP": "agreement",
    "SOFA": "agreement",
}  # fmt: skip
#: Other names of well-known agreements, by their short name: a mention by any of them
#: gets the short name as an alias, so that "the Iran nuclear deal" and "the JCPOA" are one
#: agreement within a document and across documents.
KNOWN_AGREEMENTS: dict[str, tuple[str, ...]] = {
    "JCPOA": ("Joint Comprehensive Plan of Action", "Iran nuclear deal", "Iran deal",
              "Iran nuclear agreement"),
    "NPT": ("Treaty on the Non-Proliferation of Nuclear Weapons", "Nuclear Non-Proliferation "
            "Treaty", "Non-Proliferation Treaty", "Nonproliferation Treaty"),
    "CTBT": ("Comprehensive Nuclear-Test-Ban Treaty", "Comprehensive Test Ban Treaty",
             "Comprehensive Nuclear Test Ban Treaty"),
    "INF": ("Intermediate-Range Nuclear Forces Treaty", "INF Treaty",
            "Intermediate Nuclear Forces Treaty"),
    "New START": ("New Strategic Arms Reduction Treaty", "New START treaty"),
    "CFE": ("Treaty on Conventional Armed Forces in Europe", "CFE Treaty",
            "Conventional Armed Forces in Europe Treaty"),
    "ABM": ("Anti-Ballistic Missile Treaty", "ABM Treaty"),
    "NAFTA": ("North American Free Trade Agreement",),
    "USMCA": ("United States-Mexico-Canada Agreement",),
    "TPP": ("Trans-Pacific Partnership", "Trans-Pacific Partnership Agreement"),
    "CPTPP": ("Comprehensive and Progressive Agreement for Trans-Pacific Partnership",),
    "RCEP": ("Regional Comprehensive Economic Partnership",),
    "GSOMIA": ("General Security of Military Information Agreement",),
}  # fmt: skip


def known_short_names(*names: str) -> list[str]:
    """The short names of the well-known agreements these names are (`KNOWN_AGREEMENTS`)."""
    words = {key_words(n) for n in names if n} - {()}
    return [short for short, keys in _KNOWN_KEYS.items() if words & keys]


#: The normalised names of each well-known agreement, computed once.
_KNOWN_KEYS: dict[str, frozenset[tuple[str, ...]]] = {
    short: frozenset(key_words(n) for n in (short, *others))
    for short, others in KNOWN_AGREEMENTS.items()}


# Kinds that are agreements only when named ("the Black Sea Grain Initiative").
NAMED_ONLY = frozenset({"initiative", "convention", "protocol", "declaration", "plan"})


INSTITUTION_NOUNS = frozenset({
    "center", "embassy", "consulate", "mission", "office", "branch", "company", "firm",
    "subsidiary", "plant", "factory", "bank", "school", "university", "institute", "foundation",
    "bureau", "representation", "store", "restaurant", "hospital", "museum", "library",
    "outlet", "consulate-general", "headquarters", "institution", "commission", "taskforce",
    "secretariat",
})  # fmt: skip
#: Nouns that name an institution only in a proper name ("the Contact Group", "the United
#: Nations Children's Fund", "the Office of the Special Envoy"): common nouns otherwise.
NAMED_INSTITUTION_NOUNS = frozenset({"group", "fund", "committee", "council", "agency",
                                     "operation", "programme", "program",
                                     "organization", "organisation", "court", "tribunal",
                                     "panel", "board"})  # fmt: skip


#: Kinds that name the same sort of place ("the factory" after "its plant").
SAME_KIND = {"factory": "plant", "centre": "center", "consulate-general": "consulate"}


def kind_family(kind: str) -> str:
    """The sort of place a kind names ("factory" and "plant" are one)."""
    return SAME_KIND.get(kind, kind)


GENERIC_WORDS = frozenset({"agreement", "accord", "deal", "pact", "treaty", "convention",
                           "protocol", "memorandum", "ceasefire", "truce", "bilateral",
                           "intergovernmental", "understanding"})  # fmt: skip


def speaks_for(code: str, countries: set[str]) -> bool:
    """True when an actor is the state (government, army, officials) of one of `countries`."""
    if len(code) < 3 or code[:3] not in countries:
        return False
    roles = {code[i : i + 3] for i in range(3, len(code), 3)}
    return not roles or bool(roles & STATE_ROLES)


def state_of(code: str) -> str:
    """The country a state actor's code stands for ("KORGOV" → "KOR"), "" for others
    (an organisation, the media, rebels, an unknown actor)."""
    base = code[:3]
    roles = {code[i : i + 3] for i in range(3, len(code), 3)}
    if len(code) < 3 or not base.isalpha() or base in NON_STATES or not roles <= STATE_ROLES:
        return ""
    return base


def acronym_text(text: str) -> str:
    """The acronym a token's text is ("NPT", "“GSOMIA”" → "GSOMIA"), "" if it is none."""
    bare = text.strip("“”\"'‘’")
    return bare if bare.isupper() and bare.isalpha() and 2 <= len(bare) <= 12 else ""
