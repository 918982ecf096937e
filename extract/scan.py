"""Stage 0: find first, then read.  One cheap scan of a page's lines names the stretches worth
normalising; the rest of the page is never cleaned, split or matched.

A page is cut at its Markdown heading lines (### 标题): a heading is a block and a story start
of its own, so blocks, units and stories on either side of it come out the same whether the
page is read whole or piece by piece.  A piece is kept when

- it may hold a figure: a number next to 个/项/亿/万… (white space and line breaks allowed inside,
  since pages wrap mid-number), a figure word (项目, 总投资…) and a rule word (rule_words: one
  that some rule's match holds; 学校 and 线 are figure words and none) with no 。！？ between them (a
  sentence unit never crosses one; a piece whose one-line units, ### headings, bold headlines
  and —— speaker lines, hold one is tested whole, as a piece with a caption is); or
- it may change what the page as a whole says to attribution: a new-year mark (伊始, 开年…) and,
  on a page without a date, a 20xx年 (the page's year is the one it names most).

Both tests run on the piece with all white space removed, and again without its caption lines
(normalisation moves a caption out of the sentence it cuts): a unit's text is the piece's text
with some white space and moved captions dropped, so a word in a unit is a word in one of the two.
The test therefore keeps every piece a full pass would take a record from (tests/test_scan.py
compares both on every page we have); pieces are whole stories, so every look-up attribution
makes inside a story (its headline, lead, section headings, earlier sentences) sees what it saw.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .mapped import _clean_line
from .normalize import HAS_TEXT, Prepared, _marker_of
from .sentences import NUMERALS
from .rulehints import AnchorProbe

# The figure gate of the pipeline (sentences.FIGURE_HINT) with white space allowed anywhere inside:
# a number then 个/项/亿…, 过亿/超亿, 万余.  Written to start with one character class (the three
# branches' first characters, which are disjoint, the branch then told by a look-behind): re then
# skips ahead by that class instead of trying every branch at every character (twice as fast, the
# same matches).
_HINT = re.compile(rf"[{NUMERALS}过超万](?:(?<=[{NUMERALS}])[\s余多]*[个项件处宗条家座亿万元]|(?<=[过超])\s*亿|(?<=万)\s*余)")
_YEAR = r"(?:1\s*9|2\s*0)\s*\d\s*\d\s*年"  # page_year_of's 20xx年, white space allowed
# What a caption line holds (normalize._marker_of decides): a leading sign anywhere stands for one at
# a line's start (a ^ under re.M is tried at every position: ten times slower), so more lines are
# looked at, never fewer.  ■▲△◆ 摄, 供图, 资料图片, 图片来源, 图/: one leading class, as _HINT.
_CAPTION_SIGN = re.compile(r"[■▲△◆摄供资图](?:(?<=[■▲△◆摄])|(?<=供)\s*图|(?<=资)\s*料\s*图\s*片|(?<=图)\s*(?:片\s*来\s*源|/))")


def loose(words: list[str]) -> str:
    """An alternation of words that matches them with white space between their characters."""
    return "|".join(r"\s*".join(map(re.escape, w)) for w in sorted(set(words), key=len, reverse=True) if w)


@dataclass
class Scan:
    """What a page's pieces are tested for: the figure words (searched in text stripped of
    white space), the page-wide marks (a loose pattern, or None) and the rule words (one of
    which a unit needs beside its figure word for any rule to match in it; None: not asked)."""

    figure_words: "re.Pattern"
    marks: "re.Pattern | None"
    rule_words: "re.Pattern | None" = None
    anchors: "AnchorProbe | None" = None  # asked last: a place some rule starts from (rulehints.py)

    def has_words(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """A figure word, a rule word and a rule's anchor in text[start:end]?"""
        end = len(text) if end is None else end
        return self.figure_words.search(text, start, end) is not None and (
            self.rule_words is None or self.rule_words.search(text, start, end) is not None) and (
            self.anchors is None or self.anchors.found(text, start, end))

    def usable(self) -> bool:
        """Words with white space inside cannot be found in text stripped of it: read whole."""
        return "\\ " not in self.figure_words.pattern and " " not in self.figure_words.pattern


def make_scan(lex: dict, figure_words: "re.Pattern", dated: bool, rule_words: "re.Pattern | None" = None,
              anchors: "AnchorProbe | None" = None) -> Scan:
    """The scan for one page: new-year marks always, years only for a page without a date.
    `figure_words` is only asked whether a text holds one (wordsearch.presence)."""
    parts = [p for p in (loose(lex.get("new_year_current_marks", ["伊始"])), "" if dated else _YEAR) if p]
    return Scan(figure_words, re.compile("|".join(parts)) if parts else None, rule_words, anchors)


_HEADING_START = re.compile(r"\n[^\S\n]*#")  # a line break, then a line whose first non-blank character is #


def cuts(page: Prepared) -> list[int]:
    """Indices of the lines that are Markdown headings with text (where the page may be cut).
    The page is searched once for a line break followed by # (lines do not hold one), rather
    than every line being stripped and looked at."""
    found = [bisect.bisect_left(page.offsets, m.start() + 1) for m in _HEADING_START.finditer(page.text)]
    if page.lines and page.lines[0].lstrip()[:1] == "#":
        found.insert(0, 0)
    return [k for k in found if _heading_with_text(page.lines[k])]


def _heading_with_text(line: str) -> bool:
    """A # line that normalisation makes a heading with text left after its marker."""
    if HAS_TEXT.search(line):  # cleaning drops only white space: text is left after the #s
        return True
    clean = _clean_line(line, 0).text
    marker, drop = _marker_of(clean)
    return marker == "heading" and len(clean) > drop


def _captions(lines: list[str]) -> set[int]:
    """Lines normalisation marks as captions (only lines with a caption's sign are cleaned)."""
    out = set()
    for k, line in enumerate(lines):
        if _CAPTION_SIGN.search(line):
            clean = _clean_line(line, 0).text
            if clean and _marker_of(clean)[0] == "caption":
                out.add(k)
    return out


def keeps(lines: list[str], scan: Scan, whole: set[int] = frozenset(), captions: bool = True,
          one_line: list[int] | None = None) -> bool:
    """May this piece hold a figure, or a mark the page's attribution reads?  `whole`: lines of
    the piece that are bold headlines (one unit whole, like ### lines and —— speaker lines);
    `captions=False`: the page has no caption sign, so neither has the piece; `one_line`: the
    lines that may be one unit whole (whole, # and —— lines), if the caller has found them."""
    texts = ["\n".join(lines)]
    if captions and _CAPTION_SIGN.search(texts[0]):
        caps = _captions(lines)
        if caps:
            texts.append("\n".join(l for k, l in enumerate(lines) if k not in caps))
    for n, text in enumerate(texts):
        if scan.marks is not None and scan.marks.search(text):
            return True
        if _HINT.search(text):
            bare = "".join(text.split())  # str.split and re's \s agree on white space
            # the sentence test first: it searches for words only near hints, not the whole piece
            if _shares_sentence(bare, scan) or ((n or _one_line_unit_stops(lines, whole, one_line)) and scan.has_words(bare)):
                return True
    return False


_HINT_BARE = re.compile(rf"[{NUMERALS}过超万](?:(?<=[{NUMERALS}])[余多]*[个项件处宗条家座亿万元]|(?<=[过超])亿|(?<=万)余)")  # _HINT without white space
_TERMINAL = re.compile(r"[。！？]")


def _one_line_unit_stops(lines: list[str], whole: set[int], one_line: list[int] | None = None) -> bool:
    """Does a line that may be one unit whole (a ### heading, a bold headline, a —— speaker
    line) hold a 。！？?  Such a unit does not end there, so the sentence test below cannot be used.
    `one_line`: those lines, found once for the page (one_line_units), else each line is looked at."""
    if one_line is not None:
        return any(_TERMINAL.search(lines[k]) for k in one_line)
    return any((k in whole or _may_be_one_unit(line)) and _TERMINAL.search(line) for k, line in enumerate(lines))


def _may_be_one_unit(line: str) -> bool:
    return line.lstrip()[:1] == "#" or line.rstrip().endswith("—")


_SPEAKER_END = re.compile(r"—[^\S\n]*(?=\n|\Z)")  # a line that ends in — (then white space only)


def one_line_units(page: Prepared, heads: list[int]) -> list[int]:
    """Sorted indices of the lines that may be one unit whole: bold headlines (heads), lines whose
    first non-blank character is # and lines whose last one is —, found by two searches of
    the page (what _may_be_one_unit asks of each line)."""
    found = set(heads)
    found.update(bisect.bisect_left(page.offsets, m.start() + 1) for m in _HEADING_START.finditer(page.text))
    found.update(bisect.bisect_right(page.offsets, m.start()) - 1 for m in _SPEAKER_END.finditer(page.text))
    if page.lines and page.lines[0].lstrip()[:1] == "#":
        found.add(0)
    return sorted(found)


def _shares_sentence(bare: str, scan: Scan) -> bool:
    """In a piece stripped of white space: is there a hint and a figure word with no 。！？ between
    them?  The pipeline asks both of one unit, and a sentence unit never crosses 。！？
    (split_sentences cuts there; other units that can state figures hold none, or are one line,
    which _one_line_unit_stops leaves to the whole-piece test).  Neither a hint nor a word holds
    a 。！？, so this asks whether a stretch between two of them holds both: each stretch with a
    hint is searched for a word once, and the search stops at the first.  A piece without a
    stop is one stretch: it is asked for the words (its caller found a hint in it)."""
    if _TERMINAL.search(bare) is None:
        return scan.has_words(bare)
    pos = 0  # where the stretch after the last one searched begins
    while (m := _HINT_BARE.search(bare, pos)) is not None:  # one search a stretch, not a step a hint
        # the stretch's stops, found from the hint: the last before it (at or after the last
        # stretch's end, so no character is searched twice) and the first after it
        start = max(bare.rfind(stop, pos, m.start()) for stop in "。！？") + 1
        after = _TERMINAL.search(bare, m.start())
        end = after.start() if after else len(bare)
        if scan.has_words(bare, start, end):
            return True
        pos = end  # a hint holds no stop, so the next stretch's first hint starts after this one's end
    return False


def regions(page: Prepared, scan: Scan) -> list[tuple[int, int]]:
    """Line ranges [a, b) of the page to read: the pieces between heading lines that are kept."""
    lines = page.lines
    if not scan.usable():
        return [(0, len(lines))]
    bounds = [0] + [k for k in cuts(page) if k] + [len(lines)]
    heads = sorted({bisect.bisect_right(page.offsets, h) - 1 for h in page.headlines})
    if scan.marks is not None and not scan.marks.search(page.text):  # searched once a page, not once a piece
        scan = Scan(scan.figure_words, None, scan.rule_words, scan.anchors)
    captions = _CAPTION_SIGN.search(page.text) is not None
    units = one_line_units(page, heads)
    out = []
    for a, b in zip(bounds, bounds[1:]):
        whole = {k - a for k in heads[bisect.bisect_left(heads, a):bisect.bisect_left(heads, b)]}
        one_line = [k - a for k in units[bisect.bisect_left(units, a):bisect.bisect_left(units, b)]]
        if b > a and keeps(lines[a:b], scan, whole, captions, one_line):
            out.append((a, b))
    return out
