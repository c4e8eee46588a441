"""The knowledge layer: agreements, institutions and claims, with their status over time.

    extract_knowledge(parsed, dictionaries) -> KnowledgeBase    one parsed document
    KnowledgeExtractor(dictionaries).extract(parsed)            the same, built once
    KnowledgeBase.merge(other)                                  across documents
    answer_status(kb, "Japan Center") -> StatusAnswer           with the evidence

Modules: `model` (records), `lifecycle` (status from dated evidence), `vocabulary` (the
words of kinds and names), `context` (sentence helpers), `agreements` and
`agreement_names` (the phrase's name, acronyms, topics and parties), `institutions`,
`claims`, `claim_content`, `claim_answers` (one sentence each), `resolve` (within a
document), `place` (role-only parties given the document's country), `merge` (across
documents), `extract` (the walk), `status` (questions), `serialize` (records back from their
dicts).

Reading knowledge (model, lifecycle, vocabulary, merge, status, serialize) does not load the
parser: the extractor (`KnowledgeExtractor`, `extract_knowledge`) is imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dyad.knowledge.model import (
    Agreement,
    AgreementStep,
    Claim,
    Evidence,
    Institution,
    InstitutionFact,
    KnowledgeBase,
    Party,
    Stance,
    StatusFact,
    When,
)
from dyad.knowledge.serialize import knowledge_from_dict
from dyad.knowledge.status import (
    StatusAnswer,
    answer_status,
    describe,
    select_agreements,
    select_claims,
    select_institutions,
)

if TYPE_CHECKING:
    from dyad.knowledge.extract import KnowledgeExtractor, extract_knowledge

_EXTRACTION = ("KnowledgeExtractor", "extract_knowledge")


def __getattr__(name: str) -> Any:
    """The extractor, imported when first asked for (it loads spaCy)."""
    if name in _EXTRACTION:
        from dyad.knowledge import extract

        return getattr(extract, name)
    raise AttributeError(f"module 'dyad.knowledge' has no attribute {name!r}")


__all__ = [
    "Agreement",
    "AgreementStep",
    "Claim",
    "Evidence",
    "Institution",
    "InstitutionFact",
    "KnowledgeBase",
    "KnowledgeExtractor",
    "Party",
    "Stance",
    "StatusAnswer",
    "StatusFact",
    "When",
    "answer_status",
    "describe",
    "extract_knowledge",
    "knowledge_from_dict",
    "select_agreements",
    "select_claims",
    "select_institutions",
]
