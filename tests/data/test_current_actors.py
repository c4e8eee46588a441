"""The maintained actor supplements: dyad.Current.actors.txt and dyad.Places.actors.txt.

Each file is read twice: by a minimal parser written here (so that the checks do not depend on
the real reader) and, when it imports, by `dyad.dictionaries.actors.parse_actors`, which must
report no problem. The checks: every record has a code group, every date is a real date, every
record names the source of its dates, the files repeat no name, and a table of spot checks
gives the expected code on a given day, alone and merged after the Phoenix files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DICTIONARIES = ROOT / "src" / "dyad" / "data" / "dictionaries"
CURRENT = DICTIONARIES / "dyad.Current.actors.txt"
PLACES = DICTIONARIES / "dyad.Places.actors.txt"
SUPPLEMENTS = (CURRENT, PLACES)
PHOENIX = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
# The date through which the header says the data are believed accurate.
CUT_OFF = date(2025, 6, 30)
# A source comment names where the dates come from.
SOURCE_WORDS = ("Wikipedia", "official", ".gov", ".go.", "gov.", ".int", "europa.eu")

_GROUP = re.compile(r"\[([^\[\]]*)\]")
_DATED = re.compile(r"^([A-Z]{3}[A-Z0-9]*|---)\s*(?:([<>])\s*(\d{8})|(\d{8})\s*-\s*(\d{8}))?$")


# ------------------------------------------------------------------ a minimal parser


@dataclass
class Group:
    code: str
    start: date | None = None
    end: date | None = None

    def holds(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Record:
    line: int
    names: list[tuple[str, ...]]
    comment: str
    groups: list[Group] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def words(name: str) -> tuple[str, ...]:
    return tuple(name.upper().replace("_", " ").split())


def eight_digits(text: str) -> date:
    """A YYYYMMDD date; ValueError when it is not a real date."""
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def parse_group(body: str) -> Group:
    """One group body, `CODE`, `CODE <D`, `CODE >D` or `CODE D1-D2` with 8-digit dates."""
    match = _DATED.match(body.strip())
    if match is None:
        raise ValueError(f"malformed code group [{body}]")
    code, sign, one, first, second = match.groups()
    if sign == "<":
        return Group(code, end=eight_digits(one))
    if sign == ">":
        return Group(code, start=eight_digits(one))
    if first:
        start, end = eight_digits(first), eight_digits(second)
        if end < start:
            raise ValueError(f"[{body}] ends before it starts")
        return Group(code, start, end)
    return Group(code)


def parse(path: Path) -> list[Record]:
    records: list[Record] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        data, _, comment = raw.partition("#")
        if not data.strip():
            continue
        if data[0] in " \t":
            target = records[-1]
            bodies = _GROUP.findall(data)
            if not bodies or _GROUP.sub("", data).strip():
                target.errors.append(f"line {number}: not a code line: {raw!r}")
        elif data.startswith("+"):
            records[-1].names.append(words(data[1:]))
            if "[" in data or "]" in data:
                records[-1].errors.append(f"line {number}: codes on a synonym line")
            continue
        else:
            name, _, rest = data.partition("[")
            records.append(Record(number, [words(name)], comment.strip()))
            target = records[-1]
            bodies = _GROUP.findall("[" + rest) if rest else []
        for body in bodies:
            try:
                target.groups.append(parse_group(body))
            except ValueError as exc:
                target.errors.append(f"line {number}: {exc}")
    return records


@pytest.fixture(scope="module", params=SUPPLEMENTS, ids=lambda p: p.name)
def records(request: pytest.FixtureRequest) -> list[Record]:
    return parse(request.param)


def codes_on(table: dict[tuple[str, ...], list[Group]], name: str, day: date | None) -> list[str]:
    """The resolution rule: first dated group that holds, else the first undated one."""
    groups = table.get(words(name), [])
    chosen = None
    if day is not None:
        chosen = next((g for g in groups if (g.start or g.end) and g.holds(day)), None)
    if chosen is None:
        chosen = next((g for g in groups if not (g.start or g.end)), None)
    if chosen is None or chosen.code == "---":
        return []
    return chosen.code.split("/")


def table_of(paths: tuple[Path, ...]) -> dict[tuple[str, ...], list[Group]]:
    table: dict[tuple[str, ...], list[Group]] = {}
    for path in paths:
        for record in parse(path):
            for name in record.names:
                table.setdefault(name, []).extend(record.groups)
    return table


# ------------------------------------------------------------------ file-level checks


@pytest.mark.parametrize("path", SUPPLEMENTS, ids=lambda p: p.name)
def test_header_states_purpose_licence_and_cut_off(path: Path) -> None:
    head = path.read_text(encoding="utf-8")[:6000]
    assert "Purpose:" in head
    assert "MIT" in head
    assert f"Believed accurate through: {CUT_OFF.isoformat()}" in head


def test_every_record_has_a_code_group(records: list[Record]) -> None:
    assert records
    assert [r.line for r in records if not r.groups] == []


def test_every_group_parses_with_real_dates(records: list[Record]) -> None:
    assert [e for r in records for e in r.errors] == []


def test_every_record_names_its_source(records: list[Record]) -> None:
    missing = [r.line for r in records if not any(w in r.comment for w in SOURCE_WORDS)]
    assert missing == []


def test_no_name_is_listed_twice(records: list[Record]) -> None:
    seen: dict[tuple[str, ...], int] = {}
    twice = []
    for record in records:
        for name in record.names:
            if name in seen:
                twice.append((" ".join(name), seen[name], record.line))
            seen[name] = record.line
    assert twice == []


def test_the_two_files_share_no_name() -> None:
    current = {n for r in parse(CURRENT) for n in r.names}
    places = {n for r in parse(PLACES) for n in r.names}
    assert current & places == set()


def test_codes_look_like_cameo_codes(records: list[Record]) -> None:
    bad = [
        (r.line, g.code)
        for r in records
        for g in r.groups
        if g.code != "---" and not re.fullmatch(r"(?:[A-Z]{3})+", g.code)
    ]
    assert bad == []


def test_no_role_starts_after_the_cut_off_without_saying_so() -> None:
    late = [
        r.line
        for r in parse(CURRENT)
        if any(g.start and g.start > CUT_OFF for g in r.groups) and "after cut-off" not in r.comment
    ]
    assert late == []


def test_places_use_only_known_country_codes() -> None:
    tsv = ROOT.parent / "shared" / "data" / "cameo" / "cameo_country_codes.tsv"
    if not tsv.exists():
        pytest.skip("shared/data/cameo is not beside the repository")
    known = {line.split("\t")[0] for line in tsv.read_text(encoding="utf-8").splitlines()[1:]}
    known.add("IGO")
    unknown = [
        (r.line, g.code)
        for r in parse(PLACES)
        for g in r.groups
        if not any(g.code.startswith(k) for k in known)
    ]
    assert unknown == []


# ------------------------------------------------------------------ spot checks

# (name, day or None for any day, expected code; None: no code on that day)
SPOT_CHECKS: list[tuple[str, date | None, str | None]] = [
    # Russia
    ("MIKHAIL MISHUSTIN", date(2024, 7, 2), "RUSGOV"),
    ("MISHUSTIN", date(2020, 1, 16), "RUSGOV"),
    ("SERGEI SHOIGU", date(2025, 1, 10), "RUSGOV"),
    ("DMITRY PESKOV", date(2023, 3, 1), "RUSGOV"),
    ("MARIA ZAKHAROVA", date(2015, 8, 9), None),
    ("MARIA ZAKHAROVA", date(2015, 8, 10), "RUSGOV"),
    ("VALENTINA MATVIYENKO", date(2022, 1, 1), "RUSLEG"),
    ("SERGEI NARYSHKIN", date(2015, 1, 1), "RUSLEG"),
    ("SERGEI NARYSHKIN", date(2017, 1, 1), "RUSSPY"),
    ("VYACHESLAV VOLODIN", date(2020, 1, 1), "RUSLEG"),
    ("RIA NOVOSTI", None, "RUSMED"),
    ("RIA - NOVOSTI", date(2022, 2, 24), "RUSMED"),
    ("TASS", None, "RUSMED"),
    ("ITAR - TASS", None, "RUSMED"),
    ("RUSSIA TODAY", None, "RUSMED"),
    ("SPUTNIK V", date(2021, 1, 1), None),
    # Japan
    ("YOSHIMASA HAYASHI", date(2024, 7, 1), "JPNGOV"),
    ("YOSHIMASA HAYASHI", date(2022, 6, 1), "JPNGOV"),
    ("YOSHIMASA HAYASHI", date(2023, 10, 15), None),
    ("SHINZO ABE", date(2015, 8, 14), "JPNGOV"),
    ("FUMIO KISHIDA", date(2019, 1, 1), None),
    ("KISHIDA", date(2022, 5, 1), "JPNGOV"),
    ("SHIGERU ISHIBA", date(2025, 3, 1), "JPNGOV"),
    ("TARO KONO", date(2018, 3, 1), "JPNGOV"),
    ("NARUHITO", date(2020, 1, 1), "JPNGOV"),
    ("NHK", None, "JPNMED"),
    ("KYODO NEWS", None, "JPNMED"),
    ("JAPAN SELF - DEFENSE FORCES", None, "JPNMIL"),
    # China, Korea
    ("LI QIANG", date(2024, 1, 1), "CHNGOV"),
    ("WANG YI", date(2024, 1, 1), "CHNGOV"),
    ("QIN GANG", date(2024, 1, 1), None),
    ("XINHUA", date(2024, 1, 1), "CHNMED"),
    ("PEOPLE 'S DAILY", None, "CHNMED"),
    ("GLOBAL TIMES", None, "CHNMED"),
    ("CGTN", None, "CHNMED"),
    ("YOON SUK - YEOL", date(2023, 1, 1), "KORGOV"),
    ("YOON SUK YEOL", date(2025, 5, 1), "KORELI"),
    ("LEE JAE - MYUNG", date(2025, 6, 4), "KORGOV"),
    ("KIM JONG - UN", date(2018, 6, 12), "PRKGOV"),
    ("KCNA", None, "PRKMED"),
    # Americas, Europe, others
    ("DONALD TRUMP", date(2018, 1, 1), "USAGOV"),
    ("TRUMP", date(2023, 1, 1), "USAELI"),
    ("TRUMP", date(2025, 2, 1), "USAGOV"),
    ("MARCO RUBIO", date(2025, 3, 1), "USAGOV"),
    ("ANTONY BLINKEN", date(2022, 1, 1), "USAGOV"),
    ("JUSTIN TRUDEAU", date(2020, 1, 1), "CANGOV"),
    ("CLAUDIA SHEINBAUM", date(2025, 1, 1), "MEXGOV"),
    ("JAVIER MILEI", date(2024, 1, 1), "ARGGOV"),
    ("JAIR BOLSONARO", date(2020, 1, 1), "BRAGOV"),
    ("EMMANUEL MACRON", date(2016, 1, 1), "FRAGOV"),
    ("EMMANUEL MACRON", date(2016, 12, 1), None),
    ("OLAF SCHOLZ", date(2023, 1, 1), "DEUGOV"),
    ("FRIEDRICH MERZ", date(2025, 6, 1), "DEUGOV"),
    ("MELONI", date(2024, 1, 1), "ITAGOV"),
    ("KEIR STARMER", date(2023, 1, 1), "GBROPP"),
    ("KEIR STARMER", date(2024, 7, 5), "GBRGOV"),
    ("RISHI SUNAK", date(2023, 1, 1), "GBRGOV"),
    ("MEVLUT CAVUSOGLU", date(2020, 1, 1), "TURGOV"),
    ("HAKAN FIDAN", date(2020, 1, 1), "TURSPY"),
    ("MOHAMMED BIN SALMAN", date(2024, 1, 1), "SAUGOV"),
    ("CYRIL RAMAPHOSA", date(2024, 1, 1), "ZAFGOV"),
    ("MODI", date(2024, 1, 1), "INDGOV"),
    ("S. JAISHANKAR", date(2024, 1, 1), "INDGOV"),
    ("PRABOWO SUBIANTO", date(2025, 1, 1), "IDNGOV"),
    ("ANTHONY ALBANESE", date(2024, 1, 1), "AUSGOV"),
    ("URSULA VON DER LEYEN", date(2024, 1, 1), "IGOEUREEC"),
    ("KAJA KALLAS", date(2025, 1, 1), "IGOEUREEC"),
    ("JOSEP BORRELL", date(2022, 1, 1), "IGOEUREEC"),
    ("ANTONIO COSTA", date(2025, 1, 1), "IGOEUREEC"),
    ("MOUSSA FAKI", date(2020, 1, 1), "IGOAFRAFU"),
    ("AFRICAN UNION", None, "IGOAFRAFU"),
    ("VOLODYMYR ZELENSKYY", date(2022, 3, 1), "UKRGOV"),
    ("BBC", date(2024, 1, 1), "GBRMED"),
    ("ANADOLU AGENCY", None, "TURMED"),
    # Places
    ("DOWNING STREET", None, "GBRGOV"),
    ("ELYSEE", None, "FRAGOV"),
    ("ZHONGNANHAI", None, "CHNGOV"),
    ("KANTEI", None, "JPNGOV"),
    ("LOS PINOS", date(2015, 1, 1), "MEXGOV"),
    ("LOS PINOS", date(2020, 1, 1), None),
    ("RUSSIANS", None, "RUS"),
    ("UKRAINIANS", None, "UKR"),
    ("AMERICANS", None, "USA"),
    ("NUR - SULTAN", None, "KAZ"),
    ("ESWATINI", None, "SWZ"),
    ("NORTH MACEDONIA", None, "MKD"),
    ("TURKS AND CAICOS", None, "GBR"),
]
# Names the Phoenix files already cover: checked on the merged dictionaries only.
PHOENIX_SPOT_CHECKS: list[tuple[str, date | None, str | None]] = [
    ("MOSCOW", None, "RUS"),
    ("TOKYO", None, "JPN"),
    ("KREMLIN", None, "RUSGOV"),
    ("WHITE HOUSE", None, "USAGOV"),
    ("VLADIMIR PUTIN", date(2024, 7, 2), "RUSGOV"),
    ("SERGEY LAVROV", date(2024, 7, 2), "RUSGOV"),
    ("JAPANESE", None, "JPN"),
]
# Names for which the Phoenix files hold a stale open-ended group for the exact same phrase
# (BARACK_OBAMA_ [USAGOV >090120]); the supplements load first, so today's role wins.
SHADOWED: list[tuple[str, date | None, str | None]] = [
    ("BARACK OBAMA", date(2018, 1, 1), "USAELI"),
    ("ANGELA MERKEL", date(2023, 1, 1), "DEUELI"),
    ("ANTHONY ALBANESE", date(2024, 1, 1), "AUSGOV"),
    ("URSULA VON DER LEYEN", date(2024, 1, 1), "IGOEUREEC"),
]
NOT_SHADOWED: list[tuple[str, date | None, str | None]] = [
    ("LULA", date(2015, 1, 1), "BRAELI"),
    ("ALBANESE", date(2024, 1, 1), "AUSGOV"),
    ("VON DER LEYEN", date(2024, 1, 1), "IGOEUREEC"),
    ("JEAN - CLAUDE JUNCKER", date(2016, 1, 1), "IGOEUREEC"),
]


def _expect(codes: list[str] | None, expected: str | None) -> None:
    if expected is None:
        assert not codes
    else:
        assert codes == [expected]


@pytest.mark.parametrize(("name", "day", "expected"), SPOT_CHECKS)
def test_spot_check_with_the_minimal_parser(
    name: str, day: date | None, expected: str | None
) -> None:
    table = table_of(SUPPLEMENTS)
    assert words(name) in table, f"{name} is in neither supplement"
    _expect(codes_on(table, name, day), expected)


# ------------------------------------------------------------------ the real reader


def _dictionary(with_phoenix: bool) -> Any:
    """The supplements read by dyad's own reader, merged before the Phoenix files if asked."""
    try:
        from dyad.dictionaries.actors import parse_actors
        from dyad.dictionaries.model import ActorDictionary
    except ImportError:  # pragma: no cover - the reader is written elsewhere
        pytest.skip("dyad.dictionaries.actors is not importable")
    merged = ActorDictionary()
    paths = list(SUPPLEMENTS)
    if with_phoenix:
        phoenix = [DICTIONARIES / n for n in PHOENIX]
        if not all(p.exists() for p in phoenix):
            pytest.skip("the Phoenix actor files are not shipped")
        paths = paths + phoenix  # the order of dyad.dictionaries.defaults
    for path in paths:
        parsed = parse_actors(path)
        if path in SUPPLEMENTS:
            assert [str(p) for p in parsed.problems] == []
        merged.merge(parsed.value)
    return merged


@pytest.fixture(scope="module")
def supplements_only() -> Any:
    return _dictionary(with_phoenix=False)


@pytest.fixture(scope="module")
def with_phoenix() -> Any:
    return _dictionary(with_phoenix=True)


@pytest.mark.parametrize("path", SUPPLEMENTS, ids=lambda p: p.name)
def test_real_reader_reports_no_problem(path: Path) -> None:
    try:
        from dyad.dictionaries.actors import parse_actors
    except ImportError:  # pragma: no cover
        pytest.skip("dyad.dictionaries.actors is not importable")
    parsed = parse_actors(path)
    assert [str(p) for p in parsed.problems] == []
    assert parsed.value.entries


@pytest.mark.parametrize(("name", "day", "expected"), SPOT_CHECKS)
def test_spot_check_with_the_real_reader(
    supplements_only: Any, name: str, day: date | None, expected: str | None
) -> None:
    _expect(supplements_only.codes_for(words(name), day), expected)


_SHADOWED_NAMES = {name for name, _, _ in SHADOWED}


@pytest.mark.parametrize(
    ("name", "day", "expected"),
    [c for c in SPOT_CHECKS if c[0] not in _SHADOWED_NAMES] + PHOENIX_SPOT_CHECKS + NOT_SHADOWED,
)
def test_spot_check_merged_after_phoenix(
    with_phoenix: Any, name: str, day: date | None, expected: str | None
) -> None:
    _expect(with_phoenix.codes_for(words(name), day), expected)


@pytest.mark.parametrize(("name", "day", "expected"), SHADOWED)
def test_supplement_roles_win_over_stale_phoenix_groups(
    supplements_only: Any, with_phoenix: Any, name: str, day: date | None, expected: str | None
) -> None:
    _expect(supplements_only.codes_for(words(name), day), expected)
    _expect(with_phoenix.codes_for(words(name), day), expected)
