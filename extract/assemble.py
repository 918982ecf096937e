"""Stage 7: rule matches -> target records (category, projects, actor, year, period, modality).

Every rule proposes candidates; where two claim the same count or amount, the higher priority
(then the longer match) wins, so each number of a sentence feeds at most one record.  The
context of a record is read from the sentence first, then the article it sits in, then the page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import regex

from .numbers import Quantity, parse_amount, parse_count
from .rules import Rule, alternation, load_places, words_of
from .segment import tokens

CLAUSE_SEP = "，,；;：:。！？!?"


@dataclass(slots=True)
class Candidate:
    """One rule match, parsed: the figure's parts and where they sit in the sentence."""

    rule: Rule
    start: int
    end: int
    count: Quantity | None = None
    count_unit: str | None = None
    count_span: tuple[int, int] | None = None
    amount: Quantity | None = None
    amount_span: tuple[int, int] | None = None
    amount_kind: str | None = None
    kw_span: tuple[int, int] | None = None
    category: str | None = None
    projects: list[str] = field(default_factory=list)
    parent: "Candidate | None" = None
    match: regex.Match | None = field(default=None, repr=False)
    finished: bool = False
    actor: str | None = None  # set when the figure names its own actor (祥云县、宾川县…分别)

    def claims(self) -> list[tuple[int, int]]:
        return [s for s in (self.count_span, self.amount_span) if s]


_COMPILED: dict[int, tuple[dict, dict]] = {}
# not a year a figure is about: 比2020年 (a comparison), 2020年相比, 2020年翻一番, 2020年水平
_YEAR_WORD = regex.compile(r"(?<![\d比较于自])((?:19|20)\d{2})年(?!以来|代|前|底前|相比|翻|水平|的基础|远景|开始|起)")
_LEVEL_CHARS = frozenset("省市区县镇乡级")
_COMPLETION_RATE = r"(?:完成|占)[^，。；,;]{0,4}(?:目标|计划)的?\d"


def compiled(lex: dict) -> dict:
    """Regexes and lookups derived from a lexicon, built once per lexicon object."""
    hit = _COMPILED.get(id(lex))
    if hit and hit[0] is lex:  # holding lex keeps its id from being reused
        return hit[1]
    out = _compile_lexicon(lex)
    _COMPILED[id(lex)] = (lex, out)
    return out


def load_places_for(lex: dict) -> dict:
    """Gazetteer of the rules folder the lexicon came from (recorded by rules.load_lexicon)."""
    return load_places(lex.get("__dir__")) if lex.get("__dir__") else {}


def _compile_lexicon(lex: dict) -> dict:
    kinds = {w: kind for kind, ws in lex["amount_kinds"].items() for w in ws}
    size = lex["size_class_marks"]
    period_of_word = {w: p for p, ws in lex["periods"].items() for w in ws}
    rel_year_words = list(lex["relative_years"]) + lex["new_year_words"] + lex.get("review_year_words", [])
    out = {
        "kinds": kinds,
        "heads": tuple(lex["category_heads"]),
        # a count anchors a rule only near one of these (7个社区 alone starts none)
        "count_partners": regex.compile(alternation(lex["category_heads"] + ["类"])),
        # A unit that can state a project figure names a project head or an amount keyword.
        "figure_words": regex.compile(alternation(lex["category_heads"] + lex["named_project_heads"]
                                                  + words_of(lex, "amount_kinds"))),
        "named_heads": tuple(sorted(lex["named_project_heads"], key=len, reverse=True)),
        "size_class": regex.compile(
            r"(?:" + alternation(size["prefix"]) + r")?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)?(?:万亿|亿|千万|百万|万)(?:元|美元|欧元|港元|日元|英镑)?"
            r"(?:" + alternation(size["suffix"]) + r")?"),
        "size_prefix": tuple(size["prefix"]),
        "size_counted": regex.compile(r"的?[\u4e00-\u9fff]{0,6}?(?:" + alternation(lex["category_heads"]) + r")[\d一二两三四五六七八九十百]"),
        "size_head": regex.compile(r"[\u4e00-\u9fff]{0,6}?(?:" + alternation(lex["category_heads"]) + ")"),
        "size_suffix": tuple(size["suffix"]),
        "target": regex.compile(_cue_alternation(lex["modality"]["target"], lex.get("cue_blocked_after", {}))),
        "actual": regex.compile(r"完成[^，。；,;]{0,4}(?:目标|计划)(?:的?\d|任务)?|" + alternation(lex["modality"]["actual"])),
        # 完成全年目标的154%, 占年度计划的112.3%: a completion rate reports a result as surely as 已 does
        "aspect": regex.compile(_COMPLETION_RATE + "|" + alternation(lex["modality"]["actual_aspect"])),
        "completion_rate": regex.compile(_COMPLETION_RATE),
        "current_year_marks": regex.compile(alternation(lex.get("new_year_current_marks", ["伊始"]))),
        "lead_ins": tuple(sorted(lex["amount_lead_ins"], key=len, reverse=True)),
        "clause_openers": tuple(lex.get("clause_openers", ())),
        # 城阳区委|副书记: titles (with 副/党组 before them) after which a committee means its place
        "leader_titles": tuple(sorted({p + t for t in lex["leader_titles"] for p in ("", "副", "党组")}, key=len, reverse=True)),
        # a past period opening a sentence (今年以来, 前十个月): what follows reports
        "past_marks": regex.compile("(?:" + lex["period_ytd_regex"] + ")|" + alternation(lex["past_period_marks"])),
        "multi_year": regex.compile(alternation(lex["multi_year_words"])),
        "period_of_word": period_of_word,
        "period_re": regex.compile(alternation(list(period_of_word))),
        "ytd_re": regex.compile(lex["period_ytd_regex"]),
        # one search says whether a text holds any period word at all (most clauses hold none)
        "period_any": regex.compile("(?:" + lex["period_ytd_regex"] + ")|" + alternation(list(period_of_word))),
        "year_any": regex.compile(_YEAR_WORD.pattern + "|" + alternation(lex["multi_year_words"] + rel_year_words)),
        "rel_years": lex["relative_years"],
        "rel_year_re": regex.compile(alternation(rel_year_words)),
        "new_year_words": tuple(lex["new_year_words"]),
        "future_marks": regex.compile(alternation(lex["new_year_future_marks"])),
        "lead_verbs": tuple(sorted(lex["list_lead_verbs"], key=len, reverse=True)),
        "cat_verbs": set(lex["category_verbs"]),
        "cat_stops": (set(lex["category_stop_words"]) | set(lex["modality"]["target"]) | set(lex["modality"]["actual"])
                      | set(lex["modality"]["actual_aspect"]) | set(lex["list_lead_verbs"]) | set(lex["generic_actor_refs"])
                      ) - set(lex["category_verbs"]),
        "places": frozenset(n for n, kind in load_places_for(lex).items() if kind == "full"),
        "place_suffixes": tuple(lex["place_suffixes"]),
        "not_places": frozenset(lex["not_places"]),
        "count_re": regex.compile(r"(?:\d+|[一二两三四五六七八九十百千]+)(?:余|多)?(?:" + alternation(lex["count_units"]) + ")"),
    }
    out.update(_attribution_tables(lex))
    return out


def _attribution_tables(lex: dict) -> dict:
    """Tables of the attribution stage (extract/attribute/), from the lexicon's words."""
    commits = lex.get("commit_words", {"before": [], "verbs": ["将", "要"]})
    section = lex.get("section_modality", {"actual": ["回顾"], "target": ["工作安排"]})
    openers = lex.get("news_openers", [])
    return {
        "commit_words": regex.compile("(?:" + alternation(commits["before"]) + ")?(?:" + alternation(commits["verbs"]) + ")"
                                      if commits["before"] else "(?:" + alternation(commits["verbs"]) + ")"),
        "after_figure": regex.compile(r"[。！？]?”|(?<=[^\d])在(?=[\u4e00-\u9fff]{2,12}(?:"
                                      + alternation(lex.get("after_figure_verbs", ["集中"])) + "))"),
        "review_year_words": frozenset(lex.get("review_year_words", ())),
        "full_year_words": frozenset(lex.get("full_year_words", ())),
        "section_actual": regex.compile(alternation(section["actual"])),
        "section_target": regex.compile(alternation(section["target"])),
        "news_opener": regex.compile("(?:" + "|".join(openers) + ")") if openers else None,
    } | _actor_tables(lex)


def _actor_tables(lex: dict) -> dict:
    """Regexes of the actor, name-spotting, year and modality look-ups (built here once per lexicon,
    not once per page).  Compiled with `re`, as the attribution modules match them."""
    time_words = r"(?:19|20)\d{2}年" + ("|" + alternation(lex["subject_time_words"]) if lex.get("subject_time_words") else "")
    stops = set(lex.get("clause_openers", ())) | set(lex.get("list_lead_verbs", ())) | set(lex.get("name_stop_words", ()))
    events = lex.get("event_suffixes", {})
    fairs, meetings = (sorted(events.get(k, ()), key=len, reverse=True) for k in ("fair", "conference"))
    edition = r"(?:本届|第[\d一二三四五六七八九十百]+届|(?:19|20)\d{2}(?:年)?)"
    future = lex.get("future_span_words", [])
    return {
        "name_stop_words": re.compile("|".join(sorted((re.escape(w) for w in stops if len(w) > 1), key=len, reverse=True)) or "\x00"),
        # a list number (（3）, 9.) or a time word (2024年，今年) may stand before a subject
        "subject_lead": re.compile(r"(?:[（(]\d{1,2}[)）]|\d{1,2}[.．、](?!\d))?(?:" + time_words + ")?[，,“]?"),
        "lead_tail": re.compile(r"[，。；：,;:“”]" + "(?:" + time_words + r")?[，,]?$"),
        "event": re.compile(
            "(?:" + edition + r"?[\u4e00-\u9fff\d—·]{0,20}?(?:" + "|".join(map(re.escape, fairs)) + "))"
            + ("|(?:" + edition + r"[\u4e00-\u9fff\d—·]{0,20}?(?:" + "|".join(map(re.escape, meetings)) + "))" if meetings else "")
        ) if fairs else None,
        "national_not_scope": re.compile("(?:" + "|".join(lex.get("national_not_scope", ["首", "第一"])) + ")"),
        "future_span": re.compile("|".join(map(re.escape, future)) if future else "(?!)"),
        "report_title": re.compile("|".join(map(re.escape, lex.get("report_titles", ["工作报告"])))),
    }


def _cue_alternation(words: list[str], blocked: dict[str, str]) -> str:
    """Cue words as one alternation; a one-character cue is no cue inside a word (拟 in 虚拟, 要 in 主要)."""
    longest = sorted(words, key=len, reverse=True)
    return "|".join(f"(?<![{regex.escape(blocked[w])}]){regex.escape(w)}" if w in blocked else regex.escape(w) for w in longest)


def amount_kind_of(kw: str, kinds: dict[str, str]) -> str | None:
    """The kind of the longest lexicon keyword the matched keyword ends with (完成年度投资 -> annual)."""
    for size in range(min(len(kw), 12), 0, -1):  # longest first: a few dictionary look-ups
        kind = kinds.get(kw[-size:])
        if kind is not None:
            return kind
    return None


def is_size_class(sentence: str, span: tuple[int, int], amount_text: str, lx: dict, counted_only: bool = False) -> bool:
    """过亿元项目, 50亿元以上项目, 100亿元级项目: an amount that sizes each project of a category.

    After an explicit 总投资 only the counted form is a size class (总投资10亿元以上的项目82个);
    总投资超过200亿元上下游产业链项目 is a total.
    """
    after = sentence[span[1]:span[1] + 10]
    marked = amount_text.startswith(lx["size_prefix"]) or amount_text.endswith(lx["size_suffix"]) \
        or after.startswith(lx["size_suffix"])
    if not marked:
        return False
    rest = after.removeprefix("级")
    counted = lx["size_counted"].match(rest)
    if counted or counted_only or rest.startswith("的"):
        return bool(counted)
    return bool(lx["size_head"].match(rest))


_LEADING_PERIOD = re.compile(r"^(?:前\d{1,2}个?月|前[一二三四五六七八九十]{1,2}个?月|\d{1,2}[-—至到~]\d{1,2}月份?|截至\d{1,2}月(?:底|末)?|"
                             r"今年以来|上半年|下半年|前三季度|[一二三四]季度|今年|去年|全年)")


def _strip_lead(text: str, lx: dict, rules_dir: str) -> str:
    """Drop leading verbs/adverbs/time words from a name: 推动深海包装 -> 深海包装."""
    text = text.strip("“”\"' ")
    period = _LEADING_PERIOD.match(text)  # 前10个月我国农村供水工程 -> 我国农村供水工程
    if period and len(text) - period.end() >= 3:
        text = text[period.end():]
    for _ in range(3):
        # A lead verb (推动A, 靶向引入A, 区将开工建设A): the name begins after the last one, unless
        # what follows it is too short to be a name (XX大道建设工程 keeps its 建设).
        cuts = [m.end() for v in lx["lead_verbs"] for m in re.finditer(re.escape(v), text)
                if len(text) - m.end() >= 3 and not text[m.end():].startswith(("的",) + lx["heads"])]
        if cuts:
            text = text[max(cuts):]
            continue
        toks = tokens(text, rules_dir)
        if len(toks) > 1 and (toks[0].flag[:1] in {"v", "d", "p", "c", "t", "r", "u"} and toks[0].flag != "vn"):
            text = text[toks[0].end:]
            continue
        break
    return text


def _strip_place(name: str, lx: dict) -> str:
    """怀远县比亚迪电池 -> 比亚迪电池: the subject's place is not part of the first name."""
    for size in range(min(6, len(name) - 2), 1, -1):
        if name[:size] in lx["places"]:
            return name[size:]
    return name


def split_projects(text: str, lx: dict, rules_dir: str) -> list[str]:
    """A list of project names as written: 推动A、B、C -> [A, B, C]."""
    text = text.rsplit("的", 1)[-1]
    items = [p.strip("“”\"' 等") for p in re.split(r"[、]", text)]
    items = [i for i in items if i]
    if items:
        items[0] = _strip_place(_strip_lead(items[0], lx, rules_dir), lx)
    return [i for i in items if i and not lx["count_re"].fullmatch(i)]


def trim_category(text: str, lx: dict, rules_dir: str, bounded: bool = False) -> tuple[str, list[str]]:
    """A wide category window -> (category as written, names before 等).

    明董高速等公路、港口、码头项目 -> (公路、港口、码头项目, [明董高速]);
    引进过亿元项目 -> (过亿元项目, []); 今年开发区承担的各级重点项目 -> (各级重点项目, []).
    """
    projects: list[str] = []
    bounded = bounded or "等" in text or "的" in text
    if "等" in text:
        before, text = text.rsplit("等", 1)
        projects = split_projects(before, lx, rules_dir)
    text = text.rsplit("的", 1)[-1]
    sizes = [m for m in lx["size_class"].finditer(text)
             if m.group() and (m.group().startswith(lx["size_prefix"]) or m.group().endswith(lx["size_suffix"])
                               or "亿" in m.group())]
    if sizes:
        return text[sizes[-1].start():], projects
    if bounded:  # after 的 or 等 the whole rest is the category: 的停车项目, 等公路、港口、码头项目
        return text, projects
    toks = tokens(text, rules_dir)
    keep = len(toks)
    head = toks[-1].word if toks else ""
    # Verbs may modify the head only right before it (城市更新项目, 签约落地项目), never before a noun
    # modifier: that verb is the predicate (引进|总部型项目, 安排|重点项目).
    bare_head = head in lx["heads"]
    in_verb_chain = bare_head or head[:-2] in lx["cat_verbs"]
    i = len(toks) - 1
    while i >= 0:
        tok = toks[i]
        word, flag = tok.word, tok.flag
        if i == len(toks) - 1 and any(word.endswith(h) for h in lx["heads"]):
            ok = True
        elif word == "”":  # a quoted name is one modifier: “美丽县城”项目
            opening = next((k for k in range(i - 1, -1, -1) if toks[k].word == "“"), None)
            if opening is None:
                break
            keep, i, in_verb_chain = opening, opening - 1, False
            continue
        elif word in ("区", "市", "县", "省"):  # 省重点项目 yes; 建安|区 (end of a place name) no
            ok = i == 0 or toks[i - 1].word in lx["cat_stops"] or toks[i - 1].flag[:1] in {"v", "d", "p", "x"}
            if ok:
                keep = i
            break
        elif word in ("和", "及", "与") and i > 0 and (any(toks[i - 1].word.endswith(h) for h in lx["heads"])
                                                    or toks[i - 1].flag in ("n", "vn", "nz", "l")):
            ok, in_verb_chain = True, True  # 省市重大工程和重点项目, 基础设施及民生项目
        elif set(word) <= _LEVEL_CHARS and len(word) > 1:
            ok = True  # 省市区重点项目, 市县项目: administrative levels, not a place
        elif word in lx["cat_stops"] or word in lx["places"] or (
                len(word) > 1 and word.endswith(lx["place_suffixes"]) and word not in lx["not_places"]):
            ok = False  # a place ends the category: 红谷滩区|新引进项目
        elif word == "、":  # 市政道路、排水、绿化工程: each listed item stands right before the head
            ok, in_verb_chain = i > 0, True
        elif word in lx["cat_verbs"]:
            ok = in_verb_chain  # 城市更新项目, 签约落地项目
        elif flag.startswith("v") and flag != "vn":
            ok = in_verb_chain and bare_head  # 排水防涝工程; but 推出|招商项目
        elif word.endswith(("类", "型", "级")) or flag[:1] not in {"d", "p", "c", "r", "m", "t", "u", "q", "f", "x"}:
            ok = True
            in_verb_chain = False
        else:
            ok = False
        if not ok:
            break
        keep = i
        i -= 1
    category = text[toks[keep].start:] if toks and keep < len(toks) else text
    return category.lstrip("、"), projects


def build_candidate(rule: Rule, m: regex.Match, sentence: str, lex: dict) -> Candidate | None:
    """Parse one match's numbers; None when it is not a figure after all (size class, unparsable
    number, implausible value).  Category and projects wait for finish_candidate: only the
    candidates that win selection pay for segmentation."""
    lx = compiled(lex)
    cand = Candidate(rule, m.start(), m.end())
    cand.match = m
    groups = m.groupdict()
    try:
        if groups.get("count"):
            cand.count, cand.count_unit = parse_count(groups["count"], lex["qualifiers"])
            if cand.count_unit in lex.get("bare_count_marks", ()):
                cand.count_unit = None  # 十大民生实事: a count with no measure word
            cand.count_span = m.span("count")
        if groups.get("amount"):
            amount = parse_amount(groups["amount"], lex["qualifiers"])
            explicit_total = bool(groups.get("kw")) and ("总" in groups["kw"] or "额" in groups["kw"])
            if is_size_class(sentence, m.span("amount"), groups["amount"], lx, counted_only=explicit_total):
                return None
            cand.amount, cand.amount_span = amount, m.span("amount")
    except (ValueError, ArithmeticError):
        return None
    if cand.count and cand.count.value == 1 and groups["count"].lstrip("约近超逾").startswith("一"):
        return None  # 一个项目 is "a project", not a figure
    limits = lex.get("limits", {})
    if (cand.count and cand.count.value > limits.get("max_count", 1e5)) or \
            (cand.amount and cand.amount.value > float(limits.get("max_amount_yuan", 1e15))):
        return None
    if cand.amount and groups.get("kw"):
        cand.kw_span = m.span("kw")
        # 计划|完成投资: a lead-in word may belong to the keyword (计划完成投资 is annual).
        cand.amount_kind = amount_kind_of(sentence[max(0, m.span("kw")[0] - 4):m.span("kw")[1]], lx["kinds"])
        if cand.amount_kind == "total_investment" and groups["kw"] == "投资" \
                and re.search(r"完成[^，。；,;]{0,8}$", sentence[max(0, m.start() - 8):m.span("kw")[0]]):
            cand.amount_kind = "completed_investment"  # 累计完成重点项目投资260亿元
        if cand.amount_kind is None:
            return None
    cand.start = min(m.span(g)[0] for g in ("count", "cat", "kw", "amount", "projects", "project") if groups.get(g))
    return cand


def finish_candidate(cand: Candidate, sentence: str, lex: dict, rules_dir: str) -> bool:
    """Category, projects and the evidence start of a chosen candidate; False if its names turn
    out not to be names (a list item holding a count or an amount)."""
    lx = compiled(lex)
    m = cand.match
    groups = m.groupdict()
    start = cand.start
    cat = groups.get("cat")
    if cat:
        before_count = cand.count_span is not None and m.span("cat")[0] < cand.count_span[0]
        if before_count and any(h in cat for h in lx["heads"]):  # a wide window before the count: trim it
            bounded = m.span("cat")[0] > 0 and sentence[m.span("cat")[0] - 1] in "的等"
            cand.category, named = trim_category(cat, lx, rules_dir, bounded)
            cand.projects.extend(named)
            if named:  # evidence starts at the first name before 等
                pos = sentence.find(named[0], m.span("cat")[0])
                start = max(start, pos if pos >= 0 else m.span("cat")[0])
            else:
                start = max(start, m.span("cat")[1] - len(cand.category))
        else:
            cand.category = cat
    if groups.get("project"):  # one named project: 和泰东北亚智能制造基地, or a category in its place
        lo = m.span("project")[0]
        end = extend_name(sentence, m.span("project")[1], lx)
        name = sentence[lo:end]
        if not (lo > 0 and sentence[lo - 1] == "的"):  # after 的 the name is whole; else drop a lead verb
            name = _strip_lead(name, lx, rules_dir)
        trimmed, _ = trim_category(name, lx, rules_dir)
        if _is_generic_category(trimmed, lx, rules_dir):
            name = cand.category = trimmed
        else:
            cand.projects = [name]
        cand.end = max(cand.end, end)
        if lo < (cand.kw_span or (len(sentence), 0))[0]:
            start = end - len(name)
    if groups.get("projects"):  # a list of names: A、B、C等
        cand.projects = split_projects(groups["projects"], lx, rules_dir) + cand.projects
        if not cand.projects:
            return False
        pos = sentence.find(cand.projects[0], m.span("projects")[0])
        if pos >= 0:
            start = min(pos, cand.count_span[0] if cand.count_span else pos)
    if any(lx["count_re"].search(p) or re.search(r"\d+(?:\.\d+)?亿", p) for p in cand.projects):
        return False
    cand.start = start
    cand.finished = True
    return True


def distribute(rule: Rule, m: regex.Match, sentence: str, lex: dict, amounts_re: regex.Pattern | None,
               is_place, rules_dir: str) -> list[Candidate]:
    """新开工、续建项目分别为62个和45个，分别完成投资37.2亿元和29.8亿元 -> one record per group.

    The items before the shared head are the groups (新开工|续建 + 项目); when every item is a
    place (祥云县、宾川县开工项目), each is the actor and the head phrase is the category."""
    lx = compiled(lex)
    counts = list(regex.finditer(r"(?:[\d一二两三四五六七八九十百千]+)(?:余|多)?(?:" + "|".join(lex["count_units"]) + ")",
                                 m.group("counts")))
    cat = m.group("cat")
    cat = regex.split(r"[，,；;：:]", cat)[-1]
    head_at = max((cat.rfind(h) for h in lx["heads"]), default=-1)
    if head_at < 0:
        return []
    head_end = head_at + next(len(h) for h in lx["heads"] if cat.startswith(h, head_at))
    listed = regex.split(r"[、和及与]", cat[:head_end])
    if len(listed) != len(counts) or len(listed) < 2:
        return []
    last = listed[-1]
    shared_head = next((h for h in lx["heads"] if last.endswith(h)), "")
    place_end = next((k for k in range(len(last) - len(shared_head), 1, -1) if is_place(last[:k])), 0)
    by_place = place_end > 0 and all(is_place(item) for item in listed[:-1])
    if by_place:  # 祥云县、宾川县开工项目: one actor per record, one category for all
        actors = listed[:-1] + [last[:place_end]]
        categories = [last[place_end:]] * len(listed)
    else:  # 新开工、续建项目: one category per record, the head shared
        actors = [None] * len(listed)
        categories = [item if item.endswith(shared_head) else item + shared_head for item in listed]
        categories[0], _ = trim_category(categories[0], lx, rules_dir)  # the first item carries the clause's subject
        if not categories[0].endswith(shared_head):
            return []
    amounts: list[tuple[Quantity, tuple[int, int]]] = []
    kind = None
    found = amounts_re.search(sentence, m.end()) if amounts_re is not None else None
    if found:
        parts = list(regex.finditer(_AMOUNT_PART, found.group("amounts")))
        if len(parts) == len(counts):
            offset = found.start("amounts")
            try:
                amounts = [(parse_amount(p.group(), lex["qualifiers"]), (offset + p.start(), offset + p.end()))
                           for p in parts]
                kind = amount_kind_of(found.group("kw"), lx["kinds"]) if found.group("kw") else "total_investment"
            except ValueError:
                amounts = []
    first = listed[0] if by_place else categories[0].removesuffix(shared_head) or categories[0]
    cat_start = m.start("cat") + len(m.group("cat")) - len(cat) + max(0, cat.find(first))
    out: list[Candidate] = []
    for n, cm in enumerate(counts):
        cand = Candidate(rule, cat_start, m.end(), match=m, finished=True)
        cand.count, cand.count_unit = parse_count(cm.group(), lex["qualifiers"])
        cand.count_span = (m.start("counts") + cm.start(), m.start("counts") + cm.end())
        cand.actor, cand.category = actors[n], categories[n].lstrip("的")
        if amounts:
            cand.amount, cand.amount_span = amounts[n]
            cand.amount_kind = kind
        out.append(cand)
    return out


_AMOUNT_PART = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)(?:余|多)?(?:万亿|亿|千万|百万|万)?元?"


def attach_enumeration(cand: Candidate, sentence: str, pattern: regex.Pattern | None, lex: dict, rules_dir: str) -> None:
    """Names listed right before a count join its record: 推动A、B、C4个项目 -> projects [A, B, C].

    One step for every rule that starts at a count, so no rule repeats the list pattern.
    """
    if pattern is None or not cand.count_span or cand.count_span[0] != cand.start or cand.projects:
        return
    left = max((sentence.rfind(ch, 0, cand.start) for ch in "，,；;：:。！？"), default=-1) + 1
    m = pattern.search(sentence, left, cand.start)
    if not m:
        return
    lx = compiled(lex)
    names = split_projects(m.group("projects"), lx, rules_dir)
    if not names or any(lx["count_re"].search(p) or re.search(r"\d+(?:\.\d+)?[亿万]", p) for p in names):
        return
    pos = sentence.find(names[0], m.start())
    cand.projects = names
    cand.start = pos if 0 <= pos < cand.start else cand.start


def extend_name(sentence: str, end: int, lx: dict) -> int:
    """6号线 -> 6号线一期、二期项目: a name runs on to the last head noun of its clause."""
    phase = re.match(r"[一二三四五六七八九\d]期(?:工程|项目)?", sentence[end:])
    if phase:  # 轨道交通15号线 + 二期
        end += phase.end()
    rest = re.match(r"[^，。；：,;:！？!?\s的]{0,14}", sentence[end:]).group()
    heads = lx["named_heads"]
    best = 0
    for m in re.finditer("|".join(map(re.escape, heads)), rest):
        if not re.search(r"(?:即将|正在|已|将|拿地|开工|建成|投产)", rest[:m.start()]):
            best = m.end()
    return end + best


def _is_generic_category(name: str, lx: dict, rules_dir: str) -> bool:
    """重点项目, 市级攻坚项目: made only of category words, so a category, not a named project."""
    body = name
    for head in lx["heads"]:
        body = body.removesuffix(head)
    if not body:
        return True
    generic = {"重点", "市级", "省级", "区级", "县级", "国家级", "各级", "省市", "市区", "省市级", "重大", "产业", "基础设施",
               "民生", "城建", "政府", "投资", "新", "大"} | lx["cat_verbs"]
    return all(t.word in generic for t in tokens(body, rules_dir))


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


# What may stand before the amount word of a sentence that carries the group before it: a period
# and an adverb (1-9月共完成投资…, 总投资约486亿元), not a subject of its own (全国完成水利建设投资…)
_CARRIED_LEAD = regex.compile(r"[\d\-—－至到~月份底末前上下半年一二三四季度]*(?:共计|合计|累计|共|已|将|计划|预计|实际)?")


def _has_context(cand: Candidate, chosen: list[Candidate], sentence: str, heads: tuple[str, ...],
                 named_heads: tuple[str, ...] = (), carried: Candidate | None = None) -> bool:
    """Check a context-bound candidate and link it to its group (category from the group); a
    sentence with no group of its own takes the group carried from the sentence before."""
    if cand.rule.context == "record":
        parents = [c for c in chosen if c.rule.context is None and c.start < cand.start]
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


# ----- context: period, year, modality ---------------------------------------------------

_CLAUSE_SEP = regex.compile("[" + regex.escape(CLAUSE_SEP) + "]")
_CLAUSE_SEP_BACK = regex.compile("[" + regex.escape(CLAUSE_SEP) + "]", regex.REVERSE)  # finds the last one


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """[left, right) of the clause around sentence[start:end]: after the separator before start,
    up to the first one at or after end."""
    before = _CLAUSE_SEP_BACK.search(sentence, 0, start)
    after = _CLAUSE_SEP.search(sentence, end)
    return (before.end() if before else 0), (after.start() if after else len(sentence))
