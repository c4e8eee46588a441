"""Check one dictionary file: detect its kind, parse it, count its entries and problems."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from dyad.dictionaries._lines import read_text
from dyad.dictionaries.actors import parse_actors
from dyad.dictionaries.agents import parse_agents
from dyad.dictionaries.discards import parse_discards
from dyad.dictionaries.model import ActorDictionary, AgentDictionary, DiscardList, VerbDictionary
from dyad.dictionaries.verbs import parse_verbs
from dyad.errors import DictionaryError, DictionaryLineError

KINDS = ("verbs", "actors", "agents", "discards")

_VERB_HEADER = re.compile(r"^\s*---\s+\S.*(---|\])", re.MULTILINE)
_VERB_MARKER = re.compile(r"^#+\s*VERB PATTERNS", re.MULTILINE)
_AGENT_CODE = re.compile(r"\[\s*~|~\s*\]|^\s*![A-Za-z0-9_]+!\s*=", re.MULTILINE)
_ISSUES = re.compile(r"<ISSUE\b|^\s*[nv]:\S", re.MULTILINE | re.IGNORECASE)
_CODE_GROUP = re.compile(r"\[[^\]\n]*\]")


@dataclass
class CheckReport:
    """What `check_dictionary` found: the kind, entry counts and line problems."""

    path: Path
    kind: str
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[DictionaryLineError] = field(default_factory=list)
    style: str | None = None  # "P1" or "P2" for verb dictionaries

    @property
    def ok(self) -> bool:
        """True when no line had a problem."""
        return not self.problems


def kind_from_name(path: Path) -> str | None:
    """The dictionary kind a file name implies, if any."""
    name = path.name.lower()
    if name.endswith(".verbs.txt") or name.startswith("cameo"):
        return "verbs"
    for kind in ("actors", "agents", "discards"):
        if kind in name:
            return kind
    return None


def kind_from_text(path: Path, text: str) -> str:
    """The dictionary kind the content of a file suggests; DictionaryError if unclear."""
    if _VERB_MARKER.search(text) or _VERB_HEADER.search(text):
        return "verbs"
    if _ISSUES.search(text):
        raise DictionaryError(str(path), "looks like an issues file, which dyad does not read")
    if _AGENT_CODE.search(text):
        return "agents"
    if _CODE_GROUP.search(text):
        return "actors"
    return "discards"


def _counts(value: object) -> dict[str, int]:
    if isinstance(value, ActorDictionary):
        groups = [g for gs in value.entries.values() for g in gs]
        return {
            "phrases": len(value.entries),
            "code_groups": len(groups),
            "dated_groups": sum(g.restricted for g in groups),
        }
    if isinstance(value, AgentDictionary):
        codes = list(value.entries.values())
        return {
            "phrases": len(codes),
            "suffix_codes": sum(not c.prefix for c in codes),
            "prefix_codes": sum(c.prefix for c in codes),
        }
    if isinstance(value, DiscardList):
        story = sum(p.story for p in value.phrases)
        total = len(value.phrases)
        return {"phrases": total, "story": story, "sentence": total - story}
    assert isinstance(value, VerbDictionary)
    return {
        "synsets": len(value.synsets),
        "blocks": len(value.blocks),
        "verb_words": len(value.forms),
        "verb_forms": sum(len(e) for e in value.forms.values()),
        "patterns": sum(len(b.patterns) for b in value.blocks),
        "skipped_patterns": value.skipped_patterns,
        "transformations": len(value.transformations),
    }


def check_dictionary(path: Path, kind: str | None = None) -> CheckReport:
    """Parse a dictionary of the given (or detected) kind and report counts and problems."""
    if kind is None:
        kind = kind_from_name(path) or kind_from_text(path, read_text(path))
    if kind not in KINDS:
        raise DictionaryError(str(path), f"unknown dictionary kind {kind!r}",
                              hint=f"use one of {', '.join(KINDS)}")
    if kind == "verbs":
        verbs = parse_verbs(path)
        return CheckReport(path, kind, _counts(verbs.value), verbs.problems, verbs.value.style)
    if kind == "actors":
        actors = parse_actors(path)
        return CheckReport(path, kind, _counts(actors.value), actors.problems)
    if kind == "agents":
        agents = parse_agents(path)
        return CheckReport(path, kind, _counts(agents.value), agents.problems)
    discards = parse_discards(path)
    return CheckReport(path, kind, _counts(discards.value), discards.problems)
