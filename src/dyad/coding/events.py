"""Build event records for one sentence: predicates → participants → codes → records."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from dyad.coding.actors import Actor, Mention
from dyad.coding.dates import find_date_expressions, resolve_date
from dyad.coding.frames import (
    INTENT_HEADS,
    REPORTING_VERBS,
    Frame,
    according_to,
    frame_of,
    is_negated,
    obligation,
)
from dyad.coding.nominal import nominal_acts, noun_match
from dyad.coding.participants import PERSONAL_PRONOUNS, ParticipantResolver
from dyad.coding.places import LOCATIVE_PREPOSITIONS, country_of, place_of
from dyad.coding.syntax import (
    VERBAL_POS,
    in_clause,
    nested_pobjs,
    phrase_tokens_after,
    predicate_roles,
)
from dyad.coding.tokens import PlainDoc, PlainSentence, PlainToken
from dyad.coding.verbs import VerbMatch, VerbMatcher
from dyad.dictionaries.model import EventCode, Slot

Token = PlainToken
SKIPPED_LEMMAS = frozenset(
    {"be", "do", "will", "would", "can", "could", "may", "might", "shall", "should", "must"}
)
DATE_ENTITY_TYPES = frozenset({"DATE"})

# Intention frames turn material actions into the matching "express intent" codes (CAMEO 03x,
# and 13x for threats of force).
_INTENT_CODES = {
    "14": "133",  # "threatened to hold a general strike": threaten with protest
    "04": "036",
    "05": "032",
    "06": "030",
    "07": "033",
    "08": "035",
    "16": "130",
    "17": "137",
    "18": "138",
    "19": "138",
    "20": "138",
}
_INTENT_SPECIFIC = {
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
    "083": "034",
    "084": "0353",
    "085": "0354",
    "086": "0355",
    "087": "0356",
    "195": "1383",
    "1951": "1383",
}


def intent_code(code: str) -> str:
    """The CAMEO "express intent" code matching a material action code."""
    if code in _INTENT_SPECIFIC:
        return _INTENT_SPECIFIC[code]
    return _INTENT_CODES.get(code[:2], code)


@dataclass(frozen=True)
class Candidate:
    """One coded predicate before it becomes records (kept for --explain)."""

    verb: Token
    match: VerbMatch | None
    frame: Frame
    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]
    date: date | None
    date_text: str
    date_span: tuple[int, int] | None
    outcome: str  # "coded" or the reason it was not


@dataclass
class SentenceCoding:
    """What coding one sentence produced."""

    candidates: list[Candidate] = field(default_factory=list)
    discarded: str = ""


@dataclass
class SentenceCoder:
    """Codes the predicates of one parsed sentence."""

    matcher: VerbMatcher
    require_dyad: bool = True
    verdicts: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        # the words of a condemning verdict ("unacceptable", "illegal", "a provocation"),
        # from the verb dictionary's &DYAD_VERDICT set when it has one
        members = self.matcher.verbs.synsets.get(VERDICT_SET, [])
        self.verdicts = frozenset(m[-1] for m in members if len(m) == 1)

    def code(
        self,
        sent: PlainSentence,
        mentions: dict[int, Mention],
        participants: ParticipantResolver,
        document_date: date | None,
    ) -> SentenceCoding:
        result = SentenceCoding()
        consumed: set[int] = set()
        dates: list[DateMention] | None = None
        for token in sent:
            if token.pos_ not in VERBAL_POS or token.lemma_.lower() in SKIPPED_LEMMAS:
                continue
            if token.dep_ in ("aux", "auxpass") or token.i in consumed:
                continue
            if dates is None:
                dates = sentence_dates(sent, document_date)
            candidate = self._predicate(token, mentions, participants, document_date, dates)
            complement = _framed_complement(token)
            if complement is not None:
                # "plans to expel": the complement carries the event, unless the dictionary
                # has a pattern for the whole frame ("vowed to wage war").
                if candidate.match is None or candidate.match.pattern is None:
                    continue
                consumed.add(complement.i)
            result.candidates.append(candidate)
        covered = {i for c in result.candidates if c.match is not None
                   and c.match.pattern is not None for i in _pattern_objects(c.verb)}
        for noun, act, authors, targets in nominal_acts(sent, participants, covered):
            if dates is None:
                dates = sentence_dates(sent, document_date)
            when, when_text, when_span = predicate_date(noun, None, document_date, dates)
            result.candidates.append(Candidate(
                noun, noun_match(noun, act), Frame(), tuple(authors), tuple(targets), when,
                when_text, when_span, "coded"))
        return result

    def _predicate(
        self,
        verb: Token,
        mentions: dict[int, Mention],
        participants: ParticipantResolver,
        document_date: date | None,
        dates: list[DateMention],
    ) -> Candidate:
        roles = predicate_roles(verb)
        match = self.matcher.best_match(verb, roles.subjects, roles.complement, mentions)
        when, when_text, when_span = predicate_date(verb, roles.borrowed_from, document_date, dates)
        if match is None:
            return Candidate(
                verb, None, Frame(), (), (), when, when_text, when_span, "no verb pattern"
            )
        frame = frame_of(verb, negation_consumed=match.consumed_negation)
        sources = _unique([a for head in roles.subjects for a in participants.actors(head)])
        if not sources and (match.code.forward or "")[:2] in VERBAL_ROOTS:
            sources = _reporter(verb, participants)
        slot_sources = [
            participants.actors(verb.doc[i]) for s, i in match.slots if s == Slot.SOURCE
        ]
        slot_targets = [
            participants.actors(verb.doc[i]) for s, i in match.slots if s == Slot.TARGET
        ]
        if slot_sources and slot_sources[0]:
            sources = slot_sources[0]
        statement = (match.code.forward or "").startswith("01")
        targets = self._targets(verb, roles.objects, sources, participants, borrow=not statement)
        own = {a.code for a in sources}
        asked = _asked(verb) if statement and match.pattern is None else None
        if asked is not None:
            # "stressed that the authorities must respect ...", "said US forces must ensure
            # security": the statement demands (or, with "should", appeals)
            head, code = asked
            asked_of = _counterparts(participants, head, own)
            if asked_of:
                targets = asked_of
                match = replace(match, code=EventCode(code))
        judged = _judged(verb, self.verdicts) if statement and match.pattern is None else None
        if judged is not None:
            # "stated that President Lee's visit is totally unacceptable": the statement is
            # a verdict on the visit's author
            authors = _counterparts(participants, judged, own)
            for inner in nested_pobjs(judged, depth=1):  # "the sanctions imposed by the US"
                authors = authors or _counterparts(participants, inner, own)
            if authors:
                targets = authors
                match = replace(match, code=EventCode(VERDICT_CODE))
        if slot_targets and slot_targets[0]:
            targets = slot_targets[0]
        forward = match.code.forward or ""
        if all(not a.code for a in targets) and sources and forward[:2] in PLACED_ROOTS:
            # "imposed a curfew in the town of Cizre", "fired shells at targets in Jericho",
            # "demonstrated in Kirkuk": force and protest aimed at the people of a place
            targets = _place_targets(verb, roles.objects, participants) or targets
        home = forward.startswith(HOME_CODES) or forward[:2] == "14"
        if not targets and sources and home:
            # "imposed martial law", "lifted a state of emergency": on the country's people
            targets = [replace(a, code=a.code[:3], place=True) for a in sources[:1]
                       if len(a.code) >= 3 and not a.code.startswith("---")]
        if not targets and sources and (forward[:2] == "07" or forward[:3] == "033"):
            # "has pledged $50 million for earthquake relief": aid no one is named to receive
            # goes to the country the document is about so far, if not the giver's own
            country = (participants.memory.main_country()
                       or _other_country(participants, sources, verb.doc))
            giver = sources[0].code[:3]
            if country and giver and not giver.startswith("-") and country != giver:
                targets = [Actor(country, "", verb.i, verb.i + 1, verb.i, place=True)]
        if (not targets and sources and _addressed(forward)
                and verb.lemma_.lower() not in REPORTING_VERBS):
            # "urged the parties to abide by the agreement", "the monks demand an apology":
            # an appeal, demand, rebuke or threat no one is named to receive is aimed at the
            # country the document is about so far (a state is not its own counterpart)
            targets = _document_counterpart(verb, sources, participants)
        compound = [participants.actors(verb.doc[i]) for s, i in match.slots if s == Slot.COMPOUND]
        if compound and len(compound[0]) > 1:
            sources, targets = compound[0], compound[0]  # "% *": events between the members
        elif (len(sources) > 1 and _reciprocal(verb)
              and (not targets or all(placed(verb, a) or a.code.startswith("---")
                                      for a in targets))):
            # "Gondor and Osgiliath delayed their meeting"; "India and Pakistan met in
            # Geneva": Geneva is where, not with whom
            targets = sources
        outcome = "coded"
        if match.code.is_null:
            outcome = f"null code ({match.reason})"
        elif frame.blocked:
            outcome = frame.blocked
        elif not sources:
            outcome = "no source actor"
        elif not targets and self.require_dyad:
            outcome = "no target actor"
        return Candidate(
            verb, match, frame, tuple(sources), tuple(targets), when, when_text, when_span, outcome
        )

    def _targets(
        self,
        verb: Token,
        objects: list[Token],
        sources: list[Actor],
        participants: ParticipantResolver,
        *,
        borrow: bool,
    ) -> list[Actor]:
        own = {a.code for a in sources}
        taken = {i for a in sources for i in range(a.start, a.end)}
        taken.update(_own_side(verb, sources))
        vague: list[Actor] = []
        for head in objects:
            actors = _counterparts(participants, head, own, taken)
            if actors and not all(_vague(a.code) for a in actors):
                return actors
            vague = vague or actors  # "sent police to Haiti": Haiti beats the police
        if vague:
            return vague
        # "... resume cooperation if Japan alters its approach"; "warned that foreigners
        # could be attacked if the ICC prosecutes the president" (a warning to the ICC)
        complements = [c for c in verb.children if c.dep_ == "ccomp"]
        for clause in (c for h in (verb, *complements) for c in h.children):
            if clause.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children
            ):
                for head in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                    actors = _counterparts(participants, head, own)
                    if actors:
                        return actors
        # "voiced deep concern about the violence that erupted after the election in Belarus":
        # the first actor named in what the concern (outrage, condemnation) is about
        topics = [p for head in objects for p in head.children
                  if p.dep_ == "prep" and p.lower_ in TOPIC_PREPOSITIONS]
        # "Japan will take befitting actions due to the visit to Takeshima by President Lee",
        # "in response to the annexation by Russia": the act answers the actor of its cause
        causes = [p for p in verb.children if p.dep_ == "prep" and _states_a_cause(p)]
        for prep in (*topics, *causes):
            actors = _first_actors_in(prep, participants, own, taken)
            if actors:
                return actors
        # PETRARCH's rule of last resort: the first actor named after the verb in its phrase.
        for token in phrase_tokens_after(verb):
            if token.i in participants.mentions and token.i not in taken:
                actors = _counterparts(participants, token, own)
                if actors and participants.mentions[token.i].kind != "agent":
                    return actors
        # Coordinated verbs and participles share the main clause's counterpart
        # ("ceased talks with Japan, ended ... and suspended ..."), statements do not.
        shares = verb.dep_ in ("conj", "xcomp") or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
        if borrow and shares and verb.head.pos_ in VERBAL_POS:
            for head in predicate_roles(verb.head).objects:
                actors = _counterparts(participants, head, own)
                if actors:
                    return actors
        if borrow:
            # and the other way: "security forces fired tear gas and beat back
            # demonstrators": the first verb's act was aimed at the second one's object
            for other in verb.children:
                if other.dep_ != "conj" or other.pos_ not in VERBAL_POS or any(
                        c.dep_ in ("nsubj", "nsubjpass") for c in other.children):
                    continue
                for head in predicate_roles(other).objects:
                    actors = _counterparts(participants, head, own)
                    if actors:
                        return actors
        return []


# Prepositions that say what a concern, a protest or a verdict is about.
TOPIC_PREPOSITIONS = frozenset({"about", "over", "at", "regarding", "concerning", "on"})


# Acts addressed to someone even when the sentence does not say to whom: appeals (02),
# demands (10), disapproval (11), rejection (12), threats (13), and the comments that are
# always about a party (012 pessimism, 018 condolences).
ADDRESSED_ROOTS = frozenset({"02", "10", "11", "12", "13"})
ADDRESSED_CODES = frozenset({"012", "018"})
# Sectors of a state: they do not address their own country.
STATE_SECTORS = frozenset({"", "GOV", "MIL", "JUD", "LEG", "SPY", "PTY", "ELI"})


# Roots of acts done by speaking: statements, appeals, demands, rebukes, rejections, threats.
VERBAL_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})


def _reporter(verb: Token, participants: ParticipantResolver) -> list[Actor]:
    """ "Chadian officials say the airstrikes have created panic ... and threatened measures
    against Sudan": the parser joins "threatened" to "created", whose subject (the airstrikes)
    names no one; a verbal act there is the reporting subject's own."""
    if verb.dep_ != "conj" or verb.head.dep_ != "ccomp" or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    reporter = verb.head.head
    if reporter.lemma_.lower() not in REPORTING_VERBS:
        return []
    return _unique([a for s in reporter.children if s.dep_ == "nsubj"
                    for a in participants.actors(s)])


def _addressed(code: str) -> bool:
    return code[:2] in ADDRESSED_ROOTS or code[:3] in ADDRESSED_CODES


def _document_counterpart(verb: Token, sources: list[Actor], participants: ParticipantResolver
                          ) -> list[Actor]:  # fmt: skip
    """The country the document is about so far, as the counterpart of an act addressed to
    no one named; none when no country stands out or the source is that country's state."""
    source = sources[0].code
    country = (_other_country(participants, sources, verb.doc)
               or participants.memory.main_country())
    if not country or not source or _purpose(verb):
        return []  # "in an effort to prevent grave problems": a purpose, not an act
    if any(a.code[:3] == country and a.code[3:6] in STATE_SECTORS for a in sources):
        return []  # "Japan, the United States and Canada share concerns ..."
    return [Actor(country, "", verb.i, verb.i + 1, verb.i, place=True)]


def _other_country(participants: ParticipantResolver, sources: list[Actor], doc: PlainDoc
                   ) -> str:  # fmt: skip
    """The one country the sentence names besides its sources' ("voiced concern about the
    violence in Belarus ... and called for the release of those detained"); "" for none or
    several."""
    own = {a.code[:3] for a in sources if a.code[3:6] in STATE_SECTORS}  # a group may
    named = {country_of(m) for m in participants.mentions.values()  # address its own country
             if not _based_in(m, doc)} - own - {""}
    return next(iter(named)) if len(named) == 1 else ""


# "Afghan-based helicopters", "the Los Angeles-based organization": where something is based
BASE_WORDS = frozenset({"based", "headquartered"})


def _based_in(mention: Mention, doc: PlainDoc) -> bool:
    end = mention.end
    return (end + 1 < len(doc.tokens) and doc.tokens[end].text == "-"
            and doc.tokens[end + 1].lower_ in BASE_WORDS)


def _purpose(verb: Token) -> bool:
    """An infinitive of purpose: "to save lives and prevent ..." after "in an effort" or a
    clause ("... to prevent it"), not "took this opportunity to urge ..."."""
    for _ in range(4):  # up a chain of coordinated verbs, bounded
        if verb.dep_ != "conj":
            break
        verb = verb.head
    if verb.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return verb.dep_ == "advcl" or (verb.dep_ == "acl" and verb.head.dep_ == "pobj")


def _pattern_objects(verb: Token) -> list[int]:
    """Nouns a verb's pattern may cover: its objects and their prepositions' objects
    ("launched an attack on ...", "carried out arrests of ...")."""
    found = []
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "oprd", "prep", "agent"):
            found.append(child.i)
            found.extend(g.i for g in child.children if g.dep_ == "pobj")
    return found


def _first_actors_in(prep: Token, participants: ParticipantResolver, own: set[str],
                     taken: AbstractSet[int]) -> list[Actor]:
    """The counterparts of the first actor named in a prepositional phrase ([] if none)."""
    for token in prep.subtree:  # a slice of the paragraph: bounded
        mention = participants.mentions.get(token.i)
        if mention is None or mention.kind != "actor" or token.i in taken:
            continue
        actors = _counterparts(participants, token, own)
        if actors:
            return actors
    return []


def _states_a_cause(prep: Token) -> bool:
    """ "due to X", "because of X", "owing to X", "in response (retaliation, reaction) to X"."""
    if prep.lower_ in ("due", "because", "owing"):
        return True
    return prep.lower_ == "in" and any(
        c.dep_ == "pobj" and c.lower_ in ("response", "retaliation", "reaction", "protest")
        for c in prep.children)


# Roots of acts aimed at the people of a place when no one else is named: protest (14),
# force posture (15), coercion (17), assault (18), fighting (19), mass violence (20).
PLACED_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})


def _place_targets(verb: Token, objects: list[Token], participants: ParticipantResolver
                   ) -> list[Actor]:  # fmt: skip
    """The country of the place the verb's clause names, as a target ([] when none)."""
    # "blew up power lines leading into Kabul": the objects' own clauses place them too
    described = [c for o in objects for c in o.children if c.dep_ in ("acl", "relcl")]
    mention = place_of([verb, *objects, *described], participants.mentions, toward=True)
    if mention is None:
        return []
    doc = verb.doc
    head = doc[mention.start:mention.end].root
    return [Actor(country_of(mention), doc.text_between(mention.start, mention.end),
                  mention.start, mention.end, head.i, place=True)]


# Administrative sanctions a state imposes (CAMEO 172x: curfews, martial law, states of
# emergency, bans on parties) or eases (081x) at home; a protest (14x) aimed at no one named
# is too ("Young Algerians blocked roads", "farmers said they would blockade Paris").
HOME_CODES = ("172", "081")

VERDICT_SET = "DYAD_VERDICT"
VERDICT_CODE = "111"
# Words of approval that, negated, condemn: "is not acceptable", "cannot be justified".
_NEGATED_VERDICTS = frozenset({"ACCEPTABLE", "JUSTIFIED", "JUSTIFIABLE", "LEGAL", "LEGITIMATE",
                               "PERMISSIBLE", "TOLERABLE", "ACCEPTED"})
_NOT_JUDGED = frozenset({"it", "this", "that", "there", "which", "what"})


_ASKED_CODES = {"must": "100", "should": "020"}


def _asked(verb: Token) -> tuple[Token, str] | None:
    """The subject of an obligation the statement states, and the CAMEO code of stating it:
    "said the Sudanese government must reach an agreement" is a demand (100) of the
    government, "... should reach" an appeal (020). None for other statements, and for
    obligations of the speakers themselves ("we must act")."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.pos_ not in VERBAL_POS:
            continue
        kind = obligation(clause)
        if not kind:
            continue
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ in ("we", "i", "it", "this", "that", "there"):
            continue
        return subject, _ASKED_CODES[kind]
    return None


def _judged(verb: Token, verdicts: AbstractSet[str]) -> Token | None:
    """The subject of a verdict the statement makes: in "stated that X's visit is totally
    unacceptable" (or "... was not acceptable", "... constitutes a violation"), the visit;
    in "said it was unacceptable that Japan bought the islands", Japan. None when the
    complement is no verdict."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.lemma_.lower() not in ("be", "constitute", "remain"):
            continue
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ == "it":
            # "it was unacceptable that Japan bought the islands": the buyer is judged
            subject = next((s for c in clause.children if c.dep_ == "ccomp"
                            for s in c.children if s.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ in _NOT_JUDGED:
            continue
        for word in (c for c in clause.children if c.dep_ in ("acomp", "attr", "dobj")):
            judged = word.upper in verdicts or word.lemma_upper in verdicts or (
                word.upper in _NEGATED_VERDICTS and is_negated(clause))
            if judged:
                return subject
    return None


def _counterparts(
    participants: ParticipantResolver,
    head: Token,
    own: set[str],
    taken: AbstractSet[int] = frozenset(),
) -> list[Actor]:
    """Actors of `head` other than the source itself (and not among `taken` heads)."""
    return [a for a in participants.actors(head) if not _same_actor(a, own) and a.head not in taken]


def _own_side(verb: Token, sources: list[Actor]) -> set[int]:
    """The verb's own object when a pronoun gives it to the source ("recalled its envoy")."""
    if not any(a.code for a in sources):
        return set()
    return {
        obj.i
        for obj in verb.children
        if obj.dep_ == "dobj"
        and any(
            c.tag_ == "PRP$" and c.lower_ in ("its", "their", "his", "her") for c in obj.children
        )
    }


def _vague(code: str) -> bool:
    return not code or code.startswith("---")


def _framed_complement(verb: Token) -> Token | None:
    """The complement verb of an intention or consideration verb ("plans to expel")."""
    if verb.lemma_.lower() not in INTENT_HEADS:
        return None
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)


RECIPROCAL_WORDS = frozenset({"mutual", "bilateral", "joint", "other", "another"})  # each other
INTERACTION_NOUNS = frozenset(
    {
        "meeting",
        "talk",
        "tie",
        "relation",
        "dispute",
        "negotiation",
        "cooperation",
        "summit",
        "agreement",
        "treaty",
        "deal",
        "pact",
        "dialogue",
        "contact",
        "partnership",
        "alliance",
        "exchange",
        "conflict",
        "rivalry",
        "feud",
        "border",
        "trade",
        "ceasefire",
        "truce",
        "armistice",
        "accord",
        "memorandum",
        "peace",
        "consultation",
        "exercise",
        "drill",
    }
)
# Verbs whose coordinated subjects act with each other when no one else is named: "Bosnia
# and Slovenia agreed to a ceasefire", "India and Pakistan met in Geneva".
SYMMETRIC_VERBS = frozenset(
    {"agree", "meet", "negotiate", "talk", "confer", "consult", "reconcile", "cooperate",
     "clash", "fight", "ally", "normalize", "normalise"}
)


def _reciprocal(verb: Token) -> bool:
    """True when the object refers back to a coordinated subject ("their meeting"), or is a
    joint act ("Ethiopia and Eritrea signed a peace agreement", "agreed to a ceasefire"), or
    the verb is one that subjects do with each other ("met", "clashed")."""
    if verb.lemma_.lower() in SYMMETRIC_VERBS:
        return True
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in INTERACTION_NOUNS:
            return True
        if child.dep_ == "prep":  # "agreed to a ceasefire", "agreed on a truce"
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in INTERACTION_NOUNS:
                return True
    for token in phrase_tokens_after(verb):
        if token.lower_ in RECIPROCAL_WORDS:
            return True
        if token.lower_ == "their" and token.head.lemma_.lower() in INTERACTION_NOUNS:
            return True
    return False


def placed(verb: Token, actor: Actor) -> bool:
    """True when the actor is named in a place phrase under the verb ("met in Geneva",
    "will not attend the talks in Cairo"): where, not whom."""
    node = verb.doc[actor.head]
    for _ in range(len(verb.doc)):  # up to the verb: at most as many steps as tokens
        if node.dep_ == "prep" and node.lower_ in LOCATIVE_PREPOSITIONS:
            return True
        parent = node.head
        if parent.i == node.i or parent.i == verb.i:
            return False
        node = parent
    return False


def _same_actor(actor: Actor, own: set[str]) -> bool:
    """A target that is the source itself, or the source's bare country, is not a target."""
    if actor.code in own:
        return True
    return len(actor.code) == 3 and any(code[:3] == actor.code for code in own if code)


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: set[tuple[str, int]] = set()
    result = []
    for actor in actors:
        key = (actor.code, actor.head)
        if key not in seen:
            seen.add(key)
            result.append(actor)
    return result


@dataclass(frozen=True)
class DateMention:
    """A resolved date expression of a sentence: its head token, words and token span."""

    root: int
    text: str
    span: tuple[int, int]
    date: date


def sentence_dates(sent: PlainSentence, document_date: date | None) -> list[DateMention]:
    """Date expressions of a sentence (NER dates, then pattern matches the NER missed)."""
    if document_date is None:
        return []
    spans = [ent for ent in sent.ents if ent.label_ in DATE_ENTITY_TYPES]
    roots = [span.root.i for span in spans]
    # The NER misses some dates ("in 2003" after a list); a pattern search fills the gaps.
    for start, end in _date_expressions(sent.text):
        span = sent.char_span(start, end, alignment_mode="expand")
        if span is not None and not any(e.start <= span.root.i < e.end for e in spans):
            spans.append(span)
            roots.append(span.root.i)
    found = []
    for span, root in zip(spans, roots, strict=True):
        resolved = resolve_date(span.text, document_date)
        if resolved is not None:
            found.append(DateMention(root, str(span.text), (span.start, span.end), resolved.date))
    return found


def predicate_date(
    verb: Token, donor: Token | None, document_date: date | None, dates: list[DateMention]
) -> tuple[date | None, str, tuple[int, int] | None]:
    """The date a predicate's own clause states, else its donor's, else the document's."""
    node: Token | None = verb
    seen = 0
    tokens = verb.doc
    while dates and node is not None and seen < 4:
        found = next((d for d in dates if in_clause(tokens[d.root], node)), None)
        if found is not None:
            return found.date, found.text, found.span
        seen += 1
        if node.dep_ in ("conj", "advcl", "xcomp") and node.head.pos_ in VERBAL_POS:
            node = node.head
        elif donor is not None and node.i == verb.i:
            node = donor
        else:
            node = None
    return document_date, "", None


_date_expressions = lru_cache(maxsize=256)(find_date_expressions)


def attribution_of(candidate: Candidate, participants: ParticipantResolver) -> str:
    """Who reported or claimed the event: the reporting frame's subject, or "according to"."""
    text = according_to(candidate.verb)
    if text:
        return text
    head = candidate.frame.attribution_head
    if head is None:
        return ""
    text = candidate.frame.attribution_text
    if head.lower_ in PERSONAL_PRONOUNS:
        text = participants.memory.pronoun_text(str(head.lower_)) or text
    actors = participants.actors(head)
    if actors and actors[0].code:
        return f"{text} ({actors[0].code})"
    return text


# What refusing a cooperative act is, by the act's CAMEO root: refusing to meet or negotiate
# (04) is 125, to cooperate materially (06, 07) 121, to yield (08) 124, anything else of
# roots 03-09 the general rejection 120. Refusing a statement or an appeal (01, 02) or a
# hostile act (to condemn, to attack) is no event.
_REFUSALS = {"04": "125", "06": "121", "07": "121", "08": "124"}


def refusal_code(code: str) -> str | None:
    """The CAMEO code of refusing to do `code` ("refused to cooperate with the court": 121),
    or None when refusing it is no event."""
    root = code[:2]
    if not root.isdigit() or not "03" <= root <= "09":
        return None  # not saying or not asking something is no rejection
    return _REFUSALS.get(root, "120")
