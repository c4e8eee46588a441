"""`dyad dict check`: kinds, counts, and every bad line reported with its number."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import SHIPPED, UNITTEST, Run, assert_one_line_error

Write = Callable[[str, str | bytes], Path]

#: Shipped dictionary files and the kind their name implies.
SHIPPED_KINDS = {
    "CAMEO.2.0.txt": "verbs",
    "dyad.verbs.txt": "verbs",
    "Phoenix.Countries.actors.txt": "actors",
    "Phoenix.International.actors.txt": "actors",
    "Phoenix.MilNonState.actors.txt": "actors",
    "dyad.Current.actors.txt": "actors",
    "dyad.Places.actors.txt": "actors",
    "dyad.Navies.actors.txt": "actors",
    "dyad.NonState.actors.txt": "actors",
    "dyad.International.actors.txt": "actors",
    "dyad.Corrections.actors.txt": "actors",
    "Phoenix.agents.txt": "agents",
    "dyad.agents.txt": "agents",
    "Phoenix.discards.txt": "discards",
}
UNITTEST_KINDS = {
    "PETR.Validate.verbs.txt": "verbs",
    "PETR.Validate.actors.txt": "actors",
    "PETR.Validate.agents.txt": "agents",
    "PETR.Validate.discards.txt": "discards",
}
CASES = [*((SHIPPED / n, k) for n, k in SHIPPED_KINDS.items()),
         *((UNITTEST / n, k) for n, k in UNITTEST_KINDS.items())]
COUNT_NAMES = {
    "verbs": ("blocks", "synsets", "verb_words", "patterns"),
    "actors": ("phrases", "code_groups", "dated_groups"),
    "agents": ("phrases", "suffix_codes", "prefix_codes"),
    "discards": ("phrases", "story", "sentence"),
}
# "<path>: <kind>[ (P1|P2)] dictionary, <n> <name>, ...: ok|<n> bad line(s)"
SUMMARY = re.compile(r"^(?P<path>.+): (?P<kind>\w+)(?: \((?P<style>P[12])\))? dictionary, "
                     r"(?P<counts>.+): (?P<status>ok|(?P<bad>\d+) bad line\(s\))$")


def summary(run: Run, path: Path) -> re.Match[str]:
    for line in run.out_lines:
        match = SUMMARY.match(line)
        if match and match["path"] == str(path):
            return match
    raise AssertionError(f"no summary line for {path}\n{run.describe()}")


def counts(match: re.Match[str]) -> dict[str, int]:
    pairs = (part.split(" ", 1) for part in match["counts"].split(", "))
    return {name: int(number) for number, name in pairs}


def problem_lines(run: Run, path: Path) -> list[int]:
    """Line numbers of the `path:line: message` lines on stderr."""
    prefix = re.compile(re.escape(str(path)) + r":(\d+): \S")
    return [int(m[1]) for m in map(prefix.match, run.err_lines) if m]


def test_all_shipped_dictionaries_are_listed() -> None:
    """Every shipped dictionary file is covered by the cases below."""
    shipped = {p.name for p in SHIPPED.glob("*.txt") if "LICENSE" not in p.name}
    assert shipped == set(SHIPPED_KINDS)
    unittest = {p.name for p in UNITTEST.glob("PETR.Validate.*.txt")}
    assert unittest == set(UNITTEST_KINDS)


@pytest.mark.parametrize(("path", "kind"), CASES, ids=[p.name for p, _ in CASES])
def test_check_shipped_file(dyad: Callable[..., Run], path: Path, kind: str) -> None:
    run = dyad("dict", "check", path)
    assert "Traceback" not in run.stderr, run.describe()
    match = summary(run, path)
    assert match["kind"] == kind
    found = counts(match)
    for name in COUNT_NAMES[kind]:
        assert name in found, (name, found)
    assert found[COUNT_NAMES[kind][0]] > 0
    if kind == "verbs":
        assert match["style"] == ("P1" if path.parent == UNITTEST else "P2")
    lines = problem_lines(run, path)
    if match["status"] == "ok":
        assert run.returncode == 0, run.describe()
        assert run.err_lines == [], run.describe()
    else:
        # the shipped files have a few known flaws: each is listed with its line number
        assert run.returncode != 0, run.describe()
        assert len(set(lines)) == int(match["bad"]), run.describe()
        assert lines == sorted(lines)
        assert run.err_lines[-2].startswith("dyad: error: "), run.describe()
        assert run.err_lines[-1].startswith("hint: "), run.describe()
        assert len(run.err_lines) == len(lines) + 2, "nothing but problems and the summary"


def test_clean_file_exits_zero(dyad: Callable[..., Run]) -> None:
    path = SHIPPED / "dyad.Places.actors.txt"
    run = dyad("dict", "check", path)
    assert run.returncode == 0, run.describe()
    assert summary(run, path)["status"] == "ok"


def test_two_bad_lines_are_both_listed(dyad: Callable[..., Run], write: Write) -> None:
    path = write("mine.actors.txt", "\n".join([
        "# my actors",
        "GOOD_ONE [ABC]",
        "FOO_BAR [XYZ 2024130-]",
        "ANOTHER_GOOD [DEF]",
        "",
        "BAD_TWO [QQQ 20241301-20240101]",
        "LAST_GOOD [GHI >20200101]",
    ]) + "\n")
    run = dyad("dict", "check", path)
    assert run.returncode != 0, run.describe()
    assert "Traceback" not in run.stderr
    assert set(problem_lines(run, path)) == {3, 6}, run.describe()
    match = summary(run, path)
    assert match["kind"] == "actors" and match["bad"] == "2"
    assert counts(match)["phrases"] == 3
    assert run.err_lines[-2] == "dyad: error: 2 bad dictionary line(s) in 1 of 1 file(s)"
    assert "2024130" in run.stderr and "20241301" in run.stderr


def test_several_files_good_and_bad(dyad: Callable[..., Run], write: Write) -> None:
    good = write("good.actors.txt", "ZORBLAX_FEDERATION [XYZ]\n")
    bad = write("bad.agents.txt", "MINISTER [~GOV]\nGENERAL\nCOLONEL [~MIL]\n")
    run = dyad("dict", "check", good, bad)
    assert run.returncode != 0, run.describe()
    assert summary(run, good)["status"] == "ok"
    assert summary(run, bad)["bad"] == "1"
    assert problem_lines(run, bad) == [2]
    assert problem_lines(run, good) == []
    assert "in 1 of 2 file(s)" in run.err_lines[-2]


VERBS = """\
####### VERB PATTERNS #######

---  DENOUNCE   [111]  ---
DENOUNCE
- * $                                   [111]
"""
KIND_SAMPLES = {
    "verbs": VERBS,
    "actors": "ZORBLAX_FEDERATION [XYZ]\n+ZORBLAX\nQUUXIA [QUX >20200101]\n",
    "agents": "MINISTER [~GOV]\nREBELS {} [~REB]\n",
    "discards": "GRAND SLALOM\n+WORLD CUP\n",
}


@pytest.mark.parametrize("kind", list(KIND_SAMPLES))
def test_kind_detected_from_the_content(dyad: Callable[..., Run], write: Write,
                                        kind: str) -> None:
    path = write("mine.txt", KIND_SAMPLES[kind])  # a name that says nothing
    run = dyad("dict", "check", path)
    assert run.returncode == 0, run.describe()
    match = summary(run, path)
    assert match["kind"] == kind, run.describe()
    assert counts(match)[COUNT_NAMES[kind][0]] > 0


def test_kind_option_overrides_the_guess(dyad: Callable[..., Run], write: Write) -> None:
    path = write("mine.actors.txt", KIND_SAMPLES["discards"])
    run = dyad("dict", "check", path, "--kind", "discards")
    assert run.returncode == 0, run.describe()
    assert summary(run, path)["kind"] == "discards"


def test_unknown_kind_is_an_error(dyad: Callable[..., Run], write: Write) -> None:
    path = write("mine.txt", KIND_SAMPLES["actors"])
    run = dyad("dict", "check", path, "--kind", "nouns")
    assert_one_line_error(run, "nouns")


@pytest.mark.parametrize(("content", "needle"), [
    (None, "no such file"),
    (b"", "empty"),
    (b"\x00\x01\x02\x03 binary", "binary"),
    ("dir", "directory"),
], ids=["missing", "empty", "binary", "directory"])
def test_unusable_file_is_a_one_line_error(dyad: Callable[..., Run], tmp_path: Path,
                                           content: bytes | str | None, needle: str) -> None:
    path = tmp_path / "mine.actors.txt"
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    run = dyad("dict", "check", path)
    assert_one_line_error(run, str(path), needle)


def test_non_utf8_line_is_reported_with_its_number(dyad: Callable[..., Run],
                                                   write: Write) -> None:
    path = write("mine.actors.txt", b"ZORBLAX [XYZ]\nQUUXIA [QUX]\nCAF\xc9 [FRA]\n")
    run = dyad("dict", "check", path)
    assert run.returncode != 0, run.describe()
    assert "Traceback" not in run.stderr
    assert any(line.startswith("dyad: error: ") or line.startswith(f"{path}:3:")
               for line in run.err_lines), run.describe()
    assert f"{path}:3:" in run.stderr, run.describe()


def test_no_arguments_shows_usage(dyad: Callable[..., Run]) -> None:
    run = dyad("dict", "check")
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert "Usage" in run.stderr + run.stdout
