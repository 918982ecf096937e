"""The sense of 项目 and 工程: is a figure about investment projects at all?

The same words count sports events (三个项目上夺得金牌), heritage items (42项非遗项目), research
(科研项目88项) and fee items (计费服务项目14项).  rules/senses.yaml lists, as data, the words that
make a figure something else and the words that keep it an investment figure; this module
applies them to the candidates selection chose, after selection so a dropped figure never takes
a number another rule could have used well.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .assemble import Candidate, clause_bounds
from .rules import RuleError, alternation

CONTEXT_REACH = 16  # characters around the figure, beyond its clause, where a context word counts
_NUMERAL_HEAD = re.compile(r"^[一二两三四五六七八九十百千]+(?:项目|工程|实事)$")  # 五个一工程 -> 一工程


@dataclass(frozen=True)
class Senses:
    """Compiled word lists of rules/senses.yaml."""

    other_category: re.Pattern
    other_context: re.Pattern
    investment: re.Pattern
    not_a_phrase: re.Pattern
    programme_heads: frozenset
    programme_max: int
    output_value_reach: int
    output_value_heads: re.Pattern
    difference_before: re.Pattern
    examples: dict


@lru_cache(maxsize=8)
def load_senses(rules_dir: str) -> Senses | None:
    """The senses of a rules folder; None when the folder has no senses.yaml (all figures kept)."""
    path = Path(rules_dir) / "senses.yaml"
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        other = data["other"]
        return Senses(re.compile(alternation(other["category"])), re.compile(alternation(other["context"])),
                      re.compile(alternation(data["investment"])), re.compile(alternation(data.get("not_a_phrase", ["\x00"]))),
                      frozenset(data.get("programme_heads", ())), int(data.get("programme_max", 0)),
                      int(data.get("output_value_reach", 10**6)),
                      re.compile(alternation(data.get("output_value_heads", ["项目", "工程"]))),
                      re.compile(data.get("difference_before", "(?!)")), data.get("examples", {}))
    except (yaml.YAMLError, KeyError, TypeError) as err:
        raise RuleError(f"{path}: {err}") from None


def other_sense(cand: Candidate, sentence: str, senses: Senses) -> str | None:
    """Why the figure is not about investment projects (a short reason), or None when it is."""
    category = cand.category or ""
    if _NUMERAL_HEAD.match(category) and cand.count is not None:
        return f"category {category!r} is no project noun phrase"
    if senses.not_a_phrase.search(category):
        return f"category {category!r} is no project noun phrase"
    if cand.count_span and senses.difference_before.search(sentence[max(0, cand.count_span[0] - 30):cand.count_span[0]]):
        return "the count is a difference (比…增加59个)"
    if _names_a_programme(cand, senses):
        return f"{cand.count.text}{category} names a programme's parts"
    if cand.amount_kind == "output_value" and cand.count is None and not cand.projects:
        kw = cand.kw_span[0] if cand.kw_span else cand.start
        if not senses.output_value_heads.search(sentence, max(0, kw - senses.output_value_reach), kw):
            return "an output value with no projects right before it"
    hit = senses.other_category.search(category)
    if hit:
        return f"{hit.group()} in the category"
    if senses.investment.search(category) or cand.projects:
        return None
    left, right = clause_bounds(sentence, cand.start, cand.end)
    around = sentence[max(0, min(left, cand.start - CONTEXT_REACH)):max(right, cand.end + CONTEXT_REACH)]
    hit = senses.other_context.search(around)
    return f"{hit.group()} around the figure" if hit else None


def _names_a_programme(cand: Candidate, senses: Senses) -> bool:
    """九项工程, 十大项目: a small count in Chinese numerals, with 项 or 大, of the bare head."""
    count = cand.count
    return (count is not None and cand.category in senses.programme_heads and count.value <= senses.programme_max
            and cand.count_unit in ("项", None) and not any(ch.isdigit() for ch in count.text))


def investment_only(cands: list[Candidate], sentence: str, senses: Senses | None) -> list[Candidate]:
    """The candidates whose sense is investment (all, without a senses file); a second amount
    whose group was dropped goes with it."""
    if senses is None:
        return cands
    dropped = {id(c) for c in cands if other_sense(c, sentence, senses)}
    return [c for c in cands if id(c) not in dropped and not (c.parent is not None and id(c.parent) in dropped)]
