"""The stages in order: normalise -> units -> rules -> records with actor, year, period, modality.

`extract_text` is the whole pipeline for one page.  Only units that can hold a figure are
matched and segmented; headings and speaker lines are tagged only when an actor look-up needs
them, so most of a page is scanned, not parsed.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .assemble import (Candidate, attach_enumeration, build_candidate, clause_bounds, compiled, cue_in, distribute,
                       finish_candidate, is_new_year_page, modality_of, page_modality, page_year_of, period_of,
                       select, year_in)
from .entities import Entity, make_tagger
from .normalize import normalize
from .reader import Page, PageError, read_page
from .records import Record
from .rules import DEFAULT_RULES_DIR, RuleSet, load_rules, refresh_signatures, signature
from .segment import set_segmenter
from .sentences import Unit, may_hold_figure, units_of

log = logging.getLogger("extract")
# How many units an actor/year look-up walks back: an article's lead is within this reach, and
# a broken page (no bylines, thousands of units) cannot make look-ups quadratic.
LOOKBACK = 60
# Time words that may stand before a subject at a clause opening: 2024年，区住建局将…; 今年开发区…
_TIME_WORDS = r"(?:(?:19|20)\d{2}年|今年|明年|目前|同时|此外|下一步|新的一年)"
_SUBJECT_LEAD = re.compile(_TIME_WORDS + r"?[，,“]?")


@dataclass
class Options:
    """How to run: rules folder, entity backend, fallback year."""

    rules_dir: str = str(DEFAULT_RULES_DIR)
    ner: str = "jieba"
    hanlp_model: str | None = None
    year: int | None = None
    segmenter: str | None = None  # rjieba | jieba; None keeps the process default
    date: str | None = None  # the caller's page date (CLI --date): used when a page gives none


def _tagger(ner: str, rules_dir: str, hanlp_model: str | None):
    """One entity tagger per process and rules folder (rebuilt when the folder is edited)."""
    return _tagger_cached(ner, rules_dir, hanlp_model, signature(rules_dir))


@lru_cache(maxsize=4)
def _tagger_cached(ner: str, rules_dir: str, hanlp_model: str | None, _signature: tuple):
    return make_tagger(ner, rules_dir, hanlp_model)


@dataclass
class PageContext:
    """What the record assembler needs to know about the page around a figure."""

    doc_id: str
    units: list[Unit]
    ruleset: RuleSet
    tagger: object
    page_year: int | None
    default_modality: str
    new_year_page: bool = False
    all_text: str = ""
    _windows: dict[tuple[int, int], list[Entity]] = field(default_factory=dict)
    _openings: dict[int, list[int]] = field(default_factory=dict)
    _tagged_units: set[int] = field(default_factory=set)  # units with at least one window tagged
    _main_place: str | None = None
    _page_places: Counter | None = None
    _unit_years: dict[int, tuple[bool, int | None]] = field(default_factory=dict)
    _cues: dict[str, str | None] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    # --- entities, segmented lazily -----------------------------------------------------------
    # Actors are subjects and subjects open clauses, so a sentence is segmented only at its clause
    # openings, one window at a time, and only as far as a look-up needs: most of a long sentence
    # is never segmented.
    @property
    def openers(self) -> tuple[str, ...]:
        return compiled(self.ruleset.lexicon)["clause_openers"]

    def openings(self, i: int) -> list[int]:
        if i not in self._openings:
            unit = self.units[i]
            text = unit.text.text
            whole = unit.kind in ("heading", "speaker") or len(text) <= CLAUSE_WINDOW or not hasattr(self.tagger, "name_end")
            self._openings[i] = [-1] if whole else [m.end() for m in _CLAUSE_START.finditer(text)]
        return self._openings[i]

    def window_entities(self, i: int, lo: int) -> list[Entity]:
        """Entities of the window opening at lo (lo = -1: the whole unit)."""
        key = (i, lo)
        if key not in self._windows:
            self._tagged_units.add(i)
            text = self.units[i].text.text
            if lo < 0:
                self._windows[key] = self.tagger.tag(text)
            else:
                window = text[lo:lo + CLAUSE_WINDOW]
                found = []
                lead = _SUBJECT_LEAD.match(window).end()  # 今年开发区承担…: a subject may follow a time word
                opener = window[lead:]
                if not opener.startswith(self.openers) and self.tagger.name_end.search(opener, 0, 14):
                    for ent in self.tagger.tag(window):
                        if ent.end < len(window) or lo + len(window) == len(text):  # not cut by the window edge
                            found.append(ent._replace(start=ent.start + lo, end=ent.end + lo))
                self._windows[key] = found
        return self._windows[key]

    def entities(self, i: int) -> list[Entity]:
        return [e for lo in self.openings(i) for e in self.window_entities(i, lo)]

    def seen_entities(self, i: int) -> list[Entity]:
        """Entities of unit i found so far (headings in full): for look-ups that may not cost
        new segmentation, such as resolving 新区 or the page's main place."""
        if self.units[i].kind in ("heading", "speaker"):
            return self.entities(i)
        if i not in self._tagged_units:
            return []
        return [e for lo in self.openings(i) for e in self._windows.get((i, lo), ())]

    def is_tagged(self, i: int) -> bool:
        return i in self._tagged_units

    # --- actor -------------------------------------------------------------------------
    def last_subject(self, i: int, before: int | None = None) -> Entity | None:
        """The last entity in subject position (clause start, not a modifier) of unit i before a
        position, looking at clause openings from right to left and stopping at the first."""
        limit = len(self.units[i].text.text) if before is None else before
        for lo in reversed(self.openings(i)):
            if lo >= limit:
                continue
            found = [e for e in self.subjects(i, lo) if e.start < limit]
            if found:
                return found[-1]
        return None

    def subjects(self, i: int, lo: int) -> list[Entity]:
        """Entities of the window at lo that stand as subjects: at a clause start (maybe after a
        time word) and not modifying what follows (城阳区|的项目, 城阳区|、黄岛区)."""
        text = self.units[i].text.text
        return [e for e in self.window_entities(i, lo)
                if _in_subject_position(text, e.start) and text[e.end:e.end + 1] not in _MODIFIER_NEXT]

    def heading_actor(self, i: int) -> Entity | None:
        ents = [e for e in self.entities(i) if e.kind in ("place", "body")]
        return ents[0] if ents else None

    def actor_entity(self, i: int, pos: int) -> tuple[Entity | None, int]:
        """(entity, its unit): the subject before the figure; else the latest subject of its
        paragraph; else, paragraph by paragraph back through the article, the paragraph's first
        subject (its topic, not a side remark) or the heading or speaker line."""
        found = self.last_subject(i, pos)
        if found:
            return found, i
        found = self.speaker_after(i, pos)
        if found:
            return found, i
        article, block = self.units[i].article, self.units[i].block
        j = i - 1
        while j >= 0 and i - j <= LOOKBACK and self.units[j].article == article:
            unit = self.units[j]
            if unit.kind in ("heading", "speaker"):
                ent = self.heading_actor(j)
                if ent is not None:
                    return ent, j
                j -= 1
            elif unit.block == block and unit.is_sentence:
                ent = self.last_subject(j)
                if ent is not None:
                    return ent, j
                j -= 1
            elif unit.is_sentence:  # an earlier paragraph: the subject that commits (X将…), else its first
                first = j
                while first > 0 and self.units[first - 1].block == unit.block:
                    first -= 1
                subjects = [(self.first_subject(k), k) for k in range(first, j + 1)]
                subjects = [(e, k) for e, k in subjects if e is not None]
                committing = [(e, k) for e, k in subjects if _COMMITS.match(self.units[k].text.text, e.end)]
                if committing or subjects:
                    return (committing or subjects)[0]
                j = first - 1
            else:
                j -= 1
        return None, i

    def speaker_after(self, i: int, pos: int) -> Entity | None:
        """The actor named after the figure: the speaker after a quote (“…我们要…”仁怀市市长说) or
        the place of a 在 phrase (16个项目在鹤壁市淇滨区集中开工)."""
        text = self.units[i].text.text
        m = _AFTER_FIGURE.search(text, pos)
        if m and m.end() < len(text):
            unit, lo = i, m.end()
        elif text.endswith("”") and i + 1 < len(self.units) and self.units[i + 1].block == self.units[i].block:
            unit, lo = i + 1, 0  # the quote closes the sentence; the speaker opens the next one
        else:
            return None
        after = self.units[unit].text.text
        found = [e for e in self.tagger.tag(after[lo:lo + CLAUSE_WINDOW]) if e.start == 0 and e.kind in ("place", "body")]
        if not found:
            return None
        return found[0]._replace(start=found[0].start + lo, end=found[0].end + lo)

    def is_place(self, text: str) -> bool:
        """Is the whole text one place name (祥云县, 宾川县)?"""
        return any(e.kind == "place" and e.start == 0 and e.end == len(text) for e in self.tagger.tag(text))

    def first_subject(self, i: int) -> Entity | None:
        for lo in self.openings(i):
            found = self.subjects(i, lo)
            if found:
                return found[0]
        return None

    def resolve(self, ent: Entity | None, i: int) -> str | None:
        """A generic (新区) or short (平度) name -> the full name the page uses for it."""
        if ent is None:
            return self.main_place()
        name = self._speaker_place(ent, i)
        if ent.kind == "body" and ent.place is None or ent.kind == "place" and len(name) > 2 and not self._is_short(name):
            return name
        suffix = ent.text if ent.kind == "generic" else None
        near = list(range(i, max(-1, i - 1 - LOOKBACK), -1)) + list(range(i + 1, min(len(self.units), i + 1 + LOOKBACK)))
        for j in near:
            if j != i and not (self.units[j].kind in ("heading", "speaker") or self.units[j].is_sentence):
                continue
            for cand in (self.entities(j) if j == i else self.seen_entities(j)):
                full = self._speaker_place(cand, j)
                if cand.kind not in ("place", "body") or full == name:
                    continue
                if suffix:  # 该区 -> 淮安经济技术开发区 (also the place of its 管委会)
                    wanted = self.generic_refs.get(suffix, suffix)
                    for option in (full, cand.place):
                        if option and option.endswith(wanted) and len(option) > len(wanted):
                            return option
                    continue
                if not suffix and full.startswith(name) and len(full) > len(name):
                    return full
        if ent.kind != "generic":
            return name
        # 全区, 我市: the place of that level the page names most often (章贡区, 晋江市)
        wanted = self.generic_refs.get(suffix, suffix)
        ranked = [p for p, _ in self.page_places().most_common() if p.endswith(wanted) and len(p) > len(wanted)]
        return ranked[0] if ranked else self.main_place() or name

    def page_places(self) -> Counter:
        """Official place names on the whole page, counted (a dictionary look-up at each 区/市/县…,
        no segmentation)."""
        if self._page_places is None:
            places = self.tagger_places()
            counts: Counter = Counter()
            text = self.all_text
            for m in _LEVEL_CHAR.finditer(text):
                end = m.end()
                for size in range(6, 1, -1):
                    name = text[max(0, end - size):end]
                    if len(name) == size and places.get(name) == "full":
                        counts[name] += 1
                        break
            self._page_places = counts
        return self._page_places

    def _speaker_place(self, ent: Entity, i: int) -> str:
        """城阳区委|副书记, 西海岸新区工委|副书记: a leader speaks for the place, not the committee.
        A body that is itself the subject (武清开发区管委会已促成…) stays the body."""
        if ent.kind == "body" and ent.place and _is_party_body(ent.text, ent.place):
            after = self.units[i].text.text[ent.end:ent.end + 6] if i < len(self.units) else ""
            if ent.text.endswith(_PARTY_COMMITTEE) or after.startswith(self.leader_titles):
                return ent.place  # a party committee speaks for its place; a 管委会 only through its leader
        return ent.text

    @property
    def leader_titles(self) -> tuple[str, ...]:
        return compiled(self.ruleset.lexicon)["leader_titles"]

    @property
    def generic_refs(self) -> dict[str, str]:
        """新区 -> 新区, 全区 -> 区: what a generic reference's full name must end with."""
        return self.ruleset.lexicon["generic_actor_refs"]

    def _is_short(self, name: str) -> bool:
        return self.tagger_places().get(name) == "short"

    def tagger_places(self) -> dict:
        return getattr(self.tagger, "places", {})

    def main_place(self) -> str | None:
        """The page's main place: the place named most often in its headings and figure sentences."""
        if self._main_place is not None:
            return self._main_place or None
        counts: dict[str, int] = {}
        for j, unit in enumerate(self.units):
            if unit.kind in ("heading", "speaker") or self.is_tagged(j):
                for ent in self.seen_entities(j):
                    if ent.kind == "place" and not self._is_short(ent.text):
                        counts[ent.text] = counts.get(ent.text, 0) + 1
        self._main_place = max(counts, key=counts.get) if counts else ""
        return self._main_place or None

    # --- year --------------------------------------------------------------------------
    def year(self, i: int, pos: int) -> int | None:
        lex = self.ruleset.lexicon
        found, year = year_in(self.units[i].text.text[:pos], self.page_year, lex, self.new_year_page)
        if found:
            return year
        article = self.units[i].article
        for j in range(i - 1, max(-1, i - 1 - LOOKBACK), -1):
            if self.units[j].article != article:
                break
            found, year = self.unit_year(j)
            if found:
                return year
        return self.page_year

    def unit_year(self, j: int) -> tuple[bool, int | None]:
        """year_in over a whole earlier unit, remembered: every figure after it asks the same."""
        if j not in self._unit_years:
            self._unit_years[j] = year_in(self.units[j].text.text, self.page_year, self.ruleset.lexicon, self.new_year_page)
        return self._unit_years[j]

    def cue(self, text: str) -> str | None:
        """cue_in for a whole earlier sentence, remembered for the page."""
        if text not in self._cues:
            self._cues[text] = cue_in(text, self.ruleset.lexicon)
        return self._cues[text]

    def earlier_in_block(self, i: int) -> list[str]:
        block = self.units[i].block
        out = []
        j = i - 1
        while j >= 0 and self.units[j].block == block and len(out) < LOOKBACK:
            out.insert(0, self.units[j].text.text)
            j -= 1
        return out


_MODIFIER_NEXT = ("的", "、", "和", "与", "及", "等")
_AFTER_FIGURE = re.compile(r"[。！？]?”|(?<=[^\d])在(?=[\u4e00-\u9fff]{2,12}(?:集中|举行|开工|签约|落地))")
# A subject that commits to something: 青岛开发区将全面强化…, 李沧区要…, 莱西市今年计划…
_COMMITS = re.compile(r"(?:还|也|今年|全年|年内)?(?:将|要|计划|力争|拟|确保|坚持|把|全力|大力)")
_LEAD_TAIL = re.compile(r"[，。；：,;:“”]" + _TIME_WORDS + r"?[，,]?$")


def _in_subject_position(text: str, start: int) -> bool:
    """At a clause start, possibly after a time word (2024年，区住建局将…; 今年开发区承担…)."""
    if start <= 12 and _SUBJECT_LEAD.fullmatch(text[:start]) is not None:
        return True
    return _LEAD_TAIL.search(text[max(0, start - 12):start]) is not None


_LEVEL_CHAR = re.compile(r"[省市区县镇乡旗]")
_PARTY_COMMITTEE = ("党工委", "党委", "工委", "区委", "市委", "县委", "镇委")


def _is_party_body(text: str, place: str) -> bool:
    """城阳区委, 西海岸新区工委, 黄岛街道党工委: the place's own committee speaks for the place."""
    return bool(re.fullmatch(re.escape(place) + r"(?:党工委|党委|工委|管委会?|区委|市委|县委|镇委|委|人民政府|政府)", text))


CLAUSE_WINDOW = 24  # characters tagged at each clause opening
_CLAUSE_START = re.compile(r"(?:^|(?<=[，。；：,;:“”！？]))")

def _windows(spans: list[tuple[int, int]], size: int, reach: tuple[int, int]) -> list[tuple[int, int]]:
    """Merged [start, end) windows around anchor spans."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        lo, hi = max(0, a - reach[0]), min(size, b + reach[1])
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def find_candidates(sentence: str, ruleset: RuleSet, warnings: list[str], where: str, is_place=None) -> list[Candidate]:
    """All rules on one sentence; a rule that times out is reported and skipped for it.

    Each rule runs only in windows around its anchor (an amount keyword if it has one, else a
    count): a long sentence with one figure costs one window, not a scan per rule.
    """
    cands = []
    partners = compiled(ruleset.lexicon)["count_partners"]
    kw_anchor = ruleset.macro("AMOUNT_ANCHOR") or ruleset.macro("AMOUNT_KW")
    size = len(sentence)
    anchors = {
        "kw": [m.span() for m in kw_anchor.finditer(sentence)],
        # a count anchors only near a project noun (7个社区 alone starts no rule)
        "count": [m.span() for m in ruleset.macro("COUNT").finditer(sentence)
                  if partners.search(sentence, max(0, m.start() - 30), m.end() + 30)],
    }
    for rule in ruleset.rules:
        key = rule.anchor
        spans = anchors[key] if key else [(0, size)]
        if not spans:
            continue  # no anchor of its kind in the sentence: the rule cannot match
        try:
            if rule.at_anchor:  # tried once at each anchor: no scan over the window
                right = rule.reach[1]
                matches = [m for a, b in spans if (m := rule.match_at(sentence, a, min(size, b + right))) is not None]
            elif rule.reverse:  # tried once, backwards from each anchor's end
                left = rule.reach[0]
                matches = [m for a, b in spans if (m := rule.match_at(sentence, max(0, a - left), b)) is not None]
            else:
                if key:
                    spans = _windows(spans, size, rule.reach)
                if rule.needs is not None:  # a window without the rule's required text is not scanned
                    spans = [(lo, hi) for lo, hi in spans if rule.needs.search(sentence, lo, hi)]
                matches = [m for lo, hi in spans for m in rule.finditer(sentence, lo, hi)]
        except TimeoutError:
            warnings.append(f"{where}: rule {rule.id!r} timed out on a sentence of {len(sentence)} characters; skipped")
            continue
        for m in matches:
            if rule.distribute:
                cands.extend(distribute(rule, m, sentence, ruleset.lexicon, ruleset.macro("RESPECTIVE_AMOUNTS"),
                                        is_place or (lambda text: False), str(ruleset.directory)))
                continue
            cand = build_candidate(rule, m, sentence, ruleset.lexicon)
            if cand is not None:
                cands.append(cand)
    return cands


def _evidence_span(unit: Unit, cand: Candidate, raw: str) -> tuple[int, int]:
    """The figure's span in the unit, cut to the contiguous raw piece holding its numbers.

    Joined line wraps skip only white space in the raw page; a caption moved out of the
    sentence skips text, and the evidence must not cover it.
    """
    start, end = cand.start, cand.end
    anchor = (cand.count_span or cand.amount_span)[0]
    for cut in unit.text.breaks(start, end):
        gap = raw[unit.text.raw_index(cut - 1) + 1:unit.text.raw_index(cut)]
        if not gap.strip():
            continue
        if cut <= anchor:
            start = cut
        else:
            end = cut
            break
    return start, end


def choose(cands: list[Candidate], sentence: str, ruleset: RuleSet, heads, named_heads) -> list[Candidate]:
    """Select, then finish the winners; a winner whose names turn out not to be names gives way
    and selection runs again without it."""
    pool = list(cands)
    while True:
        chosen = select(pool, sentence, heads, named_heads)
        failed = [c for c in chosen if not c.finished and not finish_candidate(c, sentence, ruleset.lexicon, str(ruleset.directory))]
        if not failed:
            break
        failed_ids = {id(c) for c in failed}
        pool = [c for c in pool if id(c) not in failed_ids]
    merged: set[int] = set()
    kept = {id(c) for c in chosen}
    for cand in chosen:
        parent = cand.parent
        if parent is not None and parent.amount is None and parent.count is not None and id(parent) in kept:
            # the first amount after a count belongs to the count's record (…项目31个，同比增加9个，计划总投资196亿元)
            parent.amount, parent.amount_span, parent.amount_kind, parent.kw_span = (
                cand.amount, cand.amount_span, cand.amount_kind, cand.kw_span)
            parent.end = max(parent.end, cand.end)
            merged.add(id(cand))
            continue
        if parent is not None and cand.category is None:  # a second amount names the group it belongs to
            cand.category = parent.category
    return [c for c in chosen if id(c) not in merged]


def own_or_parent_modality(sentence: str, cand: Candidate, parent: Record | None, ctx: PageContext, i: int) -> str:
    """A second amount of a group keeps the group's modality unless its own clause says otherwise."""
    lex = ctx.ruleset.lexicon
    if parent is not None and cand.amount_kind == "completed_investment" and cue_in(sentence[:cand.start], lex) != "target":
        return "actual"  # 总投资1318亿元，完成投资97.3亿元: what was done, even for a planned group
    if parent is not None:
        left, _ = clause_bounds(sentence, cand.start, cand.end)
        own = cue_in(sentence[left:cand.end], lex)
        return own if own in ("target", "actual") else parent.modality
    return modality_of(sentence, cand, ctx.earlier_in_block(i), ctx.default_modality, lex, ctx.cue)


def build_records(ctx: PageContext, i: int, chosen: list[Candidate], raw: str) -> list[Record]:
    unit = ctx.units[i]
    sentence = unit.text.text
    lex = ctx.ruleset.lexicon
    records: list[Record] = []
    made: dict[int, Record] = {}
    for cand in chosen:
        start, end = _evidence_span(unit, cand, raw)
        raw_start, raw_end = unit.text.raw_span(start, end)
        parent = made.get(id(cand.parent)) if cand.parent else None
        actor = parent.actor if parent else cand.actor or ctx.resolve(*ctx.actor_entity(i, cand.start))
        record = Record(
            doc_id=ctx.doc_id, start=raw_start, end=raw_end, evidence=sentence[start:end], sentence=sentence,
            actor=actor,
            year=parent.year if parent else ctx.year(i, cand.start),
            period=period_of(sentence, cand, lex) or (parent.period if parent else None),
            project_count=int(cand.count.value) if cand.count else None,
            count_unit=cand.count_unit, count_qualifier=cand.count.qualifier if cand.count else None,
            category=cand.category,
            amount_yuan=cand.amount.value if cand.amount else None,
            amount_value=cand.amount.value if cand.amount else None,
            currency="CNY" if cand.amount else None,
            amount_text=cand.amount.text if cand.amount else None,
            amount_kind=cand.amount_kind if cand.amount else None,
            amount_qualifier=cand.amount.qualifier if cand.amount else None,
            modality=own_or_parent_modality(sentence, cand, parent, ctx, i),
            projects=list(cand.projects), rule=cand.rule.id,
        )
        made[id(cand)] = record
        records.append(record)
    return records


def extract_text(text: str, doc_id: str = "page", year: int | None = None, rules_dir: str | Path | None = None,
                 ner: str = "jieba", hanlp_model: str | None = None, warnings: list[str] | None = None,
                 trace: list | None = None, reload_rules: bool = True, date: str | int | None = None,
                 path: str | None = None, title: str | None = None) -> list[Record]:
    """All target records of one page's text.  `year` is used when the page states none.

    `date` (2024-02-08, 2024-02 or a bare year) is the page's date when neither its text nor its
    file name (`path`) gives one; `title` (an HTML page's <title>) heads a page whose text has
    no headline of its own.

    `trace`, if given, receives each sentence's candidates before selection (for the scorer's
    rule-overlap table).  `reload_rules`: look for edits of the rules folder first (a notebook
    user edits and re-runs); a batch run reads its rules once and keeps them for every page.
    """
    rules_dir = str(Path(rules_dir or DEFAULT_RULES_DIR).resolve())
    if reload_rules:
        refresh_signatures()
    ruleset = load_rules(rules_dir)
    units = units_of(normalize(text))
    all_text = "\n".join(u.text.text for u in units)
    ctx = PageContext(doc_id, units, ruleset, _tagger(ner, rules_dir, hanlp_model),
                      page_year_of(all_text) or year, page_modality(all_text, ruleset.lexicon),
                      is_new_year_page(all_text, ruleset.lexicon), all_text)
    lx = compiled(ruleset.lexicon)
    heads, named_heads, figure_words = lx["heads"], lx["named_heads"], lx["figure_words"]
    records: list[Record] = []
    for i, unit in enumerate(units):
        sentence = unit.text.text
        if not unit.may_state_figures or not may_hold_figure(sentence) or not figure_words.search(sentence):
            continue
        cands = find_candidates(sentence, ruleset, ctx.warnings, f"{doc_id}: unit {i}", ctx.is_place)
        if not cands:
            continue
        if trace is not None:
            trace.append(list(cands))
        chosen = choose(cands, sentence, ruleset, heads, named_heads)
        for cand in chosen:
            attach_enumeration(cand, sentence, ruleset.macro("ENUM_BEFORE"), ruleset.lexicon, str(ruleset.directory))
        records.extend(build_records(ctx, i, chosen, text))
    if warnings is not None:
        warnings.extend(ctx.warnings)
    for message in ctx.warnings:
        log.warning(message)
    return records


def extract_page(page: Page, options: Options | None = None, warnings: list[str] | None = None) -> list[Record]:
    options = options or Options()
    set_segmenter(options.segmenter)
    return extract_text(page.text, page.doc_id, options.year, options.rules_dir, options.ner, options.hanlp_model, warnings,
                        reload_rules=False, date=page.date or options.date, path=page.path, title=page.title)


def extract_file(path: str | Path, year: int | None = None, rules_dir: str | Path | None = None,
                 ner: str = "jieba", hanlp_model: str | None = None) -> list[Record]:
    """Records of one page file (any supported encoding); raises PageError if it cannot be read."""
    from .pdf import source_pages

    page = read_page(path)
    records = extract_text(page.text, page.doc_id, year, rules_dir, ner, hanlp_model, date=page.date, path=page.path,
                           title=page.title)
    source_pages(records, page)
    return records


def extract_pages(paths: Iterable[str | Path], year: int | None = None, rules_dir: str | Path | None = None,
                  ner: str = "jieba", hanlp_model: str | None = None) -> list[Record]:
    """Records of many page files, in order.  Unreadable pages are logged and skipped."""
    out: list[Record] = []
    for path in paths:
        try:
            out.extend(extract_file(path, year, rules_dir, ner, hanlp_model))
        except PageError as err:
            log.error(str(err))
    return out
