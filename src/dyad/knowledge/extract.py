"""Knowledge extraction: a parsed document in, its agreements, institutions and claims out.

The finders read the event coder's walk of the document (`dyad.coding.analysis`): the same
sentences, ids, actors and document memory, so the two read "they" and "the government"
alike. `KnowledgeReader` collects mentions sentence by sentence as the walk goes, then
resolves them within the document (`resolve`); `dyad.analysis.DocumentAnalyser` gives one
walk to both the coder and a reader, so a document is parsed and walked once.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from typing import Any

from dyad.coding.actors import ActorResolver
from dyad.coding.analysis import DocumentWalk, SentenceAnalyser, SentenceView
from dyad.coding.discards import DiscardMatcher
from dyad.dictionaries.defaults import DictionarySet
from dyad.knowledge.agreements import AgreementMention, find_agreements
from dyad.knowledge.claims import ClaimMention, Informant, find_claims, find_informants
from dyad.knowledge.context import SentenceContext
from dyad.knowledge.institutions import InstitutionMention, find_institutions
from dyad.knowledge.issuer import (
    given_issuer,
    header_office,
    is_header_line,
    issued,
    titled_issuer,
)
from dyad.knowledge.judgements import judgements
from dyad.knowledge.model import KnowledgeBase, Party
from dyad.knowledge.place import placed_in
from dyad.knowledge.resolve import resolve_document
from dyad.nlp import ParsedDocument, parse_documents
from dyad.record import Document


class KnowledgeReader:
    """Reads one document's walk, sentence by sentence, and gives the knowledge it states."""

    def __init__(self, walk: DocumentWalk) -> None:
        self.walk = walk
        self.agreements: list[AgreementMention] = []
        self.institutions: list[InstitutionMention] = []
        self.claims: list[ClaimMention] = []
        self.informants: list[Informant] = []
        # short names of the document's agreements and institutions so far ("NPT" → "treaty")
        self.acronyms: dict[str, str] = {}
        self.institution_acronyms: dict[str, str] = {}
        self.issuer: Party | None = None  # who issued the document, if it says so
        self.in_header = True  # before the first sentence of the body

    def context(self, view: SentenceView) -> SentenceContext:
        """The sentence as the finders see it (a resolver that leaves the memory alone)."""
        return SentenceContext(view.document, view.paragraph, view.sent, view.sentence_id,
                               view.mentions, view.reader_participants(), self.acronyms,
                               self.institution_acronyms)  # fmt: skip

    def read(self, view: SentenceView) -> None:
        """Collect what one sentence states (call before the walk moves on)."""
        ctx = self.context(view)
        self.note_issuer(ctx)
        self.agreements.extend(find_agreements(ctx))
        self.institutions.extend(find_institutions(ctx))
        self.claims.extend(find_claims(ctx))
        if self.issuer is not None and not self.in_header:
            self.claims.extend(judgements(ctx, self.issuer))  # its own verdicts
        self.informants.extend(find_informants(ctx))

    def note_issuer(self, ctx: SentenceContext) -> None:
        """Who issued the document: the input's speaker, else the speaker its title names,
        else the office a header line names (read until the body starts)."""
        if ctx.sentence_id == 0:
            self.issuer = given_issuer(ctx) or titled_issuer(ctx)
        elif self.in_header and is_header_line(ctx):
            self.issuer = self.issuer or header_office(ctx)
        else:
            self.in_header = False

    def result(self) -> KnowledgeBase:
        """The document's knowledge, once the walk is over."""
        claims = issued(self.claims, self.issuer)
        kb = resolve_document(self.walk.document.id, self.agreements, self.institutions,
                              claims, self.informants)  # fmt: skip
        return placed_in(kb, self.walk.memory.main_country())


class KnowledgeExtractor:
    """Extracts knowledge with one set of dictionaries; build once, reuse for many documents."""

    def __init__(self, dictionaries: DictionarySet, *, resolver: ActorResolver | None = None,
                 nlp: Any = None, analyser: SentenceAnalyser | None = None) -> None:  # fmt: skip
        self.dictionaries = dictionaries
        self.resolver = resolver or ActorResolver(dictionaries.actors, dictionaries.agents)
        self.analyser = analyser or SentenceAnalyser(self.resolver,
                                                     DiscardMatcher(dictionaries.discards))
        self.nlp = nlp

    def sentences(self, parsed: ParsedDocument) -> Iterator[SentenceContext]:
        """The document's sentences as the finders see them, walked as the event coder walks
        them (same ids, actors and document memory)."""
        reader = KnowledgeReader(walk := self.analyser.walk(parsed))
        for view in walk:
            yield reader.context(view)

    def reader(self, walk: DocumentWalk) -> KnowledgeReader:
        """A reader for a walk another reader (the event coder) also reads."""
        return KnowledgeReader(walk)

    def extract(self, parsed: ParsedDocument) -> KnowledgeBase:
        """The knowledge one parsed document states."""
        reader = KnowledgeReader(walk := self.analyser.walk(parsed))
        for view in walk:
            reader.read(view)
        return reader.result()

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
