"""Verb dictionaries: PETRARCH-2 (`CAMEO.2.0.txt`, §2) and PETRARCH-1 (`PETR.Validate.verbs`, §3).

The style is detected from the `####### VERB PATTERNS` marker (P2) or its absence (P1).
Both share synonym sets, blocks, verb lines and codes; they differ in pattern syntax.

Choices where the spec leaves room:
- P2 patterns with leftover TABARI syntax (`$ + % _` outside `&LABEL`s) never match in P2, so
  they are skipped and counted in `skipped_patterns` rather than read with P1 rules. P1
  patterns holding a TABARI disjunction `{...}` are skipped and counted the same way.
- A P2 prepositional phrase with several bare object words, `(TO A VOTE)`, is read as
  `(TO {A VOTE})`.
- A synonym-set member `+&OTHER` is replaced by the members of OTHER, which must be defined
  above it (otherwise it is reported and skipped).
- A multi-word verb with no `+` mark (P1 `LASH OUT`) takes its first word as the verb.
- In P2 a verb form already listed (by an earlier block or line) stays with the first; in
  P1 every entry is kept in file order, as PETRARCH-1 lets a later block of the same verb
  add patterns (`SHOT`, test DEMO-05).
- Plurals of synonym-set members append ES after S (BUS → BUSES), like agents.
"""

from __future__ import annotations

import re
from pathlib import Path

from dyad.dictionaries._lines import iter_lines, plural_of, read_text, words_of
from dyad.dictionaries._patterns import (
    PatternSkipped,
    parse_code,
    parse_p1_pattern,
    parse_p2_pattern,
    synset_labels,
)
from dyad.dictionaries.model import (
    EventCode,
    Phrase,
    Transformation,
    VerbBlock,
    VerbDictionary,
    VerbEntry,
    VerbPattern,
)
from dyad.dictionaries.parsed import Parsed
from dyad.errors import DictionaryLineError

_MARKER = re.compile(r"\s*#+\s*(SYNONYM SETS|VERB PATTERNS|TRANSFORMATIONS)\s*#*\s*$")
_WORD_SPLIT = re.compile(r"[_\s]+")
_TRANSFORM_TOKEN = re.compile(r"[()=]|[^\s()=]+")
NULL_CODE = EventCode("---")


def verb_inflections(verb: str) -> tuple[str, str, str]:
    """Generated forms of a verb: +S (+ES after S X Z, Y→IES), +ED (+D after E), +ING."""
    if verb.endswith(("S", "X", "Z")):
        third = verb + "ES"
    elif verb.endswith("Y"):
        third = verb[:-1] + "IES"
    else:
        third = verb + "S"
    past = verb + "D" if verb.endswith("E") else verb + "ED"
    if verb.endswith("E") and len(verb) > 1 and verb[-2] not in "AEIOU":
        gerund = verb[:-1] + "ING"
    else:
        gerund = verb + "ING"
    return third, past, gerund


def split_verb(text: str) -> tuple[Phrase, int]:
    """Words of a verb form and the index of its verb word (the `+`-marked one, else 0)."""
    words = [w for w in _WORD_SPLIT.split(text.strip().upper()) if w]
    if not words:
        raise ValueError("empty verb form")
    marked = [k for k, w in enumerate(words) if w.startswith("+")]
    if len(marked) > 1:
        raise ValueError("only one word of a verb may carry `+`")
    index = marked[0] if marked else 0
    if marked:
        words[index] = words[index][1:]
        if not words[index]:
            raise ValueError("`+` must be attached to the verb word")
        if index not in (0, len(words) - 1):
            raise ValueError("only the first or last word of a verb may carry `+`")
    return tuple(words), index


def _bracketed(text: str, open_ch: str, close_ch: str) -> tuple[str, str | None]:
    """(text before the bracket, bracket content or None); ValueError if unclosed."""
    start = text.find(open_ch)
    if start < 0:
        return text, None
    end = text.find(close_ch, start)
    if end < 0:
        raise ValueError(f"unclosed `{open_ch}`")
    return text[:start], text[start + 1 : end]


class _VerbReader:
    def __init__(self, path: str, style: str) -> None:
        self.path = path
        self.result = VerbDictionary(style=style)
        self.problems: list[DictionaryLineError] = []
        self.block: VerbBlock | None = None
        self.synset: list[Phrase] | None = None
        self.synset_plurals = True
        self.in_transformations = False
        self._seen: set[object] = set()

    def problem(self, line: int, message: str, text: str = "") -> None:
        self.problems.append(DictionaryLineError(self.path, line, message, text=text))

    def marker(self, name: str) -> None:
        self.synset = None
        self.in_transformations = name == "TRANSFORMATIONS"
        if name != "VERB PATTERNS":
            self.block = None

    def line(self, number: int, text: str) -> None:
        try:
            if text.startswith("~"):
                self.transformation(number, text)
            elif self.in_transformations:
                self.problem(number, "only `~` lines may follow the TRANSFORMATIONS marker", text)
            elif text.startswith("&"):
                self.open_synset(text)
            elif text.startswith("+") and self.synset is not None:
                self.member(number, text)
            elif text.startswith("---"):
                self.header(number, text)
            elif text.startswith("-"):
                self.pattern(number, text)
            else:
                self.verb(number, text)
        except ValueError as exc:
            self.problem(number, f"{exc}; line skipped", text)

    def open_synset(self, text: str) -> None:
        raw = text[1:].strip().upper()
        label = raw.rstrip("_")
        if not label or any(ch.isspace() for ch in label):
            raise ValueError("a synonym set needs a one-word &LABEL")
        self.block = None
        self.synset_plurals = not raw.endswith("_")
        if label in self.result.synsets:
            raise ValueError(f"synonym set &{label} is defined twice")
        self.synset = self.result.synsets[label] = []

    def member(self, number: int, text: str) -> None:
        assert self.synset is not None
        body = text[1:].strip()
        if body.startswith("&"):
            label = body[1:].strip().rstrip("_").upper()
            if label not in self.result.synsets:
                raise ValueError(f"member &{label} is not a synonym set defined above")
            new = list(self.result.synsets[label])
        else:
            if any(ch in body for ch in "[]{}()*$%^&"):
                raise ValueError("a synonym-set member is made of plain words")
            words = words_of(body)
            if not words:
                raise ValueError("empty synonym-set member")
            new = [words]
            if len(words) == 1 and self.synset_plurals and not body.endswith("_"):
                new.append((plural_of(words[0]),))
        self.synset.extend(p for p in new if p not in self.synset)

    def header(self, number: int, text: str) -> None:
        self.synset = None
        body = text[3:]
        before, code_text = _bracketed(body, "[", "]")
        if code_text is None:
            before = before.strip().removesuffix("---")
        code = NULL_CODE if code_text is None else parse_code(code_text)
        if isinstance(code, str):
            raise ValueError(code)
        name = " ".join(words_of(before))
        self.block = VerbBlock(name, code, line=number)
        self.result.blocks.append(self.block)

    def verb(self, number: int, text: str) -> None:
        if self.block is None:
            raise ValueError("verb line outside a verb block")
        head, code_text = _bracketed(text, "[", "]")
        code = self.block.code if code_text is None else parse_code(code_text)
        if isinstance(code, str):
            raise ValueError(code)
        head, braced = _bracketed(head, "{", "}")
        lemma, index = split_verb(head)
        forms: list[tuple[Phrase, int]] = [(lemma, index)]
        if braced is None:
            for inflected in verb_inflections(lemma[index]):
                forms.append(((*lemma[:index], inflected, *lemma[index + 1 :]), index))
        else:
            for written in braced.replace(",", " ").split():
                words, k = split_verb(written)
                if "+" not in written and len(words) == len(lemma):
                    k = index
                forms.append((words, k))
        for words, k in forms:
            self.add_form(VerbEntry(words, k, lemma, code, self.block, number))

    def add_form(self, entry: VerbEntry) -> None:
        # P2: first listing wins file-wide; P1: one entry per form and block.
        key = entry.words if self.result.style == "P2" else (entry.words, entry.block.line)
        if key in self._seen:
            return
        self._seen.add(key)
        self.result.forms.setdefault(entry.words[entry.verb_index], []).append(entry)

    def pattern(self, number: int, text: str) -> None:
        if self.block is None:
            raise ValueError("pattern outside a verb block")
        start = text.rfind("[")
        end = text.find("]", start)
        if start < 0 or end < 0:
            raise ValueError("pattern without a [CODE]")
        code = parse_code(text[start + 1 : end])
        if isinstance(code, str):
            raise ValueError(code)
        if text[end + 1 :].strip():
            raise ValueError("text after the pattern's [CODE]")
        body = text[1:start]
        parse = parse_p2_pattern if self.result.style == "P2" else parse_p1_pattern
        try:
            parts = parse(body)
        except PatternSkipped:
            self.result.skipped_patterns += 1
            return
        self.block.patterns.append(
            VerbPattern(
                parts.pre, parts.post, code, number, text.strip(),
                parts.verb_joined_to_pre, parts.verb_joined_to_post,
            )
        )

    def transformation(self, number: int, text: str) -> None:
        tokens = _TRANSFORM_TOKEN.findall(text[1:])
        shape_ok = len(tokens) == 11 and tokens[1] == "(" and tokens[5] == ")"
        if not shape_ok or tokens[7] != "=":
            raise ValueError("a transformation reads `~ a (b c VERB) VERB = x y CODE`")
        a, _, b, c, inner, _, outer, _, x, y, code = tokens
        self.result.transformations.append(
            Transformation(a, b, c, inner.upper(), outer.upper(), x, y, code, number)
        )

    def finish(self) -> None:
        for block in self.result.blocks:
            kept = []
            for pattern in block.patterns:
                labels = synset_labels((*pattern.pre, *pattern.post))
                missing = next((lb for lb in labels if lb not in self.result.synsets), None)
                if missing is None:
                    kept.append(pattern)
                else:
                    self.problem(
                        pattern.line,
                        f"pattern uses undefined synonym set &{missing}; pattern dropped",
                        pattern.text,
                    )
            block.patterns = kept
        for entries in self.result.forms.values():
            entries.sort(key=lambda e: -len(e.words))
        self.problems.sort(key=lambda p: p.line)


def detect_style(text: str) -> str:
    """"P2" when the text has the `####### VERB PATTERNS` marker, else "P1"."""
    for raw in text.split("\n"):
        match = _MARKER.match(raw)
        if match and match.group(1) == "VERB PATTERNS":
            return "P2"
    return "P1"


def parse_verbs(path: Path) -> Parsed[VerbDictionary]:
    """Parse a P1 or P2 verb dictionary (style auto-detected), reporting malformed lines."""
    text = read_text(path)
    reader = _VerbReader(str(path), detect_style(text))
    for number, raw, content in iter_lines(text, reader.path, reader.problems):
        if raw.startswith("#"):
            match = _MARKER.match(raw)
            if match:
                reader.marker(match.group(1))
            continue
        content = content.strip()
        if content:
            reader.line(number, content)
    reader.finish()
    return Parsed(reader.result, reader.problems)
