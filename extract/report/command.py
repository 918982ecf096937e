"""Pages in, report file out: read the raw pages, write the report, and `extract report`."""
from __future__ import annotations

import glob
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..records import Record, atomic_path
from .document import render_report

if TYPE_CHECKING:  # only for type hints: the scorer is imported when a gold set is given
    import argparse

    from ..score import Gold


def read_pages(doc_ids: Iterable[str], raw_dir: Path) -> dict[str, str | None]:
    """Raw text of each page, from raw_dir/<doc_id>.* (None when there is no such file)."""
    from ..reader import PageError, read_page

    pages: dict[str, str | None] = {}
    for doc_id in sorted(set(doc_ids)):
        hits = sorted(p for p in Path(raw_dir).glob(f"{glob.escape(doc_id)}.*") if p.is_file())
        try:
            pages[doc_id] = read_page(hits[0]).text if hits else None
        except PageError as err:
            print(f"extract report: {err}", file=sys.stderr)
            pages[doc_id] = None
    return pages


def write_report(path: Path, records: list[Record], raw_dir: Path, golds: list["Gold"] | None = None) -> None:
    """Write the HTML report for records (and gold) whose pages are raw_dir/<doc_id>.*."""
    doc_ids = {r.doc_id for r in records} | {g.record["doc_id"] for g in golds or []}
    pages = read_pages(doc_ids, Path(raw_dir))
    _write_html(Path(path), render_report(pages, records, golds))


def _write_html(path: Path, text: str) -> None:
    with atomic_path(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def cmd_report(args: argparse.Namespace) -> int:
    """`extract report PATH... -o FILE [--gold DIR]`: run the pipeline, write the report; 2 if a page failed."""
    from ..pipeline import extract_text
    from ..reader import PageError, discover, read_page
    from ..segment import set_segmenter

    set_segmenter(getattr(args, "segmenter", None))
    rules_dir = str(Path(args.rules).resolve()) if args.rules else None
    failed = 0
    pages: dict[str, str | None] = {}
    records: list[Record] = []
    for item in discover(args.paths):
        try:
            if isinstance(item, PageError):
                raise item
            if item == "-":
                raise PageError("-: extract report reads page files, not stdin")
            page = read_page(item)
        except PageError as err:
            print(f"extract: {err}", file=sys.stderr)
            failed += 1
            continue
        pages[page.doc_id] = page.text  # for HTML and PDF pages: the extracted text the offsets point into
        records.extend(extract_text(page.text, page.doc_id, args.year, rules_dir, args.ner, args.hanlp_model,
                                    date=page.date, path=page.path, title=page.title))
    golds = None
    if args.gold:
        from ..score import load_gold

        try:
            golds = [g for g in load_gold(args.gold) if g.record["doc_id"] in pages]
        except (ValueError, OSError) as err:
            print(f"extract report: {err}", file=sys.stderr)
            return 1
    _write_html(args.output, render_report(pages, records, golds))
    print(f"extract: {len(records)} records from {len(pages)} pages -> {args.output}"
          + (f"; {failed} failed" if failed else ""), file=sys.stderr)
    return 2 if failed else 0
