"""The knowledge that concerns a pair of countries or a document (`dyad.knowledge.pairs`)."""

from dyad.knowledge.pairs import DyadKnowledge, document_knowledge, dyad_knowledge
from dyad.knowledge.summary import country

__all__ = ["DyadKnowledge", "country", "document_knowledge", "dyad_knowledge"]
