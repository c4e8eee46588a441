"""HTML for highlighted text: words of a sentence or document wrapped in `<mark>` elements.

Pure functions over text and character spans; everything that is not markup is escaped.
Spans may overlap: the text is cut at every span boundary and each piece is wrapped in the
marks of every span that covers it (nested), so no mark ever crosses another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

from dyad.web.queries import StoredDocument, StoredSentence


@dataclass(frozen=True)
class Highlight:
    """Characters [start, end) of a text to wrap in `<mark class=css ...attributes>`."""

    start: int
    end: int
    css: str
    attributes: tuple[tuple[str, str], ...] = ()

    def open_tag(self) -> Markup:
        extra = "".join(f' {name}="{escape(value)}"' for name, value in self.attributes)
        return Markup(f'<mark class="{escape(self.css)}"{extra}>')


def highlight(text: str, marks: Iterable[Highlight]) -> Markup:
    """`text` escaped, with each highlight's characters wrapped in its mark."""
    usable = [Highlight(max(0, h.start), min(len(text), h.end), h.css, h.attributes)
              for h in marks]
    usable = [h for h in usable if h.start < h.end]
    cuts = sorted({0, len(text), *(h.start for h in usable), *(h.end for h in usable)})
    out = Markup()
    for a, b in pairwise(cuts):
        piece = Markup(escape(text[a:b]))
        for h in reversed([h for h in usable if h.start <= a and b <= h.end]):
            piece = h.open_tag() + piece + Markup("</mark>")
        out += piece
    return out


#: The mention spans shown on an event page, in nesting order, with their mark classes.
MENTION_ROLES: tuple[str, ...] = ("source", "target", "trigger", "date")


def mention_sentence(mention: Mapping[str, Any]) -> Markup:
    """A mention's sentence with its source, target, trigger and date words marked."""
    start = int(mention.get("sentence_start") or 0)
    spans = mention.get("spans") or {}
    marks = []
    for role in MENTION_ROLES:
        span = spans.get(role)
        if span:
            marks.append(Highlight(int(span[0]) - start, int(span[1]) - start, role))
    return highlight(str(mention["sentence"]), marks)


@dataclass(frozen=True)
class Piece:
    """A stretch of a document: plain text between sentences, a coded sentence (with its
    events' trigger words marked) or an uncoded sentence (with the reasons)."""

    kind: str  # "text", "coded" or "uncoded"
    html: Markup
    sentence: StoredSentence | None = None
    events: tuple[Mapping[str, Any], ...] = ()


_PARAGRAPH_BREAK = re.compile(r"\n")


def document_paragraphs(stored: StoredDocument) -> list[list[Piece]]:
    """The document's text as paragraphs of pieces, every sentence in its place."""
    text = str(stored.document["text"])
    by_sentence: dict[int, list[Mapping[str, Any]]] = {}
    for mention in stored.mentions:
        by_sentence.setdefault(int(mention["sentence_id"]), []).append(mention)
    paragraphs: list[list[Piece]] = [[]]
    position = 0
    for sentence in sorted(stored.sentences, key=lambda s: s.start):
        if sentence.start < position:
            continue
        _add_gap(paragraphs, text[position : sentence.start])
        mentions = by_sentence.get(sentence.sentence_id, [])
        body = text[sentence.start : sentence.end]
        if mentions:
            paragraphs[-1].append(Piece("coded", _event_marks(body, sentence.start, mentions),
                                        sentence, tuple(_distinct_events(mentions))))
        else:
            paragraphs[-1].append(Piece("uncoded", Markup(escape(body)), sentence))
        position = sentence.end
    _add_gap(paragraphs, text[position:])
    return [p for p in paragraphs if p]


def _add_gap(paragraphs: list[list[Piece]], gap: str) -> None:
    parts = _PARAGRAPH_BREAK.split(gap)
    for number, part in enumerate(parts):
        if number:
            paragraphs.append([])
        if part.strip():
            paragraphs[-1].append(Piece("text", Markup(escape(part))))
        elif part and paragraphs[-1]:
            paragraphs[-1].append(Piece("text", Markup(" ")))


def _event_marks(body: str, offset: int, mentions: Sequence[Mapping[str, Any]]) -> Markup:
    marks = []
    for mention in mentions:
        trigger = (mention.get("spans") or {}).get("trigger")
        if not trigger:
            continue
        title = (f"{mention['source'] or '?'} → {mention['target'] or '-'} "
                 f"{mention['code']} {mention['plover']}")
        marks.append(Highlight(int(trigger[0]) - offset, int(trigger[1]) - offset, "event",
                               (("data-event-id", str(mention["event_id"])),
                                ("data-code", str(mention["code"])), ("title", title))))
    return highlight(body, marks)


def _distinct_events(mentions: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    seen: dict[str, Mapping[str, Any]] = {}
    for mention in mentions:
        seen.setdefault(str(mention["event_id"]), mention)
    return list(seen.values())
