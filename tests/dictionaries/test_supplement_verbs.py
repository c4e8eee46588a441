"""The maintained verb supplement (dyad.verbs.txt): vocabulary the CAMEO dictionary lacks.

Each class of sentences (summoning an ambassador, persona non grata, lifting or reimposing
sanctions, reinforcing forces, refusing to meet, returning to talks, leaving, ending or
extending a treaty, pledges of aid, condolences and congratulations sent) is checked on
several sentence shapes written for this test, at `source[:3]`, `target[:3]` and code level,
and on the frames that must stay uncoded (negated, denied, hypothetical, planned).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from dyad.coding.coder import CodedDocument
from dyad.dictionaries.check import check_dictionary
from dyad.dictionaries.verbs import parse_verbs
from dyad.record import EventRecord
from tests.dictionaries.conftest import SHIPPED

CodeText = Callable[..., list[EventRecord]]
CodeDocument = Callable[..., CodedDocument]
SUPPLEMENT = SHIPPED / "dyad.verbs.txt"


def show(events: list[EventRecord]) -> str:
    return "; ".join(f"{e.source}->{e.target} {e.code} mode={e.mode!r} ({e.trigger})"
                     for e in events) or "no events"


def _fits(value: str, wanted: str) -> bool:
    return any(value.startswith(w) for w in wanted.split("|"))


# ------------------------------------------------------------ the file itself


def test_supplement_reads_strictly() -> None:
    report = check_dictionary(SUPPLEMENT)
    assert report.kind == "verbs" and not report.problems


def test_no_verb_form_listed_twice() -> None:
    """P2 keeps the first listing of a form file-wide: a second block's verb would be dead."""
    lines = SUPPLEMENT.read_text(encoding="utf-8").splitlines()
    start = lines.index("####### VERB PATTERNS #######")
    forms: Counter[str] = Counter()
    for line in lines[start + 1:]:
        text = line.split("#", 1)[0].strip()
        if not text or text.startswith(("-", "&", "~")):
            continue  # blank, comment, block header, pattern, synset, transformation
        forms[text.split("{")[0].split("[")[0].split()[0]] += 1
    assert [w for w, n in forms.items() if n > 1] == []


def test_supplement_parses_every_pattern() -> None:
    parsed = parse_verbs(SUPPLEMENT)
    assert not parsed.problems
    assert parsed.value.skipped_patterns == 0


# ------------------------------------------------------------ coded classes

CODED = [
    # summoning or convoking an ambassador: a formal protest (114); the envoy's country is hit
    ("The Turkish foreign ministry summoned the Swedish ambassador on Monday.", "TUR", "SWE",
     "114"),
    ("Beijing summoned Canada's envoy over the arrest of a Chinese executive.", "CHN", "CAN",
     "114"),
    ("Algeria convoked the French ambassador after the remarks.", "DZA", "FRA", "114"),
    ("Lithuania's foreign ministry summoned Belarus's charge d'affaires.", "LTU", "BLR", "114"),
    ("The Danish ambassador was summoned by the Iranian foreign ministry.", "IRN", "DNK", "114"),
    # persona non grata: the expulsion of a diplomat (161)
    ("Latvia declared a Russian diplomat persona non grata.", "LVA", "RUS", "161"),
    ("Moldova declared the Russian consul persona non grata on Friday.", "MDA", "RUS", "161"),
    # lifting sanctions, embargoes and emergency rule (08x)
    ("The European Union lifted its sanctions against Belarus.", "IGO", "BLR", "085"),
    ("Canada lifted the arms embargo on Colombia.", "CAN", "COL", "085"),
    ("Washington removed sanctions on Sudan.", "USA", "SDN", "085"),
    # reimposing, restoring or extending sanctions (163)
    ("Washington reimposed sanctions on Venezuela's oil sector.", "USA", "VEN", "163"),
    ("The United States restored sanctions on Iran in November.", "USA", "IRN", "163"),
    ("The European Union renewed sanctions against Russia.", "IGO", "RUS", "163"),
    # reinforcing forces (154)
    ("Russia strengthened its forces near the border with Finland.", "RUS", "FIN", "154"),
    ("China bolstered its troops along the frontier with India.", "CHN", "IND", "154"),
    ("Israel beefed up its forces on the border with Lebanon.", "ISR", "LBN", "154"),
    ("Japan boosted its military presence near Taiwan.", "JPN", "TWN", "15"),
    # refusing to meet or negotiate (125)
    ("The Venezuelan president refused to meet the American envoy.", "VEN", "USA", "125"),
    ("Hamas refused to negotiate with Israel.", "PSE", "ISR", "125"),
    ("The Serbian prime minister declined to meet Kosovo's president.", "SRB", "KSV", "125"),
    # returning to talks (046); an ambassador home for consultations is recalled (161)
    ("Israeli negotiators returned to the negotiating table with the Palestinians.",
     "ISR", "PSE", "046"),
    ("Armenia returned to talks with Azerbaijan.", "ARM", "AZE", "046"),
    ("FARC rebels returned for talks with the Colombian government.", "COL", "COL", "046"),
    # leaving, ending or suspending agreements (160) and talks (164)
    ("Russia pulled out of the grain agreement with Ukraine.", "RUS", "UKR", "160"),
    ("The United States pulled out of the nuclear deal with Iran.", "USA", "IRN", "160"),
    ("Niger quit the defence pact with France.", "NER", "FRA", "160"),
    ("Pakistan walked out of the talks with India.", "PAK", "IND", "164"),
    ("Russia suspended its participation in the arms treaty with the United States.",
     "RUS", "USA", "160"),
    ("Russia revoked its ratification of the treaty with the United States.", "RUS", "USA",
     "160"),
    # extending or renewing an agreement (057)
    ("Moscow extended the arms control treaty with Washington.", "RUS", "USA", "057"),
    ("Spain renewed its fisheries agreement with Morocco.", "ESP", "MAR", "057"),
    # pledges and promises of aid or support (03x)
    ("Germany pledged assistance to Ukraine.", "DEU", "UKR", "033"),
    ("Japan pledged humanitarian assistance to Turkey.", "JPN", "TUR", "0333"),
    ("The United States promised military aid to Taiwan.", "USA", "TWN", "0332"),
    ("Australia vowed support for Papua New Guinea.", "AUS", "PNG", "032"),
    # condolences, sympathy and congratulations (018, 051)
    ("The Indian president sent condolences to Nepal after the earthquake.", "IND", "NPL", "018"),
    ("Putin sent a message of condolence to the Turkish president.", "RUS", "TUR", "018"),
    ("Macron extended his sympathy to Morocco.", "FRA", "MAR", "018"),
    ("The Chinese president sent congratulations to the new Argentine president.",
     "CHN", "ARG", "051"),
    # upgrading ties (050), renewing talks (046), granting asylum (075), force that drives
    # people back (175)
    ("Czechia and Albania upgraded their diplomatic ties to ambassadorial level.", "CZE",
     "ALB", "050"),
    ("Greece upgraded relations with North Macedonia.", "GRC", "MKD", "050"),
    ("Israel renewed negotiations with Syria on Monday.", "ISR", "SYR", "046"),
    ("Peru has granted diplomatic asylum to five Panamanian officers.", "PER", "PAN", "075"),
    ("Uganda granted political asylum to Rwandan rebels.", "UGA", "RWA", "075"),
    ("Turkish police pushed back Syrian refugees at the border.", "TUR", "SYR", "175"),
    ("Kenyan riot police beat back demonstrators in Nairobi.", "KEN", "KEN", "175"),
    # rejecting a plan or an invitation (12x); cutting off supplies or aid (16x)
    ("Ivory Coast rebels rejected a Senegalese peace plan.", "CIV", "SEN", "120"),
    ("Hamas rejected an Egyptian proposal on Monday.", "PSE", "EGY", "120"),
    ("Hamas rejected an invitation to talks with Israel.", "PSE", "ISR", "125"),
    ("Russia cut off gas to Ukraine in January.", "RUS", "UKR", "163"),
    ("Washington cut off aid to the Nicaraguan government.", "USA", "NIC", "1621"),
    # curfews and emergency rule extended or instituted (172x), invasions mounted (190),
    # strikes and rallies organized (14x), roads blocked (144), aid prohibited (1621)
    ("The president extended the night-time curfew in Abidjan.", "CIV", "CIV", "1723"),
    ("Algeria instituted a curfew in Algiers.", "DZA", "DZA", "1723"),
    ("Israel mounted an invasion of South Lebanon.", "ISR", "LBN", "190"),
    ("Opposition parties in Nepal organized a general strike in Kathmandu.", "NPL", "NPL",
     "143"),
    ("Young Algerians blocked roads in the centre of Algiers.", "DZA", "DZA", "144"),
    ("The United States prohibited all aid to the Albanian rebels.", "USA", "ALB", "1621"),
    # aid continued (07x, a promise: 03x), mediation undertaken (045), medicine handed over
    # (073), emergency measures eased (0814), demands accepted (083), commitments reneged on
    # (120), blows delivered (190), a city blockaded (144), detainees beaten up (182)
    ("Britain has promised to continue military aid to Mozambique.", "GBR", "MOZ", "0332"),
    ("Egypt continued its humanitarian aid to Gaza.", "EGY", "PSE", "073"),
    ("The Arab League undertook a mediation mission between Syria and Lebanon.", "IGO",
     "SYR|LBN", "045"),
    ("Swiss doctors handed over medicine to Iranian hospitals.", "CHE", "IRN", "073"),
    ("Serbia eased emergency measures in Montenegro on Wednesday.", "SRB", "MNE", "0814"),
    ("The Mozambique government accepted demands from Mozambican rebels.", "MOZ", "MOZ",
     "083"),
    ("Zambia reneged on its commitment to the IMF.", "ZMB", "IGO", "120"),
    ("Al-Qaeda delivered devastating blows to the United States.", "IMG", "USA", "190"),
    ("French farmers blockaded Paris on Monday.", "FRA", "FRA", "144"),
    ("Israeli soldiers beat up Palestinian detainees with the knowledge of officers.", "ISR",
     "PSE", "182"),
    # inspectors dispatched (090), aid suspended (1621), a city blockaded from a date (144)
    ("The IAEA has dispatched inspectors to facilities in central Iran.", "IGO", "IRN", "090"),
    ("Japan suspended economic aid to Serbia.", "JPN", "SRB", "1621"),
    ("Farmers blockaded Paris from Monday night, French police said.", "FRA", "FRA", "144"),
    # a protest sent or lodged (114)
    ("The Government of Japan sent a protest to North Korea on Monday.", "JPN", "PRK", "114"),
    ("India lodged a formal protest with Pakistan.", "IND", "PAK", "114"),
    # aid delivered on arrival (07x)
    ("The first U.S. cargo planes arrived in Pakistan with supplies for the victims.", "USA",
     "PAK", "070"),
    ("A Turkish ship landed in Gaza with humanitarian aid.", "TUR", "PSE", "073"),
    # already in CAMEO, kept working: grant asylum, welcome, concern, stand ready, urge
    ("Ecuador granted asylum to a Peruvian politician.", "ECU", "PER", "075"),
    ("Germany welcomed the agreement between Serbia and Kosovo.", "DEU", "SRB|KSV", "051"),
    ("China expressed concern over Japan's plan.", "CHN", "JPN", "012"),
    ("Japan voiced concern about North Korea's launch.", "JPN", "PRK", "012"),
    ("France stands ready to assist Lebanon.", "FRA", "LBN", "03"),
    ("Britain urged Iran to free the crew.", "GBR", "IRN", "02"),
    # arson destroys property (1712), as CAMEO's "burned houses" does
    ("Rioters set fire to the offices of Kenya's ruling party.", "", "KEN", "1712"),
    ("Soldiers set ablaze the homes of villagers in Darfur.", "", "SDN", "1712"),
    # exercising with others is military cooperation (062)
    ("Japan conducted a joint exercise with India in the Arabian Sea.", "JPN", "IND", "062"),
    # beating unarmed people is assault (182); negotiating an accord is negotiation (046)
    ("Police beat protesters in Tbilisi.", "GEO", "GEO", "182"),
    ("Ecuador and Peru negotiated a peace agreement.", "ECU|PER", "ECU|PER", "046"),
    # recognising independence is diplomatic recognition (054)
    ("Venezuela recognized the independence of Abkhazia.", "VEN", "GEO", "054"),
    # reducing and downgrading relations (160, 161); sharing intelligence (064)
    ("Brazil reduced relations with Paraguay.", "BRA", "PRY", "160"),
    ("Mali downgraded diplomatic ties with France.", "MLI", "FRA", "161"),
    ("Jordan shared intelligence with Egypt.", "JOR", "EGY", "064"),
    # a violent protest (145); a suicide bombing (1831); a statement made (010)
    ("Protesters clashed with police in Dhaka.", "BGD", "BGD", "145"),
    ("A suicide bomber blew himself up at a checkpoint in Kabul.", "AFG", "AFG", "1831"),
    ("Germany made a statement on the situation in Libya.", "DEU", "LBY", "010"),
    # "test-fired" reads as "test fired": a show of force (150)
    ("Iran test-fired a missile near the Gulf.", "IRN", "", "15"),
    # materiel: sent is military aid (072), deployed a build-up (154); joint drills (062)
    ("Britain promised to send tanks to Poland.", "GBR", "POL", "03"),
    ("Britain sent tanks to Poland.", "GBR", "POL", "072"),
    ("Russia deployed warships near Norway.", "RUS", "NOR", "154"),
    ("India and France held joint naval drills in the Indian Ocean.", "IND|FRA", "IND|FRA",
     "062"),
]


@pytest.mark.parametrize(("sentence", "src", "tgt", "code"), CODED)
def test_class_is_coded(code_text: CodeText, sentence: str, src: str, tgt: str,
                        code: str) -> None:
    events = code_text(sentence)
    assert [e for e in events if _fits(e.source[:3], src) and _fits(e.target[:3], tgt)
            and _fits(e.code, code)], show(events)


# Internal acts with no second actor in the sentence: the verb match is checked (the code the
# coder would give), as the event needs a target from the context.
MATCHED = [
    ("Peru's government ended the state of emergency in Lima.", "ended", "0814"),
    ("The Thai junta lifted martial law in Bangkok.", "lifted", "0814"),
    ("The military government lifted the curfew.", "lifted", "0813"),
    ("The Kremlin ceased its participation in the treaty.", "ceased", "160"),
    ("Moscow revoked its ratification of the test ban treaty.", "revoked", "160"),
    ("Pyongyang quit the nonproliferation treaty.", "quit", "160"),
]


@pytest.mark.parametrize(("sentence", "trigger", "code"), MATCHED)
def test_verb_match(code_document: CodeDocument, sentence: str, trigger: str,
                    code: str) -> None:
    lines = [line for report in code_document(sentence).sentences
             for line in report.predicates]
    assert any(f"{trigger} (" in line and f"code {code};" in line for line in lines), lines


# ------------------------------------------------------------ what must stay uncoded

# (sentence, code prefix that must not appear as a done act)
NOT_DONE = [
    ("Russia did not summon the British ambassador.", "11"),
    ("The ministry denied that it had summoned the French envoy.", "11"),
    ("Japan did not pull out of the agreement with Russia.", "16"),
    ("Britain may reimpose sanctions on Russia.", "16"),
    ("Washington plans to reimpose sanctions on Iran.", "16"),
    ("Russia threatened to pull out of the agreement with Ukraine.", "16"),
    ("If Iran refuses to meet the inspectors, Britain will reimpose sanctions.", "12"),
    ("Moscow never lifted its sanctions against Georgia.", "08"),
    # the refused meeting is no meeting
    ("The Iranian president refused to meet the French minister.", "04"),
]


@pytest.mark.parametrize(("sentence", "root"), NOT_DONE)
def test_frame_is_not_a_done_act(code_text: CodeText, sentence: str, root: str) -> None:
    events = code_text(sentence)
    assert not [e for e in events if e.code.startswith(root) and not e.mode], show(events)


# (sentence, code prefix the supplement must not produce)
GUARDS = [
    # strengthening ties or cooperation, even between armed forces, is no show of force
    ("Japan and Australia strengthened cooperation between their armed forces.", "15"),
    ("India and France strengthened their defence ties.", "15"),
    # CAMEO files BEEF_UP under expulsion and REINFORCE under coercion
    ("Vietnam beefed up its economy with new exports to China.", "17"),
    ("The Japanese prime minister reinforced his message to China.", "17"),
    # summoning anyone but a diplomat is no protest
    ("The Russian president summoned his security council.", "11"),
    # sending a message is not a condolence unless it says so
    ("The Pope sent a message to the Italian president.", "018"),
]


@pytest.mark.parametrize(("sentence", "code"), GUARDS)
def test_guard(code_text: CodeText, sentence: str, code: str) -> None:
    events = code_text(sentence)
    assert not [e for e in events if e.code.startswith(code)], show(events)
