"""Clusters of records sharing a merge token: grouping each cluster alone gives the groups
of grouping all records at once."""

from __future__ import annotations

import pytest

from dyad.knowledge.clusters import clusters, merge_tokens
from dyad.knowledge.merge import group_records
from dyad.knowledge.model import Agreement, Claim, Institution
from tests.knowledge.records import stated_documents


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("kind", [Agreement, Institution, Claim])
def test_clusters_group_as_the_whole_does(seed: int, kind: type) -> None:
    items = [i for found in stated_documents(60, seed).values() for i in found
             if isinstance(i, kind)]
    whole = sorted([m.id for m in g] for g in group_records(items))
    apart = sorted([m.id for m in g] for c in clusters(items) for g in group_records(c))
    assert apart == whole
    assert len(clusters(items)) > 1


def test_clusters_tokens_of_a_described_agreement_are_its_id_alone() -> None:
    (described,) = [i for found in stated_documents(40).values() for i in found
                    if isinstance(i, Agreement) and not i.names][:1]
    assert merge_tokens(described) == {f"id\x1f{described.id}"}


def test_clusters_join_records_through_a_third() -> None:
    items = [i for found in stated_documents(60).values() for i in found
             if isinstance(i, Institution)]
    found = clusters(items)
    assert sorted(i.id for c in found for i in c) == sorted(i.id for i in items)
    for cluster in found:
        assert [i.id for i in cluster] == sorted(i.id for i in cluster)
        tokens = [merge_tokens(i) for i in cluster]
        others = [t for c in found if c is not cluster for i in c for t in merge_tokens(i)]
        assert not set().union(*tokens) & set(others)
