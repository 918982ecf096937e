"""Scoring: predictions against the gold set, per field and per rule, and against a baseline.

A prediction matches a gold record when it is on the same page with the same project count
and an amount within 0.5% (both may be null).  Gold records with `required: false` are scored
neither way.  A gold field may accept several values: `alternatives: {field: [values]}`.
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .goldset import ENUMS, GOLD_EXTRA, Gold, GoldPages, gold_pages, load_gold, raw_dir_for  # noqa: F401 (API)
from .records import Record, read_records

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_GOLD = Path("data/gold")
FLOOR_FILE = "floor.json"
FIELDS = ["category_strict", "category_lenient", "actor", "year", "period", "modality", "qualifiers",
          "amount_kind", "projects", "currency", "page_date", "headline"]
# fields scored only when the gold line states them (gold written before the contract added them)
LATER_FIELDS = {"currency": "currency", "page_date": "page_date", "headline": "headline"}


def _same_amount(a, b) -> bool:
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


def _normal(value):
    return "".join(value.split()) if isinstance(value, str) else value


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


def _gold_value(g: Gold, name: str):
    base = {"category_strict": "category", "category_lenient": "category", "qualifiers": None}.get(name, name)
    if base is None:
        return [g.record["count_qualifier"], g.record["amount_qualifier"]]
    return g.alternatives.get(base, g.record[base])


def _pred_value(p: Record, name: str):
    base = {"category_strict": "category", "category_lenient": "category", "qualifiers": None}.get(name, name)
    return [p.count_qualifier, p.amount_qualifier] if base is None else getattr(p, base)


def rule_table(counted, matched, spurious, overlaps: dict[str, Counter]) -> list[dict]:
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


# ----- running the pipeline on the gold pages ------------------------------------------------

def predict(pages: GoldPages, rules_dir: str | None, year: int | None = None, ner: str = "jieba",
            hanlp_model: str | None = None, date: str | None = None) -> tuple[list[Record], dict[str, Counter]]:
    """Run the pipeline on the gold's pages; also count which rules competed for the same numbers."""
    from .pipeline import extract_text

    preds: list[Record] = []
    overlaps: dict[str, Counter] = defaultdict(Counter)
    for page in pages.read():
        trace: list = []
        preds.extend(extract_text(page.text, page.doc_id, year, rules_dir, ner, hanlp_model, trace=trace,
                                  date=page.date or date, path=page.path, title=page.title))
        for cands in trace:
            for a in cands:
                for b in cands:
                    if a is not b and a.rule.id != b.rule.id and any(x < w and v < y for x, y in a.claims() for v, w in b.claims()):
                        overlaps[a.rule.id][b.rule.id] += 1
    return preds, overlaps


def baseline_predictions(ref: str, pages: GoldPages, year: int | None) -> list[Record]:
    """Predictions of a baseline: a saved predictions file, a rules folder, or a git revision of rules/."""
    path = Path(ref)
    if path.is_file():
        return read_records(path)
    if path.is_dir():
        return predict(pages, str(path), year)[0]
    top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    if top.returncode != 0:
        raise ValueError(f"--baseline {ref}: not a file, a rules folder, or a git revision (no git repository here)")
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "archive", ref, "rules"], cwd=top.stdout.strip(), capture_output=True)
        if archive.returncode != 0:
            raise ValueError(f"--baseline {ref}: not a file, a rules folder, or a git revision with rules/ "
                             f"({archive.stderr.decode(errors='replace').strip().splitlines()[-1] if archive.stderr else 'git archive failed'})")
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        return predict(pages, str(Path(tmp) / "rules"), year)[0]


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


# ----- printing ---------------------------------------------------------------------------------

def format_report(rep: Report, changes: dict | None = None, base: Report | None = None,
                  groups: dict[str, Report] | None = None) -> str:
    lines = []
    s = rep.summary()
    lines.append(f"records: precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}   "
                 f"(TP {s['tp']}, FP {s['fp']}, FN {s['fn']}, not-required matched {s['ignored']})")
    for name, g in (groups or {}).items():
        gs = g.summary()
        fields = "  ".join(f"{k} {v:.2f}" for k, v in g.fields.items() if k in ("actor", "year", "period", "modality"))
        lines.append(f"  {name:<34} P {gs['precision']:.3f}  R {gs['recall']:.3f}  F1 {gs['f1']:.3f}  "
                     f"(TP {gs['tp']}, FP {gs['fp']}, FN {gs['fn']})  {fields}")
    if base is not None:
        b = base.summary()
        lines.append(f"baseline: precision {b['precision']:.3f}  recall {b['recall']:.3f}  F1 {b['f1']:.3f}   "
                     f"(F1 change {s['f1'] - b['f1']:+.3f})")
    lines.append("")
    lines.append(f"field accuracy on {rep.tp} matched records:")
    for name, acc in rep.fields.items():
        lines.append(f"  {name:<18} {acc:.3f}")
    lines.append("")
    lines.append("rules:")
    lines.append(f"  {'rule':<26}{'fires':>6}{'tp':>5}{'fp':>5}{'prec':>7}  overlaps")
    for row in rep.rules:
        prec = "-" if row["precision"] is None else f"{row['precision']:.2f}"
        over = ", ".join(f"{k}×{v}" for k, v in sorted(row["overlaps"].items(), key=lambda kv: -kv[1]))
        lines.append(f"  {row['rule']:<26}{row['fires']:>6}{row['tp']:>5}{row['fp']:>5}{prec:>7}  {over}")
    for title, items in (("missed (in gold, not found)", rep.misses), ("spurious (found, not in gold)", rep.spurious)):
        lines.append("")
        lines.append(f"{title}: {len(items)}")
        for it in items:
            lines.append(f"  {it['doc_id']} [{it['start']}:{it['end']}] count={it['project_count']} amount={it['amount_yuan']} "
                         f"{it['evidence']}  (rule {it['rule']})")
            lines.append(f"      {it['sentence']}")
    if rep.field_errors:
        lines.append("")
        lines.append("field errors on matched records:")
        for name, errs in rep.field_errors.items():
            for e in errs:
                lines.append(f"  {name:<16} {e['doc_id'][:3]} {e['evidence']}: gold {e['gold']!r}, got {e['pred']!r} ({e['rule']})")
    if changes is not None:
        for bucket in ("gained_tp", "lost_tp", "new_fp", "removed_fp"):
            lines.append("")
            lines.append(f"{bucket.replace('_', ' ')}: {len(changes[bucket])}")
            for it in changes[bucket]:
                lines.append(f"  {it['doc_id']} count={it['project_count']} amount={it['amount_yuan']} {it['evidence']}  (rule {it['rule']})")
                lines.append(f"      {it['sentence']}")
    return "\n".join(lines)


def read_floor(gold_dir: Path) -> float | None:
    path = gold_dir / FLOOR_FILE
    if not path.is_file():
        return None
    return float(json.loads(path.read_text(encoding="utf-8"))["f1"])


def run_score(gold_dir: Path | str = DEFAULT_GOLD, pred: Path | str | None = None, rules_dir: str | None = None,
              year: int | None = None, raw_dir: Path | str | None = None) -> Report:
    """Python API: the same report as `extract score`, with DataFrame views."""
    gold_dir = Path(gold_dir)
    golds = load_gold(gold_dir)
    pages = gold_pages(gold_dir, raw_dir)
    if pred is not None:
        return score(golds, read_records(pred), pages=set(pages.sources))
    preds, overlaps = predict(pages, rules_dir, year)
    return score(golds, preds, overlaps, pages=set(pages.sources))


def add_score_parser(sub, add_rules_args) -> None:
    import argparse

    p = sub.add_parser("score", help="score predictions against the gold set",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog="examples:\n  extract score                      # run the pipeline on data/gold's pages and score it\n"
                              "  extract score --pred data/out/records.jsonl\n"
                              "  extract score --baseline HEAD~1    # compare with the rules of a git revision; exit 1 if F1 fell\n"
                              "  extract score --baseline old_rules/ --json\n"
                              "  extract score --gold tests/pages/real/gold --raw-dir ../shared/corpora\n\n"
                              "exit status: 0 scored (and F1 not below the baseline); 1 F1 below the baseline or an error")
    p.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold folder (default data/gold)")
    p.add_argument("--raw-dir", type=Path, metavar="DIR",
                   help="where the gold's pages are: the raw/ folder beside the gold by default; for a gold "
                        "with a pages.json manifest, the corpora folder its paths are relative to")
    p.add_argument("--pred", type=Path, help="predictions file to score instead of running the pipeline")
    p.add_argument("--baseline", metavar="REF", help="rules folder, git revision, or saved predictions file")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--html", type=Path, metavar="FILE", help="also write an HTML review report")
    add_rules_args(p)
    p.set_defaults(handler=cmd_score)


def cmd_score(args) -> int:
    from .segment import set_segmenter

    set_segmenter(args.segmenter)
    try:
        golds = load_gold(args.gold)
        pages = gold_pages(args.gold, args.raw_dir)
        rules_dir = str(Path(args.rules).resolve()) if args.rules else None
        if args.pred:
            preds, overlaps = read_records(args.pred), {}
        else:
            preds, overlaps = predict(pages, rules_dir, args.year, args.ner, args.hanlp_model, args.date)
        rep = score(golds, preds, overlaps, pages=set(pages.sources))
        groups = by_group(golds, preds, pages)
        base = changes = None
        if args.baseline:
            base = score(golds, baseline_predictions(args.baseline, pages, args.year), pages=set(pages.sources))
            changes = diff(rep, base)
    except (ValueError, OSError) as err:
        print(f"extract score: {err}", file=sys.stderr)
        return 1
    raw_dir = Path(next(iter(pages.sources.values()))).parent if pages.sources else raw_dir_for(args.gold)
    if args.html:  # written before printing: a closed pipe (| head) must not cost the file
        from .report import write_report

        write_report(args.html, rep.predictions, raw_dir, golds=golds)
        print(f"extract score: HTML report -> {args.html}", file=sys.stderr)
    if args.json:
        out = rep.to_dict()
        out["groups"] = {name: {"summary": g.summary(), "fields": g.fields} for name, g in groups.items()}
        if base is not None:
            out["baseline"] = base.summary()
            out["diff"] = changes
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(format_report(rep, changes, base, groups))
    if base is not None and rep.f1 < base.f1 - 1e-9:
        print(f"extract score: F1 {rep.f1:.4f} is below the baseline's {base.f1:.4f}", file=sys.stderr)
        return 1
    return 0
