"""Datelines: "WASHINGTON, D.C. -", "MOSCOW (Reuters) -", "16 July 2008 --" open a news
report's first sentence. They say where (and when) the report was filed; the place they name
is not an actor of the sentence's events, and the date they give dates an undated document."""

from __future__ import annotations

from datetime import date

from dyad.coding.dates import find_date_expressions, resolve_date
from dyad.coding.tokens import PlainSentence

#: How much of a document's beginning may hold its dateline ("August 10, 2012" under the
#: headline, "Vienna, Austria 18 October 2023", "16 July 2008 -- The Security Council").
DATELINE_CHARS = 400
# Two far-apart reference dates: an expression that resolves to the same day against both
# names its day outright ("18 October 2023"), not relative to the document ("on Monday").
_REFERENCES = (date(1900, 1, 1), date(2099, 12, 31))


def dateline_date(*texts: str) -> date | None:
    """The first full date (day, month and year) written at the beginning of the texts (a
    title, then the text), or None: what dates a document that comes without a date."""
    for text in texts:
        head = text[:DATELINE_CHARS]
        for start, end in find_date_expressions(head):
            found = {resolve_date(head[start:end], reference) for reference in _REFERENCES}
            if len(found) == 1:
                (resolved,) = found
                if resolved is not None and resolved.precision == "day":
                    return resolved.date
    return None

#: A dateline is at most this many tokens before its dash.
MAX_DATELINE_TOKENS = 8
_DASHES = frozenset({"-", "--", "—", "–"})
_MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
})  # fmt: skip


def dateline_end(sent: PlainSentence) -> int:
    """The index of the first token after the sentence's dateline, or the sentence's start
    when it opens with none. A dateline is a place in capitals ("WASHINGTON, D.C.",
    "MOSCOW (Reuters)": its first word) or a date ("16 July 2008"), then a dash."""
    tokens = sent.tokens[: MAX_DATELINE_TOKENS + 1]
    for k, token in enumerate(tokens):
        if token.text in _DASHES and k > 0:
            prefix = tokens[:k]
            if any(t.pos_ in ("VERB", "AUX") for t in prefix):
                return sent.start
            first = prefix[0].text
            capitals = first.isalpha() and first.isupper() and len(first) >= 3
            date = any(t.lower_ in _MONTHS for t in prefix) and any(
                t.text.isdigit() for t in prefix)
            return token.i + 1 if capitals or date else sent.start
    return sent.start
