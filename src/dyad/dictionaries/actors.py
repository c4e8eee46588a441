"""Actor dictionaries (DICTIONARY-FORMATS.md §4): names, `+` synonyms and dated code groups.

A record is a primary line, its `+` synonym lines and its code lines (any leading blank);
every code group of the record applies to all its names. Problems are reported and the
offending piece skipped: a malformed group (the rest of the record is kept), a name with a
stray bracket, a record whose groups are all malformed.

A primary line with no code group at all is reported too, but its names take the codes of
the next record that has some, as P1 did (P2 gives them none): in the shipped files these
are synonyms that lost their `+` (`IVO_JOSIPOVIC_` before `JOSIPOVIC_ [HRVGOV ...]`,
`U.N._` before the UN records), so P1's reading is the intended one.

Dates must have 6 (YYMMDD) or 8 (YYYYMMDD) digits: the legacy readers' truncation of other
lengths (`9008223`, `1920030320`) hides typos, so those groups are reported instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from dyad.dictionaries._lines import iter_lines, read_text, words_of
from dyad.dictionaries.model import ActorDictionary, CodeGroup, Phrase
from dyad.dictionaries.parsed import Parsed
from dyad.errors import DictionaryLineError

_GROUP = re.compile(r"\[([^\[\]]*)\]")
_GROUP_BODY = re.compile(r"\s*([^\s<>]+)\s*(.*?)\s*", re.DOTALL)
_BLANKS = re.compile(r"\s+")
# Two-digit years up to this value are 20YY, later ones 19YY.
YEAR_PIVOT = 30


@cache
def parse_date(text: str) -> date | str:
    """A YYMMDD or YYYYMMDD date, or the reason it is not one."""
    if not (text.isascii() and text.isdigit()):
        return f"date {text!r} is not a number"
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= YEAR_PIVOT else 1900 + yy
    elif len(text) == 8:
        year = int(text[:4])
    else:
        return f"date {text!r} has {len(text)} digits, expected YYMMDD or YYYYMMDD"
    try:
        return date(year, int(text[-4:-2]), int(text[-2:]))
    except ValueError:
        return f"impossible date {text!r}"


def parse_group(body: str) -> CodeGroup | str:
    """One `[CODE ...]` group (without brackets), or the reason it is malformed."""
    match = _GROUP_BODY.fullmatch(body)
    if match is None:
        return "empty code group []"
    code, rest = match.group(1), match.group(2)
    if not rest:
        return CodeGroup(code)
    if " " in rest or "\t" in rest:
        rest = _BLANKS.sub("", rest)
    if rest[0] in "<>":
        day = parse_date(rest[1:])
        if isinstance(day, str):
            return day
        return CodeGroup(code, end=day) if rest[0] == "<" else CodeGroup(code, start=day)
    first, dash, second = rest.partition("-")
    if not dash:
        return f"date {rest!r} needs `<`, `>` or a range D1-D2"
    start, end = parse_date(first), parse_date(second)
    if isinstance(start, str):
        return start
    if isinstance(end, str):
        return end
    if end < start:
        return f"date range {rest!r} ends before it starts"
    return CodeGroup(code, start, end)


@dataclass
class _Record:
    line: int
    phrases: list[Phrase]
    groups: list[CodeGroup] = field(default_factory=list)
    wrote_groups: bool = False  # some group was written, even if all were malformed
    dead: bool = False  # its primary line was rejected: swallow its synonyms and codes


class _ActorReader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.result = ActorDictionary()
        self.problems: list[DictionaryLineError] = []
        self.record: _Record | None = None
        self.uncoded: list[_Record] = []  # records waiting for the next record's codes
        self._cache: dict[str, CodeGroup | str] = {}

    def problem(self, line: int, message: str, text: str = "") -> None:
        self.problems.append(DictionaryLineError(self.path, line, message, text=text))

    def groups(self, text: str, line: int) -> list[CodeGroup]:
        found: list[CodeGroup] = []
        matched = 0
        if text[-1] == "]" and text.count("[") == 1 and text.count("]") == 1:
            bodies = [text[1:-1]]  # the usual `[CODE ...]` alone: no regex needed
        else:
            bodies = [m.group(1) for m in _GROUP.finditer(text)]
        for body in bodies:
            matched += 1
            group = self._cache.get(body)
            if group is None:
                group = self._cache[body] = parse_group(body)
            if isinstance(group, str):
                self.problem(line, f"code group [{body}] skipped: {group}", text)
            else:
                found.append(group)
        if text.count("[") != matched or text.count("]") != matched:
            self.problem(line, "unbalanced `[` `]` in code groups", text)
        return found

    def flush(self) -> None:
        record, self.record = self.record, None
        if record is None or record.dead:
            return
        if not record.wrote_groups:
            self.uncoded.append(record)
            return
        if not record.groups:
            name = " ".join(record.phrases[0])
            self.problem(record.line, f"actor {name!r} has no valid code; record skipped")
            return
        for waiting in self.uncoded:
            name = " ".join(waiting.phrases[0])
            self.problem(
                waiting.line,
                f"actor {name!r} has no code; it takes those of line {record.line}",
            )
            for phrase in waiting.phrases:
                self.result.add(phrase, record.groups)
        self.uncoded.clear()
        for phrase in record.phrases:
            self.result.add(phrase, record.groups)

    def finish(self) -> None:
        self.flush()
        for waiting in self.uncoded:
            name = " ".join(waiting.phrases[0])
            self.problem(waiting.line, f"actor {name!r} has no code; record skipped")
        self.problems.sort(key=lambda p: p.line)

    def primary(self, content: str, line: int) -> None:
        self.flush()
        cut = content.find("[")
        name = content if cut < 0 else content[:cut]
        phrase = words_of(name)
        if "]" in name or not phrase:
            reason = "stray `]` in actor name" if phrase else "actor line without a name"
            self.problem(line, f"{reason}; record skipped", content)
            self.record = _Record(line, [], dead=True)
            return
        self.record = _Record(line, [phrase])
        if cut >= 0:
            self.record.wrote_groups = True
            self.record.groups.extend(self.groups(content[cut:], line))

    def synonym(self, content: str, line: int) -> None:
        if self.record is None:
            self.problem(line, "synonym `+` line before any actor name", content)
            return
        if self.record.dead:
            return
        phrase = words_of(content[1:])
        if "[" in content or "]" in content or not phrase:
            reason = "empty synonym" if not phrase else "codes or brackets on a synonym line"
            self.problem(line, f"{reason}; synonym skipped", content)
            return
        self.record.phrases.append(phrase)

    def codes(self, content: str, line: int) -> None:
        if self.record is None:
            self.problem(line, "code line before any actor name", content)
            return
        groups = self.groups(content, line)
        self.record.wrote_groups = True
        self.record.groups.extend(groups)


def parse_actors(path: Path) -> Parsed[ActorDictionary]:
    """Parse an actor dictionary (P1 or P2 layout), reporting malformed lines."""
    reader = _ActorReader(str(path))
    for line, _raw, content in iter_lines(read_text(path), reader.path, reader.problems):
        stripped = content.lstrip()
        if not stripped:
            continue
        if stripped[0] == "[":
            reader.codes(stripped, line)
        elif stripped[0] == "+":
            reader.synonym(stripped, line)
        else:
            reader.primary(stripped, line)
    reader.finish()
    return Parsed(reader.result, reader.problems)
