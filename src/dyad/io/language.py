"""A fast, dependency-free guess at whether a text is English.

Two signals: the share of letters that are Latin (rules out Cyrillic, CJK, Arabic, Greek …
scripts), and the share of word tokens that are very common English function words (rules
out French, German, Spanish and other Latin-script languages, where that share is a few per
cent against 30-50 % in English prose). Short texts get the benefit of the doubt unless they
are clearly in a non-Latin script.
"""

from __future__ import annotations

import re

#: About 150 very common English function words (and a few news staples), all lower case.
#: Words that are just as common in French, German or Spanish ("die", "de", "en", "la", "le")
#: are left out on purpose.
ENGLISH_FUNCTION_WORDS: frozenset[str] = frozenset(
    """
    a about above after again against ago all also although am among amid an and another
    any are around as at be because been before being below between both but by can
    could did do does doing down during each either even ever every few for from further
    had has have having he her here hers herself him himself his how however i if in
    including into is it its itself just last least less many may me might more most
    much must my neither no nor not now of off on once one only or other others our ours
    out over own per said same says she should since so some such than that the their
    theirs them themselves then there these they this those though through to told too
    toward towards two under until up upon us very via was we were what when where
    whether which while who whom whose why will with within without would yet you your
    new first year years week
    """.split()  # noqa: SIM905
)

_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF]")
_WORD = re.compile(r"[^\W\d_]+")

#: Texts with fewer words than this are not judged on their function words.
SHORT_TEXT_WORDS = 20
#: Below this share of Latin letters a text is in another script, whatever its length.
MIN_LATIN_SHARE_SHORT = 0.5
#: Below this share of Latin letters a longer text is not English.
MIN_LATIN_SHARE = 0.75
#: Below this share of English function words among its words a longer text is not English.
MIN_FUNCTION_WORD_SHARE = 0.15
#: Texts longer than this are judged on three slices of SAMPLE_CHARS characters.
SAMPLE_CHARS = 20_000


def _sample(text: str) -> str:
    """The text itself, or for a long text its beginning, middle and end joined."""
    if len(text) <= 3 * SAMPLE_CHARS:
        return text
    middle = (len(text) - SAMPLE_CHARS) // 2
    return "\n".join(
        (text[:SAMPLE_CHARS], text[middle : middle + SAMPLE_CHARS], text[-SAMPLE_CHARS:])
    )


def latin_share(text: str) -> float:
    """Share of the text's letters that are Latin letters (1.0 when it has no letters)."""
    letters = len(_LETTER.findall(text))
    if letters == 0:
        return 1.0
    return len(_LATIN_LETTER.findall(text)) / letters


def function_word_share(text: str) -> float:
    """Share of the text's word tokens that are common English function words."""
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0
    return sum(1 for word in words if word in ENGLISH_FUNCTION_WORDS) / len(words)


def looks_like_english(text: str) -> bool:
    """Whether the text is plausibly English (a heuristic: Latin script, English function words)."""
    sample = _sample(text)
    latin = latin_share(sample)
    if latin < MIN_LATIN_SHARE_SHORT:
        return False
    if len(_WORD.findall(sample)) < SHORT_TEXT_WORDS:
        return True
    return latin >= MIN_LATIN_SHARE and function_word_share(sample) >= MIN_FUNCTION_WORD_SHARE
