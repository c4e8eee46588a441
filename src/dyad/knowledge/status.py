"""Answering status questions from a knowledge base, with the evidence behind each answer.

`answer_status(kb, "Japan Center")` finds the institutions, agreements and claims the query
names; for an institution it adds the agreements whose name or subject names it and the
claims about it. `select_*` filter records the way `dyad agreements --party RUS --status
suspended` and `dyad claims` will. Pure functions: nothing is printed or stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dyad.knowledge.lifecycle import current_statuses, party_statuses, status_steps
from dyad.knowledge.model import (
    Agreement,
    AgreementStep,
    Claim,
    Evidence,
    Institution,
    KnowledgeBase,
    Party,
    StatusFact,
)
from dyad.knowledge.vocabulary import key_words


def _contains(query: Iterable[str], text: str) -> bool:
    wanted = set(query)
    return bool(wanted) and wanted <= set(key_words(text))


def _agreement_text(agreement: Agreement) -> str:
    return " ".join([agreement.name, agreement.subject, *agreement.names])


def _claim_text(claim: Claim) -> str:
    return f"{claim.text} {claim.gist}"


def select_agreements(kb: KnowledgeBase, *, party: str = "", status: str = "",
                      query: str = "") -> list[Agreement]:  # fmt: skip
    """Agreements with a party whose code starts with `party`, in `status` (their status, or
    another outcome of the same day: see `lifecycle.current_statuses`), naming `query`."""
    words = key_words(query)
    return [a for a in kb.agreements
            if (not party or any(c.startswith(party.upper()) for c in a.party_codes))
            and (not status or status in current_statuses(a.steps))
            and (not words or _contains(words, _agreement_text(a)))]  # fmt: skip


def select_institutions(kb: KnowledgeBase, *, status: str = "",
                        query: str = "") -> list[Institution]:  # fmt: skip
    """Institutions in `status` whose name contains the words of `query`."""
    words = key_words(query)
    return [i for i in kb.institutions if (not status or i.status == status)
            and (not words or _contains(words, " ".join([i.name, *i.names])))]  # fmt: skip


def select_claims(kb: KnowledgeBase, *, standing: str = "", query: str = "") -> list[Claim]:
    """Claims with this standing whose words contain those of `query`."""
    words = key_words(query)
    return [c for c in kb.claims if (not standing or c.standing == standing)
            and (not words or _contains(words, _claim_text(c)))]  # fmt: skip


@dataclass(frozen=True)
class InstitutionAnswer:
    """An institution, its status with the facts behind it, and what it depends on."""

    institution: Institution
    status: str
    evidence: tuple[StatusFact, ...]
    agreements: tuple[Agreement, ...]
    claims: tuple[Claim, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "institution": self.institution.to_dict(),
            "status": self.status,
            "evidence": [f.to_dict() for f in self.evidence],
            "agreements": [a.id for a in self.agreements],
            "claims": [c.id for c in self.claims],
        }


@dataclass(frozen=True)
class StatusAnswer:
    """What the knowledge base says about the state of the things a query names."""

    query: str
    institutions: tuple[InstitutionAnswer, ...]
    agreements: tuple[Agreement, ...]  # every agreement in the answer
    claims: tuple[Claim, ...]  # every claim in the answer
    #: how many institutions, agreements and claims the query names in all (more than the
    #: answer holds when `answer_status` was given a limit)
    totals: tuple[int, int, int] = (0, 0, 0)

    @property
    def found(self) -> bool:
        return bool(self.institutions or self.agreements or self.claims)

    @property
    def left_out(self) -> tuple[int, int, int]:
        """How many institutions, agreements and claims the query names but the answer
        leaves out."""
        shown = (len(self.institutions), len(self.agreements), len(self.claims))
        return (max(0, self.totals[0] - shown[0]), max(0, self.totals[1] - shown[1]),
                max(0, self.totals[2] - shown[2]))

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "institutions": [i.to_dict() for i in self.institutions],
            "agreements": [a.to_dict() for a in self.agreements],
            "claims": [c.to_dict() for c in self.claims],
            "totals": dict(zip(("institutions", "agreements", "claims"), self.totals,
                               strict=True)),
        }

    def lines(self) -> list[str]:
        """The answer as text lines, each fact followed by its sentence and document."""
        out: list[str] = []
        if not self.found:
            return [f"nothing known about {self.query!r}"]
        shown: set[str] = set()
        for answer in self.institutions:
            out.extend(_institution_lines(answer))
            for agreement in answer.agreements:
                out.extend("  " + line for line in _agreement_lines(agreement))
                shown.add(agreement.id)
            for claim in answer.claims:
                out.extend("  " + line for line in _claim_lines(claim))
                shown.add(claim.id)
        for agreement in (a for a in self.agreements if a.id not in shown):
            out.extend(_agreement_lines(agreement))
        for claim in (c for c in self.claims if c.id not in shown):
            out.extend(_claim_lines(claim))
        more = [f"{n:,} more {noun}{'s' if n != 1 else ''} ({command} --q {self.query!r})"
                for n, noun, command in zip(self.left_out, ("institution", "agreement", "claim"),
                                            ("dyad institutions", "dyad agreements",
                                             "dyad claims"), strict=True) if n]
        if more:
            out.append(f"the query also names {', '.join(more)}")
        return out


#: How many institutions, agreements and claims a status answer shows at most (each), and
#: how many agreements and claims under each institution: a query that names thousands of
#: records ("treaty") is answered with the first of them and how many more there are.
STATUS_LIMIT = 20


def answer_status(kb: KnowledgeBase, query: str, *,
                  limit: int | None = STATUS_LIMIT) -> StatusAnswer:  # fmt: skip
    """Institutions, agreements and claims the query names, each with its evidence: the
    institutions first, each with the agreements whose name or subject names it and the
    claims about it, then the other agreements and claims the query names, in knowledge base
    order; with `limit`, the first `limit` of each (and of each institution's) and, in
    `totals`, how many there are in all (None: all of them)."""
    named = select_institutions(kb, query=query)
    institutions = []
    agreements: dict[str, Agreement] = {}
    claims: dict[str, Claim] = {}
    for institution in named[:limit]:
        words = key_words(institution.name)
        related = [a for a in kb.agreements if _contains(words, _agreement_text(a))]
        about = [c for c in kb.claims if _contains(words, _claim_text(c))]
        institutions.append(InstitutionAnswer(
            institution, institution.status, institution.status_evidence,
            tuple(related[:limit]), tuple(about[:limit])))
        agreements.update((a.id, a) for a in related)
        claims.update((c.id, c) for c in about)
    agreements.update((a.id, a) for a in select_agreements(kb, query=query))
    claims.update((c.id, c) for c in select_claims(kb, query=query))
    return StatusAnswer(query, tuple(institutions), tuple(list(agreements.values())[:limit]),
                        tuple(list(claims.values())[:limit]),
                        (len(named), len(agreements), len(claims)))


def describe(record: Agreement | Institution | Claim) -> list[str]:
    """One record as text lines with the evidence of each fact (for `dyad agreement ID`)."""
    if isinstance(record, Agreement):
        return _agreement_lines(record)
    if isinstance(record, Claim):
        return _claim_lines(record)
    answer = InstitutionAnswer(record, record.status, record.status_evidence, (), ())
    return _institution_lines(answer)


# --- text -------------------------------------------------------------------------------------


def _where(evidence: Evidence) -> str:
    said = f" (per {evidence.attribution})" if evidence.attribution else ""
    return f'"{evidence.sentence}" [{evidence.doc_id}#{evidence.sentence_id}]{said}'


def _parties(parties: Iterable[Party]) -> str:
    return ", ".join(f"{p.text} ({p.code})" if p.code else p.text for p in parties)


def _institution_lines(answer: InstitutionAnswer) -> list[str]:
    item = answer.institution
    lines = [f"{item.name} [{item.kind}, {item.id}]: {answer.status}"]
    for label, values in (("locations", item.locations), ("legal form", item.legal_forms),
                          ("funded by", item.funders), ("run by", item.operators),
                          ("activities", item.activities)):  # fmt: skip
        if values:
            lines.append(f"  {label}: {', '.join(values)}")
    for fact in answer.evidence:
        how = f"{fact.trigger} ({fact.mode})" if fact.mode else fact.trigger
        lines.append(f"  {answer.status} because {how}, {fact.when.shown}: {_where(fact.evidence)}")
    return lines


def _step_line(step: AgreementStep) -> str:
    who = f" by {_parties(step.actors)}" if step.actors else ""
    mode = f" [{step.mode}, not counted]" if step.mode else ""
    date = step.when.shown + (" (inferred)" if step.when.source == "inferred" else "")
    return f"  {step.kind} {date}{who}{mode}: {_where(step.evidence)}"


def _agreement_lines(agreement: Agreement) -> list[str]:
    found = status_steps(agreement.steps)
    also = f" (also {', '.join(s for s, _ in found[1:])})" if found[1:] else ""
    parties = _parties(agreement.parties) or "unknown parties"
    lines = [f"agreement {agreement.name} [{agreement.kind}, {agreement.id}] between "
             f"{parties}: {agreement.status}{also}"]
    for n, (status, step) in enumerate(found):
        how = "status" if n == 0 else "also"
        lines.append(f"  {how} {status} since {step.when.shown}, as stated in: "
                     f"{_where(step.evidence)}")
    standing = party_statuses(agreement.steps)
    if standing:
        lines.append("  where each party stands: " + "; ".join(
            f"{code} {status} {step.when.shown}" for code, (status, step) in standing.items()))
    return [*lines, *(_step_line(s) for s in agreement.steps)]


def _claim_lines(claim: Claim) -> list[str]:
    lines = [f'claim "{claim.gist}" [{claim.id}]: {claim.standing}']
    for stance in claim.stances:
        citing = f" citing {', '.join(stance.citing)}" if stance.citing else ""
        mode = f" [{stance.mode}, not counted]" if stance.mode else ""
        lines.append(f"  {stance.role} {_parties([stance.party])}{citing}, "
                     f"{stance.when.shown}{mode}: {_where(stance.evidence)}")  # fmt: skip
    return lines
