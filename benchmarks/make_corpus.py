"""Generate the benchmark corpus: >= 5,000 real-looking English news sentences, as JSONL.

The sentences are built, deterministically (seeded), from templates over what the shipped
dictionaries know:

- actors: country names, capitals, singular and plural demonyms, office holders and
  international organisations, each kept only if the shipped actor dictionaries code it
  (office holders only on dates when they hold a coded role);
- agents: nouns such as "police", "lawmakers" or "foreign ministry", kept only if the shipped
  agent dictionary knows them (or their head noun);
- verb phrases: the verbs and the phrase patterns of the CAMEO verb dictionary
  (CAMEO.2.0.txt and the dyad supplement), rendered as English ("accused ... of torture",
  "condemned the suicide bombing"), keeping only patterns whose words are ordinary English
  words according to the spaCy model's lemmatizer tables;

wrapped in the shapes news text takes: dates and weekdays, reporting frames ("..., the
ministry said"), quotes, negations, passives, coordinations, subordinate clauses, intents and
plain background sentences that code nothing. Documents have about five sentences, one or two
per paragraph, and a quarter of them use typographic quotes and apostrophes. The real texts
in examples/*.txt are appended, one document each.

    .venv/bin/python benchmarks/make_corpus.py                 # writes corpus/news-5000.jsonl
    .venv/bin/python benchmarks/make_corpus.py --sentences 500 --out /tmp/small.jsonl

Each line is {"id": ..., "text": ..., "date": "YYYY-MM-DD"}. The output depends only on the
seed, the shipped dictionaries and the spaCy model's lemmatizer tables.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dyad.dictionaries.defaults import load_dictionaries, shipped_dir
from dyad.dictionaries.model import (
    ActorDictionary,
    AgentDictionary,
    AnyPhrase,
    NounPhrase,
    PrepPhrase,
    SynsetRef,
    VerbDictionary,
    VerbEntry,
    Word,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_OUT = HERE / "corpus" / "news-5000.jsonl"
EXAMPLES = ROOT / "examples"
SEED = 20240702
DEFAULT_SENTENCES = 5200  # generated sentences; the examples come on top

# Dates of the example texts (examples/SOURCES.md); japan-centers is the README's example date.
EXAMPLE_DATES = {
    "japan-centers.txt": "2024-07-02",
    "02-kremlin-normandy-format-leaders-call-ceasefire-2017.txt": "2017-08-22",
    "03-mofa-japan-australia-epa-entry-into-force-2014.txt": "2014-12-16",
    "04-usaid-sumatra-earthquake-emergency-aid-2009.txt": "2009-10-01",
    "05-mofa-senkaku-protest-chinese-ambassador-summoned-2016.txt": "2016-08-05",
    "06-us-state-venezuela-visa-restrictions-2015.txt": "2015-02-02",
    "07-jmsdf-multilateral-exercise-south-china-sea-2024.txt": "2024-06-17",
    "08-un-sg-syria-cessation-of-hostilities-2016.txt": "2016-02-22",
    "09-un-security-council-london-attacks-2005.txt": "2005-07-07",
}

# ------------------------------------------------------------------ the raw material

# code, name, capital, adjective, people. Every form is checked against the actor dictionary.
COUNTRIES: list[tuple[str, str, str, str, str]] = [
    ("RUS", "Russia", "Moscow", "Russian", "Russians"),
    ("JPN", "Japan", "Tokyo", "Japanese", "Japanese"),
    ("CHN", "China", "Beijing", "Chinese", "Chinese"),
    ("USA", "the United States", "Washington", "American", "Americans"),
    ("UKR", "Ukraine", "Kyiv", "Ukrainian", "Ukrainians"),
    ("FRA", "France", "Paris", "French", "French"),
    ("DEU", "Germany", "Berlin", "German", "Germans"),
    ("GBR", "Britain", "London", "British", "Britons"),
    ("IND", "India", "New Delhi", "Indian", "Indians"),
    ("PAK", "Pakistan", "Islamabad", "Pakistani", "Pakistanis"),
    ("IRN", "Iran", "Tehran", "Iranian", "Iranians"),
    ("ISR", "Israel", "Jerusalem", "Israeli", "Israelis"),
    ("TUR", "Turkey", "Ankara", "Turkish", "Turks"),
    ("SYR", "Syria", "Damascus", "Syrian", "Syrians"),
    ("IRQ", "Iraq", "Baghdad", "Iraqi", "Iraqis"),
    ("SAU", "Saudi Arabia", "Riyadh", "Saudi", "Saudis"),
    ("EGY", "Egypt", "Cairo", "Egyptian", "Egyptians"),
    ("KOR", "South Korea", "Seoul", "South Korean", "South Koreans"),
    ("PRK", "North Korea", "Pyongyang", "North Korean", "North Koreans"),
    ("AUS", "Australia", "Canberra", "Australian", "Australians"),
    ("CAN", "Canada", "Ottawa", "Canadian", "Canadians"),
    ("BRA", "Brazil", "Brasilia", "Brazilian", "Brazilians"),
    ("MEX", "Mexico", "Mexico City", "Mexican", "Mexicans"),
    ("VEN", "Venezuela", "Caracas", "Venezuelan", "Venezuelans"),
    ("COL", "Colombia", "Bogota", "Colombian", "Colombians"),
    ("ARG", "Argentina", "Buenos Aires", "Argentine", "Argentines"),
    ("ZAF", "South Africa", "Pretoria", "South African", "South Africans"),
    ("NGA", "Nigeria", "Abuja", "Nigerian", "Nigerians"),
    ("ETH", "Ethiopia", "Addis Ababa", "Ethiopian", "Ethiopians"),
    ("KEN", "Kenya", "Nairobi", "Kenyan", "Kenyans"),
    ("PHL", "the Philippines", "Manila", "Filipino", "Filipinos"),
    ("VNM", "Vietnam", "Hanoi", "Vietnamese", "Vietnamese"),
    ("IDN", "Indonesia", "Jakarta", "Indonesian", "Indonesians"),
    ("POL", "Poland", "Warsaw", "Polish", "Poles"),
    ("ITA", "Italy", "Rome", "Italian", "Italians"),
    ("ESP", "Spain", "Madrid", "Spanish", "Spaniards"),
    ("BLR", "Belarus", "Minsk", "Belarusian", "Belarusians"),
    ("AFG", "Afghanistan", "Kabul", "Afghan", "Afghans"),
    ("QAT", "Qatar", "Doha", "Qatari", "Qataris"),
    ("SRB", "Serbia", "Belgrade", "Serbian", "Serbs"),
    ("LBN", "Lebanon", "Beirut", "Lebanese", "Lebanese"),
    ("JOR", "Jordan", "Amman", "Jordanian", "Jordanians"),
    ("SDN", "Sudan", "Khartoum", "Sudanese", "Sudanese"),
    ("MMR", "Myanmar", "Naypyidaw", "Burmese", "Burmese"),
    ("CUB", "Cuba", "Havana", "Cuban", "Cubans"),
    ("AZE", "Azerbaijan", "Baku", "Azerbaijani", "Azerbaijanis"),
    ("ARM", "Armenia", "Yerevan", "Armenian", "Armenians"),
    ("KAZ", "Kazakhstan", "Astana", "Kazakh", "Kazakhs"),
]

# code, name, seat. International organisations that act like countries in news text.
ORGANISATIONS: list[tuple[str, str, str]] = [
    ("IGOUNO", "the United Nations", "New York"),
    ("IGOUNO", "the UN Security Council", "New York"),
    ("IGOEUREEC", "the European Union", "Brussels"),
    ("IGOWSTNAT", "NATO", "Brussels"),
    ("IGOAFRAFU", "the African Union", "Addis Ababa"),
    ("IGOUNOWHO", "the World Health Organization", "Geneva"),
    ("IGOUNOIAEA", "the International Atomic Energy Agency", "Vienna"),
    ("IGOASNASN", "ASEAN", "Jakarta"),
]

# country code, title, name. Kept on a document's date only if the actor dictionary codes
# the name on that date.
OFFICE_HOLDERS: list[tuple[str, str, str]] = [
    ("USA", "President", "Barack Obama"), ("USA", "President", "Donald Trump"),
    ("USA", "President", "Joe Biden"), ("USA", "Secretary of State", "John Kerry"),
    ("USA", "Secretary of State", "Rex Tillerson"), ("USA", "Secretary of State", "Mike Pompeo"),
    ("USA", "Secretary of State", "Antony Blinken"),
    ("RUS", "President", "Vladimir Putin"), ("RUS", "Prime Minister", "Dmitry Medvedev"),
    ("RUS", "Prime Minister", "Mikhail Mishustin"), ("RUS", "Foreign Minister", "Sergei Lavrov"),
    ("RUS", "Kremlin spokesman", "Dmitry Peskov"),
    ("RUS", "Foreign Ministry spokeswoman", "Maria Zakharova"),
    ("RUS", "Defence Minister", "Sergei Shoigu"),
    ("JPN", "Prime Minister", "Shinzo Abe"), ("JPN", "Prime Minister", "Yoshihide Suga"),
    ("JPN", "Prime Minister", "Fumio Kishida"), ("JPN", "Prime Minister", "Shigeru Ishiba"),
    ("JPN", "Foreign Minister", "Taro Kono"), ("JPN", "Foreign Minister", "Yoshimasa Hayashi"),
    ("JPN", "Foreign Minister", "Yoko Kamikawa"),
    ("JPN", "Chief Cabinet Secretary", "Hirokazu Matsuno"),
    ("CHN", "President", "Xi Jinping"), ("CHN", "Premier", "Li Keqiang"),
    ("CHN", "Premier", "Li Qiang"), ("CHN", "Foreign Minister", "Wang Yi"),
    ("FRA", "President", "Francois Hollande"), ("FRA", "President", "Emmanuel Macron"),
    ("DEU", "Chancellor", "Angela Merkel"), ("DEU", "Chancellor", "Olaf Scholz"),
    ("DEU", "Foreign Minister", "Heiko Maas"), ("DEU", "Foreign Minister", "Annalena Baerbock"),
    ("GBR", "Prime Minister", "David Cameron"), ("GBR", "Prime Minister", "Theresa May"),
    ("GBR", "Prime Minister", "Boris Johnson"), ("GBR", "Prime Minister", "Rishi Sunak"),
    ("GBR", "Prime Minister", "Keir Starmer"),
    ("UKR", "President", "Petro Poroshenko"), ("UKR", "President", "Volodymyr Zelensky"),
    ("UKR", "Foreign Minister", "Dmytro Kuleba"), ("UKR", "Foreign Minister", "Pavlo Klimkin"),
    ("IND", "Prime Minister", "Narendra Modi"),
    ("TUR", "President", "Recep Tayyip Erdogan"),
    ("IRN", "President", "Hassan Rouhani"), ("IRN", "President", "Ebrahim Raisi"),
    ("IRN", "Foreign Minister", "Mohammad Javad Zarif"),
    ("ISR", "Prime Minister", "Benjamin Netanyahu"), ("ISR", "Prime Minister", "Naftali Bennett"),
    ("KOR", "President", "Moon Jae-in"), ("KOR", "President", "Yoon Suk Yeol"),
    ("PRK", "leader", "Kim Jong Un"),
    ("AUS", "Prime Minister", "Malcolm Turnbull"), ("AUS", "Prime Minister", "Scott Morrison"),
    ("AUS", "Prime Minister", "Anthony Albanese"),
    ("CAN", "Prime Minister", "Justin Trudeau"),
    ("BRA", "President", "Jair Bolsonaro"), ("BRA", "President", "Michel Temer"),
    ("VEN", "President", "Nicolas Maduro"),
    ("SAU", "King", "Salman"), ("SAU", "Crown Prince", "Mohammed bin Salman"),
    ("IGOUNO", "UN Secretary-General", "Antonio Guterres"),
    ("IGOUNO", "UN Secretary-General", "Ban Ki-moon"),
    ("IGOWSTNAT", "NATO Secretary General", "Jens Stoltenberg"),
    ("IGOEUREEC", "EU foreign policy chief", "Josep Borrell"),
    ("IGOEUREEC", "EU foreign policy chief", "Federica Mogherini"),
]

# Agent nouns (plural or collective); kept if the agent dictionary knows them or their head.
AGENTS = [
    "police", "troops", "soldiers", "rebels", "protesters", "demonstrators", "lawmakers",
    "diplomats", "activists", "students", "journalists", "farmers", "workers", "militants",
    "opposition leaders", "government", "foreign ministry", "defence ministry", "military",
    "army", "navy", "coast guard", "parliament", "prosecutors", "security forces",
    "authorities", "central bank", "embassy", "border guards", "air force", "cabinet",
]
SINGULAR_AGENTS = ["foreign minister", "prime minister", "president", "ambassador", "envoy",
                   "defence minister", "spokesman", "interior minister", "trade minister"]

MEDIA = ["Reuters", "the Associated Press", "Agence France-Presse", "state media",
         "the state news agency", "local media", "RIA Novosti", "Kyodo News", "Xinhua",
         "the BBC", "Al Jazeera", "Interfax", "Yonhap"]
TOPICS = ["trade", "energy", "border security", "fishing rights", "visa rules",
          "the nuclear programme", "arms control", "migration", "grain exports",
          "maritime claims", "sanctions", "climate policy", "cyber security", "gas supplies",
          "the disputed islands", "student exchanges", "investment", "counterterrorism"]
PLACES = ["at a summit", "during talks", "at a news conference", "in a statement",
          "in a telephone call", "on the sidelines of the G20 meeting", "in a televised address",
          "at the United Nations", "during a visit", "in an interview"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
REPORT_VERBS = ["said", "told reporters", "said in a statement", "told a news conference",
                "wrote on social media", "told parliament", "said in a televised address"]

# Sentences that code nothing, as in every news story. {A}, {B}: country names,
# {a}: adjective, {cap}: a capital, {year}, {n}, {topic}.
BACKGROUND = [
    "The two countries established diplomatic relations in {year}.",
    "Trade between {A} and {B} reached ${n} billion last year, according to official figures.",
    "The talks were the first of their kind since {year}.",
    "Officials did not give further details.",
    "The {a} embassy in {cap} did not immediately respond to a request for comment.",
    "The ministry gave no timeline for the decision.",
    "Relations between the neighbours have been strained for years over {topic}.",
    "Analysts said the move was largely symbolic.",
    "The issue is expected to dominate the agenda of next month's meeting.",
    "It was not clear how many people would be affected.",
    "More than {n} people attended the ceremony, organisers said.",
    "The statement did not mention {topic}.",
    "Markets in {cap} were little changed after the announcement.",
    "The agreement still needs to be approved by parliament.",
    "Negotiations on {topic} have stalled since {year}.",
    "Details of the plan were not made public.",
    "The announcement came as a surprise to many observers in {cap}.",
    "Both sides described the atmosphere as constructive.",
    "The decision takes effect at the start of next month.",
    "Opposition parties said the government had acted too slowly.",
    "The {a} government has faced growing pressure at home to take a harder line on {topic}.",
    "Diplomats in {cap} said privately that they did not expect a breakthrough before the end "
    "of the year.",
    "The dispute over {topic} has weighed on relations between {A} and {B} since {year}, when "
    "talks broke down.",
    "A spokesman for the ministry declined to say whether further measures were being "
    "considered.",
]

_WORDY = re.compile(r"^[A-Z][A-Z'-]*$")
_EVENT_VERB_SKIP = {"BE", "HAVE", "DO", "SAY", "GO", "GET", "SEE", "COME", "MAKE", "TAKE"}

# ------------------------------------------------------------------ shapes


@dataclass(frozen=True)
class Actor:
    text: str  # as it stands in a sentence, e.g. "the Russian foreign ministry"
    country: str  # CAMEO country (or IGO) code of the actor's side
    plural: bool = False


@dataclass(frozen=True)
class VerbPhrase:
    """A verb with its inflections and a complement with a slot `{T}` for the target."""

    base: str
    third: str
    past: str
    participle: str
    complement: str  # e.g. "{T} of torture", "with {T}", "the suicide bombing in {P}"
    direct: bool  # the target directly follows the verb (a passive is possible)
    code: str

    def render(self, target: str, place: str) -> str:
        return self.complement.replace("{T}", target).replace("{P}", place)


@dataclass
class Country:
    code: str
    name: str
    capital: str
    adjective: str
    people: str
    org: bool = False  # an international organisation: no people, no adjective


@dataclass
class Lexicon:
    countries: list[Country]
    organisations: list[Country]
    office_holders: list[tuple[str, str, str]]
    agents: list[str]
    singular_agents: list[str]
    verbs: list[VerbPhrase]
    actors: ActorDictionary


# ------------------------------------------------------------------ from the dictionaries


def _phrase(text: str) -> tuple[str, ...]:
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    return tuple(text.upper().replace("-", " - ").split())


def _coded(actors: ActorDictionary, text: str, day: date | None = None) -> bool:
    return bool(actors.codes_for(_phrase(text), day))


def _known_agent(agents: AgentDictionary, text: str) -> bool:
    words = _phrase(text)
    return words in agents.entries or words[-1:] in agents.entries


@dataclass(frozen=True)
class English:
    """What the spaCy model's lemmatizer tables say about English words (lower case)."""

    words: set[str]
    nouns: set[str]
    irregular: dict[str, list[str]]  # verb lemma -> its irregular forms ("took", "taken")


def english_words() -> English:
    """English words, nouns and irregular verb forms from the model's lemmatizer tables."""
    from dyad.nlp import load_pipeline

    lookups = load_pipeline().get_pipe("lemmatizer").lookups
    index = lookups.get_table("lemma_index")
    exceptions = lookups.get_table("lemma_exc")
    words: set[str] = set()
    nouns = set(index.get("noun", [])) | set(exceptions.get("noun", {}).keys())
    for pos in ("noun", "verb", "adj", "adv"):
        words.update(index.get(pos, []))
        words.update(exceptions.get(pos, {}).keys())
    words.update({"of", "in", "on", "at", "to", "for", "with", "by", "from", "against", "into",
                  "over", "about", "after", "under", "between", "through", "the", "a", "an",
                  "its", "their", "his", "her", "and", "as", "up", "out", "off", "down"})
    irregular: dict[str, list[str]] = {}
    for form, lemmas in sorted(exceptions.get("verb", {}).items()):
        for lemma in lemmas:
            irregular.setdefault(lemma, []).append(form)
    return English(words, nouns, irregular)


def _is_word(word: str, words: set[str]) -> bool:
    w = word.lower()
    if not _WORDY.match(word) or (len(w) < 2 and w != "a"):
        return False
    if w in words:
        return True
    for suffix in ("s", "es", "ed", "d", "ing"):
        if w.endswith(suffix) and w[: -len(suffix)] in words:
            return True
    return w.endswith("ies") and w[:-3] + "y" in words


def _inflections(dictionary: VerbDictionary) -> dict[tuple[str, int], list[str]]:
    """Verb line (lemma word, file line) -> its written forms, for one-word verbs."""
    forms: dict[tuple[str, int], list[str]] = {}
    for word, entries in dictionary.forms.items():
        for entry in entries:
            if len(entry.words) == 1:
                forms.setdefault((entry.lemma[0], entry.line), []).append(word)
    return forms


def _verb_forms(lemma: str, english: English) -> tuple[str, str, str, str]:
    """(base, third, past, participle) of a verb, in lower case."""
    from dyad.dictionaries.verbs import verb_inflections

    third, past, _ = (w.lower() for w in verb_inflections(lemma))
    base = lemma.lower()
    irregular = english.irregular.get(base)
    if irregular is None:
        return base, third, past, past
    finite = sorted((f for f in irregular if not f.endswith("ing")), key=len)
    if not finite:  # "put", "shut": only "putting" is irregular
        return base, third, base, base
    third = next((f for f in finite if f.endswith("s") and f != base), third)
    finite = [f for f in finite if not (f.endswith("s") and not f.endswith("ss"))] or finite
    if len(finite) == 1 and finite[0] == base + "en":  # "beat", "beaten"
        return base, third, base, finite[0]
    return base, third, finite[0], finite[-1]


def _pattern_verbs(path: Path) -> dict[int, str]:
    """Line number -> the verb named in a pattern's comment (`# CONDEMN`)."""
    result: dict[int, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("-") and "#" in line:
            comment = line.split("#", 1)[1].split()
            if comment and comment[0].isalpha():
                result[number] = comment[0].upper()
    return result


def _is_noun(word: str, nouns: set[str]) -> bool:
    w = word.lower()
    return w in nouns or (w.endswith("s") and w[:-1] in nouns) or (
        w.endswith("es") and w[:-2] in nouns) or (w.endswith("ies") and w[:-3] + "y" in nouns)


def _render_element(element: Any, dictionary: VerbDictionary, words: set[str],
                    rng: random.Random, nouns: set[str] | None = None) -> str | None:
    """English for a pattern element; `nouns` given: a bare word must be a noun (an object)."""
    if isinstance(element, AnyPhrase):
        return "{T}"
    if isinstance(element, Word):
        if not _is_word(element.text, words):
            return None
        if nouns is None:
            return element.text.lower()
        if not _is_noun(element.text, nouns):
            return None
        word = element.text.lower()
        return word if word.endswith("s") else "the " + word
    if isinstance(element, SynsetRef):
        members = [m for m in dictionary.synsets.get(element.label, [])
                   if all(_is_word(w, words) for w in m)]
        return " ".join(rng.choice(members)).lower() if members else None
    if isinstance(element, NounPhrase):
        parts = [_render_element(m, dictionary, words, rng) for m in (*element.modifiers,
                                                                       element.head)]
        if any(p is None or p == "{T}" for p in parts):
            return None
        if nouns is not None and isinstance(element.head, Word) and not _is_noun(
                element.head.text, nouns):
            return None
        return "the " + " ".join(p for p in parts if p)
    if isinstance(element, PrepPhrase):
        if not _is_word(element.prep, words):
            return None
        if element.obj is None:
            return element.prep.lower() + " {T}"
        obj = _render_element(element.obj, dictionary, words, rng)
        if obj is None:
            return None
        if isinstance(element.obj, Word) and not obj.endswith("s"):
            obj = "the " + obj
        return f"{element.prep.lower()} {obj}"
    return None


def harvest_verbs(dictionary: VerbDictionary, english: English, rng: random.Random,
                  pattern_files: Sequence[Path]) -> list[VerbPhrase]:
    """English verb phrases from the verb dictionary's verbs and patterns, with their codes."""
    words, nouns = english.words, english.nouns
    inflections = _inflections(dictionary)
    commented: dict[int, str] = {}
    for path in pattern_files:  # line numbers of the supplement may clash; CAMEO wins
        for number, verb in _pattern_verbs(path).items():
            commented.setdefault(number, verb)
    by_block: dict[int, dict[str, tuple[str, str, str, str]]] = {}
    for lemma, line in inflections:
        if lemma in _EVENT_VERB_SKIP or lemma.lower() not in words:
            continue
        forms = _verb_forms(lemma, english)
        entries: list[VerbEntry] = dictionary.entries_for(lemma)
        block = next((e.block for e in entries if e.line == line), None)
        if block is not None:
            by_block.setdefault(id(block), {}).setdefault(lemma, forms)
    phrases: list[VerbPhrase] = []
    for block in dictionary.blocks:
        verbs = by_block.get(id(block), {})
        if not verbs:
            continue
        names = sorted(verbs)
        block_code = block.code.forward
        if block_code not in (None, "---"):
            for name in names:  # the bare verb with a generic complement
                phrases.append(VerbPhrase(*verbs[name], "{T}", True, block_code))
        for pattern in block.patterns:
            code = pattern.code.forward
            if pattern.pre or code in (None, "---") or not 1 <= len(pattern.post) <= 3:
                continue
            parts = [_render_element(item.element, dictionary, words, rng, nouns)
                     for item in pattern.post]
            if any(p is None for p in parts):
                continue
            text = " ".join(p for p in parts if p)
            if text.count("{T}") > 1:
                continue
            direct = False
            if "{T}" not in text:
                first = pattern.post[0].element
                if isinstance(first, PrepPhrase):  # "accused {T} of torture"
                    text, direct = "{T} " + text, True
                else:  # "condemned the suicide bombing in {P}"
                    text += " in {P}"
            verb = commented.get(pattern.line, "")
            name = verb if verb in verbs else rng.choice(names)
            phrases.append(VerbPhrase(*verbs[name], text, direct, code))
    return phrases


def build_lexicon(rng: random.Random) -> Lexicon:
    """Everything the templates use, checked against the shipped dictionaries."""
    dictionaries = load_dictionaries()
    actors = dictionaries.actors
    countries = []
    for code, name, capital, adjective, people in COUNTRIES:
        if not _coded(actors, name):
            continue
        countries.append(Country(
            code, name,
            capital if _coded(actors, capital) else name,
            adjective if _coded(actors, adjective) else name,
            people if _coded(actors, people) else f"{adjective} officials",
        ))
    organisations = [Country(c, n, seat, n, n, org=True) for c, n, seat in ORGANISATIONS
                     if _coded(actors, n)]
    holders = [h for h in OFFICE_HOLDERS if _phrase(h[2]) in actors.entries]
    agents = [a for a in AGENTS if _known_agent(dictionaries.agents, a)]
    singular = [a for a in SINGULAR_AGENTS if _known_agent(dictionaries.agents, a)]
    folder = shipped_dir()
    verbs = harvest_verbs(dictionaries.verbs, english_words(), rng,
                          [folder / "CAMEO.2.0.txt", *sorted(folder.glob("dyad*.verbs.txt"))])
    return Lexicon(countries, organisations, holders, agents, singular, verbs, actors)


# ------------------------------------------------------------------ sentences


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _the(text: str) -> str:
    return text if text.startswith("the ") or text[:1].isupper() else "the " + text


class StoryWriter:
    """Writes one document about two sides (and sometimes a third) on one date."""

    def __init__(self, lexicon: Lexicon, rng: random.Random) -> None:
        self.lex = lexicon
        self.rng = rng
        self.by_root: dict[str, list[VerbPhrase]] = {}
        for verb in lexicon.verbs:
            self.by_root.setdefault(verb.code[:2], []).append(verb)
        self.roots = sorted(self.by_root)

    # -- actors
    def holders(self, country: str, day: date) -> list[tuple[str, str, str]]:
        return [h for h in self.lex.office_holders
                if h[0] == country and self.lex.actors.codes_for(_phrase(h[2]), day)]

    def actor(self, side: Country, day: date, *, subject: bool = True) -> Actor:
        rng = self.rng
        roll = rng.random()
        holders = self.holders(side.code, day)
        if side.org:
            if holders and roll < 0.4:
                _, title, name = rng.choice(holders)
                return Actor(f"{title} {name}" if roll < 0.2 else name, side.code)
            return Actor(side.name, side.code)
        if roll < 0.30:
            return Actor(side.name, side.code)
        if roll < 0.42:
            return Actor(side.capital, side.code)
        if roll < 0.62 and holders:
            _, title, name = rng.choice(holders)
            shape = rng.random()
            if shape < 0.4 and title[:1].isupper():
                return Actor(f"{side.adjective} {title} {name}", side.code)
            if shape < 0.7:
                return Actor(name, side.code)
            return Actor(f"{name}, the {side.adjective} {title.lower()},", side.code)
        if roll < 0.82:
            agent = rng.choice(self.lex.agents)
            if rng.random() < 0.7:
                return Actor(f"the {side.adjective} {agent}", side.code, agent.endswith("s"))
            return Actor(f"{side.name}'s {agent}", side.code, agent.endswith("s"))
        if roll < 0.90:
            agent = rng.choice(self.lex.singular_agents)
            return Actor(f"the {side.adjective} {agent}", side.code)
        if not subject:
            return Actor(side.name, side.code)
        return Actor(side.people, side.code, True)

    def target(self, side: Country, day: date) -> str:
        roll = self.rng.random()
        if roll < 0.55 or side.org:
            return side.name
        if roll < 0.7:
            return side.capital
        return self.actor(side, day, subject=False).text.rstrip(",")

    # -- verbs
    def verb(self) -> VerbPhrase:
        root = self.rng.choice(self.roots)
        return self.rng.choice(self.by_root[root])

    def when(self, day: date) -> tuple[str, str]:
        """A time expression as (prefix form, suffix form)."""
        rng = self.rng
        roll = rng.random()
        back = rng.randint(1, 6)
        past = day - timedelta(days=back)
        if roll < 0.45:
            w = WEEKDAYS[past.weekday()]
            return f"On {w}", f"on {w}"
        if roll < 0.65:
            text = f"{MONTHS[past.month - 1]} {past.day}"
            return f"On {text}", f"on {text}"
        if roll < 0.8:
            return "Last week", "last week"
        if roll < 0.9:
            return "Earlier this month", "earlier this month"
        return "Late on Tuesday", "late on Tuesday"

    def clause(self, a: Country, b: Country, day: date) -> tuple[Actor, VerbPhrase, str]:
        subject = self.actor(a, day)
        verb = self.verb()
        place = self.rng.choice([b.capital, b.name, "the region"] + (
            [] if b.org else [f"eastern {b.name}"]))
        rest = verb.render(self.target(b, day), place)
        roll = self.rng.random()
        if roll < 0.8:
            rest += " " + self.adjunct(b, day)
        if roll < 0.5:
            rest += " " + self.rng.choice(PLACES)
        return subject, verb, rest

    def adjunct(self, b: Country, day: date) -> str:
        rng = self.rng
        topic = rng.choice(TOPICS)
        return rng.choice([
            f"over {topic}", f"amid a deepening row over {topic}",
            f"as part of efforts to ease tensions over {topic}",
            f"for the first time since {rng.randint(1995, day.year - 1)}",
            "in a sharp escalation of the dispute", "following weeks of negotiations",
            f"despite objections from {b.adjective} officials",
            f"in a move that is likely to anger {b.capital}",
            f"ahead of next month's talks on {topic}",
            "after a meeting of the national security council",
        ])

    def event_sentence(self, a: Country, b: Country, c: Country, day: date,
                       lead: bool) -> str:
        rng = self.rng
        s, v, rest = self.clause(a, b, day)
        subj = s.text
        shape = rng.randrange(14) if not lead else rng.choice([0, 1, 2, 3])
        pre, post = self.when(day)
        reporter = self.reporter(a, day)
        if shape == 0:
            if rng.random() < 0.5:
                return f"{pre}, {subj} {v.past} {rest}, {reporter} {rng.choice(REPORT_VERBS)}."
            return f"{pre}, {subj} {v.past} {rest}."
        if shape == 1:
            return f"{_cap(subj)} {v.past} {rest} {post}, {reporter} {rng.choice(REPORT_VERBS)}."
        if shape == 2:
            return f"{_cap(s.text)} {v.past} {rest} {rng.choice(PLACES)} {post}."
        if shape == 3:
            source = rng.choice(MEDIA)
            return f"According to {source}, {subj} {v.past} {rest}."
        if shape == 4:  # quote
            q = rng.choice(["We", f"{a.name}" if a.name[0].isupper() else "We"])
            verb = v.base if q == "We" else v.third
            hedge = rng.choice(["", "firmly ", "strongly ", "will continue to "])
            if hedge == "will continue to ":
                verb = v.base
            speaker = self.reporter(a, day)
            return (f'"{q} {hedge}{verb} {rest}," {speaker} '
                    f"{rng.choice(['told reporters in ' + a.capital, 'said', 'added'])}.")
        if shape == 5:  # negation
            form = rng.choice(["did not", "has not", "would not", "refused to"])
            verb = v.participle if form == "has not" else v.base
            if form == "has not" and s.plural:
                form = "have not"
            return f"{_cap(subj)} {form} {verb} {rest}, {reporter} said."
        if shape == 6 and v.direct:  # passive
            target = self.target(b, day)
            tail = v.render("", self.rng.choice([b.capital, "the region"])).strip()
            aux = "were" if target.endswith("s") and not target.endswith("us") else "was"
            return f"{_cap(target)} {aux} {v.participle} {tail} by {subj} {post}."
        if shape == 7:  # coordinated subjects
            s2 = self.actor(c, day)
            return f"{_cap(subj)} and {s2.text.rstrip(',')} {v.past} {rest} {post}."
        if shape == 8:  # coordinated predicates
            v2 = self.verb()
            rest2 = v2.render(self.target(c, day), c.capital)
            return f"{_cap(subj)} {v.past} {rest} and {v2.past} {rest2}."
        if shape == 9:  # coordinated clauses
            s2, v2, rest2 = self.clause(b, a, day)
            conj = rng.choice([", while", ", but", " and", ", whereas"])
            return (f"{_cap(subj)} {v.past} {rest}{conj} {s2.text.rstrip(',')} "
                    f"{v2.past} {rest2}.")
        if shape == 10:  # intent / future
            form = rng.choice(["will", "plans to", "threatened to", "is expected to",
                               "agreed to", "vowed to", "is set to"])
            if s.plural:
                form = form.replace("is ", "are ").replace("plans", "plan")
            return f"{_cap(subj)} {form} {v.base} {rest} {rng.choice(PLACES)}."
        if shape == 11:  # subordinate clause
            s2, v2, rest2 = self.clause(b, a, day)
            conj = rng.choice(["after", "days after", "a week after", "hours after"])
            return f"{_cap(subj)} {v.past} {rest} {conj} {s2.text.rstrip(',')} {v2.past} {rest2}."
        if shape == 12:  # context first
            topic = rng.choice(TOPICS)
            intro = rng.choice([f"Amid rising tensions over {topic}",
                                f"In a dispute over {topic}",
                                f"Despite months of talks on {topic}",
                                f"In response to {b.adjective} moves on {topic}"])
            return f"{intro}, {subj} {v.past} {rest}."
        if shape == 13:  # reported speech with "that"
            return (f"{_cap(reporter)} {rng.choice(['said', 'confirmed', 'announced'])} "
                    f"{post} that {subj} had {v.participle} {rest}.")
        return f"{_cap(subj)} {v.past} {rest}."

    def reporter(self, side: Country, day: date) -> str:
        rng = self.rng
        holders = self.holders(side.code, day)
        if holders and rng.random() < 0.5:
            _, title, name = rng.choice(holders)
            if side.org:
                return f"{title} {name}"
            return f"{side.adjective} {title} {name}" if rng.random() < 0.5 else name
        if side.org:
            return f"a spokesman for {side.name}"
        return rng.choice([f"the {side.adjective} foreign ministry", "officials",
                           f"a {side.adjective} government spokesman", "a senior official",
                           f"{side.adjective} officials", "the ministry"])

    def background(self, a: Country, b: Country, day: date) -> str:
        rng = self.rng
        if a.org:
            a, b = b, a
        return rng.choice(BACKGROUND).format(
            A=a.name, B=b.name, a=a.adjective, cap=rng.choice([a.capital, b.capital]),
            year=rng.randint(1990, day.year - 1), n=rng.choice([rng.randint(2, 90),
                                                                rng.randint(200, 5000)]),
            topic=rng.choice(TOPICS))

    def document(self, day: date) -> list[str]:
        """The sentences of one story."""
        rng = self.rng
        a, b, c = rng.sample(self.lex.countries, 3)
        if rng.random() < 0.12 and self.lex.organisations:
            a = rng.choice(self.lex.organisations)
        length = rng.choice([3, 4, 4, 5, 5, 5, 5, 6, 6, 7])
        sentences = [self.event_sentence(a, b, c, day, lead=True)]
        for _ in range(length - 1):
            if rng.random() < 0.18:
                sentences.append(self.background(a, b, day))
            else:
                x, y = (a, b) if rng.random() < 0.6 else (b, a)
                sentences.append(self.event_sentence(x, y, c, day, lead=False))
        return [_tidy(s) for s in sentences]


def _tidy(sentence: str) -> str:
    sentence = re.sub(r"\s+", " ", sentence)
    sentence = re.sub(r"\s+([,.])", r"\1", sentence)
    sentence = sentence.replace(",,", ",").replace(",.", ".").replace("..", ".")
    return sentence.strip()


def _typographic(text: str) -> str:
    """Curly quotes and apostrophes, as most published news uses."""
    text = re.sub(r'"(?=\w)', "\u201c", text)
    text = text.replace('"', "\u201d")
    return text.replace("'", "\u2019")


def _paragraphs(sentences: list[str], rng: random.Random) -> str:
    paragraphs: list[str] = []
    i = 0
    while i < len(sentences):
        size = 1 if rng.random() < 0.55 else 2
        paragraphs.append(" ".join(sentences[i : i + size]))
        i += size
    return "\n\n".join(paragraphs)


def generate(sentences: int = DEFAULT_SENTENCES, seed: int = SEED,
             examples: Path | None = EXAMPLES,
             progress: Callable[[str], None] | None = None) -> list[dict[str, str]]:
    """The corpus records: generated stories of >= `sentences` sentences, then the examples."""
    rng = random.Random(seed)
    lexicon = build_lexicon(rng)
    if progress:
        progress(f"{len(lexicon.countries)} countries, {len(lexicon.organisations)} "
                 f"organisations, {len(lexicon.office_holders)} office holders, "
                 f"{len(lexicon.agents) + len(lexicon.singular_agents)} agents, "
                 f"{len(lexicon.verbs)} verb phrases")
    writer = StoryWriter(lexicon, rng)
    records: list[dict[str, str]] = []
    total = 0
    start, span = date(2015, 1, 1), (date(2024, 12, 31) - date(2015, 1, 1)).days
    while total < sentences:
        day = start + timedelta(days=rng.randrange(span))
        story = writer.document(day)
        text = _paragraphs(story, rng)
        if rng.random() < 0.25:
            text = _typographic(text)
        records.append({"id": f"gen-{len(records) + 1:05d}", "text": text,
                        "date": day.isoformat()})
        total += len(story)
    if examples is not None and examples.is_dir():
        for path in sorted(examples.glob("*.txt")):
            records.append({"id": f"example-{path.stem}",
                            "text": path.read_text(encoding="utf-8"),
                            "date": EXAMPLE_DATES.get(path.name, "2024-07-02")})
    if progress:
        progress(f"{len(records)} documents, {total} generated sentences")
    return records


def write_jsonl(records: list[dict[str, str]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output JSONL file")
    parser.add_argument("--sentences", type=int, default=DEFAULT_SENTENCES,
                        help="generated sentences, at least (the examples come on top)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--no-examples", action="store_true", help="leave out examples/*.txt")
    args = parser.parse_args(argv)
    records = generate(args.sentences, args.seed, None if args.no_examples else EXAMPLES,
                       progress=print)
    write_jsonl(records, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
