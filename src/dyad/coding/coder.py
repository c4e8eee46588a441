"""The event coder: parsed documents in, event records (and explanations) out."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from dyad.coding.actors import Actor, ActorResolver
from dyad.coding.analysis import (
    DocumentWalk,
    SentenceAnalyser,
    SentenceView,
    token_span,
)
from dyad.coding.discards import DiscardMatcher
from dyad.coding.events import (
    Candidate,
    SentenceCoder,
    attribution_of,
    intent_code,
    placed,
    refusal_code,
)
from dyad.coding.participants import ParticipantResolver
from dyad.coding.places import country_of, place_country
from dyad.coding.tokens import PlainDoc
from dyad.coding.verbs import VerbMatcher
from dyad.dictionaries.defaults import DictionarySet
from dyad.geo.document import DocumentPlaces
from dyad.geo.gazetteer import Gazetteer, load_gazetteer
from dyad.nlp import ParsedDocument, ParsedParagraph, load_pipeline, parse_documents
from dyad.ontology import Ontology, load_ontology
from dyad.record import Document, EventRecord

BULK_GC_THRESHOLD = 20_000
"""Allocations between young-generation collections while coding in bulk (Python's default: 700)."""


def prepare_for_bulk_coding(nlp: Any = None) -> None:
    """Make garbage collection cheap for a long coding run; call once, after loading.

    Loads the default spaCy pipeline (the one `parse_documents` uses) unless `nlp` is given,
    then moves everything loaded so far, the pipeline and any dictionaries, to the collector's
    permanent generation (`gc.freeze`), so that collections no longer walk those hundreds of
    thousands of long-lived objects again; and lets young collections run less often, since
    the coder makes many short-lived objects and breaks its own reference cycles
    (`PlainDoc.release`). Events and explanations do not change; only when memory held in
    the few cycles left to the collector comes back. Meant for the edges that code in bulk
    (the CLI commands, worker processes, benchmarks), not for library calls.
    """
    if nlp is None:
        load_pipeline()
    gc.collect()
    gc.freeze()
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(young, BULK_GC_THRESHOLD), middle, old)


@dataclass(frozen=True)
class SentenceReport:
    """One sentence of a document, its span, and why each predicate was or was not coded."""

    sentence_id: int
    text: str
    span: tuple[int, int]
    actors: tuple[str, ...]
    predicates: tuple[str, ...]
    discarded: str = ""


@dataclass(frozen=True)
class FailedDocument:
    """A document that could not be coded, and why (one line)."""

    document: Document
    reason: str

    @classmethod
    def of(cls, document: Document, exc: BaseException) -> FailedDocument:
        said = " ".join(str(exc).split())
        reason = f"{type(exc).__name__}: {said}" if said else type(exc).__name__
        return cls(document, reason if len(reason) <= 300 else reason[:299] + "…")


@dataclass
class CodedDocument:
    """A document's events and, per sentence, the coder's reasoning."""

    document: Document
    events: list[EventRecord] = field(default_factory=list)
    sentences: list[SentenceReport] = field(default_factory=list)


class DocumentCoding:
    """The event coder reading one document's walk, a sentence at a time (the document's
    coding state lives here, beside its `CodedDocument`)."""

    def __init__(self, coder: EventCoder, walk: DocumentWalk) -> None:
        self.coder = coder
        self.walk = walk
        self.coded = CodedDocument(walk.document)
        self.places = (DocumentPlaces(walk.document, coder.gazetteer) if coder.geolocate
                       else None)

    def read(self, view: SentenceView) -> None:
        """Code one sentence (call before the walk moves on)."""
        self.coder.code_view(self.coded, view, self.places)

    def result(self) -> CodedDocument:
        """The document's events and sentence reports, once the walk is over."""
        return self.coder.finish(self.coded, self.walk, self.places)


class EventCoder:
    """Codes documents with one set of dictionaries; build once, reuse for many documents."""

    def __init__(
        self,
        dictionaries: DictionarySet,
        *,
        ontology: Ontology | None = None,
        nlp: Any = None,
        require_dyad: bool = True,
        gazetteer: Gazetteer | None = None,
        geolocate: bool = True,
    ) -> None:
        self.dictionaries = dictionaries
        self._gazetteer = gazetteer
        self.geolocate = geolocate
        self.ontology = ontology or load_ontology()
        self.nlp = nlp
        self.resolver = ActorResolver(dictionaries.actors, dictionaries.agents)
        self.sentence_coder = SentenceCoder(VerbMatcher(dictionaries.verbs), require_dyad)
        self.discards = DiscardMatcher(dictionaries.discards)
        self.analyser = SentenceAnalyser(self.resolver, self.discards)
        # P1 dictionaries (the PETRARCH validation suite) use codes outside CAMEO as opaque labels.
        self.opaque_codes = dictionaries.verbs.style == "P1"

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer events are located with (the packaged one, loaded on first use)."""
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    def code(
        self, documents: Iterable[Document], *, batch_size: int = 128
    ) -> Iterator[CodedDocument]:
        """Parse and code documents, in order."""
        for parsed in parse_documents(documents, nlp=self.nlp, batch_size=batch_size):
            yield self.code_parsed(parsed)

    def code_each(
        self, documents: Iterable[Document], *, batch_size: int = 128
    ) -> Iterator[CodedDocument | FailedDocument]:
        """Code documents in order, as `code` does, but a document the parser or the coder
        raises on comes out as a `FailedDocument` and the others are coded all the same.

        Each batch is parsed with one `nlp.pipe`; if the parse itself raises (the generator is
        then finished), the documents of the batch not yet coded are parsed and coded one by
        one, so that only the one that raises fails.
        """
        iterator = iter(documents)
        while batch := list(islice(iterator, batch_size)):
            done = 0
            try:
                for parsed in parse_documents(batch, nlp=self.nlp, batch_size=batch_size):
                    done += 1
                    yield self._code_contained(parsed)
            except Exception as exc:  # the parse failed: the rest of the batch one by one
                if len(batch) == 1:
                    yield FailedDocument.of(batch[0], exc)
                    continue
                for document in batch[done:]:
                    yield from self.code_each([document], batch_size=1)

    def _code_contained(self, parsed: ParsedDocument) -> CodedDocument | FailedDocument:
        try:
            return self.code_parsed(parsed)
        except Exception as exc:  # a bug in the coder: this document fails, the others go on
            return FailedDocument.of(parsed.document, exc)

    def code_parsed(self, parsed: ParsedDocument) -> CodedDocument:
        """Code one already parsed document; an undated one takes the date its dateline
        gives, if any ("August 10, 2012" under the headline)."""
        coding = self.reader(self.analyser.walk(parsed))
        for view in coding.walk:
            coding.read(view)
        return coding.result()

    def reader(self, walk: DocumentWalk) -> DocumentCoding:
        """The coding of one document whose walk another reader may read too."""
        return DocumentCoding(self, walk)

    def finish(self, coded: CodedDocument, walk: DocumentWalk,
               places: DocumentPlaces | None = None) -> CodedDocument:
        """The document's events once its walk is over: role-only actors given the country
        the document is about, and (with `places`) where each happened."""
        memory = walk.memory
        country = memory.main_country()
        if country:
            others = [c for c in memory.named_countries() if c != country]
            coded.events = [placed_in(event, country, others[0] if others else "")
                            for event in coded.events]
        if places is not None:
            coded.events = places.locate(coded.events, {code for code, _ in memory.countries})
        return coded

    def code_view(self, coded: CodedDocument, view: SentenceView,
                  places: DocumentPlaces | None = None) -> None:
        """Code one sentence of a walk into `coded` (its events and its report; with
        `places`, the place phrases of each event's clause)."""
        sentence_id, span, text = view.sentence_id, view.span, view.text
        if view.discard:
            coded.sentences.append(SentenceReport(sentence_id, text, span, (), (), view.discard))
            return
        document = coded.document
        paragraph, sent = view.paragraph, view.sent
        day = document.date
        mentions = view.mentions
        participants = view.participants
        coding = self.sentence_coder.code(sent, mentions, participants, day)
        explanations = []
        seen: set[tuple[str, str, str]] = set()
        coded_verbs = {c.verb.i for c in coding.candidates if c.outcome == "coded"}
        for candidate in coding.candidates:
            explanations.append(_explain(candidate))
            # a refusal the dictionary did not code itself ("declined to meet" may be a pattern)
            verb = candidate.verb
            refusal = (candidate.outcome == "refused" and bool(candidate.targets)
                       and not (verb.dep_ == "xcomp" and verb.head.i in coded_verbs)
                       and not all(placed(verb, a) for a in candidate.targets))
            if (candidate.outcome != "coded" and not refusal) or candidate.match is None:
                continue
            phrases = places.clause(
                verb, [sent.doc[a.head] for a in (*candidate.sources, *candidate.targets)],
                participants.mentions, lambda a, b: token_span(paragraph, sent.doc, a, b),
            ) if places is not None else []
            for record in self._records(
                candidate, paragraph, sent.doc, document, sentence_id, text, participants,
                refusal=refusal,
            ):
                key = (record.source, record.target, record.code)
                if key not in seen:
                    seen.add(key)
                    coded.events.append(record)
                    if places is not None:
                        places.note(len(coded.events) - 1, phrases)
        doc = sent.doc
        actors = sorted(
            {
                f"{m.codes[0] or '?'}:{doc.text_between(m.start, m.end)}"
                for m in {id(m): m for m in mentions.values()}.values()
                if m.kind != "agent"
            }
        )
        coded.sentences.append(
            SentenceReport(sentence_id, text, span, tuple(actors), tuple(explanations))
        )

    def _records(
        self,
        candidate: Candidate,
        paragraph: ParsedParagraph,
        doc: PlainDoc,
        document: Document,
        sentence_id: int,
        text: str,
        participants: ParticipantResolver,
        *,
        refusal: bool = False,
    ) -> Iterator[EventRecord]:
        """The event records of a coded candidate; with `refusal`, of refusing its act
        ("refused to cooperate with the court": the refuser rejects the court)."""
        assert candidate.match is not None
        code = candidate.match.code
        mode = candidate.frame.mode
        attribution = attribution_of(candidate, participants)
        pairs: list[tuple[Actor, Actor | None, str]] = []
        forward, reverse = code.forward, code.reverse
        if refusal:
            forward, reverse = refusal_code(forward or ""), None
        intent = candidate.frame.intent
        if intent and candidate.frame.attempt and (forward or "")[:2] in FORCE_ROOTS:
            # "attempted to assassinate the Prime Minister": an attack tried is an attack
            intent, mode = False, "" if mode == "intend" else mode
        if intent:
            reverse = None  # an intention is the source's alone ("ready to resume talks")
        targets: list[Actor | None] = list(candidate.targets) or [None]
        for source in candidate.sources:
            for target in targets:
                if forward is not None and forward != "---":
                    pairs.append((source, target, forward))
                if reverse is not None and reverse != "---" and target is not None:
                    pairs.append((target, source, reverse))
        trigger_span = token_span(
            paragraph, doc, min(candidate.match.trigger), max(candidate.match.trigger) + 1
        )
        if any(a.code.startswith("---") for a in (*candidate.sources, *candidate.targets)):
            # "police in Rangoon", "a bomb near Samarra": a role takes the country where
            # the event's clause places it (else, later, the one the document is about)
            heads = [candidate.verb, *(doc[a.head] for a in candidate.sources),
                     *(doc[a.head] for a in candidate.targets)]
            here = place_country(heads, participants.mentions)
            if here:
                pairs = [(_in_country(s, here), t and _in_country(t, here), c)
                         for s, t, c in pairs]
            else:
                named = {country_of(m) for m in participants.mentions.values()} - {""}
                pairs = [_domestic(s, t, c, named) for s, t, c in pairs]
        for source, target, raw_code in pairs:
            if (target is not None and source.code == target.code and source.code
                    and not target.place):  # "Iraqi Kurds demonstrated in Kirkuk" stays
                continue
            final = intent_code(raw_code) if intent else raw_code
            if final == "190" and target is not None and _armed_group_on_civilians(
                    source.code, target.code):
                final = "180"  # "a camp for refugees was attacked by militiamen": an assault
            known = self.ontology.normalise(final)
            info = self.ontology.codes.get(known) if known else None
            if known and self.opaque_codes is False:
                final = known
            yield EventRecord(
                doc_id=document.id,
                sentence_id=sentence_id,
                sentence=text,
                source=source.code,
                source_text=source.text,
                target=target.code if target else "",
                target_text=target.text if target else "",
                code=final,
                root=final[:2],
                plover=self.ontology.plover_type(known or final),
                goldstein=info.goldstein if info else 0.0,
                quad_class=info.quad_class if info else 0,
                mode=mode,
                date=candidate.date.isoformat() if candidate.date else "",
                date_text=candidate.date_text,
                attribution=attribution,
                trigger=document.text[trigger_span[0] : trigger_span[1]],
                spans={
                    "source": token_span(paragraph, doc, source.start, source.end),
                    "target": (  # none for a country the text does not name here
                        token_span(paragraph, doc, target.start, target.end)
                        if target and target.text else None
                    ),
                    "trigger": trigger_span,
                },
            )


# Armed groups outside a state's forces, and the unarmed people they may attack.
ARMED_GROUP_ROLES = frozenset({"UAF", "REB", "INS", "SEP", "CRM", "RAD"})
CIVILIAN_ROLES = frozenset({"CVL", "REF", "PPL", "EDU", "REL", "MED", "HLH", "AGR", "LAB",
                            "BUS", "NGO"})


def _armed_group_on_civilians(source: str, target: str) -> bool:
    """ "Burundian militiamen attacked a camp for Congolese refugees": CAMEO's conventional
    force (190) is between armed forces; an armed group's attack on civilians is an assault
    (180), as PLOVER's gold codes it."""
    return source[3:6] in ARMED_GROUP_ROLES and target[3:6] in CIVILIAN_ROLES


# Roots of force: assault (18), fight (19), mass violence (20).
FORCE_ROOTS = frozenset({"18", "19", "20"})
# Roles of a country's own people, civil society and armed groups, which its state acts
# upon at home.
DOMESTIC_ROLES = frozenset({"OPP", "CVL", "EDU", "LAB", "MED", "REL", "PPL", "AGR", "BUS",
                            "REB", "UAF", "INS"})


def _domestic(source: Actor, target: Actor | None, code: str, countries: set[str]
              ) -> tuple[Actor, Actor | None, str]:  # fmt: skip
    """ "Uganda banned opposition candidates", "the Sudanese army clashed with Darfuri
    rebels": in a sentence that names one country only, a state and the opposition,
    civilians, press or armed groups it acts on (or that act on it) are of the same country.
    `countries`: those the sentence names.
    """
    if target is None or len(countries) != 1:
        return source, target, code
    (country,) = countries
    for role, other in ((source, target), (target, source)):
        if (role.code.startswith("---") and role.code[3:6] in DOMESTIC_ROLES
                and other.code[:3] == country and other.code[3:6] in ("", *STATE_ROLES)):
            placed_role = _in_country(role, country)
            return ((placed_role, target, code) if role is source
                    else (source, placed_role, code))
    return source, target, code


def _in_country(actor: Actor, country: str) -> Actor:
    """A role-only actor ("---COP") given a country; any other actor as it is."""
    if not actor.code.startswith("---"):
        return actor
    return replace(actor, code=country + actor.code[3:])


def _explain(candidate: Candidate) -> str:
    verb = candidate.verb
    parts = [f"{verb.text} ({verb.lemma_})"]
    if candidate.match is not None:
        parts.append(candidate.match.reason)
        parts.append(
            f"code {candidate.match.code.forward or ''}"
            + (f":{candidate.match.code.reverse}" if candidate.match.code.reverse else "")
        )
    if candidate.sources:
        parts.append(
            "source " + ", ".join(f"{a.code or '?'} [{a.text}]" for a in candidate.sources)
        )
    if candidate.targets:
        parts.append(
            "target " + ", ".join(f"{a.code or '?'} [{a.text}]" for a in candidate.targets)
        )
    if candidate.frame.mode:
        parts.append(f"mode {candidate.frame.mode}")
    return f"{candidate.outcome}: " + "; ".join(parts)


def placed_in(event: EventRecord, country: str, second: str = "") -> EventRecord:
    """The event with its role-only actors ("---REB": rebels, police, protesters, "people"
    without a country) given the country the document is about: the convention of event data
    sets, which code such actors with the country where they act.

    An official role facing that country's state ("---GOV criticized China", "the
    Vice-Minister summoned China's ambassador" in a text mostly about China) is not that
    country's: it takes the `second` most named country, if any. Police, rebels, protesters
    facing their own state stay where they act."""
    source, target = event.source, event.target
    if source.startswith("---"):
        source = _placed(source, target, country, second)
    if target.startswith("---"):
        target = _placed(target, event.source, country, second)
    if (source, target) == (event.source, event.target):
        return event
    return replace(event, source=source, target=target)


# Roles of a state's own officials and forces.
STATE_ROLES = frozenset({"GOV", "MIL", "SPY", "ELI"})


def _placed(role: str, other: str, country: str, second: str) -> str:
    if role[3:6] in DOMESTIC_ROLES:
        return country + role[3:]  # "the monks demand an apology" of their own country
    facing_state = other == country or (
        other[:3] == country and other[3:6] in STATE_ROLES and role[3:6] in STATE_ROLES)
    if facing_state:
        return second + role[3:] if second else role
    return country + role[3:]
