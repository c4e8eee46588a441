"""Agent dictionaries (DICTIONARY-FORMATS.md §5): role nouns, their plurals and codes.

`PHRASE {PLURAL} [CODE]`: without braces the plural of the last word is generated (+S,
Y→IES, S→+ES); `{X}` gives it, `{}` means none. `!NAME! = A, B` defines a substitution
marker: `CATTLE!PERSON!` yields CATTLEMAN, CATTLEMEN, ... and no further plurals. A phrase
with several different markers yields every combination; repeats of one marker take the
same value. `[~X]` appends X to the actor code, `[X~]` prefixes it.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from dyad.dictionaries._lines import iter_lines, plural_of, read_text, words_of
from dyad.dictionaries.model import AgentCode, AgentDictionary, Phrase
from dyad.dictionaries.parsed import Parsed
from dyad.errors import DictionaryLineError

_MARKER_DEF = re.compile(r"\s*(![A-Za-z0-9_]+!)\s*=(.*)")
_MARKER = re.compile(r"![A-Za-z0-9_]+!")
_CODE = re.compile(r"~?[^\s~\[\]{}]+~?")


def parse_agent_code(text: str) -> AgentCode | None:
    """`~GOV` (suffix) or `IGO~` (prefix), blanks trimmed; None if neither."""
    code = text.strip()
    if not _CODE.fullmatch(code) or code.count("~") != 1 or len(code) < 2:
        return None
    if code.startswith("~"):
        return AgentCode(code[1:])
    if code.endswith("~"):
        return AgentCode(code[:-1], prefix=True)
    return None


def _substitute(text: str, markers: dict[str, list[str]]) -> list[str] | str:
    """Every expansion of the markers in `text`, or the name of an undefined marker."""
    names: list[str] = list(dict.fromkeys(m.upper() for m in _MARKER.findall(text)))
    for name in names:
        if name not in markers:
            return name
    results = []
    for values in itertools.product(*(markers[n] for n in names)):
        expanded = text.upper()
        for name, value in zip(names, values, strict=True):
            expanded = expanded.replace(name, value)
        results.append(expanded)
    return results


def parse_agents(path: Path) -> Parsed[AgentDictionary]:
    """Parse an agent dictionary, expanding plurals and substitution markers."""
    name = str(path)
    problems: list[DictionaryLineError] = []
    result = AgentDictionary()
    markers: dict[str, list[str]] = {}

    def problem(line: int, message: str, text: str) -> None:
        problems.append(DictionaryLineError(name, line, message, text=text))

    for line, _raw, content in iter_lines(read_text(path), name, problems):
        text = content.strip()
        if not text:
            continue
        definition = _MARKER_DEF.fullmatch(text)
        if definition:
            values = [v.strip().upper() for v in definition.group(2).split(",")]
            markers[definition.group(1).upper()] = [v for v in values if v]
            continue
        open_at = text.find("[")
        if open_at < 0:
            problem(line, "agent line without a [CODE]; skipped", text)
            continue
        close_at = text.find("]", open_at)
        code = parse_agent_code(text[open_at + 1 : close_at]) if close_at > 0 else None
        if code is None:
            problem(line, "agent code must be [~CODE] or [CODE~]; line skipped", text)
            continue
        head = text[:open_at]
        brace = head.find("{")
        plurals: list[str] | None = None
        if brace >= 0:
            end = head.find("}", brace)
            if end < 0:
                problem(line, "unclosed `{` in agent plural; line skipped", text)
                continue
            plurals = head[brace + 1 : end].replace(",", " ").split()
            head = head[:brace]
        singular = words_of(head)
        if not singular:
            problem(line, "agent line without a phrase; skipped", text)
            continue
        phrases: list[Phrase] = []
        if "!" in head:
            expanded = _substitute(head, markers)
            if isinstance(expanded, str):
                problem(line, f"substitution marker {expanded} is not defined; skipped", text)
                continue
            phrases = [words_of(e) for e in expanded]
        else:
            phrases = [singular]
            if plurals is None:
                phrases.append((*singular[:-1], plural_of(singular[-1])))
        for plural in plurals or ():
            phrases.append(words_of(plural))
        for phrase in phrases:
            if phrase:
                result.add(phrase, code)
    return Parsed(result, problems)
