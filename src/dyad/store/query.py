"""Query stored events: filters (actor, dyad, root, dates, words, field conditions) as SQL.

Every value reaches the database as a parameter; column names come from fixed tables here.
A listed event carries the event record's fields (of its best mention, with the event's first
date) plus `event_id`, `num_mentions`, `num_sources` and `num_articles`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from dyad.errors import EventNotFoundError, QueryError
from dyad.record import EVENT_FIELDS
from dyad.store.backend import Backend, Row

#: The columns of an event listing, in order.
LISTING_COLUMNS: tuple[str, ...] = (
    "event_id", *EVENT_FIELDS, "num_mentions", "num_sources", "num_articles")
_INTEGER = frozenset({"sentence_id", "quad_class", "num_mentions", "num_sources", "num_articles"})
_FLOAT = frozenset({"goldstein"})
_DATE = frozenset({"date", "last_date"})
_JSON = frozenset({"spans", "location"})
#: Columns a --where condition may name.
WHERE_COLUMNS: tuple[str, ...] = (
    *(c for c in LISTING_COLUMNS if c not in ("spans", "location")), "last_date",
    "location_country", "location_lat", "location_lon")
_OPERATORS: dict[str, str] = {
    "=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">=", "~": "LIKE"}
_CONDITION = re.compile(r"^\s*([a-z_]+)\s*(!=|<=|>=|=|<|>|~)\s*(.*?)\s*$", re.DOTALL)
#: SQL: the mention `m` belongs to the event `e`.
MENTION_OF_EVENT = (
    "m.source = e.source AND m.target = e.target AND m.code = e.code AND "
    "((m.date >= e.date AND m.date <= e.last_date) OR (m.date IS NULL AND e.date IS NULL))")


_WORD = re.compile(r"[^\W_]+")


def search_words(text: str) -> list[str]:
    """The words of a text as text search sees them: lower-cased runs of letters and digits."""
    return _WORD.findall(text.lower())


def prefix_end(prefix: str) -> str:
    """The least string after every string that starts with `prefix` (a non-empty string not
    ending in the last code point), in code point order, which is UTF-8 byte order: strings
    that start with `prefix` are exactly those `s` with `prefix <= s < prefix_end(prefix)`."""
    following = ord(prefix[-1]) + 1
    if 0xD800 <= following < 0xE000:  # surrogates are no characters of UTF-8 text
        following = 0xE000
    return prefix[:-1] + chr(min(following, 0x10FFFF))


def like_prefix(text: str) -> str:
    """A LIKE pattern (escape character `\\`) matching strings that start with `text`."""
    return escape_like(text) + "%"


def starts_with(dialect: str, column: str, prefix: str) -> tuple[str, str]:
    """A test that `column` starts with `prefix`, and its parameter: DuckDB's `starts_with`
    (several times faster there than a LIKE pattern with an ESCAPE clause), a LIKE prefix on
    PostgreSQL (which a `text_pattern_ops` index serves)."""
    if dialect == "duckdb":
        return f"starts_with({column}, ?)", prefix
    return f"{column} LIKE ? ESCAPE '\\'", like_prefix(prefix)


def directed(dialect: str, source: str, target: str) -> tuple[str, list[Any]]:
    """Events of the table `e` whose source starts with `source` and target with `target`."""
    first, a = starts_with(dialect, "e.source", source)
    second, b = starts_with(dialect, "e.target", target)
    return f"({first} AND {second})", [a, b]


def either_way(dialect: str, first: str, second: str) -> tuple[str, list[Any]]:
    """Events of the table `e` between two actors (code prefixes), in either direction."""
    there, forward = directed(dialect, first, second)
    back, backward = directed(dialect, second, first)
    return f"({there} OR {back})", [*forward, *backward]


def escape_like(text: str) -> str:
    """`text` with LIKE's wildcards and the escape character `\\` escaped."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class Condition:
    """One `--where` condition: a column, an operator and a value (sent as a parameter)."""

    column: str
    operator: str
    value: Any

    def sql(self) -> tuple[str, list[Any]]:
        """The condition as SQL on the events table `e`, and its parameter."""
        if self.operator == "~":
            return f"lower(CAST(e.{self.column} AS TEXT)) LIKE ? ESCAPE '\\'", [
                "%" + escape_like(str(self.value).lower()) + "%"]
        return f"e.{self.column} {_OPERATORS[self.operator]} ?", [self.value]


def parse_condition(text: str) -> Condition:
    """Parse `column OP value` (OP one of = != < <= > >= ~, `~` meaning contains)."""
    match = _CONDITION.match(text)
    if not match:
        raise QueryError(f"bad --where condition {text!r}: expected COLUMN OP VALUE",
                         hint="for example: --where 'quad_class=4' --where 'date>=2024-01-01'")
    column, operator, raw = match.groups()
    if column not in WHERE_COLUMNS:
        raise QueryError(f"bad --where condition {text!r}: unknown column {column!r}",
                         hint="columns: " + ", ".join(WHERE_COLUMNS))
    if operator == "~":
        return Condition(column, operator, raw)
    value: Any = raw
    try:
        if column in _INTEGER:
            value = int(raw)
        elif column in _FLOAT:
            value = float(raw)
        elif column in _DATE:
            value = date.fromisoformat(raw)
    except ValueError:
        kind = "an integer" if column in _INTEGER else "a number" if column in _FLOAT else (
            "a date (YYYY-MM-DD)")
        raise QueryError(f"bad --where condition {text!r}: {column} needs {kind}") from None
    return Condition(column, operator, value)


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_day(value: date | str | None, name: str = "date") -> date | None:
    """A date given as a `date` or as YYYY-MM-DD text (None or "" for none), as the command
    line reads them; QueryError naming `name` for anything else ("2024/01/01", "2000-13-45")."""
    if value is None or isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise QueryError(f"{name}: {value!r} is not a date in YYYY-MM-DD form")
    text = value.strip()
    if not text:
        return None
    try:
        if _DAY.match(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise QueryError(f"{name}: {value!r} is not a date in YYYY-MM-DD form")


#: The columns of `event_words` that `EventFilter.word_hits` may give (the word aside).
_WORD_COLUMNS: frozenset[str] = frozenset({
    "event_id", "date", "source", "target", "root", "quad_class", "goldstein"})


def _word_prefix(dialect: str, prefix: str) -> tuple[str, list[Any]]:
    """A test that `event_words.word` starts with `prefix`: on DuckDB a range of strings
    (which the table's zone maps can skip row groups by), a LIKE prefix on PostgreSQL."""
    if dialect == "duckdb":
        return "word >= ? AND word < ?", [prefix, prefix_end(prefix)]
    return "word LIKE ? ESCAPE '\\'", [like_prefix(prefix)]


def _pair(dyad: str) -> tuple[str, str]:
    parts = dyad.upper().split(":")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise QueryError(f"bad dyad {dyad!r}: expected SOURCE:TARGET, e.g. RUS:JPN")
    return parts[0].strip(), parts[1].strip()


#: The mean radius of the Earth, in kilometres (IUGG).
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Near:
    """Within `km` kilometres of a point (latitude, longitude in decimal degrees)."""

    lat: float
    lon: float
    km: float

    @classmethod
    def parse(cls, text: str) -> Near:
        """A circle from "LAT,LON,KM" ("55.75,37.62,50"); QueryError otherwise."""
        parts = [p.strip() for p in text.split(",")]
        try:
            lat, lon, km = (float(p) for p in parts)
        except ValueError:
            raise QueryError(f"near: {text!r} is not LAT,LON,KM (e.g. 55.75,37.62,50)") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 <= km <= 20_040):
            raise QueryError(f"near: {text!r}: latitude must be within ±90, longitude within "
                             "±180, and the distance 0 to 20,040 km")
        return cls(lat, lon, km)

    @property
    def text(self) -> str:
        """The circle as `parse` reads it."""
        return f"{self.lat:g},{self.lon:g},{self.km:g}"

    def sql(self) -> tuple[str, list[Any]]:
        """The condition on the events table `e`: a latitude band, then the great-circle
        (haversine) distance."""
        band = self.km / EARTH_RADIUS_KM * 57.29577951308232
        distance = (
            f"{EARTH_RADIUS_KM} * 2 * asin(sqrt(least(1.0, "
            "power(sin(radians(e.location_lat - ?) / 2), 2) + cos(radians(?)) * "
            "cos(radians(e.location_lat)) * power(sin(radians(e.location_lon - ?) / 2), 2))))")
        return (f"(e.location_lat BETWEEN ? AND ? AND {distance} <= ?)",
                [self.lat - band, self.lat + band, self.lat, self.lat, self.lon, self.km])


@dataclass(frozen=True)
class EventFilter:
    """Which events to list: every given criterion must hold."""

    actor: str = ""  # source or target code starts with it
    dyad: str = ""  # "SOURCE:TARGET", each a code prefix
    pair: str = ""  # "A:B": events between A and B in either direction
    root: str = ""  # CAMEO root, e.g. "16"
    code: str = ""  # CAMEO code prefix, e.g. "163"
    since: date | None = None  # the event's last date is on or after
    until: date | None = None  # the event's first date is on or before
    words: str = ""  # every word starts a word of a sentence of one of the event's mentions
    where: tuple[Condition, ...] = ()
    source: str = ""  # the source code starts with it
    target: str = ""  # the target code starts with it
    plover: str = ""  # PLOVER event type, e.g. "SANCTION"
    quad_class: int | None = None  # QuadClass 1..4
    outlet: str = ""  # one of the event's mentions is from this news outlet
    document: str = ""  # one of the event's mentions is in this document (its id)
    country: str = ""  # where it happened is in this country (three-letter code)
    near: Near | None = None  # where it happened is within this circle

    def sql(self, dialect: str) -> tuple[str, list[Any]]:
        """The filter as a WHERE condition on the events table `e` in the SQL `dialect` of a
        backend ("duckdb" or "postgresql"), and its parameters."""
        parts: list[str] = []
        params: list[Any] = []
        if self.actor.strip():
            actor = self.actor.strip().upper()
            source, a = starts_with(dialect, "e.source", actor)
            target, b = starts_with(dialect, "e.target", actor)
            parts.append(f"({source} OR {target})")
            params += [a, b]
        for value, test in ((self.dyad, directed), (self.pair, either_way)):
            if value:
                text, values = test(dialect, *_pair(value))
                parts.append(text)
                params += values
        for column, side in (("e.source", self.source), ("e.target", self.target)):
            if side.strip():
                tested, prefix = starts_with(dialect, column, side.strip().upper())
                parts.append(tested)
                params.append(prefix)
        if self.plover.strip():
            parts.append("e.plover = ?")
            params.append(self.plover.strip().upper())
        if self.quad_class is not None:
            parts.append("e.quad_class = ?")
            params.append(int(self.quad_class))
        for column, member in (("e.outlets", self.outlet), ("e.doc_ids", self.document)):
            if member:  # the JSON list holds the value's JSON string
                parts.append(f"{column} LIKE ? ESCAPE '\\'")
                params.append("%" + escape_like(json.dumps(member)) + "%")
        if self.country.strip():
            parts.append("e.location_country = ?")
            params.append(self.country.strip().upper())
        if self.near is not None:
            text, values = self.near.sql()
            parts.append(text)
            params += values
        if self.root:
            parts.append("e.root = ?")
            params.append(self.root.strip().zfill(2))
        if self.code:
            coded, prefix = starts_with(dialect, "e.code", self.code.strip())
            parts.append(coded)
            params.append(prefix)
        if self.since is not None:
            parts.append("e.last_date >= ?")
            params.append(self.since)
        if self.until is not None:
            parts.append("e.date <= ?")
            params.append(self.until)
        if search_words(self.words):
            hits, values = self.word_hits(dialect)
            parts.append(f"e.event_id IN (SELECT event_id FROM ({hits}) h)")
            params += values
        elif self.words.strip():
            parts.append("FALSE")  # text without a word in it (e.g. "%") matches nothing
        for condition in self.where:
            text, values = condition.sql()
            parts.append(text)
            params += values
        return (" AND ".join(parts) or "TRUE"), params

    def on_words_alone(self) -> bool:
        """Whether `event_words` can answer the criteria other than words by itself: it holds
        each event's source, target and first date (so actor, dyad, pair, source, target and
        until)."""
        return replace(self, words="", actor="", dyad="", pair="", until=None, source="",
                       target="") == EventFilter()

    def word_hits(self, dialect: str, columns: Sequence[str] = ("event_id", "date")
                  ) -> tuple[str, list[Any]]:
        """SQL giving (event_id, date) of the events every word of `words` is found in: each
        word starts a word (as `search_words` splits text) of a sentence of one of the event's
        mentions; and its parameters. With `on_words_alone`, the other criteria hold too.
        `columns`: other columns of `event_words` to give (each event's own values), e.g. the
        root, QuadClass and Goldstein score that facet counts add up."""
        wanted = ", ".join(c for c in columns if c in _WORD_COLUMNS)
        if wanted != ", ".join(columns):
            raise ValueError(f"not columns of event_words: {columns!r}")
        rest, rest_params = "", list[Any]()
        if self.on_words_alone():
            condition, rest_params = replace(self, words="").sql(dialect)
            rest = "" if condition == "TRUE" else f" AND {condition}"
        found: list[str] = []
        params: list[Any] = []
        for word in sorted(set(search_words(self.words))):
            test, values = _word_prefix(dialect, word)
            found.append(f"SELECT DISTINCT {wanted} FROM event_words e WHERE {test}{rest}")
            params += [*values, *rest_params]
        return " INTERSECT ".join(found), params


def events_sql(backend: Backend, where: EventFilter, *, columns: Sequence[str] = LISTING_COLUMNS,
               limit: int | None = None, document: Sequence[str] = ()
               ) -> tuple[str, list[Any]]:
    """SQL listing the filtered events by date then id (with columns of their best mention's
    document as `document_COLUMN`), and its parameters."""
    condition, params = where.sql(backend.dialect)
    selected = [f"e.{c}" for c in columns] + [f"d.{c} AS document_{c}" for c in document]
    join = " LEFT JOIN documents d ON d.doc_id = e.doc_id" if document else ""
    sql = (f"SELECT {', '.join(selected)} FROM events e{join} WHERE {condition} "
           f"ORDER BY e.date NULLS LAST, e.event_id{backend.text_order}")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return sql, params


def record(columns: Sequence[str], row: Row) -> dict[str, Any]:
    """A stored row as plain values: dates as ISO strings ("" for none), spans as a dict."""
    return {name: _plain(name, item) for name, item in zip(columns, row, strict=True)}


def listing_json(values: Mapping[str, Any]) -> str:
    """The listing record (LISTING_COLUMNS, converted as `record` converts them) of an event's
    stored `values` as compact JSON: what the events table's `listing` column holds."""
    return json.dumps(record(LISTING_COLUMNS, tuple(values[c] for c in LISTING_COLUMNS)),
                      ensure_ascii=False, separators=(",", ":"))


def records(columns: Sequence[str], rows: Sequence[Row]) -> list[dict[str, Any]]:
    """`record` of every row, converting only the columns that need it."""
    found = [dict(zip(columns, row, strict=True)) for row in rows]
    for index, name in enumerate(columns):
        values = [row[index] for row in rows]
        if name in _JSON or name in _DATE or any(isinstance(v, date) for v in values):
            for value, item in zip(found, values, strict=True):
                value[name] = _plain(name, item)
    return found


def _plain(name: str, item: Any) -> Any:
    if isinstance(item, date):
        return item.isoformat()
    if item is None and name in _DATE:
        return ""
    if name in _JSON and isinstance(item, str):
        return json.loads(item) if item else None
    return item


def list_events(backend: Backend, where: EventFilter, *, limit: int | None = None
                ) -> list[dict[str, Any]]:
    """The filtered events as records with LISTING_COLUMNS."""
    sql, params = events_sql(backend, where, limit=limit)
    columns, rows = backend.fetch(sql, params)
    return records(columns, rows)


def count_events(backend: Backend, where: EventFilter) -> int:
    """How many events the filter selects."""
    condition, params = where.sql(backend.dialect)
    return int(backend.rows(f"SELECT count(*) FROM events e WHERE {condition}", params)[0][0])


_EVENT_DETAIL = (*LISTING_COLUMNS, "last_date", "doc_ids")
_MENTIONS = (
    "SELECT m.doc_id, m.sentence_id, s.text AS sentence, m.source, m.source_text, m.target, "
    "m.target_text, m.code, m.root, m.plover, m.goldstein, m.quad_class, m.mode, m.date, "
    "m.date_text, m.attribution, m.trigger, m.spans, m.location, m.ordinal, "
    "s.span_start AS sentence_start, "
    "d.title, d.url, d.source AS news_source, d.date AS document_date, d.origin "
    "FROM mentions m JOIN sentences s ON s.doc_id = m.doc_id AND s.sentence_id = m.sentence_id "
    "JOIN documents d ON d.doc_id = m.doc_id "
    "WHERE m.source = ? AND m.target = ? AND m.code = ? AND {dates} "
    "ORDER BY m.date, m.doc_id{order}, m.ordinal")


@dataclass(frozen=True)
class EventDetail:
    """One event and every mention of it, with its document and sentence."""

    event: dict[str, Any]
    mentions: list[dict[str, Any]]


def event_detail(backend: Backend, event_id: str) -> EventDetail:
    """An event by id with all its mentions; EventNotFoundError if there is none."""
    columns, rows = backend.fetch(
        f"SELECT {', '.join('e.' + c for c in _EVENT_DETAIL)} FROM events e "
        "WHERE e.event_id = ?", [event_id.strip()])
    if not rows:
        raise EventNotFoundError(event_id)
    raw = dict(zip(columns, rows[0], strict=True))
    event = record(columns, rows[0])
    event["doc_ids"] = json.loads(event["doc_ids"])
    if raw["date"] is None:
        dates, params = "m.date IS NULL", []
    else:
        dates, params = "m.date >= ? AND m.date <= ?", [raw["date"], raw["last_date"]]
    sql = _MENTIONS.format(dates=dates, order=backend.text_order)
    columns, rows = backend.fetch(sql, [raw["source"], raw["target"], raw["code"], *params])
    return EventDetail(event, records(columns, rows))
