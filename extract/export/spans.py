"""Where a record's COUNT, AMOUNT, CATEGORY and ACTOR stand in the raw page.

Found inside the record's evidence span (the record keeps only its offsets), on a compact
form of the raw text, because records hold normalised text and the raw page does not.
Deterministic: import recomputes the spans to see what an annotator edited.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..mapped import FULLWIDTH_FOLD as _FULLWIDTH  # the contract's folds: digits, letters, decimal point

LABELS = ("COUNT", "AMOUNT", "CATEGORY", "ACTOR")
SPAN_LABELS = ("COUNT", "AMOUNT", "CATEGORY")  # the labels that make up the evidence

NUMBER = re.compile(r"\d+|[零〇一二两三四五六七八九十百千]+")

Span = tuple[int, int]


@dataclass
class Compact:
    """A raw stretch with white space dropped and full-width folded, mapped back to raw offsets.

    Records store normalised text (line wraps joined, ８ -> 8); the raw page still has them,
    so searching is done on this compact form and the hit mapped back.
    """

    text: str
    where: list[int]

    @classmethod
    def of(cls, raw: str, start: int, end: int) -> "Compact":
        chars, where = [], []
        for i in range(max(0, start), min(len(raw), end)):
            if not raw[i].isspace():
                chars.append(raw[i].translate(_FULLWIDTH))
                where.append(i)
        return cls("".join(chars), where)

    def raw_span(self, i: int, j: int) -> Span:
        return self.where[i], self.where[j - 1] + 1

    def find_all(self, needle: str | None) -> list[Span]:
        """Compact positions of every occurrence of needle (white space in it ignored)."""
        if not needle:
            return []
        needle = "".join(needle.split()).translate(_FULLWIDTH)
        out, at = [], self.text.find(needle)
        while needle and at >= 0:
            out.append((at, at + len(needle)))
            at = self.text.find(needle, at + 1)
        return out


def _overlaps(a: Span, others: Iterable[Span | None]) -> bool:
    return any(o is not None and a[0] < o[1] and o[0] < a[1] for o in others)


def _count_span(c: Compact, count: int | None, unit: str | None, amount: Span | None) -> Span | None:
    """The count's digits (or Chinese numeral) plus 余/多 and the measure word when they follow."""
    if count is None:
        return None
    from ..numbers import parse_number

    found = []
    for m in NUMBER.finditer(c.text):
        try:
            value = parse_number(m.group())
        except (ValueError, ArithmeticError):
            continue
        if value != count or _overlaps(m.span(), [amount]):
            continue
        end = m.end() + (1 if c.text[m.end():m.end() + 1] in ("余", "多") and m.end() < len(c.text) else 0)
        with_unit = bool(unit) and c.text.startswith(unit, end)
        found.append((not with_unit, m.start(), end + (len(unit) if with_unit else 0)))
    return min(found)[1:] if found else None


def _first_free(spans: list[Span], taken: list[Span | None]) -> Span | None:
    free = [s for s in spans if not _overlaps(s, taken)]
    return (free or spans or [None])[0]


def field_spans(raw: str, rec: dict) -> dict[str, Span]:
    """Raw spans of the record's COUNT/AMOUNT/CATEGORY/ACTOR inside its evidence span.

    The anchor (COUNT, else AMOUNT) falls back to the whole evidence span, so every record
    has at least one region.  Deterministic: import recomputes it to see what was edited.
    """
    c = Compact.of(raw, rec["start"], rec["end"])
    amount = _first_free(c.find_all(rec.get("amount_text")), []) if rec.get("amount_yuan") is not None else None
    count = _count_span(c, rec.get("project_count"), rec.get("count_unit"), amount)
    category = _first_free(c.find_all(rec.get("category")), [count, amount])
    actor = _first_free(c.find_all(rec.get("actor")), [count, amount, category])
    found = {"COUNT": count, "AMOUNT": amount, "CATEGORY": category, "ACTOR": actor}
    spans = {label: c.raw_span(*s) for label, s in found.items() if s is not None}
    if "COUNT" not in spans and "AMOUNT" not in spans:
        spans["COUNT" if rec.get("project_count") is not None else "AMOUNT"] = (rec["start"], rec["end"])
    return spans


def anchor_of(spans: dict[str, Span]) -> str:
    return "COUNT" if "COUNT" in spans else "AMOUNT"
