"""`extract score`: its options, and the run that scores, compares and prints."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..goldset import gold_pages, load_gold, raw_dir_for
from ..records import read_records
from .api import DEFAULT_GOLD
from .runs import baseline_predictions, predict
from .scoring import by_group, diff, score
from .text import format_report

if TYPE_CHECKING:
    import argparse


def add_score_parser(sub: argparse._SubParsersAction,
                     add_rules_args: Callable[[argparse.ArgumentParser], None]) -> None:
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


def cmd_score(args: argparse.Namespace) -> int:
    from ..segment import set_segmenter

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
        from ..report import write_report

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
