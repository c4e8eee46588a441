"""Records that may merge with one another: clusters of records that share a merge token.

`merge.group_records` compares a record only with the groups found under its keys (an id or
alias, a name, an institution's place, what a claim says). A record's merge tokens cover
every key it is looked up by or filed under, so two records that share no token, directly
or through other records, are never compared: each cluster of records that share tokens is
grouped the same way alone as with the whole store. A store keeps each cluster's groups and,
when documents come or go, regroups only the clusters their records touch.

Tokens are text (to be stored): the kind of key, then its parts, joined by a unit separator.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from dyad.knowledge.merge import institution_names, name_keys
from dyad.knowledge.model import Agreement, Claim, Institution
from dyad.knowledge.vocabulary import key_words, kind_family

T = TypeVar("T", Agreement, Institution, Claim)

_SEP = "\x1f"


def _token(*parts: str) -> str:
    return _SEP.join(parts)


def merge_tokens(item: Agreement | Institution | Claim) -> set[str]:
    """The tokens of every key `group_records` may look `item` up by or file its group under.

    An institution's place is a token without its owner: a group is filed under the owner
    of one member and the places of all, so the place alone must join the cluster."""
    tokens = {_token("id", i) for i in (item.id, *item.aliases)}
    if isinstance(item, Agreement):
        tokens |= {_token("name", *k) for k in name_keys(item)}
    elif isinstance(item, Institution):
        family = kind_family(item.kind)
        names = {key_words(item.name), *institution_names(item)}
        tokens |= {_token("name", family, *k) for k in names}
        tokens |= {_token("at", family, place) for place in item.locations}
    elif item.object:
        tokens.add(_token("says", item.predicate, item.object))
    return tokens


def clusters(items: Iterable[T]) -> list[list[T]]:
    """Records joined by shared tokens (directly or through others), each cluster in id
    order, the clusters in the order of their smallest id."""
    ordered = sorted(items, key=lambda x: x.id)
    parent = list(range(len(ordered)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    owner: dict[str, int] = {}
    for n, item in enumerate(ordered):
        for token in merge_tokens(item):
            first = owner.setdefault(token, n)
            a, b = root(first), root(n)
            if a != b:
                parent[max(a, b)] = min(a, b)
    found: dict[int, list[T]] = {}
    for n, item in enumerate(ordered):
        found.setdefault(root(n), []).append(item)
    return list(found.values())


def cluster_tokens(members: Sequence[Agreement | Institution | Claim]) -> set[str]:
    """Every token of a cluster's records."""
    return {t for m in members for t in merge_tokens(m)}
