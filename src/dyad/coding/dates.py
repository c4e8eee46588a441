"""Resolve relative and absolute date expressions found in news against the document date.

Conventions (news is mostly past tense):

* Bare, ``on`` and ``this`` weekdays ("Monday", "on Monday", "this Monday") mean the most
  recent such weekday not after the document date, so a Monday document's "on Monday" is that
  same day; ``last Monday`` is strictly before the document date and ``next Monday`` strictly
  after it. A time of day ("Monday night", "on Monday evening") is ignored.
* Relative periods shift the document date: "last week" is 7 days earlier (precision week),
  "last month" the same day of the previous month, clamped to its length (precision month),
  "last year" the same day a year earlier (precision year); "this week/month/year" and
  "earlier this week/month/year" are the document date at that precision.
* Named periods give their first day: "in 2003" is 2003-01-01 (year), "in March" and
  "March 2003" the 1st of the month (month). A month or day-and-month without a year is the most
  recent one not after the document date.
* Weekends are given by their Saturday (precision week): "last weekend" is the one before the
  current or most recent weekend, "the weekend" / "over the weekend" the current or most
  recent one, "this weekend" the current or coming one, "next weekend" the coming one.
* "Monday last week" / "Friday of next week" is that weekday in the week (Monday to Sunday)
  7 days before / after the document date.
* Decades ("the 1990s"), vague spans ("in recent years") and anything else give ``None``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["PRECISIONS", "ResolvedDate", "find_date_expressions", "resolve_date"]

#: The precisions a resolved date may carry, finest first.
PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")


@dataclass(frozen=True)
class ResolvedDate:
    """A calendar date and how precisely the expression fixed it."""

    date: date
    precision: str  # one of PRECISIONS


# English names, spelled out rather than taken from `calendar`, whose names follow the locale.
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")  # fmt: skip
WEEKDAYS: dict[str, int] = {name: i for i, name in enumerate(_DAY_NAMES)}
MONTHS: dict[str, int] = {name: i for i, name in enumerate(_MONTH_NAMES, start=1)}
MONTHS.update({name[:3]: i for i, name in enumerate(_MONTH_NAMES, start=1)})
MONTHS["sept"] = 9
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a couple": 2, "couple of": 2,
}  # fmt: skip
PREPOSITIONS = ("on", "in", "since", "by", "from", "during", "until", "till", "over", "as of",
                "before", "after", "of", "at", "around", "for")  # fmt: skip

_WD = "|".join(WEEKDAYS)
_ABBRS = "|".join(n[:3] for n in _MONTH_NAMES)
_MON = r"(?:" + "|".join(_MONTH_NAMES) + r"|(?:sept|" + _ABBRS + r")\.?)"
_TOD = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"
_DAYNUM = r"(\d{1,2})(?:st|nd|rd|th)?"
_UNIT = r"(day|week|month|year)s?"
_NUM = r"(\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_LEAD = re.compile(r"^(?:" + "|".join(p.replace(" ", r"\s+") for p in PREPOSITIONS) + r")\s+")


def _clamp(year: int, month: int, day: int) -> date:
    """Return the date, with the day clamped to the length of the month."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _shift_months(d: date, months: int) -> date:
    """Shift a date by whole months, clamping the day."""
    index = d.year * 12 + d.month - 1 + months
    return _clamp(index // 12, index % 12 + 1, d.day)


def _month_day(month: int, day: int, year: int | None, doc: date) -> date | None:
    """The given day of month in `year`, or the most recent one not after `doc`."""
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    for y in range(doc.year, doc.year - 9, -1):
        try:
            candidate = date(y, month, day)
        except ValueError:
            continue
        if candidate <= doc:
            return candidate
    return None


def _weekday(target: int, modifier: str, doc: date) -> date:
    """Resolve a weekday: 'last' strictly before, 'next' strictly after, else not after."""
    if modifier == "next":
        return doc + timedelta(days=(target - doc.weekday() - 1) % 7 + 1)
    back = (doc.weekday() - target) % 7
    if modifier in ("last", "past") and back == 0:
        back = 7
    return doc - timedelta(days=back)


def _weekend(modifier: str, doc: date) -> date:
    """Saturday of the weekend meant: 'last' before this one, 'this'/'next' ahead, bare recent."""
    since_saturday = (doc.weekday() - 5) % 7  # 0 on Saturday, 1 on Sunday
    if modifier in ("last", "past"):
        back = since_saturday if since_saturday > 1 else since_saturday + 7
        return doc - timedelta(days=back)
    if modifier == "next":
        return doc + timedelta(days=7 - since_saturday)
    if modifier == "this" and since_saturday > 1:
        return doc + timedelta(days=7 - since_saturday)
    return doc - timedelta(days=since_saturday)


def _period(unit: str, offset: int, doc: date) -> ResolvedDate:
    """Shift the document date by `offset` weeks, months or years."""
    if unit == "week":
        return ResolvedDate(doc + timedelta(weeks=offset), "week")
    if unit == "month":
        return ResolvedDate(_shift_months(doc, offset), "month")
    return ResolvedDate(_shift_months(doc, 12 * offset), "year")


def _normalise(expression: str) -> str:
    """Lower-case, collapse blanks, drop trailing punctuation and leading prepositions."""
    text = " ".join(expression.lower().replace("\u2019", "'").split())
    text = text.strip(" \t.,;:!?\"'()[]\u201c\u201d")
    previous = None
    while previous != text:
        previous = text
        text = _LEAD.sub("", text)
        text = re.sub(r"^the\s+", "", text)
    return text


_YEAR_RE = re.compile(r"(1[89]\d\d|20\d\d)")
_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"today|tonight|now|this (?:morning|afternoon|evening)|(?:earlier|later) today"),
     "today"),
    (re.compile(r"(?:yesterday|last night)" + _TOD), "yesterday"),
    (re.compile(r"day before yesterday" + _TOD), "before_yesterday"),
    (re.compile(r"tomorrow" + _TOD), "tomorrow"),
    (re.compile(r"(?:(last|past|this|next) )?(" + _WD + r")" + _TOD), "weekday"),
    (re.compile(r"(?:(?:early|earlier|late|later|mid) )?(last|past|this|next) (week|month|year)"),
     "period"),
    (re.compile(r"(?:(?:early|earlier|late|later) )?(?:in )?(?:the )?(last|past|this|next) weekend"
                r"|(?:over )?(?:the )?weekend"), "weekend"),
    (re.compile(_NUM + r" " + _UNIT + r" ago"), "ago"),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), "iso"),
    (re.compile(r"(\d{4})-(\d{1,2})"), "iso_month"),
    (re.compile(r"(" + _MON + r") " + _DAYNUM + r"(?:,? (\d{4}))?"), "month_day"),
    (re.compile(_DAYNUM + r" (?:of )?(" + _MON + r")(?:,? (\d{4}))?"), "day_month"),
    (re.compile(r"(?:(early|mid|late|last|this|next)[- ])?(" + _MON + r")(?:,? (?:of )?(\d{4}))?"),
     "month"),
    (re.compile(r"(?:(?:early|mid|late)[- ])?" + _YEAR_RE.pattern), "year"),
    (re.compile(r"(\d{1,2})(?:st|nd|rd|th)"), "day_only"),
]  # fmt: skip


def _month_number(token: str) -> int:
    """Return the month number of a month name or abbreviation."""
    return MONTHS[token.rstrip(".")]


def _apply(kind: str, m: re.Match[str], doc: date) -> ResolvedDate | None:
    """Resolve one matched rule."""
    if kind == "today":
        return ResolvedDate(doc, "day")
    if kind in ("yesterday", "before_yesterday", "tomorrow"):
        offset = {"yesterday": -1, "before_yesterday": -2, "tomorrow": 1}[kind]
        return ResolvedDate(doc + timedelta(days=offset), "day")
    if kind == "weekday":
        return ResolvedDate(_weekday(WEEKDAYS[m.group(2)], m.group(1) or "", doc), "day")
    if kind == "period":
        offset = {"last": -1, "past": -1, "this": 0, "next": 1}[m.group(1)]
        return _period(m.group(2), offset, doc)
    if kind == "weekend":
        return ResolvedDate(_weekend(m.group(1) or "", doc), "week")
    if kind == "ago":
        count = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS[m.group(1)]
        unit = m.group(2)
        if unit == "day":
            return ResolvedDate(doc - timedelta(days=count), "day")
        return _period(unit, -count, doc)
    if kind == "iso":
        found = _month_day(int(m.group(2)), int(m.group(3)), int(m.group(1)), doc)
        return ResolvedDate(found, "day") if found else None
    if kind == "iso_month":
        month = int(m.group(2))
        return ResolvedDate(date(int(m.group(1)), month, 1), "month") if 1 <= month <= 12 else None
    if kind in ("month_day", "day_month"):
        mon, day = (m.group(1), m.group(2)) if kind == "month_day" else (m.group(2), m.group(1))
        year = int(m.group(3)) if m.group(3) else None
        found = _month_day(_month_number(mon), int(day), year, doc)
        return ResolvedDate(found, "day") if found else None
    if kind == "month":
        return _resolve_month(m.group(1) or "", _month_number(m.group(2)), m.group(3), doc)
    if kind == "year":
        return ResolvedDate(date(int(m.group(1)), 1, 1), "year")
    if kind == "day_only":
        day = int(m.group(1))
        for back in range(0, 4):
            start = _shift_months(doc.replace(day=1), -back)
            if day <= calendar.monthrange(start.year, start.month)[1]:
                found = start.replace(day=day)
                if found <= doc:
                    return ResolvedDate(found, "day")
        return None
    return None


def _resolve_month(modifier: str, month: int, year: str | None, doc: date) -> ResolvedDate:
    """Resolve a month name, with an optional modifier or year, to its first day."""
    if year:
        return ResolvedDate(date(int(year), month, 1), "month")
    y = doc.year if month <= doc.month else doc.year - 1
    if modifier == "last" and month == doc.month:
        y -= 1
    elif modifier == "next":
        y = doc.year if month > doc.month else doc.year + 1
    return ResolvedDate(date(y, month, 1), "month")


# No date expression is longer ("the second Tuesday of next month, in the early evening").
MAX_DATE_EXPRESSION = 80


def resolve_date(expression: str, document_date: date) -> ResolvedDate | None:
    """Resolve a date expression against the document date; None when it cannot be resolved."""
    text = _normalise(expression)
    if not text or len(text) > MAX_DATE_EXPRESSION:
        return None  # (the length also bounds the recursion below: one weekday a level)
    # "Tuesday, July 2" / "Monday 14 June": the explicit date wins over the weekday.
    weekday_prefix = re.match(r"(?:" + _WD + r"),? (?:of )?(.+)$", text)
    if weekday_prefix and not re.fullmatch(r"(?:morning|afternoon|evening|night|overnight)",
                                           weekday_prefix.group(1)):
        rest = weekday_prefix.group(1)
        week = re.fullmatch(r"(last|past|this|next) week", rest)
        if week is not None:
            offset = {"last": -1, "past": -1, "this": 0, "next": 1}[week.group(1)]
            anchor = document_date + timedelta(weeks=offset)
            day = WEEKDAYS[text.split()[0].rstrip(",")]
            return ResolvedDate(anchor + timedelta(days=day - anchor.weekday()), "day")
        explicit = resolve_date(rest, document_date)
        if explicit is not None and explicit.precision == "day":
            return explicit
    if text.startswith("earlier ") and not text.startswith("earlier today"):
        text = text[len("earlier "):]
    for pattern, kind in _RULES:
        m = pattern.fullmatch(text)
        if m is not None:
            try:
                return _apply(kind, m, document_date)
            except (ValueError, OverflowError):
                return None
    return None


# --- finding date expressions in running text -------------------------------------------------

_DATE_PREPS = r"(?:in|since|by|from|during|until|till|before|after|of|through|between|circa|" \
              r"early|late|mid|around|to|and|or)"  # fmt: skip
_COUNT_QUALIFIERS = frozenset(
    re.findall(r"\w+", "about some nearly almost approximately roughly than least only just "
               "over under around total more fewer")
)
_COUNT_NOUNS = frozenset(
    re.findall(r"\w+", "people police personnel children men women staff cattle civilians of")
)
_NOT_PLURAL = frozenset(
    re.findall(r"\w+", "is was has as this its his hers thus plus us whereas yes less unless "
               "across always perhaps towards afterwards besides")
)
_TIME = r"(?:\s+(?:morning|afternoon|evening|night))?"
_FIND_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])")),
    ("full", re.compile(
        r"\b(?:(?:" + _WD + r"),?\s+)?(?:" + _MON + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?"
        r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?:,?\s+\d{4})?)(?![\w])",
        re.IGNORECASE)),
    ("month", re.compile(
        r"\b(?:(?:early|mid|late|last|this|next)[-\s]+)?(?:" + _MON + r")(?:,?\s+(?:of\s+)?\d{4})?"
        r"(?![\w])", re.IGNORECASE)),
    ("relative", re.compile(
        r"\b(?:(?:the\s+)?day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|last\s+night"
        r"|this\s+(?:morning|afternoon|evening)|earlier\s+today)" + _TIME + r"\b", re.IGNORECASE)),
    ("weekday", re.compile(
        r"\b(?:(?:last|past|this|next)\s+)?(?:" + _WD + r")" + _TIME + r"\b", re.IGNORECASE)),
    ("period", re.compile(
        r"\b(?:(?:early|earlier|late|later)\s+)?(?:last|past|this|next)\s+(?:week|month|year)\b"
        r"|\b(?:last|this|next)\s+weekend\b", re.IGNORECASE)),
    ("ago", re.compile(
        r"\b" + _NUM + r"\s+(?:day|week|month|year)s?\s+ago\b", re.IGNORECASE)),
    ("year", re.compile(r"(?<![\w,.$£€/])(?:19|20)\d\d(?![\w%/]|[,.]\d)")),
]  # fmt: skip


# For each pattern, groups of words (lower case) such that every match contains a word of
# each group: a pattern that lacks a group in a text cannot match it, and is not run.
_DIGITS = tuple("0123456789")
_MONTH_STARTS = tuple(name[:3] for name in _MONTH_NAMES)  # "sep" for "sept" and "september"
_PATTERN_WORDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "iso": (_DIGITS, ("-",)),
    "full": (_DIGITS, _MONTH_STARTS),
    "month": (_MONTH_STARTS,),
    "relative": (("yesterday", "today", "tomorrow", "night", "morning", "afternoon", "evening"),),
    "weekday": (_DAY_NAMES,),
    "period": (("last", "past", "this", "next"), ("week", "month", "year")),
    "ago": (("ago",),),
    "year": (("19", "20"),),
}


# The same patterns, case-sensitive, for the lower-cased copy of an ASCII text: there,
# case-insensitive matching is plain ASCII lower-casing (and a digit is 0-9), so they find
# the same spans, faster.
_LOWER_CASE_PATTERNS = [
    (kind, re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE))
    for kind, pattern in _FIND_PATTERNS
]


def _matches(text: str) -> list[tuple[str, re.Match[str]]]:
    """Matches of the find patterns in `text`, pattern by pattern, skipping those that lack a
    word group (`_PATTERN_WORDS`) in an ASCII text."""
    if not text.isascii():
        return [(kind, m) for kind, pattern in _FIND_PATTERNS for m in pattern.finditer(text)]
    lowered = text.lower()
    present = lowered.__contains__
    return [
        (kind, m)
        for kind, pattern in _LOWER_CASE_PATTERNS
        if all(any(map(present, group)) for group in _PATTERN_WORDS[kind])
        for m in pattern.finditer(lowered)
    ]


def _word_before(text: str, start: int) -> str:
    """The word immediately before position `start`, lower-cased ('' if none)."""
    m = re.search(r"([A-Za-z]+)[\s,]*$", text[:start])
    return m.group(1).lower() if m else ""


def _word_after(text: str, end: int) -> str:
    """The word immediately after position `end` ('' if none or if punctuation intervenes)."""
    m = re.match(r"\s+([A-Za-z]+)", text[end:])
    return m.group(1) if m else ""


def _is_year(text: str, start: int, end: int, accepted: list[tuple[int, int]]) -> bool:
    """Apply the year rule to a standalone 4-digit number (see find_date_expressions)."""
    before = _word_before(text, start)
    after = _word_after(text, end)
    previous = text[accepted[-1][0]:accepted[-1][1]] if accepted else ""
    gap = text[accepted[-1][1]:start] if accepted else ""
    if re.search(r"\d{4}$", previous) and re.fullmatch(
        r"\s*(?:,|,?\s*(?:and|or|to|through|until))\s*|\s*[-–]\s*", gap
    ):
        return True  # a list or range of years: "2000 and 2003", "2001, 2002", "2000-2003"
    if text[start - 1 : start] in ("-", "–") or re.match(r"[-–]\d", text[end:]):
        return bool(re.match(r"[-–](?:19|20)\d\d(?!\d)", text[end:]))
    if before in _COUNT_QUALIFIERS:
        return False
    if re.fullmatch(_DATE_PREPS, before) and before not in ("and", "or", "to"):
        return True
    count_noun = after in _COUNT_NOUNS or (after.endswith("s") and after not in _NOT_PLURAL)
    return not (after and after.islower() and count_noun)


def _keep(kind: str, text: str, start: int, end: int) -> bool:
    """Reject matches that are probably not dates (bare 'march', 'may', 'sun', ...)."""
    matched = text[start:end]
    if kind == "month":
        word = re.sub(r"^(?:early|mid|late|last|this|next)[-\s]+", "", matched, flags=re.I)
        name = re.match(r"[A-Za-z]+", word)
        if name is None or not name.group(0)[0].isupper():
            return False
        bare = not re.search(r"\d", word) and word == matched
        short = name.group(0).lower() in ("may", "march", "jan", "mar", "apr", "jun", "jul",
                                          "aug", "sep", "sept", "oct", "nov", "dec", "feb")
        if bare and short and not re.fullmatch(_DATE_PREPS, _word_before(text, start)):
            return False
    if kind == "full":
        name = re.search(r"[A-Za-z]{3,}", matched)
        if name is None or not name.group(0)[0].isupper():
            return False
    return True


def find_date_expressions(text: str) -> list[tuple[int, int]]:
    """Return character spans of date expressions in `text`, in order, without overlaps.

    Leading prepositions ("on", "in", "since") are not part of a span; "last", "this",
    "next", "earlier" and a time of day are. A standalone number 1900–2099 is a year when it
    follows a date preposition ("in 2000", "since 2003"), continues a list of years ("2000 and
    2003", "2001, 2002"), or otherwise unless it reads as a count: preceded by a quantity word
    ("about 2000") or followed by a lower-case plural or count noun ("2000 people",
    "2000 troops"). Numbers with thousands separators, decimals, currency or % are never years.
    Bare month names need a capital; "May" and "March" alone also need a date word before them.
    """
    candidates: list[tuple[int, int, str]] = []
    for kind, m in _matches(text):
        if kind == "year" or _keep(kind, text, m.start(), m.end()):
            candidates.append((m.start(), m.end(), kind))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    spans: list[tuple[int, int]] = []
    for start, end, kind in candidates:
        if spans and start < spans[-1][1]:
            continue
        if kind == "year" and not _is_year(text, start, end, spans):
            continue
        spans.append((start, end))
    return spans
