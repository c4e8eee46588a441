"""Who issued a document, when it says so: the `speaker` the input gives, else a header
line of a press release naming an office ("U.S. Department of State", "USAID Press Office")
between the title and the body. The issuer makes the claims its own statement leaves
unattributed ("officials believed to be responsible for abuses"); a news report, whose
header names no office, keeps them unnamed.
"""

from __future__ import annotations

from dataclasses import replace

from dyad.knowledge.claim_content import UNNAMED, ClaimMention
from dyad.knowledge.context import SentenceContext
from dyad.knowledge.model import Party

#: A header line is short: an office's name, a date, a place, a byline.
MAX_HEADER_WORDS = 8


def given_issuer(ctx: SentenceContext) -> Party | None:
    """The issuer the input names (`Document.speaker`), if it resolves to an actor."""
    speaker = ctx.document.speaker.strip()
    codes = ctx.participants.memory.speaker
    return Party(codes[0], speaker) if speaker and codes else None


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
    """The claim mentions with the issuer as the maker of the unattributed ones."""
    if issuer is None:
        return mentions
    for mention in mentions:
        mention.stances[:] = [replace(s, party=issuer) if s.role == "claimant"
                              and s.party == UNNAMED else s for s in mention.stances]  # fmt: skip
    return mentions
