"""Merging records of the same agreement, institution or claim across documents.

Two records merge when they are compatible and come from different documents (within one
document, `resolve` has already decided what is the same):

* agreements: a shared name, short name or acronym ("the NPT" and "the Nuclear
  Non-Proliferation Treaty (NPT)"), compatible parties, and a common signing year when both
  state one. A record that is only described ("the Treaty", "agreements concerning X") never
  joins a record of another document: two documents' "the Treaty" need not be one treaty;
* institutions: same kind and the same name words, or the same owner and a common location;
* claims: same predicate and object, overlapping subjects (or none known).

The merged record keeps the smallest id and lists the others as `aliases`, so ids handed out
before (by a store) still find it. Merging is deterministic: records are taken in id order.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Generic, TypeVar

from dyad.knowledge.lifecycle import STEP_KINDS, counts
from dyad.knowledge.model import (
    Agreement,
    AgreementStep,
    Claim,
    Evidence,
    Institution,
    InstitutionFact,
    KnowledgeBase,
    Party,
    When,
)
from dyad.knowledge.vocabulary import key_words, kind_family

T = TypeVar("T", Agreement, Institution, Claim)
H = TypeVar("H", bound=Hashable)

#: Steps that may be one event told in different words ("suspending" / "termination").
STEP_FAMILY: dict[str, str] = {
    "suspended": "end", "terminated": "end", "withdrawn": "end", "signed": "start",
    "ratified": "ratified", "in_force": "in_force", "extended": "in_force",
    "revived": "revived", "violated": "violated",
}  # fmt: skip
_SOURCE_RANK = {"stated": 0, "named": 1, "inferred": 2, "document": 3}



def countries(parties: Iterable[Party]) -> set[str]:
    """Country (or organisation) prefixes of the parties' codes."""
    return {p.code[:3] for p in parties if p.code and not p.code.startswith("---")}


def compatible_parties(a: Iterable[Party], b: Iterable[Party]) -> bool:
    """Whether two party lists can name the same parties: one's countries are all among the
    other's (a report may name fewer parties: Russia alone, or Japan and Russia), or either
    names none. Japan–Australia and Japan–Russia are different pairs."""
    left, right = countries(a), countries(b)
    return left <= right or right <= left


def docs_of(evidence: Iterable[Evidence]) -> set[str]:
    return {e.doc_id for e in evidence}


def union(*groups: Iterable[H]) -> list[H]:
    """Items of the groups in order, without repeats."""
    seen: dict[H, None] = {}
    for group in groups:
        for item in group:
            seen.setdefault(item, None)
    return list(seen)


def merge_parties(*groups: Iterable[Party]) -> tuple[Party, ...]:
    """Parties without repeats: one per code (one per words when the code is unknown)."""
    result: dict[str, Party] = {}
    for group in groups:
        for party in group:
            key = party.code or party.text.lower()
            result.setdefault(key, party)
    return tuple(result.values())


# --- steps --------------------------------------------------------------------------------------


def infer_dates(steps: Sequence[AgreementStep]) -> list[AgreementStep]:
    """An undated asserted step takes the stated date of an asserted step of the same family
    in the same document by a compatible actor: one event told in several words."""
    dated = [s for s in steps if s.when.source == "stated" and counts(s.mode)]
    result = []
    for step in steps:
        if step.when.source == "document" and counts(step.mode):
            donor = next((d for d in dated if STEP_FAMILY[d.kind] == STEP_FAMILY[step.kind]
                          and d.evidence.doc_id == step.evidence.doc_id
                          and compatible_parties(d.actors, step.actors)), None)  # fmt: skip
            if donor is not None:
                step = replace(step, when=replace(donor.when, source="inferred"))
        result.append(step)
    return result


def merge_steps(steps: Iterable[AgreementStep]) -> tuple[AgreementStep, ...]:
    """Steps stated several times (same kind, mode and date, compatible actors) as one,
    with the other sentences kept in `also`; ordered by date."""
    merged: list[AgreementStep] = []
    alike: dict[tuple[str, str, str], list[int]] = {}  # (kind, mode, date) → merged slots
    for step in steps:
        slots = alike.setdefault((step.kind, step.mode, step.when.date), [])
        n = next((k for k in slots if compatible_parties(merged[k].actors, step.actors)), None)
        if n is None:
            slots.append(len(merged))
            merged.append(step)
        else:
            merged[n] = _combine_step(merged[n], step)
    return tuple(sorted(merged, key=lambda s: (s.when.date, STEP_KINDS.index(s.kind),
                                               s.evidence)))  # fmt: skip


def _combine_step(a: AgreementStep, b: AgreementStep) -> AgreementStep:
    first, second = (a, b) if _SOURCE_RANK[a.when.source] <= _SOURCE_RANK[b.when.source] else (
        b, a)  # fmt: skip
    evidence = sorted(union([first.evidence], first.also, [second.evidence], second.also),
                      key=lambda e: (e != first.evidence, e))  # fmt: skip
    return replace(first, actors=merge_parties(first.actors, second.actors),
                   evidence=evidence[0], also=tuple(evidence[1:]))  # fmt: skip


# --- compatibility ----------------------------------------------------------------------------


def name_keys(agreement: Agreement) -> set[tuple[str, ...]]:
    """The normalised names an agreement goes by (none when it is only described)."""
    return {key_words(n) for n in agreement.names} - {()}


def _signing_years(agreement: Agreement) -> set[str]:
    return {s.when.date[:4] for s in agreement.steps
            if s.kind == "signed" and s.when.source in ("stated", "named")
            and counts(s.mode)}  # fmt: skip


def same_agreement(a: Agreement, b: Agreement) -> bool:
    if a.id == b.id or a.id in b.aliases or b.id in a.aliases:
        return True
    if docs_of(a.mentions) & docs_of(b.mentions):
        return False
    if not name_keys(a) & name_keys(b):
        return False
    if not compatible_parties(a.parties, b.parties):
        return False
    years_a, years_b = _signing_years(a), _signing_years(b)
    return not (years_a and years_b and not years_a & years_b)


def same_institution(a: Institution, b: Institution) -> bool:
    if a.id == b.id or a.id in b.aliases or b.id in a.aliases:
        return True
    if docs_of(a.mentions) & docs_of(b.mentions) or kind_family(a.kind) != kind_family(b.kind):
        return False
    if key_words(a.name) == key_words(b.name) or institution_names(a) & institution_names(b):
        locations_a, locations_b = set(a.locations), set(b.locations)
        return not locations_a or not locations_b or bool(locations_a & locations_b)
    same_owner = a.owner is not None and b.owner is not None and a.owner.code == b.owner.code
    return same_owner and bool(set(a.locations) & set(b.locations))


def institution_names(institution: Institution) -> set[tuple[str, ...]]:
    """The normalised names and acronyms an institution goes by."""
    return {key_words(n) for n in (institution.name, *institution.names)} - {()}


def same_claim(a: Claim, b: Claim) -> bool:
    if a.id == b.id or a.id in b.aliases or b.id in a.aliases:
        return True
    if (a.predicate, a.object) != (b.predicate, b.object) or not a.object:
        return False
    return not a.subjects or not b.subjects or bool(set(a.subjects) & set(b.subjects))


# --- combining --------------------------------------------------------------------------------


def _ordered(a: T, b: T) -> tuple[T, T, str, tuple[str, ...]]:
    """The record keeping its id (the smaller), the other one, that id and the merged aliases."""
    first = min(a.id, b.id)
    aliases = tuple(sorted({a.id, b.id, *a.aliases, *b.aliases} - {first}))
    base, other = (a, b) if a.id == first else (b, a)
    return base, other, first, aliases


def combine_agreements(a: Agreement, b: Agreement) -> Agreement:
    base, other, first, aliases = _ordered(a, b)
    return replace(
        base,
        id=first,
        aliases=aliases,
        parties=merge_parties(base.parties, other.parties),
        subject=base.subject or other.subject,
        names=tuple(dict.fromkeys([*base.names, *other.names])),
        steps=merge_steps([*base.steps, *other.steps]),
        mentions=tuple(sorted(union(base.mentions, other.mentions))),
        count=max(base.count, other.count),
    )


def combine_institutions(a: Institution, b: Institution) -> Institution:
    base, other, first, aliases = _ordered(a, b)
    seen = {(f.kind, f.value.lower()) for f in base.facts}
    facts = [*base.facts, *(f for f in other.facts if (f.kind, f.value.lower()) not in seen)]
    return replace(
        base,
        id=first,
        aliases=aliases,
        owner=base.owner or other.owner,
        facts=tuple(facts),
        status_facts=tuple(union(base.status_facts, other.status_facts)),
        mentions=tuple(sorted(union(base.mentions, other.mentions))),
    )


def combine_claims(a: Claim, b: Claim) -> Claim:
    base, other, first, aliases = _ordered(a, b)
    return replace(
        base,
        id=first,
        aliases=aliases,
        subjects=tuple(dict.fromkeys([*base.subjects, *other.subjects])),
        stances=tuple(union(base.stances, other.stances)),
    )


# --- merging many -----------------------------------------------------------------------------
# Records of the same thing are grouped first and combined once per group, and each record is
# compared only with the groups that share a key with it (an id, a name, what a claim says):
# n records take about n steps, however many documents report the same thing. A group keeps
# what the comparisons need (its ids, documents, names, countries, signing years, locations,
# owner, subjects) as sets updated as members join, so the tests are those of `same_*` on the
# combined record.


@dataclass
class _Group(Generic[T]):
    members: list[T]
    ids: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    names: set[tuple[str, ...]] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    years: set[str] = field(default_factory=set)
    locations: set[str] = field(default_factory=set)
    owner: str | None = None  # the code of the first owner known, as `combine` keeps it
    subjects: set[str] = field(default_factory=set)

    @property
    def base(self) -> T:
        return self.members[0]

    def absorb(self, item: T) -> None:
        self.ids.update((item.id, *item.aliases))
        if isinstance(item, Agreement):
            self.docs |= docs_of(item.mentions)
            self.names |= name_keys(item)
            self.countries |= countries(item.parties)
            self.years |= _signing_years(item)
        elif isinstance(item, Institution):
            self.docs |= docs_of(item.mentions)
            self.locations.update(item.locations)
            self.names |= institution_names(item)
            if self.owner is None and item.owner is not None:
                self.owner = item.owner.code
        else:
            self.subjects.update(item.subjects)


def _fits(group: _Group[T], item: T) -> bool:
    """`same_*` of the group's combined record and `item`."""
    if item.id in group.ids or group.base.id in item.aliases:
        return True
    if isinstance(item, Agreement):
        if group.docs & docs_of(item.mentions) or not group.names & name_keys(item):
            return False
        theirs = countries(item.parties)
        if not (group.countries <= theirs or theirs <= group.countries):
            return False
        years = _signing_years(item)
        return not (group.years and years and not group.years & years)
    if isinstance(item, Institution):
        base = group.base
        assert isinstance(base, Institution)
        if group.docs & docs_of(item.mentions) or kind_family(base.kind) != kind_family(
                item.kind):  # fmt: skip
            return False
        mine = set(item.locations)
        if key_words(base.name) == key_words(item.name) or group.names & institution_names(item):
            return not group.locations or not mine or bool(group.locations & mine)
        same_owner = group.owner is not None and item.owner is not None and (
            group.owner == item.owner.code)
        return same_owner and bool(group.locations & mine)
    base = group.base
    assert isinstance(base, Claim) and isinstance(item, Claim)
    if (base.predicate, base.object) != (item.predicate, item.object) or not item.object:
        return False
    return not group.subjects or not item.subjects or bool(group.subjects & set(item.subjects))


def _keys(group: _Group[T], item: T) -> list[Hashable]:
    """The keys under which a group is found once `item` has joined it."""
    keys: list[Hashable] = [("id", i) for i in (item.id, *item.aliases)]
    if isinstance(item, Agreement):
        keys += [("name", k) for k in name_keys(item)]
    elif isinstance(item, Institution):
        base = group.base
        assert isinstance(base, Institution)
        family = kind_family(base.kind)
        keys += [("name", family, k) for k in institution_names(item)]
        keys.append(("name", family, key_words(base.name)))
        if group.owner is not None:
            keys += [("at", family, group.owner, place) for place in group.locations]
    else:
        keys += [("says", item.predicate, item.object)] if item.object else []
    return keys


def _lookup(item: Agreement | Institution | Claim) -> list[Hashable]:
    """The keys under which the groups `item` may join are found."""
    keys: list[Hashable] = [("id", i) for i in (item.id, *item.aliases)]
    if isinstance(item, Agreement):
        keys += [("name", k) for k in name_keys(item)]
    elif isinstance(item, Institution):
        family = kind_family(item.kind)
        keys += [("name", family, k) for k in (key_words(item.name), *institution_names(item))]
        if item.owner is not None:
            keys += [("at", family, item.owner.code, place) for place in item.locations]
    elif item.object:
        keys.append(("says", item.predicate, item.object))
    return keys


def group_records(items: Iterable[T]) -> list[list[T]]:
    """Records of the same thing, grouped: greedy in id order, each record joins the first
    group (by its first member) whose combined record it is `same_*` as."""
    groups: list[_Group[T]] = []
    index: dict[Hashable, list[int]] = {}
    for item in sorted(items, key=lambda x: x.id):
        candidates = sorted({n for key in _lookup(item) for n in index.get(key, ())})
        slot = next((n for n in candidates if _fits(groups[n], item)), None)
        if slot is None:
            slot = len(groups)
            groups.append(_Group([item]))
        else:
            groups[slot].members.append(item)
        groups[slot].absorb(item)
        for key in _keys(groups[slot], item):
            slots = index.setdefault(key, [])
            if not slots or slots[-1] != slot:
                slots.append(slot)
    return [g.members for g in groups]


def _aliases(members: Sequence[Agreement | Institution | Claim]) -> tuple[str, ...]:
    ids = {i for m in members for i in (m.id, *m.aliases)}
    return tuple(sorted(ids - {members[0].id}))


def combine_all_agreements(members: Sequence[Agreement]) -> Agreement:
    """One agreement from records of it (the first, of the smallest id, keeps its id)."""
    if len(members) == 1:
        return members[0]
    base = members[0]
    return replace(
        base,
        aliases=_aliases(members),
        parties=merge_parties(*(m.parties for m in members)),
        subject=next((m.subject for m in members if m.subject), ""),
        names=tuple(dict.fromkeys(n for m in members for n in m.names)),
        steps=merge_steps([s for m in members for s in m.steps]),
        mentions=tuple(sorted(union(*(m.mentions for m in members)))),
        count=max(m.count for m in members),
    )


def combine_all_institutions(members: Sequence[Institution]) -> Institution:
    """One institution from records of it."""
    if len(members) == 1:
        return members[0]
    base = members[0]
    facts: dict[tuple[str, str], InstitutionFact] = {}
    for fact in (f for m in members for f in m.facts):
        facts.setdefault((fact.kind, fact.value.lower()), fact)
    return replace(
        base,
        aliases=_aliases(members),
        owner=next((m.owner for m in members if m.owner is not None), None),
        names=tuple(dict.fromkeys(n for m in members for n in m.names)),
        facts=tuple(facts.values()),
        status_facts=tuple(union(*(m.status_facts for m in members))),
        mentions=tuple(sorted(union(*(m.mentions for m in members)))),
    )


def combine_all_claims(members: Sequence[Claim]) -> Claim:
    """One claim from records of it."""
    if len(members) == 1:
        return members[0]
    return replace(
        members[0],
        aliases=_aliases(members),
        subjects=tuple(dict.fromkeys(s for m in members for s in m.subjects)),
        stances=tuple(union(*(m.stances for m in members))),
    )


def first_evidence(item: Agreement | Institution | Claim) -> tuple[str, int, str, str]:
    """Sort key: where the record is first stated (then its signing date, then its id)."""
    if isinstance(item, Claim):
        evidence = [s.evidence for s in item.stances]
    else:
        evidence = list(item.mentions)
    first = min(evidence) if evidence else Evidence("", 0, "", (0, 0))
    signed = ""
    if isinstance(item, Agreement):
        signed = min((s.when.date for s in item.steps if s.kind == "signed"), default="")
    return first.doc_id, first.sentence_id, signed, item.id


def merge_bases(a: KnowledgeBase, b: KnowledgeBase) -> KnowledgeBase:
    """Two knowledge bases as one, with records of the same thing merged."""
    agreements = [combine_all_agreements(g) for g in group_records([*a.agreements,
                                                                     *b.agreements])]
    institutions = [combine_all_institutions(g) for g in group_records([*a.institutions,
                                                                         *b.institutions])]
    claims = [combine_all_claims(g) for g in group_records([*a.claims, *b.claims])]
    return KnowledgeBase(
        agreements=tuple(sorted(agreements, key=first_evidence)),
        institutions=tuple(sorted(institutions, key=first_evidence)),
        claims=tuple(sorted(claims, key=first_evidence)),
    )


def when_rank(when: When) -> int:
    """How firmly a date was stated (0 stated … 3 the document's)."""
    return _SOURCE_RANK.get(when.source, 4)
