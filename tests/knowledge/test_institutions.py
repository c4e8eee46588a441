"""Institution shapes: embassies, consulates, offices, company branches and plants, cultural
centers; closed, suspended or reopened; descriptions by apposition, copula and participle;
negation, denial, hedging and plans."""

from __future__ import annotations

import pytest

from dyad.knowledge import Institution, KnowledgeBase
from tests.knowledge.conftest import Extract


def only(kb: KnowledgeBase) -> Institution:
    assert len(kb.institutions) == 1, [i.name for i in kb.institutions]
    return kb.institutions[0]


# (sentence, kind, owner country ("" none), location, status, deciding fact's mode, date)
STATUS = [
    ("Russia closed the U.S. consulate in Yekaterinburg.",
     "consulate", "USA", "Yekaterinburg", "closed", "", "2024-07-02"),
    ("Lithuania expelled the Russian ambassador and closed Russia's consulate in Klaipeda "
     "in 2022.", "consulate", "RUS", "Klaipeda", "closed", "", "2022"),
    ("The British Embassy in Kyiv reopened in April 2022.",
     "embassy", "GBR", "Kyiv", "operating", "", "2022-04"),
    ("Google shut down its office in Moscow last year.",
     "office", "MNC", "Moscow", "closed", "", "2023"),
    ("Raiffeisen suspended operations at its branch in Minsk.",
     "branch", "", "Minsk", "suspended", "", "2024-07-02"),
    ("The embassy remains open, the ministry said.",
     "embassy", "", "", "operating", "", "2024-07-02"),
    ("The consulate was not closed.", "consulate", "", "", "operating", "negated", "2024-07-02"),
    ("The company denied that it was closing its factory in Kaluga.",
     "factory", "---", "Kaluga", "operating", "denied", "2024-07-02"),
    ("Seoul dismissed claims that it was planning to close its embassy in Moscow.",
     "embassy", "KOR", "Moscow", "operating", "denied", "2024-07-02"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "owner", "place", "status", "mode", "shown"), STATUS)
def test_institutions_status_from_one_sentence(extract: Extract, text: str, kind: str,
                                               owner: str, place: str, status: str, mode: str,
                                               shown: str) -> None:  # fmt: skip
    institution = only(extract(text))
    assert institution.kind == kind
    assert (institution.owner.code[:3] if institution.owner else "") == owner
    assert institution.locations == ((place,) if place else ())
    assert institution.status == status
    (fact,) = institution.status_evidence
    assert (fact.mode, fact.when.shown) == (mode, shown)
    assert fact.evidence.sentence == text


# Hedged, intended and planned closures are kept, but say nothing about the status.
UNCOUNTED = [
    ("Volkswagen is reportedly considering closing its plant in Kaluga.", "hedged"),
    ("Moscow will close the Finnish consulate in St. Petersburg next month.", "planned"),
    ("The bank threatened to close its branch in Riga.", "intend"),
    ("The embassy could close if the fighting spreads.", "conditional|hypothetical"),
    ("The ministry said the consulates in Leipzig and Munich must close by December.",
     "planned|demanded"),  # an obligation: planned, or demanded as the coder reads "must"
]


@pytest.mark.parametrize(("text", "modes"), UNCOUNTED)
def test_institutions_uncounted_status(extract: Extract, text: str, modes: str) -> None:
    institution = only(extract(text))
    assert institution.status == "unknown"
    assert [f.mode in modes.split("|") for f in institution.status_facts] == [True]


def test_institutions_apposition_legal_form_funder_activity(extract: Extract) -> None:
    institution = only(
        extract(
            "The Goethe Institute, a German cultural association funded by the federal "
            "government, offers language courses in 98 countries."
        )
    )
    assert (institution.name, institution.kind) == ("Goethe Institute", "institute")
    assert institution.legal_forms == ("German cultural association",)
    assert institution.funders == ("federal government",)
    assert institution.activities == ("language courses",)
    assert institution.status == "operating"  # it offers courses now


@pytest.mark.parametrize(("text", "name", "status"), [
    ("The leaders backed the decision the Minsk Group is expected to make on Friday.",
     "Minsk Group", "operating"),
    ("The Office of the Special Envoy stands ready to support the talks.",
     "Office of the Special Envoy",
     "operating"),
    ("The Joint Monitoring Commission was set up in 2004.", "Joint Monitoring Commission",
     "operating"),
    ("Ministers met the co-chairs of the Border Taskforce formed in Vienna.",
     "Border Taskforce", "operating"),
    ("APEC has agreed to set up a research center in Singapore.", "", "unknown"),
])  # fmt: skip
def test_institutions_working_bodies(extract: Extract, text: str, name: str,
                                     status: str) -> None:  # fmt: skip
    found = extract(text).institutions
    if not name:
        assert all(i.status == "unknown" for i in found)
        return
    (institution,) = [i for i in found if i.name == name]
    assert institution.status == status


def test_institutions_a_mission_that_began(extract: Extract) -> None:
    institution = only(extract("Rebels attacked the mission, the worst attack on the mission "
                               "since it began in January."))
    assert institution.kind == "mission" and institution.status == "operating"


def test_institutions_consulate_ordered_closed_belongs_to_its_country(extract: Extract) -> None:
    institution = only(extract("Russia ordered the U.S. consulate in Yekaterinburg closed."))
    assert institution.status == "closed"
    assert institution.owner is not None and institution.owner.code.startswith("USA")
    (fact,) = institution.status_evidence
    assert [a.code[:3] for a in fact.actors] == ["RUS"]


def test_institutions_copula_and_pronoun_describe_the_last_one(extract: Extract) -> None:
    institution = only(
        extract(
            "Moscow closed the Confucius Institute in Kazan. "
            "It was a Russian non-profit organisation financed by the Chinese government."
        )
    )
    assert institution.name == "Confucius Institute"
    assert institution.locations == ("Kazan",)
    assert institution.legal_forms == ("Russian non-profit organisation",)
    assert [f.code for f in institution.facts if f.kind == "funder"] == ["CHNGOV"]
    assert institution.status == "closed"


def test_institutions_passive_funding(extract: Extract) -> None:
    institution = only(extract("The Japan Centers are funded by the Japanese government."))
    assert institution.name == "Japan Center"
    assert institution.funders == ("Japanese government",)


def test_institutions_reopening_after_closure(extract: Extract) -> None:
    institution = only(
        extract(
            "The U.S. embassy in Kyiv was closed in February 2022. "
            "The embassy reopened in May 2022."
        )
    )
    assert [(f.status, f.when.shown) for f in institution.status_facts] == [
        ("closed", "2022-02"),
        ("operating", "2022-05"),
    ]
    assert institution.status == "operating"
    assert institution.name == "U.S. embassy in Kyiv"


def test_institutions_assertion_beats_same_day_denial(extract: Extract) -> None:
    institution = only(
        extract(
            "The company denied that it was closing its plant in Kaluga. "
            "The company closed the plant on Tuesday."
        )
    )
    assert institution.status == "closed"


def test_institutions_unnamed_without_facts_are_not_kept(extract: Extract) -> None:
    assert extract("The company said sales rose.").institutions == ()


def test_institutions_set_up_then_blown_up(extract: Extract) -> None:
    institution = only(
        extract(
            "The two Koreas agreed in 2018 to set up a liaison office in "
            "Kaesong. North Korea blew up the office in June 2020."
        )
    )
    assert institution.name == "liaison office in Kaesong"
    assert [(f.status, f.when.shown) for f in institution.status_facts] == [
        ("operating", "2018"),
        ("closed", "2020-06"),
    ]
    assert institution.status == "closed"


def test_institutions_factory_refers_back_to_plant(extract: Extract) -> None:
    institution = only(
        extract(
            "Sony said it would shut its plant in Chennai. "
            "The factory produces televisions and cameras."
        )
    )
    assert (institution.name, institution.kind) == ("Sony plant in Chennai", "plant")
    assert institution.activities == ("televisions", "cameras")
    assert [f.mode in ("hypothetical", "intend") for f in institution.status_facts] == [True]


def test_institutions_past_acts_are_not_activities(extract: Extract) -> None:
    kb = extract("The Goethe Institute in Minsk issued a statement on Monday.")
    assert kb.institutions == () or kb.institutions[0].activities == ()


@pytest.mark.parametrize(("text", "kind"), [
    ("The Security Council ended the mandate of the peacekeeping mission in Mali on June 30.",
     "mission"),
    ("Guatemala ended the mandate of the International Commission against Impunity.",
     "commission"),
])  # fmt: skip
def test_institutions_ended_mandates_close_them(extract: Extract, text: str, kind: str) -> None:
    institution = only(extract(text))
    assert institution.kind == kind and institution.status == "closed"


def test_institutions_acronym_in_apposition_names_it_later(extract: Extract) -> None:
    institution = only(extract(
        "The council voted to end the mandate of the United Nations Stabilization Mission in "
        "Haiti (MINUSTAH). MINUSTAH withdrew its last troops in October."))
    assert institution.kind == "mission" and "MINUSTAH" in institution.names
    assert institution.status == "closed"
    assert len({e.sentence_id for e in institution.mentions}) == 2


def test_institutions_acronym_joins_the_full_name_across_documents(extract: Extract) -> None:
    kb = extract("The United Nations Stabilization Mission in Haiti (MINUSTAH) opened in 2004.",
                 "The UN Stabilization Mission (MINUSTAH) closed in 2017.")
    (mission,) = kb.institutions
    assert mission.status == "closed" and len(mission.aliases) == 1


def test_institutions_a_described_mission_is_named_by_its_own_words_once(
        extract: Extract) -> None:
    kb = extract("The Security Council voted unanimously to end the mandate of the UN "
                 "peacekeeping mission in Liberia (UNMIL) by March 30.")
    assert [i.name for i in kb.institutions] == ["UN peacekeeping mission in Liberia"]


@pytest.mark.parametrize(("text", "status"), [
    ("Haiti decided not to renew the mandate of the International Commission against "
     "Corruption in Haiti (CICAH).", "closed"),
    ("The mandate of the UN Assistance Mission in Nepal expired on January 15, 2011.",
     "closed"),
    ("The Security Council extended the mandate of the UN Assistance Mission in Nepal "
     "until January.", "operating"),
    ("The mandate of the UN Assistance Mission in Nepal expires on January 15, 2031.",
     "unknown"),  # written before that day: a plan, not yet a closure
])
def test_institutions_a_mandate_not_renewed_or_run_out_closes_it(
        extract: Extract, text: str, status: str) -> None:
    (item,) = extract(text).institutions
    assert item.status == status, item.status_facts


@pytest.mark.parametrize(("text", "name"), [
    ("Uzbekistan decided to expel Maria Lund, Spokeswoman for the United Nations Development "
     "Programme Office in Tashkent.", "United Nations Development Programme Office"),
    ("Russia expelled two diplomats of the Estonian consulate in St. Petersburg.",
     "Estonian consulate"),
])
def test_institutions_staff_expelled_presuppose_it_works(extract: Extract, text: str,
                                                          name: str) -> None:
    (item,) = extract(text).institutions
    assert item.name.startswith(name) and item.status == "operating", item


def test_institutions_a_closure_outweighs_staff_expelled(extract: Extract) -> None:
    kb = extract("Moscow closed the Latvian consulate in Pskov and expelled the staff of the "
                 "consulate on the same day.")
    (item,) = kb.institutions
    assert item.status == "closed"


@pytest.mark.parametrize("text", [
    "Moscow ordered the closure of the Latvian consulate in Pskov.",
    "Moscow expelled three employees of the Latvian consulate in Pskov.",
])
def test_institutions_a_place_said_of_the_closure_or_the_expulsion_is_its_own(
        extract: Extract, text: str) -> None:
    (item,) = extract(text).institutions
    assert item.locations == ("Pskov",) and item.name == "Latvian consulate in Pskov"


def test_institutions_the_other_side_s_consulate_is_another_one(extract: Extract) -> None:
    kb = extract("Latvia closed its consulate in Pskov on Monday. Moscow said the move answered "
                 "Riga's closure of the Russian consulate in Daugavpils last month.")
    found = {i.name: (i.status, i.owner.code if i.owner else "") for i in kb.institutions}
    assert found == {"Latvia consulate in Pskov": ("closed", "LVA"),
                     "Russian consulate in Daugavpils": ("closed", "RUS")}, found


def test_institutions_ordered_to_close_is_closed_where_the_city_is_named(
        extract: Extract) -> None:
    (item,) = extract("Belarus ordered Lithuania to close its consulate in the western city "
                      "of Grodno.").institutions
    assert item.status == "closed" and item.locations == ("Grodno",)
    assert item.owner is not None and item.owner.code == "LTU"


def test_institutions_a_denied_closure_a_reported_plan_and_work_going_on(
        extract: Extract) -> None:
    kb = extract("Kremlin denies report it will close Estonian consulate\n\n"
                 "A newspaper had reported that the Estonian consulate would be shut by the "
                 "end of the month. Estonia's foreign ministry said it had received no notice of "
                 "a closure and that the consulate continued to operate normally.")
    (item,) = kb.institutions
    assert item.status == "operating", item.status_facts


def test_institutions_each_country_s_embassy_after_a_plural_headline_and_a_dateline(
        extract: Extract) -> None:
    kb = extract("Chile and Peru reopen embassies\n\n"
                 "LIMA, May 4 (AP) - Chile reopened its embassy in Lima on Monday and the "
                 "Peruvian government reopened its embassy in Santiago.")
    owners = {i.locations: i.owner.code[:3] if i.owner else "" for i in kb.institutions}
    assert owners == {("Lima",): "CHL", ("Santiago",): "PER"}, owners
