"""Claim shapes: reports refuted, denied, confirmed, disputed; who made them and whom they
cite; negated stances; statements in reported speech; accusations; denials by the accused
side (disputed) and by others (refuted)."""

from __future__ import annotations

import pytest

from dyad.knowledge import Claim, KnowledgeBase, KnowledgeExtractor
from dyad.nlp import parse_documents
from dyad.record import Document
from tests.knowledge.conftest import DAY, Extract


def only(kb: KnowledgeBase) -> Claim:
    assert len(kb.claims) == 1, [c.gist for c in kb.claims]
    return kb.claims[0]


# (sentence, gist, claimant words, answerer role, answerer code, standing)
CLAIMS = [
    ("The Kremlin denied reports that Putin was ill.",
     "Putin was ill", "reports", "disputer", "RUSGOV", "disputed"),
    ("The Pentagon confirmed reports that Russia had moved troops to the border.",
     "Russia had moved troops", "reports", "confirmer", "USAMIL", "confirmed"),
    ("Seoul dismissed claims that it was planning to close its embassy in Moscow.",
     "it was planning to close its embassy", "claims", "disputer", "KOR", "disputed"),
    ("Beijing disputed allegations that it had hacked the ministry.",
     "it had hacked the ministry", "allegations", "disputer", "CHN", "disputed"),
    ("Reports that the embassy would close were denied by the foreign ministry.",
     "the embassy would close", "Reports", "refuter", "---GOV", "refuted"),
    ("Israel rejected media reports claiming it had agreed to a ceasefire.",
     "it had agreed", "media reports", "disputer", "ISR", "disputed"),
    ('The Turkish foreign ministry dismissed as "baseless" claims that Ankara had closed its '
     "airspace to Russian flights.", "Ankara had closed its airspace", "baseless claims",
     "disputer", "TURGOV", "disputed"),
    ("Reuters refuted rumors that the Kenyan embassy had closed.",
     "the Kenyan embassy had closed", "rumors", "refuter", "MED", "refuted"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "gist", "claimant", "role", "code", "standing"), CLAIMS)
def test_claims_answered(extract: Extract, text: str, gist: str, claimant: str, role: str,
                         code: str, standing: str) -> None:  # fmt: skip
    claim = only(extract(text))
    assert claim.gist == gist
    assert [p.text for p in claim.claimants] == [claimant]
    answer = next(s for s in claim.stances if s.role == role)
    assert answer.party.code == code and answer.mode == ""
    assert claim.standing == standing


def test_claims_claimed_with_source(extract: Extract) -> None:
    claim = only(
        extract("Kyodo claimed that Tokyo had frozen the talks, citing unnamed officials.")
    )
    assert (claim.gist, claim.text) == ("Tokyo had frozen the talks", "Tokyo had frozen the talks")
    (stance,) = claim.stances
    assert (stance.role, stance.party.code, stance.citing) == (
        "claimant",
        "JPNMED",
        ("unnamed officials",),
    )
    assert (claim.standing, claim.predicate, claim.subjects) == ("asserted", "suspend", ("JPN",))


def test_claims_negated_denial_does_not_refute(extract: Extract) -> None:
    claim = only(
        extract("The government did not deny reports that it was preparing new sanctions.")
    )
    refuter = next(s for s in claim.stances if s.role == "refuter")
    assert refuter.mode == "negated"
    assert claim.refuters == () and claim.standing == "asserted"


def test_claims_hedged_confirmation_does_not_confirm(extract: Extract) -> None:
    claim = only(
        extract("Officials reportedly confirmed reports that Moscow had closed the consulate.")
    )
    assert claim.standing == "asserted"


def test_claims_report_denied_then_confirmed_is_disputed(extract: Extract) -> None:
    claim = only(
        extract(
            "Local media reported that the mission would be closed. The foreign "
            "ministry denied the reports on Tuesday. Opposition lawmakers "
            "confirmed that the mission would be closed."
        )
    )
    assert [s.role for s in claim.stances] == ["claimant", "refuter", "confirmer"]
    assert claim.standing == "disputed"
    refuter = claim.stances[1]
    assert refuter.evidence.sentence_id == 1 and refuter.when.date == "2024-07-02"


def test_claims_denial_of_a_claim_cites_who_told_the_denier(extract: Extract) -> None:
    kb = extract("Officials told Reuters that the plant remained open. "
                 "Reuters refuted rumors that the plant had closed.")
    claim = next(c for c in kb.claims if c.refuters)
    refuter = next(s for s in claim.stances if s.role == "refuter")
    assert refuter.citing == ("officials",)


@pytest.mark.parametrize("text", [
    "The ministry confirmed that the talks would take place.",
    "Experts have clarified to RIA Novosti that the move does not signify closure.",
    "The minister said the talks will resume next month.",
    '"We are ready to talk," the minister said.',
    'The envoy said, "The army has left the town."',
    "The spokesman said we are ready.",
    "The spokesman did not say that the army had left.",
])  # fmt: skip
def test_claims_forecasts_quotes_and_plans_are_no_claims(extract: Extract, text: str) -> None:
    assert extract(text).claims == ()


# (text, gist words, claimant code)
STATEMENTS = [
    ("Reuters reported that the plant had closed.", "the plant had closed", "MED"),
    ("Chadian officials say the airstrikes have created panic among civilians.",
     "the airstrikes have created panic", "TCD"),
    ("Witnesses said soldiers fired tear gas at the crowd.", "soldiers fired tear gas", ""),
    ("The rebels told reporters their fighters were attacked.", "their fighters were attacked",
     "---REB"),
    ("The court declared that the opposition leader's papers were incomplete.",
     "the opposition leader's papers were incomplete", ""),
]  # fmt: skip


@pytest.mark.parametrize(("text", "gist", "code"), STATEMENTS)
def test_claims_reported_speech_is_an_asserted_claim(extract: Extract, text: str, gist: str,
                                                     code: str) -> None:  # fmt: skip
    claim = only(extract(text))
    assert claim.gist == gist and claim.standing == "asserted"
    (claimant,) = claim.claimants
    assert claimant.code.startswith(code)


def test_claims_accusing_someone_of_an_act(extract: Extract) -> None:
    claim = only(extract("Prosecutors accused the Serbian government of hiding the weapons."))
    assert claim.text == "the Serbian government of hiding the weapons" or "hiding" in claim.text
    assert (claim.predicate, claim.object, claim.subjects) == ("hide", "weapon", ("SRB",))
    assert claim.standing == "asserted"


def test_claims_counter_accusation_disputes_the_accusation(extract: Extract) -> None:
    kb = extract("Chad accused Sudan of harboring the rebels and Sudan countered with "
                 "accusations that Chad had armed the militias.")
    harboring = next(c for c in kb.claims if c.predicate == "harbor")
    assert harboring.standing == "disputed"
    assert [p.code for p in harboring.disputers] == ["SDN"]
    armed = next(c for c in kb.claims if c.predicate == "arm")
    assert [p.code for p in armed.claimants] == ["SDN"] and armed.standing == "asserted"


def test_claims_denial_noun_disputes_a_claim_about_the_denier(extract: Extract) -> None:
    claim = only(extract("The minister noted the denial by Iran of any intention to build "
                         "nuclear weapons."))
    assert claim.standing == "disputed"
    assert [p.code[:3] for p in claim.disputers] == ["IRN"]
    assert "intention to build nuclear weapons" in claim.text


def test_claims_denial_by_the_accused_disputes_and_by_others_refutes(extract: Extract) -> None:
    accused = only(extract("Sudan denied accusations that the Sudanese air force bombed "
                           "towns in Chad."))
    assert accused.standing == "disputed" and [p.code for p in accused.disputers] == ["SDN"]
    other = only(extract("The United Nations denied accusations that the Sudanese air force "
                         "bombed towns in Chad."))
    assert other.standing == "refuted"


def test_claims_pronoun_refuter_is_the_person_named_before(extract: Extract) -> None:
    claim = only(
        extract(
            "Prime Minister Nikol Pashinyan spoke on Monday. "
            "He denied reports that Yerevan had left the bloc."
        )
    )
    assert [p.text for p in claim.refuters] == ["Pashinyan"]
    assert claim.subjects == ("ARM",)


def test_claims_whether_clause_is_no_claim(extract: Extract) -> None:
    assert extract("Analysts questioned whether the deal would hold.").claims == ()


def test_claims_recognition_is_a_claim_and_deploring_it_disputes_it(extract: Extract) -> None:
    claim = only(extract("Canada deplores that Serbia has recognized the independence of "
                         "the northern province."))
    assert claim.text == "the independence of the northern province"
    assert [p.code for p in claim.claimants] == ["SRB"]
    assert [p.code for p in claim.disputers] == ["CAN"] and claim.standing == "disputed"


def test_claims_stated_intent_and_believed_participles(extract: Extract) -> None:
    stated = only(extract("The minister welcomed Kenya's stated willingness to assist the "
                          "inquiry."))
    assert stated.text == "willingness to assist the inquiry"
    assert [p.code for p in stated.claimants] == ["KEN"]
    believed = only(extract("Washington imposed visa bans on officials believed to be "
                            "responsible for the abuses."))
    assert "responsible for the abuses" in believed.text
    assert [p.text for p in believed.claimants] == ["unnamed"]


def test_claims_rejected_then_supported_is_disputed(extract: Extract) -> None:
    claim = only(extract("South Korea rejected Amnesty's accusations, but rights groups "
                         "supported them."))
    assert claim.standing == "disputed"
    assert [p.code for p in claim.refuters] == ["KOR"] and claim.confirmers


@pytest.mark.parametrize("answer", [
    "The ministry said there is no such fact.",
    "The ministry called the reports baseless.",
    '"The report is not true," said the spokesman of the ministry.',
])  # fmt: skip
def test_claims_answers_that_call_a_claim_false(extract: Extract, answer: str) -> None:
    claim = only(extract("Kyodo reported that the plant had closed. " + answer))
    assert claim.standing == "refuted" and claim.refuters


def test_claims_according_to_a_source(extract: Extract) -> None:
    claim = only(extract("According to state media, the army fired two missiles on Sunday."))
    assert claim.gist == "the army fired two missiles"
    assert [p.text for p in claim.claimants] == ["state media"]


def test_claims_denial_shares_the_subject_of_the_verb_above(extract: Extract) -> None:
    claim = only(extract("The embassy said the media misrepresent the facts and denied that "
                         "the ambassador had been recalled."))
    assert [p.text for p in claim.refuters] == ["embassy"]


def test_claims_role_only_parties_belong_to_the_document_country(extract: Extract) -> None:
    # as the coder places them: "the government" of a document about Japan is Japan's, and
    # its denial of a claim about Japan leaves the claim disputed
    claim = only(extract("Japan hosted the summit in Tokyo this week. The government denied "
                         "reports that Japan had closed its embassy in Minsk."))
    (disputer,) = claim.disputers
    assert disputer.code == "JPNGOV" and claim.standing == "disputed"


@pytest.mark.parametrize(("text", "standing", "answerer"), [
    ("Officials said there was no truth to reports that the base would be closed.",
     "refuted", "Officials"),
    ("Amnesty International accused the police of torturing detainees, a charge the "
     "ministry rejected.", "refuted", "ministry"),
    ("The rebels denied responsibility for the attack on the convoy.", "disputed", "rebels"),
])  # fmt: skip
def test_claims_answers_within_the_sentence(extract: Extract, text: str, standing: str,
                                            answerer: str) -> None:  # fmt: skip
    claim = only(extract(text))
    assert claim.standing == standing
    assert answerer in [p.text for p in (*claim.refuters, *claim.disputers)]


@pytest.mark.parametrize("answer", [
    "The ministry said it cannot agree with the report.",
    "The ministry said the reports misrepresent the facts.",
])  # fmt: skip
def test_claims_disagreeing_and_distorting(extract: Extract, answer: str) -> None:
    claim = only(extract("Kyodo reported that the plant had closed. " + answer))
    assert claim.standing == "refuted" and [p.text for p in claim.refuters] == ["ministry"]


def test_claims_a_verdict_said_of_the_reports_is_no_claim(extract: Extract) -> None:
    claim = only(extract("Media reports said that the navy had entered the strait. The "
                         "ministry spokesperson said the reports were groundless."))
    assert claim.gist == "the navy had entered the strait" and claim.standing == "refuted"


def test_claims_an_answer_to_someones_claim_joins_what_they_said(extract: Extract) -> None:
    claim = only(extract("Seoul said that Tokyo had broken its promise. The Japanese "
                         "government replied that it cannot agree with the ROK's claim."))
    assert claim.gist == "Tokyo had broken its promise"
    assert claim.standing == "disputed" and claim.disputers[0].code.startswith("JPN")


def test_claims_gist_keeps_coordinated_subjects(extract: Extract) -> None:
    claim = only(extract("The spokesman said Sudan and Chad are working together on the "
                         "border."))
    assert claim.gist == "Sudan and Chad are working"


# (sentence, gist, claimant code or words)
CONCERNS = [
    ("The Secretary-General is deeply concerned that fighting has displaced thousands of "
     "civilians.", "fighting has displaced thousands", "IGO"),
    ("The ministry was alarmed that troops had crossed the border.",
     "troops had crossed the border", "---GOV"),
    ("Kenya regrets that the talks have collapsed.", "the talks have collapsed", "KEN"),
    ("The envoy expressed concern that militias had attacked aid convoys.",
     "militias had attacked aid convoys", "---GOV"),
    ("The minister deplored that the police had beaten protesters.",
     "the police had beaten protesters", "---GOV"),
    ("“We are concerned that the army has shelled the town,” the Canadian foreign minister "
     "said.", "the army has shelled the town", "CAN"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "gist", "code"), CONCERNS)
def test_claims_concern_and_regret_assert_their_clause(extract: Extract, text: str, gist: str,
                                                       code: str) -> None:  # fmt: skip
    claim = only(extract(text))
    assert claim.gist == gist and claim.standing == "asserted"
    (claimant,) = claim.claimants
    assert claimant.code.startswith(code)


@pytest.mark.parametrize("text", [
    "The council remains worried that the ceasefire could collapse.",
    "The council is concerned that the ceasefire could collapse.",
    "Japan is not concerned that the vessels entered the strait.",
    "Analysts are concerned about the economy.",
    "The minister regrets the decision to close the office.",
    "We are concerned that we have not been consulted.",
])  # fmt: skip
def test_claims_concern_about_forecasts_or_no_clause_is_no_claim(extract: Extract,
                                                                  text: str) -> None:  # fmt: skip
    assert extract(text).claims == ()


# (sentence, words of the claim, claimant code)
CONCERN_ACTS = [
    ("The minister is deeply concerned by the detention of opposition activists and the use "
     "of force against demonstrators.",
     "detention of opposition activists and the use of force against demonstrators", "---GOV"),
    ("The UN Secretary-General is alarmed at the killing of aid workers in the east.",
     "killing of aid workers in the east", "IGO"),
    ("The envoy expressed concern about the shelling of residential areas.",
     "shelling of residential areas", "---GOV"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "words", "code"), CONCERN_ACTS)
def test_claims_acts_a_holder_is_concerned_by_took_place(
        extract: Extract, text: str, words: str, code: str) -> None:  # fmt: skip
    claim = only(extract(text))
    assert claim.text == words and claim.standing == "asserted"
    assert [p.code[:len(code)] for p in claim.claimants] == [code]


@pytest.mark.parametrize("text", [
    "The council is concerned about the possible use of force against protesters.",
    "The minister is concerned about the economy.",
    "Analysts are worried about violence.",
    "The ministry is not concerned by the arrest of the journalist.",
])  # fmt: skip
def test_claims_concern_about_no_act_or_a_possible_one_is_no_claim(extract: Extract,
                                                                   text: str) -> None:  # fmt: skip
    assert extract(text).claims == ()


def test_claims_deploring_a_recognition_makes_no_second_claim(extract: Extract) -> None:
    claim = only(extract("Japan deplores that Russia has recognized the independence of the "
                         "region."))
    assert claim.standing == "disputed"


# (sentence, gist, claimant words)
RELATIVE_REPORTS = [
    ("Troops surrounded the home of the editor, who reports say was detained last week.",
     "the editor was detained", "reports"),
    ("The army denied holding the activist, who sources say has been taken to a military "
     "camp.", "the activist has been taken", "sources"),
    ("Talks with opposition leader Kem Sokha, who local media reported had been freed, "
     "are planned.", "opposition leader Kem Sokha had been freed", "local media"),
    ("The bill, which critics say violates the constitution, passed on Monday.",
     "The bill violates the constitution", "critics"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "gist", "claimant"), RELATIVE_REPORTS)
def test_claims_reports_in_a_relative_clause(extract: Extract, text: str, gist: str,
                                             claimant: str) -> None:  # fmt: skip
    claim = only(extract(text))
    assert claim.gist == gist and claim.standing == "asserted"
    assert [p.text for p in claim.claimants] == [claimant]


@pytest.mark.parametrize("text", [
    "They met the general, who officials say will resign next week.",
    "The rebels freed the pilot, who was captured in May.",
    "Police questioned the driver, who witnesses say did not stop.",
])  # fmt: skip
def test_claims_relative_clauses_without_a_stated_fact_are_no_claims(
        extract: Extract, text: str) -> None:  # fmt: skip
    assert extract(text).claims == ()


BELIEVED = ("The Government has imposed visa bans on officials believed to be responsible for "
            "the killings.")


def test_claims_unattributed_belief_is_the_issuing_office_s(extract: Extract) -> None:
    claim = only(extract(f"Visa Bans on Abusers\n\nMinistry of Foreign Affairs of Canada\n\n"
                         f"Ottawa\n\n{BELIEVED}"))
    assert [p.code for p in claim.claimants] == ["CANGOV"]


def test_claims_unattributed_belief_is_the_given_speaker_s(extractor: KnowledgeExtractor) -> None:
    document = Document(id="doc", text=f"Visa Bans on Abusers\n\n{BELIEVED}", date=DAY,
                        speaker="Ministry of Foreign Affairs of Japan")
    parsed = next(parse_documents([document], nlp=extractor.nlp))
    claim = only(extractor.extract(parsed))
    assert [p.code[:3] for p in claim.claimants] == ["JPN"]


@pytest.mark.parametrize("text", [
    f"Bombings Kill Dozens\n\nBy John Smith\n\nNairobi\n\n{BELIEVED}",  # a byline, a place
    f"New Sanctions\n\nReuters\n\n{BELIEVED}",  # the media
    f"Sanctions on Militia Leaders\n\n{BELIEVED}\n\nU.S. Department of State",  # not a header
])  # fmt: skip
def test_claims_unattributed_belief_stays_unnamed_without_an_issuer(
        extract: Extract, text: str) -> None:  # fmt: skip
    claim = only(extract(text))
    assert [p.text for p in claim.claimants] == ["unnamed"]


@pytest.mark.parametrize(("answer", "maker"), [
    ('"The Eritrean accusation is false," the spokesman said.', "ERI"),
    ("Eritrea's allegations are untrue, the spokesman said.", "ERI"),
])  # fmt: skip
def test_claims_an_answer_names_who_made_the_accusation(extract: Extract, answer: str,
                                                        maker: str) -> None:  # fmt: skip
    claim = only(extract("Ethiopia denied accusations that its army had shelled border "
                         "villages. " + answer))
    assert [p.code for p in claim.claimants] == [maker]
    assert claim.standing == "disputed" and [p.code for p in claim.disputers] == ["ETH"]


def test_claims_an_answer_naming_no_maker_keeps_the_accusations(extract: Extract) -> None:
    claim = only(extract("Ethiopia denied accusations that its army had shelled border "
                         'villages. "The accusation is false," the spokesman said.'))
    assert [p.text for p in claim.claimants] == ["accusations"]


@pytest.mark.parametrize(("text", "standing"), [
    ("Japan claims that the islands belong to Japan. South Korea rejected the claim.",
     "disputed"),
    ("Russia claimed that Ukrainian forces had shelled the town. The United States rejected "
     "the claim.", "disputed"),
    # an organisation's rejection, and the claimant's own side taking it back, refute it
    ("Russia claimed that Ukrainian forces had shelled the town. The United Nations rejected "
     "the claim.", "refuted"),
    ("Russia claimed that Ukrainian forces had shelled the town. Russian officials later "
     "denied the claim.", "refuted"),
])  # fmt: skip
def test_claims_one_state_rejecting_another_s_claim_disputes_it(extract: Extract, text: str,
                                                                standing: str) -> None:  # fmt: skip
    assert only(extract(text)).standing == standing


@pytest.mark.parametrize("text", [
    "Egypt's foreign ministry said there was no truth to it, dismissing a BBC report that "
    "Egyptian jets had struck targets in Libya.",
    "The Turkish defence ministry said there was no truth in them, rejecting reports that "
    "Turkish troops had entered Syria.",
])
def test_claims_a_participle_answer_is_the_speaker_s(extract: Extract, text: str) -> None:
    claim = only(extract(text))
    answerers = [s.party.code for s in claim.stances if s.role in ("disputer", "refuter")]
    assert answerers and answerers[0][:3] in ("EGY", "TUR"), claim.stances


@pytest.mark.parametrize("verdict", ["a fabrication", "lies", "a hoax", "disinformation"])
def test_claims_called_a_fabrication_answers_the_claim(extract: Extract, verdict: str) -> None:
    kb = extract("Kenya accused Somalia of sheltering the gunmen. Somalia's foreign ministry "
                 f"said the accusations were {verdict}.")
    claim = only(kb)
    assert claim.standing == "disputed"
    assert [s.party.code[:3] for s in claim.stances if s.role == "disputer"] == ["SOM"]


@pytest.mark.parametrize(("text", "code"), [
    ("The Kenyan defence minister was quoted as saying that the troops had left Kismayo.",
     "KEN"),
    ("Ankara acknowledged that its jets had crossed into Greek airspace.", "TUR"),
    ("The Chilean navy admitted that its patrol boat had fired on the trawler.", "CHL"),
])
def test_claims_quoted_and_admitted_facts_are_the_speaker_s(extract: Extract, text: str,
                                                             code: str) -> None:
    claim = only(extract(text))
    assert [s.party.code[:3] for s in claim.stances if s.role == "claimant"] == [code]


def test_claims_a_release_s_own_verdict_on_a_claim_is_its_issuer_s(extract: Extract) -> None:
    release = "Statement by the Ministry of Foreign Affairs of Georgia\n\n"
    claim = only(extract(release + "Moscow's claims that Georgia is hiding weapons in Abkhazia "
                                   "are groundless."))
    assert claim.standing == "disputed"
    assert [(s.role, s.party.code) for s in claim.stances] == [
        ("claimant", "RUS"), ("disputer", "GEOGOV")]
    news = "Tbilisi, May 4\n\n"  # a report's own verdict is nobody's answer
    claim = only(extract(news + "Moscow's claims that Georgia is hiding weapons in Abkhazia "
                                "are groundless."))
    assert [s.role for s in claim.stances] == ["claimant"]


def test_claims_an_accusation_whose_of_the_parser_hangs_on_the_accused(
        extract: Extract) -> None:
    claim = only(extract("Norway accused Russian agents of planning sabotage on its territory."))
    assert [(s.role, s.party.code) for s in claim.stances] == [("claimant", "NOR")]
    assert claim.gist.startswith("Russian agents planning sabotage")


def test_claims_denying_the_act_answers_the_claim_of_it(extract: Extract) -> None:
    claim = only(extract("Seoul accused Pyongyang of violating the armistice. Pyongyang denied "
                         "any violations."))
    assert claim.standing == "disputed" and [s.role for s in claim.stances] == [
        "claimant", "disputer"]
    kb = extract("Seoul accused Pyongyang of violating the armistice. Pyongyang denied any "
                 "involvement in the cyberattack.")  # another act: no answer to this claim
    violation = next(c for c in kb.claims if c.predicate == "violate")
    assert violation.standing == "asserted"


def test_claims_the_speaker_s_own_feelings_are_no_claim(extract: Extract) -> None:
    assert extract("Oslo said it regretted the decision.").claims == ()


def test_claims_a_charge_rejected_answers_the_accusation_not_a_feeling(
        extract: Extract) -> None:
    kb = extract("Sudan ordered four U.N. officials to leave, accusing them of spying for "
                 "rebels. The U.N. Secretary-General said he was dismayed and rejected the "
                 "charge.")
    claim = only(kb)
    assert claim.predicate == "spy" and claim.standing in ("refuted", "disputed")
