"""Agreement shapes across topics: trade deals, arms control treaties, ceasefires, memoranda;
lifecycle verbs and event nouns; negation, hedging, intention; timelines in one document."""

from __future__ import annotations

from datetime import date

import pytest

from dyad.knowledge import Agreement, KnowledgeBase
from tests.knowledge.conftest import Extract

FRIDAY = date(2024, 7, 5)


def only(kb: KnowledgeBase) -> Agreement:
    assert len(kb.agreements) == 1, [a.name for a in kb.agreements]
    return kb.agreements[0]


# (sentence, step kind, date at its precision, actor country ("" none), mode, status)
STEPS = [
    # arms control
    ("Russia suspended its participation in the New START treaty in February 2023.",
     "suspended", "2023-02", "RUS", "", "suspended"),
    ("The U.S. Senate ratified the Chemical Weapons Convention in 1997.",
     "ratified", "1997", "USA", "", "ratified"),
    ("The Chemical Weapons Convention entered into force in April 1997.",
     "in_force", "1997-04", "", "", "in_force"),
    ("Pyongyang scrapped the military agreement with Seoul on Tuesday.",
     "terminated", "2024-07-02", "PRK", "", "terminated"),
    # climate and multilateral
    ("The United States withdrew from the Paris Agreement in 2020.",
     "withdrawn", "2020", "USA", "", "withdrawn"),
    ("Trump pulled the United States out of the Iran nuclear deal in 2018.",
     "withdrawn", "2018", "USA", "", "withdrawn"),
    # trade deals and memoranda
    ("Britain and Japan signed a free trade agreement on Friday.",
     "signed", "2024-06-28", "GBR", "", "signed"),
    ("The European Union and Mercosur reached a trade deal in June 2019.",
     "signed", "2019-06", "IGO", "", "signed"),
    ("India and Bangladesh signed seven memoranda of understanding on Saturday.",
     "signed", "2024-06-29", "IND", "", "signed"),
    ("Moscow announced the suspension of the grain deal on Monday.",
     "suspended", "2024-07-01", "RUS", "", "suspended"),
    ("Russia rejoined the Black Sea grain deal last week.",
     "revived", "2024-06-25", "RUS", "", "in_force"),
    ("The accord, signed in 1995, ended the Bosnian war.",
     "signed", "1995", "", "", "signed"),
    ("The agreement expired in 2021.", "terminated", "2021", "", "", "terminated"),
    # ceasefires
    ("Israel and Hamas agreed to a ceasefire on Monday.",
     "signed", "2024-07-01", "ISR", "", "signed"),
    ("The ceasefire between Armenia and Azerbaijan collapsed in September 2022.",
     "terminated", "2022-09", "", "", "terminated"),
    # negation, hedging, intention, hypothesis, plans: kept as evidence, not counted
    ("Washington did not withdraw from the treaty.", "withdrawn", "2024-07-02", "USA",
     "negated", "unknown"),
    ("Turkey is reportedly considering withdrawing from the Istanbul Convention.",
     "withdrawn", "2024-07-02", "TUR", "hedged", "unknown"),
    ("Iran threatened to withdraw from the nuclear deal.",
     "withdrawn", "2024-07-02", "IRN", "intend", "unknown"),
    ("Israel could withdraw from the agreement.",
     "withdrawn", "2024-07-02", "ISR", "hypothetical", "unknown"),
    ("Kyiv will sign the security pact next week.",
     "signed", "2024-07-09", "UKR", "planned", "unknown"),
    ("Ankara denied that it had suspended the trade deal.",
     "suspended", "2024-07-02", "TUR|", "denied", "unknown"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "shown", "actor", "mode", "status"), STEPS)
def test_agreements_lifecycle_step(extract: Extract, text: str, kind: str, shown: str,
                                   actor: str, mode: str, status: str) -> None:  # fmt: skip
    agreement = only(extract(text))
    (step,) = [s for s in agreement.steps if s.kind == kind]
    assert (step.when.shown, step.mode) == (shown, mode)
    assert step.actor[:3] in actor.split("|")  # "TUR|": "it" resolved or not
    assert agreement.status == status
    assert step.evidence.sentence == text and step.evidence.doc_id == "doc0"


# (sentence, kind, name, parties, subject)
DESCRIPTIONS = [
    ("Russia suspended its participation in the New START treaty in February 2023.",
     "treaty", "New START treaty", {"RUS"}, ""),
    ("The United States withdrew from the Paris Agreement in 2020.",
     "agreement", "Paris Agreement", {"USA"}, ""),  # Paris names it, it is no party
    ("Britain and Japan signed a free trade agreement on Friday.",
     "agreement", "free trade agreement", {"GBR", "JPN"}, "free trade"),
    ("Pyongyang scrapped the military agreement with Seoul on Tuesday.",
     "agreement", "military agreement", {"PRK", "KOR"}, "military"),
    ("The ceasefire between Armenia and Azerbaijan collapsed in September 2022.",
     "ceasefire", "ceasefire", {"ARM", "AZE"}, ""),
    ("Russia and Japan scrapped their agreements on fisheries in 2023.",
     "agreement", "agreements on fisheries", {"RUS", "JPN"}, "fisheries"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "name", "parties", "subject"), DESCRIPTIONS)
def test_agreements_kind_name_parties_subject(extract: Extract, text: str, kind: str, name: str,
                                              parties: set[str], subject: str) -> None:  # fmt: skip
    agreement = only(extract(text))
    assert (agreement.kind, agreement.name, agreement.subject) == (kind, name, subject)
    assert set(agreement.party_codes) == parties


def test_agreements_count_of_memoranda(extract: Extract) -> None:
    agreement = only(extract("India and Bangladesh signed seven memoranda of understanding."))
    assert (agreement.kind, agreement.count) == ("memorandum", 7)


def test_agreements_negotiated_treaty_is_no_agreement_yet(extract: Extract) -> None:
    kb = extract("Moscow has ceased negotiations on a World War II peace treaty with Japan.")
    assert kb.agreements == ()


def test_agreements_listed_signing_dates_split_the_agreements(extract: Extract) -> None:
    kb = extract(
        "Tokyo and Moscow revoked the fisheries agreements last week. "
        "The agreements, signed in 1998 and 2005, had allowed joint catches."
    )
    assert [s.when.shown for a in kb.agreements for s in a.steps if s.kind == "signed"] == [
        "1998", "2005"]  # fmt: skip
    for agreement in kb.agreements:
        assert agreement.status == "terminated"
        assert {s.kind for s in agreement.steps} == {"signed", "terminated"}


def test_agreements_ceasefire_timeline(extract: Extract) -> None:
    kb = extract(
        "Israel and Hamas agreed to a ceasefire on Tuesday. The ceasefire took effect "
        "on Wednesday. The ceasefire collapsed on Friday.",
        day=FRIDAY,
    )
    agreement = only(kb)
    assert [(s.kind, s.date) for s in agreement.steps] == [
        ("signed", "2024-07-02"),
        ("in_force", "2024-07-03"),
        ("terminated", "2024-07-05"),
    ]
    assert agreement.status == "terminated"
    assert {"ISR", "PSE"} <= {c[:3] for c in agreement.party_codes}


def test_agreements_later_negation_does_not_undo_a_suspension(extract: Extract) -> None:
    agreement = only(
        extract(
            "Russia suspended the New START treaty in February 2023. "
            "Moscow said it did not withdraw from the treaty."
        )
    )
    assert agreement.status == "suspended"
    assert [(s.kind, s.mode) for s in agreement.steps][-1] == ("withdrawn", "negated")


def test_agreements_two_deals_in_one_document_stay_apart(extract: Extract) -> None:
    kb = extract(
        "Britain signed a trade deal with Japan on Monday. "
        "London signed a defence pact with Australia on Friday.",
        day=FRIDAY,
    )
    assert sorted(a.name for a in kb.agreements) == ["defence pact", "trade deal"]
    parties = {a.name: set(a.party_codes) for a in kb.agreements}
    assert parties == {"trade deal": {"GBR", "JPN"}, "defence pact": {"GBR", "AUS"}}


def test_agreements_a_description_of_another_subject_is_another_agreement(
        extract: Extract) -> None:
    kb = extract("Norway suspended the 2011 visa agreement with Russia on Monday. "
                 "Oslo terminated the fisheries agreement with Moscow on Friday. "
                 "The agreement had been in force since 1976.", day=FRIDAY)
    status = {a.name: a.status for a in kb.agreements}
    assert status == {"visa agreement": "suspended", "fisheries agreement": "terminated"}
    fisheries = next(a for a in kb.agreements if a.name == "fisheries agreement")
    assert len(fisheries.mentions) == 2  # "The agreement" is the latest one


def test_agreements_a_shorter_description_is_the_same_agreement(extract: Extract) -> None:
    kb = extract("Canada signed the Arctic fisheries agreement with Denmark in May. "
                 "Ottawa suspended the fisheries agreement on Friday.", day=FRIDAY)
    (agreement,) = kb.agreements
    assert agreement.status == "suspended" and len(agreement.mentions) == 2


def test_agreements_a_title_the_agreement_noun_only_ends(extract: Extract) -> None:
    kb = extract("Canada and Norway signed the Mutual Recognition of Fisheries Inspection "
                 "Agreement (MRFIA) in 2011. Ottawa suspended the MRFIA on Friday.", day=FRIDAY)
    (agreement,) = kb.agreements
    assert agreement.name == "Mutual Recognition of Fisheries Inspection Agreement"
    assert set(agreement.party_codes) == {"CAN", "NOR"} and agreement.status == "suspended"
    kb = extract("The Secretary-General of the Arms Trade Treaty welcomed the vote.")
    assert [a.name for a in kb.agreements] == ["Arms Trade Treaty"]  # an office is no title


def test_agreements_well_known_names_of_one_agreement_are_linked(extract: Extract) -> None:
    kb = extract("Washington pulled out of the Iran nuclear agreement in May 2018.",
                 "Tehran said it would keep to the JCPOA as long as Europe did.",
                 "Moscow suspended New START in February 2023.",
                 "The New Strategic Arms Reduction Treaty was signed in Prague in 2010.")
    assert len(kb.agreements) == 2, [a.name for a in kb.agreements]
    iran = next(a for a in kb.agreements if "JCPOA" in a.names)
    assert iran.status == "withdrawn" and "USA" in iran.party_codes
    start = next(a for a in kb.agreements if "New START" in a.names)
    assert {s.kind for s in start.steps} >= {"signed", "suspended"}


def test_agreements_the_one_blamed_for_a_step_took_it_not_the_one_blaming(
        extract: Extract) -> None:
    kb = extract("The Open Skies Treaty collapsed in 2021. The European Union blamed "
                 "Washington for the collapse of the Open Skies Treaty.")
    (treaty,) = kb.agreements
    assert "IGOEUREEU" not in treaty.party_codes and "USA" in treaty.party_codes


def test_agreements_a_name_given_by_known_as(extract: Extract) -> None:
    kb = extract("Tokyo decided to scrap the intelligence-sharing pact with Seoul, known as "
                 "TISA. Washington urged Tokyo to keep the TISA.")
    (pact,) = kb.agreements
    assert "TISA" in pact.names and set(pact.party_codes) == {"JPN", "KOR"}


def test_agreements_a_described_name_says_its_subject_once(extract: Extract) -> None:
    kb = extract("Both armies agreed to observe the 2003 ceasefire agreement along the border.")
    assert [a.name for a in kb.agreements] == ["ceasefire agreement"]


def test_agreements_order_names_its_signer_as_actor(extract: Extract) -> None:
    agreement = only(
        extract(
            "Last week, Russian Prime Minister Mikhail Mishustin signed an "
            "order suspending the fisheries agreement with Japan."
        )
    )
    (step,) = agreement.steps
    assert (step.kind, step.actor, step.date) == ("suspended", "RUSGOV", "2024-06-25")


def test_agreements_participle_after_the_subject_phrase(extract: Extract) -> None:
    agreement = only(
        extract("Officials said the agreement on air traffic, signed in 2010, remains in force.")
    )
    assert [(s.kind, s.when.shown) for s in agreement.steps] == [
        ("signed", "2010"),
        ("in_force", "2024-07-02"),
    ]
    assert (agreement.subject, agreement.status) == ("air traffic", "in_force")


def test_agreements_year_in_the_name_is_its_signing_not_its_end(extract: Extract) -> None:
    agreement = only(extract("South Korea said the 2018 military pact had been nullified."))
    signed, ended = agreement.steps
    assert (signed.kind, signed.when.shown, signed.when.source) == ("signed", "2018", "named")
    assert (ended.kind, ended.date, ended.when.source) == ("terminated", "2024-07-02", "document")


# --- names, short names and references ------------------------------------------------------


def test_agreements_quoted_full_title_with_acronym(extract: Extract) -> None:
    agreement = only(extract(
        "Chile and Peru signed the “Agreement between the Republic of Chile and the Republic "
        "of Peru on the Exchange of Defence Information” (“EDIA”) in 2016. Lima decided to "
        "terminate the EDIA on Thursday.", day=FRIDAY))
    assert agreement.name.startswith("Agreement between the Republic of Chile")
    assert agreement.name.endswith("on the Exchange of Defence Information")
    assert "EDIA" in agreement.names
    assert agreement.status == "terminated"
    assert {p.code for p in agreement.parties} == {"CHL", "PER"}


def test_agreements_the_treaty_is_the_latest_compatible_one(extract: Extract) -> None:
    kb = extract("Kenya ratified the Nairobi Fisheries Convention in 2019. Uganda withdrew from "
                 "the Kampala Water Treaty in 2020. No state has ever withdrawn from the Treaty "
                 "before.")
    water = next(a for a in kb.agreements if "Kampala" in a.name)
    assert [(s.kind, s.mode) for s in water.steps] == [("withdrawn", ""), ("withdrawn", "negated")]
    assert len(kb.agreements) == 2


def test_agreements_lower_case_headline_joins_the_title(extract: Extract) -> None:
    agreement = only(extract("Minister urges reconsideration of withdrawal from arms trade "
                             "treaty\n\nGhana announced its withdrawal from the Arms Trade "
                             "Treaty (ATT) on Monday."))
    assert agreement.name == "Arms Trade Treaty" and "ATT" in agreement.names
    assert [p.code for p in agreement.parties] == ["GHA"]


def test_agreements_hyphenated_countries_of_a_title_are_its_parties(extract: Extract) -> None:
    agreement = only(extract("The launch is a violation of the Japan-DPRK Pyongyang "
                             "Declaration."))
    assert {p.code for p in agreement.parties} == {"JPN", "PRK"}
    assert agreement.status == "signed"  # a violated agreement stands


# --- lifecycle words ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "status"), [
    ("Russia revoked its ratification of the Comprehensive Nuclear-Test-Ban Treaty (CTBT).",
     "withdrawn"),
    ("The ending of the INF Treaty is a matter of concern.", "terminated"),
    ("The minister urged Iran and the EU to reach an agreement on the nuclear program.",
     "unknown"),
    ("India rejected a proposal for signing an FTA with Pakistan.", "unknown"),
    ("The leaders urged Nepal and Bhutan to sign the proposed SAFTA.", "unknown"),
    ("The trade agreement will enter into force on January 15, 2025.", "unknown"),
    ("Canada received Mexico's instrument of ratification for the Cartagena Protocol.",
     "ratified"),
    ("With this exchange of notes, the Agreement between Chile and Japan will enter into force "
     "on 3 September 2024.", "ratified"),
    ("Japan has decided to take the following measures vis-a-vis Russia: freeze of launching "
     "negotiations of a new investment agreement.", "suspended"),
])  # fmt: skip
def test_agreements_lifecycle_words_in_real_texts(extract: Extract, text: str,
                                                  status: str) -> None:  # fmt: skip
    assert only(extract(text, day=FRIDAY)).status == status


def test_agreements_parties_are_not_onlookers_nor_states_that_must_ratify(
        extract: Extract) -> None:  # fmt: skip
    welcomed = only(extract("NATO Allies welcome the extension of the New START treaty between "
                            "the United States and Russia."))
    assert {p.code for p in welcomed.parties} == {"USA", "RUS"}
    must = only(extract("The Treaty will enter into force after all 44 States listed in its "
                        "Annex 2 have ratified it."))
    assert must.parties == ()


def test_agreements_frozen_negotiations_name_the_measure_and_its_target(
        extract: Extract) -> None:  # fmt: skip
    kb = extract("Japan has decided to take the following measures vis-a-vis Russia: suspension "
                 "of consultation for easing visa regulations as well as freeze of launching "
                 "negotiations of a new investment agreement, an outer space cooperation "
                 "agreement and an agreement for prevention of dangerous military activities.")
    assert len(kb.agreements) == 3
    for agreement in kb.agreements:
        assert agreement.status == "suspended"
        assert {p.code for p in agreement.parties} == {"JPN", "RUS"}


def test_agreements_the_ceasefire_after_a_ceasefire_agreement(extract: Extract) -> None:
    agreement = only(extract("The government and the rebels signed a ceasefire agreement in "
                             "2003. The ceasefire collapsed in 2008."))
    assert [s.kind for s in agreement.steps] == ["signed", "terminated"]


def test_agreements_acronym_after_the_last_word_of_a_title(extract: Extract) -> None:
    agreement = only(extract("Russia withdrew from the Treaty on Conventional Armed Forces in "
                             "Europe (CFE) on Tuesday. NATO regretted the end of the CFE."))
    assert agreement.name == "Treaty on Conventional Armed Forces in Europe"
    assert "CFE" in agreement.names and agreement.status in ("withdrawn", "terminated")
    assert len(extract("Russia withdrew from the Treaty on Conventional Armed Forces in "
                       "Europe (CFE).").institutions) == 0


def test_agreements_a_step_only_claimed_changes_no_status(extract: Extract) -> None:
    agreement = only(extract("Kyodo claimed that Tokyo had suspended the fisheries agreement "
                             "with Moscow."))
    assert [s.mode for s in agreement.steps] == ["hedged"] and agreement.status == "unknown"


def test_agreements_title_attached_elsewhere_by_the_parser(extract: Extract) -> None:
    agreement = only(extract(
        "Japan and the Republic of Korea signed the Agreement on the Protection of Classified "
        "Military Information (GSOMIA) in 2016. In August 2019 Seoul announced its decision "
        "to terminate the GSOMIA."))
    assert agreement.name == "Agreement on the Protection of Classified Military Information"
    assert "GSOMIA" in agreement.names and agreement.status == "terminated"
    assert only(extract("The Agreement on Monday took effect.")).names == ()


def test_agreements_the_pact_may_be_a_treaty_told_of_before(extract: Extract) -> None:
    kb = extract("Canada withdrew from the Ottawa Fisheries Treaty on Monday, accusing Denmark "
                 "of breaking the pact.", day=FRIDAY)
    (treaty,) = kb.agreements
    assert treaty.name == "Ottawa Fisheries Treaty" and len(treaty.mentions) == 2


def test_agreements_the_headline_s_agreement_is_the_body_s(extract: Extract) -> None:
    kb = extract("Chile, Vietnam sign free trade agreement\n\n"
                 "Chile and Vietnam signed a free trade agreement on Friday after years of talks, "
                 "a deal that will cut tariffs on copper. The agreement must still be ratified "
                 "by Chile's congress.", day=FRIDAY)
    (deal,) = kb.agreements
    assert deal.status == "signed" and set(deal.party_codes) == {"CHL", "VNM"}
