"""Match a predicate against the verb dictionary: find its entry, then its best pattern.

P2 patterns (CAMEO.2.0.txt) are matched on the dependency tree: PRE elements on the subject
phrase, POST elements on the complement (objects, prepositional phrases). P1 patterns (the
PETRARCH validation dictionary) are flat word sequences matched in sentence order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dyad.coding.actors import joins_words
from dyad.coding.phrases import PhraseIndex
from dyad.coding.syntax import NOMINAL_POS, np_tokens, pobj_of
from dyad.coding.tokens import PlainToken
from dyad.dictionaries.model import (
    ActorSlot,
    AnyPhrase,
    Element,
    EventCode,
    NounPhrase,
    PatternItem,
    PrepPhrase,
    Slot,
    SynsetRef,
    VerbDictionary,
    VerbEntry,
    VerbPattern,
    Word,
)

Token = PlainToken

DIRECT_DEPS = frozenset(
    {"dobj", "nsubjpass", "attr", "oprd", "dative", "prep", "agent", "ccomp", "acomp", "xcomp"}
)
NEGATION_WORDS = frozenset({"NOT", "N'T", "NEVER", "NO"})


@dataclass(frozen=True)
class VerbMatch:
    """The outcome of matching one predicate: the code and what supports it."""

    entry: VerbEntry
    pattern: VerbPattern | None
    code: EventCode
    trigger: tuple[int, ...]  # token indices of the verb's words
    slots: tuple[tuple[Slot, int], ...] = ()  # P1 actor slots bound to token indices
    consumed_negation: bool = False

    @property
    def reason(self) -> str:
        if self.pattern is not None:
            return f"pattern line {self.pattern.line}: {self.pattern.text.strip()}"
        if not self.entry.line:  # a built-in entry, not a dictionary line (act nouns)
            return f"{self.entry.block.name} {' '.join(self.entry.lemma).lower()}"
        return f"verb {'_'.join(self.entry.lemma)} (line {self.entry.line})"


class VerbMatcher:
    """Finds verb entries for tokens and picks the best-matching pattern."""

    def __init__(self, verbs: VerbDictionary) -> None:
        self.verbs = verbs
        self._synsets = {
            label: PhraseIndex({tuple(m): True for m in members})
            for label, members in verbs.synsets.items()
        }
        self._needs: dict[int, tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]]] = {}
        self._index: dict[int, tuple[list[int], dict[str, list[int]]]] = {}
        self._entries_of: dict[tuple[str, str], list[VerbEntry]] = {}
        # by id(element): the elements belong to `verbs`, which outlives the matcher's use
        self._alternatives_of: dict[int, frozenset[str]] = {}
        self._synset_words = {
            label: {m[-1] for m in members if m} for label, members in verbs.synsets.items()
        }

    # ------------------------------------------------------------ entries

    def entries(self, verb: Token) -> list[tuple[VerbEntry, tuple[int, ...]]]:
        """Dictionary entries for the verb token, multi-word ones found in the sentence first."""
        found: list[tuple[VerbEntry, tuple[int, ...]]] = []
        for entry in self._entries_for(verb.upper, verb.lemma_upper):
            if len(entry.words) == 1:
                found.append((entry, (verb.i,)))
                continue
            trigger = self._locate(entry, verb)
            if trigger is not None:
                found.append((entry, trigger))
        return found

    def _entries_for(self, word: str, lemma: str) -> list[VerbEntry]:
        """The distinct entries of a verb's word and lemma, the longest first (stable)."""
        key = (word, lemma)
        known = self._entries_of.get(key)
        if known is None:
            known = []
            for form in (word, lemma) if lemma != word else (word,):
                for entry in self.verbs.entries_for(form):
                    if not any(entry is other for other in known):
                        known.append(entry)
            known.sort(key=lambda entry: -len(entry.words))
            self._entries_of[key] = known
        return known

    @staticmethod
    def _locate(entry: VerbEntry, verb: Token) -> tuple[int, ...] | None:
        doc = verb.doc
        sent = verb.sent
        before = entry.words[: entry.verb_index]
        after = entry.words[entry.verb_index + 1 :]
        indices = [verb.i]
        pos = verb.i
        for word in after:
            nxt = next(
                (k for k in range(pos + 1, min(pos + 4, sent.end)) if doc[k].upper == word),
                None,
            )
            if nxt is None:
                return None
            indices.append(nxt)
            pos = nxt
        pos = verb.i
        for word in reversed(before):
            prv = next(
                (
                    k
                    for k in range(pos - 1, max(pos - 4, sent.start - 1), -1)
                    if doc[k].upper == word
                ),
                None,
            )
            if prv is None:
                return None
            indices.append(prv)
            pos = prv
        return tuple(sorted(indices))

    # ------------------------------------------------------------ patterns

    def best_match(
        self,
        verb: Token,
        subject: Sequence[Token],
        complement: Sequence[Token],
        actor_tokens: dict[int, Any],
    ) -> VerbMatch | None:
        """The most specific matching pattern over the verb's entries, else the verb's code."""
        entries = self.entries(verb)
        if not entries:
            return None
        best: tuple[int, int, VerbMatch] | None = None
        subject_tokens = [t for head in subject for t in np_tokens(head)]
        tokens = verb.doc.tokens
        if verb.i >= 2 and joins_words(tokens, verb.i - 1) and tokens[verb.i - 2] not in (
                subject_tokens):
            # "test-fired": the word joined to the verb is read before it, as in "test fired"
            subject_tokens.append(tokens[verb.i - 2])
        post_keys = _keys(complement)
        pre_keys = _keys(subject_tokens)
        keys = pre_keys | post_keys
        p2 = self.verbs.style == "P2"
        found: dict[tuple[int, int], tuple[int, int]] = {}  # _find_at results, for every pattern
        for rank, (entry, trigger) in enumerate(entries):
            for pattern in self._candidates(entry, keys):
                if p2 and not self._may_match(pattern, pre_keys, post_keys):
                    continue
                outcome = self._try(
                    pattern, verb, trigger, subject_tokens, complement, actor_tokens, found
                )
                if outcome is None:
                    continue
                weight, slots, negation = outcome
                key = (weight, -rank)
                if (
                    best is None
                    or key > best[:2]
                    or (
                        key == best[:2]
                        and pattern.text.strip()
                        == (best[2].pattern.text.strip() if best[2].pattern else "")
                    )
                ):
                    best = (
                        weight,
                        -rank,
                        VerbMatch(entry, pattern, pattern.code, trigger, slots, negation),
                    )
            if best is not None and len(entry.words) > 1:
                break
        if best is not None:
            return best[2]
        # No pattern: the verb's own code, from the first entry that has one.
        entry, trigger = next(((e, t) for e, t in entries if not e.code.is_null), entries[0])
        return VerbMatch(entry, None, entry.code, trigger)

    def _candidates(self, entry: VerbEntry, keys: set[str]) -> list[VerbPattern]:
        """The block's patterns that could match, in file order (P2: indexed by a needed word)."""
        patterns = entry.block.patterns
        if self.verbs.style != "P2":
            return patterns
        index = self._index.get(id(entry.block))
        if index is None:
            index = self._index[id(entry.block)] = self._index_block(patterns)
        anywhere, by_word = index
        found = set(anywhere)
        for key in keys & by_word.keys():
            found.update(by_word[key])
        return [patterns[i] for i in sorted(found)]

    def _index_block(self, patterns: list[VerbPattern]) -> tuple[list[int], dict[str, list[int]]]:
        anywhere: list[int] = []
        by_word: dict[str, list[int]] = {}
        for n, pattern in enumerate(patterns):
            anchors = next(
                (
                    alt
                    for alt in (
                        self._alternatives(i.element) for i in (*pattern.post, *pattern.pre)
                    )
                    if alt
                ),
                frozenset(),
            )
            if not anchors:
                anywhere.append(n)
            for word in anchors:
                by_word.setdefault(word, []).append(n)
        return anywhere, by_word

    def _may_match(self, pattern: VerbPattern, pre: set[str], post: set[str]) -> bool:
        """A quick necessary condition: every word the pattern needs occurs in its phrase."""
        needs = self._needs.get(id(pattern))
        if needs is None:
            needs = self._needs[id(pattern)] = (
                tuple(alt for alt in (self._alternatives(i.element) for i in pattern.pre) if alt),
                tuple(alt for alt in (self._alternatives(i.element) for i in pattern.post) if alt),
            )
        return all(not alternatives.isdisjoint(pre) for alternatives in needs[0]) and all(
            not alternatives.isdisjoint(post) for alternatives in needs[1]
        )

    def _alternatives(self, element: Element) -> frozenset[str]:
        """Words one of which must occur for `element` to match (empty: no constraint)."""
        known = self._alternatives_of.get(id(element))
        if known is None:
            known = self._alternatives_of[id(element)] = self._compute_alternatives(element)
        return known

    def _compute_alternatives(self, element: Element) -> frozenset[str]:
        if isinstance(element, Word):
            return frozenset({element.text})
        if isinstance(element, SynsetRef):
            members = self.verbs.synsets.get(element.label, [])
            return frozenset(m[-1] for m in members if m)
        if isinstance(element, NounPhrase):
            return self._alternatives(element.head)
        if isinstance(element, PrepPhrase):
            return frozenset({element.prep})
        return frozenset()

    def _try(
        self,
        pattern: VerbPattern,
        verb: Token,
        trigger: tuple[int, ...],
        subject_tokens: Sequence[Token],
        complement: Sequence[Token],
        actor_tokens: dict[int, Any],
        found: dict[tuple[int, int], tuple[int, int]],
    ) -> tuple[int, tuple[tuple[Slot, int], ...], bool] | None:
        """Weight of the pattern's match (P2: on the subject phrase's and complement's tokens),
        the P1 actor slots it binds, and whether it consumes a negation; None: no match.

        `found` keeps the element searches of this predicate, which patterns share: by
        (id(element), -2) for the subject phrase, (id(element), n) for complement tokens after
        token n (-1: all of them).
        """
        if self.verbs.style == "P1":
            return self._try_flat(pattern, verb, trigger, actor_tokens)
        weight = 0
        noun_at = -1  # a prepositional phrase follows the noun it may attach to
        for item in pattern.post:
            element = item.element
            prep = isinstance(element, PrepPhrase)
            after = noun_at if prep else -1
            key = (id(element), after)
            result = found.get(key)
            if result is None:
                tokens = [t for t in complement if t.i > after] if after >= 0 else complement
                result = found[key] = self._find_at(element, tokens, verb)
            w, where = result
            if w == 0:
                return None
            if not prep:
                noun_at = max(noun_at, where)
            weight += w
        for item in pattern.pre:
            key = (id(item.element), -2)
            result = found.get(key)
            if result is None:
                result = found[key] = self._find_at(item.element, subject_tokens, None)
            if result[0] == 0:
                return None
            weight += result[0]
        return weight, (), False

    def _find_at(
        self, element: Element, tokens: Sequence[Token], verb: Token | None
    ) -> tuple[int, int]:
        """Weight of `element`'s best match among the tokens (0: none), and the index of the
        first token that gives it.

        A match on the verb's own object outweighs one deeper in the phrase, so "ceased
        negotiations on a World War II treaty" is about negotiations, not war.
        """
        best, where = 0, -1
        needed = self._alternatives(element)
        word = isinstance(element, Word | SynsetRef)
        for token in tokens:
            if needed and needed.isdisjoint(token.forms):
                continue  # cheap: the token has none of the words the element needs
            if word and _modifier(token):
                continue  # a pattern word names a phrase's head: "government forces" is forces
            w = self._element_weight(element, token)
            if w and verb is not None and token.head.i == verb.i and token.dep_ in DIRECT_DEPS:
                w += 1
            if w > best:
                best, where = w, token.i
        return best, where

    def _element_weight(self, element: Element, token: Token) -> int:
        if isinstance(element, Word):
            return 2 if _word_matches(token, element.text) else 0
        if isinstance(element, SynsetRef):
            return 2 if self._synset_matches(token, element.label) else 0
        if isinstance(element, AnyPhrase):
            return 1 if token.pos_ in NOMINAL_POS else 0
        if isinstance(element, NounPhrase):
            if not self._element_weight(element.head, token):
                return 0
            inside = [t for t in token.subtree if t.i != token.i]
            for mod in element.modifiers:
                needed = self._alternatives(mod)
                if not any(
                    self._element_weight(mod, t) for t in inside if not needed.isdisjoint(t.forms)
                ):
                    return 0
            return 2 + 2 * len(element.modifiers)
        if isinstance(element, PrepPhrase):
            if token.dep_ not in ("prep", "agent", "dative") or token.upper != element.prep:
                return 0
            if element.obj is None:
                return 1
            obj = pobj_of(token)
            if obj is None:
                return 0
            for candidate in [obj, *obj.conjuncts]:
                w = self._element_weight(element.obj, candidate)
                if w:
                    return 1 + w
            return 0
        return 0

    def _synset_matches(self, token: Token, label: str) -> bool:
        index = self._synsets.get(label)
        if index is None:
            return False
        key = token.upper
        if (key,) in index or (token.lemma_upper,) in index:
            return True
        if key not in self._synset_words[label]:
            return False
        start = max(token.sent.start, token.i - 5)
        words = [t.upper for t in token.doc.tokens[start : token.i + 1]]
        return any(index.longest_at(words, k) == len(words) - k for k in range(len(words)))

    # ------------------------------------------------------------ P1 flat patterns

    def _try_flat(
        self,
        pattern: VerbPattern,
        verb: Token,
        trigger: tuple[int, ...],
        actor_tokens: dict[int, Any],
    ) -> tuple[int, tuple[tuple[Slot, int], ...], bool] | None:
        sent = verb.sent
        first, last = min(trigger), max(trigger)
        after = [t for t in sent if t.i > last and t.i <= verb.right_edge.i]
        before_all = [t for t in sent if t.i < first]
        cut = max((t.i for t in before_all if t.text in (",", ";", ":")), default=sent.start - 1)
        before = [t for t in before_all if t.i > cut]
        slots: list[tuple[Slot, int]] = []
        post = _match_items(
            self,
            pattern.post,
            after,
            pattern.verb_joined_to_post,
            actor_tokens,
            slots,
            forward=True,
        )
        if post is None:
            return None
        pre = _match_items(
            self,
            tuple(reversed(pattern.pre)),
            list(reversed(before)),
            pattern.verb_joined_to_pre,
            actor_tokens,
            slots,
            forward=False,
        )
        if pre is None:
            return None
        words = [item.element for item in (*pattern.pre, *pattern.post)]
        negation = any(isinstance(w, Word) and w.text in NEGATION_WORDS for w in words) or any(
            isinstance(w, SynsetRef) and "NEG" in w.label for w in words
        )
        return 1, tuple(slots), negation

    def flat_element_span(
        self, element: Element, tokens: Sequence[Token], k: int, actor_tokens: dict[int, Any]
    ) -> int:
        """How many tokens from position k match a flat (P1) element; 0 if none."""
        token = tokens[k]
        if isinstance(element, Word):
            return 1 if _word_matches(token, element.text, exact=True) else 0
        if isinstance(element, ActorSlot):
            mention = actor_tokens.get(token.i)
            if mention is None:
                return 0
            n = 1
            while k + n < len(tokens) and actor_tokens.get(tokens[k + n].i) is mention:
                n += 1
            return n
        if isinstance(element, SynsetRef):
            index = self._synsets.get(element.label)
            if index is None:
                return 0
            words = [t.upper for t in tokens[k:]]
            return index.longest_at(words, 0)
        return 0


# No verb pattern of a real dictionary comes near this many words and slots; a longer one
# (a malformed user dictionary) matches nothing rather than recursing that deep.
MAX_PATTERN_ITEMS = 100


def _match_items(
    matcher: VerbMatcher,
    items: Sequence[PatternItem],
    tokens: list[Token],
    first_joined: bool,
    actor_tokens: dict[int, Any],
    slots: list[tuple[Slot, int]],
    *,
    forward: bool,
) -> int | None:
    """Match flat items as a subsequence of `tokens` (adjacency where joined); return count.

    A backtracking search, bounded by construction: it goes one item deeper a call (so no
    deeper than the pattern is long), and it remembers the (item, position, joined) states
    that failed, so that each is tried once: at most items × tokens × 2 states.
    """
    if len(items) > MAX_PATTERN_ITEMS:
        return None
    failed: set[tuple[int, int, bool]] = set()

    def search(i: int, k: int, joined: bool) -> bool:
        if i == len(items):
            return True
        if (i, k, joined) in failed:
            return False
        item = items[i]
        limit = k + 1 if joined else len(tokens)
        for pos in range(k, min(limit, len(tokens))):
            span = matcher.flat_element_span(item.element, tokens, pos, actor_tokens)
            if span:
                if isinstance(item.element, ActorSlot):
                    slots.append((item.element.slot, tokens[pos].i))
                # when walking backwards, the "joined" flag belongs to the previous item
                next_joined = (
                    item.joined_to_next
                    if forward
                    else (items[i + 1].joined_to_next if i + 1 < len(items) else False)
                )
                if search(i + 1, pos + span, next_joined):
                    return True
                if isinstance(item.element, ActorSlot):
                    slots.pop()
        failed.add((i, k, joined))
        return False

    return len(items) if search(0, 0, first_joined) else None


def _keys(tokens: Sequence[Token]) -> set[str]:
    """Every word form under which the tokens can match a pattern word (see `_word_matches`)."""
    return set().union(*(token.forms for token in tokens))


def _modifier(token: Token) -> bool:
    """A noun used to modify another noun ("government" in "government forces")."""
    return bool(token.dep_ in ("compound", "nmod") and token.head.pos_ in ("NOUN", "PROPN"))


def _word_matches(token: Token, word: str, *, exact: bool = False) -> bool:
    key = token.upper
    if key == word:
        return True
    if exact:
        return False
    return (
        token.lemma_upper == word
        or key == word + "S"
        or key == word + "ES"
        or (word.endswith("Y") and key == word[:-1] + "IES")
    )
