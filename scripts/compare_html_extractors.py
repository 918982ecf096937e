"""Compare main-text extractors on the saved news pages (docs/formats.md has the table).

For every page, docs/html-eval/anchors.tsv gives the article's first and last words, read off
the page by hand.  An extractor *finds* the article when its text holds both, in order; *junk*
counts the CJK characters it adds before the first words (titles, bylines, navigation) and
after the last (related lists, footers).

    python scripts/compare_html_extractors.py [CORPUS_DIR]
"""
from __future__ import annotations

import csv
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from extract.html import decode_html, extract_article, repair  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")


def squash(text: str) -> str:
    return "".join(text.split())


def trafilatura_plain(html: str, **kw) -> str:
    import trafilatura

    doc = trafilatura.bare_extraction(html, **kw)
    return (doc.text or "") if doc else ""


def readability(html: str) -> str:
    import lxml.html
    from readability import Document

    try:
        return lxml.html.fromstring(Document(html).summary(html_partial=True)).text_content()
    except Exception:  # readability raises on pages it cannot score
        return ""




METHODS = {
    "trafilatura (default)": lambda h: trafilatura_plain(h),
    "trafilatura favor_precision": lambda h: trafilatura_plain(h, favor_precision=True),
    "readability-lxml": readability,
    "trafilatura + repairs": lambda h: trafilatura_plain(repair(h)),
    "trafilatura favor_precision + repairs": lambda h: trafilatura_plain(repair(h), favor_precision=True),
    "readability-lxml + repairs (extract.html, title line left out)": lambda h: "\n".join(extract_article(h).paragraphs),
}


def judge(text: str, begin: str, end: str) -> tuple[bool, int, int]:
    """(article found, junk CJK before its first words, junk CJK after its last words)."""
    flat, b, e = squash(text), squash(begin), squash(end)
    i = flat.find(b)
    j = flat.rfind(e)
    if i < 0 or j < 0 or j < i:
        return False, 0, 0
    return True, len(CJK.findall(flat[:i])), len(CJK.findall(flat[j + len(e):]))


def main(corpus: Path) -> None:
    anchors = list(csv.DictReader(open(ROOT / "docs/html-eval/anchors.tsv", encoding="utf-8"), delimiter="\t"))
    rows = {name: {"found": 0, "before": 0, "after": 0, "failed": [], "seconds": 0.0} for name in METHODS}
    for a in anchors:
        html, _ = decode_html((corpus / a["page"]).read_bytes(), a["page"])
        for name, method in METHODS.items():
            t0 = time.perf_counter()
            text = method(html)
            rows[name]["seconds"] += time.perf_counter() - t0
            found, before, after = judge(text, a["begin"], a["end"])
            row = rows[name]
            row["found"] += found
            row["before"] += before
            row["after"] += after
            if not found:
                row["failed"].append(a["page"].removesuffix(".html"))
    print(f"| extractor | article found (of {len(anchors)}) | junk before | junk after | s | failed on |")
    print("|---|---|---|---|---|---|")
    for name, r in rows.items():
        print(f"| {name} | {r['found']} | {r['before']} | {r['after']} | {r['seconds']:.1f} | {', '.join(r['failed']) or '-'} |")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/corpora/html-news")
