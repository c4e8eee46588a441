"""The knowledge (agreements, institutions, claims) that concerns a pair of countries, or
that a document states something about (the dyad and document pages). Pure functions over a
knowledge base: a store reads only the records that may qualify
(`dyad.store.knowledge.load_pair`, `load_document_knowledge`) and filters them with these."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from dyad.knowledge.model import Agreement, Claim, Institution, KnowledgeBase
from dyad.knowledge.summary import claim_codes, country, institution_codes
from dyad.knowledge.vocabulary import key_words

T = TypeVar("T")


def _touches(codes: Iterable[str], countries: frozenset[str]) -> int:
    """How many of `countries` the codes name."""
    return len({country(c) for c in codes if c} & countries)


def _agreement_hits(agreement: Agreement, countries: frozenset[str]) -> int:
    """How many of the pair's countries an agreement binds, or 0 if it is another pair's: a
    Japan–Australia pact is not about Japan and Russia, a pact of Japan, Russia and others is."""
    parties = {country(c) for c in agreement.party_codes if c}
    hits = len(parties & countries)
    return hits if hits == len(countries) or parties <= countries else 0


def _ranked(items: Iterable[tuple[T, int]]) -> tuple[T, ...]:
    """The items that touch a country, those touching both first (otherwise in order)."""
    kept = [(item, hits) for item, hits in items if hits]
    return tuple(item for item, _ in sorted(kept, key=lambda pair: -pair[1]))


@dataclass(frozen=True)
class DyadKnowledge:
    """Agreements of the pair (or binding both), institutions tied to both countries, and
    claims about or by both (or naming one of those institutions or agreements)."""

    agreements: tuple[Agreement, ...]
    institutions: tuple[Institution, ...]
    claims: tuple[Claim, ...]
    #: how many agreements, institutions and claims there are in all, when only the first
    #: ones are given (`dyad.store.knowledge_reads.load_pair` with a limit)
    totals: tuple[int, int, int] | None = None


def names_one_of(words: Iterable[str], names: Iterable[str]) -> bool:
    """Whether a claim's key words (`key_words` of its gist and text) hold every key word of
    one of `names`, as a status answer relates claims to an institution: "Russia is closing
    Japan Centers" names the Japan Center."""
    held = set(words)
    return any(named and named <= held for named in (set(key_words(n)) for n in names))


def _names_one_of(claim: Claim, names: Iterable[str]) -> bool:
    return names_one_of(key_words(f"{claim.gist} {claim.text}"), names)


def dyad_knowledge(kb: KnowledgeBase, first: str, second: str) -> DyadKnowledge:
    """What the knowledge base holds about the pair of countries: a record tied to one of
    them only (a center in Tokyo run by an international body) is another pair's."""
    countries = frozenset({country(first), country(second)})
    both = len(countries)
    agreements = _ranked((a, _agreement_hits(a, countries)) for a in kb.agreements)
    institutions = tuple(i for i in kb.institutions
                         if _touches(institution_codes(i), countries) == both)
    names = [*(i.name for i in institutions), *(a.name for a in agreements)]
    claims = tuple(c for c in kb.claims if _touches(claim_codes(c), countries) == both
                   or (_touches(claim_codes(c), countries) and _names_one_of(c, names)))
    return DyadKnowledge(agreements, institutions, claims)


def document_knowledge(kb: KnowledgeBase, doc_id: str) -> DyadKnowledge:
    """The agreements, institutions and claims a document states something about (each with
    all its evidence, from this document and others)."""
    return DyadKnowledge(
        tuple(a for a in kb.agreements if any(e.doc_id == doc_id for e in a.mentions)),
        tuple(i for i in kb.institutions if any(e.doc_id == doc_id for e in i.mentions)),
        tuple(c for c in kb.claims if any(s.evidence.doc_id == doc_id for s in c.stances)),
    )
