"""One walk per document: the sentence views the event coder and the knowledge finders both
read (numbering, spans, discards, actors, memory), and readers that cannot change the events."""

from __future__ import annotations

from datetime import date

import pytest

from dyad.analysis import DocumentAnalyser
from dyad.coding.coder import EventCoder
from dyad.knowledge.extract import KnowledgeReader
from dyad.nlp import parse_documents
from dyad.record import Document

TEXT = ("Japan Protests against the Closure of the Japan Center by Russia\n\n"
        "The Minister for Foreign Affairs of Japan, Koichiro Gemba, met the Ambassador of "
        "Russia on Monday. Gemba said that Russia had closed the Japan Center in Khabarovsk. "
        "They denied it.\n\n"
        "The soccer match in Tokyo ended in a goalless draw. We protested to Russia again.")


def _parsed(coder: EventCoder, text: str = TEXT, **fields: object) -> object:
    document = Document(id="d1", text=text, date=date(2024, 6, 25), **fields)  # type: ignore[arg-type]
    return next(parse_documents([document], nlp=coder.nlp))


def test_analysis_views_are_the_sentences_the_coder_reports(coder: EventCoder) -> None:
    parsed = _parsed(coder)
    views = [(v.sentence_id, v.span, v.text, v.discard) for v in coder.analyser.walk(parsed)]
    coded = coder.code_parsed(parsed)  # type: ignore[arg-type]
    assert views == [(s.sentence_id, s.span, s.text, s.discarded) for s in coded.sentences]
    assert [bool(d) for *_, d in views] == [False, False, False, False, True, False]


def test_analysis_a_discarded_sentence_is_not_remembered(coder: EventCoder) -> None:
    walk = coder.analyser.walk(_parsed(coder, "The soccer match in Tokyo ended in a draw. "
                                              "Japan and Russia said so."))  # type: ignore[arg-type]
    subjects = []
    for view in walk:
        subjects.append(len(walk.memory.subjects))
        assert view.mentions is view.mentions  # resolved once, when a reader asks
    assert subjects[:2] == [0, 0] and walk.memory.countries


def test_analysis_readers_resolve_without_changing_the_memory(coder: EventCoder) -> None:
    walk = coder.analyser.walk(_parsed(coder))  # type: ignore[arg-type]
    for view in walk:
        aliases = dict(walk.memory.aliases)
        subjects = list(walk.memory.subjects)
        participants = view.reader_participants()
        assert participants.mentions is view.mentions
        for token in view.sent:
            if token.pos_ in ("NOUN", "PROPN", "PRON"):
                participants.actors(token)
        assert (walk.memory.aliases, walk.memory.subjects) == (aliases, subjects)


def test_analysis_the_knowledge_reader_reads_the_coders_actors(coder: EventCoder) -> None:
    walk = coder.analyser.walk(_parsed(coder))  # type: ignore[arg-type]
    reader = KnowledgeReader(walk)
    for view in walk:
        ctx = reader.context(view)
        assert ctx.mentions is view.mentions and ctx.document is walk.document
        assert ctx.participants.memory.subjects is walk.memory.subjects
        assert ctx.sentence_id == view.sentence_id


def test_analysis_a_document_speaker_comes_before_its_headline(coder: EventCoder) -> None:
    walk = coder.analyser.walk(_parsed(coder, speaker="Government of France"))  # type: ignore[arg-type]
    list(walk)
    assert walk.memory.speaker and walk.memory.speaker[0].startswith("FRA")


def test_analysis_one_walk_gives_the_coders_events_and_the_extractors_knowledge(
        coder: EventCoder) -> None:
    analyser = DocumentAnalyser(coder)
    parsed = _parsed(coder)
    analysed = analyser.analyse_parsed(parsed)  # type: ignore[arg-type]
    alone = coder.code_parsed(parsed)  # type: ignore[arg-type]
    assert analysed.events == alone.events and analysed.coded.sentences == alone.sentences
    assert analysed.knowledge.to_dict() == analyser.extractor.extract(parsed).to_dict()  # type: ignore[arg-type]
    assert analysed.knowledge.institutions and not analysed.knowledge_failed


def test_analysis_each_contains_a_document_the_coder_fails_on(
        coder: EventCoder, monkeypatch: pytest.MonkeyPatch) -> None:
    analyser = DocumentAnalyser(coder)
    real = coder.code_view

    def code_view(coded: object, view: object, places: object = None) -> None:
        if "BREAKS" in view.text:  # type: ignore[attr-defined]
            raise RuntimeError("coder bug")
        real(coded, view, places)  # type: ignore[arg-type]

    monkeypatch.setattr(coder, "code_view", code_view)
    documents = [Document(id=n, text=t, date=date(2024, 6, 25)) for n, t in (
        ("a", "Japan condemned Russia."), ("b", "Russia BREAKS condemned Japan."),
        ("c", "Russia condemned Japan."))]
    results = list(analyser.analyse_each(documents))
    assert [type(r).__name__ for r in results] == [
        "AnalysedDocument", "FailedDocument", "AnalysedDocument"]
    assert "coder bug" in results[1].reason  # type: ignore[union-attr]
