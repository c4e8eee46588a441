"""Knowledge records as the store's rows: what one `knowledge` row holds, and back."""

from __future__ import annotations

import json

from dyad.knowledge.model import Agreement, Claim, Institution, KnowledgeBase
from dyad.knowledge.serialize import agreement_from_dict, claim_from_dict, institution_from_dict
from dyad.store.backend import Row

#: The record types, in the order a knowledge base lists them.
KNOWLEDGE_TYPES: tuple[str, ...] = ("agreement", "institution", "claim")

Item = Agreement | Institution | Claim


def item_codes(item: Item) -> list[str]:
    """The actor codes a record is about: parties, subjects, owner and codes of its facts."""
    if isinstance(item, Agreement):
        return list(item.party_codes)
    if isinstance(item, Claim):
        return list(item.subjects)
    codes = [item.owner.code] if item.owner and item.owner.code else []
    return list(dict.fromkeys([*codes, *(f.code for f in item.facts if f.code)]))


def type_kind_name(item: Item) -> tuple[str, str, str]:
    """A record's type ("agreement", "institution", "claim"), kind and name."""
    if isinstance(item, Agreement):
        return "agreement", item.kind, item.name
    if isinstance(item, Institution):
        return "institution", item.kind, item.name
    return "claim", item.predicate, item.gist


def knowledge_rows(doc_id: str, kb: KnowledgeBase) -> list[Row]:
    """The `knowledge` rows (KNOWLEDGE_COLUMNS order) for what one document states."""
    rows: list[Row] = []
    items: list[Item] = [*kb.agreements, *kb.institutions, *kb.claims]
    for item in items:
        kind_of, kind, name = type_kind_name(item)
        rows.append((doc_id, item.id, kind_of, kind, name, json.dumps(item_codes(item)),
                     json.dumps(item.to_dict(), ensure_ascii=False, sort_keys=True)))
    return rows


def item_from_dict(kind_of: str, data: dict[str, object]) -> Item:
    """A record of this type back from its `to_dict()` form."""
    if kind_of == "agreement":
        return agreement_from_dict(data)
    if kind_of == "institution":
        return institution_from_dict(data)
    return claim_from_dict(data)
