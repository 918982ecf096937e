"""Pairing predictions with gold records, and which fields of a pair are right.

A prediction matches a gold record on the same page with the same project count and an
amount within 0.5% (both may be null); a gold field may accept several values.
"""
from __future__ import annotations

import math

from ..goldset import Gold
from ..records import Record

# fields scored only when the gold line states them (gold written before the contract added them)
LATER_FIELDS = {"currency": "currency", "page_date": "page_date", "headline": "headline"}


def _same_amount(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=0.005)


def _pred_amount(pred: Record) -> float | None:
    return pred.amount_value if pred.amount_value is not None else pred.amount_yuan


def _is_match(gold: Gold, pred: Record) -> bool:
    g = gold.record
    counts = gold.alternatives.get("project_count", [g["project_count"]])
    return pred.doc_id == g["doc_id"] and pred.project_count in counts and _same_amount(gold.amount, _pred_amount(pred))


def _distance(gold: Gold, pred: Record) -> int:
    g = gold.record
    if pred.start < g["end"] and g["start"] < pred.end:
        return 0
    return min(abs(pred.start - g["end"]), abs(g["start"] - pred.end))


def match(golds: list[Gold], preds: list[Record]) -> tuple[list[tuple[Gold, Record]], list[Gold], list[Record]]:
    """Pair gold and predictions: same page, count and amount; nearest spans pair first."""
    pairs = sorted(((_distance(g, p), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds) if _is_match(g, p)))
    used_g, used_p, matched = set(), set(), []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched.append((golds[gi], preds[pi]))
    return matched, [g for i, g in enumerate(golds) if i not in used_g], [p for i, p in enumerate(preds) if i not in used_p]


def _norm_project(name: str) -> str:
    return name.strip().removesuffix("项目")


def field_results(gold: Gold, pred: Record) -> dict[str, bool]:
    """Which fields of a matched prediction are right (lists of acceptable values honoured);
    the later contract fields only where the gold states them."""
    g = gold.record
    cats = [c for c in gold.alternatives.get("category", [g["category"]])]
    pc = pred.category
    lenient = any(c == pc or (c and pc and (c in pc or pc in c)) for c in cats)
    gold_projects = {_norm_project(p) for p in g["projects"]}
    pred_projects = {_norm_project(p) for p in pred.projects}
    return {
        "category_strict": gold.accepts("category", pc),
        "category_lenient": lenient,
        "actor": gold.accepts("actor", pred.actor),
        "year": gold.accepts("year", pred.year),
        "period": gold.accepts("period", pred.period),
        "modality": gold.accepts("modality", pred.modality),
        "qualifiers": gold.accepts("count_qualifier", pred.count_qualifier) and gold.accepts("amount_qualifier", pred.amount_qualifier),
        "amount_kind": gold.accepts("amount_kind", pred.amount_kind),
        "projects": gold_projects == pred_projects,
    } | {name: _normal(getattr(pred, name)) in [_normal(v) for v in gold.alternatives.get(name, [g[name]])]
         for name in LATER_FIELDS if name in gold.given}


def _normal(value: object) -> object:
    return "".join(value.split()) if isinstance(value, str) else value
