"""Stage 2: blocks -> stories and units (sentences, headings, bylines, speaker lines, captions).

Headings, bylines and speaker lines are units of their own: they carry the actor of the
figures around them.  A page holds many stories (a day's broadcast, a newspaper page, a portal
page); every unit belongs to one, and look-ups for a figure's actor, year and modality stay
inside its story.  A story opens at a headline (a Markdown heading, a bold headline line), at
a news opener (本报讯, 新华社长沙3月1日电, 央视网消息…) that follows another story's text, and after
a trailing byline (（本报记者 张静 整理）), which closes one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .mapped import MappedText
from .normalize import Block

_LIST_ITEM = re.compile(r"^(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）])")
_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*|…{2,}[”’」』]?")
WHOLE_UNIT_KINDS = {"heading", "speaker", "lead_byline", "trail_byline"}


@dataclass(slots=True)
class Unit:
    """A sentence or a heading-like line, with its place in the page."""

    kind: str
    text: MappedText
    block: int
    story: int
    opens_story: bool = False  # the headline that opened its story

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
    """Spans of sentences: each ends after 。！？ (and the closing quotes that follow it).  Only a
    text longer than MAX_UNIT can hold a sentence that needs cutting."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):  # a match is never empty: each one ends a sentence
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text)))
    if len(text) <= MAX_UNIT:
        return spans
    return [cut for a, b in spans for cut in _cut_long(text, a, b)]


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


def units_of(blocks: list[Block], opener: re.Pattern | None = None) -> list[Unit]:
    """All units of a page in reading order, numbered by block and by story.  `opener`: the
    news openers that start a story (from the lexicon), matched at a paragraph's start."""
    units: list[Unit] = []
    story, has_text, in_section = 0, False, False
    for b, block in enumerate(blocks):
        if block.story_start:
            in_section = block.section
        # an item of a page's contents list (a section's numbered paragraphs) is a story of its own
        item = in_section and block.kind != "heading" and _LIST_ITEM.match(block.text.text) is not None
        opens = block.story_start or item or (opener is not None and block.kind == "para" and has_text
                                              and opener.match(block.text.text) is not None)
        if opens and units:
            story, has_text = story + 1, False
        if block.kind in WHOLE_UNIT_KINDS:
            units.append(Unit(block.kind, block.text, b, story, block.story_start and not block.section))
        else:
            for i, j in split_sentences(block.text.text):
                units.append(Unit(block.kind, block.text.slice(i, j), b, story))
            has_text = has_text or block.kind == "para"
        if block.kind == "trail_byline":
            story, has_text = story + 1, False
    return units


@dataclass(slots=True)
class Story:
    """A story of a page: its units [first, end), its headline unit (or None) and lead sentence."""

    index: int
    first: int
    end: int
    headline: int | None
    lead: int | None


def stories_of(units: list[Unit]) -> list[Story]:
    """The stories of a page's units.  A story's headline is the heading that opened it, else
    its first heading-like line before any sentence (a plain page's title), if that reads as a
    title (some Chinese, no colon: not 下载/【字号】 clutter, not 来源：…)."""
    stories: list[Story] = []
    last = None
    for i, unit in enumerate(units):
        if not stories or unit.story != last:
            last = unit.story
            stories.append(Story(len(stories), i, i + 1, None, None))
        story = stories[-1]
        unit.story = story.index  # numbered densely: stories[unit.story] is its story
        story.end = i + 1
        if story.lead is None and unit.kind == "para":
            story.lead = i
        elif story.headline is None and story.lead is None and unit.kind == "heading" \
                and (unit.opens_story or _reads_as_title(unit.text.text)):
            story.headline = i
    return stories


_TITLE = re.compile(r"^[^：:【】]*[\u4e00-\u9fff]{4}[^：:【】]*$")


def _reads_as_title(text: str) -> bool:
    return len(text) >= 6 and _TITLE.match(text) is not None


# A cheap test for "can this unit hold a figure?" (issue: only such units are segmented): a number
# then 个/项/亿…, 过亿/超亿, 万余.  One leading character class (the branches' first characters are
# disjoint; a look-behind tells the branch), so re skips ahead by the class instead of trying each
# branch at every character: the same matches, found about twice as fast.
NUMERALS = "\\d一二两三四五六七八九十百千"  # a character class's body: the characters a number starts with
FIGURE_HINT = re.compile(rf"[{NUMERALS}过超万](?:(?<=[{NUMERALS}])\s?[余多]?\s?[个项件处宗条家座亿万元]|(?<=[过超])亿|(?<=万)余)")


def may_hold_figure(text: str) -> bool:
    return bool(FIGURE_HINT.search(text))


def previous_headings(units: list[Unit]) -> list[int]:
    """For each unit, the nearest heading-like unit before it in its story (-1 for none): look-ups
    that climb a story's headings follow this chain instead of walking every unit back (linear)."""
    out, last, story = [], -1, None
    for i, unit in enumerate(units):
        if unit.story != story:
            last, story = -1, unit.story
        out.append(last)
        if unit.kind == "heading":
            last = i
    return out
