"""Tests for dyad.dictionaries.check: kind detection, unusable files, counts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dyad.dictionaries.check import check_dictionary, kind_from_name
from dyad.dictionaries.parsed import Parsed
from dyad.errors import DictionaryError, DictionaryLineError
from tests.dictionaries.conftest import SHIPPED, UNITTEST

Write = Callable[..., Path]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("CAMEO.2.0.txt", "verbs"),
        ("PETR.Validate.verbs.txt", "verbs"),
        ("dyad.verbs.txt", "verbs"),
        ("Phoenix.Countries.actors.txt", "actors"),
        ("dyad.Current.actors.txt", "actors"),
        ("my_actors.txt", "actors"),
        ("Phoenix.agents.txt", "agents"),
        ("PETR.Validate.discards.txt", "discards"),
        ("notes.txt", None),
    ],
)
def test_kind_from_name(name: str, kind: str | None) -> None:
    assert kind_from_name(Path(name)) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("####### VERB PATTERNS #######\n---  HOST   [043:042]  ---\nHOST\n", "verbs"),
        ("--- ACCORD  [---] ---\nACCORD\n- IN_*  [075]\n", "verbs"),
        ("POLICE {} [~COP]\n", "agents"),
        ("!PERSON! = MAN, MEN\nTRUCE_MONITOR [IGO~]\n", "agents"),
        ("GONDOR [GON]\n+MINAS_TIRITH\n", "actors"),
        ("+TYPHOON\nAFRICAN NATIONS CUP\n", "discards"),
    ],
)
def test_kind_from_content(write: Write, text: str, kind: str) -> None:
    assert check_dictionary(write(text, name="unnamed.txt")).kind == kind


def test_explicit_kind_wins(write: Write) -> None:
    report = check_dictionary(write("GONDOR\n", name="x.actors.txt"), kind="discards")
    assert report.kind == "discards" and report.counts["phrases"] == 1


def test_unknown_kind(write: Write) -> None:
    with pytest.raises(DictionaryError, match="unknown dictionary kind"):
        check_dictionary(write("X\n"), kind="issues")


def test_issues_file_is_refused(write: Write) -> None:
    text = '<ISSUE CATEGORY="EDUCATION" TYPE="ALL">\nn:preschool [EARLY_CHILDHOOD]\n'
    with pytest.raises(DictionaryError, match="issues"):
        check_dictionary(write(text, name="Phoenix.IssueCoding.txt"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"GONDOR [GON]\x00\x01\n", "binary"),
    ],
)
def test_unusable_files(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.actors.txt"
    path.write_bytes(data)
    with pytest.raises(DictionaryError, match=message) as info:
        check_dictionary(path)
    assert not isinstance(info.value, DictionaryLineError)
    assert info.value.path == str(path)


def test_non_utf8_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.actors.txt"
    path.write_bytes(b"GONDOR [GON]\nARNOR [ARN]\nR\xe9GION [FRA]\n")
    with pytest.raises(DictionaryLineError, match="not valid UTF-8") as info:
        check_dictionary(path)
    assert (info.value.path, info.value.line) == (str(path), 3)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="no such file"):
        check_dictionary(tmp_path / "missing.actors.txt")
    with pytest.raises(DictionaryError, match="directory"):
        check_dictionary(tmp_path, kind="actors")


def test_problems_carry_lines(write: Write) -> None:
    path = write("A_ [AAA]\nB_ [BBB 9008223-911221] [BBB]\n", name="a.actors.txt")
    report = check_dictionary(path)
    assert not report.ok
    assert [(p.line, p.path) for p in report.problems] == [(2, str(path))]
    assert report.counts["phrases"] == 2


@pytest.mark.parametrize(
    ("path", "kind", "problems", "counts"),
    [
        (SHIPPED / "CAMEO.2.0.txt", "verbs", 6,
         {"synsets": 40, "blocks": 397, "skipped_patterns": 90, "transformations": 8}),
        (SHIPPED / "Phoenix.Countries.actors.txt", "actors", 47, {"phrases": 25843}),
        (SHIPPED / "Phoenix.International.actors.txt", "actors", 4, {"phrases": 6751}),
        (SHIPPED / "Phoenix.MilNonState.actors.txt", "actors", 0, {"phrases": 1778}),
        (SHIPPED / "Phoenix.agents.txt", "agents", 2, {"phrases": 5110, "prefix_codes": 5}),
        (SHIPPED / "Phoenix.discards.txt", "discards", 0, {"phrases": 506, "story": 64}),
        (UNITTEST / "PETR.Validate.verbs.txt", "verbs", 1, {"blocks": 261, "synsets": 17}),
        (UNITTEST / "PETR.Validate.actors.txt", "actors", 0, {"phrases": 160}),
        (UNITTEST / "PETR.Validate.agents.txt", "agents", 0, {"phrases": 165}),
        (UNITTEST / "PETR.Validate.discards.txt", "discards", 0, {"phrases": 9}),
    ],
)
def test_shipped_files(path: Path, kind: str, problems: int, counts: dict[str, int]) -> None:
    report = check_dictionary(path)
    assert report.kind == kind
    assert len(report.problems) == problems
    assert {k: report.counts[k] for k in counts} == counts


def test_parsed_raise_first() -> None:
    assert Parsed(1).raise_first() == 1
    problem = DictionaryLineError("f", 3, "bad")
    with pytest.raises(DictionaryLineError, match="f:3: bad"):
        Parsed(1, [problem, DictionaryLineError("f", 4, "worse")]).raise_first()
