"""A scoring run: totals, field accuracy and the per-rule table of predictions against gold,
per group of pages, and the difference between two runs."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..goldset import Gold, GoldPages
from ..records import Record
from .pairs import LATER_FIELDS, field_results, match

if TYPE_CHECKING:
    import pandas as pd

FIELDS = ["category_strict", "category_lenient", "actor", "year", "period", "modality", "qualifiers",
          "amount_kind", "projects", "currency", "page_date", "headline"]


@dataclass
class Report:
    """A scoring run: totals, field accuracy, per-rule table, misses and spurious records."""

    tp: int
    fp: int
    fn: int
    ignored: int
    fields: dict[str, float]
    field_errors: dict[str, list[dict]]
    rules: list[dict]
    misses: list[dict]
    spurious: list[dict]
    matched: list[tuple[Gold, Record]] = field(default_factory=list, repr=False)
    predictions: list[Record] = field(default_factory=list, repr=False)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "ignored": self.ignored}

    def to_dict(self) -> dict:
        return {"summary": self.summary(), "fields": self.fields, "field_errors": self.field_errors,
                "rules": self.rules, "misses": self.misses, "spurious": self.spurious}

    # DataFrame views for notebooks
    @property
    def summary_frame(self) -> "pd.DataFrame":
        import pandas as pd

        return pd.DataFrame([self.summary()])

    @property
    def fields_frame(self) -> "pd.DataFrame":
        import pandas as pd

        return pd.DataFrame({"field": list(self.fields), "accuracy": list(self.fields.values())})

    @property
    def rules_frame(self) -> "pd.DataFrame":
        import pandas as pd

        return pd.DataFrame(self.rules)

    @property
    def misses_frame(self) -> "pd.DataFrame":
        import pandas as pd

        return pd.DataFrame(self.misses)

    @property
    def spurious_frame(self) -> "pd.DataFrame":
        import pandas as pd

        return pd.DataFrame(self.spurious)


def _brief(rec: dict | Record) -> dict:
    d = rec if isinstance(rec, dict) else rec.to_dict()
    return {k: d[k] for k in ("doc_id", "start", "end", "evidence", "project_count", "amount_yuan", "category",
                              "rule", "sentence")}


def score(golds: list[Gold], preds: list[Record], overlaps: dict[str, Counter] | None = None,
          pages: set[str] | None = None) -> Report:
    """Score predictions on the pages the gold covers (`pages`: all pages of the set, those
    without gold records included; by default the pages its records name)."""
    pages = pages if pages is not None else {g.record["doc_id"] for g in golds}
    golds = [g for g in golds if g.record["doc_id"] in pages]
    preds = [p for p in preds if p.doc_id in pages]
    matched, missed, spurious = match(golds, preds)
    counted = [(g, p) for g, p in matched if g.required]
    ignored = len(matched) - len(counted)
    fn = [g for g in missed if g.required]
    totals: Counter = Counter()
    judged: Counter = Counter()
    errors: dict[str, list[dict]] = defaultdict(list)
    for g, p in counted:
        for name, ok in field_results(g, p).items():
            totals[name] += ok
            judged[name] += 1
            if not ok:
                errors[name].append({"doc_id": p.doc_id, "evidence": p.evidence, "gold": _gold_value(g, name),
                                     "pred": _pred_value(p, name), "rule": p.rule})
    fields = {name: round(totals[name] / judged[name], 4) if judged[name] else 0.0
              for name in FIELDS if judged[name] or name not in LATER_FIELDS}
    return Report(len(counted), len(spurious), len(fn), ignored, fields, dict(errors),
                  rule_table(counted, matched, spurious, overlaps or {}),
                  [_brief(g.record) for g in fn], [_brief(p) for p in spurious], matched, preds)


def _gold_value(g: Gold, name: str) -> object:
    base = {"category_strict": "category", "category_lenient": "category", "qualifiers": None}.get(name, name)
    if base is None:
        return [g.record["count_qualifier"], g.record["amount_qualifier"]]
    return g.alternatives.get(base, g.record[base])


def _pred_value(p: Record, name: str) -> object:
    base = {"category_strict": "category", "category_lenient": "category", "qualifiers": None}.get(name, name)
    return [p.count_qualifier, p.amount_qualifier] if base is None else getattr(p, base)


def rule_table(counted: list[tuple[Gold, Record]], matched: list[tuple[Gold, Record]], spurious: list[Record],
               overlaps: dict[str, Counter]) -> list[dict]:
    """For each rule: fires, true/false positives, precision, and the rules it competed with."""
    fires: Counter = Counter()
    tp: Counter = Counter(p.rule for _, p in counted)
    fp: Counter = Counter(p.rule for p in spurious)
    for _, p in matched:
        fires[p.rule] += 1
    for p in spurious:
        fires[p.rule] += 1
    rows = []
    for rule in sorted(set(fires) | set(overlaps)):
        judged = tp[rule] + fp[rule]
        rows.append({"rule": rule, "fires": fires[rule], "tp": tp[rule], "fp": fp[rule],
                     "precision": round(tp[rule] / judged, 4) if judged else None,
                     "overlaps": dict(overlaps.get(rule, {}))})
    return rows



def by_group(golds: list[Gold], preds: list[Record], pages: GoldPages) -> dict[str, Report]:
    """One report per group of pages (per corpus), when the set has more than one."""
    names = sorted(set(pages.groups.values()))
    if len(names) < 2:
        return {}
    return {name: score(golds, preds, pages={d for d, g in pages.groups.items() if g == name}) for name in names}


def diff(current: Report, base: Report) -> dict[str, list[dict]]:
    """What a change did: gained TP, lost TP, new FP, removed FP — each with its sentence."""
    def tp_keys(rep: Report) -> dict:
        return {g.source: p for g, p in rep.matched if g.required}

    def fp_keys(rep: Report) -> dict:
        return {(s["doc_id"], s["project_count"], s["amount_yuan"], s["evidence"]): s for s in rep.spurious}

    now_tp, base_tp = tp_keys(current), tp_keys(base)
    gold_by_source = {g.source: g for g, _ in current.matched + base.matched}
    now_fp, base_fp = fp_keys(current), fp_keys(base)
    return {
        "gained_tp": [dict(_brief(now_tp[k]), gold=gold_by_source[k].source) for k in sorted(set(now_tp) - set(base_tp))],
        "lost_tp": [dict(_brief(base_tp[k]), gold=gold_by_source[k].source) for k in sorted(set(base_tp) - set(now_tp))],
        "new_fp": [now_fp[k] for k in sorted(set(now_fp) - set(base_fp), key=str)],
        "removed_fp": [base_fp[k] for k in sorted(set(base_fp) - set(now_fp), key=str)],
    }
