"""One walk over a parsed document: each sentence with its actors, read by every reader.

The event coder and the knowledge finders read the same sentences with the same actors and
the same document memory: who "we" and "they" are, which country "the country" is, which
names were given before. `SentenceAnalyser.walk` builds that, sentence by sentence, once:

    walk = analyser.walk(parsed)            # the document (dated by its dateline), its memory
    coding, knowledge = coder.reader(walk), extractor.reader(walk)
    for view in walk:                       # one `SentenceView` per non-blank sentence
        coding.read(view)                   # the event coder reads it first,
        knowledge.read(view)                # then any other reader
    coding.result(), knowledge.result()
    # after each sentence the walk remembers what it named (subjects, names, countries)

A sentence a discard phrase voids is in the walk too (`view.discard` says why): the coder
skips it and the document memory does not remember it, as the coder always did; other readers
may still read it. Its actors are only resolved if a reader asks for them.

Readers other than the coder take `view.reader_participants()`: the same mentions over the
same memory, but resolving a phrase there never changes what the memory holds, so adding or
removing a reader cannot change the events coded from the rest of the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from dyad.coding.actors import ActorResolver, Mention
from dyad.coding.dateline import dateline_date, dateline_end
from dyad.coding.discards import DiscardMatcher, names_a_period
from dyad.coding.participants import DocumentMemory, ParticipantResolver
from dyad.coding.tokens import PlainDoc, PlainSentence
from dyad.nlp import ParsedDocument, ParsedParagraph
from dyad.record import Document

#: A first paragraph this short is a headline: it may name the document's speaker.
HEADLINE_TOKENS = 30


def is_headline(paragraph: PlainDoc) -> bool:
    """A short first paragraph in title case or without a final stop: a headline."""
    if not paragraph.sents or len(paragraph) > HEADLINE_TOKENS:
        return False
    words = [t.text for t in paragraph if t.text[:1].isalpha()]
    capitalised = sum(1 for w in words if w[0].isupper())
    return paragraph[len(paragraph) - 1].text not in (".", "!", "?") or (
        bool(words) and capitalised >= 0.6 * len(words))


def token_span(paragraph: ParsedParagraph, doc: PlainDoc, start: int, end: int
               ) -> tuple[int, int]:  # fmt: skip
    """Original character span of tokens [start, end) of the paragraph (`token_span` on the
    plain copy of its Doc)."""
    first, last = doc.tokens[start], doc.tokens[end - 1]
    return paragraph.mapping.original_span(first.idx, last.idx + len(last.text))


@dataclass
class SentenceView:
    """One sentence of a walk: where it is, whether it is discarded, and its actors."""

    walk: DocumentWalk
    paragraph: ParsedParagraph
    sent: PlainSentence
    sentence_id: int
    span: tuple[int, int]  # in the document's text
    discard: str  # why the sentence is void ("sentence discard phrase 'football'"), else ""
    _mentions: dict[int, Mention] | None = field(default=None, init=False, repr=False)
    _participants: ParticipantResolver | None = field(default=None, init=False, repr=False)

    @property
    def document(self) -> Document:
        return self.walk.document

    @property
    def memory(self) -> DocumentMemory:
        """The document memory as it stands before this sentence."""
        return self.walk.memory

    @property
    def text(self) -> str:
        return self.walk.document.text[self.span[0] : self.span[1]]

    @property
    def mentions(self) -> dict[int, Mention]:
        """Actor, agent and entity mentions by token: the dictionaries' matches, names
        given before ("Mishustin", "President Lee"), without a dateline's place."""
        if self._mentions is None:
            self._mentions = self.walk.analyser.mentions(self.sent, self.walk)
        return self._mentions

    @property
    def participants(self) -> ParticipantResolver:
        """The event coder's resolver of phrases to actors (its lookups feed the memory)."""
        if self._participants is None:
            self._participants = ParticipantResolver(self.mentions, self.walk.memory)
        return self._participants

    def reader_participants(self) -> ParticipantResolver:
        """A resolver over the same mentions and memory whose lookups leave the memory as
        it is (for readers besides the coder: see the module docstring)."""
        memory = self.walk.memory
        return ParticipantResolver(self.mentions, replace(memory, aliases=dict(memory.aliases)))


@dataclass
class DocumentWalk:
    """The sentences of one parsed document, read in order (iterate once)."""

    analyser: SentenceAnalyser
    parsed: ParsedDocument
    document: Document  # with the date its dateline gives when it had none
    memory: DocumentMemory
    story_discard: str  # the discard phrase that voids the whole document, if any

    def __iter__(self) -> Iterator[SentenceView]:
        return self.analyser.sentences(self)


class SentenceAnalyser:
    """Builds the walk of each parsed document; build once (with the coder's dictionaries'
    resolver and discard phrases), reuse for many documents."""

    def __init__(self, resolver: ActorResolver, discards: DiscardMatcher) -> None:
        self.resolver = resolver
        self.discards = discards

    def walk(self, parsed: ParsedDocument) -> DocumentWalk:
        """The walk of one parsed document; an undated document takes the date its dateline
        gives, if any ("August 10, 2012" under the headline)."""
        document = parsed.document
        if document.date is None:
            written = dateline_date(document.title, document.text)
            if written is not None:
                document = replace(document, date=written)
        memory = DocumentMemory()
        # who "we" and "I" are: the document says so ("speaker"), else its headline, else
        # its title or the outlet that published it ("Ministry of Foreign Affairs of Japan")
        memory.speaker = self.resolver.codes_in_text(document.speaker, document.date)
        return DocumentWalk(self, parsed, document, memory,
                            self.discards.story_phrase(document.text))  # fmt: skip

    def sentences(self, walk: DocumentWalk) -> Iterator[SentenceView]:
        """The walk's sentences in order; after each, the memory remembers what it named."""
        document, memory = walk.document, walk.memory
        sentence_id = 0
        for n, paragraph in enumerate(walk.parsed.paragraphs):
            plain = PlainDoc(paragraph.doc, paragraph.mapping.text)
            if n == 0 and not memory.speaker:
                if is_headline(plain):
                    # a headline ("Statement by the Minister for Foreign Affairs of Japan on
                    # ...") names who speaks in the document's first person
                    memory.remember_speaker(self.resolver.mentions(plain.sents[0],
                                                                   document.date))
                for line in (document.title, document.source):
                    memory.speaker = memory.speaker or self.resolver.codes_in_text(
                        line, document.date)
            for sent in plain.sents:
                if not sent.text.strip():
                    continue
                if walk.story_discard:
                    discard = f"story discard phrase {walk.story_discard!r}"
                else:
                    phrase = self.sentence_discard(sent)
                    discard = f"sentence discard phrase {phrase!r}" if phrase else ""
                view = SentenceView(walk, paragraph, sent, sentence_id,
                                    token_span(paragraph, sent.doc, sent.start, sent.end),
                                    discard)  # fmt: skip
                yield view
                if not discard:
                    memory.remember_sentence(sent, view.participants)
                    memory.remember_names(view.mentions, sent.doc)
                    memory.remember_countries(view.mentions, sent.doc)
                sentence_id += 1
            plain.release()

    def mentions(self, sent: PlainSentence, walk: DocumentWalk) -> dict[int, Mention]:
        """The sentence's mentions with the names the document gave before, without the
        dateline's place ("WASHINGTON, D.C. - USAID provided ...": not an actor)."""
        day = walk.document.date
        mentions = self.resolver.with_family_names(
            walk.memory.with_aliases(self.resolver.mentions(sent, day), sent.doc), sent, day)
        opening = dateline_end(sent)
        if opening > sent.start:
            mentions = {k: m for k, m in mentions.items() if m.start >= opening}
        return mentions

    def sentence_discard(self, sent: PlainSentence) -> str:
        """The first discard phrase that voids the sentence.

        A phrase used attributively inside a noun phrase ("a World War II peace treaty",
        "the 2003 agreement") names a thing, not a past episode, so it does not void the sentence.
        """
        for start, end in self.discards.sentence_matches(sent.text):
            span = sent.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            head = root.head
            attributive = names_a_period(str(span.text)) and (
                root.dep_ in ("compound", "amod", "nmod", "nummod")
                and not (span.start <= head.i < span.end)
                and head.pos_ in ("NOUN", "PROPN")
            )
            if not attributive:
                return str(span.text)
        return ""
