"""The maintained actor supplement dyad.International.actors.txt: international organisations,
their organs and offices, peace missions, NGOs and states by their formal names.

Each class (the UN Secretary-General and his office, the Security Council, UN human rights
bodies, UN agencies, peace missions, the CTBTO, NATO, EU bodies, the AU, the ICC, NGOs, formal
state names, heads of organisations by date) is checked on several sentence shapes written for
this test: the source and target codes of the events coded, whatever the event code. Some
shapes check what must not happen: "the Secretary-General of Hezbollah" is not the UN's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from dyad.dictionaries.actors import parse_actors
from dyad.dictionaries.check import check_dictionary
from dyad.record import EventRecord
from tests.dictionaries.conftest import SHIPPED

CodeText = Callable[..., list[EventRecord]]
SUPPLEMENT = SHIPPED / "dyad.International.actors.txt"


def show(events: list[EventRecord]) -> str:
    return "; ".join(f"{e.source}->{e.target} {e.code}" for e in events) or "no events"


def _fits(value: str, wanted: str) -> bool:
    """`wanted` is a code, or codes joined by "|"; a trailing "*" accepts any longer code."""
    return any(value.startswith(w[:-1]) if w.endswith("*") else value == w
               for w in wanted.split("|"))


# ------------------------------------------------------------ the file itself


def test_supplement_reads_strictly() -> None:
    report = check_dictionary(SUPPLEMENT)
    assert report.kind == "actors" and not report.problems


def test_supplement_is_loaded_with_the_defaults() -> None:
    from dyad.dictionaries.defaults import default_actor_files

    files = default_actor_files()
    assert SUPPLEMENT in files
    assert files.index(SUPPLEMENT) < files.index(SHIPPED / "Phoenix.International.actors.txt")


def test_dict_check_command_accepts_it(run: Callable[..., tuple[int, str, str]]) -> None:
    status, out, _ = run("dict", "check", str(SUPPLEMENT))
    assert status == 0 and "ok" in out


def test_every_record_has_a_code() -> None:
    parsed = parse_actors(SUPPLEMENT)
    assert not parsed.problems
    assert all(groups for groups in parsed.value.entries.values())


# ------------------------------------------------------------ sentences

# (sentence, source, target): codes exact unless they end in "*"
CODED = [
    # the UN Secretary-General, with or without "UN", hyphen or not, and his office
    ("The Secretary-General deplored the execution of prisoners by Iran.", "IGOUNO", "IRN*"),
    ("The Secretary General criticised Myanmar's military.", "IGOUNO", "MMR*"),
    ("Yesterday the UN Secretary-General condemned the shelling by Azerbaijan.",
     "IGOUNO", "AZE*"),
    ("The Secretary-General of the United Nations praised Colombia.", "IGOUNO", "COL*"),
    ("The spokesperson for the Secretary-General condemned the attack on Chad.",
     "IGOUNO", "TCD*"),
    ("The Secretary-General's spokesman criticised Israel.", "IGOUNO", "ISR*"),
    ("The UN chief accused Sudan of blocking aid.", "IGOUNO", "SDN*"),
    # the Security Council, its members and president
    ("Members of the Security Council condemned the coup in Niger.", "IGOUNO", "NER*"),
    ("The President of the Security Council praised Colombia.", "IGOUNO", "COL*"),
    ("UN Security Council members criticised Haiti's gangs.", "IGOUNO", "HTI*"),
    # UN human rights bodies
    ("The UN High Commissioner for Human Rights criticised Belarus.", "IGOUNOHRIHCH", "BLR*"),
    ("The High Commissioner for Human Rights urged Egypt to free the activists.",
     "IGOUNOHRIHCH", "EGY*"),
    ("The UN human rights chief denounced Nicaragua.", "IGOUNOHRIHCH", "NIC*"),
    ("The UN rights office accused Venezuela of arbitrary detentions.",
     "IGOUNOHRIHCH", "VEN*"),
    ("The Human Rights Council condemned Eritrea.", "IGOUNOHRI", "ERI*"),
    # UN agencies by the names news gives them
    ("The UN refugee agency praised Moldova.", "IGOUNOREFHCR", "MDA*"),
    ("The UN children's agency criticised Yemen's warring parties.", "IGOUNOKID", "YEM*"),
    ("The UN food agency praised Malawi.", "IGOUNOWFP", "MWI*"),
    ("The UN nuclear watchdog criticised Iran.", "IGOUNOIAE", "IRN*"),
    ("The IAEA Board of Governors censured Iran.", "IGOUNOIAE", "IRN*"),
    ("The World Health Organisation praised Rwanda.", "IGOUNOHLHWHO", "RWA*"),
    ("UNRWA accused Israel of hindering its work.", "IGOUNOREF", "ISR*"),
    ("OCHA criticised Ethiopia.", "IGOUNO", "ETH*"),
    ("The International Organization for Migration praised Libya.", "IGOUNO", "LBY*"),
    ("The World Court ordered Israel to allow aid.", "IGOUNOJUDICJ", "ISR*"),
    # peace missions
    ("MINUSMA criticised Mali's army.", "IGOUNO", "MLI*"),
    ("UNAMID accused Sudan of obstructing patrols.", "IGOUNO", "SDN*"),
    ("UNIFIL criticised Israel.", "IGOUNO", "ISR*"),
    ("MONUSCO condemned the rebels' attack on Goma.", "IGOUNO", "*"),
    ("Blue helmets protected civilians in the Central African Republic.", "IGOUNO", "CAF*"),
    ("AMISOM attacked al-Shabaab.", "IGOAFRAFU", "SOM*"),
    ("KFOR praised Kosovo.", "IGOWSTNAT", "*"),
    # the CTBTO
    ("The CTBTO condemned North Korea.", "IGO", "PRK*"),
    ("The Comprehensive Nuclear-Test-Ban Treaty Organization criticised North Korea.",
     "IGO", "PRK*"),
    # NATO and its Council
    ("The North Atlantic Council condemned Russia.", "IGOWSTNAT", "RUS*"),
    ("NATO Allies condemned Belarus.", "IGOWSTNAT", "BLR*"),
    ("The Secretary-General of NATO criticised Russia.", "IGOWSTNAT", "RUS*"),
    # EU bodies
    ("The Council of the European Union condemned Belarus.", "IGOEUREEC", "BLR*"),
    ("The European Council criticised Hungary.", "IGOEUREEC", "HUN*"),
    ("The High Representative of the Union for Foreign Affairs and Security Policy "
     "condemned Iran.", "IGOEUREEC", "IRN*"),
    # AU and other organisations
    ("The AU Peace and Security Council condemned the coup in Gabon.", "IGOAFRAFU", "GAB*"),
    ("The Gulf Cooperation Council condemned Iran.", "IGOPGSGCC", "IRN*"),
    ("The Organisation of Islamic Cooperation condemned Israel.", "IGOMOSOIC", "ISR*"),
    ("The G7 condemned North Korea.", "IGOGOS", "PRK*"),
    ("The Secretary-General of the Arab League criticised Israel.", "IGOMEAARL", "ISR*"),
    # the ICC and its prosecutors
    ("The International Criminal Court charged Russia's president.", "IGOJUDICC", "RUS*"),
    ("ICC prosecutors accused Libya of obstruction.", "IGOJUDICC", "LBY*"),
    # NGOs
    ("Amnesty International criticised Saudi Arabia.", "NGOHRIAMN", "SAU*"),
    ("HRW accused Ethiopia of war crimes.", "NGOHRI", "ETH*"),
    ("Médecins Sans Frontières criticised Sudan.", "NGOHLHMSF", "SDN*"),
    ("The International Committee of the Red Cross praised Armenia.", "NGOHLHIRC", "ARM*"),
    ("The charity Save the Children criticised Yemen.", "NGO*", "YEM*"),
    # states by their formal names: the DPRK is PRK, never KOR
    ("The Democratic People's Republic of Korea condemned Japan.", "PRK", "JPN*"),
    ("The Democratic People\u2019s Republic of Korea condemned Japan.", "PRK", "JPN*"),
    ("Japan protested to the Democratic People's Republic of Korea.", "JPN*", "PRK"),
    ("The Republic of Korea criticised the Democratic People's Republic of Korea.",
     "KOR", "PRK"),
    ("The Holy See praised Lebanon.", "VAT", "LBN*"),
    # "the Secretary-General of X" is X's, not the UN's
    ("The Secretary-General of Hezbollah threatened Israel.", "LBN*", "ISR*"),
]


@pytest.mark.parametrize(("sentence", "src", "tgt"), CODED)
def test_actor_is_coded(code_text: CodeText, sentence: str, src: str, tgt: str) -> None:
    events = code_text(sentence)
    assert [e for e in events if _fits(e.source, src) and _fits(e.target, tgt)], show(events)


NOT_THE_UN = [
    "The Secretary-General of Hezbollah threatened Israel.",
    "The secretary-general of the ruling party criticised Japan.",
    "The European Council on Foreign Relations criticised Hungary.",
]


@pytest.mark.parametrize("sentence", NOT_THE_UN)
def test_not_coded_as_the_un_or_eu(code_text: CodeText, sentence: str) -> None:
    events = code_text(sentence)
    assert not [e for e in events if e.source in ("IGOUNO", "IGOEUREEC")], show(events)


# heads of organisations: their role by the event date
DATED = [
    ("Guterres condemned the attack on Mali.", date(2024, 7, 2), "IGOUNO"),
    ("Guterres praised Turkey.", date(2012, 5, 1), "IGOUNOREFHCR"),
    ("Stoltenberg condemned Russia.", date(2019, 3, 1), "IGOWSTNAT"),
    ("Stoltenberg criticised Russia.", date(2012, 3, 1), "NORGOV"),
    ("Rutte condemned Russia.", date(2025, 3, 1), "IGOWSTNAT"),
    ("Rutte criticised Russia.", date(2020, 3, 1), "NLDGOV"),
    ("Grossi criticised Iran.", date(2024, 7, 2), "IGOUNOIAE"),
    ("Volker Türk criticised Iran.", date(2024, 7, 2), "IGOUNOHRIHCH"),
    ("Michelle Bachelet criticised China.", date(2021, 6, 1), "IGOUNOHRIHCH"),
    ("Ban Ki-moon praised Ghana.", date(2012, 6, 1), "IGOUNO"),
    ("Karim Khan accused Myanmar's generals.", date(2024, 11, 27), "IGOJUDICC"),
    ("Tedros praised Rwanda.", date(2024, 7, 2), "IGOUNOHLHWHO"),
]


@pytest.mark.parametrize(("sentence", "day", "src"), DATED)
def test_head_of_organisation_by_date(code_text: CodeText, sentence: str, day: date,
                                      src: str) -> None:
    events = code_text(sentence, day)
    assert [e for e in events if e.source == src], show(events)


def test_ban_ki_moon_is_no_longer_the_un_after_2016(code_text: CodeText) -> None:
    events = code_text("Ban Ki-moon praised Ghana.", date(2020, 6, 1))
    assert not [e for e in events if e.source == "IGOUNO"], show(events)
