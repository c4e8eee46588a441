"""Turn noun-phrase heads into actors, expanding coordination and resolving anaphora.

A document-level memory lets "it", "they" and "these agreements" stand for what the
document named before.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter

from dyad.coding.actors import Actor, Mention, compose, joins_words
from dyad.coding.frames import REPORTING_VERBS
from dyad.coding.syntax import coordinated, nested_pobjs, np_tokens, pobj_of
from dyad.coding.tokens import PlainDoc, PlainSentence, PlainToken

Token = PlainToken
# Prepositions through which a role noun takes its country: "ambassadors of Arnor".
ROLE_PREPOSITIONS = frozenset({"of", "in", "from"})
PRONOUNS_SINGULAR = frozenset({"it", "its", "itself"})
PRONOUNS_PLURAL = frozenset({"they", "their", "them", "themselves"})
PRONOUNS_PERSON = frozenset({"he", "his", "him", "she", "her"})
PERSONAL_PRONOUNS = PRONOUNS_SINGULAR | PRONOUNS_PLURAL | PRONOUNS_PERSON
FIRST_PERSON = frozenset({"we", "our", "us", "i", "my", "me"})
COUNTRY_NOUNS = frozenset({"country", "nation", "kingdom", "republic", "state"})
ANAPHORIC_DETERMINERS = frozenset({"these", "this", "those", "that", "such"})
# How many phrases deep resolving one phrase may ask for another (see `actors`).
MAX_RESOLUTION_DEPTH = 4


@dataclass
class _Remembered:
    lemma: str
    codes: list[str]
    text: str
    plural: bool
    person: bool
    named: bool = False  # the head word is (part of) an actor's name: "the court", not "the visit"


@dataclass
class DocumentMemory:
    """What the document has named so far, most recent last."""

    subjects: list[_Remembered] = field(default_factory=list)
    nouns: dict[str, list[str]] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    countries: list[tuple[str, bool]] = field(default_factory=list)  # (code, named a subject)
    speaker: list[str] = field(default_factory=list)  # who "we" and "I" are, from a headline
    heads: dict[str, list[str]] = field(default_factory=dict)  # see `remember_names`

    def remember_speaker(self, mentions: dict[int, Mention]) -> None:
        """The first actor the headline names speaks in the document's first person
        ("UN Secretary-General Kofi Annan Receives ...", "Japan Protests against ...")."""
        for mention in sorted(_distinct(mentions), key=_start):
            if mention.kind == "actor" and any(mention.codes):
                self.speaker = [code for code in mention.codes if code]
                return

    def remember_countries(self, mentions: dict[int, Mention], doc: PlainDoc) -> None:
        """Remember the countries named, in order, and whether each named a subject."""
        for mention in sorted(_distinct(mentions), key=_start):
            for code in mention.codes:
                if mention.kind == "actor" and len(code) == 3 and code.isalpha():
                    subject = any(
                        doc[k].dep_ in ("nsubj", "nsubjpass")
                        for k in range(mention.start, mention.end)
                    )
                    self.countries.append((code, subject))

    def last_country(self) -> list[str]:
        """ "the country": the latest country named other than as a subject."""
        for code, subject in reversed(self.countries):
            if not subject:
                return [code]
        return [self.countries[-1][0]] if self.countries else []

    def main_country(self) -> str:
        """The country the document is about: named at least twice and more often than any
        other; "" when no country stands out."""
        ranked = Counter(code for code, _ in self.countries).most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) == 2 and ranked[1][1] == ranked[0][1]):
            return ""
        return ranked[0][0]

    def named_countries(self) -> list[str]:
        """The countries named at least twice, most named first (first named first on a tie)."""
        counts = Counter(code for code, _ in self.countries)  # keeps the order of first naming
        return [code for code, n in sorted(counts.items(), key=lambda kv: -kv[1]) if n >= 2]

    def remember_names(self, mentions: dict[int, Mention], doc: PlainDoc) -> None:
        """Remember the last word of multi-word actor names ("Mishustin", "Council") and the
        noun that heads them ("the court" after "the International Criminal Court")."""
        for mention in set(mentions.values()):
            if mention.kind == "actor" and mention.end - mention.start >= 2 and mention.codes:
                self.aliases[str(doc[mention.end - 1].text).upper()] = mention.codes
                if all(doc[k].ent_type_ == "PERSON" for k in range(mention.start, mention.end)):
                    # "President Lee" after "Lee Myung-bak": a family name may come first
                    self.remember_person(doc, mention.start, mention.end, mention.codes)
                root = doc[mention.start:mention.end].root
                if root.pos_ in ("NOUN", "PROPN"):
                    self.heads[str(root.lemma_).lower()] = [c for c in mention.codes if c]

    def remember_person(self, doc: PlainDoc, start: int, end: int, codes: tuple[str, ...]
                        ) -> None:  # fmt: skip
        """Each word of a person's name [start, end) stands for the person in the rest of the
        document ("Mr. Kim", "President Lee", "Ms. Pillay")."""
        for k in range(start, end):
            word = str(doc[k].text)
            if len(word) >= 3 and word[:1].isupper() and word.isalpha():
                self.aliases[word.upper()] = codes

    def definite(self, lemma: str) -> list[str]:
        """Codes for "the court", "the government": the latest actor name headed by that noun,
        else the latest subject that was that noun with codes; [] when none."""
        if lemma in self.heads:
            return list(self.heads[lemma])
        for item in reversed(self.subjects):
            if item.lemma == lemma and item.codes and item.named:
                return list(item.codes)
        return []

    def with_aliases(self, mentions: dict[int, Mention], doc: PlainDoc) -> dict[int, Mention]:
        """Unknown names that repeat the last word of an earlier actor name take its codes."""
        result = dict(mentions)
        for mention in _distinct(mentions):
            if mention.kind != "entity":
                continue
            codes = self.aliases.get(str(doc[mention.end - 1].text).upper())
            if codes:
                known = Mention(mention.start, mention.end, "actor", codes)
                for k in range(mention.start, mention.end):
                    result[k] = known
        return result

    def remember_sentence(self, sent: PlainSentence, participants: ParticipantResolver) -> None:
        """Remember the sentence's subjects and the nouns with actors named under them."""
        # a noun is remembered only with the actors named under it: none without actors
        actors_named = any(m.kind == "actor" for m in participants.mentions.values())
        for token in sent:
            pos = token.pos_
            if token.dep_ in ("nsubj", "nsubjpass") and pos in ("NOUN", "PROPN"):
                actors = participants.actors(token)
                self.remember_subject(token, [a.code for a in actors if a.code],
                                      named=token.i in participants.mentions)
            if pos == "NOUN" and actors_named:
                self.remember_noun(str(token.lemma_).lower(), participants.codes_in_subtree(token))

    def remember_subject(self, head: Token, codes: list[str], *, named: bool = False) -> None:
        self.subjects.append(
            _Remembered(
                str(head.lemma_).lower(),
                codes,
                str(head.text),
                head.tag_ in ("NNS", "NNPS"),
                head.ent_type_ == "PERSON",
                named,
            )
        )

    def remember_noun(self, lemma: str, codes: list[str]) -> None:
        if codes:
            self.nouns[lemma] = codes

    def pronoun(self, word: str) -> list[str] | None:
        """Codes of the latest compatible subject for a pronoun, None when nothing fits."""
        item = self._antecedent(word)
        return item.codes if item is not None else None

    def pronoun_text(self, word: str) -> str:
        """Words of the latest compatible subject for a pronoun, "" when nothing fits."""
        item = self._antecedent(word)
        return item.text if item is not None else ""

    def _antecedent(self, word: str) -> _Remembered | None:
        for item in reversed(self.subjects):
            if word in PRONOUNS_PERSON:
                if item.person or (item.codes and not item.plural and item.lemma not in ("it",)):
                    return item
            elif word in PRONOUNS_PLURAL:
                if item.plural or (item.codes and not item.person):
                    return item
            elif not item.person and not item.plural:
                return item
        return None


# Weapons and blasts that can be the subject or agent of an attack whose authors the text
# does not name.
WEAPON_NOUNS = frozenset({"bomb", "bombing", "explosion", "blast", "ied", "landmine", "grenade",
                          "explosive", "minefield"})


def _unclaimed_weapon(head: Token) -> bool:
    """A weapon or blast that acts: the subject of a verb ("a minefield explosion killed two
    youths") or its agent ("were killed by an improvised explosive device")."""
    lemma = str(head.lemma_).lower()
    weapon = lemma in WEAPON_NOUNS or (
        lemma == "device" and any(c.lower_ == "explosive" for c in head.children))
    if not weapon:
        return False
    return head.dep_ == "nsubj" or (head.dep_ == "pobj" and head.head.dep_ == "agent")


def _distinct(mentions: dict[int, Mention]) -> list[Mention]:
    """The mentions of a sentence, each once (a mention is one object for all its tokens)."""
    return list({id(m): m for m in mentions.values()}.values())


_start = attrgetter("start")


def _vague(code: str) -> bool:
    """An unknown entity ("") or a role without a country ("---GOV")."""
    return not code or code.startswith("---")


@dataclass
class ParticipantResolver:
    """Resolves noun-phrase heads of one sentence to actors."""

    mentions: dict[int, Mention]
    memory: DocumentMemory
    _cache: dict[tuple[int, bool], tuple[Actor, ...]] = field(default_factory=dict, init=False)
    _above: set[int] | None = field(default=None, init=False)  # see `_above_actors`
    # heads whose actors are being resolved, outermost first (see `actors`)
    _resolving: list[int] = field(default_factory=list, init=False)

    def actors(self, head: Token, *, nested: bool = True) -> list[Actor]:
        """Actors named by the phrase headed by `head`, one per coordinated member.

        With `nested`, a phrase without an actor of its own may take one from its
        "of/in/from" phrase ("ambassadors of Arnor"), one level deep only.

        Resolving a phrase can ask for the actors of another one (a pronoun's antecedent, the
        speaker of a quote, the object of "of"), which can ask again: "Russia and its allies"
        asks for "Russia" while resolving it. The chain is bounded by construction: a phrase
        already being resolved, or one asked for deeper than `MAX_RESOLUTION_DEPTH`, gives
        only the actors its own words name, without pronouns, appositions or prepositions.
        """
        key = (head.i, nested)
        cached = self._cache.get(key)
        if cached is not None:
            return list(cached)
        if head.i in self._resolving or len(self._resolving) >= MAX_RESOLUTION_DEPTH:
            return [a for member in coordinated(head) for a in self._named(member)]
        self._resolving.append(head.i)
        try:
            found: list[Actor] = []
            for member in coordinated(head):
                found.extend(self._single(member, nested))
        finally:
            self._resolving.pop()
        self._cache[key] = tuple(found)
        return found

    def _named(self, head: Token) -> list[Actor]:
        """The actors the phrase's own words name, nothing resolved through other phrases."""
        tokens = np_tokens(head)
        own: list[Mention] = []
        for token in tokens:
            mention = self.mentions.get(token.i)
            if mention is not None and mention not in own:
                own.append(mention)
        if not any(m.kind in ("actor", "entity") for m in own):
            return []
        return [self._actor(code, tokens, head) for code in compose(own)]

    def _single(self, head: Token, nested: bool = True, *, appositions: bool = True
                ) -> list[Actor]:  # fmt: skip
        tokens = np_tokens(head)
        own = self._mentions_in(tokens)
        codes = compose(own)
        has_base = any(m.kind in ("actor", "entity") for m in own)
        if not own and _unclaimed_weapon(head):
            # "a car bomb killed ...", "killed by an improvised explosive device": an armed
            # force the text does not name, of the country where it struck
            return [self._actor("---UAF", tokens, head)]
        if not has_base:
            roles = [m for m in own if m.kind == "agent"]
            inner = self._via_preposition(head) if nested else []
            if inner:
                placed = [self._with_roles(a, roles, head) for a in inner]
                self._name_appositions(head, placed)
                return placed
            resolved = self._anaphora(head)
            if resolved:
                if roles:
                    return [
                        Actor(
                            compose([Mention(0, 0, "actor", (c,)), *roles])[0],
                            str(head.text),
                            head.i,
                            head.i + 1,
                            head.i,
                        )
                        for c in resolved
                    ]
                return [self._actor(code, tokens, head) for code in resolved]
        joined = _hyphen_joined(own, head.doc)
        if joined:
            # "a Japan-U.S.-Canada exercise", "the US-China trade talks": each country
            return [self._actor(code, tokens, head) for code in joined]
        found = [self._actor(code, tokens, head) for code in codes]
        if appositions and all(_vague(a.code) for a in found):
            # "Mr. Cheng Yonghua, Ambassador of China": the apposition says who he is (one
            # level: an apposition's own apposition is not asked); "Mr. Shinsuke Sugiyama,
            # Vice-Minister for Foreign Affairs": at least his role ("---GOV")
            unknown = all(not a.code for a in found)
            for appos in (c for c in head.children if c.dep_ == "appos"):
                inner = self._single(appos, nested, appositions=False)
                better = [a for a in inner if not _vague(a.code)]
                if not better and unknown:
                    better = [a for a in inner if a.code]
                if better:
                    if head.pos_ == "PROPN":  # "Mr. Kim ..., Minister of ... Korea": later
                        self._remember_name(head, tuple(a.code for a in better))  # "Mr. Kim"
                    return [self._actor(a.code, tokens, head) for a in better]
            if not unknown:
                self._name_appositions(head, found)
        return found

    def _name_appositions(self, head: Token, actors: list[Actor]) -> None:
        """ "Minister for Foreign Affairs, Koichiro Gemba,": an unknown name in apposition
        to a role stands for that role later ("Minister Gemba")."""
        codes = tuple(a.code for a in actors if a.code)
        if not codes:
            return
        for appos in (c for c in head.children if c.dep_ == "appos"):
            if appos.pos_ == "PROPN" and not any(a.code for a in self._named(appos)):
                self._remember_name(appos, codes)

    def _remember_name(self, head: Token, codes: tuple[str, ...]) -> None:
        """The words of an unknown person's name stand for the actor an apposition made of
        them, in the rest of the document ("Kim Sung-hwan, Minister of ... of Korea")."""
        mention = self.mentions.get(head.i)
        start, end = (mention.start, mention.end) if mention else (head.i, head.i + 1)
        self.memory.remember_person(head.doc, start, end, codes)

    def _via_preposition(self, head: Token) -> list[Actor]:
        """ "ambassadors of Arnor", "Minister of Foreign Affairs and Trade of the Republic of
        Korea": the first actor of an of/in/from phrase, three phrases deep at most; "an attack
        by Osgiliath soldiers": the by-phrase's actor first."""
        vague: list[Actor] = []  # "of Foreign Affairs": a role without a country, if nothing else
        # "condemned an attack by Osgiliath soldiers in south Ithilen": the attacker, not the
        # place (an act as a subject, "the visit by X undermines ...", acts on no one)
        agents = [] if head.dep_ in ("nsubj", "nsubjpass") else [
            c for c in head.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"]
        for child in agents:
            obj = pobj_of(child)
            inner = self.actors(obj, nested=False) if obj is not None else []
            if inner and not all(_vague(a.code) for a in inner):
                return inner
        for child in head.children:
            if child.dep_ != "prep":
                continue
            speaks_for = child.lower_ == "for"
            if child.lower_ not in ROLE_PREPOSITIONS and not speaks_for:
                continue
            obj = pobj_of(child)
            if obj is None:
                continue
            for candidate in [obj, *nested_pobjs(obj, depth=2)]:
                inner = self.actors(candidate, nested=False)
                if speaks_for and any(len(a.code) <= 3 for a in inner):
                    # "Spokesman for UNICEF" is UNICEF's; an "envoy for Syria" is not Syria's
                    continue
                if inner and not all(_vague(a.code) for a in inner):
                    return inner
                vague = vague or inner
        return vague

    def _with_roles(self, actor: Actor, roles: list[Mention], head: Token) -> Actor:
        if not roles:
            return actor
        code = compose([Mention(0, 0, "actor", (actor.code,)), *roles])[0]
        start = min(head.i, actor.start)
        end = max(head.i + 1, actor.end)
        return Actor(code, str(head.doc[start:end].text), start, end, head.i)

    def _anaphora(self, head: Token) -> list[str]:
        word = str(head.lower_)
        if word in FIRST_PERSON:
            return self._speaker(head) or list(self.memory.speaker)
        if word in PERSONAL_PRONOUNS:
            return self._earlier_subject(head) or self.memory.pronoun(word) or []
        if (word in COUNTRY_NOUNS and any(c.lower_ == "the" for c in head.children)
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)):
            return self.memory.last_country()  # "the country"; not "the state of emergency"
        if head.pos_ == "PRON":
            return []
        if head.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ == "det" and c.lower_ == "the" for c in head.children
        ):
            codes = self.memory.definite(str(head.lemma_).lower())
            if codes:
                return codes  # "the court", named before as "the International Criminal Court"
        if head.dep_ in ("nsubj", "nsubjpass"):
            return []  # "the agreement will constitute ...": a thing, not its parties, acts
        if any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS for c in head.children):
            return self.memory.nouns.get(str(head.lemma_).lower(), [])
        return []

    def _speaker(self, pronoun: Token) -> list[str]:
        """ "“We condemn …,” Poland's foreign minister said": the quoted speaker."""
        node = pronoun
        while node.head.i != node.i:
            parent = node.head
            if node.dep_ in ("ccomp", "parataxis") and parent.lemma_.lower() in REPORTING_VERBS:
                subjects = [c for c in parent.children if c.dep_ == "nsubj"]
                if subjects and subjects[0].lower_ not in FIRST_PERSON:
                    return [a.code for a in self.actors(subjects[0]) if a.code]
                return []
            node = parent
        return []

    def _earlier_subject(self, pronoun: Token) -> list[str]:
        """Codes of a coded subject earlier in the same sentence ("Germany said it would")."""
        for token in reversed(list(pronoun.sent)[: pronoun.i - pronoun.sent.start]):
            if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("PROPN", "NOUN"):
                codes = [a.code for a in self.actors(token) if a.code]
                if codes:
                    return codes
        return []

    def _mentions_in(self, tokens: list[Token]) -> list[Mention]:
        seen: list[Mention] = []
        pronouns: list[Token] = []
        mentions = self.mentions
        for token in tokens:
            mention = mentions.get(token.i)
            if mention is None:
                if token.lower_ in PERSONAL_PRONOUNS or token.lower_ in ("our", "my"):
                    pronouns.append(token)
            elif mention not in seen:
                seen.append(mention)
        for pron in pronouns:
            if pron.lower_ in FIRST_PERSON:  # "our government": the speaker's
                codes = self._speaker(pron) or list(self.memory.speaker)
            else:
                codes = (self._earlier_subject(pron)
                         or self.memory.pronoun(str(pron.lower_)) or [])
            if codes:
                seen.insert(0, Mention(pron.i, pron.i + 1, "actor", tuple(codes)))
        return seen

    @staticmethod
    def _actor(code: str, tokens: list[Token], head: Token) -> Actor:
        i = head.i
        words = [t for t in tokens if t.dep_ != "det" or t.i == i]
        while words and words[-1].dep_ == "case" and words[-1].i != i:
            words.pop()
        start = words[0].i if words else head.i
        end = (words[-1].i + 1) if words else head.i + 1
        return Actor(code, head.doc.text_between(start, end), start, end, head.i)

    def _above_actors(self, doc: PlainDoc) -> set[int]:
        """Tokens (indices) that have a token of an actor mention in their subtree."""
        if self._above is None:
            above: set[int] = set()
            for k, mention in self.mentions.items():
                if mention.kind == "actor":
                    token = doc[k]
                    while token.i not in above:
                        above.add(token.i)
                        if token.head.i == token.i:
                            break
                        token = token.head
            self._above = above
        return self._above

    def codes_in_subtree(self, head: Token) -> list[str]:
        """Distinct actor codes named anywhere under `head` (for remembering nouns)."""
        codes: list[str] = []
        mentions = self.mentions
        if head.i not in self._above_actors(head.doc):
            return codes
        for token in head.subtree:
            mention = mentions.get(token.i)
            if mention is not None and mention.kind == "actor":
                for code in mention.codes:
                    if code and code not in codes:
                        codes.append(code)
        return codes


def _hyphen_joined(own: list[Mention], doc: PlainDoc) -> list[str]:
    """The countries of a phrase that writes two or more of them joined by hyphens, each
    hyphen between two names with no space ("Japan-U.S.-Canada", "Russia-Ukraine"); [] for
    any other phrase."""
    countries = [m for m in own if m.kind == "actor" and len(m.codes) == 1
                 and len(m.codes[0]) == 3 and m.codes[0].isalpha()]
    if len(countries) < 2:
        return []
    for before, after in itertools.pairwise(countries):
        if after.start != before.end + 1 or not joins_words(doc.tokens, before.end):
            return []
    codes = [m.codes[0] for m in countries]
    return list(dict.fromkeys(codes)) if len(set(codes)) >= 2 else []
