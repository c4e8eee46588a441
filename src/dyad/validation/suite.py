"""Load a PETRARCH validation (unit-test) XML file: environment, options and records.

The format is described in DICTIONARY-FORMATS.md §8. The file is read with expat feeding an
`xml.etree` tree builder, so that every element keeps the line it starts on for messages.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from xml.parsers import expat

from dyad.errors import ValidationFileError

__all__ = [
    "ERROR_CONDITIONS",
    "RecordConfig",
    "Triple",
    "ValidationRecord",
    "ValidationSuite",
    "load_suite",
]

#: An expected or coded event: (source code, target code, event code).
Triple = tuple[str, str, str]

#: The conditions an `<EventCoding error="...">` may expect.
ERROR_CONDITIONS: frozenset[str] = frozenset(
    {"sentencediscard", "storydiscard", "dateline", "bad_input_parse"}
)

_EMPTY: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class RecordConfig:
    """The `<Config>` options in force at a record."""

    new_actor_length: int = 0
    require_dyad: bool = True
    #: every other option (`stop_on_error`, `comma_*`, ...) as its raw string value
    options: Mapping[str, str] = field(default_factory=lambda: _EMPTY)

    def with_option(self, option: str, value: str) -> RecordConfig:
        """Return the state after `<Config option=option value=value>`."""
        if option == "new_actor_length":
            return replace(self, new_actor_length=int(value.strip()))
        if option == "require_dyad":
            return replace(self, require_dyad="false" not in value.lower())
        return replace(self, options=MappingProxyType({**self.options, option: value.strip()}))


@dataclass(frozen=True)
class ValidationRecord:
    """One `<Sentence>` of a validation file with what it expects."""

    id: str
    date: date
    category: str
    sentence: bool  # the `sentence=` (formerly `valid=`) flag
    text: str  # `<Text>`, whitespace-normalised
    expected: list[Triple]  # from `<EventCoding>`, in file order; empty for none / errors
    expected_error: str | None
    config: RecordConfig
    parse: str = ""  # the `<Parse>` tree, stripped
    included: bool = True  # category allowed by `<Include>` / `<Exclude>`
    valid_only: bool = False  # `<Include>` lists `valid`: only sentence="true" records run
    index: int = 0  # 0-based position among the file's records (ids may repeat)
    line: int = 0  # line of the `<Sentence>` tag

    @property
    def in_scope(self) -> bool:
        """True when the record is run: category included and, under `valid`, sentence true."""
        return self.included and (self.sentence or not self.valid_only)


@dataclass(frozen=True)
class ValidationSuite:
    """A parsed validation file: dictionary files, include list, initial options, records."""

    path: Path
    verbs: Path | None
    actors: tuple[Path, ...]
    agents: Path | None
    discards: Path | None
    errorfile: Path | None
    include: tuple[str, ...]  # `<Include>` words as written, `valid` included; () if absent
    exclude: tuple[str, ...]
    initial_config: RecordConfig
    records: list[ValidationRecord]

    @property
    def valid_only(self) -> bool:
        """True when `<Include>` lists `valid`."""
        return "valid" in self.include

    @property
    def categories(self) -> tuple[str, ...]:
        """The included categories (the `<Include>` words other than `valid`)."""
        return tuple(word for word in self.include if word != "valid")

    @property
    def in_scope(self) -> list[ValidationRecord]:
        """The records that are run, in file order."""
        return [record for record in self.records if record.in_scope]

    def __iter__(self) -> Iterator[ValidationRecord]:
        """Iterate over all records in file order."""
        return iter(self.records)

    def __len__(self) -> int:
        """Number of records."""
        return len(self.records)

    def find(self, record_id: str) -> ValidationRecord:
        """Return the first record with this id; KeyError if there is none."""
        for record in self.records:
            if record.id == record_id:
                return record
        raise KeyError(record_id)


def _parse_xml(path: Path) -> tuple[ET.Element, dict[int, int]]:
    """Parse the file into an element tree; also return element id -> start line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationFileError(
            f"{path}: cannot read validation file: {exc.strerror or exc}",
            hint="check the path given for the validation file",
        ) from exc
    builder = ET.TreeBuilder()
    lines: dict[int, int] = {}
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def start(tag: str, attrs: dict[str, str]) -> None:
        lines[id(builder.start(tag, attrs))] = parser.CurrentLineNumber

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
        root = builder.close()
    except expat.ExpatError as exc:
        raise ValidationFileError(
            f"{path}:{exc.lineno}: malformed XML: {expat.ErrorString(exc.code)} "
            f"(column {exc.offset + 1})",
            hint="fix the XML at that line; blanks around '=' and <!-- --> comments are fine",
        ) from exc
    return root, lines


def _words(element: ET.Element | None) -> tuple[str, ...]:
    """The blank- or comma-separated words of an element's text."""
    if element is None or not element.text:
        return ()
    return tuple(word for word in re.split(r"[\s,]+", element.text) if word)


def _inside(folder: Path, name: str, where: str, tag: str) -> Path:
    """`folder / name`, refused unless it lies in `folder` or below it (symbolic links resolved).

    A validation file may come from anyone: it must not make dyad read (and quote in its
    messages) a file elsewhere, such as `../../../../etc/passwd`.
    """
    path = folder / name
    if not path.resolve().is_relative_to(folder.resolve()):
        raise ValidationFileError(
            f"{where}: <{tag}> names {name!r}, which is outside {folder}; not read",
            hint="put the dictionaries in the folder of the validation file (or below it), "
            "or name their folder with --dictionaries",
        )
    return path


def _file(folder: Path, element: ET.Element | None, where: str) -> Path | None:
    """An `<Environment>` file name, resolved in `folder` (and refused outside it)."""
    if element is None or not (element.text or "").strip():
        return None
    return _inside(folder, (element.text or "").strip(), where, element.tag)


def _errorfile(folder: Path, element: ET.Element | None) -> Path | None:
    """The `<Errorfile>` name (PETRARCH's error log), as written: dyad never opens it."""
    if element is None or not (element.text or "").strip():
        return None
    return folder / (element.text or "").strip()


def _apply_config(state: RecordConfig, element: ET.Element, where: str) -> RecordConfig:
    """Apply one `<Config>` element to the option state."""
    option = (element.get("option") or "").strip()
    value = element.get("value")
    if not option or value is None:
        raise ValidationFileError(f"{where}: <Config> needs option= and value= attributes")
    try:
        return state.with_option(option, value)
    except ValueError as exc:
        raise ValidationFileError(
            f"{where}: <Config option={option!r}> needs a whole number, not {value!r}"
        ) from exc


def _expected(element: ET.Element, where: str) -> tuple[list[Triple], str | None]:
    """Read a record's `<EventCoding>` elements: expected triples and expected error."""
    events: list[Triple] = []
    error: str | None = None
    for coding in element.iter("EventCoding"):
        if coding.get("error") is not None:
            error = (coding.get("error") or "").strip()
            continue
        if (coding.get("noevents") or "").strip().lower() == "true":
            continue
        fields = [coding.get(name) for name in ("sourcecode", "targetcode", "eventcode")]
        if any(value is None for value in fields):
            raise ValidationFileError(
                f"{where}: <EventCoding> needs sourcecode=, targetcode= and eventcode= "
                "(or noevents= / error=)"
            )
        source, target, code = (str(value).strip() for value in fields)
        events.append((source, target, code))
    return events, error


def _record_date(raw: str | None, where: str) -> date:
    """Parse a YYYYMMDD record date."""
    text = (raw or "").strip()
    try:
        if not re.fullmatch(r"\d{8}", text):
            raise ValueError(text)
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError as exc:
        raise ValidationFileError(f"{where}: date={raw!r} is not a YYYYMMDD date") from exc


def load_suite(path: Path, *, dictionaries: Path | None = None) -> ValidationSuite:
    """Parse a PETRARCH validation XML file into a ValidationSuite.

    The dictionary files its `<Environment>` names are looked up in `dictionaries` (by
    default the XML file's folder) and must lie in that folder or below it: a name that leads
    elsewhere (`../../etc/passwd`, an absolute path, a symbolic link out) is refused with a
    ValidationFileError naming the XML file and line. The `<Errorfile>`, which dyad never
    opens, is not checked.
    """
    path = Path(path)
    root, lines = _parse_xml(path)
    folder = path.parent if dictionaries is None else Path(dictionaries)

    def where(element: ET.Element) -> str:
        return f"{path}:{lines.get(id(element), 0)}"

    environment = root.find("Environment")
    env = environment if environment is not None else ET.Element("Environment")

    def named(tag: str) -> Path | None:
        element = env.find(tag)
        return None if element is None else _file(folder, element, where(element))

    actors = tuple(
        _inside(folder, name, where(element), element.tag)
        for element in env.findall("Actorfile")
        for name in re.split(r"[\s,]+", (element.text or "").strip())
        if name
    )
    include = _words(env.find("Include"))
    exclude = _words(env.find("Exclude"))
    categories = {word for word in include if word != "valid"}
    valid_only = "valid" in include

    state = RecordConfig()
    initial: RecordConfig | None = None
    records: list[ValidationRecord] = []
    for element in root.iter():
        if element.tag == "Config":
            state = _apply_config(state, element, where(element))
        elif element.tag == "Sentences" and initial is None:
            initial = state
        elif element.tag == "Sentence":
            records.append(
                _record(element, where(element), state, categories, exclude, valid_only,
                        len(records), lines.get(id(element), 0))
            )  # fmt: skip
    if not records:
        raise ValidationFileError(
            f"{path}: no <Sentence> records found",
            hint="a validation file holds <Sentences><Sentence ...>...</Sentence></Sentences>",
        )
    return ValidationSuite(
        path=path,
        verbs=named("Verbfile"),
        actors=actors,
        agents=named("Agentfile"),
        discards=named("Discardfile"),
        errorfile=_errorfile(folder, env.find("Errorfile")),
        include=include,
        exclude=exclude,
        initial_config=initial if initial is not None else records[0].config,
        records=records,
    )


def _record(
    element: ET.Element,
    where: str,
    config: RecordConfig,
    categories: set[str],
    exclude: tuple[str, ...],
    valid_only: bool,
    index: int,
    line: int,
) -> ValidationRecord:
    """Build one ValidationRecord from a `<Sentence>` element."""
    record_id = (element.get("id") or "").strip()
    if not record_id:
        raise ValidationFileError(f"{where}: <Sentence> has no id=")
    where = f"{where} ({record_id})"
    category = (element.get("category") or "").strip()
    flag = element.get("sentence", element.get("valid", "true"))
    text_element = element.find("Text")
    parse_element = element.find("Parse")
    expected, error = _expected(element, where)
    return ValidationRecord(
        id=record_id,
        date=_record_date(element.get("date"), where),
        category=category,
        sentence=flag.strip().lower() == "true",
        text=" ".join("".join(text_element.itertext()).split()) if text_element is not None else "",
        expected=expected,
        expected_error=error,
        config=config,
        parse=("".join(parse_element.itertext()).strip() if parse_element is not None else ""),
        included=(not categories or category in categories) and category not in exclude,
        valid_only=valid_only,
        index=index,
        line=line,
    )
