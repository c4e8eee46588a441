"""Tests for dyad.dictionaries.defaults: the shipped files and load_dictionaries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from dyad.dictionaries.defaults import (
    default_actor_files,
    default_agent_files,
    default_discard_files,
    default_verb_files,
    load_dictionaries,
    shipped_dir,
    unittest_dir,
)
from dyad.dictionaries.model import AgentCode, EventCode
from dyad.errors import DictionaryError, DictionaryLineError
from tests.dictionaries.conftest import SHIPPED, UNITTEST

Write = Callable[..., Path]


def test_shipped_paths() -> None:
    assert shipped_dir().resolve() == SHIPPED.resolve()
    assert unittest_dir().resolve() == UNITTEST.resolve()
    actors = default_actor_files()
    assert [p.name for p in actors[-3:]] == [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ]
    assert all(p.name.startswith("dyad.") for p in actors[:-3])  # maintained ones first
    verbs = default_verb_files()
    assert verbs[-1].name == "CAMEO.2.0.txt"  # the dyad supplement first: it wins ties
    assert all(p.name.startswith("dyad") for p in verbs[:-1])
    for path in [*actors, *default_agent_files(), *default_verb_files(),
                 *default_discard_files()]:
        assert path.is_file()
    for name in ["SOURCES.md", "petrarch2-LICENSE.txt"]:
        assert (SHIPPED / name).is_file() and (UNITTEST / name).is_file()


def test_load_shipped_dictionaries() -> None:
    loaded = load_dictionaries()
    by_file = Counter(Path(p.path).name for p in loaded.problems)
    assert by_file["Phoenix.Countries.actors.txt"] == 47
    assert by_file["Phoenix.International.actors.txt"] == 4
    assert by_file["Phoenix.agents.txt"] == 2
    assert by_file["CAMEO.2.0.txt"] == 6
    assert loaded.verbs.style == "P2"
    assert loaded.actors.codes_for(("AFGHANISTAN",), None) == ["AFG"]
    assert loaded.agents.entries[("POLICE",)] == AgentCode("COP")
    assert loaded.verbs.entries_for("CALLED")[0].words == ("CALLED", "OFF")
    assert len(loaded.discards.phrases) >= 506
    actor_files = default_actor_files()
    assert loaded.files[: len(actor_files)] == actor_files


def test_user_files_are_strict(write: Write) -> None:
    bad = write("GONDOR [GON]\nARNOR [ARN 991399]\n", name="mine.actors.txt")
    with pytest.raises(DictionaryLineError) as info:
        load_dictionaries(actors=[bad], use_defaults=False)
    assert info.value.line == 2


def test_user_files_come_first(write: Write) -> None:
    agents = write("POLICE {} [~XYZ]\n", name="mine.agents.txt")
    actors = write("AFGHANISTAN_ [XXX]\nARNOR [ARN]\n", name="mine.actors.txt")
    loaded = load_dictionaries(actors=[actors], agents=[agents])
    assert loaded.agents.entries[("POLICE",)] == AgentCode("XYZ")
    assert loaded.actors.codes_for(("AFGHANISTAN",), None) == ["XXX"]
    assert loaded.actors.codes_for(("ARNOR",), None) == ["ARN"]
    assert loaded.files[0] == actors


def test_validation_set_without_defaults() -> None:
    loaded = load_dictionaries(
        actors=[UNITTEST / "PETR.Validate.actors.txt"],
        agents=[UNITTEST / "PETR.Validate.agents.txt"],
        discards=[UNITTEST / "PETR.Validate.discards.txt"],
        use_defaults=False,
    )
    assert loaded.problems == []
    assert len(loaded.actors.entries) == 160
    assert loaded.verbs.blocks == [] and loaded.verbs.style == "P2"


def test_petrarch_files_are_lenient_wherever_they_lie(write: Write) -> None:
    """PETRARCH's own verbs file: the packaged copy and a copy elsewhere load alike."""
    p1 = UNITTEST / "PETR.Validate.verbs.txt"
    copy = write(p1.read_text(encoding="utf-8"), name="PETR.Validate.verbs.txt")
    renamed = write(p1.read_text(encoding="utf-8").replace("\n", "\r\n"), name="mine.txt")
    for path in (p1, copy, renamed):
        loaded = load_dictionaries(verbs=[path], use_defaults=False)
        assert loaded.verbs.style == "P1"
        # `- * DIPLXMATIC [###]`: `#` is never data; the line is skipped with a warning
        assert [(p.path, p.line) for p in loaded.warnings] == [(str(path), 992)]
        assert loaded.problems == loaded.warnings
        assert len(loaded.verbs.blocks) == len(load_dictionaries(
            verbs=[p1], use_defaults=False).verbs.blocks)


@pytest.mark.parametrize(("name", "kind"), [("Phoenix.Countries.actors.txt", "actors"),
                                            ("CAMEO.2.0.txt", "verbs"),
                                            ("Phoenix.agents.txt", "agents")])
def test_published_phoenix_copies_are_lenient(tmp_path: Path, name: str, kind: str) -> None:
    copy = tmp_path / name
    copy.write_bytes((SHIPPED / name).read_bytes())
    loaded = load_dictionaries(use_defaults=False, **{kind: [copy]})  # type: ignore[arg-type]
    shipped = load_dictionaries(use_defaults=False,
                                **{kind: [SHIPPED / name]})  # type: ignore[arg-type]
    assert loaded.warnings and all(p.path == str(copy) for p in loaded.warnings)
    assert [p.line for p in loaded.warnings] == [p.line for p in shipped.warnings]


def test_an_edited_copy_is_the_users_own_file(write: Write) -> None:
    text = (UNITTEST / "PETR.Validate.verbs.txt").read_text(encoding="utf-8")
    edited = write(text + "\n# my own line\n", name="PETR.Validate.verbs.txt")
    with pytest.raises(DictionaryLineError) as info:
        load_dictionaries(verbs=[edited], use_defaults=False)
    assert info.value.line == 992


def test_lenient_load_warns_for_each_bad_line(write: Write) -> None:
    bad = write("GONDOR [GON]\nARNOR [ARN 991399]\nROHAN [ROH]\nMORDOR [MOR 1-2-3]\n",
                name="mine.actors.txt")
    loaded = load_dictionaries(actors=[bad], use_defaults=False, lenient=True)
    assert sorted({p.line for p in loaded.warnings}) == [2, 4]  # a line may have two
    assert all(p.message.startswith(f"{bad}:") for p in loaded.warnings)
    assert loaded.actors.codes_for(("ROHAN",), None) == ["ROH"]


def test_known_flaws_of_the_defaults_are_no_warnings() -> None:
    loaded = load_dictionaries()
    assert loaded.problems and loaded.warnings == []


def test_styles_do_not_mix(write: Write) -> None:
    p1 = write("--- A [010] ---\nA\n- IN_* [011]\n", name="mine.verbs.txt")
    assert load_dictionaries(verbs=[p1], use_defaults=False).verbs.style == "P1"
    with pytest.raises(DictionaryError, match="P1"):
        load_dictionaries(verbs=[p1])


def test_user_verbs_win(write: Write) -> None:
    p2 = write("####### VERB PATTERNS #######\n--- MINE [999] ---\nHURRY\n", name="v.verbs.txt")
    loaded = load_dictionaries(verbs=[p2])
    assert loaded.verbs.entries_for("HURRIES")[0].code == EventCode("999")


@pytest.mark.parametrize("name", ["mine.actors.txt", "mine.agents.txt", "mine.discards.txt"])
def test_a_huge_line_is_a_bad_line(write: Write, name: str) -> None:
    kind = name.split(".")[1]
    good = {"actors": "ZORBLAX [XYZ]", "agents": "MINISTER [~GOV]", "discards": "WORLD CUP"}
    path = write(f"{good[kind]}\n{'A' * 5_000_000} [QQQ]\n{good[kind]}\n", name=name)
    with pytest.raises(DictionaryLineError, match="over the limit") as info:
        load_dictionaries(use_defaults=False, **{kind: [path]})  # type: ignore[arg-type]
    assert info.value.line == 2 and len(str(info.value)) < 200
    loaded = load_dictionaries(use_defaults=False, lenient=True,
                               **{kind: [path]})  # type: ignore[arg-type]
    assert [p.line for p in loaded.warnings] == [2]
