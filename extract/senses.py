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
from functools import lru_cache, partial
from pathlib import Path

import yaml

from .candidate import Candidate, clause_bounds
from .rules import RuleError, alternation, parse_yaml

CONTEXT_REACH = 16  # characters around the figure, beyond its clause, where a context word counts
_NUMERAL_HEAD = re.compile(r"^[一二两三四五六七八九十百千]+(?:项目|工程|实事)$")  # 五个一工程 -> 一工程
# a second count inside the category: the first count is of the list's first item
# (六个现代化灌区、毛乌素沙地风光基地外送四大工程: the 6 are 灌区)
_INNER_COUNT = re.compile(r"[一二两三四五六七八九十百千\d]+(?:大|个|项|件|座|条|批)(?![千万亿])")
_INNER_AMOUNT = re.compile(r"\d(?:\.\d+)?[万亿]+元、")  # a list of figures inside the category
_COUNT_AFTER = re.compile(r"有?(?:\d+|[一二两三四五六七八九十百千]+)(?:多|余)?[个项]")
_QUOTED_TAIL = re.compile(r"(?:工程|项目|实事|行动)$")
_INDUSTRY_BEFORE = re.compile(r"(?:产业|行业)(?:综合|总)?$")  # the clause's own subject right before 产值
_QUOTED_PROGRAMME = re.compile(r"“[一二两三四五六七八九十百千]+[大项个][^”]*”")  # 投入147.4亿元用于“十大民生工程”
_SIZE_CLASS = re.compile(r"(?:及以上|以上)$")  # 计划总投资50亿元及以上项目: a size class, not an amount


@dataclass(frozen=True)
class Senses:
    """Compiled word lists of rules/senses.yaml."""

    other_category: re.Pattern
    other_context: re.Pattern
    strong_context: re.Pattern
    event_context: re.Pattern
    deal_fairs: re.Pattern
    context_exceptions: re.Pattern
    investment: re.Pattern
    not_a_phrase: re.Pattern
    programme_heads: frozenset
    programme_max: int
    output_value_reach: int
    output_value_heads: re.Pattern
    difference_before: re.Pattern
    fields_max: int
    programme_name_tails: tuple
    after_count: re.Pattern
    after_trailing_count: re.Pattern
    after_head: re.Pattern
    verbs_inside: re.Pattern
    sector_heads: frozenset
    area_tails: tuple
    project_name_heads: re.Pattern
    examples: dict


@lru_cache(maxsize=8)
def load_senses(rules_dir: str) -> Senses | None:
    """The senses of a rules folder; None when the folder has no senses.yaml (all figures kept)."""
    path = Path(rules_dir) / "senses.yaml"
    if not path.is_file():
        return None
    try:
        data = parse_yaml(path.read_text(encoding="utf-8")) or {}
        other = data["other"]
        words, pattern = _words_of, partial(_pattern_of, data)
        return Senses(
            other_category=re.compile(alternation(other["category"])), other_context=re.compile(alternation(other["context"])),
            strong_context=words(other, "strong_context"), event_context=words(other, "event_context"),
            deal_fairs=words(other, "deal_fairs"),
            context_exceptions=words(other, "context_exceptions"),
            investment=re.compile(alternation(data["investment"])), not_a_phrase=words(data, "not_a_phrase"),
            programme_heads=frozenset(data.get("programme_heads", ())), programme_max=int(data.get("programme_max", 0)),
            output_value_reach=int(data.get("output_value_reach", 10**6)),
            output_value_heads=words(data, "output_value_heads", default=("项目", "工程")),
            difference_before=pattern("difference_before"), fields_max=int(data.get("fields_max", 0)),
            programme_name_tails=tuple(data.get("programme_name_tails", ())),
            after_count=pattern("after_count"), after_trailing_count=pattern("after_trailing_count"),
            after_head=pattern("after_head"), verbs_inside=words(data, "verbs_inside"),
            sector_heads=frozenset(data.get("sector_heads", ())), area_tails=tuple(data.get("area_tails", ())),
            project_name_heads=re.compile(alternation(data.get("project_name_heads", ["项目", "工程"])) + "$"),
            examples=data.get("examples", {}))
    except (yaml.YAMLError, KeyError, TypeError) as err:
        raise RuleError(f"{path}: {err}") from None


def _words_of(table: dict, key: str, default: tuple = ("\x00",)) -> re.Pattern:
    """A word list of senses.yaml as an alternation, longest first (a list left out matches nothing)."""
    return re.compile(alternation(table.get(key, list(default))))


def _pattern_of(data: dict, key: str) -> re.Pattern:
    """A regular expression of senses.yaml (one left out matches nothing)."""
    return re.compile(data.get(key, "(?!)"))


def other_sense(cand: Candidate, sentence: str, senses: Senses, story: str = "") -> str | None:
    """Why the figure is not about investment projects (a short reason), or None when it is.
    `story`: the story's headline and the sentence before, where an event is named (科交会,
    人工智能应用大赛) whose 'projects' are entries or deals."""
    category = cand.category or ""
    if _NUMERAL_HEAD.match(category) and cand.count is not None:
        return f"category {category!r} is no project noun phrase"
    if senses.not_a_phrase.search(category):
        return f"category {category!r} is no project noun phrase"
    if cand.count_span and senses.difference_before.search(sentence[max(0, cand.count_span[0] - 30):cand.count_span[0]]):
        return "the count is a difference (比…增加59个)"
    if _names_a_programme(cand, senses):
        return f"{cand.count.text}{category} names a programme's parts"
    why = _not_a_group(cand, sentence, senses)
    if why:
        return why
    hit = senses.other_category.search(category or "、".join(cand.projects))
    if hit:
        return f"{hit.group()} in the category"
    # named projects keep a figure only when they read as works (重庆东站、渝厦高铁…), not fields
    # (人工智能、新材料、新能源等8个项目) or activities (钓虾摸鱼、果蔬采摘…)
    left, right = clause_bounds(sentence, cand.start, cand.end)
    around = sentence[max(0, min(left, cand.start - CONTEXT_REACH)):max(right, cand.end + CONTEXT_REACH)]
    around = senses.context_exceptions.sub(lambda m: "\x00" * len(m.group()), around)
    hit = senses.strong_context.search(around)
    if hit:
        return f"{hit.group()} around the figure"
    hit = _at_a_deal_fair(cand, sentence, story, senses)
    if hit:
        return hit
    if senses.investment.search(category) or _any_work(cand.projects, senses):
        return None
    hit = senses.other_context.search(around)
    if hit:
        return f"{hit.group()} around the figure"
    signed = "签约" in sentence[cand.start:cand.end]  # 309个项目签约: the text says the projects were signed
    hit = None if signed else senses.event_context.search(story) or senses.event_context.search(sentence)
    return f"{hit.group()} in the story: entries or deals, not projects" if hit else None


def _at_a_deal_fair(cand: Candidate, sentence: str, story: str, senses: Senses) -> str | None:
    """Signings at a technology fair are deals, not investment projects (签约项目1361项 at a 高校科技成果
    交易会): the fair named in the sentence or the story, and no investment word in the category but 签约."""
    hit = senses.deal_fairs.search(sentence) or senses.deal_fairs.search(story)
    if hit is None or senses.investment.search((cand.category or "").replace("签约", "")):
        return None
    return f"{hit.group()}: technology deals, not projects"


def _not_a_group(cand: Candidate, sentence: str, senses: Senses) -> str | None:
    """Shapes whose figure is not a group of projects: a count of something else, a quoted
    programme name, a size class standing for an amount, an output value or an investment of a
    park or a sector rather than of projects."""
    why = _count_of_something_else(cand, sentence, senses)
    if why:
        return why
    tails = senses.programme_name_tails
    if cand.projects and tails and all(p.endswith(tails) for p in cand.projects):
        return f"named plans or campaigns ({cand.projects[0]}), not projects"
    if cand.count_span and _quoted_name(cand, sentence):
        return "a quoted programme name (“八项民生工程”)"
    return _amount_of_something_else(cand, sentence, senses)


def _count_of_something_else(cand: Candidate, sentence: str, senses: Senses) -> str | None:
    """The count counts a list's first item, fields, what follows it, or the items before 等."""
    if not cand.count_span:
        return None
    category = cand.category or ""
    after = sentence.find(category, cand.count_span[1]) if category else -1
    if category and _INNER_COUNT.search(category):
        return f"another count inside {category!r}"
    if after >= 0 and _INNER_AMOUNT.search(category):  # 37家…单位援助资金31.08亿元、引进项目: the 37 are units
        return f"an amount inside {category!r}"
    if after >= 0 and senses.verbs_inside.search(category, 2):
        return f"the count is of the subject of a verb inside {category!r}"
    if cand.count is not None and cand.count.value <= senses.fields_max and category.endswith("领域项目") and after >= 0:
        return f"the count {cand.count.text} is of fields (…领域项目)"
    if senses.after_count.match(sentence, cand.count_span[1]):
        return "the count is of what follows it (5个场馆, 3个多月, 三大区)"
    if after < 0 and category and senses.after_trailing_count.match(sentence, cand.count_span[1]):
        return "the count is of what follows it (…工程8个国家算力枢纽, …4家央企)"
    if after >= 0 and senses.after_head.match(sentence, after + len(category)):
        return "the head qualifies what follows it (项目建设难题, 重点项目研发)"
    if cand.count_unit not in ("个", "项", "批", None) and "等" in category and after >= 0:
        return f"the count is of the items before 等 ({category!r})"  # 21座泵站等骨干供水工程; not 10多个风力、光伏等新能源项目
    return None


def _amount_of_something_else(cand: Candidate, sentence: str, senses: Senses) -> str | None:
    """An amount that sizes each project, or is a sector's, a park's or a plant's figure."""
    category = cand.category or ""
    if cand.count is not None or cand.amount is None:
        return None
    sized = tuple(n for name in [category, *cand.projects] if name for n in (name, "的" + name))
    if sized and cand.amount_span and _SIZE_CLASS.search(sentence[cand.amount_span[0]:cand.amount_span[1]]) \
            and sentence.startswith(sized, cand.amount_span[1]):
        return "a size class (50亿元及以上项目, 总投资10亿元以上的制造业项目), not an amount"
    if _QUOTED_PROGRAMME.search(category):
        return f"spending on a quoted programme ({category})"
    if category and _COUNT_AFTER.match(sentence, cand.end):
        return "a size class of the count after it (超过1亿元的项目有1095个)"
    if cand.projects and all(p in senses.sector_heads for p in cand.projects):
        return f"a sector ({cand.projects[0]}), not a project"
    spent = cand.kw_span is not None and sentence[cand.kw_span[0]:cand.kw_span[1]] == "投入"
    if spent and cand.projects and senses.area_tails and all(p.endswith(senses.area_tails) for p in cand.projects):
        return f"spending on a protected area ({cand.projects[0]}), not a project's investment"
    if cand.amount_kind == "output_value":
        if cand.projects and not any(senses.output_value_heads.search(p[-3:]) for p in cand.projects):
            return "an output value of a park or a plant group, not of projects"
        kw = cand.kw_span[0] if cand.kw_span else cand.start
        if not cand.projects and _INDUSTRY_BEFORE.search(sentence, clause_bounds(sentence, kw, kw)[0], kw):
            return "an output value of an industry (富硒产业综合产值)"
        if not cand.projects and not senses.output_value_heads.search(sentence, max(0, kw - senses.output_value_reach), kw):
            return "an output value with no projects right before it"
    return None


def _any_work(names: list[str], senses: Senses) -> bool:
    """Does any name end like a work (…项目, …工程, …东站, …高速), not a field or an activity?"""
    return any(senses.project_name_heads.search(p[-4:]) for p in names)


def _quoted_name(cand: Candidate, sentence: str) -> bool:
    """“八项民生工程”, “10大基础设施工程”: the count and its head make up one quoted name."""
    start = cand.count_span[0]
    close = sentence.find("”", start, start + 20)
    return start > 0 and sentence[start - 1] == "“" and close > 0 and _QUOTED_TAIL.search(sentence, start, close) is not None


def _names_a_programme(cand: Candidate, senses: Senses) -> bool:
    """九项工程, 十大项目: a small count in Chinese numerals, with 项 or 大, of the bare head."""
    return cand.category in senses.programme_heads and _small_programme_count(cand, senses)


def _small_programme_count(cand: Candidate, senses: Senses) -> bool:
    """七项, 十大: a count of ten or less in Chinese numerals with 项 or 大, as programmes count parts."""
    count = cand.count
    return (count is not None and count.value <= senses.programme_max and cand.count_unit in ("项", None)
            and not any(ch.isdigit() for ch in count.text))


def listed_programme(cand: Candidate, sentence: str, senses: Senses) -> str | None:
    """Why the names listed before a count (attach_enumeration, after selection) make it no
    group of projects: all are plans, campaigns or archives (…建设计划、…促进计划等15个重大项目),
    or they hold words of `other.category` (…中国艺术展等9个特色项目): all of them, or some when
    the category has no investment word (基础设施、公共服务等领域320个共建重点项目 stays); or, names
    that are no works, a word of `other.context` before the list (攻关项目清单，涵盖人工智能、新材料等8个项目)."""
    names = cand.projects
    if not names or cand.count is None:
        return None
    tails = senses.programme_name_tails
    if tails and all(p.rstrip("”》").endswith(tails) for p in names):
        return f"named plans, campaigns or archives ({names[0]}), not projects"
    if _small_programme_count(cand, senses) and cand.count_unit == "项" and not _any_work(names, senses):
        return f"{cand.count.text}{cand.category} names a programme's parts ({names[0]}…)"
    if (cand.category or "").endswith("实事"):  # a list of 民生实事 names services (医疗保险补助标准)
        return None
    hits = [senses.other_category.search(p) for p in names]
    invested = senses.investment.search(cand.category or "")
    if any(hits) and (all(hits) or not invested):
        return f"{next(h for h in hits if h).group()} in the listed names"
    if invested or _any_work(names, senses):
        return None
    hit = senses.other_context.search(sentence, max(0, cand.start - CONTEXT_REACH), cand.start)
    return f"{hit.group()} before the listed names" if hit else None


def without_listed_programmes(cands: list[Candidate], sentence: str, senses: Senses | None) -> list[Candidate]:
    """The candidates left once counts of listed programmes are dropped (see listed_programme)."""
    return cands if senses is None else _without(cands, lambda c: listed_programme(c, sentence, senses))


def investment_only(cands: list[Candidate], sentence: str, senses: Senses | None, story: str = "") -> list[Candidate]:
    """The candidates whose sense is investment (all, without a senses file); `story` as in other_sense."""
    return cands if senses is None else _without(cands, lambda c: other_sense(c, sentence, senses, story))


def _without(cands: list[Candidate], reason) -> list[Candidate]:
    """The candidates for which `reason` gives none; a second amount whose group was dropped goes with it."""
    dropped = {id(c) for c in cands if reason(c)}
    return [c for c in cands if id(c) not in dropped and not (c.parent is not None and id(c.parent) in dropped)]
