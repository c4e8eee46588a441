"""PETRARCH dictionaries: parsers for verbs, actors, agents and discards, and the shipped set."""

from dyad.dictionaries.actors import parse_actors
from dyad.dictionaries.agents import parse_agents
from dyad.dictionaries.check import CheckReport, check_dictionary
from dyad.dictionaries.defaults import DictionarySet, load_dictionaries
from dyad.dictionaries.discards import parse_discards
from dyad.dictionaries.parsed import Parsed
from dyad.dictionaries.verbs import parse_verbs

__all__ = [
    "CheckReport",
    "DictionarySet",
    "Parsed",
    "check_dictionary",
    "load_dictionaries",
    "parse_actors",
    "parse_agents",
    "parse_discards",
    "parse_verbs",
]
