"""The CAMEO code table (descriptions, Goldstein weights, QuadClass) and the PLOVER mapping."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

# The 2021 CAMEO→PLOVER table leaves out roots 01 (statements) and 02 (appeals); PLOVER files
# appeals under REQUEST and has no type for plain statements.
_PLOVER_FALLBACK = {"02": "REQUEST"}


@dataclass(frozen=True)
class CameoCode:
    """One row of the CAMEO table."""

    code: str
    description: str
    goldstein: float
    quad_class: int

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class Ontology:
    """Lookups from a CAMEO code to its description, weights and PLOVER type."""

    codes: dict[str, CameoCode]
    plover: dict[str, str]

    def known(self, code: str) -> bool:
        return code in self.codes

    def normalise(self, code: str) -> str | None:
        """The code itself if CAMEO knows it, else its root plus 0 (as PETRARCH2 does)."""
        if code in self.codes:
            return code
        digits = "".join(ch for ch in code if ch.isdigit())
        for candidate in (digits, digits[:3], digits[:2] + "0", digits[:2]):
            if candidate in self.codes:
                return candidate
        return None

    def describe(self, code: str) -> CameoCode:
        """The table row for `code` (normalised); raises KeyError for a non-CAMEO code."""
        known = self.normalise(code)
        if known is None:
            raise KeyError(code)
        return self.codes[known]

    def plover_type(self, code: str) -> str:
        """PLOVER event type for a CAMEO code, from the most specific mapped prefix."""
        for end in range(len(code), 1, -1):
            found = self.plover.get(code[:end])
            if found:
                return found
        return _PLOVER_FALLBACK.get(code[:2], "")


def _read_codes(text: str) -> dict[str, CameoCode]:
    codes: dict[str, CameoCode] = {}
    for line in text.splitlines()[1:]:
        if not line.strip():
            continue
        code, description, goldstein, quad = line.split("\t")
        codes[code] = CameoCode(code, description, float(goldstein), int(quad))
    return codes


def _read_plover(text: str) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line or not line[0].isdigit():
            continue
        code, rest = line.split(":", 1)
        event_type = rest.split(",", 1)[0].strip()
        if event_type:
            mapping[code.strip()] = event_type
    return mapping


@cache
def load_ontology() -> Ontology:
    """The shipped CAMEO table and PLOVER mapping (read once per process)."""
    data = resources.files("dyad") / "data"
    codes = _read_codes((data / "cameo" / "cameo_eventcodes.tsv").read_text(encoding="utf-8"))
    plover = _read_plover((data / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8"))
    return Ontology(codes=codes, plover=plover)
