"""Force as event data codes it: an attack attempted is an attack (CAMEO codes attempted
assassinations as assassinations); an armed group's attack on civilians is an assault (18),
not conventional military force between armed forces (19)."""

from __future__ import annotations

from collections.abc import Callable

from dyad.record import EventRecord

Code = Callable[..., list[EventRecord]]


def codes(events: list[EventRecord]) -> set[tuple[str, str, str, str]]:
    return {(e.source, e.target, e.code, e.mode) for e in events}


def test_an_attempted_assassination_is_an_assassination(code_text: Code) -> None:
    found = codes(code_text("Gunmen from the Taliban tried to assassinate Afghanistan's "
                            "defence minister in Kabul."))
    assert any(c == "186" and m == "" for _, _, c, m in found), found


def test_an_attempt_at_anything_else_stays_an_intention(code_text: Code) -> None:
    found = codes(code_text("Norway attempted to mediate between Israel and the PLO."))
    assert not [f for f in found if f[2].startswith("04") and f[3] == ""], found


def test_an_armed_group_attacking_civilians_is_an_assault(code_text: Code) -> None:
    found = codes(code_text("Rebels attacked a camp for Sudanese refugees in Chad."))
    assert any(c == "180" for _, t, c, _ in found if t.endswith("REF")), found


def test_rebels_attacking_soldiers_is_fighting(code_text: Code) -> None:
    found = codes(code_text("Rebels attacked Malian soldiers near Kidal."))
    assert any(c.startswith("19") for _, _, c, _ in found), found
    assert not [f for f in found if f[2] == "180"], found


def test_an_army_attacking_civilians_keeps_its_code(code_text: Code) -> None:
    found = codes(code_text("Syrian troops attacked civilians in Homs."))
    assert not [f for f in found if f[2] == "180"], found
