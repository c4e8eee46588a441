"""Parse each document once, walk it once, and give every sentence to the event coder and
the knowledge finders: events and knowledge from one reading.

    analyser = DocumentAnalyser(EventCoder(load_dictionaries()))
    for analysed in analyser.analyse(documents):
        analysed.events, analysed.knowledge

Both read the same `dyad.coding.analysis.SentenceView` of each sentence (its actors, its
participant resolver, the document memory before it), the coder first. The store's ingest
workers, Spark and the web server analyse documents with this class.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from dyad.coding.coder import CodedDocument, EventCoder, FailedDocument
from dyad.knowledge.extract import KnowledgeExtractor
from dyad.knowledge.model import KnowledgeBase
from dyad.nlp import ParsedDocument, parse_documents
from dyad.record import Document, EventRecord


@dataclass
class AnalysedDocument:
    """A document's events and explanations (from the coder) and the knowledge it states."""

    coded: CodedDocument
    knowledge: KnowledgeBase
    knowledge_failed: str = ""  # why the knowledge extractor failed; the events stand

    @property
    def document(self) -> Document:
        return self.coded.document

    @property
    def events(self) -> list[EventRecord]:
        return self.coded.events


class DocumentAnalyser:
    """Parses documents once and walks each once; the event coder and the knowledge
    extractor read every sentence of the walk, with the coder's dictionaries and resolver."""

    def __init__(self, coder: EventCoder, extractor: KnowledgeExtractor | None = None) -> None:
        self.coder = coder
        self.extractor = extractor or KnowledgeExtractor(
            coder.dictionaries, resolver=coder.resolver, nlp=coder.nlp, analyser=coder.analyser)

    def analyse(self, documents: Iterable[Document]) -> Iterator[AnalysedDocument]:
        """Parse, code and extract knowledge from documents, in order."""
        for parsed in parse_documents(documents, nlp=self.coder.nlp):
            yield self.analyse_parsed(parsed)

    def analyse_parsed(self, parsed: ParsedDocument) -> AnalysedDocument:
        """Code one parsed document and extract its knowledge in one walk. The coder's
        errors propagate; the knowledge extractor's leave the events standing."""
        walk = self.coder.analyser.walk(parsed)
        coding = self.coder.reader(walk)
        reader = self.extractor.reader(walk)
        failed = ""
        for view in walk:
            coding.read(view)
            if not failed:
                try:
                    reader.read(view)
                except Exception as exc:  # the events stand without the knowledge
                    failed = FailedDocument.of(walk.document, exc).reason
        coded = coding.result()
        knowledge = KnowledgeBase()
        if not failed:
            try:
                knowledge = reader.result()
            except Exception as exc:
                failed = FailedDocument.of(walk.document, exc).reason
        return AnalysedDocument(coded, knowledge, failed)

    def analyse_each(self, documents: Iterable[Document], *, batch_size: int = 128
                     ) -> Iterator[AnalysedDocument | FailedDocument]:  # fmt: skip
        """Analyse documents in order, as `analyse` does, but a document the parser or the
        coder raises on comes out as a `FailedDocument` and the others are analysed all the
        same (`EventCoder.code_each`, with knowledge)."""
        iterator = iter(documents)
        while batch := list(islice(iterator, batch_size)):
            done = 0
            try:
                for parsed in parse_documents(batch, nlp=self.coder.nlp, batch_size=batch_size):
                    done += 1
                    try:
                        yield self.analyse_parsed(parsed)
                    except Exception as exc:  # a bug in the coder: this document fails
                        yield FailedDocument.of(parsed.document, exc)
            except Exception as exc:  # the parse failed: the rest of the batch one by one
                if len(batch) == 1:
                    yield FailedDocument.of(batch[0], exc)
                    continue
                for document in batch[done:]:
                    yield from self.analyse_each([document], batch_size=1)
