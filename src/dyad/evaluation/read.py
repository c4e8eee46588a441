"""Read gold files into typed records, detecting the format of each file.

An *article gold* line names a text (`file`, relative to the gold file's folder) and lists its
`events` and `forbidden` events, and optionally the `agreements`, `institutions` and `claims` it
states; a *sentence gold* line holds a sentence (`id`, `text`) with its
PLOVER type (`event`) and its `source` and `target` actors (lists of objects with a `code`).
The first line that is a JSON object decides the format of the whole file. A line that cannot be
used stops the reading with `InputFormatError` (`file:line: why`): a score over part of the gold
would be silently wrong.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from dyad.errors import InputError, InputFormatError
from dyad.evaluation.gold import (
    ArticleGold,
    ArticleGoldFile,
    ForbiddenEvent,
    GoldAgreement,
    GoldClaim,
    GoldEvent,
    GoldFile,
    GoldInstitution,
    SentenceGold,
    SentenceGoldFile,
)
from dyad.io.jsonl import json_type
from dyad.io.text import decode_text, invalid_character, read_file_bytes

#: The largest gold file read, in bytes.
MAX_GOLD_BYTES = 50_000_000

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ROOT = re.compile(r"[0-9]{2}")
_YEAR = re.compile(r"[0-9]{4}")
AGREEMENT_STATUSES = ("signed", "ratified", "in force", "suspended", "withdrawn", "terminated",
                      "unknown")
INSTITUTION_STATUSES = ("operating", "suspended", "closed", "unknown")
CLAIM_STATUSES = ("asserted", "refuted", "confirmed", "disputed")


class _Line:
    """One JSON object of a gold file, with checked accessors that raise `path:line: why`."""

    def __init__(self, path: str, number: int, record: dict[str, Any], where: str = "") -> None:
        self.path = path
        self.number = number
        self.record = record
        self.where = where  # e.g. "events[2]: ", prefixed to messages

    def error(self, message: str) -> InputFormatError:
        return InputFormatError(self.path, f"{self.where}{message}", line=self.number)

    def nested(self, record: Any, where: str) -> _Line:
        if not isinstance(record, dict):
            raise InputFormatError(self.path, f"{where}: expected a JSON object, got "
                                   f"{json_type(record)}", line=self.number)
        return _Line(self.path, self.number, record, f"{where}: ")

    def string(self, key: str, *, required: bool = True, empty: bool = True) -> str:
        if key not in self.record or self.record[key] is None:
            if required:
                raise self.error(f'missing "{key}"')
            return ""
        value = self.record[key]
        if isinstance(value, int) and not isinstance(value, bool) and key == "id":
            value = str(value)
        if not isinstance(value, str):
            raise self.error(f'"{key}" must be a string, got {json_type(value)}')
        if bad := invalid_character(value):
            raise self.error(f'"{key}" {bad}')
        if not empty and not value.strip():
            raise self.error(f'"{key}" is empty')
        return value

    def flag(self, key: str) -> bool:
        value = self.record.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self.error(f'"{key}" must be true or false, got {json_type(value)}')
        return value

    def day(self, key: str) -> str | None:
        value = self.record.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str) or not _DAY.fullmatch(value):
            raise self.error(f'"{key}" must be a date YYYY-MM-DD or null, got {_show(value)}')
        try:
            date.fromisoformat(value)
        except ValueError:
            raise self.error(f'"{key}" is not a real date: {value}') from None
        return value

    def array(self, key: str, *, required: bool = True) -> list[Any]:
        if key not in self.record:
            if required:
                raise self.error(f'missing "{key}"')
            return []
        value = self.record[key]
        if not isinstance(value, list):
            raise self.error(f'"{key}" must be an array, got {json_type(value)}')
        return value

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = self.string(key)
        if value not in allowed:
            raise self.error(f'"{key}" must be one of {", ".join(allowed)}, got {_show(value)}')
        return value

    def codes(self, key: str) -> tuple[str, ...]:
        codes = self.array(key, required=False)
        for code in codes:
            if not isinstance(code, str) or not code.strip():
                raise self.error(f'"{key}" must hold actor codes such as "RUS", got {_show(code)}')
        return tuple(codes)

    def year(self, key: str) -> str:
        value = self.record.get(key)
        if value is None or value == "":
            return ""
        text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if not isinstance(text, str) or not _YEAR.fullmatch(text):
            raise self.error(f'"{key}" must be a year or null, got {_show(value)}')
        return text

    def roots(self) -> tuple[str, ...]:
        roots = self.array("roots")
        if not roots:
            raise self.error('"roots" is empty: give at least one 2-digit CAMEO root')
        for root in roots:
            if not isinstance(root, str) or not _ROOT.fullmatch(root):
                raise self.error(f'"roots" must hold 2-digit CAMEO roots such as "04", '
                                 f"got {_show(root)}")
        return tuple(roots)


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, JSON object) for each non-blank line; InputFormatError at a bad one."""
    name = str(path)
    text = decode_text(read_file_bytes(name, MAX_GOLD_BYTES), name)
    if not text.strip():
        raise InputError(name, "empty gold file")
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputFormatError(name, f"invalid JSON ({exc.msg} at column {exc.colno})",
                                   line=number) from None
        except RecursionError:
            raise InputFormatError(name, "invalid JSON (nested too deeply)", line=number) from None
        if not isinstance(record, dict):
            raise InputFormatError(name, f"expected a JSON object, got {json_type(record)}",
                                   line=number)
        yield number, record


def gold_kind(record: dict[str, Any]) -> str | None:
    """"articles" or "sentences" for a gold line of that format, else None."""
    if "file" in record and ("events" in record or "forbidden" in record):
        return "articles"
    if "text" in record and "event" in record:
        return "sentences"
    return None


def read_gold(path: str | Path) -> GoldFile:
    """Read one gold file, of either format; InputError if it cannot be used."""
    path = Path(path)
    records = _records(path)
    first = next(records, None)
    if first is None:  # pragma: no cover - _records raises on an empty file
        raise InputError(str(path), "empty gold file")
    kind = gold_kind(first[1])
    if kind is None:
        raise InputFormatError(
            str(path), "not a gold line: an article gold line has \"file\" and \"events\", "
            "a sentence gold line has \"id\", \"text\", \"event\", \"source\" and \"target\"",
            line=first[0])
    lines = [first, *records]
    if kind == "articles":
        return ArticleGoldFile(path, tuple(_article(path, n, r) for n, r in lines))
    sentences = tuple(_sentence(path, n, r) for n, r in lines)
    seen: dict[str, int] = {}
    for sentence in sentences:
        if sentence.id in seen:
            raise InputFormatError(str(path), f'"id" {_show(sentence.id)} already used at line '
                                   f"{seen[sentence.id]}", line=sentence.line)
        seen[sentence.id] = sentence.line
    return SentenceGoldFile(path, sentences)


def _article(path: Path, number: int, record: dict[str, Any]) -> ArticleGold:
    line = _Line(str(path), number, record)
    file = line.string("file", empty=False)
    events = tuple(_event(line.nested(item, f"events[{i}]"))
                   for i, item in enumerate(line.array("events", required=False)))
    forbidden = tuple(_forbidden(line.nested(item, f"forbidden[{i}]"))
                      for i, item in enumerate(line.array("forbidden", required=False)))
    agreements = tuple(_agreement(line.nested(item, f"agreements[{i}]"))
                       for i, item in enumerate(line.array("agreements", required=False)))
    institutions = tuple(_institution(line.nested(item, f"institutions[{i}]"))
                         for i, item in enumerate(line.array("institutions", required=False)))
    claims = tuple(_claim(line.nested(item, f"claims[{i}]"))
                   for i, item in enumerate(line.array("claims", required=False)))
    return ArticleGold(file=file, path=path.parent / file, line=number,
                       title=line.string("title", required=False), doc_date=line.day("doc_date"),
                       events=events, forbidden=forbidden, agreements=agreements,
                       institutions=institutions, claims=claims)


def _agreement(line: _Line) -> GoldAgreement:
    return GoldAgreement(name=line.string("name", empty=False), parties=line.codes("parties"),
                         status=line.choice("status_after_article", AGREEMENT_STATUSES),
                         signed=line.year("signed"),
                         evidence_starts=line.string("evidence_starts", required=False),
                         note=line.string("note", required=False))


def _institution(line: _Line) -> GoldInstitution:
    return GoldInstitution(name=line.string("name", empty=False),
                           owner=line.string("owner", required=False),
                           status=line.choice("status_after_article", INSTITUTION_STATUSES),
                           evidence_starts=line.string("evidence_starts", required=False),
                           note=line.string("note", required=False))


def _claim(line: _Line) -> GoldClaim:
    return GoldClaim(claim=line.string("claim", empty=False),
                     made_by=line.string("made_by", required=False),
                     status=line.choice("status", CLAIM_STATUSES),
                     by=line.string("by", required=False))


def _event(line: _Line) -> GoldEvent:
    return GoldEvent(source=line.string("source"), target=line.string("target", required=False),
                     roots=line.roots(),
                     sentence_starts=line.string("sentence_starts", empty=False),
                     symmetric=line.flag("symmetric"), date=line.day("date"),
                     optional=line.flag("optional"), note=line.string("note", required=False))


def _forbidden(line: _Line) -> ForbiddenEvent:
    return ForbiddenEvent(source=line.string("source"),
                          target=line.string("target", required=False), roots=line.roots(),
                          sentence_starts=line.string("sentence_starts", required=False),
                          symmetric=line.flag("symmetric"), why=line.string("why", required=False))


def _sentence(path: Path, number: int, record: dict[str, Any]) -> SentenceGold:
    line = _Line(str(path), number, record)
    return SentenceGold(id=line.string("id", empty=False), text=line.string("text", empty=False),
                        event=line.string("event", empty=False).upper(),
                        sources=_actors(line, "source", required=True),
                        targets=_actors(line, "target", required=False), line=number,
                        date=line.day("date"))


def _actors(line: _Line, key: str, *, required: bool) -> tuple[str, ...]:
    if key not in line.record:
        raise line.error(f'missing "{key}"')
    value = line.record[key]
    if isinstance(value, str):  # a bare code, or codes separated by spaces or commas
        codes = [c for c in re.split(r"[\s,;]+", value) if c]
    elif isinstance(value, list):
        codes = []
        for i, actor in enumerate(value):
            if isinstance(actor, str):
                codes.append(actor)
                continue
            item = line.nested(actor, f"{key}[{i}]")
            codes.append(item.string("code", empty=False))
    else:
        raise line.error(f'"{key}" must be a list of actors ({{"code": "USA"}}), '
                         f"got {json_type(value)}")
    if required and not codes:
        raise line.error(f'"{key}" is empty: name at least one actor code')
    return tuple(codes)
