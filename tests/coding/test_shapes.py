"""Sentence shapes the coder must handle, checked at country + root level.

Each row states what a user of event data expects from a realistic news sentence: `source[:3]`,
`target[:3]` and the CAMEO root ("11|14" allows either, "*" anything). Cases the coder gets
wrong are strict xfails that give the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from dyad.coding.coder import CodedDocument
from dyad.record import EventRecord

CodeText = Callable[..., list[EventRecord]]
CodeDocument = Callable[..., CodedDocument]


def xf(reason: str, *values: object) -> object:
    return pytest.param(*values, marks=pytest.mark.xfail(reason=reason, strict=True))


def _fits(value: str, wanted: str) -> bool:
    return wanted == "*" or value in wanted.split("|")


def matching(events: list[EventRecord], src: str, tgt: str, roots: str) -> list[EventRecord]:
    return [e for e in events
            if _fits(e.source[:3], src) and _fits(e.target[:3], tgt) and _fits(e.root, roots)]


def show(events: list[EventRecord]) -> str:
    return "; ".join(f"{e.source}->{e.target} {e.code} mode={e.mode!r} date={e.date} "
                     f"({e.date_text!r}) attr={e.attribution!r}" for e in events) or "no events"


# ------------------------------------------------------------ one expected event per sentence

SIMPLE = [
    # active transitive; capitals, demonyms, possessives and curly apostrophes/quotes
    ("France condemned Iran's missile test.", "FRA", "IRN", "11"),
    ("Beijing criticized Washington's new tariffs on Chinese steel.", "CHN", "USA", "11"),
    ("The Kremlin accused Ukraine of shelling a nuclear power plant.", "RUS", "UKR", "11"),
    ("Iranian forces seized a British oil tanker in the Strait of Hormuz.", "IRN", "GBR", "17"),
    ("Ankara accused Athens of violating its airspace.", "TUR", "GRC", "11"),
    ("Lithuania\u2019s president condemned Belarus\u2019s \u201chybrid attack\u201d on the border.",
     "LTU", "BLR", "11"),
    ("Germany\u2019s chancellor met Poland\u2019s president in Warsaw.", "DEU", "POL", "04"),
    ("The U.S. State Department criticized Beijing.", "USA", "CHN", "11"),
    ("Hezbollah fired rockets at northern Israel.", "LBN", "ISR", "19"),
    ("South Africa filed a genocide case against Israel at the International Court of Justice.",
     "ZAF", "ISR", "11"),
    ("A Russian court sentenced an American journalist to 16 years in prison.", "RUS", "USA", "17"),
    ("The Dutch government froze the assets of a Russian bank.", "NLD", "RUS", "16"),
    ("Mexico broke off diplomatic relations with Ecuador.", "MEX", "ECU", "16"),
    ("Ecuadorian police stormed the Mexican embassy in Quito.", "ECU", "MEX", "19|17"),
    ("France threatened to impose sanctions on Mali.", "FRA", "MLI", "13"),
    ("China\u2019s foreign ministry called Washington\u2019s arms sales to Taiwan "
       "\u201ca serious provocation\u201d.", "CHN", "USA", "11"),
    xf("ACCUSE pattern (OF &CRIME) gives 173 (arrest/charge): a verbal accusation is root 11",
       "Recep Tayyip Erdogan accused Israel of war crimes.", "TUR", "ISR", "11"),
    ("Syrian rebels attacked government forces in Idlib.", "SYR", "SYR", "19|18"),
    ("Somalia expelled Ethiopia's ambassador.", "SOM", "ETH", "16"),
    ("The Houthis attacked a Greek ship in the Red Sea.", "YEM", "GRC", "19"),
    xf("parser hangs 'protested' as acl of the root noun 'activists': no source, no event",
       "Greenpeace activists protested against Norway's oil drilling.", "NGO", "NOR", "14|11"),
    ("Vietnam protested against China's actions at sea.", "VNM", "CHN", "11|14"),
    ("Egypt urged Israel to accept a ceasefire.", "EGY", "ISR", "02|10"),
    # passive with a by-agent; nominal and participle events
    ("Two Russian diplomats were expelled by Poland.", "POL", "RUS", "16"),
    # summoning an ambassador is a diplomatic protest (dev conventions: 11, 14 accepted)
    ("The Iranian ambassador was summoned by the German foreign ministry.", "DEU", "IRN",
     "11|14"),
    ("Three Chinese fishing boats were seized by the Indonesian navy.", "IDN", "CHN", "17"),
    ("Sanctions were imposed on North Korea by the United Nations.", "IGO", "PRK", "16"),
    ("The sanctions imposed by the EU against Belarus took effect.", "IGO", "BLR", "16"),
    ("The air strikes carried out by Israel against Hezbollah killed several fighters.",
     "ISR", "LBN", "19"),
    ("Brazil's decision to expel Nicaraguan diplomats surprised observers.", "BRA", "NIC", "16"),
    ("Poland's decision to close its border with Belarus drew criticism.", "POL", "BLR", "16|17"),
    ("Germany's decision to suspend arms exports to Saudi Arabia angered Riyadh.",
     "DEU", "SAU", "16"),
    ("Military aid sent by Washington to Kyiv arrived on Friday.", "USA", "UKR", "06|07"),
    ("Aid pledged by Japan to the Philippines will fund new coast guard ships.",
     "JPN", "PHL", "03|07"),
    xf("passive subject 'talks between Sudan and South Sudan': its nested pobjs are not targets",
       "The talks between Sudan and South Sudan were mediated by Ethiopia.", "ETH", "SDN", "04"),
    ("The ceasefire proposed by Egypt was rejected by Hamas.", "PSE", "EGY", "12"),
    xf("object 'police officers' (---COP) is taken as target instead of 'to Haiti'",
       "Kenya sent police officers to Haiti.", "KEN", "HTI", "15|07"),
    ("Chile recalled its ambassador to Israel.", "CHL", "ISR", "16"),
    # coordinated verbs sharing a subject; participles borrowing the subject
    ("Canada recalled its ambassador and suspended talks with India.", "CAN", "IND", "16"),
    ("China expelled a Philippine diplomat and warned Manila against provocations.",
     "CHN", "PHL", "13"),
    ("Algeria recalled its ambassador from France, accusing Paris of colonial arrogance.",
     "DZA", "FRA", "11"),
    ("Niger expelled French troops, accusing Paris of interference.", "NER", "FRA", "11"),
    ("Iran seized a tanker in the Gulf, defying the United States.", "IRN", "USA", "12"),
    ("The Saudi government hosted Sudanese negotiators, offering mediation.", "SAU", "SDN", "03"),
    ("Russia invaded Ukraine, violating international law.", "RUS", "UKR", "19"),
]


@pytest.mark.parametrize(("sentence", "src", "tgt", "roots"), SIMPLE)
def test_event_is_coded(code_text: CodeText, sentence: str, src: str, tgt: str,
                        roots: str) -> None:
    events = code_text(sentence)
    assert matching(events, src, tgt, roots), show(events)


# ------------------------------------------------------------ agents combine with countries

AGENTS = [
    ("The Turkish foreign minister met his Greek counterpart in Athens.", "TURGOV", "GRC", "04"),
    ("Moscow\u2019s envoy criticized NATO\u2019s expansion.", "RUSGOV", "IGO", "11"),
    ("A British court convicted two Iranian nationals of spying.", "GBRJUD", "IRN", "17"),
    ("Pakistani police arrested dozens of protesters in Lahore.", "PAKCOP", "*", "17"),
    ("The Chinese ambassador to Australia criticized Canberra.", "CHNGOV", "AUS", "11"),
    ("Egyptian President Abdel Fattah al-Sisi hosted Israeli Prime Minister Benjamin Netanyahu "
     "in Cairo.", "EGYGOV", "ISR", "04"),
    ("Emmanuel Macron met Olaf Scholz in Berlin.", "FRAGOV", "DEU", "04"),
    ("Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Seoul.",
     "JPNGOV", "KOR", "04"),
    ("Iran\u2019s supreme leader praised Hamas.", "IRNGOV", "PSE", "05"),
    ("Narendra Modi visited Moscow.", "INDGOV", "RUS", "04"),
]


@pytest.mark.parametrize(("sentence", "source", "tgt", "roots"), AGENTS)
def test_agent_and_country_compose(code_text: CodeText, sentence: str, source: str, tgt: str,
                                   roots: str) -> None:
    events = code_text(sentence)
    assert [e for e in matching(events, source[:3], tgt, roots) if e.source == source], \
        show(events)


# ------------------------------------------------------------ compound actors: every pair

PAIRS = [
    ("France and Germany condemned the coup in Niger.", {("FRA", "NER"), ("DEU", "NER")}, "11"),
    ("India criticized China and Pakistan over the border clashes.",
     {("IND", "CHN"), ("IND", "PAK")}, "11"),
    ("Britain, France and Germany condemned Iran.",
     {("GBR", "IRN"), ("FRA", "IRN"), ("DEU", "IRN")}, "11"),
    ("Moscow and Beijing criticized the United States and Britain.",
     {("RUS", "USA"), ("RUS", "GBR"), ("CHN", "USA"), ("CHN", "GBR")}, "11"),
    ("Turkey and Qatar sent aid to Syria and Lebanon.",
     {("TUR", "SYR"), ("TUR", "LBN"), ("QAT", "SYR"), ("QAT", "LBN")}, "07"),
    ("Kenya hosted talks between Ethiopia and Eritrea.", {("KEN", "ETH"), ("KEN", "ERI")},
     "03|04"),
    ("Ethiopia and Eritrea signed a peace agreement.", {("ETH", "ERI"), ("ERI", "ETH")}, "05"),
    xf("'Chinese and Russian navies' is read as one actor CHNMIL; no target, nothing coded",
       "The Chinese and Russian navies held joint exercises.",
       {("CHN", "RUS"), ("RUS", "CHN")}, "06"),
]


@pytest.mark.parametrize(("sentence", "pairs", "roots"), PAIRS)
def test_compound_actors_expand_to_every_pair(code_text: CodeText, sentence: str,
                                              pairs: set[tuple[str, str]], roots: str) -> None:
    events = code_text(sentence)
    found = {(src, tgt) for src, tgt in pairs if matching(events, src, tgt, roots)}
    assert found == pairs, show(events)


# ------------------------------------------------------------ no event: negation, modals, denial

ABSENT = [
    ("Hungary did not veto the new sanctions against Russia.", "HUN", "RUS", "*"),
    ("Mexico has not recalled its ambassador from Ecuador.", "MEX", "ECU", "*"),
    ("The leaders of China and India never met during the summit.", "*", "*", "04"),
    ("Israel will not attend the talks in Cairo.", "ISR", "EGY", "*"),
    ("The United States could impose sanctions on Venezuela.", "USA", "VEN", "*"),
    ("Britain might expel Russian diplomats.", "GBR", "RUS", "*"),
    ("Turkey denied reports that it had closed its embassy in Sweden.", "*", "*", "16"),
    ("Egypt denied that it had sent weapons to Sudan.", "*", "SDN", "07|06"),
    ("The Pentagon rejected claims that American troops had attacked Syrian forces.",
     "*", "*", "19"),
    ("Washington will lift sanctions on Caracas if Venezuela holds free elections.",
     "VEN", "*", "*"),
    ("Japan no longer imports oil from Iran.", "JPN", "IRN", "06"),
    ("Serbia refused to recognize Kosovo.", "SRB", "KSV", "05"),
    ("Greece declined to condemn Turkey.", "GRC", "TUR", "11"),
    ("North Korea fired two ballistic missiles into the sea, prompting condemnation from Japan.",
     "PRK", "JPN", "19"),
    xf("'provided that' is not a condition: the condition is coded as a fact, MAR->---MED 084 "
       "(and 'provided' itself gives GHA->MAR 060)",
       "Ghana will restore diplomatic relations with Morocco provided that Rabat releases the "
       "detained journalists.", "MAR", "*", "08"),
    xf("'threat to block' is coded as a completed block: TUR->SWE 170 (and 'bid' gives 100)",
       "Turkey\u2019s threat to block Sweden\u2019s NATO bid angered Stockholm.",
       "TUR", "SWE", "17|10"),
    ("Poland plans to expel Belarusian diplomats.", "POL", "BLR", "03"),
    ("Iran is considering expelling UN inspectors.", "IRN", "IGO", "04"),
    ("Israel is ready to resume negotiations with Hamas.", "PSE", "ISR", "*"),
    xf("symmetric [193:193] of '&WEAPON * ' makes Kyiv strike Russia back (UKR->RUS 193)",
       "Russian missiles struck Kyiv last night.", "UKR", "RUS", "*"),
]


@pytest.mark.parametrize(("sentence", "src", "tgt", "roots"), ABSENT)
def test_no_event(code_text: CodeText, sentence: str, src: str, tgt: str, roots: str) -> None:
    events = code_text(sentence)
    assert not matching(events, src, tgt, roots), show(events)


# ------------------------------------------------------------ intentions and conditions

MODES = [
    ("Poland plans to expel Belarusian diplomats.", "POL", "BLR", "13", "intend"),
    ("Iran vowed to retaliate against Israel.", "IRN", "ISR", "13", "intend"),
    ("Japan pledged to provide economic aid to Ukraine.", "JPN", "UKR", "03", "intend"),
    ("Israel is ready to resume negotiations with Hamas.", "ISR", "PSE", "03", "intend"),
    ("The World Bank will resume aid to Ethiopia if the government ends the conflict.",
     "IGO", "ETH", "07", "conditional"),
    ("Washington will lift sanctions on Caracas if Venezuela holds free elections.",
     "USA", "VEN", "03|08", "conditional"),
    ("The EU will impose new sanctions on Iran unless Tehran stops supplying drones to Russia.",
     "IGO", "IRN", "13|16", "conditional"),
    ("Russia will retaliate if NATO deploys troops in Ukraine.", "RUS", "IGO", "13|19",
     "conditional"),
    xf("'provided that' is not read as a condition: GHA->MAR 050 with mode ''",
       "Ghana will restore diplomatic relations with Morocco provided that Rabat releases the "
       "detained journalists.", "GHA", "MAR", "05", "conditional"),
    ("Germany said it would send more weapons to Ukraine.", "DEU", "UKR", "03", "intend"),
    ("Turkey\u2019s threat to block Sweden\u2019s NATO bid angered Stockholm.",
     "TUR", "SWE", "13", "intend"),
]


@pytest.mark.parametrize(("sentence", "src", "tgt", "roots", "mode"), MODES)
def test_mode(code_text: CodeText, sentence: str, src: str, tgt: str, roots: str,
              mode: str) -> None:
    events = code_text(sentence)
    assert [e for e in matching(events, src, tgt, roots) if e.mode == mode], show(events)


# ------------------------------------------------------------ dates against 2024-07-02 (Tue)

TUE = date(2024, 7, 2)
DATES = [
    ("Washington imposed new sanctions on Moscow on Monday.", TUE, "USA", "RUS",
     "2024-07-01", "monday"),
    ("The European Union imposed sanctions on Belarus last week.", TUE, "IGO", "BLR",
     "2024-06-25", "last week"),
    ("Kenya sent humanitarian aid to Somalia yesterday.", TUE, "KEN", "SOM", "2024-07-01",
     "yesterday"),
    ("Qatar hosted Hamas leaders on June 14.", TUE, "QAT", "PSE", "2024-06-14", "june 14"),
    ("The Swiss foreign ministry summoned the Chinese ambassador last Thursday.", TUE,
     "CHE", "CHN", "2024-06-27", "last thursday"),
    ("Japan criticized China's military drills two days ago.", TUE, "JPN", "CHN", "2024-06-30",
     "two days ago"),
    ("Morocco restored diplomatic relations with Iran in March.", TUE, "MAR", "IRN",
     "2024-03-01", "march"),
    ("Russia expelled two Polish diplomats on Friday.", date(2024, 1, 15), "RUS", "POL",
     "2024-01-12", "friday"),
    ("South Korea protested to Japan on Monday, demanding an apology.", TUE, "KOR", "JPN",
     "2024-07-01", "monday"),
    ("Norway recognized Palestine as a state.", date(2024, 5, 28), "NOR", "PSE", "2024-05-28",
     ""),
    ("Egypt signed a gas deal with Israel in 2003.", TUE, "EGY", "ISR", "2003-01-01", "2003"),
    ("Russian missiles struck Kyiv last night.", TUE, "RUS", "UKR", "2024-07-01", "last night"),
    ("Iraq condemned the Turkish strikes this morning.", TUE, "IRQ", "TUR", "2024-07-02",
     "this morning"),
]


@pytest.mark.parametrize(("sentence", "day", "src", "tgt", "iso", "words"), DATES)
def test_event_date(code_text: CodeText, sentence: str, day: date, src: str, tgt: str,
                    iso: str, words: str) -> None:
    events = matching(code_text(sentence, day), src, tgt, "*")
    assert events, "event not coded"
    assert {(e.date, e.date_text.lower().removeprefix("on ")) for e in events} == {(iso, words)}, \
        show(events)


# ------------------------------------------------------------ reporting frames -> attribution

ATTRIBUTION = [
    ("Iran attacked an Israeli ship, state media reported.", "IRN", "ISR", "19", "state media"),
    ("Russian troops shelled Kharkiv, according to Reuters.", "RUS", "UKR", "19", "Reuters"),
    ("Israel bombed Lebanon, the Israeli military said.", "ISR", "LBN", "19", "Israeli military"),
    ("Armenia accused Azerbaijan of shelling border villages, the defence ministry said.",
     "ARM", "AZE", "11", "defence ministry"),
    ("Ukraine's military said Russian forces had shelled Kharkiv.", "RUS", "UKR", "19",
     "Ukraine's military"),
    ("Pakistan launched air strikes inside Iran, according to officials in Islamabad.",
     "PAK", "IRN", "19", "officials"),
    ("According to the state news agency, Egypt signed a gas agreement with Israel.",
     "EGY", "ISR", "05", "state news agency"),
    ("Israel bombed targets in Lebanon.", "ISR", "LBN", "19", ""),  # the document's own voice
    ("\u201cWe strongly condemn Russia\u2019s aggression,\u201d Poland\u2019s foreign minister "
       "said.", "POL", "RUS", "11", "foreign minister"),
]


@pytest.mark.parametrize(("sentence", "src", "tgt", "roots", "who"), ATTRIBUTION)
def test_attribution(code_text: CodeText, sentence: str, src: str, tgt: str, roots: str,
                     who: str) -> None:
    events = matching(code_text(sentence), src, tgt, roots)
    assert events, "event not coded"
    assert all(who in e.attribution if who else e.attribution == "" for e in events), show(events)


# ------------------------------------------------------------ pronouns and anaphora in a document

DOCUMENTS = [
    ("Germany condemned the coup in Niger. It also suspended development aid to Niger.",
     1, "DEU", "NER", "16"),
    ("Saudi Arabia hosted peace talks on Sudan. It also pledged humanitarian aid to Sudan.",
     1, "SAU", "SDN", "03"),
    ("The Philippine foreign minister visited Tokyo on Monday. He signed a defence agreement "
     "with Japan.", 1, "PHL", "JPN", "05|06"),
    ("Chinese President Xi Jinping arrived in Paris on Sunday. He met French President "
     "Emmanuel Macron.", 1, "CHN", "FRA", "04"),
    ("Estonia and Latvia expelled Russian diplomats. They accused Moscow of espionage.",
     1, "LVA", "RUS", "11"),
    ("Germany condemned the coup in Niger. It also suspended development aid to the country.",
       1, "DEU", "NER", "16"),
    xf("'the attack' is not resolved to the attack reported before (Israel's): no target",
       "Israel struck Hamas positions in Rafah. Egypt condemned the attack.",
       1, "EGY", "ISR", "11"),
    xf("'the tariffs' remember only actors inside the phrase (CHN), not their author (EU)",
       "The European Commission proposed new tariffs on Chinese electric vehicles. Beijing "
       "criticized the tariffs.", 1, "CHN", "IGO", "11"),
    ("The Israeli army said its troops killed five Palestinian militants in Jenin.",
       0, "ISR", "PSE", "19|18"),
]


@pytest.mark.parametrize(("text", "sentence_id", "src", "tgt", "roots"), DOCUMENTS)
def test_pronouns_resolve_in_document(code_document: CodeDocument, text: str, sentence_id: int,
                                      src: str, tgt: str, roots: str) -> None:
    coded = code_document(text)
    events = [e for e in coded.events if e.sentence_id == sentence_id]
    assert matching(events, src, tgt, roots), show(coded.events)


# ------------------------------------------------------------ discards and unknown entities

DISCARDS = [
    "Manchester United beat Chelsea 2-1 on Saturday.",
    "Brazil defeated Argentina in the World Cup qualifier.",
    ("The Iranian soccer team beat Argentina on Sunday."),
]


@pytest.mark.parametrize("sentence", DISCARDS)
def test_sports_sentences_are_not_coded(code_document: CodeDocument, sentence: str) -> None:
    coded = code_document(sentence)
    assert coded.events == [], show(coded.events)
    assert all(s.discarded for s in coded.sentences)


def test_sentence_discard_leaves_other_sentences(code_document: CodeDocument) -> None:
    coded = code_document("Iran recalled its ambassador from Argentina. The soccer match in "
                          "Buenos Aires ended in a goalless draw.")
    assert matching(coded.events, "IRN", "ARG", "16"), show(coded.events)
    assert [bool(s.discarded) for s in coded.sentences] == [False, True]


@pytest.mark.parametrize(("sentence", "src", "tgt", "root", "words"), [
    ("Foreign Minister Zorvik Tallan criticized Iran.", "", "IRN", "11", "Zorvik Tallan"),
    ("Russian forces shelled Zarnovka overnight.", "RUS", "", "19", "Zarnovka"),
])
def test_unknown_entities_keep_their_text(code_text: CodeText, sentence: str, src: str,
                                          tgt: str, root: str, words: str) -> None:
    events = code_text(sentence)
    assert [e for e in matching(events, src, tgt, root)
            if words in e.source_text + e.target_text and "" in (e.source, e.target)], show(events)
