"""Time: the year and the period a figure is about, from its clause, its story, and the page date.

The year: an explicit year or a relative one (今年, 去年, 明年, 新的一年, 过去一年) in the figure's clause
and sentence, else the year that frames its story (2024年，区住建局将… before it; a section
heading 一、2025年工作回顾), resolved against the page's date; a year elsewhere on the page never
decides.  The period: the period word nearest the figure (全年 FY, 一季度 Q1, 上半年 H1, 今年以来 YTD,
1-8月 YTD), else a period that opens the sentence before (前三季度，…。figures…).
"""
from __future__ import annotations

import re
from collections import Counter

from ..candidate import Candidate, clause_bounds
from ..lexicon_tables import _YEAR_WORD, compiled
from ..pagedate import PageDate
from ..sentences import Story, Unit, previous_headings

# a heading whose subject is a span (一、“十四五”时期工作回顾, 二、“十五五”时期主要目标任务), not one that
# names it in passing (三、全力推动“十五五”开好局起好步)
_SPAN_HEADING = re.compile(r"^\W*[一二三四五六七八九十]*、?\W*(?:十[三四五六]五)”?(?:时期|期间)")
_OPENING_END = re.compile(r"[，。；：,;:]")
LOOKBACK = 60
HORIZON = 5  # years after the page's year that a figure can still be about  # units a year look-up walks back inside the story


def _period_in(text: str, lx: dict, nearest_to_end: bool = True) -> str | None:
    if not lx["period_any"].search(text):
        return None
    # 完成年度计划的28.5%: the 年度 of a completion rate is not the figure's period
    text = lx["completion_rate"].sub(lambda m: " " * len(m.group()), text)
    hits = []
    for m in lx["ytd_re"].finditer(text):
        hits.append((m.start(), "YTD"))
    for m in lx["period_re"].finditer(text):
        hits.append((m.start(), lx["period_of_word"][m.group()]))
    if not hits:
        return None
    hits.sort()
    return hits[-1][1] if nearest_to_end else hits[0][1]


def period_of(sentence: str, cand: Candidate, lex: dict) -> str | None:
    """The period word nearest the figure: in it, before it in its clause, after it, then the sentence."""
    lx = compiled(lex)
    left, right = clause_bounds(sentence, cand.start, cand.end)
    for text, nearest_end in ((sentence[cand.start:cand.end], True), (sentence[left:cand.start], True),
                              (sentence[cand.end:right], False), (sentence[:left], True)):
        found = _period_in(text, lx, nearest_end)
        if found:
            return found
    return None


def year_in(text: str, page_year: int | None, lex: dict, new_year_page: bool = False,
            review_offset: int = -1, spans: bool = True, full_year_offset: int = 0,
            first: bool = False) -> tuple[bool, int | None]:
    """(found, year) for the last explicit or relative year word in text ("十四五期间": found, None).
    `review_offset`: what 过去一年/一年来 mean on this page (-1 on a page of the year's first half,
    reviewing the last year; 0 later in the year).  `full_year_offset`: what 全年 means, -1 for a
    result on such a page (全年规上原煤产量13.05亿吨 in a January report: a year that is over)."""
    lx = compiled(lex)
    if not lx["year_any"].search(text):
        return False, None
    # spans (十四五, 未来五年): the figure is about no one year; said elsewhere, they frame nothing
    span_hits = [m.span() for m in lx["multi_year"].finditer(text)] if spans else []
    hits: list[tuple[int, int | None]] = [(a, None) for a, _ in span_hits]
    for m in _YEAR_WORD.finditer(text):
        year = int(m.group(1))
        # 到2035年…: a horizon beyond the next plan period is no figure's year
        hits.append((m.start(), None if page_year is not None and year > page_year + HORIZON else year))
    for m in lx["rel_year_re"].finditer(text):
        word = m.group()
        if any(a <= m.start() < b for a, b in span_hits):
            continue  # the 年内 of 三年内 is part of the span
        if text[m.end():m.end() + 2] in ("以来", "同期"):
            continue  # 去年以来 is a span; 上年同期 a comparison
        if word in lx["new_year_words"]:  # the coming year, unless the page opens its own year
            offset = 1 if lx["future_marks"].search(text[m.end():m.end() + 8]) or not new_year_page else 0
        elif word in lx["review_year_words"]:
            offset = review_offset
        elif word in lx["full_year_words"]:
            named = [y for at, y in hits if at < m.start() and y is not None]
            if named:  # 2024年，…全年新签约…: the whole of the year named
                hits.append((m.start(), named[-1]))
                continue
            offset = full_year_offset
        else:
            offset = lx["rel_years"][word]
        hits.append((m.start(), page_year + offset if page_year is not None else None))
    if not hits:
        return False, None
    return True, min(hits)[1] if first else max(hits)[1]


def is_new_year_page(text: str, lex: dict) -> bool:
    """A page written as its year opens (兔年伊始, 开年第一会): there 新的一年 is this year."""
    return bool(compiled(lex)["current_year_marks"].search(text))


def page_year_of(text: str) -> int | None:
    """The year a page is about: its most frequent explicit 20xx年 (latest on a tie)."""
    years = Counter(int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})年(?!以来|代)", text))
    if not years:
        return None
    return max(years, key=lambda y: (years[y], y))


def opening_period(text: str, lex: dict) -> str | None:
    """A period that opens a sentence as a clause of its own (前三季度，…; 今年以来，…): it frames
    the figures of the sentences after it in the same paragraph."""
    lx = compiled(lex)
    head = text[:14]
    cut = min((k for k in (head.find("，"), head.find(",")) if k > 0), default=-1)
    return _period_in(head[:cut], lx) if cut > 0 else None


class TimeFinder:
    """Year and period look-ups for one page, inside each figure's story."""

    def __init__(self, units: list[Unit], stories: list[Story], lex: dict, page_date: PageDate | None,
                 page_year: int | None, new_year_page: bool, prev_heading: list[int] | None = None):
        self.units, self.stories, self.lex = units, stories, lex
        self.prev_heading = prev_heading if prev_heading is not None else previous_headings(units)
        self.page_year, self.new_year_page = page_year, new_year_page
        self.review_offset = 0 if page_date and page_date.month and page_date.month > 6 else -1
        # only a page known to be written in the year's first half reports a 全年 that is over
        self.full_year_offset = -1 if page_date and page_date.month and page_date.month <= 6 else 0
        self._unit_years: dict[int, tuple[bool, int | None]] = {}
        self._frames: dict[int, tuple[bool, int | None]] = {}
        self._para_years: dict[tuple[int, int], tuple[bool, int | None]] = {}
        self.review_heading = compiled(lex)["section_actual"]
        self.report_title = compiled(lex)["report_title"]

    def year(self, i: int, pos: int, actual: bool = False) -> int | None:
        """The year of a figure at pos in unit i: its sentence up to the figure, the earlier
        sentences of its paragraph, the nearest heading of its story that names a year, the
        story's lead, else the page's year.  A report's result that only its title dates
        (2026年福建省政府工作报告 … 1550个省重点项目完成投资…) is the year the report reviews."""
        full_year = self.full_year_offset if actual else 0  # a result for 全年 is of a year that is over
        found, year = year_in(self.units[i].text.text[:pos], self.page_year, self.lex, self.new_year_page,
                              self.review_offset, full_year_offset=full_year)
        if found:
            return year
        unit = self.units[i]
        story = self.stories[unit.story]
        j = i - 1
        while j >= story.first and i - j <= LOOKBACK and self.units[j].block == unit.block:
            found, year = self.paragraph_year(j, full_year)  # 五年来，…。…: a span frames its paragraph
            if found:
                return year
            j -= 1
        if j >= story.first and self.units[j].kind != "heading":
            found, year = self.frame_year(j)  # 刚刚过去的2025年，…: an opening frames the paragraphs after it
            if found:
                return year
        h = j if j >= story.first and self.units[j].kind == "heading" else (self.prev_heading[j] if j >= story.first else -1)
        while h >= story.first:  # the story's headings above, nearest first (a chain: linear)
            found, year = self.heading_year(h)
            if found and year is None:
                return None  # 一、“十四五”时期工作回顾: a span heads the section
            if year is not None:
                if h == story.headline and actual and self._is_report(h) and year == self.page_year:
                    return year + self.review_offset
                return year
            h = self.prev_heading[h]
        if story.lead is not None and story.lead < i:
            found, year = self.unit_year(story.lead)
            if found and year is not None:
                return year
        return self.page_year

    def frame_year(self, j: int) -> tuple[bool, int | None]:
        """(found, year) of the nearest earlier paragraph of the section (up to its heading, inside
        the story) that opens with a year (刚刚过去的2025年，…; 2026年是“十五五”开局之年; 五年来，…):
        such an opening frames the paragraphs after it.  j is the last unit before the figure's
        paragraph.  Answers are remembered per paragraph, so a long section stays linear."""
        first = self.stories[self.units[j].story].first
        path = []
        while j >= first and self.units[j].kind != "heading" and j not in self._frames:
            k = j
            while k > first and self.units[k - 1].block == self.units[j].block:
                k -= 1
            path.append(k)
            if self.opening_year(k)[0]:
                break
            j = k - 1
        said = self._frames.get(j, (False, None)) if j >= first and j in self._frames else (False, None)
        for k in reversed(path):
            own = self.opening_year(k)
            said = own if own[0] else said
            self._frames[k] = said
            self._frames[k + len(self._block_rest(k))] = said
        return said

    def _block_rest(self, k: int) -> list[int]:
        """Units after k in k's paragraph (the paragraph's last unit keys the answer too)."""
        out, block = [], self.units[k].block
        while k + 1 + len(out) < len(self.units) and self.units[k + 1 + len(out)].block == block:
            out.append(k + 1 + len(out))
        return out

    def opening_year(self, k: int) -> tuple[bool, int | None]:
        """The year a paragraph's opening clause names first (刚刚过去的2025年，… -> 2025; 2025年是“十四五”
        收官之年 -> 2025; 五年来，… -> none)."""
        text = self.units[k].text.text
        cut = _OPENING_END.search(text, 0, 24)
        return year_in(text[:cut.start()], self.page_year, self.lex, self.new_year_page, self.review_offset,
                       first=True) if cut else (False, None)

    def _is_report(self, j: int) -> bool:
        """A work report's title (2026年福建省政府工作报告): its results review the year before."""
        return self.report_title.search(self.units[j].text.text) is not None

    def heading_year(self, j: int) -> tuple[bool, int | None]:
        """(found, year) a heading names first (一、2025年及“十四五”时期工作回顾 -> 2025), or its 今年;
        a span alone (一、“十四五”时期工作回顾) names no one year (found, None); a review heading
        without a year (一、工作回顾) looks back on the year a review looks back on."""
        text = self.units[j].text.text
        m = _YEAR_WORD.search(text)
        if m:
            return True, int(m.group(1))
        found, year = self.unit_year(j)
        if found:
            return True, year
        if _SPAN_HEADING.search(text):
            return True, None
        if self.page_year is not None and self.review_heading.search(text):
            return True, self.page_year + self.review_offset
        return False, None

    def paragraph_year(self, j: int, full_year: int = 0) -> tuple[bool, int | None]:
        """year_in over a whole earlier sentence of the paragraph, spans included, remembered."""
        if (j, full_year) not in self._para_years:
            text = self.units[j].text.text
            # a span frames the paragraph when it opens the sentence (五年来，…); named inside one
            # (加快建设“十四五”批复的…) it frames nothing
            lead = len(text) - len(text.lstrip("—“\"‘ "))  # ——这五年…, “十四五”时期…
            opens = compiled(self.lex)["multi_year"].match(text, lead) is not None
            self._para_years[j, full_year] = year_in(text, self.page_year, self.lex, self.new_year_page,
                                                     self.review_offset, spans=opens, full_year_offset=full_year)
        return self._para_years[j, full_year]

    def unit_year(self, j: int) -> tuple[bool, int | None]:
        """year_in over a whole earlier unit (spans like 十四五 aside), remembered: every figure
        after it asks the same."""
        if j not in self._unit_years:
            self._unit_years[j] = year_in(self.units[j].text.text, self.page_year, self.lex, self.new_year_page,
                                          self.review_offset, spans=False)
        return self._unit_years[j]

    def _year_in(self, text: str) -> tuple[bool, int | None]:
        return year_in(text, self.page_year, self.lex, self.new_year_page, self.review_offset)

    def period(self, i: int, cand: Candidate) -> str | None:
        """The period word nearest the figure, else a period opening the sentence before it."""
        unit = self.units[i]
        found = period_of(unit.text.text, cand, self.lex)
        if found or i == 0:
            return found
        prev = self.units[i - 1]
        if prev.block == unit.block and prev.is_sentence:
            return opening_period(prev.text.text, self.lex)
        return None
