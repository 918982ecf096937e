"""Stage 6 (logic side): the rules applied to a sentence, and the winners chosen.

Each rule runs only in windows around its anchor (an amount keyword if it has one, else a
count): a long sentence with one figure costs one window, not a scan per rule.  Where two rules
claim the same number, selection keeps the higher priority; each number feeds one record.
"""
from __future__ import annotations

import re

import regex

from .assemble import build_candidate, distribute, finish_candidate
from .candidate import Candidate, clause_bounds
from .lexicon_tables import compiled
from .rulehints import PARTNER_WINDOW
from .rules import RuleSet


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


def _holding(windows: list[tuple[int, int]], needs, sentence: str) -> list[tuple[int, int]]:
    """The windows that hold the rule's `needs` (all of them if it has none): a match lies inside
    its window and holds what its needs names, so a window without it cannot give one."""
    if needs is None:
        return windows
    return [(lo, hi) for lo, hi in windows if needs.search(sentence, lo, hi)]


def find_candidates(sentence: str, ruleset: RuleSet, warnings: list[str], where: str, is_place=None) -> list[Candidate]:
    """All rules on one sentence; a rule that times out is reported and skipped for it.

    Each rule runs only in windows around its anchor (an amount keyword if it has one, else a
    count): a long sentence with one figure costs one window, not a scan per rule.
    """
    cands = []
    lx = compiled(ruleset.lexicon)
    partners = lx["count_partner_words"]
    kw_anchor = ruleset.macro("AMOUNT_ANCHOR") or ruleset.macro("AMOUNT_KW")
    size = len(sentence)
    # Each anchor holds a word of its own (an amount keyword is an amount kind, AMOUNT_KW; a count
    # needs a partner near it): a sentence without one is not scanned for that anchor at all.
    anchors = {
        "kw": [m.span() for m in kw_anchor.finditer(sentence)] if lx["amount_kind_words"].search(sentence) else [],
        # a count anchors only near a project noun (7个社区 alone starts no rule)
        "count": [m.span() for m in ruleset.macro("COUNT").finditer(sentence)
                  if partners.search(sentence, max(0, m.start() - PARTNER_WINDOW), m.end() + PARTNER_WINDOW)]
        if lx["count_partner_words"].search(sentence) else [],
    }
    for rule in ruleset.rules:
        key = rule.anchor
        spans = anchors[key] if key else [(0, size)]
        if not spans:
            continue  # no anchor of its kind in the sentence: the rule cannot match
        try:
            if rule.at_anchor or rule.reverse:  # tried once at each anchor (backwards from its end): no scan
                left, right = rule.reach
                windows = [(max(0, a - left), b) if rule.reverse else (a, min(size, b + right)) for a, b in spans]
                matches = [m for lo, hi in _holding(windows, rule.needs, sentence)
                           if (m := rule.match_at(sentence, lo, hi)) is not None]
            else:
                if key:
                    spans = _windows(spans, size, rule.reach)
                spans = _holding(spans, rule.needs, sentence)
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


def choose(cands: list[Candidate], sentence: str, ruleset: RuleSet, heads, named_heads,
           carried: Candidate | None = None) -> list[Candidate]:
    """Select, then finish the winners; a winner whose names turn out not to be names gives way
    and selection runs again without it.  `carried`: the counted group of the sentence before."""
    pool = list(cands)
    while True:
        chosen = select(pool, sentence, heads, named_heads, carried)
        failed = [c for c in chosen if not c.finished and not finish_candidate(c, sentence, ruleset.lexicon, str(ruleset.directory))]
        if not failed:
            break
        failed_ids = {id(c) for c in failed}
        pool = [c for c in pool if id(c) not in failed_ids]
    _join_referring_amounts(chosen, sentence)
    _give_breakdown_amounts_to_totals(chosen, sentence)
    merged: set[int] = set()
    kept = {id(c) for c in chosen}
    for cand in chosen:
        parent = cand.parent
        if parent is not None and cand.amount is not None and parent.amount is None and parent.count is not None \
                and id(parent) in kept:
            # the first amount after a count belongs to the count's record (…项目31个，同比增加9个，计划总投资196亿元)
            parent.amount, parent.amount_span, parent.amount_kind, parent.kw_span = (
                cand.amount, cand.amount_span, cand.amount_kind, cand.kw_span)
            parent.end = max(parent.end, cand.end)
            merged.add(id(cand))
            continue
        if parent is not None and cand.category is None:  # a second amount names the group it belongs to
            cand.category = parent.category
    return [c for c in chosen if id(c) not in merged]


# Between a count and an amount that names no group of its own: 数据中心项目超过60个，|项目总投资超过4000亿元
_JOINABLE_GAP = re.compile(r"[，,、]?(?:其|该|这些|上述)?(?:项目|工程)?")


def _join_referring_amounts(chosen: list[Candidate], sentence: str) -> None:
    """An amount right after a count-only figure, referring to it (项目总投资…, 工程总投资…), is the
    count's amount (the first amount after a count belongs to the count's record)."""
    for cand in chosen:
        if cand.parent is not None or cand.count is not None or cand.amount is None or cand.category:
            continue
        before = [p for p in chosen if p is not cand and p.end <= cand.start and p.count is not None]
        if not before:
            continue
        prev = max(before, key=lambda c: c.end)
        if prev.amount is None and _JOINABLE_GAP.fullmatch(sentence[prev.end:cand.start]):
            cand.parent = prev


_BREAKDOWN = re.compile(r"其中|包括|包含|含")


def _give_breakdown_amounts_to_totals(chosen: list[Candidate], sentence: str) -> None:
    """A total with its breakdown into parts (谋划重点项目12个，其中新开工项目7个、续建项目5个，总投资
    23.6亿元): the amount after the last of two or more parts is the total's, not the last part's."""
    counted = sorted((c for c in chosen if c.count is not None), key=lambda c: c.start)
    for k, total in enumerate(counted):
        if total.amount is not None:
            continue
        parts = []
        for cand in counted[k + 1:]:
            gap = sentence[(parts[-1] if parts else total).end:cand.start]
            if not parts and not _BREAKDOWN.search(gap):
                break
            parts.append(cand)
        last = parts[-1] if len(parts) >= 2 else None  # one part alone keeps its own amount (其中产业项目89个，总投资506亿元)
        if last is None or last.amount is None or any(p.amount is not None for p in parts[:-1]):
            continue
        amount_start = (last.kw_span or last.amount_span)[0]
        if amount_start <= last.count_span[0]:
            continue  # the amount is written before the part's count: the part's own (其中总投资5亿元的7个项目)
        total.amount, total.amount_span, total.amount_kind, total.kw_span = last.amount, last.amount_span, last.amount_kind, last.kw_span
        last.amount = last.amount_span = last.amount_kind = last.kw_span = None
        last.end = last.count_span[1] if last.count_span[1] > last.start else last.end


# ----- selection: one reading per number -------------------------------------------------

def select(cands: list[Candidate], sentence: str, heads: tuple[str, ...], named_heads: tuple[str, ...] = (),
           carried: Candidate | None = None) -> list[Candidate]:
    """Keep the best candidate for each number: priority, then length, then position.

    Rules bound to a context (a second amount needs a counted group before it) are chosen in
    a second pass, so one without its context never blocks another rule's reading.  `carried`:
    the counted group of the sentence before, for a sentence whose amounts have no group of
    their own (全县安排重点项目136个。1-9月共完成投资88.4亿元).
    """
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    order = sorted(cands, key=lambda c: (c.rule.context is not None, -c.rule.priority, -(c.end - c.start), c.start))
    for cand in order:
        if any(a < d and c < b for a, b in cand.claims() for c, d in taken):
            continue
        if cand.rule.context and not _has_context(cand, chosen, sentence, heads, named_heads, carried):
            continue
        chosen.append(cand)
        taken.extend(cand.claims())
    return sorted(chosen, key=lambda c: c.start)


_SEMICOLON = re.compile("[；;]")
# What may stand before the amount word of a sentence that carries the group before it: a period
# and an adverb (1-9月共完成投资…, 总投资约486亿元), not a subject of its own (全国完成水利建设投资…)
_CARRIED_LEAD = regex.compile(r"[\d\-—－至到~月份底末前上下半年一二三四季度]*(?:共计|合计|累计|共|已|将|计划|预计|实际)?")


def _other_item(sentence: str, group_end: int, cand: Candidate) -> bool:
    """After a semicolon, an amount whose clause has a subject of its own is another item's
    (…70个重点项目集中开工；福建一季度力争完成投资1700亿元), one with none still the group's
    (59个项目，较去年增长96.67%；总投资1163.1亿元)."""
    semicolon = None
    for semicolon in _SEMICOLON.finditer(sentence, group_end, cand.start):
        pass
    if semicolon is None:
        return False
    kw = cand.kw_span[0] if cand.kw_span else cand.start
    return not _CARRIED_LEAD.fullmatch(sentence, semicolon.end(), kw)


def _has_context(cand: Candidate, chosen: list[Candidate], sentence: str, heads: tuple[str, ...],
                 named_heads: tuple[str, ...] = (), carried: Candidate | None = None) -> bool:
    """Check a context-bound candidate and link it to its group (category from the group); a
    sentence with no group of its own takes the group carried from the sentence before."""
    if cand.rule.context == "record":
        parents = [c for c in chosen if c.rule.context is None and c.start < cand.start
                   and not _other_item(sentence, c.end, cand)]
        if not parents:
            kw = cand.kw_span[0] if cand.kw_span else cand.start
            if carried is None or any(c.rule.context is None for c in chosen) or "投资" in sentence[:kw] \
                    or not _CARRIED_LEAD.fullmatch(sentence, clause_bounds(sentence, kw, kw)[0], kw):
                return False  # 全县固定资产投资增长8%，完成投资…; 全国完成水利建设投资…: another's figure
            if cand.category is None:  # a record of its own (count null) for the group before
                cand.category = carried.category
            return True
        cand.parent = max(parents, key=lambda c: c.start)
        if cand.category is None:
            cand.category = cand.parent.category
        return True
    before = sentence[:cand.start]
    if not any(h in before for h in heads + named_heads):
        return False
    if cand.category is None:
        cats = re.findall(r"([\u4e00-\u9fff]{0,6}?(?:" + "|".join(heads) + "))", before)
        cand.category = _last_category(cats)
    return True


def _last_category(cats: list[str]) -> str | None:
    if not cats:
        return None
    cat = cats[-1]
    return cat[cat.rfind("批") + 1:] if "批" in cat else cat
