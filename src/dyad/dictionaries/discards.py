"""Discard lists (DICTIONARY-FORMATS.md §6): phrases that void a sentence or a story.

A leading `+` (a blank may follow it) marks a story-level discard; a trailing `_` asks for
an exact last word instead of a stem. Bare years are ordinary one-word phrases.
"""

from __future__ import annotations

from pathlib import Path

from dyad.dictionaries._lines import iter_lines, read_text, words_of
from dyad.dictionaries.model import DiscardList, DiscardPhrase
from dyad.dictionaries.parsed import Parsed
from dyad.errors import DictionaryLineError


def parse_discard_line(text: str) -> DiscardPhrase | str:
    """One discard line without comments, or the reason it is unusable."""
    story = text.startswith("+")
    body = text[1:].strip() if story else text.strip()
    if body.startswith("~"):
        return "`~` lines belong to the issues file, not to discards"
    if "[" in body or "]" in body:
        return "discards take no [CODE]"
    words = words_of(body)
    if not words:
        return "empty discard phrase"
    return DiscardPhrase(words, story=story, exact_last=body.endswith("_"))


def parse_discards(path: Path) -> Parsed[DiscardList]:
    """Parse a discard list, one phrase per line."""
    name = str(path)
    problems: list[DictionaryLineError] = []
    result = DiscardList()
    for line, _raw, content in iter_lines(read_text(path), name, problems):
        text = content.strip()
        if not text:
            continue
        parsed = parse_discard_line(text)
        if isinstance(parsed, str):
            problems.append(DictionaryLineError(name, line, f"{parsed}; skipped", text=text))
        else:
            result.phrases.append(parsed)
    return Parsed(result, problems)
