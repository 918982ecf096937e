"""`extract gold export|import`: gold or predictions out to a tool, corrections back in."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..records import atomic_path, read_records
from .corrections import from_labelstudio, write_gold
from .doccano_brat import to_doccano, write_brat
from .labelstudio import LABEL_CONFIG, to_labelstudio
from .sources import read_gold_dicts, read_raw_pages

if TYPE_CHECKING:
    import argparse


def _write_json(path: Path, data: list[dict], lines: bool = False) -> None:
    with atomic_path(path, "w", encoding="utf-8", newline="") as handle:
        if lines:
            handle.write("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in data))
        else:
            json.dump(data, handle, ensure_ascii=False, indent=1)


def _export(args: argparse.Namespace) -> int:
    from ..score import raw_dir_for

    raw_dir = args.raw or raw_dir_for(args.gold)
    use_gold = args.pred is None or (args.format == "labelstudio" and args.gold.is_dir() and any(args.gold.glob("*.jsonl")))
    gold = read_gold_dicts(args.gold) if use_gold else []
    pred = [r.to_dict() for r in read_records(args.pred)] if args.pred else []
    pages, errors = read_raw_pages({r["doc_id"] for r in gold + pred}, raw_dir)
    for error in errors:
        print(f"extract gold: {error}", file=sys.stderr)
    gold = [r for r in gold if r["doc_id"] in pages]
    pred = [r for r in pred if r["doc_id"] in pages]
    if args.format == "labelstudio":
        tasks = to_labelstudio(pages, gold, pred if args.pred else None)
        _write_json(args.output, tasks)
        config = args.output.with_suffix(".config.xml")
        config.write_text(LABEL_CONFIG, encoding="utf-8")
        what = f"{len(tasks)} tasks -> {args.output} (labelling config: {config})"
    elif args.format == "doccano":
        lines = to_doccano(pages, pred if args.pred else gold)
        _write_json(args.output, lines, lines=True)
        what = f"{len(lines)} pages -> {args.output}"
    else:
        what = f"{write_brat(pages, pred if args.pred else gold, args.output)} pages -> {args.output}/"
    print(f"extract gold: {len(gold)} gold and {len(pred)} predicted records, {what}", file=sys.stderr)
    return 2 if errors else 0


def _import(args: argparse.Namespace) -> int:
    from ..score import load_gold

    tasks = json.loads(Path(args.file).read_text(encoding="utf-8"))
    if isinstance(tasks, dict):  # a single task exported on its own
        tasks = [tasks]
    warn: list[str] = []
    pages = from_labelstudio(tasks, warn)
    for message in warn:
        print(f"extract gold: {message}", file=sys.stderr)
    written = write_gold(pages, args.output)
    load_gold(args.output)  # the files written must be valid gold
    print(f"extract gold: {sum(len(v) for v in pages.values())} records in {len(written)} files -> {args.output}",
          file=sys.stderr)
    return 0


def cmd_gold(args: argparse.Namespace) -> int:
    """`extract gold export|import`: 0 done, 2 some page missing (export), 1 bad input."""
    try:
        return _export(args) if args.gold_command == "export" else _import(args)
    except (ValueError, OSError, KeyError) as err:
        print(f"extract gold: {err}", file=sys.stderr)
        return 1
