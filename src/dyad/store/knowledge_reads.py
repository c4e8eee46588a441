"""Reading only the merged records a question may show: a status question, a dyad's or a
document's knowledge, a filtered list.

Each read selects candidate records by their look-up keys (`knowledge_keys`: words, codes,
countries, states, documents) in SQL, reads those records only, and gives them to the same
pure function a full load would (`answer_status`, `dyad_knowledge`, `select_agreements`…),
so the answer is the one the whole knowledge base gives, in the same order. A store that does
not keep its merge the way this dyad does (`groups_built`) is read whole, as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from dyad.knowledge.model import Agreement, Claim, Institution, KnowledgeBase
from dyad.knowledge.pairs import DyadKnowledge, document_knowledge, dyad_knowledge
from dyad.knowledge.status import (
    STATUS_LIMIT,
    InstitutionAnswer,
    StatusAnswer,
    answer_status,
    select_agreements,
    select_claims,
    select_institutions,
)
from dyad.knowledge.summary import country
from dyad.knowledge.vocabulary import key_words
from dyad.store.backend import Backend
from dyad.store.knowledge import load_knowledge, merge_on_load
from dyad.store.knowledge_groups import (
    group_names,
    groups_built,
    ids_holding_each,
    ids_of,
    naming_group_ids,
    pair_group_ids,
    read_ordered,
    select_group_ids,
)
from dyad.store.knowledge_rows import KNOWLEDGE_TYPES, Item


def _words(text: str) -> list[str]:
    return [f"w:{w}" for w in sorted(set(key_words(text)))]


def _base(agreements: Sequence[Item] = (), institutions: Sequence[Item] = (),
          claims: Sequence[Item] = ()) -> KnowledgeBase:  # fmt: skip
    return KnowledgeBase(
        agreements=tuple(a for a in agreements if isinstance(a, Agreement)),
        institutions=tuple(i for i in institutions if isinstance(i, Institution)),
        claims=tuple(c for c in claims if isinstance(c, Claim)))


def select_ids(backend: Backend, kind_of: str, *, party: str = "", state: str = "",
               query: str = "") -> list[str]:  # fmt: skip
    """Ids of the merged records of one type ("agreement", "institution", "claim") that
    `select_agreements` (`select_institutions`, `select_claims`) gives for these filters, in
    its order: `party` an actor code prefix (agreements), `state` a status or standing,
    `query` words that must all occur."""
    if kind_of not in KNOWLEDGE_TYPES:
        raise ValueError(f"no knowledge type {kind_of!r}")
    if not groups_built(backend):
        kb = merge_on_load(backend, [kind_of])
        found: Sequence[Item]
        if kind_of == "agreement":
            found = select_agreements(kb, party=party, status=state, query=query)
        elif kind_of == "institution":
            found = select_institutions(kb, status=state, query=query)
        else:
            found = select_claims(kb, standing=state, query=query)
        return [item.id for item in found]
    keys = _words(query) + ([f"s:{state}"] if state else [])
    return select_group_ids(backend, kind_of, keys=keys,
                            code_prefix=party.upper() if kind_of == "agreement" else "")


def load_status(backend: Backend, query: str, *,
                limit: int | None = STATUS_LIMIT) -> StatusAnswer:  # fmt: skip
    """`answer_status` of the store's knowledge for `query`: the ids of the institutions,
    agreements and claims whose words hold the query's (and, for each institution shown,
    of the agreements and claims whose words hold its name's) are selected by their keys,
    and only the records the answer shows are read."""
    words = _words(query)
    if not words or not groups_built(backend):  # no key words: every record answers
        return answer_status(load_knowledge(backend), query, limit=limit)
    named = select_group_ids(backend, "institution", keys=words)
    institutions = [i for i in read_ordered(backend, "institution", named[:limit])
                    if isinstance(i, Institution)]
    names = [_words(institution.name) for institution in institutions]
    related = list(zip(ids_holding_each(backend, "agreement", names),
                       ids_holding_each(backend, "claim", names), strict=True))
    agreement_ids = list(dict.fromkeys([*(i for a, _ in related for i in a),
                                        *select_group_ids(backend, "agreement", keys=words)]))
    claim_ids = list(dict.fromkeys([*(i for _, c in related for i in c),
                                    *select_group_ids(backend, "claim", keys=words)]))
    wanted_agreements = [*agreement_ids[:limit], *(i for a, _ in related for i in a[:limit])]
    wanted_claims = [*claim_ids[:limit], *(i for _, c in related for i in c[:limit])]
    agreements = {a.id: a for a in read_ordered(backend, "agreement", wanted_agreements)
                  if isinstance(a, Agreement)}
    claims = {c.id: c for c in read_ordered(backend, "claim", wanted_claims)
              if isinstance(c, Claim)}
    answers = tuple(InstitutionAnswer(
        institution, institution.status, institution.status_evidence,
        tuple(agreements[i] for i in a[:limit]), tuple(claims[i] for i in c[:limit]))
        for institution, (a, c) in zip(institutions, related, strict=True))
    return StatusAnswer(query, answers, tuple(agreements[i] for i in agreement_ids[:limit]),
                        tuple(claims[i] for i in claim_ids[:limit]),
                        (len(named), len(agreement_ids), len(claim_ids)))


def load_pair(backend: Backend, first: str, second: str, *,
              limit: int | None = None) -> DyadKnowledge:  # fmt: skip
    """`dyad_knowledge` of the store for a pair of countries (with `limit`, the first
    `limit` records of each type and how many there are in all), selected by their country
    and word keys: the agreements that bind both or only them, the institutions tied to both,
    the claims about both or about one that name one of those (by their names, read without
    the records); only the records given are read."""
    if not groups_built(backend):
        found = dyad_knowledge(load_knowledge(backend), first, second)
        if limit is None:
            return found
        return DyadKnowledge(found.agreements[:limit], found.institutions[:limit],
                             found.claims[:limit], (len(found.agreements),
                                                    len(found.institutions), len(found.claims)))
    countries = sorted({country(first), country(second)})
    agreements = pair_group_ids(backend, "agreement", countries, alone=True)
    institutions = pair_group_ids(backend, "institution", countries)
    names = [*group_names(backend, "institution", institutions),
             *group_names(backend, "agreement", agreements)]
    claims = pair_group_ids(backend, "claim", countries)  # in knowledge base order
    naming = set(naming_group_ids(backend, "claim", countries, names)) - set(claims)
    if naming:
        claims = ids_of(backend, "claim", [*claims, *naming])
    shown = [ids[:limit] if limit is not None else ids
             for ids in (agreements, institutions, claims)]
    read = {kind_of: {i.id: i for i in read_ordered(backend, kind_of, ids)}
            for kind_of, ids in zip(KNOWLEDGE_TYPES, shown, strict=True)}
    base = _base(*([read[kind_of][i] for i in ids if i in read[kind_of]]
                   for kind_of, ids in zip(KNOWLEDGE_TYPES, shown, strict=True)))
    totals = None if limit is None else (len(agreements), len(institutions), len(claims))
    return DyadKnowledge(base.agreements, base.institutions, base.claims, totals)


def load_document_knowledge(backend: Backend, doc_id: str) -> DyadKnowledge:
    """`document_knowledge` of the store for one document, reading only the records it
    states something about."""
    if not groups_built(backend):
        return document_knowledge(load_knowledge(backend), doc_id)
    read = {kind_of: read_ordered(backend, kind_of, select_group_ids(
        backend, kind_of, keys=[f"d:{doc_id}"])) for kind_of in KNOWLEDGE_TYPES}
    return document_knowledge(_base(read["agreement"], read["institution"], read["claim"]),
                              doc_id)
