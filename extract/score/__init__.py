"""Scoring: predictions against the gold set, per field and per rule, and against a baseline.

A prediction matches a gold record when it is on the same page with the same project count
and an amount within 0.5% (both may be null).  Gold records with `required: false` are scored
neither way.  A gold field may accept several values: `alternatives: {field: [values]}`.

The package, one concern a module: pairs.py (matching, field checks), scoring.py (Report,
score, per-rule table, groups, diff), runs.py (predictions on the gold's pages, baselines),
text.py (the printed report), api.py (run_score, read_floor), command.py (`extract score`).
The gold set itself is read by extract.goldset; its names are importable from here too.
"""
from ..goldset import ENUMS, GOLD_EXTRA, Gold, GoldPages, gold_pages, load_gold, raw_dir_for
from .api import DEFAULT_GOLD, FLOOR_FILE, read_floor, run_score
from .command import add_score_parser, cmd_score
from .pairs import LATER_FIELDS, field_results, match
from .runs import baseline_predictions, predict
from .scoring import FIELDS, Report, by_group, diff, rule_table, score
from .text import format_report

__all__ = ["ENUMS", "GOLD_EXTRA", "Gold", "GoldPages", "gold_pages", "load_gold", "raw_dir_for", "DEFAULT_GOLD",
           "FLOOR_FILE", "read_floor", "run_score", "add_score_parser", "cmd_score", "LATER_FIELDS", "field_results",
           "match", "baseline_predictions", "predict", "FIELDS", "Report", "by_group", "diff", "rule_table", "score",
           "format_report"]
