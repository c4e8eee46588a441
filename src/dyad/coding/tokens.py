"""A plain-Python copy of a parsed spaCy Doc, read once and then walked cheaply.

The coder looks at every token many times: its words, tags, head, children and subtree, for
each predicate, pattern and phrase. On a spaCy `Doc` each such look creates a `Token` object
and looks its strings up in the vocabulary. `PlainDoc` reads every attribute the coder uses
once per paragraph into plain objects with the same attribute names (`text`, `lemma_`, `pos_`,
`dep_`, `head`, `children`, `subtree`, `conjuncts`, `sent`, ...), so that the same code walks
either, and adds the upper-case forms the dictionaries are keyed by (`upper`, `lemma_upper`).

Children, subtrees and conjuncts follow spaCy's own definitions (children between the token's
left and right edges, in order; subtree = left children's subtrees, the token, right ones').
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, overload

from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, ORTH, POS, TAG

# Columns of `Doc.to_array`, in the order of `PlainToken`'s string fields, then head and idx.
_COLUMNS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, HEAD, IDX]
_WRAP, _HALF = 1 << 64, 1 << 63  # HEAD is a signed offset stored in an unsigned array
# Strings by hash, shared by all documents (the vocabulary of a corpus is bounded; the cap
# keeps a long-running process from growing without end on unbounded input).
_NAMES: dict[int, str] = {}
_MAX_NAMES = 500_000


def word_forms(upper: str, lemma_upper: str) -> frozenset[str]:
    """See `PlainToken.forms`."""
    forms = {upper, lemma_upper}
    if upper.endswith("S"):
        forms.add(upper[:-1])
        if upper.endswith("ES"):
            forms.add(upper[:-2])
        if upper.endswith("IES"):
            forms.add(upper[:-3] + "Y")
    return frozenset(forms)


class PlainToken:
    """One token of a `PlainDoc`, with the attributes of a spaCy `Token` the coder reads."""

    __slots__ = (
        "_conjuncts",
        "_forms",
        "_subtree",
        "children",
        "dep_",
        "doc",
        "ent_type_",
        "head",
        "i",
        "idx",
        "lemma_",
        "lemma_upper",
        "lower_",
        "pos_",
        "sent",
        "tag_",
        "text",
        "upper",
    )

    def __init__(
        self,
        doc: PlainDoc,
        i: int,
        text: str,
        lower: str,
        lemma: str,
        pos: str,
        tag: str,
        dep: str,
        ent_type: str,
        idx: int,
    ) -> None:
        self.doc = doc
        self.i = i
        self.text = text
        self.lower_ = lower
        self.upper = text.upper()
        self.lemma_ = lemma
        self.lemma_upper = lemma.upper()
        self.pos_ = pos
        self.tag_ = tag
        self.dep_ = dep
        self.ent_type_ = ent_type
        self.idx = idx
        self.head: PlainToken = self
        self.children: tuple[PlainToken, ...] = ()
        self.sent: PlainSentence | None = None
        self._subtree: tuple[PlainToken, ...] | None = None
        self._conjuncts: tuple[PlainToken, ...] | None = None
        self._forms: frozenset[str] | None = None

    def __repr__(self) -> str:
        return self.text

    def __len__(self) -> int:
        return len(self.text)

    @property
    def left_edge(self) -> PlainToken:
        """The first token of the subtree, as spaCy computed it."""
        return self.doc.tokens[self.doc.spacy_doc[self.i].left_edge.i]

    @property
    def right_edge(self) -> PlainToken:
        """The last token of the subtree, as spaCy computed it."""
        return self.doc.tokens[self.doc.spacy_doc[self.i].right_edge.i]

    @property
    def lefts(self) -> Iterator[PlainToken]:
        return (c for c in self.children if c.i < self.i)

    @property
    def rights(self) -> Iterator[PlainToken]:
        return (c for c in self.children if c.i > self.i)

    @property
    def subtree(self) -> tuple[PlainToken, ...]:
        """The token and its descendants, in spaCy's order."""
        if self._subtree is None:
            found: list[PlainToken] = []
            for child in self.children:
                if child.i < self.i:
                    found.extend(child.subtree)
            found.append(self)
            for child in self.children:
                if child.i > self.i:
                    found.extend(child.subtree)
            self._subtree = tuple(found)
        return self._subtree

    @property
    def conjuncts(self) -> tuple[PlainToken, ...]:
        """The tokens coordinated with this one, without itself (as spaCy gives them)."""
        if self._conjuncts is None:
            start = self
            while start.head is not start and start.dep_ == "conj":
                start = start.head
            queue = [start]
            output = [start]
            for word in queue:
                for child in word.children:
                    if child.i > word.i and child.dep_ == "conj":
                        output.append(child)
                        queue.append(child)
            self._conjuncts = tuple(w for w in output if w.i != self.i)
        return self._conjuncts

    @property
    def forms(self) -> frozenset[str]:
        """Upper-case forms under which the token can match a dictionary word: its text, its
        lemma, and its text without a plural ending ("TALKS" → TALK, "CRISES" → CRIS,
        "PARTIES" → PARTY)."""
        if self._forms is None:
            self._forms = word_forms(self.upper, self.lemma_upper)
        return self._forms

    def nbor(self, offset: int = 1) -> PlainToken:
        """The token `offset` positions away (IndexError outside the document)."""
        k = self.i + offset
        if not 0 <= k < len(self.doc.tokens):
            raise IndexError(f"no token at {k}")
        return self.doc.tokens[k]


class PlainSpan:
    """Tokens [start, end) of a `PlainDoc`."""

    __slots__ = ("doc", "end", "start")

    def __init__(self, doc: PlainDoc, start: int, end: int) -> None:
        self.doc = doc
        self.start = start
        self.end = end

    def __iter__(self) -> Iterator[PlainToken]:
        return iter(self.doc.tokens[self.start : self.end])

    def __len__(self) -> int:
        return max(self.end - self.start, 0)

    @property
    def text(self) -> str:
        return self.doc.text_between(self.start, self.end)


class PlainSentence(PlainSpan):
    """A sentence of a `PlainDoc`; entities and character spans come from the spaCy sentence."""

    __slots__ = ("_text", "tokens", "words")

    def __init__(self, doc: PlainDoc, start: int, end: int) -> None:
        super().__init__(doc, start, end)
        self.tokens = doc.tokens[start:end]
        self.words = [t.upper for t in self.tokens]  # upper-case texts, the dictionary keys
        self._text: str | None = None

    def __iter__(self) -> Iterator[PlainToken]:
        return iter(self.tokens)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.doc.text_between(self.start, self.end)
        return self._text

    @property
    def spacy_span(self) -> Any:
        """The spaCy `Span` of this sentence."""
        return self.doc.spacy_doc[self.start : self.end]

    @property
    def ents(self) -> list[Any]:
        """The named entities inside the sentence (spaCy `Span`s), as `Span.ents` finds them."""
        found = []
        for ent in self.doc.ents:
            if ent.start >= self.start:
                if ent.end <= self.end:
                    found.append(ent)
                else:
                    break
        return found

    def char_span(self, start: int, end: int, **options: Any) -> Any:
        """spaCy's `Span.char_span`: the spaCy `Span` of characters [start, end) of the sentence."""
        return self.spacy_span.char_span(start, end, **options)


class PlainDoc:
    """All tokens and sentences of a spaCy `Doc` as plain objects (see the module docstring)."""

    __slots__ = ("_ents", "sents", "spacy_doc", "text", "tokens")

    def __init__(self, spacy_doc: Any, text: str | None = None) -> None:
        """Copy `spacy_doc`; `text`, when given, is its text (saves joining the tokens)."""
        self.spacy_doc = spacy_doc
        self.text: str = spacy_doc.text if text is None else text
        columns = spacy_doc.to_array(_COLUMNS).T.tolist() if len(spacy_doc) else [[]] * 9
        *keys, heads, offsets = columns
        names = _NAMES
        missing = set().union(*keys).difference(names)
        if missing:
            if len(names) + len(missing) > _MAX_NAMES:
                names.clear()
                missing = set().union(*keys)
            strings = spacy_doc.vocab.strings
            for key in missing:
                names[key] = strings[key]
        texts, lowers, lemmas, pos, tags, deps, ent_types = (
            list(map(names.__getitem__, column)) for column in keys
        )
        tokens = [
            PlainToken(self, i, *fields)
            for i, fields in enumerate(
                zip(texts, lowers, lemmas, pos, tags, deps, ent_types, offsets, strict=True)
            )
        ]
        for token, head in zip(tokens, heads, strict=True):
            if head:
                # HEAD is the offset to the head, stored in an unsigned array
                parent = token.head = tokens[token.i + (head - _WRAP if head >= _HALF else head)]
                parent.children += (token,)
        self.tokens = tokens
        self._ents: list[Any] | None = None
        self.sents: list[PlainSentence] = []
        for span in spacy_doc.sents:
            sentence = PlainSentence(self, span.start, span.end)
            for token in sentence.tokens:
                token.sent = sentence
            self.sents.append(sentence)

    @property
    def ents(self) -> list[Any]:
        """The named entities of the document (spaCy `Span`s)."""
        if self._ents is None:
            self._ents = list(self.spacy_doc.ents)
        return self._ents

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self) -> Iterator[PlainToken]:
        return iter(self.tokens)

    @overload
    def __getitem__(self, key: int) -> PlainToken: ...

    @overload
    def __getitem__(self, key: slice) -> PlainSpan: ...

    def __getitem__(self, key: int | slice) -> PlainToken | PlainSpan:
        if isinstance(key, slice):
            start, end, _ = key.indices(len(self.tokens))
            return PlainSpan(self, start, end)
        return self.tokens[key]

    def text_between(self, start: int, end: int) -> str:
        """Text of tokens [start, end), without the whitespace after the last one."""
        if end <= start:
            return ""
        last = self.tokens[end - 1]
        return self.text[self.tokens[start].idx : last.idx + len(last.text)]
