"""A rule match, parsed (Candidate), and the clause around it: the two things every later stage
(selection, senses, attribution) reads, kept apart so none of them imports the assembler."""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .numbers import Quantity
from .rules import Rule

CLAUSE_SEP = "，,；;：:。！？!?"


@dataclass(slots=True)
class Candidate:
    """One rule match, parsed: the figure's parts and where they sit in the sentence."""

    rule: Rule
    start: int
    end: int
    count: Quantity | None = None
    count_unit: str | None = None
    count_span: tuple[int, int] | None = None
    amount: Quantity | None = None
    amount_span: tuple[int, int] | None = None
    amount_kind: str | None = None
    kw_span: tuple[int, int] | None = None
    category: str | None = None
    projects: list[str] = field(default_factory=list)
    parent: "Candidate | None" = None
    match: regex.Match | None = field(default=None, repr=False)
    finished: bool = False
    actor: str | None = None  # set when the figure names its own actor (祥云县、宾川县…分别)

    def claims(self) -> list[tuple[int, int]]:
        return [s for s in (self.count_span, self.amount_span) if s]


_CLAUSE_SEP = regex.compile("[" + regex.escape(CLAUSE_SEP) + "]")
_CLAUSE_SEP_BACK = regex.compile("[" + regex.escape(CLAUSE_SEP) + "]", regex.REVERSE)  # finds the last one


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """[left, right) of the clause around sentence[start:end]: after the separator before start,
    up to the first one at or after end."""
    before = _CLAUSE_SEP_BACK.search(sentence, 0, start)
    after = _CLAUSE_SEP.search(sentence, end)
    return (before.end() if before else 0), (after.start() if after else len(sentence))
