"""Predictions for the gold's pages: the pipeline run on them (with the rule overlaps it
saw), or a baseline's from a saved file, a rules folder or a git revision of rules/."""
from __future__ import annotations

import subprocess
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from ..goldset import GoldPages
from ..records import Record, read_records


def predict(pages: GoldPages, rules_dir: str | None, year: int | None = None, ner: str = "jieba",
            hanlp_model: str | None = None, date: str | None = None) -> tuple[list[Record], dict[str, Counter]]:
    """Run the pipeline on the gold's pages; also count which rules competed for the same numbers."""
    from ..pipeline import extract_text

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
