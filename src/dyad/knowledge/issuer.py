"""Who issued a document, when it says so: the `speaker` the input gives, else a title that
names it ("Statement by the Minister for Foreign Affairs of Japan on …", "Remarks of the
Secretary-General …"), else a header line of a press release naming an office ("U.S.
Department of State", "USAID Press Office") between the title and the body. The issuer
makes the claims its own statement leaves unattributed ("officials believed to be
responsible for abuses") and its own verdicts (`judgements`); a news report, whose header
names no office, keeps them unnamed.
"""

from __future__ import annotations

from dataclasses import replace

from dyad.coding.syntax import pobj_of
from dyad.knowledge.claim_content import UNNAMED, ClaimMention
from dyad.knowledge.context import SentenceContext, descendants
from dyad.knowledge.model import Party

#: A header line is short: an office's name, a date, a place, a byline.
MAX_HEADER_WORDS = 8


def given_issuer(ctx: SentenceContext) -> Party | None:
    """The issuer the input names (`Document.speaker`), if it resolves to an actor."""
    speaker = ctx.document.speaker.strip()
    codes = ctx.participants.memory.speaker
    return Party(codes[0], speaker) if speaker and codes else None


#: Titles of a document its issuer speaks in ("Statement by …", "Press Remarks of …").
STATEMENT_NOUNS = frozenset({"statement", "remarks", "declaration", "communique", "communiqué",
                             "readout", "message", "address"})  # fmt: skip
#: How far into the title the statement noun may come ("Joint Press Statement by …").
STATEMENT_WORDS = 3


def titled_issuer(ctx: SentenceContext) -> Party | None:
    """The issuer a title names as the speaker of its statement, if it is an actor the
    dictionaries know and not the media ("Statement by the Minister for Foreign Affairs of
    Japan on the Measures against Russia" → the Japanese government)."""
    words = [t for t in ctx.sent if t.pos_ not in ("PUNCT", "SPACE")][: STATEMENT_WORDS + 1]
    for word in words[:STATEMENT_WORDS]:
        if word.lower_ not in STATEMENT_NOUNS:
            continue
        prep = next((c for c in word.children if c.dep_ == "prep"
                     and c.lower_ in ("by", "of", "from")), None)  # fmt: skip
        speaker = pobj_of(prep) if prep is not None else None
        if speaker is None:
            return None
        actors = [a for a in ctx.actors(speaker) if a.code and "MED" not in a.code[3:]]
        if not actors:
            return None
        code = actors[0].code
        if code.startswith("---"):  # "the Minister for Foreign Affairs of Japan"
            countries = {a.code[:3] for t in descendants(speaker) if t.i != speaker.i
                         for a in ctx.actors(t) if a.code and not a.code.startswith("---")}
            code = f"{countries.pop()}{code[3:]}" if len(countries) == 1 else code
        return Party(code, ctx.party(speaker).text)
    return None


def is_header_line(ctx: SentenceContext) -> bool:
    """A short line with no verb after the title: a date, an office, a place, a byline."""
    words = [t for t in ctx.sent if t.pos_ not in ("PUNCT", "SPACE")]
    return (ctx.sentence_id > 0 and len(words) <= MAX_HEADER_WORDS
            and not any(t.pos_ in ("VERB", "AUX") for t in words))  # fmt: skip


def header_office(ctx: SentenceContext) -> Party | None:
    """The office a header line names: one actor with a role (a government body, an
    international organisation), not a bare country (a dateline's place) nor the media."""
    if ctx.text.strip().lower().startswith("by "):
        return None  # a byline
    codes = {a.code for a in ctx.actors(ctx.sent.root) if a.code}
    if len(codes) != 1:
        return None
    (code,) = codes
    if len(code) <= 3 or "MED" in code[3:]:
        return None
    return Party(code, ctx.text.strip())


def issued(mentions: list[ClaimMention], issuer: Party | None) -> list[ClaimMention]:
    """The claim mentions with the issuer as who made the unattributed claims and gave the
    document's own verdicts on claims ("Russia's claims that … are false"); without an
    issuer, such a verdict is nobody's and is left out."""
    for mention in mentions:
        if issuer is not None:
            mention.stances[:] = [replace(s, party=issuer) if s.party == UNNAMED else s
                                  for s in mention.stances]
        else:
            mention.stances[:] = [s for s in mention.stances
                                  if s.role == "claimant" or s.party != UNNAMED]
    return [m for m in mentions if m.stances or m.content is not None]
