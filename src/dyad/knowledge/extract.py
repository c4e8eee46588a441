"""Knowledge extraction: a parsed document in, its agreements, institutions and claims out.

It walks the sentences the way the event coder does (same sentence ids, same actor
resolution, and the same document memory, fed the same way: the headline's speaker, names,
countries and definite descriptions remembered, datelines left out), so the two read "they"
and "the government" alike; it collects mentions sentence by sentence, then resolves them
within the document (`resolve`). The parse itself is shared with the coder by
`store.workers.DocumentAnalyser`; one per-sentence view read by both is not built yet.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from typing import Any

from dyad.coding.actors import ActorResolver
from dyad.coding.coder import is_headline
from dyad.coding.dateline import dateline_end
from dyad.coding.participants import DocumentMemory, ParticipantResolver
from dyad.coding.tokens import PlainDoc
from dyad.dictionaries.defaults import DictionarySet
from dyad.knowledge.agreements import AgreementMention, find_agreements
from dyad.knowledge.claims import ClaimMention, Informant, find_claims, find_informants
from dyad.knowledge.context import SentenceContext
from dyad.knowledge.institutions import InstitutionMention, find_institutions
from dyad.knowledge.model import KnowledgeBase
from dyad.knowledge.place import placed_in
from dyad.knowledge.resolve import resolve_document
from dyad.nlp import ParsedDocument, parse_documents
from dyad.record import Document


class KnowledgeExtractor:
    """Extracts knowledge with one set of dictionaries; build once, reuse for many documents."""

    def __init__(self, dictionaries: DictionarySet, *, resolver: ActorResolver | None = None,
                 nlp: Any = None) -> None:  # fmt: skip
        self.dictionaries = dictionaries
        self.resolver = resolver or ActorResolver(dictionaries.actors, dictionaries.agents)
        self.nlp = nlp

    def sentences(self, parsed: ParsedDocument,
                  memory: DocumentMemory | None = None) -> Iterator[SentenceContext]:
        """The document's sentences with their actors, numbered as the event coder does and
        with the coder's document memory: the headline's speaker, names and countries named
        before, definite descriptions ("the government") resolved as the coder resolves
        them, datelines left out."""
        memory = memory if memory is not None else DocumentMemory()
        acronyms: dict[str, str] = {}
        institution_acronyms: dict[str, str] = {}
        sentence_id = 0
        day = parsed.document.date
        for n, paragraph in enumerate(parsed.paragraphs):
            plain = PlainDoc(paragraph.doc, paragraph.mapping.text)
            if n == 0 and is_headline(plain):
                memory.remember_speaker(self.resolver.mentions(plain.sents[0], day))
            for sent in plain.sents:
                if not sent.text.strip():
                    continue
                mentions = memory.with_aliases(self.resolver.mentions(sent, day), sent.doc)
                opening = dateline_end(sent)
                if opening > sent.start:  # "WASHINGTON, D.C. - …": not an actor
                    mentions = {k: m for k, m in mentions.items() if m.start >= opening}
                participants = ParticipantResolver(mentions, memory)
                yield SentenceContext(parsed.document, paragraph, sent, sentence_id, mentions,
                                      participants, acronyms, institution_acronyms)  # fmt: skip
                memory.remember_sentence(sent, participants)
                memory.remember_names(mentions, sent.doc)
                memory.remember_countries(mentions, sent.doc)
                sentence_id += 1

    def extract(self, parsed: ParsedDocument) -> KnowledgeBase:
        """The knowledge one parsed document states."""
        agreements: list[AgreementMention] = []
        institutions: list[InstitutionMention] = []
        claims: list[ClaimMention] = []
        informants: list[Informant] = []
        memory = DocumentMemory()
        for ctx in self.sentences(parsed, memory):
            agreements.extend(find_agreements(ctx))
            institutions.extend(find_institutions(ctx))
            claims.extend(find_claims(ctx))
            informants.extend(find_informants(ctx))
        kb = resolve_document(parsed.document.id, agreements, institutions, claims, informants)
        return placed_in(kb, memory.main_country())

    def extract_each(self, documents: Iterable[Document]) -> Iterator[KnowledgeBase | None]:
        """Each document's knowledge, in order; None for a document the parser or the
        extractor fails on (the others are extracted all the same)."""
        for document in documents:
            try:
                parsed = next(parse_documents([document], nlp=self.nlp))
                yield self.extract(parsed)
            except Exception:  # a bug on one text must not stop the others
                yield None

    def extract_documents(self, documents: Iterable[Document], *,
                          batch_size: int = 64) -> KnowledgeBase:  # fmt: skip
        """Parse documents and merge what they all state into one knowledge base."""
        base = KnowledgeBase()
        for parsed in parse_documents(documents, nlp=self.nlp, batch_size=batch_size):
            base = base.merge(self.extract(parsed))
        return base


_cache: tuple[weakref.ref[DictionarySet], KnowledgeExtractor] | None = None


def extract_knowledge(parsed: ParsedDocument, dictionaries: DictionarySet) -> KnowledgeBase:
    """The knowledge one parsed document states (the extractor for these dictionaries is
    built once and reused while they live; build a `KnowledgeExtractor` to control that)."""
    global _cache
    if _cache is None or _cache[0]() is not dictionaries:
        _cache = (weakref.ref(dictionaries), KnowledgeExtractor(dictionaries))
    return _cache[1].extract(parsed)
