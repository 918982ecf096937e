"""The scoring report as text, the way `extract score` prints it."""
from __future__ import annotations

from .scoring import Report


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
