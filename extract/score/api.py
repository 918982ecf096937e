"""Python API: the same report as `extract score`, and the F1 floor a gold set keeps."""
from __future__ import annotations

import json
from pathlib import Path

from ..goldset import gold_pages, load_gold
from ..records import read_records
from .runs import predict
from .scoring import Report, score

DEFAULT_GOLD = Path("data/gold")
FLOOR_FILE = "floor.json"


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
