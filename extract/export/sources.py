"""What goes out: the gold lines as written, the raw pages they point into, records by page."""
from __future__ import annotations

import glob
import json
from pathlib import Path
from typing import Iterable


def read_gold_dicts(gold_dir: Path) -> list[dict]:
    """The gold lines as written (key order, note), after the scorer's validation passes."""
    from ..score import load_gold

    load_gold(gold_dir)  # raises ValueError naming file and line on a bad gold line
    out = []
    for path in sorted(Path(gold_dir).glob("*.jsonl")):
        out.extend(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return out


def read_raw_pages(doc_ids: Iterable[str], raw_dir: Path) -> tuple[dict[str, str], list[str]]:
    """doc_id -> raw text from raw_dir/<doc_id>.*, and one error line per page not readable."""
    from ..reader import PageError, read_page

    pages, errors = {}, []
    for doc_id in sorted(set(doc_ids)):
        hits = sorted(p for p in Path(raw_dir).glob(f"{glob.escape(doc_id)}.*") if p.is_file())
        if not hits:
            errors.append(f"{raw_dir}: no raw page {doc_id}.*")
            continue
        try:
            pages[doc_id] = read_page(hits[0]).text
        except PageError as err:
            errors.append(str(err))
    return pages, errors


def records_by_page(records: Iterable[dict]) -> dict[str, list[dict]]:
    """Records grouped by doc_id, each page's in the order given: one task, line or file a page."""
    out: dict[str, list[dict]] = {}
    for rec in records:
        out.setdefault(rec["doc_id"], []).append(rec)
    return out
