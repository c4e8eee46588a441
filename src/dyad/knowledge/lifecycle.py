"""Status from dated evidence: pure functions over steps, status facts and stances.

Nothing here is stored; every status is recomputed from the evidence, so a new document that
reports a suspension or a denial changes the answer by itself.

* An agreement's status is the outcome of its latest asserted step. Ties on the date go to
  the step whose date the text states (a step dated only by inference from another report
  of the same event does not outrank the sentence that dates it), then to the more final
  step: terminated > withdrawn > suspended > revived > in force > ratified > signed;
  "unknown" without asserted steps ("signed" when the only asserted steps are violations:
  a violated agreement was made). The other outcomes of that same day stay true of it too
  (an order "suspending" agreements reported as their "termination"), so
  `current_statuses` lists them all for filters, and `party_statuses` says where each
  party stands by its own steps (a withdrawal from a multilateral treaty).
* An institution's status is that of its latest fact that supports one: asserted closures,
  suspensions and openings, and denied or negated closures (which say it still operates).
  Asserted facts win over denials of the same date.
* A claim's standing: "confirmed" when only confirmed, "refuted" when only refuted,
  "disputed" when both (or disputed), else "asserted".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dyad.knowledge.model import AgreementStep, Stance, StatusFact

#: Lifecycle steps in order of finality (used to break ties between same-day steps).
STEP_KINDS: tuple[str, ...] = (
    "signed",
    "ratified",
    "in_force",
    "extended",
    "revived",
    "violated",
    "suspended",
    "withdrawn",
    "terminated",
)
#: The agreement status each step leads to ("violated" changes nothing).
STATUS_OF_STEP: dict[str, str] = {
    "signed": "signed",
    "ratified": "ratified",
    "in_force": "in_force",
    "extended": "in_force",
    "revived": "in_force",
    "suspended": "suspended",
    "withdrawn": "withdrawn",
    "terminated": "terminated",
}
AGREEMENT_STATUSES: tuple[str, ...] = (
    "signed", "ratified", "in_force", "suspended", "withdrawn", "terminated", "unknown",
)  # fmt: skip
INSTITUTION_STATUSES: tuple[str, ...] = ("operating", "suspended", "closed", "unknown")
STANDINGS: tuple[str, ...] = ("asserted", "refuted", "confirmed", "disputed")
#: Modes under which a sentence still asserts what it says.
COUNTED_MODES = frozenset({""})
#: Modes that assert the opposite of what the words say ("denied that it was closing").
CONTRARY_MODES = frozenset({"negated", "denied", "refused"})


def counts(mode: str) -> bool:
    """True when a fact stated in this mode is taken as true."""
    return mode in COUNTED_MODES


#: How firmly a step's date was given: a date only inferred from another report of the same
#: event ranks below one the text gives (stated, named, or the document's own date).
DATE_FIRMNESS: dict[str, int] = {"stated": 1, "named": 1, "document": 1, "inferred": 0}


def _rank(step: AgreementStep) -> tuple[str, int, int]:
    return step.when.date, DATE_FIRMNESS.get(step.when.source, 1), STEP_KINDS.index(step.kind)


def agreement_status(steps: Sequence[AgreementStep]) -> tuple[str, AgreementStep | None]:
    """The status an agreement's steps give, and the step it rests on."""
    counted = [s for s in steps if counts(s.mode) and s.kind in STATUS_OF_STEP]
    if not counted:
        violated = [s for s in steps if counts(s.mode) and s.kind == "violated"]
        if violated:  # a violated agreement was made: it stands, at least signed
            return "signed", violated[-1]
        return "unknown", None
    latest = max(counted, key=_rank)
    return STATUS_OF_STEP[latest.kind], latest


def status_steps(steps: Sequence[AgreementStep]) -> list[tuple[str, AgreementStep]]:
    """Each status of the latest date with the step it rests on, the deciding one first."""
    status, latest = agreement_status(steps)
    if latest is None:
        return []
    same_day = sorted((s for s in steps if counts(s.mode) and s.kind in STATUS_OF_STEP
                       and s.when.date == latest.when.date and s is not latest),
                      key=_rank, reverse=True)  # fmt: skip
    found: dict[str, AgreementStep] = {status: latest}
    for step in same_day:
        found.setdefault(STATUS_OF_STEP[step.kind], step)
    return list(found.items())


def current_statuses(steps: Sequence[AgreementStep]) -> tuple[str, ...]:
    """Every status the asserted steps of the latest date give, the deciding one first (a
    suspension and a termination reported for one day give both); ("unknown",) if none."""
    found = status_steps(steps)
    if not found:
        return (agreement_status(steps)[0],)
    return tuple(status for status, _ in found)


def party_statuses(steps: Sequence[AgreementStep]) -> dict[str, tuple[str, AgreementStep]]:
    """Where each actor stands by its own asserted steps (country code → status and the
    step it rests on): Russia's withdrawal from a treaty others keep."""
    own: dict[str, list[AgreementStep]] = {}
    for step in steps:
        if not counts(step.mode) or step.kind not in STATUS_OF_STEP:
            continue
        for actor in step.actors:
            if actor.code:
                own.setdefault(actor.code[:3], []).append(step)
    result = {}
    for code, mine in own.items():
        latest = max(mine, key=_rank)
        result[code] = (STATUS_OF_STEP[latest.kind], latest)
    return result


def status_implied(status: str, mode: str) -> str:
    """The institution status one fact supports: its own when asserted, "operating" when a
    closure or suspension is denied or negated, else none."""
    if counts(mode):
        return status
    if mode in CONTRARY_MODES and status in ("closed", "suspended"):
        return "operating"
    return ""


#: Triggers that only presuppose an institution works ("expelled the Spokesman for UNICEF"):
#: its status when nothing else is said of it, never against a closure or an opening.
PRESUPPOSING_TRIGGERS = frozenset({"expel", "deport", "oust", "eject"})


def institution_status(facts: Sequence[StatusFact]) -> tuple[str, tuple[StatusFact, ...]]:
    """The status an institution's facts give, and the facts of that latest date behind it
    (facts that only presuppose it works count when there is no other)."""
    usable = [f for f in facts if status_implied(f.status, f.mode)]
    usable = [f for f in usable if f.trigger not in PRESUPPOSING_TRIGGERS] or usable
    if not usable:
        return "unknown", ()
    latest_date = max(f.when.date for f in usable)
    same_day = [f for f in usable if f.when.date == latest_date]
    asserted = [f for f in same_day if counts(f.mode)]
    deciding = asserted[-1] if asserted else same_day[-1]
    status = status_implied(deciding.status, deciding.mode)
    behind = tuple(f for f in same_day if status_implied(f.status, f.mode) == status)
    return status, behind


def claim_standing(stances: Sequence[Stance]) -> str:
    """Standing of a claim from the counted stances on it."""
    roles = {s.role for s in stances if counts(s.mode)}
    against = bool(roles & {"refuter", "disputer"})
    if ("confirmer" in roles and against) or "disputer" in roles:
        return "disputed"
    if "confirmer" in roles:
        return "confirmed"
    if against:
        return "refuted"
    return "asserted"
