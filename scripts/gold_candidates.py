#!/usr/bin/env python3
"""A reading checklist for annotators of long real pages: every sentence that could hold a
project or investment figure, with its offset and the heading of the story it is in.

Deliberately broad (it knows nothing of the extractor's rules): a sentence is listed when it
holds a number (digits or Chinese numerals) and any of 项目 工程 实事 基地 园 厂 亿 万元 or a
currency word.  It finds where to read; the annotator reads the story there and decides.

usage: scripts/gold_candidates.py PAGE... [--context N]
"""
import argparse, pathlib, re, sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from gold_locate import blank_markup  # noqa: E402

NUMBER = re.compile(r"[0-9０-９]|[一二三四五六七八九十百千万两][个项件大批处座]|[十百千]余|[数几]十")
TOPIC = re.compile(r"项目|工程|实事|基地|园|厂|中心|亿|万元|美元|欧元|港元|港币|日元|英镑|卢布|资金|投资")
HEADING = re.compile(r"(?m)^#{1,6} .*$")
SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")


def candidates(text: str):
    """(offset, heading, sentence) for every listed sentence of the page."""
    clean = blank_markup(text)
    headings = [(m.start(), m.group().lstrip("# ").strip()) for m in HEADING.finditer(text)]
    for m in SENTENCE.finditer(clean):
        s = " ".join(m.group().split())
        if len(s) < 4 or not NUMBER.search(s) or not TOPIC.search(s):
            continue
        head = next((h for pos, h in reversed(headings) if pos <= m.start()), "")
        yield m.start() + (len(m.group()) - len(m.group().lstrip())), head, s


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pages", nargs="+", type=pathlib.Path)
    args = ap.parse_args()
    for path in args.pages:
        text = path.read_text(encoding="utf-8")
        last = None
        for pos, head, sent in candidates(text):
            if head != last:
                print(f"\n== {path.stem} | {head or '(no heading)'}")
                last = head
            print(f"{path.stem}@{pos}\t{sent}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
