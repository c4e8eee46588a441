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


def test_shipped_files_named_by_the_user_stay_lenient(write: Write) -> None:
    p1 = UNITTEST / "PETR.Validate.verbs.txt"
    loaded = load_dictionaries(verbs=[p1], use_defaults=False)
    assert loaded.verbs.style == "P1"
    assert [p.line for p in loaded.problems] == [992]  # `[###]`: `#` is never data
    copy = write(p1.read_text(encoding="utf-8"), name="PETR.Validate.verbs.txt")
    with pytest.raises(DictionaryLineError):
        load_dictionaries(verbs=[copy], use_defaults=False)


def test_styles_do_not_mix(write: Write) -> None:
    p1 = write("--- A [010] ---\nA\n- IN_* [011]\n", name="mine.verbs.txt")
    assert load_dictionaries(verbs=[p1], use_defaults=False).verbs.style == "P1"
    with pytest.raises(DictionaryError, match="P1"):
        load_dictionaries(verbs=[p1])


def test_user_verbs_win(write: Write) -> None:
    p2 = write("####### VERB PATTERNS #######\n--- MINE [999] ---\nHURRY\n", name="v.verbs.txt")
    loaded = load_dictionaries(verbs=[p2])
    assert loaded.verbs.entries_for("HURRIES")[0].code == EventCode("999")
