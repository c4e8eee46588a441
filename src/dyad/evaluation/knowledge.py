"""Score the knowledge layer against article gold: agreements, institutions and claims.

Each gold item is paired with at most one record dyad extracted from the same text (and each
record with at most one gold item), best pairs first. A record pairs with a gold item when they
share distinctive words (an agreement's or institution's name, a claim's words) or when the
record is stated in the gold's evidence sentence. Then, per kind:

- agreements: found; status right (the status after the text); parties right (the same set of
  country-level codes);
- institutions: found; status right; owner right ("" = an international body, no country);
- claims: found; standing right; for refuted and disputed gold claims, the standing and who
  answered them (the gold `by` among the refuters and disputers) both right.

Every gold item not found, or found with a wrong field, is a miss listed with its evidence
sentence (the gold's `evidence_starts`, or for a claim the sentence of the text that shares
most words with it) and what dyad has. Pure functions: nothing here extracts or reads files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from dyad.evaluation.gold import ArticleGold, GoldAgreement, GoldClaim, GoldInstitution
from dyad.knowledge.model import Agreement, Claim, Evidence, Institution, KnowledgeBase, Party

G = TypeVar("G")
R = TypeVar("R")

KINDS = ("agreements", "institutions", "claims")
#: Words that say what sort of thing a name names, not which one.
GENERIC = frozenset({
    "agreement", "treaty", "accord", "deal", "pact", "protocol", "convention", "memorandum",
    "declaration", "statement", "ceasefire", "truce", "arrangement", "understanding",
    "institution", "office", "center", "centre", "mission", "the", "a", "an", "of", "on", "for",
    "and", "or", "in", "to", "by", "with", "between", "its", "their", "this", "that", "these",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "at", "from", "as",
    "not", "no", "new", "also", "which", "who",
})  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s|$)|\n")
_CODE = re.compile(r"\b[A-Z]{3}\b")


def words(text: str) -> set[str]:
    """Distinctive word stems of a name or a claim ("harbors", "harboring" → "harbo")."""
    found = set()
    for word in re.findall(r"[A-Za-z0-9]+", text.replace("U.S.", "US")):
        lower = word.lower()
        if lower in GENERIC or len(lower) < 2:
            continue
        if lower.endswith("ies") and len(lower) > 4:
            lower = lower[:-3] + "y"
        elif lower.endswith("s") and not lower.endswith("ss") and len(lower) > 3:
            lower = lower[:-1]
        found.add(lower[:5])
    return found


def country(code: str) -> str:
    """The country-level part of an actor code ("RUSGOV" → "RUS", "IGOUNO" → "IGO")."""
    return code[:3].upper()


def gold_codes(text: str) -> set[str]:
    """Actor codes a free-text gold field names ("IGO (Security Council)" → {"IGO"})."""
    return set(_CODE.findall(text))


def sentence_starting(text: str, starts: str) -> str:
    """The sentence of `text` that begins with `starts` (whitespace-tolerant), or `starts`."""
    if not starts:
        return ""
    squeezed = " ".join(text.split())
    at = squeezed.find(" ".join(starts.split()))
    if at < 0:
        return starts
    end = _SENTENCE_END.search(squeezed, at + len(" ".join(starts.split())) - 1)
    return squeezed[at : end.end() if end else len(squeezed)].strip()


def sentences_of(text: str) -> list[str]:
    """A plain sentence split of a text (for pointing at evidence, not for parsing)."""
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        piece = " ".join(text[start : match.end()].split())
        if piece:
            pieces.append(piece)
        start = match.end()
    tail = " ".join(text[start:].split())
    return [*pieces, tail] if tail else pieces


def closest_sentence(text: str, claim: str) -> str:
    """The sentence of `text` that shares most words with `claim` ("" when none shares one)."""
    wanted = words(claim)
    best, score = "", 0
    for sentence in sentences_of(text):
        shared = len(wanted & words(sentence))
        if shared > score:
            best, score = sentence, shared
    return best


def _same_sentence(evidence: Evidence, starts: str) -> bool:
    if not starts:
        return False
    head = " ".join(starts.split())[:60]
    return " ".join(evidence.sentence.split()).startswith(head)


# ---------------------------------------------------------------- records in words


def record_words(record: Agreement | Institution | Claim) -> set[str]:
    """The words a record is recognised by."""
    if isinstance(record, Agreement):  # gold names often name the parties
        parties = " ".join(p.text for p in record.parties)
        return words(f"{' '.join(record.names) or record.name} {record.subject} {parties}")
    if isinstance(record, Institution):
        return words(record.name)
    claimants = " ".join(p.text for p in record.claimants)  # paraphrases name who
    return words(f"{record.text} {record.gist} {claimants}")


def evidence_of(record: Agreement | Institution | Claim) -> list[Evidence]:
    """Every sentence a record rests on."""
    if isinstance(record, Agreement):
        return [*record.mentions, *(s.evidence for s in record.steps)]
    if isinstance(record, Institution):
        return [*record.mentions, *(f.evidence for f in record.status_facts)]
    return [s.evidence for s in record.stances]


def _parties(parties: Iterable[Party]) -> str:
    return ", ".join(p.code or p.text for p in parties) or "none"


def show(record: Agreement | Institution | Claim) -> str:
    """A record in one line, as dyad has it."""
    if isinstance(record, Agreement):
        return f"{record.name} [{_parties(record.parties)}]: {_status(record.status)}"
    if isinstance(record, Institution):
        owner = record.owner.code or record.owner.text if record.owner else "no owner"
        return f"{record.name} [{owner}]: {record.status}"
    stances = "; ".join(f"{s.role} {s.party.code or s.party.text}" for s in record.stances)
    return f"{record.gist} [{stances}]: {record.standing}"


def _status(status: str) -> str:
    return status.replace("_", " ")


# ---------------------------------------------------------------- pairing


def _pair(gold: Sequence[G], records: Sequence[R],
          score: Callable[[G, R], float]) -> dict[int, R]:  # fmt: skip
    """Gold index → record, best-scoring pairs first, each gold item and record once."""
    scored = sorted(((score(g, r), n, m) for n, g in enumerate(gold)
                     for m, r in enumerate(records)),
                    key=lambda x: (-x[0], x[1], x[2]))  # fmt: skip
    pairs: dict[int, R] = {}
    used: set[int] = set()
    for value, n, m in scored:
        if value > 0 and n not in pairs and m not in used:
            pairs[n] = records[m]
            used.add(m)
    return pairs


def _distinctive(names: Sequence[str]) -> list[set[str]]:
    """Each name's words without those another name of the same text also has."""
    sets = [words(n) for n in names]
    return [s - set().union(*(o for k, o in enumerate(sets) if k != n)) or s
            for n, s in enumerate(sets)]


def _named_score(own: set[str], starts: str) -> Callable[[Agreement | Institution], float]:
    def score(record: Agreement | Institution) -> float:
        shared = len(own & record_words(record))
        stated = any(_same_sentence(e, starts) for e in evidence_of(record))
        return shared + (1.5 if stated else 0.0)

    return score


def _claim_score(gold: GoldClaim, record: Claim) -> float:
    wanted = words(gold.claim)
    shared = len(wanted & record_words(record))
    if shared < 2 or shared < 0.3 * len(wanted):
        return 0.0
    own = record_words(record)  # on a tie, the record that says least besides
    return shared / max(len(wanted), 1) + 0.1 * shared / max(len(own), 1)


# ---------------------------------------------------------------- report


@dataclass
class KindScore:
    """Counts for one kind of record over the gold texts."""

    kind: str  # "agreements", "institutions" or "claims"
    gold: int = 0
    found: int = 0
    status_right: int = 0  # status (agreements, institutions) or standing (claims)
    parties_right: int = 0  # parties (agreements), owner (institutions), claimant (claims)
    contested: int = 0  # claims only: gold refuted or disputed
    contested_right: int = 0  # ... with the right standing and who answered them
    extracted: int = 0  # records dyad produced
    paired: int = 0  # of which paired with a gold item


@dataclass(frozen=True)
class KnowledgeMiss:
    """A gold item not found or found with a wrong field, with its evidence sentence."""

    text: str
    kind: str
    gold: str  # the gold item in one line
    problem: str  # "not found", "status …", "parties …"
    evidence: str  # the sentence that states it
    dyad: str  # the record dyad has for it ("" when none)


@dataclass
class KnowledgeReport:
    """The knowledge scores of one or more article gold files."""

    kinds: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore(k) for k in KINDS})
    misses: list[KnowledgeMiss] = field(default_factory=list)

    def add(self, other: KnowledgeReport) -> None:
        """Add another report's counts and misses to this one."""
        for kind, score in other.kinds.items():
            into = self.kinds[kind]
            for name in ("gold", "found", "status_right", "parties_right", "contested",
                         "contested_right", "extracted", "paired"):
                setattr(into, name, getattr(into, name) + getattr(score, name))
        self.misses.extend(other.misses)


def score_text(article: ArticleGold, text: str, kb: KnowledgeBase | None) -> KnowledgeReport:
    """One text's knowledge against its gold; `kb` None when extraction failed."""
    report = KnowledgeReport()
    base = kb or KnowledgeBase()
    _score_agreements(report, article, text, base.agreements)
    _score_institutions(report, article, text, base.institutions)
    _score_claims(report, article, text, base.claims)
    return report


def score_knowledge(articles: Sequence[ArticleGold], texts: Sequence[str],
                    bases: Sequence[KnowledgeBase | None]) -> KnowledgeReport:  # fmt: skip
    """Every text's knowledge against its gold, in gold order."""
    total = KnowledgeReport()
    for article, text, kb in zip(articles, texts, bases, strict=True):
        total.add(score_text(article, text, kb))
    return total


def _miss(report: KnowledgeReport, article: ArticleGold, kind: str, gold: str, problem: str,
          evidence: str, record: Agreement | Institution | Claim | None) -> None:  # fmt: skip
    report.misses.append(KnowledgeMiss(article.file, kind, gold, problem, evidence,
                                       show(record) if record is not None else ""))


N = TypeVar("N", Agreement, Institution)


def _pair_by_name(gold: Sequence[GoldAgreement] | Sequence[GoldInstitution],
                  records: Sequence[N]) -> dict[int, N]:
    """Gold agreements or institutions paired with the records that carry their distinctive
    name words and evidence sentence."""
    own = _distinctive([g.name for g in gold])
    return _pair(list(range(len(gold))), records,
                 lambda n, r: _named_score(own[n], gold[n].evidence_starts)(r))


def _counted(score: KindScore, gold: Sequence[object], records: Sequence[R],
             pairs: dict[int, R]) -> dict[int, R]:
    """Count the gold items, the records and the pairs of one text into `score`."""
    score.gold += len(gold)
    score.extracted += len(records)
    score.paired += len(pairs)
    return pairs


def _score_agreements(report: KnowledgeReport, article: ArticleGold, text: str,
                      records: Sequence[Agreement]) -> None:  # fmt: skip
    score = report.kinds["agreements"]
    gold = article.agreements
    pairs = _counted(score, gold, records, _pair_by_name(gold, records))
    for n, item in enumerate(gold):
        evidence = sentence_starting(text, item.evidence_starts)
        line = _gold_agreement(item)
        record = pairs.get(n)
        if record is None:
            _miss(report, article, "agreement", line, "not found", evidence, None)
            continue
        score.found += 1
        status = _status(record.status)
        if status == item.status:
            score.status_right += 1
        else:
            _miss(report, article, "agreement", line, f"status {status}, gold {item.status}",
                  evidence, record)
        codes = {country(p.code) for p in record.parties if p.code}
        if codes == set(item.parties):
            score.parties_right += 1
        else:
            _miss(report, article, "agreement", line,
                  f"parties {', '.join(sorted(codes)) or 'none'}, gold "
                  f"{', '.join(item.parties) or 'none'}", evidence, record)


def _gold_agreement(item: GoldAgreement) -> str:
    return f"{item.name} [{', '.join(item.parties)}]: {item.status}"


def _score_institutions(report: KnowledgeReport, article: ArticleGold, text: str,
                        records: Sequence[Institution]) -> None:  # fmt: skip
    score = report.kinds["institutions"]
    gold = article.institutions
    pairs = _counted(score, gold, records, _pair_by_name(gold, records))
    for n, item in enumerate(gold):
        evidence = sentence_starting(text, item.evidence_starts)
        line = _gold_institution(item)
        record = pairs.get(n)
        if record is None:
            _miss(report, article, "institution", line, "not found", evidence, None)
            continue
        score.found += 1
        if record.status == item.status:
            score.status_right += 1
        else:
            _miss(report, article, "institution", line,
                  f"status {record.status}, gold {item.status}", evidence, record)
        owner = country(record.owner.code) if record.owner and record.owner.code else ""
        if (owner in ("", "IGO")) if not item.owner else owner == country(item.owner):
            score.parties_right += 1
        else:
            _miss(report, article, "institution", line,
                  f"owner {owner or 'none'}, gold {item.owner or 'none'}", evidence, record)


def _gold_institution(item: GoldInstitution) -> str:
    return f"{item.name} [{item.owner or 'international'}]: {item.status}"


def _answerers(record: Claim) -> set[str]:
    return {country(p.code) for p in (*record.refuters, *record.disputers) if p.code}


def _claimant_right(item: GoldClaim, record: Claim) -> bool:
    codes = gold_codes(item.made_by)
    if codes:
        return bool(codes & {country(p.code) for p in record.claimants if p.code})
    wanted = words(item.made_by)
    return any(wanted & words(p.text) for p in record.claimants) or not record.claimants


def _score_claims(report: KnowledgeReport, article: ArticleGold, text: str,
                  records: Sequence[Claim]) -> None:  # fmt: skip
    score = report.kinds["claims"]
    gold = article.claims
    pairs = _counted(score, gold, records, _pair(gold, records, _claim_score))
    for n, item in enumerate(gold):
        line = f"{item.claim} [by {item.made_by}]: {item.status}" + (
            f" by {item.by}" if item.by else "")
        evidence = closest_sentence(text, item.claim)
        contested = item.status in ("refuted", "disputed")
        score.contested += contested
        record = pairs.get(n)
        if record is None:
            _miss(report, article, "claim", line, "not found", evidence, None)
            continue
        score.found += 1
        standing_right = record.standing == item.status
        score.status_right += standing_right
        if not standing_right:
            _miss(report, article, "claim", line,
                  f"standing {record.standing}, gold {item.status}", evidence, record)
        answered = not gold_codes(item.by) or bool(gold_codes(item.by) & _answerers(record))
        if contested and standing_right and answered:
            score.contested_right += 1
        elif contested and standing_right:
            _miss(report, article, "claim", line,
                  f"answered by {', '.join(sorted(_answerers(record))) or 'nobody'}, "
                  f"gold {item.by}", evidence, record)
        if _claimant_right(item, record):
            score.parties_right += 1
        else:
            _miss(report, article, "claim", line,
                  f"made by {_parties(record.claimants)}, gold {item.made_by}", evidence, record)


def ratio(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide."""
    return part / whole if whole else None


def knowledge_json(report: KnowledgeReport) -> dict[str, object]:
    """The knowledge scores as plain JSON values: per kind, then every miss."""
    out: dict[str, object] = {}
    for kind, score in report.kinds.items():
        entry: dict[str, object] = {
            "gold": score.gold, "found": score.found, "found_ratio": ratio(score.found, score.gold),
            "status_right": score.status_right,
            "status_ratio": ratio(score.status_right, score.gold),
            "parties_right": score.parties_right,
            "parties_ratio": ratio(score.parties_right, score.gold),
            "extracted": score.extracted, "paired": score.paired,
        }  # fmt: skip
        if kind == "claims":
            entry["contested"] = score.contested
            entry["contested_right"] = score.contested_right
            entry["contested_ratio"] = ratio(score.contested_right, score.contested)
        out[kind] = entry
    out["misses"] = [vars(m).copy() for m in report.misses]
    return out
