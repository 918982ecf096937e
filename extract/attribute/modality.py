"""Modality: is a figure a target (a plan, a goal) or an actual (a reported result)?

Cues in the figure's clause decide first, then the rest of its sentence, the clause after it,
its paragraph, a past-period opening (上半年，…); then the section of the story it sits in (a work
report's 一、2025年工作回顾 reports, its 二、2026年工作安排 plans); then the story's habit: which kind
of cue the story uses more.  The words are in rules/lexicon.yaml (modality, section_modality).
"""
from __future__ import annotations

import re

from ..candidate import Candidate, clause_bounds
from ..lexicon_tables import compiled
from ..records import Record
from ..sentences import Story, Unit, previous_headings

LOOKBACK = 60  # earlier sentences of a paragraph looked at
_DONE = re.compile("已|累计")  # what overrides a plan span ahead: the figure reported done


def cue_in(text: str, lex: dict) -> str | None:
    """'target', 'actual' or 'result' (a result verb alone: weak) for one stretch of text.

    An aspect word (已, 累计, 了) reports a result whatever else is there; otherwise a target
    word (计划, 将, 力争) wins over a result verb it governs (将建成).
    """
    lx = compiled(lex)
    actual = [(m.start(), m.end()) for m in lx["actual"].finditer(text)]
    aspect = [m.start() for m in lx["aspect"].finditer(text)]
    target = [m.start() for m in lx["target"].finditer(text) if not any(a <= m.start() < b for a, b in actual)]
    if aspect:
        return "actual"
    if target:
        return "target"
    return "result" if actual else None


def page_modality(text: str, lex: dict) -> str:
    """A text's default modality (a story's): which kind of cue it uses more."""
    lx = compiled(lex)
    target = len(lx["target"].findall(text))
    actual = len(lx["aspect"].findall(text))  # result verbs (开工, 签约) also fill plans: not counted
    return "actual" if actual > target else "target"


def modality_of(sentence: str, cand: Candidate, earlier: list[str], page_default: str, lex: dict,
                earlier_cue=None) -> str:
    """Target or actual: cues in the figure's clause, the sentence before it, the clause after it,
    the paragraph, then a past-period opening (上半年，…), then the page's habit.

    `earlier_cue(text)`, if given, is cue_in for the earlier sentences, remembered by the caller
    (every figure of a paragraph looks back over the same sentences)."""
    lx = compiled(lex)
    left, right = clause_bounds(sentence, cand.start, cand.end)
    figure = sentence[cand.start:cand.end]
    if cand.kw_span:  # the amount keyword is not a cue: 计划总投资 names a kind of amount
        a, b = cand.kw_span[0] - cand.start, cand.kw_span[1] - cand.start
        lead = next((w for w in lx["lead_ins"] if figure[:a].endswith(w)), "")  # 151个项目，计划|总投资
        if lx["kinds"].get(lead + sentence[cand.kw_span[0]:cand.kw_span[1]]) == "total_investment":
            a -= len(lead)  # 计划总投资 names a kind of amount; 计划完成投资 still says "plan"
        figure = figure[:a] + " " * (b - a) + figure[b:]
    if cand.amount_kind == "completed_investment" and cue_in(sentence[:cand.start], lex) != "target":
        return "actual"
    # Coordinated clauses after a semicolon have their own subject and verb: look no further back.
    scope = max(sentence.rfind("；", 0, left), sentence.rfind(";", 0, left)) + 1
    after = sentence[cand.end:right]
    next_clause = ""
    if len(after) <= 1 and right < len(sentence) and sentence[right] in "，,":
        nxt = clause_bounds(sentence, right + 1, right + 1)
        if not re.search(r"\d", sentence[right + 1:nxt[1]]):  # a predicate, not the next figure
            next_clause = sentence[right + 1:nxt[1]]  # …的31个市级重点工程，全部完成年度目标任务
    windows = [sentence[left:cand.start] + figure, sentence[scope:left], after]
    windows += [sentence[:scope]] if scope else []
    windows += list(reversed(earlier))
    weak = None
    if next_clause:  # only a result counts there: its 将 may be 把 (将公益理念融入…), or a new plan
        windows.insert(3, next_clause)
    same_sentence = 4 + bool(next_clause) + bool(scope)
    first_earlier = len(windows) - len(earlier)
    for n, text in enumerate(windows):
        if n == same_sentence and weak:
            return weak  # the figure's own sentence reports a result (建成投用) and plans nothing
        if n == first_earlier and lx["past_marks"].match(sentence):
            return "actual"  # 五年间，…: the figure's own sentence opens on a past span; earlier plans do not reach it
        cue = earlier_cue(text) if earlier_cue is not None and n >= first_earlier else cue_in(text, lex)
        if next_clause and n == 3 and cue == "target":
            continue  # the next clause is a new plan (力争早开工) or a 将 that means 把: not this figure's
        if cue == "result":  # a result verb (开工, 落地) is weak: a plan word in the sentence still governs it
            weak = weak or "actual"
        elif cue:
            return cue
    if weak:
        return weak
    if lx["past_marks"].search(sentence[:cand.end]) or lx["past_marks"].search(sentence[cand.end:right]):
        return "actual"
    return page_default


class ModalityFinder:
    """Modality look-ups for one page: cues of earlier sentences remembered, defaults per story."""

    def __init__(self, units: list[Unit], stories: list[Story], lex: dict, prev_heading: list[int] | None = None):
        self.units, self.stories, self.lex = units, stories, lex
        self.prev_heading = prev_heading if prev_heading is not None else previous_headings(units)
        self._heading_says: dict[int, str | None] = {}
        self._cues: dict[str, str | None] = {}
        self._defaults: dict[int, str] = {}
        lx = compiled(lex)
        self._section_actual, self._section_target = lx["section_actual"], lx["section_target"]
        self.future = lx["future_span"]

    def cue(self, text: str) -> str | None:
        """cue_in for a whole earlier sentence, remembered for the page."""
        if text not in self._cues:
            self._cues[text] = cue_in(text, self.lex)
        return self._cues[text]

    def earlier_in_block(self, i: int) -> list[str]:
        block = self.units[i].block
        out = []
        j = i - 1
        while j >= 0 and self.units[j].block == block and len(out) < LOOKBACK:
            out.insert(0, self.units[j].text.text)
            j -= 1
        return out

    def section(self, i: int) -> str | None:
        """What the section holding unit i says of its figures: the nearest heading above it in its
        story that says (一、2025年工作回顾 -> actual; 二、2026年工作安排 -> target), if any."""
        return self._says_from(self.prev_heading[i]) if i < len(self.prev_heading) else None

    def _says_from(self, j: int) -> str | None:
        """What heading j says, else the nearest heading above it that says something; each
        heading's answer remembered, so climbing a long report's headings stays linear."""
        path = []
        while j >= 0 and j not in self._heading_says:
            path.append(j)
            if self._heading_word(j):
                break
            j = self.prev_heading[j]
        said = self._heading_says.get(j) if j >= 0 and j in self._heading_says else None
        for k in reversed(path):
            said = self._heading_word(k) or said
            self._heading_says[k] = said
        return said if not path else self._heading_says[path[0]]

    def _heading_word(self, j: int) -> str | None:
        text = self.units[j].text.text
        if self._section_actual.search(text):
            return "actual"
        return "target" if self._section_target.search(text) else None

    def default(self, i: int) -> str:
        """The modality a figure takes when nothing near it says: its story's habit."""
        story = self.stories[self.units[i].story]
        if story.index not in self._defaults:
            text = "\n".join(u.text.text for u in self.units[story.first:story.end])
            self._defaults[story.index] = page_modality(text, self.lex)
        return self._defaults[story.index]

    def modality(self, i: int, cand: Candidate, parent: Record | None) -> str:
        """A second amount of a group keeps the group's modality unless its own clause says otherwise."""
        sentence = self.units[i].text.text
        if parent is not None and cand.amount_kind == "completed_investment" and cue_in(sentence[:cand.start], self.lex) != "target":
            return "actual"  # 总投资1318亿元，完成投资97.3亿元: what was done, even for a planned group
        if parent is not None:
            left, _ = clause_bounds(sentence, cand.start, cand.end)
            own = cue_in(sentence[left:cand.end], self.lex)
            return own if own in ("target", "actual") else parent.modality
        earlier = self.earlier_in_block(i)
        ahead = self.future.search(sentence, 0, cand.start) or (earlier and self.future.search(earlier[0], 0, 12))
        if ahead and not _DONE.search(sentence, 0, cand.end):
            return "target"  # “十五五”时期，河北谋划了105项重大工程: a plan ahead (its paragraph's opening), whatever 了 says
        section = self.section(i)
        if section is not None:  # the section says; only a plan or aspect word of the figure's clause says otherwise
            left, right = clause_bounds(sentence, cand.start, cand.end)
            own = cue_in(sentence[left:cand.start] + "，" + sentence[cand.end:right], self.lex)
            return own if own in ("target", "actual") else section
        return modality_of(sentence, cand, self.earlier_in_block(i), self.default(i), self.lex, self.cue)
