"""Knowledge records: agreements, institutions and claims, each fact backed by its sentence.

Plain frozen dataclasses with stable ids and a `to_dict()` that gives JSON-ready values, so a
store can keep them as rows or JSON. Status (of an agreement or an institution) and standing
(of a claim) are never stored: they are derived from the dated evidence by `lifecycle`.

Modes say how a sentence holds a fact: "" asserted; "negated" ("did not withdraw"), "denied"
("refuted reports claiming…"), "hypothetical" ("could close"), "demanded" ("urged Iran to
sign"), "hedged" ("reportedly"),
"intend" ("threatened to withdraw"), "conditional", "planned" ("will close"). Only asserted
facts change a status; the others stay as evidence.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from dyad.geo.location import Location
from dyad.knowledge import lifecycle


def stable_id(prefix: str, *parts: object) -> str:
    """A short id that depends only on `parts` (the same input always gives the same id)."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


@dataclass(frozen=True, order=True)
class Evidence:
    """Where a fact is stated: document, sentence, and the words that state it."""

    doc_id: str
    sentence_id: int
    sentence: str
    span: tuple[int, int]  # character offsets of the stating words in the document text
    attribution: str = ""  # who says so ("experts"); "" for the document's own voice

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "sentence_id": self.sentence_id,
            "sentence": self.sentence,
            "span": list(self.span),
            "attribution": self.attribution,
        }


@dataclass(frozen=True, order=True)
class Party:
    """An actor taking part: its code ("" when no dictionary knows it) and its words."""

    code: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "text": self.text}


@dataclass(frozen=True)
class When:
    """When something happened: ISO date, the words that gave it, and how they gave it."""

    date: str = ""  # ISO date of the first day of the period; "" when unknown
    text: str = ""  # "last week", "2003"; "" when the document date stands in
    precision: str = ""  # "day", "week", "month", "year", or "" when unknown
    # "stated"; "named" ("the 2018 pact"); "inferred" (from another report of the same
    # event in the document); "document" (unstated: the document date stands in)
    source: str = "document"

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "date_text": self.text, "precision": self.precision,
                "date_source": self.source}  # fmt: skip

    @property
    def shown(self) -> str:
        """The date at its precision ("2003", "2024-06", "2024-06-25")."""
        if self.precision == "year":
            return self.date[:4]
        if self.precision == "month":
            return self.date[:7]
        return self.date


@dataclass(frozen=True)
class AgreementStep:
    """One lifecycle step of an agreement: signed, ratified, suspended… with its evidence."""

    kind: str  # one of lifecycle.STEP_KINDS
    when: When
    actors: tuple[Party, ...]
    evidence: Evidence
    mode: str = ""
    also: tuple[Evidence, ...] = ()  # other sentences stating the same step

    @property
    def date(self) -> str:
        return self.when.date

    @property
    def date_text(self) -> str:
        return self.when.text

    @property
    def actor(self) -> str:
        """Code of the (first) actor who took the step, "" when none is named."""
        return self.actors[0].code if self.actors else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            **self.when.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "mode": self.mode,
            "counted": lifecycle.counts(self.mode),
            "evidence": self.evidence.to_dict(),
            "also": [e.to_dict() for e in self.also],
        }


@dataclass(frozen=True)
class Agreement:
    """A treaty, accord, deal, memorandum, pact or ceasefire, and what happened to it."""

    id: str
    kind: str  # "agreement", "treaty", "memorandum", "ceasefire", "deal", ...
    name: str  # its proper name ("New START treaty") or the words that described it
    parties: tuple[Party, ...]
    subject: str
    steps: tuple[AgreementStep, ...]
    mentions: tuple[Evidence, ...]
    count: int = 1  # instruments this record stands for, when a number is stated
    aliases: tuple[str, ...] = ()  # ids of records merged into this one
    names: tuple[str, ...] = ()  # proper names and short names ("NPT"); () when only described

    @property
    def status(self) -> str:
        return lifecycle.agreement_status(self.steps)[0]

    @property
    def status_step(self) -> AgreementStep | None:
        """The step the status rests on."""
        return lifecycle.agreement_status(self.steps)[1]

    @property
    def party_codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.parties if p.code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": "agreement",
            "kind": self.kind,
            "name": self.name,
            "parties": [p.to_dict() for p in self.parties],
            "subject": self.subject,
            "count": self.count,
            "status": self.status,
            "steps": [s.to_dict() for s in self.steps],
            "mentions": [e.to_dict() for e in self.mentions],
            "aliases": list(self.aliases),
            "names": list(self.names),
        }


@dataclass(frozen=True)
class InstitutionFact:
    """One thing stated about an institution: a location, legal form, funder, activity."""

    kind: str  # "location", "legal_form", "funder", "operator", "activity"
    value: str
    evidence: Evidence
    code: str = ""  # actor code of a funder/operator/location, when known
    relation: str = ""  # the verb that stated it ("facilitate", "funded")
    place: Location | None = None  # a location's place in the gazetteer, when it resolves

    def to_dict(self) -> dict[str, Any]:
        data = {"kind": self.kind, "value": self.value, "code": self.code,
                "relation": self.relation, "evidence": self.evidence.to_dict()}  # fmt: skip
        if self.place is not None:
            data["place"] = self.place.to_dict()
        return data


@dataclass(frozen=True)
class StatusFact:
    """A sentence about whether an institution works: closed, suspended, (re)opened."""

    status: str  # "closed", "suspended" or "operating", as the words say it
    trigger: str  # lemma of the words: "close", "closure", "reopen", "remain open"
    when: When
    evidence: Evidence
    mode: str = ""
    actors: tuple[Party, ...] = ()

    @property
    def implies(self) -> str:
        """The status this fact supports ("" when it supports none): a denied closure says
        the institution still operates."""
        return lifecycle.status_implied(self.status, self.mode)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "trigger": self.trigger,
            **self.when.to_dict(),
            "mode": self.mode,
            "implies": self.implies,
            "actors": [a.to_dict() for a in self.actors],
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True)
class Institution:
    """An organisation the news describes: a center, embassy, office, company branch."""

    id: str
    name: str
    kind: str  # "center", "embassy", "consulate", "office", "branch", "company", ...
    owner: Party | None
    facts: tuple[InstitutionFact, ...]
    status_facts: tuple[StatusFact, ...]
    mentions: tuple[Evidence, ...]
    aliases: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # its proper names and acronyms ("MINUSMA")

    def _values(self, kind: str) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for fact in self.facts:
            if fact.kind == kind:
                seen.setdefault(fact.value, None)
        return tuple(seen)

    @property
    def locations(self) -> tuple[str, ...]:
        return self._values("location")

    @property
    def places(self) -> tuple[Location, ...]:
        """Its locations the gazetteer resolves (a city, or the country of a name it lacks),
        one per place, in the order stated."""
        seen: dict[tuple[str, str], Location] = {}
        for fact in self.facts:
            if fact.kind == "location" and fact.place is not None:
                seen.setdefault((fact.place.name, fact.place.country), fact.place)
        return tuple(seen.values())

    @property
    def legal_forms(self) -> tuple[str, ...]:
        return self._values("legal_form")

    @property
    def legal_form(self) -> str:
        return self.legal_forms[0] if self.legal_forms else ""

    @property
    def funders(self) -> tuple[str, ...]:
        return self._values("funder")

    @property
    def operators(self) -> tuple[str, ...]:
        return self._values("operator")

    @property
    def activities(self) -> tuple[str, ...]:
        return self._values("activity")

    @property
    def status(self) -> str:
        return lifecycle.institution_status(self.status_facts)[0]

    @property
    def status_evidence(self) -> tuple[StatusFact, ...]:
        """The facts the status rests on (latest date first)."""
        return lifecycle.institution_status(self.status_facts)[1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": "institution",
            "name": self.name,
            "kind": self.kind,
            "owner": self.owner.to_dict() if self.owner else None,
            "locations": list(self.locations),
            "places": [p.to_dict() for p in self.places],
            "legal_forms": list(self.legal_forms),
            "funders": list(self.funders),
            "operators": list(self.operators),
            "activities": list(self.activities),
            "status": self.status,
            "facts": [f.to_dict() for f in self.facts],
            "status_facts": [f.to_dict() for f in self.status_facts],
            "mentions": [e.to_dict() for e in self.mentions],
            "aliases": list(self.aliases),
            "names": list(self.names),
        }


@dataclass(frozen=True)
class Stance:
    """Someone's position on a claim: made it, refuted, confirmed or disputed it."""

    role: str  # "claimant", "refuter", "confirmer", "disputer"
    party: Party
    when: When
    evidence: Evidence
    mode: str = ""
    citing: tuple[str, ...] = ()  # whom they relied on ("experts", "unnamed officials")

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "party": self.party.to_dict(),
            **self.when.to_dict(),
            "mode": self.mode,
            "counted": lifecycle.counts(self.mode),
            "citing": list(self.citing),
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True)
class Claim:
    """A reported statement whose truth is at issue, with who made, refuted or confirmed it."""

    id: str
    text: str  # the claimed clause as written
    gist: str  # its core: subject, verb, object ("Russia is closing Japan Centers")
    predicate: str  # canonical lemma of its verb ("close")
    subjects: tuple[str, ...]  # actor codes of its subject
    object: str  # singular lemma of its object's head ("center")
    stances: tuple[Stance, ...]
    aliases: tuple[str, ...] = ()

    def _parties(self, role: str) -> tuple[Party, ...]:
        seen: dict[Party, None] = {}
        for stance in self.stances:
            if stance.role == role and lifecycle.counts(stance.mode):
                seen.setdefault(stance.party, None)
        return tuple(seen)

    @property
    def claimants(self) -> tuple[Party, ...]:
        return self._parties("claimant")

    @property
    def refuters(self) -> tuple[Party, ...]:
        return self._parties("refuter")

    @property
    def confirmers(self) -> tuple[Party, ...]:
        return self._parties("confirmer")

    @property
    def disputers(self) -> tuple[Party, ...]:
        return self._parties("disputer")

    @property
    def dates(self) -> tuple[str, ...]:
        return tuple(sorted({s.when.date for s in self.stances if s.when.date}))

    @property
    def standing(self) -> str:
        return lifecycle.claim_standing(self.stances)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": "claim",
            "text": self.text,
            "gist": self.gist,
            "predicate": self.predicate,
            "subjects": list(self.subjects),
            "object": self.object,
            "standing": self.standing,
            "dates": list(self.dates),
            "stances": [s.to_dict() for s in self.stances],
            "aliases": list(self.aliases),
        }


@dataclass(frozen=True)
class KnowledgeBase:
    """Agreements, institutions and claims from one or many documents."""

    agreements: tuple[Agreement, ...] = ()
    institutions: tuple[Institution, ...] = ()
    claims: tuple[Claim, ...] = field(default=())

    def merge(self, other: KnowledgeBase) -> KnowledgeBase:
        """Both bases in one, with mentions of the same thing merged (see `merge`)."""
        from dyad.knowledge.merge import merge_bases

        return merge_bases(self, other)

    def get(self, item_id: str) -> Agreement | Institution | Claim | None:
        """The record with this id (or that absorbed a record with this id)."""
        items: list[Agreement | Institution | Claim] = [
            *self.agreements,
            *self.institutions,
            *self.claims,
        ]
        return next((i for i in items if i.id == item_id or item_id in i.aliases), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "agreements": [a.to_dict() for a in self.agreements],
            "institutions": [i.to_dict() for i in self.institutions],
            "claims": [c.to_dict() for c in self.claims],
        }
