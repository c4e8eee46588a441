"""A plain-Python copy of a parsed spaCy Doc, read once and then walked cheaply.

The coder looks at every token many times: its words, tags, head, children and subtree, for
each predicate, pattern and phrase. On a spaCy `Doc` each such look creates a `Token` object
and looks its strings up in the vocabulary. `PlainDoc` reads every attribute the coder uses
once per paragraph (one `Doc.to_array` call) into plain objects with the same attribute names
(`text`, `lower_`, `lemma_`, `pos_`, `tag_`, `dep_`, `ent_type_`, `idx`, `i`, `head`,
`children`, `subtree`, `conjuncts`, `sent`, `doc`, `nbor()`; the rarely read `like_num`,
`whitespace_`, `left_edge` and `right_edge` ask spaCy), and adds the upper-case forms the
dictionaries are keyed by (`upper`, `lemma_upper`, `forms`). The coder and the knowledge
extractor both walk these copies.

Children, subtrees and conjuncts follow spaCy's own definitions: children in order (spaCy
looks for them between the token's left and right edges, which always enclose them), the
subtree as the left children's subtrees, the token, then the right children's subtrees, and
conjuncts through the `conj` arcs from the first conjunct. Named entities and character spans
(`PlainSentence.ents`, `char_span`) are spaCy's own `Span`s.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from operator import or_
from typing import Any, overload

# Columns of `Doc.to_array`, by their spaCy attribute names (so that reading a store does not
# load spaCy). HEAD is the signed offset to the head, in an unsigned array; SENT_START is 1
# where a sentence starts; ENT_IOB is 3 (B), 1 (I), 2 (O) or 0 (unset).
_COLUMNS = [
    "ORTH",
    "LOWER",
    "LEMMA",
    "POS",
    "TAG",
    "DEP",
    "ENT_TYPE",
    "HEAD",
    "IDX",
    "SENT_START",
    "ENT_IOB",
    "IS_PUNCT",
    "IS_SPACE",
]
_HEAD = _COLUMNS.index("HEAD")
# Shared by all documents (a string's hash is the same in every vocabulary), each capped so
# that a long-running process on unbounded input does not grow without end:
# strings by hash, for the tags, and the word fields of each (text, lower, lemma) by hashes.
_MAX_ENTRIES = 500_000
_STRINGS: dict[int, str] = {}
Word = tuple[str, str, str, str, str, frozenset[str]]  # text, lower, upper, lemma, LEMMA, forms
_WORDS: dict[tuple[int, int, int], Word] = {}


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


def _word(key: tuple[int, int, int], strings: Any) -> Word:
    """The word fields of a token whose (ORTH, LOWER, LEMMA) hashes are `key`."""
    text, lower, lemma = strings[key[0]], strings[key[1]], strings[key[2]]
    upper, lemma_upper = text.upper(), lemma.upper()
    if len(_WORDS) >= _MAX_ENTRIES:
        _WORDS.clear()
    word = _WORDS[key] = (text, lower, upper, lemma, lemma_upper, word_forms(upper, lemma_upper))
    return word


class PlainToken:
    """One token of a `PlainDoc`, with the attributes of a spaCy `Token` the coder reads.

    Besides spaCy's: `upper` (the text upper case, the key of the dictionaries), `lemma_upper`,
    `forms` (the upper-case forms under which the token can match a dictionary word: its text,
    its lemma, and its text without a plural ending, "TALKS" → TALK, "CRISES" → CRIS,
    "PARTIES" → PARTY) and `memo` (see `memo_of`).
    """

    __slots__ = (
        "_conjuncts",
        "children",
        "dep_",
        "doc",
        "ent_type_",
        "forms",
        "head",
        "i",
        "idx",
        "lemma_",
        "lemma_upper",
        "lower_",
        "memo",
        "pos_",
        "sent",
        "tag_",
        "text",
        "upper",
    )

    sent: PlainSentence

    def __init__(
        self, doc: PlainDoc, i: int, word: Word, pos: str, tag: str, dep: str, ent_type: str,
        idx: int,
    ) -> None:  # fmt: skip
        self.doc = doc
        self.i = i
        self.text, self.lower_, self.upper, self.lemma_, self.lemma_upper, self.forms = word
        self.pos_ = pos
        self.tag_ = tag
        self.dep_ = dep
        self.ent_type_ = ent_type
        self.idx = idx
        self.head: PlainToken = self
        self.children: tuple[PlainToken, ...] = ()
        # computed when first asked for
        self._conjuncts: tuple[PlainToken, ...] | None = None
        self.memo: dict[str, Any] | None = None

    def __repr__(self) -> str:
        return self.text

    def __len__(self) -> int:
        return len(self.text)

    @property
    def left_edge(self) -> PlainToken:
        """The first token of the subtree, as spaCy computed it."""
        return self.doc.tokens[int(self.doc.spacy_doc[self.i].left_edge.i)]

    @property
    def right_edge(self) -> PlainToken:
        """The last token of the subtree, as spaCy computed it."""
        return self.doc.tokens[int(self.doc.spacy_doc[self.i].right_edge.i)]

    @property
    def like_num(self) -> bool:
        return bool(self.doc.spacy_doc[self.i].like_num)

    @property
    def whitespace_(self) -> str:
        return str(self.doc.spacy_doc[self.i].whitespace_)

    @property
    def ancestors(self) -> Iterator[PlainToken]:
        """The heads above this token, nearest first."""
        found: list[PlainToken] = []
        token = self
        while token.head is not token:
            token = token.head
            found.append(token)
        return iter(found)

    @property
    def lefts(self) -> Iterator[PlainToken]:
        return (c for c in self.children if c.i < self.i)

    @property
    def rights(self) -> Iterator[PlainToken]:
        return (c for c in self.children if c.i > self.i)

    @property
    def subtree(self) -> tuple[PlainToken, ...]:
        """The token and its descendants, in spaCy's order (see `PlainDoc.subtree_bounds`)."""
        start, end = self.doc.subtree_bounds(self.i)
        return tuple(self.doc._inorder[start:end])

    @property
    def conjuncts(self) -> tuple[PlainToken, ...]:
        """The tokens coordinated with this one, without itself (as spaCy gives them)."""
        if self._conjuncts is not None:
            return self._conjuncts
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

    def nbor(self, offset: int = 1) -> PlainToken:
        """The token `offset` positions away (IndexError outside the document)."""
        k = self.i + offset
        if not 0 <= k < len(self.doc.tokens):
            raise IndexError(f"no token at {k}")
        return self.doc.tokens[k]


def memo_of(token: PlainToken) -> dict[str, Any]:
    """Storage on a token for results that depend only on the parse."""
    memo = token.memo
    if memo is None:
        memo = token.memo = {}
    return memo


class PlainSpan:
    """Tokens [start, end) of a `PlainDoc` (an entity carries its `label_`)."""

    __slots__ = ("doc", "end", "label_", "start")

    def __init__(self, doc: PlainDoc, start: int, end: int, label: str = "") -> None:
        if not 0 <= start <= end <= len(doc.tokens):
            raise IndexError(f"span [{start}, {end}) out of a document of {len(doc.tokens)}")
        self.doc = doc
        self.start = start
        self.end = end
        self.label_ = label

    def __iter__(self) -> Iterator[PlainToken]:
        return iter(self.doc.tokens[self.start : self.end])

    def __len__(self) -> int:
        return self.end - self.start

    @property
    def text(self) -> str:
        return self.doc.text_between(self.start, self.end)

    @property
    def root(self) -> PlainToken:
        """The token nearest the root of the sentence, the first one of a tie (spaCy's rule)."""
        tokens = self.doc.tokens
        for token in tokens[self.start : self.end]:
            if token.head is token:
                return token
        best, root = len(tokens), None
        for token in tokens[self.start : self.end]:
            if self.start <= token.head.i < self.end:
                continue
            if self.doc._punct_or_space[token.i] and not token.children:
                steps = len(tokens) - 1  # bare punctuation or space, only if nothing else
            else:
                steps = _steps_to_root(token, len(tokens))
            if steps < best:
                best, root = steps, token
        return tokens[self.start] if root is None else root


def _steps_to_root(token: PlainToken, limit: int) -> int:
    steps = 0
    while token.head is not token:
        token = token.head
        steps += 1
        if steps >= limit:
            raise RuntimeError("the dependency heads of the document form a cycle")
    return steps


class PlainSentence(PlainSpan):
    """A sentence of a `PlainDoc`, with its tokens and their upper-case texts (`words`)."""

    __slots__ = ("_ents", "_text", "tokens", "words")

    def __init__(self, doc: PlainDoc, start: int, end: int) -> None:
        super().__init__(doc, start, end)
        self.tokens = doc.tokens[start:end]
        self.words = [t.upper for t in self.tokens]  # the keys of the dictionaries
        self._text: str | None = None
        self._ents: list[PlainSpan] | None = None

    def __iter__(self) -> Iterator[PlainToken]:
        return iter(self.tokens)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.doc.text_between(self.start, self.end)
        return self._text

    @property
    def ents(self) -> list[PlainSpan]:
        """The named entities inside the sentence, as spaCy's `Span.ents` finds them."""
        if self._ents is None:
            found = []
            for ent in self.doc.ents:
                if ent.start >= self.start:
                    if ent.end <= self.end:
                        found.append(ent)
                    else:
                        break
            self._ents = found
        return list(self._ents)

    def char_span(self, start: int, end: int, alignment_mode: str = "strict") -> PlainSpan | None:
        """The tokens of characters [start, end) of the sentence, as spaCy's `Span.char_span`."""
        first = self.doc.tokens[self.start].idx if self.start < len(self.doc.tokens) else 0
        return self.doc.char_span(start + first, end + first, alignment_mode)


class PlainDoc:
    """All tokens and sentences of a spaCy `Doc` as plain objects (see the module docstring)."""

    __slots__ = (
        "_bounds", "_ents", "_inorder", "_iobs", "_punct_or_space", "_starts", "sents",
        "spacy_doc", "text", "tokens",
    )  # fmt: skip

    def __init__(self, spacy_doc: Any, text: str | None = None) -> None:
        """Copy `spacy_doc`; `text`, when given, is its text (saves joining the tokens)."""
        self.spacy_doc = spacy_doc
        self.text: str = spacy_doc.text if text is None else text
        if len(spacy_doc):
            import numpy  # here, not at start-up: reading a store does not need it

            array = spacy_doc.to_array(_COLUMNS)
            # HEAD is the offset to the head, signed, in an unsigned array: make it an index
            array[:, _HEAD] += numpy.arange(len(spacy_doc), dtype=numpy.uint64)
            orths, lowers, lemmas, *tags, heads, offsets, starts, iobs, punct, space = (
                array.T.tolist()
            )
        else:
            orths, lowers, lemmas, heads, offsets, starts, iobs = [], [], [], [], [], [], []
            punct, space = [], []
            tags = [[]] * 4
        try:
            pos, tag, dep, ent_type = [list(map(_STRINGS.__getitem__, column)) for column in tags]
        except KeyError:
            _learn_strings(tags, spacy_doc.vocab.strings)
            pos, tag, dep, ent_type = [list(map(_STRINGS.__getitem__, column)) for column in tags]
        keys = list(zip(orths, lowers, lemmas, strict=True))
        try:
            words = list(map(_WORDS.__getitem__, keys))
        except KeyError:
            strings = spacy_doc.vocab.strings
            words = [_WORDS.get(key) or _word(key, strings) for key in keys]
        tokens: list[PlainToken] = []
        for i in range(len(words)):
            tokens.append(PlainToken(self, i, words[i], pos[i], tag[i], dep[i], ent_type[i],
                                     offsets[i]))  # fmt: skip
        head_of: list[int] = _forest(heads)
        kids: list[list[PlainToken]] = [[] for _ in tokens]
        for token in tokens:
            parent = tokens[head_of[token.i]]
            if parent is not token:
                token.head = parent
                kids[parent.i].append(token)
        for token in tokens:
            if kids[token.i]:
                token.children = tuple(kids[token.i])
        self.tokens = tokens
        self._starts = offsets
        self._iobs = iobs
        self._punct_or_space = list(map(or_, punct, space))
        self._ents: list[PlainSpan] | None = None
        self._inorder: list[PlainToken] = []  # see `subtree_bounds`
        self._bounds: list[tuple[int, int]] = []
        self.sents: list[PlainSentence] = []
        if "sents" in spacy_doc.user_hooks or not spacy_doc.has_annotation("SENT_START"):
            # sentences set by a hook, or spaCy's error when they are unknown
            breaks = [span.start for span in spacy_doc.sents if span.start > 0]
        else:
            # spaCy's `Doc.sents`: a sentence starts at each token marked 1 after the first
            breaks = [i for i, start in enumerate(starts) if start == 1 and i > 0]
        for start, end in zip([0, *breaks], [*breaks, len(tokens)], strict=True):
            if end > start:
                sentence = PlainSentence(self, start, end)
                for token in sentence.tokens:
                    token.sent = sentence
                self.sents.append(sentence)

    @property
    def ents(self) -> list[PlainSpan]:
        """The named entities of the document with their labels, as spaCy's `Doc.ents` reads
        them from the tokens' IOB tags and entity types."""
        if self._ents is None:
            found: list[tuple[int, int, str]] = []
            start, label, previous = -1, "", -1
            iobs = self._iobs
            for i in [k for k, iob in enumerate(iobs) if iob != 2]:  # the O tokens close
                if start != -1 and i != previous + 1:
                    found.append((start, previous + 1, label))
                    start, label = -1, ""
                iob, kind = iobs[i], self.tokens[i].ent_type_
                if iob == 1:
                    if start == -1:
                        self.spacy_doc.ents  # noqa: B018  (spaCy's error: I without B)
                elif iob == 0 or (iob == 3 and not kind):
                    if start != -1:
                        found.append((start, i, label))
                    start, label = -1, ""
                elif iob == 3:
                    if start != -1:
                        found.append((start, i, label))
                    start, label = i, kind
                previous = i
            if start != -1:
                found.append((start, previous + 1, label))
            self._ents = [PlainSpan(self, a, b, name) for a, b, name in found if name]
        return self._ents

    def char_span(
        self, start_idx: int, end_idx: int, alignment_mode: str = "strict"
    ) -> PlainSpan | None:
        """The tokens of characters [start_idx, end_idx), as spaCy's `Doc.char_span` aligns them
        ("strict", "contract" or "expand"); None when they do not align."""
        if alignment_mode not in ("strict", "contract", "expand"):
            raise ValueError(f"unknown alignment mode {alignment_mode!r}")
        start = self._token_at(start_idx)
        if start < 0 or (alignment_mode == "strict" and start_idx != self.tokens[start].idx):
            return None
        end = self._token_at(end_idx - 1)
        last = self.tokens[end] if end >= 0 else None
        if last is None or (alignment_mode == "strict" and end_idx != last.idx + len(last.text)):
            return None
        first = self.tokens[start]
        if alignment_mode == "contract":
            if first.idx < start_idx:
                start += 1
            if end_idx < last.idx + len(last.text):
                end -= 1
            if end < start:
                return None
        elif alignment_mode == "expand" and start_idx == first.idx + len(first.text):
            start += 1  # the whitespace after a token is not part of it
        return PlainSpan(self, start, end + 1)

    def release(self) -> None:
        """Break the references between the tokens, the sentences and this copy, and let go of
        the spaCy Doc, so that all of it is freed at once rather than by the garbage collector.
        The copy is unusable afterwards."""
        for token in self.tokens:
            del token.head, token.children, token.doc, token.sent
            token._conjuncts = token.memo = None
        for sentence in self.sents:
            sentence.tokens = []
        self.tokens = []
        self.sents = []
        self._inorder = []
        self._bounds = []
        self.spacy_doc = None

    def subtree_bounds(self, i: int) -> tuple[int, int]:
        """Where the subtree of token `i` lies in `_inorder`: [start, end).

        `_inorder` lists the tokens in spaCy's subtree order (a token's left children's
        subtrees, the token, its right children's subtrees), tree after tree, so every subtree
        is one slice of it. Built once, by an explicit stack that visits each token once: time
        and memory grow with the length of the document, not with the depth of its trees, and
        heads that were to form a cycle (never seen from spaCy) leave their tokens alone.
        """
        if not self._bounds:
            self._walk_trees()
        return self._bounds[i]

    def _walk_trees(self) -> None:
        order: list[PlainToken] = []
        bounds = [(i, i) for i in range(len(self.tokens))]
        seen = [False] * len(self.tokens)
        roots = [t for t in self.tokens if t.head is t]
        for root in roots:
            stack: list[tuple[int, PlainToken]] = [(0, root)]  # 0 enter, 1 the token, 2 leave
            while stack:
                step, token = stack.pop()
                if step == 0:
                    if seen[token.i]:
                        continue
                    seen[token.i] = True
                    bounds[token.i] = (len(order), len(order))
                    stack.append((2, token))
                    stack.extend((0, c) for c in reversed(token.children) if c.i > token.i)
                    stack.append((1, token))
                    stack.extend((0, c) for c in reversed(token.children) if c.i < token.i)
                elif step == 1:
                    order.append(token)
                else:
                    bounds[token.i] = (bounds[token.i][0], len(order))
        for token in self.tokens:
            if not seen[token.i]:  # on a cycle: the token alone
                bounds[token.i] = (len(order), len(order) + 1)
                order.append(token)
        self._inorder = order
        self._bounds = bounds

    def _token_at(self, char: int) -> int:
        """Index of the token whose text or following whitespace holds character `char`."""
        if not 0 <= char < len(self.text):
            return -1
        return bisect_right(self._starts, char) - 1

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
            return PlainSpan(self, start, max(start, end))  # backwards: empty, as in spaCy
        return self.tokens[key]

    def text_between(self, start: int, end: int) -> str:
        """Text of tokens [start, end), without the whitespace after the last one."""
        if end <= start:
            return ""
        last = self.tokens[end - 1]
        return self.text[self.tokens[start].idx : last.idx + len(last.text)]


def _forest(heads: list[int]) -> list[int]:
    """The heads, with every token that would sit on a cycle of heads made a root.

    spaCy's parser gives trees; this makes it true by construction, so that every walk up the
    heads of a `PlainDoc` ends within as many steps as the document has tokens. Each token is
    followed up once: a walk stops at a token already placed.
    """
    heads = list(heads)
    state = [0] * len(heads)  # 0 not seen, 1 on the current walk, 2 placed (reaches a root)
    for start in range(len(heads)):
        path: list[int] = []
        node = start
        while state[node] == 0:
            state[node] = 1
            path.append(node)
            parent = heads[node]
            if parent == node or not 0 <= parent < len(heads):
                heads[node] = node
                break
            if state[parent] == 1:  # back on this walk: a cycle; cut it here
                heads[node] = node
                break
            node = parent
        for k in path:
            state[k] = 2
    return heads


def _learn_strings(columns: Sequence[list[int]], strings: Any) -> None:
    """Add the strings of the hashes in `columns` to the shared table."""
    missing = set().union(*columns).difference(_STRINGS)
    if len(_STRINGS) + len(missing) > _MAX_ENTRIES:
        _STRINGS.clear()
        missing = set().union(*columns)
    for key in missing:
        _STRINGS[key] = strings[key]
