"""PDF pages -> text in reading order, rebuilt from character positions (pdfplumber).

A newspaper page is set in columns, with headlines in larger type across one or more columns,
and a running head (版次, date, 责任编辑) at the top or bottom.  pdfplumber gives every character
with its box and font size; from them:

1. words: runs of characters on one baseline with no gap wider than X_TOLERANCE (a column
   gap splits a line into one segment per column);
2. body size: the most common font size; a segment at least HEADLINE_RATIO larger is a headline;
3. columns: the x ranges the body segments cover, merged; a gap no body text crosses separates
   two columns (headlines are left out, since a headline may span several);
4. bands: a segment that crosses a column gap (a headline over several columns) cuts the page
   into horizontal bands; each band is read column by column, top to bottom;
5. lines within a column are joined into paragraphs; a paragraph ends where the next line is
   indented or this one stops short of the column's right edge.  Headlines stand alone,
   between blank lines, as headings do in a text page;
6. running heads and editors' lines are dropped.

`Page.page_starts` holds the text offset where each PDF page begins; `source_pages` turns a
record's offset into its 1-based PDF page.
"""
from __future__ import annotations

import io
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .reader import Page, PageError

PDF_SUFFIXES = (".pdf",)
EXTRA_HINT = "pip install 'extract[pdf]'"
X_TOLERANCE = 1.5  # points: a wider gap between two characters ends a segment
Y_TOLERANCE = 2.0  # points: characters this close vertically share a line
HEADLINE_RATIO = 1.2  # a segment this much larger than the body size is a headline
INDENT = 0.8  # body sizes: a line starting this far right of its column opens a paragraph
SHORT_LINE = 2.5  # body sizes: a line ending this far left of its column's edge closes one
MARGIN = 0.06  # of the page height: the top and bottom bands where running heads live
RUNNING_HEAD = re.compile(r"^(?:第\s*\d+\s*版|版次|(?:本版|一版|二版|三版)?责(?:任)?编(?:辑)?[:：]|美(?:术)?编[:：]|"
                          r"校对[:：]|\d{1,3}$|[-—–]\s*\d{1,3}\s*[-—–]$)")
# What a running head in the margin looks like: an edition, a date, a weekday, a folio.
MARGIN_HEAD = re.compile(r"版|星期|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月|^\W*\d{1,3}\W*$")
SCANNED = "no text layer: scanned page, OCR it first"


@dataclass
class Segment:
    """A run of characters on one line within one column."""

    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    text: str


def _library():
    """pdfplumber, or a one-line error naming the extra to install."""
    try:
        import pdfplumber
    except ImportError:
        raise PageError(f"PDF pages need the optional extra: {EXTRA_HINT}") from None
    return pdfplumber


def segments(page) -> list[Segment]:
    """The page's words as Segments (pdfplumber splits at gaps and at font-size changes)."""
    words = page.extract_words(x_tolerance=X_TOLERANCE, y_tolerance=Y_TOLERANCE, keep_blank_chars=True,
                               extra_attrs=["size"])
    return [Segment(w["x0"], w["x1"], w["top"], w["bottom"], round(w["size"], 1), w["text"].strip())
            for w in words if w["text"].strip()]


def body_size(segs: list[Segment]) -> float:
    """The font size most characters are set in."""
    sizes = Counter()
    for s in segs:
        sizes[s.size] += len(s.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def columns(body: list[Segment], size: float) -> list[tuple[float, float]]:
    """Column x ranges: the body segments' x ranges merged where they touch or overlap."""
    spans: list[list[float]] = []
    for s in sorted(body, key=lambda s: s.x0):
        if spans and s.x0 <= spans[-1][1] + size * 0.5:
            spans[-1][1] = max(spans[-1][1], s.x1)
        else:
            spans.append([s.x0, s.x1])
    return [(a, b) for a, b in spans]


def _column_of(seg: Segment, cols: list[tuple[float, float]]) -> int | None:
    """The one column a segment lies in, or None when it crosses a gap (it spans columns)."""
    inside = [i for i, (a, b) in enumerate(cols) if seg.x1 > a and seg.x0 < b]
    return inside[0] if len(inside) == 1 else (None if inside else 0)


def is_running_head(seg: Segment, height: float) -> bool:
    """Page furniture: a running head or folio in the margins, or an editor's line anywhere."""
    in_margin = seg.top < height * MARGIN or seg.bottom > height * (1 - MARGIN)
    return bool(RUNNING_HEAD.match(seg.text)) or (in_margin and len(seg.text) <= 40 and bool(MARGIN_HEAD.search(seg.text)))


def _lines(segs: list[Segment]) -> list[list[Segment]]:
    """Segments of one column grouped into lines (same top within Y_TOLERANCE), top to bottom."""
    lines: list[list[Segment]] = []
    for s in sorted(segs, key=lambda s: (s.top, s.x0)):
        if lines and abs(lines[-1][0].top - s.top) <= Y_TOLERANCE:
            lines[-1].append(s)
        else:
            lines.append([s])
    return lines


def _join(a: str, b: str) -> str:
    """Two pieces of one paragraph: a space only between Latin letters or digits."""
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b


@dataclass
class Flow:
    """Reading state carried from column to column and page to page: a paragraph that ends a
    column with a full line and whose next line is not indented goes on in the next column."""

    blocks: list[str]
    open_para: bool = False


def column_blocks(segs: list[Segment], col: tuple[float, float], size: float, flow: Flow) -> None:
    """One column's lines -> paragraphs and headlines, appended to flow.blocks."""
    blocks = flow.blocks
    for line in _lines(segs):
        text = "".join(s.text for s in line)
        x0, x1 = line[0].x0, line[-1].x1
        if max(s.size for s in line) >= size * HEADLINE_RATIO:
            if blocks and blocks[-1].startswith("\x00") and not flow.open_para:
                blocks[-1] += text  # a headline wrapped over two lines
            else:
                blocks.append("\x00" + text)
            flow.open_para = False
            continue
        if flow.open_para and x0 <= col[0] + size * INDENT and blocks:
            blocks[-1] = _join(blocks[-1], text)
        else:
            blocks.append(text)
        flow.open_para = x1 >= col[1] - size * SHORT_LINE


def page_blocks(page, flow: Flow) -> None:
    """One PDF page in reading order (bands, then columns, then lines), appended to flow.blocks."""
    segs = [s for s in segments(page) if not is_running_head(s, page.height)]
    if not segs:
        return
    size = body_size(segs)
    body = [s for s in segs if s.size < size * HEADLINE_RATIO]
    cols = columns(body, size) or [(min(s.x0 for s in segs), max(s.x1 for s in segs))]
    spanning = sorted((s for s in segs if _column_of(s, cols) is None), key=lambda s: s.top)
    cuts = [s.top for s in spanning]
    bands: dict[int, list[Segment]] = {}
    for s in segs:
        if _column_of(s, cols) is not None:
            bands.setdefault(bisect_right(cuts, s.top), []).append(s)
    for band in range(len(cuts) + 1):
        if band > 0:
            flow.blocks.extend(_spanning_block(spanning, band - 1, size))
            flow.open_para = False
        members = bands.get(band, [])
        for i, col in enumerate(cols):
            column_blocks([s for s in members if _column_of(s, cols) == i], col, size, flow)


def _spanning_block(spanning: list[Segment], i: int, size: float) -> list[str]:
    """A segment that spans columns: a headline (merged with the previous line of the same headline)."""
    seg = spanning[i]
    if i > 0 and spanning[i - 1].size == seg.size and seg.top - spanning[i - 1].bottom < seg.size:
        return ["\x01" + seg.text]  # continuation of the headline above
    return ["\x00" + seg.text] if seg.size >= size * HEADLINE_RATIO else [seg.text]


def render(blocks: list[str]) -> tuple[str, list[int]]:
    """Blocks -> (text, offset of each block): headlines and paragraphs between blank lines."""
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for block in blocks:
        if block.startswith("\x01") and out:
            offsets.append(pos + len(out[-1]))
            out[-1] += block[1:]
            continue
        if out:
            pos += len(out[-1]) + 2
        offsets.append(pos)
        # a headline is written as a Markdown heading, as the HTML reader writes a title: it opens a
        # story (its figures' headline) and never runs into the paragraph after it
        out.append("# " + block[1:] if block.startswith(("\x00", "\x01")) else block)
    return "\n\n".join(out), offsets


def _open(pdfplumber, data: bytes, name: str):
    """Open a PDF, turning pdfminer's exceptions into one line that says what is wrong."""
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as err:  # pdfplumber wraps pdfminer's many exception types
        cause = f"{type(err).__name__} {err!r} {err.__cause__!r}"  # pdfplumber keeps pdfminer's error in args
        if re.search(r"password|encrypt", cause, re.I):
            raise PageError(f"{name}: password-protected PDF, cannot read it without the password") from None
        raise PageError(f"{name}: broken PDF, cannot be read ({type(err).__name__})") from None


def read_pdf(data: bytes, name: str, doc_id: str | None = None) -> Page:
    """A PDF file's bytes -> Page (text in reading order, page_starts); PageError for a scan or a bad file."""
    pdfplumber = _library()
    pdf = _open(pdfplumber, data, name)
    flow = Flow([])
    first_block: list[int] = []  # index of each PDF page's first block
    try:
        with pdf:
            for page in pdf.pages:
                first_block.append(len(flow.blocks))
                page_blocks(page, flow)
    except PageError:
        raise
    except Exception as err:  # a damaged page stream fails only when it is read
        if re.search(r"password|encrypt", f"{type(err).__name__} {err}", re.I):
            raise PageError(f"{name}: password-protected PDF, cannot read it without the password") from None
        raise PageError(f"{name}: broken PDF, cannot be read ({type(err).__name__})") from None
    if not flow.blocks:
        raise PageError(f"{name}: {SCANNED}")
    text, offsets = render(flow.blocks)
    starts = [offsets[i] if i < len(offsets) else len(text) for i in first_block]
    return Page(doc_id or Path(name).stem, text, name, "pdf", page_starts=starts)


def source_pages(records: Iterable, page: Page) -> None:
    """Set each record's source_page (1-based PDF page of its start offset) from page.page_starts."""
    if not page.page_starts:
        return
    for record in records:
        record.source_page = bisect_right(page.page_starts, record.start)
