"""`Parsed[T]`: a parsed dictionary together with the problems found in its lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from dyad.errors import DictionaryLineError

T = TypeVar("T")


@dataclass
class Parsed(Generic[T]):
    """A parser's result: the usable value and the lines it had to skip."""

    value: T
    problems: list[DictionaryLineError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no line had a problem."""
        return not self.problems

    def raise_first(self) -> T:
        """Raise the first problem if any, else return the value."""
        if self.problems:
            raise self.problems[0]
        return self.value
