"""Where an event happened: the place phrase of its own clause ("clashes in X", "strikes near
Y", "arrived in Z"), else the document's dateline, else nothing. Never a guess from the actors
alone; each location says which rule gave it.

The clause's phrases are found while the sentence's parse is at hand (`clause_places`); they
are resolved once the whole document has been read (`locate_event`), so that every country it
names can tell "Moscow, Russia" from "Moscow, Idaho"."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from dyad.coding.actors import Mention
from dyad.coding.places import DIRECTIONAL_PREPOSITIONS, LOCATIVE_PREPOSITIONS, NOT_COUNTRIES
from dyad.coding.tokens import PlainDoc, PlainToken
from dyad.geo.gazetteer import DIRECTIONS, Gazetteer, Place
from dyad.geo.location import Location
from dyad.geo.resolve import choose, lookup

Token = PlainToken
#: Verbs whose "to" and "into" phrases say where the act took place ("arrived in", "sent a
#: mission to eastern Chad", "returned to Japan").
MOTION_LEMMAS = frozenset({
    "arrive", "send", "deploy", "dispatch", "travel", "visit", "fly", "return", "move",
    "land", "march", "enter", "go", "come", "head", "airlift", "ship", "deliver", "evacuate",
})  # fmt: skip
#: Links inside a place's noun phrase: "the Burmese city of Rangoon", "the capital, Minsk",
#: "Muhajaria, a village in southern Darfur". Clauses (acl, relcl) are left: "the Package
#: of Measures adopted in Minsk" does not place the act that mentions the Package.
_PHRASE_DEPS = frozenset({"compound", "amod", "appos", "conj", "prep", "pobj", "nmod",
                          "npadvmod", "poss", "pcomp"})
_INNER_PREPOSITIONS = LOCATIVE_PREPOSITIONS | {"of"}
#: Verbs whose subject may be where the reported act was seen ("Witnesses in Lome say ...").
_REPORTING_LEMMAS = frozenset({"say", "report", "tell", "describe", "confirm", "claim"})
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
#: The verb's own arguments, whose place phrases place the act too ("shelled fighters inside
#: Syria", "officials in Moscow notified"), whether or not they are its coded actors.
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})
#: How many tokens one place phrase's walk may visit, and how far up a clause may be read.
MAX_PHRASE_TOKENS = 40
MAX_CLAUSE_STEPS = 3


@dataclass(frozen=True)
class PlacePhrase:
    """A place named in an event's clause, before resolution: its words, character span,
    entity type, the places it may be, and the country an actor dictionary gives it."""

    written: str
    span: tuple[int, int] | None
    entity: str
    candidates: tuple[Place, ...]
    dictionary_country: str = ""
    landmark: str = ""  # a building, square or site's name ("Shwedagon Pagoda"), if it is one
    #: found beside the clause rather than in it (what the object was doing, the place the
    #: verb is parsed inside of): it places a material act only, not what is said of someone
    #: there ("accused militants hiding in Lebanon")
    material_only: bool = False


def event_heads(verb: Token, actor_heads: Iterable[Token]) -> list[Token]:
    """The words whose place phrases place an event: its verb, subject and object, the verbs
    it governs through "to" ("will consider sending a mission to eastern Chad"), its actors'
    head words (and their conjuncts: "mosques and a number of churches across ..."), and the
    subject of the report it is the content of ("Witnesses in Lome say youths set fire")."""
    heads = [verb, *(c for c in verb.children if c.dep_ in _ARGUMENTS)]
    for actor in actor_heads:  # "mosques and a number of churches across the United States"
        heads.append(actor)
        for conj in (c for c in actor.children if c.dep_ == "conj"):
            heads.append(conj)
            heads.extend(o for p in conj.children if p.dep_ == "prep" and p.lower_ == "of"
                         for o in p.children if o.dep_ == "pobj")
    frontier = [verb]
    for _ in range(MAX_CLAUSE_STEPS):
        frontier = [c for t in frontier for c in t.children if c.dep_ == "xcomp"]
        heads.extend(frontier)
    up = verb
    for _ in range(MAX_CLAUSE_STEPS):
        if up.dep_ not in ("ccomp", "conj") or up.head is up:
            break
        up = up.head
        if up.lemma_ in _REPORTING_LEMMAS:
            heads.extend(c for c in up.children if c.dep_ == "nsubj")
            break
    return heads


def doing_heads(verb: Token) -> list[Token]:
    """What the verb's object or subject was doing as it acted ("pushed back monks trying to
    enter the Shwedagon Pagoda", "fired on protesters marching in Minsk"), with the verbs
    they govern; not a past participle, which may tell of another time ("arrested a man
    wanted in France")."""
    arguments = [c for c in verb.children if c.dep_ in _ARGUMENTS]
    doing = [c for a in arguments for c in a.children
             if c.dep_ in ("acl", "pcomp") and c.tag_ == "VBG"]
    doing += [c for p in verb.children if p.dep_ == "prep" for c in p.children
              if c.dep_ == "pcomp" and c.tag_ == "VBG"]
    frontier, heads = doing, list(doing)
    for _ in range(MAX_CLAUSE_STEPS):
        frontier = [c for t in frontier for c in t.children if c.dep_ == "xcomp"]
        heads.extend(frontier)
    return heads


def clause_places(
    heads: Sequence[Token],
    mentions: dict[int, Mention],
    gazetteer: Gazetteer,
    span_of: Callable[[int, int], tuple[int, int]],
    beside: Sequence[Token] = (),
) -> list[PlacePhrase]:
    """The places named by the locative phrases of the heads, in order ("in", "near",
    "across" ...; "to" and "into" after a verb of motion; the object of "enter" or "storm"),
    then, marked `material_only`, those of the heads `beside` the clause (`doing_heads`) and
    the place phrase the event's verb is parsed inside of (`enclosing_places`)."""
    found: list[PlacePhrase] = []
    seen: set[int] = set()
    material_only = False

    def add(tokens: list[Token]) -> None:
        for start, end in _place_runs(tokens):
            if start not in seen:
                seen.add(start)
                phrase = _phrase(tokens[0].doc, start, end, mentions, gazetteer, span_of)
                found.append(replace(phrase, material_only=material_only))

    for head in [*heads, *beside]:
        material_only = head not in heads
        motion = head.lemma_ in MOTION_LEMMAS
        for prep in (p for c in head.children for p in _locative_preps(c, motion)):
            add(_phrase_tokens(prep))
        if head.lemma_ in ENTERING_LEMMAS:  # "trying to enter the Shwedagon Pagoda"
            for obj in (c for c in head.children if c.dep_ == "dobj"):
                add(_phrase_tokens(obj, own=True))
    material_only = True
    for prep in enclosing_places(heads[0]) if heads else ():
        add(_phrase_tokens(prep))
    return found


#: Verbs whose object is the place the act reaches ("entered the Shwedagon Pagoda",
#: "stormed the Al-Aqsa Mosque").
ENTERING_LEMMAS = frozenset({"enter", "storm"})


def enclosing_places(verb: Token) -> list[Token]:
    """The locative prepositions whose place the verb is parsed as describing: a participle
    hung on a noun ("attacked on his way to a rally in the capital, Minsk, hospitalized and
    later abducted": "abducted" is a conjunct of "hospitalized", a clause of "rally" or of
    "capital") tells what happened to it where it was: the locative phrase the noun is the
    object of (or in apposition to), else the noun's own. A participle of a noun that is no
    place's (a country as an actor: "Iran, accused by the United States of ...") has none."""
    node, clause = verb, False
    for _ in range(MAX_CLAUSE_STEPS + 1):
        if node.dep_ not in ("conj", "acl") or node.head is node:
            return []
        clause = clause or node.dep_ == "acl"
        node = node.head
        if node.dep_ == "acl" or not clause:
            continue
        if node.pos_ not in ("NOUN", "PROPN"):
            return []
        noun = node.head if node.dep_ == "appos" else node
        if noun.dep_ == "pobj" and noun.head.lower_ in LOCATIVE_PREPOSITIONS:
            return [noun.head]
        return [p for c in noun.children for p in _locative_preps(c, False)]
    return []


def _locative_preps(prep: Token, motion: bool) -> list[Token]:
    """The locative phrase a head's preposition is, or the first one nested in it ("attacked
    on his way to a mass rally in the capital, Minsk"); none under a topic ("talked about
    the war in Syria") or a clause."""
    if prep.dep_ != "prep":
        return []
    word = prep.lower_
    if word in LOCATIVE_PREPOSITIONS or (motion and word in DIRECTIONAL_PREPOSITIONS):
        return [prep]
    if word not in CARRYING_PREPOSITIONS:
        return []
    node = prep
    for _ in range(MAX_CLAUSE_STEPS):  # down prep → pobj → prep, bounded
        obj = next((c for c in node.children if c.dep_ == "pobj"), None)
        inner = [c for c in obj.children if c.dep_ == "prep"] if obj is not None else []
        if not inner:
            return []
        located = [p for p in inner if p.lower_ in LOCATIVE_PREPOSITIONS]
        if located:
            return located[:1]
        further = next((p for p in inner if p.lower_ in CARRYING_PREPOSITIONS), None)
        if further is None:
            return []
        node = further
    return []


#: Prepositions of a way or a time, which may carry the event's place further in ("on his
#: way to a rally in Minsk", "during a raid in Gaza"); topics (about, over, against ...) do not.
CARRYING_PREPOSITIONS = frozenset({"on", "to", "during", "amid", "after", "before"})


def _phrase_tokens(prep: Token, own: bool = False) -> list[Token]:
    """The tokens of a preposition's noun phrase (or, `own`, of the noun phrase the token
    heads), clauses left out (bounded)."""
    out: list[Token] = []
    stack = [prep] if own else [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    while stack and len(out) < MAX_PHRASE_TOKENS:
        token = stack.pop(0)
        out.append(token)
        for child in token.children:
            if child.dep_ in _PHRASE_DEPS and (
                    child.dep_ != "prep" or child.lower_ in _INNER_PREPOSITIONS):
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


#: The last words of a landmark's name: a building, square or site ("the Shwedagon Pagoda",
#: "the Al-Aqsa Mosque", "Tahrir Square"), which the tagger may call an organisation.
LANDMARK_WORDS = frozenset({
    "pagoda", "temple", "mosque", "church", "cathedral", "monastery", "shrine", "square",
    "palace", "bridge", "airport", "stadium", "embassy", "consulate", "compound", "prison",
    "camp", "base", "port", "harbour", "harbor", "dam", "tower", "market", "university",
})  # fmt: skip


def _is_place_word(token: Token) -> bool:
    if token.ent_type_ in _PLACE_ENTITIES or (token.pos_ == "PROPN" and not token.ent_type_):
        return True
    return token.ent_type_ == "ORG" and _landmark_end(token)


def _landmark_end(token: Token) -> bool:
    """Whether the proper-noun run the token is in ends with a landmark word."""
    doc, end = token.doc, token.i
    while end + 1 < len(doc) and doc[end + 1].ent_type_ == token.ent_type_ \
            and doc[end + 1].sent is token.sent and end - token.i < 8:
        end += 1
    return doc[end].lower_ in LANDMARK_WORDS


def _place_runs(tokens: list[Token]) -> list[tuple[int, int]]:
    """[start, end) of each run of place words (a named place, "South China Sea")."""
    runs: list[tuple[int, int]] = []
    for token in tokens:
        if not _is_place_word(token) or (runs and runs[-1][0] <= token.i < runs[-1][1]):
            continue
        doc, start, end = token.doc, token.i, token.i + 1
        kind = token.ent_type_
        while start > 0 and doc[start - 1].ent_type_ == kind and _is_place_word(doc[start - 1]) \
                and doc[start - 1].sent is token.sent:
            start -= 1
        while end < len(doc) and doc[end].ent_type_ == kind and _is_place_word(doc[end]) \
                and doc[end].sent is token.sent:
            end += 1
        runs.append((start, end))
    return runs


def _phrase(doc: PlainDoc, start: int, end: int, mentions: dict[int, Mention],
            gazetteer: Gazetteer, span_of: Callable[[int, int], tuple[int, int]]
            ) -> PlacePhrase:  # fmt: skip
    words = doc.text_between(start, end)
    qualifier = doc[start - 1].text if start > 0 and doc[start - 1].lower_ in DIRECTIONS else ""
    candidates = lookup(gazetteer, words, qualifier)
    written_start = start - 1 if qualifier else start
    dictionary = ""
    mention = mentions.get(start)
    if mention is not None and mention.kind == "actor":
        dictionary = next((c for c in mention.codes if len(c) == 3 and c.isalpha()
                           and c.isupper() and c not in NOT_COUNTRIES), "")
    landmark = ""
    if not candidates and (doc[end - 1].lower_ in LANDMARK_WORDS
                           or doc[start].ent_type_ in ("FAC", "ORG")):
        landmark = words
    return PlacePhrase(doc.text_between(written_start, end), span_of(written_start, end),
                       doc[start].ent_type_, candidates, dictionary, landmark)


def locate_event(
    phrases: Sequence[PlacePhrase],
    event_countries: Collection[str],
    document_countries: Collection[str],
    gazetteer: Gazetteer,
) -> Location | None:
    """The location the clause's place phrases give an event: the first that resolves, with
    the event's own countries, the other places of the clause and then the document's
    countries as evidence; else, if the clause names a place the gazetteer cannot resolve
    without a guess, that place as written, unresolved; else None."""
    if not phrases:
        return None
    nearby = {p.country for phrase in phrases for p in phrase.candidates
              if p.kind == "country" and len(phrase.candidates) == 1}
    landmark = next((p for p in phrases if p.landmark and not p.candidates), None)
    for phrase in phrases:
        place = choose(phrase.candidates, event_countries, nearby, document_countries)
        if place is None and not phrase.candidates and phrase.dictionary_country:
            place = gazetteer.country(phrase.dictionary_country)  # "Burma", "the ROK"
        if place is not None:
            if landmark is not None and place.kind in ("city", "division", "country"):
                # "the Shwedagon Pagoda in Rangoon": the landmark, in the city the clause names
                return replace(location_of(place, landmark.written, landmark.span, "clause"),
                               name=landmark.landmark, kind="landmark", feature_id="")
            return location_of(place, phrase.written, phrase.span, "clause")
    first = next((p for p in phrases if p.entity in _PLACE_ENTITIES or p.landmark), None)
    if first is None:
        return None
    # a place the gazetteer does not hold, kept as written with no country: a landmark's
    # country is not taken from the actors or the rest of the document
    kind = "landmark" if first.landmark or first.entity != "GPE" else ""
    return Location(first.written, first.span, kind=kind, rule="clause")


def location_of(place: Place, written: str, span: tuple[int, int] | None, rule: str
                ) -> Location:  # fmt: skip
    """The location of a resolved place, as written at the span, given by the rule."""
    return Location(
        written=written, span=span, name=place.name, country=place.country, fips=place.fips,
        division=place.division, adm1=place.adm1, lat=place.lat, lon=place.lon,
        kind=place.kind, feature_id=place.feature_id, rule=rule,
    )


def locate_name(written: str, countries: Collection[str], gazetteer: Gazetteer,
                dictionary_country: str = "", span: tuple[int, int] | None = None
                ) -> Location | None:  # fmt: skip
    """The location of a place named on its own (an institution's "in Moscow, St. Petersburg
    ... and Sakhalin"), with `countries` as evidence: the place the name means, else the
    country an actor dictionary gives a name the gazetteer lacks ("Sakhalin": Russia), else
    None (an ambiguous or unknown name is not guessed)."""
    candidates = gazetteer.find(written)
    place = choose(candidates, countries)
    if place is None and not candidates and dictionary_country:
        place = gazetteer.country(dictionary_country)
    return location_of(place, written, span, "clause") if place is not None else None
