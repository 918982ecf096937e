"""Draw a seeded sample of records from an `extract run` output for a judge (issue 12's test).

    python scripts/draw_news_sample.py records.jsonl out/sample.jsonl --seed 20261205 \
        --exclude tests/pages/real/news_sample/sample.jsonl tests/pages/real/news_sample2/sample.jsonl

Records already judged in earlier samples, or read while tuning the rules (--exclude takes any JSONL
with doc_id, start, end), are left out, so a new sample is judged fresh.  The
sample holds what a judge needs beside the page: evidence, sentence, headline, count, amount,
category; the judge reads the page itself for context.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

FIELDS = ("doc_id", "start", "end", "evidence", "sentence", "headline", "project_count", "amount_text", "category")


def key(record: dict) -> tuple:
    return record["doc_id"], record["start"], record["end"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("records", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("-n", type=int, default=150)
    ap.add_argument("--exclude", type=Path, nargs="*", default=[])
    args = ap.parse_args()
    seen = {key(json.loads(line)) for path in args.exclude for line in path.open(encoding="utf-8")}
    records = [r for r in map(json.loads, args.records.open(encoding="utf-8")) if key(r) not in seen]
    picked = random.Random(args.seed).sample(records, min(args.n, len(records)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for n, record in enumerate(picked, 1):
            fh.write(json.dumps({"n": n, **{f: record.get(f) for f in FIELDS}}, ensure_ascii=False) + "\n")
    print(f"{len(picked)} of {len(records)} records (after {len(seen)} judged or inspected before) -> {args.out}")


if __name__ == "__main__":
    main()
