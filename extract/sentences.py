"""Stage 2: blocks -> units (sentences, headings, bylines, speaker lines, captions).

Headings, bylines and speaker lines are units of their own: they carry the actor of the
figures around them.  A trailing byline (（本报记者 张静 整理）) closes an article, so actor
look-ups never cross into the previous article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import Block, MappedText

_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*|…{2,}[”’」』]?")
WHOLE_UNIT_KINDS = {"heading", "speaker", "lead_byline", "trail_byline"}


@dataclass(slots=True)
class Unit:
    """A sentence or a heading-like line, with its place in the page."""

    kind: str
    text: MappedText
    block: int
    article: int

    @property
    def is_sentence(self) -> bool:
        return self.kind in ("para", "caption")

    @property
    def may_state_figures(self) -> bool:
        """Sentences, captions and headlines (汇川区35个重大项目集中开工) can state figures."""
        return self.kind in ("para", "caption", "heading", "speaker")


_NO_DIGITS = re.compile(r"(?=[^\d一二两三四五六七八九十百千万亿]{24})")
MAX_UNIT = 1500  # characters; a longer "sentence" is a broken page, cut at clause ends


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of sentences: each ends after 。！？ (and the closing quotes that follow it)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start:
            spans.extend(_cut_long(text, start, m.end()))
            start = m.end()
    if start < len(text) and text[start:].strip():
        spans.extend(_cut_long(text, start, len(text)))
    return spans


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Keep units bounded (a 50 MB line without a full stop must not become one sentence)."""
    out = []
    while end - start > MAX_UNIT:
        window = text[start:start + MAX_UNIT]
        cut = max(window.rfind(ch) for ch in "；;，,、 ")
        if cut > MAX_UNIT // 3:
            cut = start + cut + 1
        else:  # no clause end: cut where no number is near, so no figure is split
            quiet = [m.start() for m in _NO_DIGITS.finditer(window, MAX_UNIT // 3)]
            cut = start + (quiet[-1] + 12 if quiet else MAX_UNIT)
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def units_of(blocks: list[Block]) -> list[Unit]:
    """All units of a page in reading order, numbered by block and by article."""
    units: list[Unit] = []
    article = 0
    for b, block in enumerate(blocks):
        if block.kind in WHOLE_UNIT_KINDS:
            units.append(Unit(block.kind, block.text, b, article))
        else:
            for i, j in split_sentences(block.text.text):
                units.append(Unit(block.kind, block.text.slice(i, j), b, article))
        if block.kind == "trail_byline":
            article += 1
    return units


# A cheap test for "can this unit hold a figure?" (issue: only such units are segmented).
FIGURE_HINT = re.compile(r"(?:\d|[一二两三四五六七八九十百千])\s?(?:余|多)?\s?(?:个|项|件|处|宗|亿|万|元)|[过超]亿")


def may_hold_figure(text: str) -> bool:
    return bool(FIGURE_HINT.search(text))
