"""What a list of records needs of each record, without its evidence: its type, id, kind,
name, state, the countries it concerns, the words it can be found by and the documents that
state it. A store keeps one per merged record, so that a list is filtered, counted, sorted
and paged without turning every record's evidence back into objects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dyad.knowledge.lifecycle import current_statuses
from dyad.knowledge.model import Agreement, Claim, Institution
from dyad.knowledge.vocabulary import key_words


def country(code: str) -> str:
    """The country (or international) part of an actor code: its first three letters."""
    return code.strip().upper()[:3]


def institution_codes(institution: Institution) -> list[str]:
    """The actor codes an institution's facts and owner name."""
    codes = [f.code for f in institution.facts if f.code]
    if institution.owner is not None and institution.owner.code:
        codes.append(institution.owner.code)
    return codes


def claim_codes(claim: Claim) -> list[str]:
    """The actor codes of a claim's subject and of the parties taking a stance on it."""
    return [*claim.subjects, *(s.party.code for s in claim.stances if s.party.code)]


@dataclass(frozen=True)
class RecordSummary:
    """A merged record as a list shows, filters and sorts it."""

    type: str  # "agreement", "institution" or "claim"
    id: str
    kind: str  # an agreement's or institution's kind, a claim's predicate
    label: str  # its name (a claim's gist)
    state: str  # status (agreements, institutions) or standing (claims)
    states: tuple[str, ...]  # the states a filter finds it under (an agreement's of the day)
    codes: tuple[str, ...]  # actor codes of its parties, owner and facts, or subjects
    words: tuple[str, ...]  # the key words of its names or text, each once
    documents: tuple[str, ...]  # the documents that state it

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "id": self.id, "kind": self.kind, "label": self.label,
                "state": self.state, "states": list(self.states), "codes": list(self.codes),
                "words": list(self.words), "documents": list(self.documents)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RecordSummary:
        return cls(data["type"], data["id"], data["kind"], data["label"], data["state"],
                   tuple(data["states"]), tuple(data["codes"]), tuple(data["words"]),
                   tuple(data["documents"]))


def _words(text: str) -> tuple[str, ...]:
    return tuple(sorted(set(key_words(text))))


def summarise(item: Agreement | Institution | Claim) -> RecordSummary:
    """The summary of a record (with the filters' meaning of `dyad.knowledge.status`)."""
    if isinstance(item, Agreement):
        return RecordSummary(
            "agreement", item.id, item.kind, item.name, item.status,
            tuple(sorted(current_statuses(item.steps))), tuple(item.party_codes),
            _words(" ".join([item.name, item.subject, *item.names])),
            tuple(sorted({e.doc_id for e in item.mentions})))
    if isinstance(item, Institution):
        return RecordSummary(
            "institution", item.id, item.kind, item.name, item.status, (item.status,),
            tuple(institution_codes(item)), _words(" ".join([item.name, *item.names])),
            tuple(sorted({e.doc_id for e in item.mentions})))
    return RecordSummary(
        "claim", item.id, item.predicate, item.gist, item.standing, (item.standing,),
        tuple(claim_codes(item)), _words(f"{item.text} {item.gist}"),
        tuple(sorted({s.evidence.doc_id for s in item.stances})))


def summary_keys(summary: RecordSummary) -> set[str]:
    """What a store looks a merged record up by: "w:" its words, "c:" its actor codes, "p:"
    their countries, "s:" its states, "k:" its kind, "d:" the documents that state it."""
    keys = {f"w:{w}" for w in summary.words} | {f"s:{s}" for s in summary.states}
    keys |= {f"c:{c}" for c in summary.codes if c} | {f"p:{country(c)}" for c in summary.codes if c}
    keys |= {f"d:{d}" for d in summary.documents}
    keys.add(f"k:{summary.kind}")
    return keys
