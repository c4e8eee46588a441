"""Within one document: which mentions are the same agreement, institution or claim.

* Agreements: a named mention joins the mention of the same name; "these agreements",
  "the treaty" join the latest agreement of their family (of the same number if any); a bare
  "agreements concerning X" joins one with compatible parties and subject; "an agreement"
  starts a new one. A plural agreement signed on several dates ("these agreements, signed in
  2000 and 2003") becomes one agreement per date, sharing the other steps. Only agreements
  with a step or a name are kept ("negotiations on a peace treaty" names no agreement yet).
* Institutions: same name; "these centers" → the latest of that kind; "these facilities",
  "these are…" → the latest institution of the last three sentences; a bare "Japanese
  technical assistance centers" → the latest of its kind with a compatible owner. Kept when
  named or described.
* Claims: same predicate and object; "denied the reports" → the latest claim. Weak claims
  ("X reported that P") are kept only when someone else takes a stance on them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from dyad.knowledge.agreements import AgreementMention
from dyad.knowledge.claim_content import ACCUSATION_NOUNS, ACT_PREFIX, CLAIM_NOUNS
from dyad.knowledge.claims import ClaimMention, Content, Informant
from dyad.knowledge.institutions import InstitutionMention
from dyad.knowledge.merge import (
    compatible_parties,
    countries,
    infer_dates,
    merge_parties,
    merge_steps,
    union,
)
from dyad.knowledge.model import (
    Agreement,
    Claim,
    Institution,
    InstitutionFact,
    KnowledgeBase,
    Party,
    Stance,
    stable_id,
)
from dyad.knowledge.vocabulary import (
    GENERIC_WORDS,
    key_words,
    kind_family,
    singular,
    speaks_for,
    state_of,
)

PRONOUN_WINDOW = 3  # sentences back a pronoun or generic noun may reach


def resolve_document(
    doc_id: str,
    agreements: Sequence[AgreementMention],
    institutions: Sequence[InstitutionMention],
    claims: Sequence[ClaimMention],
    informants: Sequence[Informant] = (),
) -> KnowledgeBase:
    """The knowledge one document states, from its mentions in document order."""
    return KnowledgeBase(
        agreements=tuple(resolve_agreements(doc_id, agreements)),
        institutions=tuple(resolve_institutions(doc_id, institutions)),
        claims=tuple(resolve_claims(doc_id, claims, informants)),
    )


# --- agreements -------------------------------------------------------------------------------


def _subject_words(mentions: Sequence[AgreementMention]) -> set[str]:
    return {w for m in mentions for s in m.subjects for w in key_words(s)}


def _names(mentions: Sequence[AgreementMention]) -> list[str]:
    """The names and short names the mentions give, longest first."""
    found = dict.fromkeys(n for m in mentions for n in (m.name, *m.aliases) if n)
    return sorted(found, key=lambda n: (-len(n), n.islower()))  # capitalised first on a tie


def _joins(cluster: list[AgreementMention], m: AgreementMention) -> bool:
    names = {key_words(n) for n in _names(cluster)}
    if m.name or m.aliases:
        # the same name, or the words of an earlier unnamed mention ("the nuclear
        # non-proliferation treaty" in a headline, then "the … Treaty (NPT)")
        labels = {key_words(c.label) for c in cluster if not c.name}
        return bool((names | labels) & {key_words(n) for n in (m.name, *m.aliases) if n})
    if key_words(m.label) in names:  # "the nuclear non-proliferation treaty", in lower case
        return True
    described = {w for c in cluster for w in key_words(c.label)}
    own = set(key_words(" ".join(m.descriptors)))
    if own and not own & (described | _subject_words(cluster) | {w for n in names for w in n}):
        return False  # "the fisheries agreement" is not the visa agreement named before it
    if cluster[0].family != m.family and not (m.reference == "anaphoric" and (
            m.kind in described or _broader(m, cluster[0]))):  # fmt: skip
        return False  # "the ceasefire" after "a ceasefire agreement" joins it
    if m.reference == "anaphoric":
        return True
    if all(c.position[0] == 0 for c in cluster) and key_words(m.label) in {
            key_words(c.label) for c in cluster}:  # fmt: skip
        return True  # the headline's "sign free trade agreement", then "signed a free …"
    if m.reference == "indefinite" or (names and m.reference != "bare"):
        return False
    parties = [p for c in cluster for p in c.parties]
    if not compatible_parties(parties, m.parties):
        return False
    words, own = _subject_words(cluster), _subject_words([m])
    shared = countries(parties) & countries(m.parties)
    return not words or not own or bool(words & own) or len(shared) >= 2


def _broader(m: AgreementMention, first: AgreementMention) -> bool:
    """A generic "the pact", "the accord", "the deal" may name a treaty told of before (a
    treaty is an agreement; "the treaty" is not any agreement)."""
    return m.generic and m.family == "agreement" and first.family == "treaty"


def cluster_agreements(mentions: Sequence[AgreementMention]) -> list[list[AgreementMention]]:
    clusters: list[list[AgreementMention]] = []
    for mention in mentions:
        candidates = [c for c in clusters if _joins(c, mention)]
        if mention.reference == "anaphoric":
            same_number = [c for c in candidates if any(x.plural == mention.plural for x in c)]
            candidates = same_number or candidates
        if candidates:
            max(candidates, key=lambda c: c[-1].position).append(mention)
        else:
            clusters.append([mention])
    return clusters


def _best_subject(mentions: Sequence[AgreementMention]) -> str:
    """The subject phrase that shares most words with the others (earliest on ties)."""
    subjects = [s for m in mentions for s in m.subjects]
    words = [set(key_words(s)) for s in subjects]
    best, score = "", -1
    for n, subject in enumerate(subjects):
        overlap = sum(len(words[n] & w) for k, w in enumerate(words) if k != n)
        if overlap > score:
            best, score = subject, overlap
    return best


def resolve_agreements(doc_id: str, mentions: Sequence[AgreementMention]) -> list[Agreement]:
    result = []
    for cluster in cluster_agreements(mentions):
        parties = {p.code[:3] for m in cluster for p in m.parties if p.code}
        if not any(m.steps or m.name for m in cluster) and len(parties) < 2:
            continue  # "negotiations on a peace treaty": no agreement yet; "a protocol
            # between Sudan and Chad" is one
        named = [m for m in cluster if m.name]
        names = _names(cluster)
        kinds = Counter(m.kind for m in named or cluster)
        first = cluster[0]
        steps = infer_dates([s for m in cluster for s in m.steps])
        subject = _best_subject(cluster)
        labelled = max(cluster, key=lambda m: len(m.label))
        label = labelled.label
        if ((labelled.generic or not set(key_words(label)) - GENERIC_WORDS) and subject
                and not set(key_words(subject)) <= set(key_words(label))):  # fmt: skip
            label = f"{label} on {subject}"  # "agreements" says little by itself
        base = Agreement(
            id=stable_id("agr", doc_id, *first.position),
            kind=kinds.most_common(1)[0][0],
            name=names[0] if names else label,
            names=tuple(names),
            parties=merge_parties(*(m.parties for m in cluster)),
            subject=subject,
            steps=merge_steps(steps),
            mentions=tuple(sorted(union(m.evidence for m in cluster))),
            count=max(m.count for m in cluster),
        )
        dates = next((m.split_dates for m in cluster if m.split_dates), [])
        if not dates:
            result.append(base)
            continue
        for day in dates:  # one agreement per listed signing date
            own = [s for s in base.steps if s.kind != "signed" or s.when.date == day]
            result.append(replace(base, id=stable_id("agr", doc_id, *first.position, day),
                                  steps=tuple(own), count=1))  # fmt: skip
    return result


# --- institutions -----------------------------------------------------------------------------


@dataclass
class _Cluster:
    mentions: list[InstitutionMention] = field(default_factory=list)

    @property
    def last(self) -> tuple[int, int]:
        return self.mentions[-1].position

    @property
    def kind(self) -> str:
        return next((m.kind for m in self.mentions if m.kind), "")

    @property
    def name(self) -> str:
        return next((m.name for m in self.mentions if m.name), "")

    @property
    def names(self) -> set[tuple[str, ...]]:
        """Its names and acronyms, normalised."""
        return {key_words(n) for m in self.mentions for n in (m.name, *m.aliases) if n}

    @property
    def owner_codes(self) -> set[str]:
        return {m.owner.code[:3] for m in self.mentions if m.owner and m.owner.code}

    @property
    def places(self) -> set[str]:
        return {p for m in self.mentions for p in _places(m.facts)}


def _target(clusters: list[_Cluster], m: InstitutionMention) -> _Cluster | None:
    if m.name:
        return next((c for c in clusters if key_words(m.name) in c.names), None)
    before = [c for c in clusters if c.last < m.position]
    if m.reference == "pronoun" or not m.kind:
        recent = [c for c in before if m.position[0] - c.last[0] <= PRONOUN_WINDOW]
        return max(recent, key=lambda c: c.last, default=None)
    same_kind = [c for c in before if kind_family(c.kind) == kind_family(m.kind)]
    if m.reference not in ("anaphoric", "bare"):
        return None
    owner = m.owner.code[:3] if m.owner and m.owner.code else ""
    places = _places(m.facts)
    fits = [c for c in same_kind  # "the Russian consulate in Poznan" is not the Polish one
            if (not owner or not c.owner_codes or owner in c.owner_codes)
            and (not places or not c.places or bool(places & c.places))
            and not (owner and all(_plural(x.label) for x in c.mentions))]  # "embassies"
    return max(fits, key=lambda c: c.last, default=None)


def _plural(label: str) -> bool:
    """Whether an institution's words name several ("Cuba and U.S. reopen embassies")."""
    words = label.split()
    return bool(words) and singular(words[-1]) != words[-1].lower()


def _places(facts: Sequence[InstitutionFact]) -> set[str]:
    return {f.value.lower() for f in facts if f.kind == "location"}


def _described_name(label: str, kind: str, owner: Party | None, locations: list[str]) -> str:
    """A name for an institution only described: its owner and kind ("Finnish consulate"),
    else its own words, and its one location ("… in St. Petersburg") unless they hold it."""
    if owner is not None and singular(kind) not in key_words(owner.text):
        name = f"{owner.text} {kind}"
    else:
        name = label  # the owner's words are the phrase itself ("the UN mission in Mali")
    place = locations[0] if len(locations) == 1 else ""
    if place and not set(key_words(place)) <= set(key_words(name)):
        name = f"{name} in {place}"
    return name


def resolve_institutions(doc_id: str, mentions: Sequence[InstitutionMention]) -> list[Institution]:
    clusters: list[_Cluster] = []
    for mention in mentions:
        target = _target(clusters, mention)
        if target is not None:
            target.mentions.append(mention)
        elif mention.kind:
            clusters.append(_Cluster([mention]))
    result = []
    for cluster in clusters:
        facts: dict[tuple[str, str], InstitutionFact] = {}
        for fact in (f for m in cluster.mentions for f in m.facts):
            facts.setdefault((fact.kind, fact.value.lower()), fact)
        status_facts = union(*(m.status_facts for m in cluster.mentions))
        if not facts and not status_facts:
            continue  # a name alone ("the World Bank said…") tells nothing about it
        first = cluster.mentions[0]
        owner = next((m.owner for m in cluster.mentions if m.owner), None)
        locations = [f.value for f in facts.values() if f.kind == "location"]
        name = cluster.name or _described_name(first.label, cluster.kind, owner, locations)
        result.append(Institution(
            id=stable_id("ins", doc_id, *first.position),
            name=name,
            kind=cluster.kind,
            owner=owner,
            facts=tuple(facts.values()),
            status_facts=tuple(status_facts),
            mentions=tuple(sorted(union(m.evidence for m in cluster.mentions
                                        if m.reference != "pronoun"))),
            names=tuple(dict.fromkeys(n for m in cluster.mentions for n in (m.name, *m.aliases)
                                      if n)),
        ))  # fmt: skip
    return result


# --- claims -----------------------------------------------------------------------------------


def _same_content(a: Content, b: Content) -> bool:
    if (a.predicate, a.object) != (b.predicate, b.object) or not a.object:
        return a.gist.lower() == b.gist.lower()
    return not a.subjects or not b.subjects or bool(set(a.subjects) & set(b.subjects))


def resolve_claims(doc_id: str, mentions: Sequence[ClaimMention],
                   informants: Sequence[Informant] = ()) -> list[Claim]:  # fmt: skip
    clusters: list[list[ClaimMention]] = []
    for mention in mentions:
        if mention.content is None:  # "denied the accusations": the latest such claim
            same_noun = [c for c in clusters if mention.noun and any(
                _one_noun(m.noun) == _one_noun(mention.noun) for m in c)]  # fmt: skip
            targets = same_noun or clusters
            if mention.noun.startswith(ACT_PREFIX):  # "denied any violations": only a claim
                targets = [c for c in clusters if any(  # of that act
                    m.content is not None and m.content.predicate == mention.noun[len(ACT_PREFIX):]
                    for m in c)]  # fmt: skip
            if any(s.role == "disputer" for s in mention.stances):  # a counter-accusation
                targets = [c for c in clusters if any(
                    speaks_for(s.party.code, _accused(c)) for s in mention.stances)]  # fmt: skip
            if targets:
                targets[-1].append(mention)
            continue
        content = mention.content
        target = next((c for c in clusters if c[0].content is not None
                       and _same_content(c[0].content, content)), None)  # fmt: skip
        if target is None and mention.named_only:  # "cannot agree with the ROK's claim"
            makers = {s.party.code for s in mention.stances if s.role == "claimant"} - {""}
            made = [c for c in clusters if makers & {s.party.code for m in c for s in m.stances
                                                     if s.role == "claimant"}]  # fmt: skip
            target = made[-1] if made else None
        if target is not None:
            target.append(mention)
        else:
            clusters.append([mention])
    result = []
    for cluster in clusters:
        accused = _accused(cluster)
        makers = {state_of(s.party.code) for m in cluster for s in m.stances
                  if s.role == "claimant"} - {""}  # fmt: skip
        stances = _named_makers_only([
            _as_answered(_with_sources(s, informants), accused, makers)
            for m in cluster for s in m.stances])  # fmt: skip
        roles = {s.role for s in stances}
        if all(m.weak for m in cluster if m.content is not None) and len(roles) < 2:
            continue
        strong = [m.content for m in cluster if m.content is not None and not m.weak]
        content = (strong or [m.content for m in cluster if m.content is not None])[0]
        assert content is not None
        subjects = dict.fromkeys(s for m in cluster if m.content for s in m.content.subjects)
        result.append(Claim(
            id=stable_id("clm", doc_id, *cluster[0].position),
            text=content.text,
            gist=content.gist,
            predicate=content.predicate,
            subjects=tuple(subjects),
            object=content.object,
            stances=tuple(_once_per_sentence(union(stances))),
        ))  # fmt: skip
    return result


def _once_per_sentence(stances: Sequence[Stance]) -> list[Stance]:
    """One stance per role, party, mode and sentence ("Russia's claims that P are false":
    the claim's noun and the verdict on it both say Russia made it)."""
    seen: set[tuple[str, str, str, int]] = set()
    kept = []
    for stance in stances:
        key = (stance.role, stance.party.code or stance.party.text, stance.mode,
               stance.evidence.sentence_id)
        if key not in seen:
            seen.add(key)
            kept.append(stance)
    return kept


def _one_noun(noun: str) -> str:
    """Claim nouns that name the same thing: an accusation, an allegation, a charge."""
    return "accusation" if noun in ACCUSATION_NOUNS else noun


def _named_makers_only(stances: list[Stance]) -> list[Stance]:
    """Without the claimants that are only the claim's noun ("denied accusations that P")
    when the document names who made the claim ("the Chadian accusation is not true")."""
    if not any(s.role == "claimant" and s.party.code for s in stances):
        return stances
    return [s for s in stances if not (s.role == "claimant" and not s.party.code
                                       and singular(s.party.text.lower()) in CLAIM_NOUNS)]


def _accused(cluster: Sequence[ClaimMention]) -> set[str]:
    """The countries a claim is about (its subjects)."""
    return {s for m in cluster if m.content for s in m.content.subjects}


def _as_answered(stance: Stance, accused: set[str], makers: set[str]) -> Stance:
    """A denial by the accused side leaves the claim open: it disputes it, it does not
    refute it ("Sudan denied accusations that its air force bombed Chad"); so does one
    state's rejection of another state's claim, a position the claimant keeps ("Korea
    rejects Japan's position that the islands are Japan's"). A denial by someone else (a
    news agency citing experts, an organisation) presents the claim as false."""
    if stance.role != "refuter":
        return stance
    state = state_of(stance.party.code)
    if speaks_for(stance.party.code, accused) or (state and makers and state not in makers):
        return replace(stance, role="disputer")
    return stance


def _with_sources(stance: Stance, informants: Sequence[Informant]) -> Stance:
    """A refuter or confirmer cites whoever the document says told it so."""
    if stance.role == "claimant" or not stance.party.code:
        return stance
    told = [i.text for i in informants if stance.party.code in i.codes]
    citing = tuple(dict.fromkeys([*stance.citing, *told]))
    return replace(stance, citing=citing) if citing != stance.citing else stance
