"""Text with its offset map (MappedText), and the cleaning of one raw line that builds it.

Every cleaned character keeps the index of the raw character it came from, so records point
into the original file; normalize.py joins such lines into blocks, scan.py cleans only the lines
it keeps.  Folds are 1:1 (full-width digits and letters, ideographic space), so offsets survive.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from .markup import FILL

# 1:1 character folds (so offsets survive): full-width digits, Latin letters and the decimal
# point to half-width; ideographic space, tabs, NUL and other controls to a plain space.
FULLWIDTH_FOLD = {cp: cp - 0xFEE0 for cp in list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B))}
FULLWIDTH_FOLD[0xFF0E] = ord(".")
_FOLD = dict(FULLWIDTH_FOLD)
_FOLD.update({0x3000: 32, 0x09: 32, 0x0D: 32, 0x0B: 32, 0x0C: 32, 0x00: 32, 0xA0: 32, 0xFEFF: 32, 0x200B: 32})
_FOLD.update({cp: 32 for cp in range(1, 32) if cp not in (10, 0x1F)})  # U+001F: masked markup (markup.py)
# str.translate looks every character up in the table (0.4 ms a page); most pages hold a few
# foldable characters, so a regex finds them and only they are replaced (15x faster).
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD)) + "]")
_FOLD_CHARS = {chr(cp): chr(to) for cp, to in _FOLD.items()}
_HAS_SPACE = re.compile(r"\s")
_SPACE_NOT_FILL = re.compile(r"[^\S\x1f]")  # white space other than markup filler
_KEPT_RUN = re.compile(r"[^\x1f]+")
_FILL_RUN = re.compile(FILL + "+")
_KEPT = re.compile(b"\x00+")  # a run of kept characters in a drop mask

CJK = r"\u3400-\u9fff\uf900-\ufaff"
CJK_PUNCT = "，。、；：？！“”‘’（）《》【】—…·「」『』〈〉"
TERMINAL = "。！？!?…"
_SPACE_RUN = re.compile(r"\s+")
_LETTER_SPACED = re.compile(rf"(?:[{CJK}{CJK_PUNCT}][ ]){{2,}}[{CJK}{CJK_PUNCT}]")
_CJK_CHAR = re.compile(rf"[{CJK}]")



@dataclass(slots=True)  # slots: thousands are made per page (a line, a block, a unit each)
class MappedText:
    """A cleaned string whose characters map back to raw offsets, piece by piece.

    starts[k] is where piece k begins in `text`; srcs[k] is the raw offset of its first
    character; characters inside a piece are consecutive in the raw text.
    """

    text: str
    starts: list[int] = field(default_factory=list)
    srcs: list[int] = field(default_factory=list)

    def raw_index(self, i: int) -> int:
        k = bisect.bisect_right(self.starts, i) - 1
        return self.srcs[k] + (i - self.starts[k])

    def raw_span(self, i: int, j: int) -> tuple[int, int]:
        """Raw [start, end) of text[i:j] (end exclusive); assumes j > i."""
        return self.raw_index(i), self.raw_index(j - 1) + 1

    def breaks(self, i: int, j: int) -> list[int]:
        """Positions in (i, j) where the raw text jumps (a moved caption, a skipped line)."""
        out = []
        k = bisect.bisect_right(self.starts, i)
        while k < len(self.starts) and self.starts[k] < j:
            prev_end = self.srcs[k - 1] + (self.starts[k] - self.starts[k - 1])
            if self.srcs[k] != prev_end:
                out.append(self.starts[k])
            k += 1
        return out

    def slice(self, i: int, j: int) -> "MappedText":
        if len(self.starts) == 1:  # one piece (most lines and many blocks): no search
            return MappedText(self.text[i:j], [0], [self.srcs[0] + i])
        k0 = bisect.bisect_right(self.starts, i) - 1
        k1 = bisect.bisect_left(self.starts, j)
        starts, srcs = [0], [self.raw_index(i)]
        for k in range(k0 + 1, k1):
            starts.append(self.starts[k] - i)
            srcs.append(self.srcs[k])
        return MappedText(self.text[i:j], starts, srcs)

    @staticmethod
    def concat(parts: list["MappedText"], sep: str = "") -> "MappedText":
        text, starts, srcs = [], [], []
        pos = 0
        for n, part in enumerate(parts):
            if n and sep:
                starts.append(pos)
                srcs.append(srcs[-1] + 1 if srcs else 0)  # separator: synthetic, mapped after
                text.append(sep)
                pos += len(sep)
            for s, r in zip(part.starts, part.srcs):
                if starts and starts[-1] == pos + s:
                    srcs[-1] = r
                    continue
                starts.append(pos + s)
                srcs.append(r)
            text.append(part.text)
            pos += len(part.text)
        return MappedText("".join(text), starts or [0], srcs or [0])


def fold(raw: str) -> tuple[str, list[int] | None]:
    """1:1 character folds, then NFC; returns the text and, only if NFC changed lengths, a map."""
    text = _FOLDABLE.sub(lambda m: _FOLD_CHARS[m.group()], raw)
    if unicodedata.is_normalized("NFC", text):
        return text, None
    out, offsets = [], []
    start = 0
    for i in range(1, len(text) + 1):  # normalise each starter + its combining marks together
        if i == len(text) or unicodedata.combining(text[i]) == 0:
            chunk = unicodedata.normalize("NFC", text[start:i])
            out.append(chunk)
            offsets.extend([start] * len(chunk))
            start = i
    return "".join(out), offsets


def _removable_spaces(line: str) -> bytearray:
    """Which spaces to drop (1 at each index): letter-spacing, spaces at CJK punctuation and
    inside numbers, and always the filler that stands where markup was.  A mask, set a run at a
    time, rather than a set of indices: a page of tags is mostly filler (thousands of indices)."""
    drop = bytearray(len(line))
    for m in _FILL_RUN.finditer(line):
        drop[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    for m in _LETTER_SPACED.finditer(line):
        for k, ch in enumerate(m.group()):
            if ch == " ":
                drop[m.start() + k] = 1
    end = -1
    # Only a run of white space with a space other than filler can be kept: a run of filler alone
    # is dropped already (a tag between two words joins them), so runs are found from their spaces.
    for m in _SPACE_NOT_FILL.finditer(line):
        if m.start() < end:
            continue  # in the run just looked at
        start = m.start()
        while start and line[start - 1].isspace():  # str.isspace is re's \s: back to the run's start
            start -= 1
        end = _SPACE_RUN.match(line, m.start()).end()
        if drop.find(0, start, end) < 0:
            continue  # letter-spacing and filler only: dropped already
        left = line[start - 1] if start else ""
        right = line[end] if end < len(line) else ""
        if (left and left in CJK_PUNCT) or (right and right in CJK_PUNCT) \
                or (left.isdigit() and (right in "亿万元个项件千百.%" or right.isdigit())) \
                or (left == "." and right.isdigit()) \
                or (left.isdigit() and _CJK_CHAR.match(right)) or (right.isdigit() and _CJK_CHAR.match(left or " ")):
            drop[start:end] = b"\x01" * (end - start)
    return drop


def _clean_line(raw_text: str, raw_start: int) -> MappedText:
    """Strip a line and drop removable spaces, keeping one piece per run of kept characters."""
    stripped = raw_text.strip()
    lead = len(raw_text) - len(raw_text.lstrip())
    base = raw_start + lead
    if not stripped:
        return MappedText("", [0], [raw_start])
    if not _HAS_SPACE.search(stripped):  # most lines: nothing to drop, one piece
        return MappedText(stripped, [0], [base])
    if not _SPACE_NOT_FILL.search(stripped):  # only masked markup (a <p>…</p> line): every filler goes
        return _without_filler(stripped, base)
    return clean_spaced(stripped, base, raw_start)


def clean_spaced(stripped: str, base: int, raw_start: int) -> MappedText:
    """The general path of _clean_line: drop the removable spaces of a stripped line that starts
    at raw offset base, keeping one piece of offset map per kept run (found in the mask by re)."""
    chars, starts, srcs = [], [], []
    length = 0
    for m in _KEPT.finditer(_removable_spaces(stripped)):
        starts.append(length)
        srcs.append(base + m.start())
        chars.append(stripped[m.start():m.end()])
        length += m.end() - m.start()
    return MappedText("".join(chars), starts or [0], srcs or [raw_start])


def _without_filler(stripped: str, base: int) -> MappedText:
    """A line whose only white space is markup filler: its runs of other characters, one piece
    each (what the general path gives, since _removable_spaces drops every filler)."""
    text, starts, srcs, pos = [], [], [], 0
    for m in _KEPT_RUN.finditer(stripped):
        starts.append(pos)
        srcs.append(base + m.start())
        text.append(m.group())
        pos += m.end() - m.start()
    return MappedText("".join(text), starts, srcs)
