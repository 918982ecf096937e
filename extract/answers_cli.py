"""The `extract facts` and `extract trends` subcommands: their arguments only.

Kept apart from tables.py and trends.py, which load pandas and matplotlib, so that building the
parser (every `extract run`) stays light; the handlers import their module when they run.
"""
from __future__ import annotations

import argparse
import importlib
from pathlib import Path


def _lazy(module: str, name: str):
    return getattr(importlib.import_module(f".{module}", __package__), name)



FACTS_EPILOG = """examples:
  extract facts data/out/records.jsonl -o facts.jsonl
  extract facts news.jsonl -o facts.xlsx --records-out news_with_facts.jsonl

A fact is the mentions that state the same figure (docs/facts.md): same actor (西海岸新区 =
青岛西海岸新区), year, period, target or actual, amount kind, count, and amount within 0.5%.
--records-out writes every record with the fact_id of its fact."""


def add_facts_parser(sub) -> None:
    """The `extract facts` subcommand (cli.py calls this, as it does for score)."""
    p = sub.add_parser("facts", help="group records into facts: one row per figure, with its mentions",
                       epilog=FACTS_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("records", nargs="+", type=Path, metavar="RECORDS", help="record files (.jsonl, .parquet)")
    p.add_argument("-o", "--output", type=Path, default=Path("data/out/facts.jsonl"),
                   help="facts file: .jsonl, .csv, .xlsx or .parquet (default data/out/facts.jsonl)")
    p.add_argument("--records-out", type=Path, metavar="FILE",
                   help="also write the records, each with its fact_id (.jsonl, .csv, .xlsx or .parquet)")
    p.add_argument("--rules", metavar="DIR", help="rules folder whose gazetteer names the places (default rules/)")
    p.set_defaults(handler=lambda a: _lazy("tables", "cmd_facts")(a))



TRENDS_EPILOG = """examples:
  extract trends facts.jsonl -o trends.html
  extract trends records.jsonl -o trends.html     # records are grouped into facts first
  extract trends facts.jsonl -o trends.xlsx

Per actor: a table by year of targets and results by kind, each number linked to the sentences
it came from, and a chart (plan vs result). One HTML file, nothing fetched when it opens.
Needs matplotlib (pip install -e '.[trends]')."""


def add_trends_parser(sub) -> None:
    """The `extract trends` subcommand."""
    p = sub.add_parser("trends", help="per actor, targets and results by year: HTML with charts, or .xlsx",
                       epilog=TRENDS_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", type=Path, metavar="FACTS_OR_RECORDS",
                   help="a facts file from `extract facts`, or record files")
    p.add_argument("-o", "--output", type=Path, default=Path("data/out/trends.html"), help="trends.html or trends.xlsx")
    p.add_argument("--min-facts", type=int, default=1, metavar="N", help="only actors with at least N facts (default 1)")
    p.add_argument("--rules", metavar="DIR", help="rules folder whose gazetteer names the places (default rules/)")
    p.set_defaults(handler=lambda a: _lazy("trends", "cmd_trends")(a))
