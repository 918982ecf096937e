"""Stage 1: page text -> clean blocks (paragraphs, headings, bylines, captions) + offset map.

Newspaper text arrives broken: column wraps every ~12 characters mid-word and mid-number
(总投资2929\n亿元), paragraphs split across blank lines at page breaks, photo captions printed in
the middle of a sentence, letter-spaced runs (一 批 优 质 项 目), full-width digits.  Every
cleaned character keeps the index of the raw character it came from (as quantulum3 keeps an
offset shift), so records point into the original file.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from typing import Callable

from .mapped import CJK, MappedText, _clean_line, fold
from .markup import mask_markup

def _ends_sentence(text: str) -> bool:
    """Does the line end a sentence (。 ！ ？ … then closing quotes, or a ——)?  (A `…$` regex
    search would try every position of the line.)"""
    bare = text.rstrip("”’」』）)")
    return (bool(bare) and bare[-1] in "。！？!?…") or text.endswith("——")
_CAPTION_TAIL = re.compile(r"(?:资料图片|供图|摄|图片来源[^。]*|图/[^。]*)$")
_TRAIL_BYLINE = re.compile(
    rf"^(?:[（(][^（）()]{{0,40}}(?:记者|通讯员|整理|编辑)[^（）()]{{0,30}}[)）]|[（(][{CJK} ]{{2,24}}[)）]"
    rf"|[^，。；]{{0,20}}记者[{CJK} ]{{1,20}}整理)$"
)
_LEAD_BYLINE = re.compile(rf"^□.{{0,40}}$|^[{CJK}/ ]{{0,20}}记者[ ]?[{CJK}]{{2,4}}(?:[ ][{CJK}]{{2,4}})*$")


@dataclass(slots=True)
class Block:
    """A paragraph-level unit: heading, speaker, lead_byline, trail_byline, caption or para.
    `story_start`: a headline that opens a new story (a Markdown heading, a bold headline
    paragraph of an HTML fragment)."""

    kind: str
    text: MappedText
    story_start: bool = False
    section: bool = False  # a Markdown H2: opens a part of the page (新闻摘要, 详细新闻), not a story's headline


@dataclass(slots=True)
class Line:
    raw_start: int
    raw_text: str
    clean: MappedText
    indented: bool
    marker: str | None  # heading/caption/lead_byline/trail_byline/speaker when the line says so
    width: int = 0  # visual width of the raw line in full-width cells (0 for a blank line)
    story_start: bool = False  # a headline line that opens a story
    section: bool = False  # a Markdown H2 line


def _marker_of(text: str) -> tuple[str | None, int]:
    """Kind a line announces by its form, and how many leading marker characters to drop."""
    if text.startswith("#"):
        return "heading", len(text) - len(text.lstrip("# "))
    if text.startswith(("■", "▲", "△", "◆")):
        return "caption", 1
    if len(text) < 80 and _CAPTION_TAIL.search(text) and not text.endswith("摄影"):  # length first: a $ search tries every position
        return "caption", 0
    if text.endswith(("———", "——", "—")) and len(text) < 60:
        return "speaker", 0
    # Each byline pattern is tried only where it can match: a trailing one ends in ）or 整理, a
    # leading one starts with □ or has 记者 in its first 22 characters.
    if text.endswith((")", "）", "整理")) and _TRAIL_BYLINE.match(text):
        return "trail_byline", 0
    if (text.startswith("□") or "记者" in text[:22]) and _LEAD_BYLINE.match(text):
        return "lead_byline", 0
    return None, 0


def split_lines(text: str, fold_map: list[int] | None, headlines: list[int] | None = None,
                span: tuple[int, int] | None = None, raw_lines: list[str] | None = None,
                offsets: list[int] | None = None, widths: bool = True) -> list[Line]:
    """The page's lines that hold text, cleaned; `headlines`: offsets where a bold headline starts
    (markup.py).  `span` (with the page's `raw_lines` and their `offsets`): only lines [a, b) are
    made.  Blank lines are left out: paragraphs are told apart by _should_join (markers, indents,
    sentence ends, widths), which never looks at them, so most of a Markdown page is never built.
    `widths=False`: lines without their width (0), for a page without a column width, where
    nothing reads them."""
    raw_lines = text.split("\n") if raw_lines is None else raw_lines
    a, b = span or (0, len(raw_lines))
    pos = offsets[a] if offsets is not None else 0
    heads = sorted(headlines or ())
    k = bisect.bisect_left(heads, pos)
    next_head = heads[k] if k < len(heads) else None
    lines = []
    for raw_line in raw_lines[a:b]:
        if raw_line.isspace() or not raw_line:  # a blank line (or filler only) joins nothing and splits nothing
            pos += len(raw_line) + 1
            continue
        while next_head is not None and next_head < pos:
            k += 1
            next_head = heads[k] if k < len(heads) else None
        head = next_head is not None and next_head < pos + len(raw_line)
        lines.append(_make_line(raw_line, pos, fold_map, head, widths))
        pos += len(raw_line) + 1
    return lines


def _make_line(raw_line: str, pos: int, fold_map: list[int] | None, head: bool = False, widths: bool = True) -> Line:
    """One cleaned line at raw offset pos; `head`: a bold headline starts in it."""
    clean = _clean_line(raw_line, pos)
    if fold_map is not None and clean.text:
        clean = _remap(clean, fold_map)
    marker, drop = _marker_of(clean.text) if clean.text else (None, 0)
    story = marker == "heading" and drop > 0  # a Markdown heading (### …) opens a story
    section = story and clean.text.startswith("## ")  # H2: a part of the page (新闻摘要), not a story's headline
    if head and clean.text:
        marker, story = "heading", True
    if drop:
        clean = clean.slice(drop, len(clean.text))
    indented = bool(raw_line) and raw_line[0] in " \u3000\t"
    width = _visual_width(raw_line.replace("\u3000", "一")) if clean.text and widths else 0
    return Line(pos, raw_line, clean, indented, marker, width, story, section)


def _remap(mapped: MappedText, fold_map: list[int]) -> MappedText:
    """Offsets into the NFC text -> offsets into the raw text (only for pages NFC changed)."""
    starts, srcs = [], []
    for i in range(len(mapped.text)):
        raw = fold_map[mapped.raw_index(i)]
        if not srcs or raw != srcs[-1] + (i - starts[-1]):
            starts.append(i)
            srcs.append(raw)
    return MappedText(mapped.text, starts, srcs)


def _visual_width(line: str) -> int:
    """Width in full-width cells: column wraps are visual, and digits take half a cell."""
    line = line.rstrip()
    if len(line) > 120:  # far wider than any newspaper column: no need to count
        return len(line)
    # Counted in C, not per character: a 3-byte UTF-8 character (CJK) is one cell, ASCII half.
    size = len(line.encode("utf-8", "surrogatepass"))
    wide = (size - len(line)) // 2
    return round(wide + (len(line) - wide) * 0.5)


def column_width(lines: list[Line]) -> int | None:
    """The page's column width when it is column-wrapped (most lines the same short width)."""
    return _width_of([l.width for l in lines if l.clean.text])


def _width_of(widths: list[int]) -> int | None:
    if len(widths) < 10:
        return None
    counts = Counter(widths)
    mode = max(set(widths), key=counts.__getitem__)  # as key=widths.count (same ties), without a count per value
    near = sum(1 for w in widths if abs(w - mode) <= 1)
    return mode if mode <= 30 and near / len(widths) >= 0.4 else None


def _page_width(lines: list[str]) -> int | None:
    """column_width of a page's lines without cleaning them.  A line of 63 characters or more is
    wider than 31 cells, so a page whose short lines are under 40% of its lines has no column,
    and one whose short lines cannot make 40% of its lines one cell from a width of 30 or less
    has none either: both are counted first, and only a page that passes has every line
    measured (a Markdown page of a paragraph a line never is).  Blank lines, and bare ### that
    clean to nothing, count nowhere; a line over 120 characters is as wide as it is long."""
    counted = [line for line in lines if line and not line.isspace() and not ("#" in line and _bare_heading(line))]
    short = [line for line in counted if len(line) < 63 or len(line.rstrip()) < 63]
    if len(short) < 0.4 * len(counted) or len(counted) < 10:
        return None
    short_widths = [w for w in map(_cell_width, short) if w]
    if not _may_have_column(short_widths, len(short_widths) + len(counted) - len(short)):
        return None
    return _width_of([w for w in map(_cell_width, counted) if w])


def _may_have_column(short_widths: list[int], n: int) -> bool:
    """Could _width_of find a column among n widths, of which those not in short_widths are all
    over 31?  Its mode must be 30 or less with 40% of the widths within one cell of it, and only
    widths of 31 or less can be (the same test, on the same counts)."""
    counts = Counter(short_widths)
    return n >= 10 and any((counts[m - 1] + counts[m] + counts[m + 1]) / n >= 0.4 for m in range(1, 31))


_HEADING_LINE = re.compile(r"\s*#")  # a line whose first non-blank character is # (matched, not copied by lstrip)
HAS_TEXT = re.compile(r"[^#\s]")  # a character that cleaning keeps and a heading's marker drop does not


def _bare_heading(line: str) -> bool:
    """A ### line with no text: it cleans to nothing, so it has no width."""
    return _HEADING_LINE.match(line) is not None and not raw_width(line)


def _cell_width(line: str) -> int:
    """raw_width of a line that is neither blank nor a bare heading (its Line's width)."""
    return _visual_width(line.replace("\u3000", "一") if "\u3000" in line else line)


def raw_width(raw_line: str) -> int:
    """A line's width as its Line would have it, without cleaning it (a blank line, or a bare
    ### that cleans to nothing, is 0): the page's column width counts every line.  A heading
    with a character other than # and white space keeps it through cleaning and the marker
    drop, so its Line has the width of the raw line; only the rest is cleaned to see."""
    stripped = raw_line.strip()
    if not stripped:
        return 0
    if stripped[0] == "#" and not HAS_TEXT.search(stripped):
        return _make_line(raw_line, 0, None).width
    return _cell_width(raw_line)


# Compiled once: these are asked of every line and block, and re.search(str, …) looks its
# pattern up in re's cache on every call.
_CLAUSE_MARK = re.compile(r"[，。；,;]")
_WORD_SPACE = re.compile(rf"[{CJK}] [{CJK}]")  # a space between words: headings have those, prose not
_SHORT_FIRST_CLAUSE = re.compile(r"^[^，。；：、,;:！？]{1,4}[，。；：、,;:！？]")
_COMMA = re.compile(r"[，,；;]")
_SPEAKER_TITLE = re.compile(r"(?:书记|区长|市长|县长|主任|局长|镇长|主席)[^，。]{0,12}[：:]")
_SPEAKER_TAIL = re.compile(r"(?:书记|主任|区长|市长|县长|局长|镇长)\s?[\u4e00-\u9fff]{2,3}$")
_SENTENCE_MARK = re.compile(r"[。！？]")
_HEADING_STOP = re.compile(r"[。！？；;]")


def _is_prose(text: str) -> bool:
    """A body line: long, with sentence punctuation, and no word spaces (headings have those)."""
    return len(text) >= 24 and bool(_CLAUSE_MARK.search(text)) and not _WORD_SPACE.search(text)


# A numbered item opens a paragraph of its own (a contents list: 4.习近平…；\n5.…): 1. 2、 （3）
_LIST_ITEM = re.compile(r"^(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）])")


_SECTION_HEAD = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])")


def _should_join(prev: Line, nxt: Line, width: int | None) -> bool:
    """Is the break between prev and nxt a wrap inside a paragraph (not a paragraph end)?"""
    a, b = prev.clean.text, nxt.clean.text
    if prev.marker or nxt.marker or nxt.indented or _ends_sentence(a) or _LIST_ITEM.match(b):
        return False
    if width is not None:
        return prev.width >= width - 2
    if (_SECTION_HEAD.match(a) and len(a) <= 40) or _SECTION_HEAD.match(b):
        return False  # 一、2025年工作总结和“十四五”发展成就 is a heading, not a line wrapped into the next
    first = _SHORT_FIRST_CLAUSE.match(b)
    return _is_prose(a) or (bool(first) and len(a) >= 6) or (len(a) >= 8 and _ends_mid_phrase(a))


def _ends_mid_phrase(text: str) -> bool:
    """A line ending in an adverb, preposition, conjunction or particle cannot end a heading."""
    if _WORD_SPACE.search(text) or not _COMMA.search(text):
        return False
    from .segment import pos_tags  # late import: segmentation is only needed for this rare case

    tags = pos_tags(text[-8:])
    return bool(tags) and tags[-1][1][:1] in {"d", "p", "c", "u"}


def _classify(text: str) -> str:
    """Kind of an assembled paragraph with no marker: heading, speaker or para."""
    if _SPEAKER_TITLE.search(text[:40]) and not _SENTENCE_MARK.search(text):
        return "speaker"
    if len(text) <= 40 and not _HEADING_STOP.search(text) and not text.endswith(("，", "、", ",")):
        if _SPEAKER_TAIL.search(text):
            return "speaker"
        return "heading"
    return "para"


@dataclass(slots=True)
class Prepared:
    """A page masked and folded, split into lines, before any line is cleaned."""

    text: str
    fold_map: list[int] | None
    headlines: list[int]
    lines: list[str]
    offsets: list[int]  # offsets[k]: where line k starts in text


def prepare(raw: str) -> Prepared:
    """Markup masked, characters folded, lines split: cheap page-wide steps done once."""
    masked = mask_markup(raw)
    text, fold_map = fold(masked.text)
    lines = text.split("\n")
    offsets = list(accumulate([len(line) + 1 for line in lines], initial=0))  # summed in C, not a loop per line
    offsets.pop()  # the end of the last line
    return Prepared(text, fold_map, masked.headlines, lines, offsets)


def normalize(raw: str, select: Callable[[Prepared], list[tuple[int, int]]] | None = None) -> list[Block]:
    """Raw page text -> blocks in reading order, captions moved out of the sentences they cut,
    markup (HTML and Markdown fragments) masked out with offsets kept.

    `select(prepared)`, if given, names the line ranges [a, b) to read (each starting at a
    Markdown heading line or the page's start, where blocks cannot join across); the rest of the
    page is never cleaned.  The column width is still the whole page's."""
    page = prepare(raw)
    if select is None:
        lines = split_lines(page.text, page.fold_map, page.headlines, None, page.lines, page.offsets)
        return _blocks(lines, column_width(lines))
    spans = select(page)
    width = _page_width(page.lines) if spans else None
    blocks: list[Block] = []
    for span in spans:
        lines = split_lines(page.text, page.fold_map, page.headlines, span, page.lines, page.offsets, width is not None)
        blocks.extend(_blocks(lines, width))
    return blocks


def _blocks(lines: list[Line], width: int | None) -> list[Block]:
    """Lines -> blocks: wraps joined, captions printed inside a sentence moved after it."""
    blocks: list[Block] = []
    current: list[Line] = []
    pending_captions: list[Line] = []

    def close() -> None:
        if current:
            # one line is its own block's text (concat of one part copies it piece by piece)
            joined = current[0].clean if len(current) == 1 else MappedText.concat([l.clean for l in current])
            kind = current[0].marker or _classify(joined.text)
            blocks.append(Block(kind, joined, current[0].story_start, current[0].section))
            current.clear()
        for cap in pending_captions:
            blocks.append(Block(cap.marker or "caption", cap.clean))
        pending_captions.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.clean.text:
            i += 1
            continue
        if current and _should_join(current[-1], line, width):
            current.append(line)
            i += 1
            continue
        if current and line.marker == "caption" and not _ends_sentence(current[-1].clean.text):
            # A caption printed inside a sentence: keep it aside and see if the sentence goes on after it.
            j = i
            while j < len(lines) and (not lines[j].clean.text or lines[j].marker == "caption"):
                j += 1
            if j < len(lines) and _should_join(current[-1], lines[j], width):
                pending_captions.extend(l for l in lines[i:j] if l.clean.text)
                current.append(lines[j])
                i = j + 1
                continue
        close()
        current.append(line)
        if line.marker:
            close()
        i += 1
    close()
    return blocks


def normalize_text(raw: str) -> str:
    """The normalised page as one string, blocks on their own lines (for display and tests)."""
    return "\n".join(b.text.text for b in normalize(raw))
