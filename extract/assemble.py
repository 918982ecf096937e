"""Stage 7: rule matches -> target records (category, projects, actor, year, period, modality).

Every rule proposes candidates; where two claim the same count or amount, the higher priority
(then the longer match) wins, so each number of a sentence feeds at most one record.  The
context of a record is read from the sentence first, then the article it sits in, then the page.
"""
from __future__ import annotations

import re
import regex

from .candidate import Candidate
from .lexicon_tables import compiled
from .numbers import Quantity, parse_amount, parse_count
from .rules import Rule
from .segment import tokens


_LEVEL_CHARS = frozenset("省市区县镇乡级")
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
    suffix = next((s for s in sorted(lx["size_suffix"], key=len, reverse=True) if rest.startswith(s)), "")
    suffixed = amount_text.endswith(lx["size_suffix"]) or after.startswith(lx["size_suffix"])
    if suffixed and counted_only and lx["size_head"].match(rest[len(suffix):]):
        return True  # 23个投资额百亿元以上重大工业项目: 以上 before the head sizes each, even after 投资额
    counted = lx["size_counted"].match(rest)
    if counted or counted_only or rest.startswith("的"):
        return bool(counted)
    return bool(lx["size_head"].match(rest))


_LEADING_PERIOD = re.compile(r"^(?:前\d{1,2}个?月|前[一二三四五六七八九十]{1,2}个?月|\d{1,2}[-—至到~]\d{1,2}月份?|截至\d{1,2}月(?:底|末)?|"
                             r"今年以来|上半年|下半年|前三季度|[一二三四]季度|今年|去年|全年)")


_LIST_NUMBER = re.compile(r"^(?:[（(][\d一二三四五六七八九十]{1,3}[）)]|[\d一二三四五六七八九十]{1,3}[、．.](?!\d))")


def _strip_lead(text: str, lx: dict, rules_dir: str) -> str:
    """Drop list numbering and leading verbs/adverbs/time words from a name: （5）推动深海包装 -> 深海包装."""
    text = _LIST_NUMBER.sub("", text.strip("“”\"' "))  # （2）“两重”项目 keeps its quote
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
    return category.lstrip("、和及与"), projects  # 重点片区|和重点工程: a place-like word ended the window


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
        figure = cand.count_span or cand.amount_span
        before_figure = figure is not None and m.span("cat")[0] < figure[0]
        if before_figure and any(h in cat for h in lx["heads"]):  # a wide window before the figure: trim it
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
