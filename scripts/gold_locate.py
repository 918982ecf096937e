#!/usr/bin/env python3
"""Helpers for writing gold files: find evidence spans, give sentences, lint gold lines.

Offsets are Unicode code points into the page as read with
open(path, encoding="utf-8").read(), end exclusive (see docs/annotation.md).

usage:
  locate.py find DOC_ID EVIDENCE [--raw DIR]
      every span of the page whose text, white space removed, equals EVIDENCE with white space
      removed; prints start, end and the sentence that holds it
  locate.py fill GOLD.jsonl [--raw DIR] [--write]
      for each line, (re)compute start/end from "evidence" (the match nearest the line's
      current "start", so give a rough start when the phrase occurs twice) and fill an empty
      "sentence"; prints the diff, rewrites the file only with --write
  locate.py lint GOLD.jsonl [--raw DIR]
      gold-only checks that check_records.py does not make: "required" is a bool, rule is
      "gold", "alternatives" only names allowed fields, lists valid values and contains the
      main value, no two lines share a span
Then run:  python3 /work/shared/tools/check_records.py GOLD.jsonl --raw DIR
"""
import argparse, json, pathlib, re, sys

HERE = pathlib.Path(__file__).resolve().parent
RAW = HERE.parent / "data" / "raw"

TERMINATORS = "。！？!?"
CLOSERS = "”’」』）)"
# a line of its own, between blank lines, without sentence punctuation: heading, byline, speaker
HEADING_MAX = 60
# photo captions printed inside the running text: never part of a body sentence
CAPTION = re.compile(r"^\s*■|资料图片\s*$|供图\s*$")

NO_ALTERNATIVES = {"projects", "project_count", "amount_yuan", "start", "end", "evidence",
                   "sentence", "doc_id", "rule"}
ENUMS = {
    "count_qualifier": {None, "approx", "nearly", "over", "at_least"},
    "amount_qualifier": {None, "approx", "nearly", "over", "at_least"},
    "amount_kind": {None, "total_investment", "completed_investment", "annual_investment",
                    "statistics", "output_value"},
    "period": {None, "FY", "Q1", "Q2", "Q3", "Q4", "H1", "H2", "YTD"},
    "modality": {"target", "actual"},
}


def read_page(doc_id, raw_dir=RAW):
    """The page DOC_ID.* (.txt, .md, ...) of RAW_DIR, as read from disk."""
    hits = sorted(pathlib.Path(raw_dir).glob(f"{doc_id}.*"))
    if not hits:
        raise SystemExit(f"no page {doc_id}.* in {raw_dir}")
    return open(hits[0], encoding="utf-8").read()


# Markup inside text pages (the 新闻联播 corpus is Markdown with HTML fragments): for sentences,
# a tag, an entity or ** is blanked to spaces of the same length, so offsets stay those of the
# file; a block tag (<p>, </p>, <br>) also ends the line, as a paragraph break.
BLOCK_TAG = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|table|tr|td)\b[^>]*>", re.I)
INLINE_MARKUP = re.compile(r"<[^<>\n]{1,200}>|&[a-zA-Z]{2,8};|&#\d{2,6};|\*\*|\[[^\]\n]{0,40}\]\([^)\n]*\)")


def blank_markup(text):
    text = BLOCK_TAG.sub(lambda m: "\n\n" + " " * (len(m.group()) - 2) if len(m.group()) >= 2 else "\n", text)
    text = INLINE_MARKUP.sub(lambda m: " " * len(m.group()), text)
    return re.sub(r"(?m)^#{1,6} ", lambda m: " " * len(m.group()), text)


def squeeze(s):
    return "".join(s.split())


def find_spans(text, evidence):
    """All (start, end) whose text equals evidence once white space is removed on both sides."""
    chars = squeeze(evidence)
    if not chars:
        return []
    pattern = r"\s*".join(re.escape(c) for c in chars)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def normalise(s):
    """Join wraps: drop white space, except one space between two ASCII letters/digits."""
    s = re.sub(r"(?<=[A-Za-z0-9])\s+(?=[A-Za-z0-9])", "\x00", s)
    return squeeze(s).replace("\x00", " ")


def units(text):
    """Blocks of raw text, as (start, end) ranges: every caption or heading line is a block of
    its own (see is_standalone); the running text between them is one block."""
    blocks, cur, pos = [], None, 0
    for line in text.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        if is_standalone(text, a, b):
            if cur:
                blocks.append(cur)
            blocks.append((a, b))
            cur = None
        elif line.strip():
            cur = (cur[0], b) if cur else (a, b)
    if cur:
        blocks.append(cur)
    return blocks


def sentence_at(text, start, end):
    """The normalised sentence holding text[start:end].

    Captions and headings (see units) are sentences of their own; running text is read as one
    stream with them cut out, so a body sentence interrupted by a caption is joined up.
    """
    text = blank_markup(text)
    blocks = units(text)
    home = next(((a, b) for a, b in blocks if a <= start < b), None)
    if home is None:
        return normalise(text[start:end])
    if is_standalone(text, *home):
        stream = list(range(*home))
    else:
        stream = [i for a, b in blocks if not is_standalone(text, a, b) for i in range(a, b)]
    k = stream.index(start)
    s = 0
    for j in range(k - 1, -1, -1):
        if text[stream[j]] in TERMINATORS:
            s = j + 1
            while s < k and (text[stream[s]] in CLOSERS or text[stream[s]].isspace()):
                s += 1
            break
    e = len(stream)
    j = k + 1
    while j < len(stream) and stream[j] < end:
        j += 1
    for j in range(j, len(stream)):
        if text[stream[j]] in TERMINATORS:
            e = j + 1
            while e < len(stream) and text[stream[e]] in CLOSERS + TERMINATORS:
                e += 1
            break
    return normalise("".join(text[i] for i in stream[s:e])).lstrip("■")


def is_standalone(text, a, b):
    """A photo caption line, or a heading/byline/speaker line: a line between blank lines,
    at most HEADING_MAX characters, with no sentence-final punctuation in it."""
    line = text[a:b]
    if "\n" in line or not line.strip():
        return False
    if CAPTION.search(line):
        return True
    before = a == 0 or text[max(0, a - 2):a] == "\n\n" or a == 1
    after = b >= len(text) - 1 or text[b:b + 2] == "\n\n"
    return (before and after and len(line.strip()) <= HEADING_MAX
            and not any(t in line for t in TERMINATORS))


def cmd_find(a):
    text = read_page(a.doc_id, a.raw)
    spans = find_spans(text, a.evidence)
    if not spans:
        print("no match")
        return 1
    for s, e in spans:
        print(json.dumps({"start": s, "end": e, "raw": text[s:e],
                          "sentence": sentence_at(text, s, e)}, ensure_ascii=False))
    return 0


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def cmd_fill(a):
    recs, pages, bad = load(a.gold), {}, 0
    for n, r in enumerate(recs, 1):
        text = pages.setdefault(r["doc_id"], read_page(r["doc_id"], a.raw))
        spans = find_spans(text, r["evidence"])
        if not spans:
            print(f"line {n}: evidence not found: {r['evidence']}")
            bad += 1
            continue
        hint = r.get("start") if isinstance(r.get("start"), int) else None
        if len(spans) > 1 and hint is None:
            print(f"line {n}: {len(spans)} matches {spans}, give a rough 'start'")
            bad += 1
            continue
        s, e = min(spans, key=lambda se: abs(se[0] - (hint or 0)))
        if (r.get("start"), r.get("end")) != (s, e):
            print(f"line {n}: span {r.get('start')}..{r.get('end')} -> {s}..{e}")
        r["start"], r["end"] = s, e
        if not r.get("sentence"):
            r["sentence"] = sentence_at(text, s, e)
            print(f"line {n}: sentence <- {r['sentence']}")
    if a.write and not bad:
        with open(a.gold, "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 1 if bad else 0


def cmd_lint(a):
    recs, bad, seen = load(a.gold), [], {}
    for n, r in enumerate(recs, 1):
        if not isinstance(r.get("required"), bool):
            bad.append(f"line {n}: 'required' must be true or false")
        if r.get("rule") != "gold":
            bad.append(f"line {n}: rule should be 'gold'")
        alts = r.get("alternatives", {})
        if not isinstance(alts, dict):
            bad.append(f"line {n}: 'alternatives' must be an object")
            alts = {}
        for k, vals in alts.items():
            if k in NO_ALTERNATIVES or k not in r:
                bad.append(f"line {n}: no alternatives allowed for {k!r}")
            elif not isinstance(vals, list) or len(vals) < 2:
                bad.append(f"line {n}: alternatives[{k!r}] must be a list of 2+ values")
            else:
                if r[k] not in vals:
                    bad.append(f"line {n}: alternatives[{k!r}] lacks the main value {r[k]!r}")
                for v in vals:
                    if k in ENUMS and v not in ENUMS[k]:
                        bad.append(f"line {n}: alternatives[{k!r}] has invalid {v!r}")
                    if k == "year" and not (v is None or isinstance(v, int)):
                        bad.append(f"line {n}: alternatives['year'] has non-int {v!r}")
        key = (r.get("doc_id"), r.get("start"), r.get("end"))
        if key in seen:
            bad.append(f"line {n}: same span as line {seen[key]}")
        seen[key] = n
    for b in bad:
        print(b)
    print(f"{len(recs)} records, {sum(1 for r in recs if r.get('required'))} required, "
          f"{len(bad)} lint problems")
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("find"); p.add_argument("doc_id"); p.add_argument("evidence")
    p.add_argument("--raw", default=RAW); p.set_defaults(fn=cmd_find)
    p = sub.add_parser("fill"); p.add_argument("gold"); p.add_argument("--raw", default=RAW)
    p.add_argument("--write", action="store_true"); p.set_defaults(fn=cmd_fill)
    p = sub.add_parser("lint"); p.add_argument("gold"); p.add_argument("--raw", default=RAW)
    p.set_defaults(fn=cmd_lint)
    a = ap.parse_args()
    return a.fn(a)


if __name__ == "__main__":
    sys.exit(main())
