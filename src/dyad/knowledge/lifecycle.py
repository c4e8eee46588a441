"""Status from dated evidence: pure functions over steps, status facts and stances.

Nothing here is stored; every status is recomputed from the evidence, so a new document that
reports a suspension or a denial changes the answer by itself.

* An agreement's status is the outcome of its latest asserted step (ties on the date go to
  the more final step: terminated > withdrawn > suspended > revived > in force > ratified >
  signed); "unknown" without asserted steps. The other outcomes of that same day stay
  true of it too (an order "suspending" agreements reported as their "termination"), so
  `current_statuses` lists them all for filters.
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


def agreement_status(steps: Sequence[AgreementStep]) -> tuple[str, AgreementStep | None]:
    """The status an agreement's steps give, and the step it rests on."""
    counted = [s for s in steps if counts(s.mode) and s.kind in STATUS_OF_STEP]
    if not counted:
        violated = [s for s in steps if counts(s.mode) and s.kind == "violated"]
        if violated:  # a violated agreement was made: it stands, at least signed
            return "signed", violated[-1]
        return "unknown", None
    latest = max(counted, key=lambda s: (s.when.date, STEP_KINDS.index(s.kind)))
    return STATUS_OF_STEP[latest.kind], latest


def current_statuses(steps: Sequence[AgreementStep]) -> tuple[str, ...]:
    """Every status the asserted steps of the latest date give, the deciding one first (a
    suspension and a termination reported for one day give both); ("unknown",) if none."""
    status, latest = agreement_status(steps)
    if latest is None:
        return (status,)
    same_day = sorted((s for s in steps if counts(s.mode) and s.kind in STATUS_OF_STEP
                       and s.when.date == latest.when.date),
                      key=lambda s: -STEP_KINDS.index(s.kind))  # fmt: skip
    return tuple(dict.fromkeys([status, *(STATUS_OF_STEP[s.kind] for s in same_day)]))


def status_implied(status: str, mode: str) -> str:
    """The institution status one fact supports: its own when asserted, "operating" when a
    closure or suspension is denied or negated, else none."""
    if counts(mode):
        return status
    if mode in CONTRARY_MODES and status in ("closed", "suspended"):
        return "operating"
    return ""


def institution_status(facts: Sequence[StatusFact]) -> tuple[str, tuple[StatusFact, ...]]:
    """The status an institution's facts give, and the facts of that latest date behind it."""
    usable = [f for f in facts if status_implied(f.status, f.mode)]
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
