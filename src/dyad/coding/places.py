"""The country of the place an event's own clause names ("clashes in Rangoon", "killed by a
bomb near Samarra", "police in Lome"), for actors the text names only by their role."""

from __future__ import annotations

from collections.abc import Iterable

from dyad.coding.actors import Mention
from dyad.coding.tokens import PlainToken
from dyad.names import REGIONS

Token = PlainToken
# Prepositions that place an act or an actor somewhere.
LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "near", "outside", "at", "inside", "across", "throughout", "around", "within", "off"}
)
# Prepositions that say where an act is aimed.
DIRECTIONAL_PREPOSITIONS = frozenset({"into", "to", "toward", "towards", "onto"})
# Codes that name no country, though written like one: organisations and world regions.
NOT_COUNTRIES = frozenset({"IGO", "NGO", "MNC", "UIS", *REGIONS})


def place_country(heads: Iterable[Token], mentions: dict[int, Mention]) -> str:
    """The country of the first place named by a locative phrase of the given heads (the
    event's verb first, then its actors' head words): "in a residential sector of eastern
    Beirut" is LBN. "" when none names a country."""
    found = place_of(heads, mentions)
    return country_of(found) if found is not None else ""


def place_of(heads: Iterable[Token], mentions: dict[int, Mention], *, toward: bool = False
             ) -> Mention | None:  # fmt: skip
    """The first mention of a place in a country named by a locative phrase of the heads
    (with `toward`, also by a directional one: "blocked transport into Abidjan")."""
    prepositions = LOCATIVE_PREPOSITIONS | DIRECTIONAL_PREPOSITIONS if toward else (
        LOCATIVE_PREPOSITIONS)
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in prepositions:
                continue
            for token in prep.subtree:  # a slice of the paragraph's tokens: bounded
                mention = mentions.get(token.i)
                if mention is not None and country_of(mention):
                    return mention
    return None


def country_of(mention: Mention | None) -> str:
    """The country a mention's first code names ("" for none, or an IGO or NGO)."""
    if mention is None or mention.kind != "actor":
        return ""
    return next((c for c in map(country_code, mention.codes) if c), "")


def country_code(code: str) -> str:
    """The country an actor code names ("RUSGOV" → RUS; "" for an IGO, NGO, region, role
    or unknown actor)."""
    country = code[:3]
    if len(code) >= 3 and country.isalpha() and country.isupper() and (
            country not in NOT_COUNTRIES):
        return country
    return ""
