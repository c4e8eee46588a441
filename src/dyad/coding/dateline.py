"""Datelines: "WASHINGTON, D.C. -", "MOSCOW (Reuters) -", "16 July 2008 --" open a news
report's first sentence. They say where (and when) the report was filed; the place they name
is not an actor of the sentence's events."""

from __future__ import annotations

from dyad.coding.tokens import PlainSentence

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
