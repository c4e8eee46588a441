"""Tests for dyad.dictionaries.actors (DICTIONARY-FORMATS.md §4)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from dyad.dictionaries.actors import parse_actors, parse_date, parse_group
from dyad.dictionaries.model import CodeGroup
from dyad.errors import DictionaryLineError
from tests.dictionaries.conftest import SHIPPED, UNITTEST

Write = Callable[..., Path]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("730717", date(1973, 7, 17)),
        ("070723", date(2007, 7, 23)),
        ("300101", date(2030, 1, 1)),
        ("310101", date(1931, 1, 1)),
        ("991231", date(1999, 12, 31)),
        ("19270101", date(1927, 1, 1)),
        ("20100112", date(2010, 1, 12)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("9008223", "7 digits"),
        ("1920030320", "10 digits"),
        ("201005011", "9 digits"),
        ("20130231", "impossible"),
        ("991301", "impossible"),
        ("12ab56", "not a number"),
        ("", "not a number"),
    ],
)
def test_parse_date_errors(text: str, reason: str) -> None:
    result = parse_date(text)
    assert isinstance(result, str) and reason in result


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("AFG", CodeGroup("AFG")),
        ("---", CodeGroup("---")),
        ("FRO/BIL/SAM", CodeGroup("FRO/BIL/SAM")),
        ("AFGELI 730717-070723", CodeGroup("AFGELI", date(1973, 7, 17), date(2007, 7, 23))),
        ("AFGELI 19270101-730717", CodeGroup("AFGELI", date(1927, 1, 1), date(1973, 7, 17))),
        ("IGOUNOKID >050501", CodeGroup("IGOUNOKID", start=date(2005, 5, 1))),
        ("EGYGOV > 140608", CodeGroup("EGYGOV", start=date(2014, 6, 8))),
        ("HOB < 950601", CodeGroup("HOB", end=date(1995, 6, 1))),
        ("--- <950630", CodeGroup("---", end=date(1995, 6, 30))),
        ("HOBGOV 19950601 - 19990815", CodeGroup("HOBGOV", date(1995, 6, 1), date(1999, 8, 15))),
        ("  ZBW  ", CodeGroup("ZBW")),
    ],
)
def test_parse_group(body: str, expected: CodeGroup) -> None:
    assert parse_group(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "ARMUNR 9008223-911221",
        "IRQOCC 1920030320-20060520",
        "MNEGOV 20121204",
        "EGYGOV 20121207-20120802",
        "",
        "   ",
        "X 950101-",
        "X <",
    ],
)
def test_parse_group_errors(body: str) -> None:
    assert isinstance(parse_group(body), str)


def test_record_groups_apply_to_primary_and_synonyms(write: Write) -> None:
    path = write(
        "# comment\n"
        "AFGHAN_NATIONAL_SECURITY_FORCES\n"
        "+ANSF\n"
        "+afghan_national_army_  # lower case is normalised\n"
        "\t[AFGMIL]\n"
        "MOHAMMAD_ZAHIR_SHAH_  # CountryInfo.txt\n"
        "\t[AFGELI 320101-331108]\n"
        "  [AFGGOV 331108-730717] [AFGELI 730717-070723]\n"
    )
    parsed = parse_actors(path)
    assert parsed.problems == []
    entries = parsed.value.entries
    for name in [("AFGHAN", "NATIONAL", "SECURITY", "FORCES"), ("ANSF",),
                 ("AFGHAN", "NATIONAL", "ARMY")]:
        assert entries[name] == [CodeGroup("AFGMIL")]
    shah = ("MOHAMMAD", "ZAHIR", "SHAH")
    assert [g.code for g in entries[shah]] == ["AFGELI", "AFGGOV", "AFGELI"]
    assert parsed.value.codes_for(shah, date(1980, 1, 1)) == ["AFGELI"]
    assert parsed.value.codes_for(shah, date(2007, 7, 23)) == ["AFGELI"]
    assert parsed.value.codes_for(shah, date(2007, 7, 24)) == []
    assert parsed.value.max_words == 4


def test_names_split_on_underscores_and_blanks(write: Write) -> None:
    path = write(
        "ABD_AL_HUSAYN MIRZA_  [IRN]\n"
        "LIAMINE_Z\x1aROUAL_ [DZA]\n"
        "ANN_VENEMAN_\t[USAGOV 010120-050120] [IGOUNOKID >050501]\n"
        "+UN_Secy_Gen\n"
    )
    parsed = parse_actors(path)
    assert parsed.problems == []
    entries = parsed.value.entries
    assert ("ABD", "AL", "HUSAYN", "MIRZA") in entries
    assert ("LIAMINE", "ZROUAL") in entries
    assert len(entries[("UN", "SECY", "GEN")]) == 2
    assert parsed.value.codes_for(("ANN", "VENEMAN"), date(2006, 1, 1)) == ["IGOUNOKID"]


def test_phrase_in_several_records_collects_groups_in_file_order(write: Write) -> None:
    path = write("CROATIA_\n\t[YUG <910625]\n\t[HRV >910625]\nZAGREB [HRV]\nCROATIA_ [HRV]\n")
    groups = parse_actors(path).value.entries[("CROATIA",)]
    assert [g.code for g in groups] == ["YUG", "HRV", "HRV"]
    assert not groups[2].restricted


def test_malformed_groups_are_reported_with_line_and_skipped(write: Write) -> None:
    path = write(
        "ARMENIA_ [ARM]\n"
        "SOMEONE_\n"
        "\t[ARMUNR 9008223-911221]\n"
        "\t[ARMGOV 911221-980203]\n"
        "MONTENEGRO_ [MNEGOV 20121204] [MNE]\n"
    )
    parsed = parse_actors(path)
    assert [(p.line, p.path) for p in parsed.problems] == [(3, str(path)), (5, str(path))]
    assert "9008223" in parsed.problems[0].message
    assert parsed.value.entries[("SOMEONE",)] == [
        CodeGroup("ARMGOV", date(1991, 12, 21), date(1998, 2, 3))
    ]
    assert parsed.value.entries[("MONTENEGRO",)] == [CodeGroup("MNE")]


def test_uncoded_primary_takes_next_records_codes(write: Write) -> None:
    path = write("IVO_JOSIPOVIC_\nPRESIDENT_JOSIPOVIC_\nJOSIPOVIC_\n\t[HRVGOV >20120219]\n")
    parsed = parse_actors(path)
    assert [p.line for p in parsed.problems] == [1, 2]
    assert "takes those of line 3" in parsed.problems[0].message
    group = CodeGroup("HRVGOV", start=date(2012, 2, 19))
    assert parsed.value.entries[("IVO", "JOSIPOVIC")] == [group]
    assert parsed.value.entries[("JOSIPOVIC",)] == [group]


@pytest.mark.parametrize(
    ("text", "line", "missing"),
    [
        ("A_ [AAA]\nU.N._\n", 2, ("U.N.",)),  # uncoded at the end of the file
        ("CAMERON_\n+DAVE\n\t[GBRGOV >201005011]\nB_ [BBB]\n", 1, ("CAMERON",)),
        ("\t[AAA]\nB_ [BBB]\n", 1, None),  # code line before any name
        ("A_ [AAA]\n+FAEROYENE]_\n", 2, ("FAEROYENE]",)),
        ("A_ [AAA\n", 1, None),
    ],
)
def test_record_problems(write: Write, text: str, line: int, missing: tuple[str, ...]) -> None:
    parsed = parse_actors(write(text))
    assert line in [p.line for p in parsed.problems]
    if missing is not None:
        assert missing not in parsed.value.entries


def test_xml_comments_span_lines(write: Write) -> None:
    path = write("<!-- a comment\n# still [XXX]\n-->\nGONDOR [GON]\n<! -- one line -->\n")
    parsed = parse_actors(path)
    assert parsed.problems == []
    assert list(parsed.value.entries) == [("GONDOR",)]


def test_unclosed_xml_comment_is_reported(write: Write) -> None:
    parsed = parse_actors(write("GONDOR [GON]\n<!-- never closed\nARNOR [ARN]\n"))
    assert [p.line for p in parsed.problems] == [2]
    assert ("ARNOR",) not in parsed.value.entries


def test_raise_first(write: Write) -> None:
    parsed = parse_actors(write("A_ [AAA]\nB_ [BBB 991399]\n"))
    with pytest.raises(DictionaryLineError) as info:
        parsed.raise_first()
    assert info.value.line == 2


# ---------------------------------------------------------------- shipped files

SAM = ("SAM", "GAMGEE")


@pytest.mark.parametrize(
    ("day", "codes"),
    [
        (date(2010, 1, 12), ["ORCHOB"]),  # DATE-11: the earlier restriction wins, bounds inclusive
        (date(2010, 1, 9), ["ORCHOB"]),
        (date(2010, 1, 13), ["HOBMIL"]),
        (date(2008, 1, 20), ["HOBCIV"]),
        (date(2008, 1, 21), ["HOBMIL"]),
        (date(2012, 11, 9), ["HOBMIL"]),
        (date(2013, 1, 19), ["HOBGOV"]),
        (date(2013, 1, 20), ["HOBELI"]),
        (None, ["HOBELI"]),  # undated: the open-ended role that starts last, as now
    ],
)
def test_validation_actors_date_resolution(day: date | None, codes: list[str]) -> None:
    actors = parse_actors(UNITTEST / "PETR.Validate.actors.txt").value
    assert actors.codes_for(SAM, day) == codes


@pytest.mark.parametrize(
    ("phrase", "day", "codes"),
    [
        (("THE", "SHIRE"), None, ["FRO", "BIL", "SAM"]),
        (("BOROMIR",), None, []),
        (("SMEAGOL",), date(1994, 1, 1), ["HOB"]),
        (("SMEAGOL",), date(1996, 1, 1), ["HOBGOV"]),
        (("PRINCE", "OF", "DOL", "AMROTH"), date(1995, 1, 1), []),
        (("PRINCE", "OF", "DOL", "AMROTH"), date(1996, 1, 1), ["DOL"]),
        (("ONODOHER",), date(1995, 1, 1), []),
        (("INTERPOL",), None, ["IGOCOPITP"]),
        (("ARNOR",), None, ["ARN"]),
        (("NASGUL",), None, None),
    ],
)
def test_validation_actors(phrase: tuple[str, ...], day: date | None, codes: object) -> None:
    actors = parse_actors(UNITTEST / "PETR.Validate.actors.txt").value
    assert actors.codes_for(phrase, day) == codes


@pytest.mark.parametrize(
    ("name", "problems", "phrases"),
    [
        ("Phoenix.Countries.actors.txt", 47, 25843),
        ("Phoenix.International.actors.txt", 4, 6751),
        ("Phoenix.MilNonState.actors.txt", 0, 1778),
    ],
)
def test_shipped_actor_files(name: str, problems: int, phrases: int) -> None:
    parsed = parse_actors(SHIPPED / name)
    assert len(parsed.problems) == problems
    assert len(parsed.value.entries) == phrases


def test_shipped_countries_quirks() -> None:
    parsed = parse_actors(SHIPPED / "Phoenix.Countries.actors.txt")
    lines = {p.line for p in parsed.problems}
    assert {2039, 22508, 31715} <= lines  # the malformed groups the spec names
    actors = parsed.value
    assert actors.codes_for(("AFGHANISTAN",), None) == ["AFG"]
    assert actors.codes_for(("INDIAN", "OCEAN"), None) == []
    assert actors.codes_for(("MOHAMMAD", "ZAHIR", "SHAH"), date(1973, 7, 17)) == ["AFGGOV"]
    assert actors.codes_for(("MOHAMMAD", "ZAHIR", "SHAH"), date(1990, 1, 1)) == ["AFGELI"]
    assert ("LIAMINE", "ZROUAL") in actors.entries  # the 0x1A byte is dropped
    croatia = actors.entries[("CROATIA",)]
    assert croatia[-1] == CodeGroup("HRV") and len(croatia) > 1


def test_shipped_international_uncoded_un() -> None:
    actors = parse_actors(SHIPPED / "Phoenix.International.actors.txt").value
    assert actors.codes_for(("U.N.",), None) == ["IGOUNO"]
    assert actors.codes_for(("UN", "SECY", "GEN"), None) == ["IGOUNO"]


def test_crlf_and_bom(write: Write) -> None:
    parsed = parse_actors(write("\ufeffGONDOR [GON]\r\n+MINAS_TIRITH\r\nX_ [X 991399]\r\n"))
    assert parsed.value.entries[("MINAS", "TIRITH")] == [CodeGroup("GON")]
    assert [p.line for p in parsed.problems] == [3, 3]


def test_an_undated_document_gets_the_current_role() -> None:
    """A missing date must not change a sitting office holder's code."""
    from datetime import date as day

    from dyad.dictionaries.model import ActorDictionary, CodeGroup

    actors = ActorDictionary()
    actors.add(("PUTIN",), [CodeGroup("RUSELI", day(1990, 1, 1), day(1999, 12, 31)),
                           CodeGroup("RUSGOV", day(2000, 5, 7)), CodeGroup("RUSELI")])
    actors.add(("NOBODY",), [CodeGroup("USAELI", day(1990, 1, 1), day(1999, 12, 31)),
                            CodeGroup("USAELI")])
    assert actors.codes_for(("PUTIN",), None) == ["RUSGOV"]
    assert actors.codes_for(("PUTIN",), day(1995, 1, 1)) == ["RUSELI"]
    assert actors.codes_for(("NOBODY",), None) == ["USAELI"]


def test_an_undated_text_codes_as_a_dated_one() -> None:
    from dyad.coding.coder import EventCoder
    from dyad.dictionaries.defaults import load_dictionaries
    from dyad.record import Document

    coder = EventCoder(load_dictionaries())
    undated = next(iter(coder.code([Document("u", "Vladimir Putin condemned Japan.")])))
    assert {e.source for e in undated.events} == {"RUSGOV"}
