"""Regexes and look-up tables derived from a lexicon (rules/lexicon.yaml), built once per lexicon
object: every stage reads the same compiled tables, and a notebook that edits the rules gets new
ones with the new lexicon."""
from __future__ import annotations

import re

import regex

from .rules import alternation, load_places, words_of
from .wordsearch import presence

_COMPILED: dict[int, tuple[dict, dict]] = {}
# not a year a figure is about: 比2020年 (a comparison), 2020年相比, 2020年翻一番, 2020年水平
_YEAR_WORD = regex.compile(r"(?<![\d比较于自])((?:19|20)\d{2})年(?!以来|代|前|底前|相比|翻|水平|的基础|远景|开始|起)")
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


def count_partner_words(lex: dict) -> list[str]:
    """The words a count must stand near to anchor a rule: the project heads, and 类 (三类项目)."""
    return lex["category_heads"] + ["类"]


def _compile_lexicon(lex: dict) -> dict:
    kinds = {w: kind for kind, ws in lex["amount_kinds"].items() for w in ws}
    size = lex["size_class_marks"]
    period_of_word = {w: p for p, ws in lex["periods"].items() for w in ws}
    rel_year_words = list(lex["relative_years"]) + lex["new_year_words"] + lex.get("review_year_words", [])
    out = {
        "kinds": kinds,
        "heads": tuple(lex["category_heads"]),
        # a count anchors a rule only near one of these (7个社区 alone starts none)
        # asked of a whole sentence before its anchors are looked for (no amount kind, no amount
        # keyword anchor), and of a window around each count: only whether one is there
        "count_partner_words": presence(count_partner_words(lex)),
        "amount_kind_words": presence(words_of(lex, "amount_kinds")),
        # A unit that can state a project figure names a project head or an amount keyword (only
        # ever asked whether one is there: the scan and the pipeline's unit gate)
        "figure_words": presence(lex["category_heads"] + lex["named_project_heads"] + words_of(lex, "amount_kinds")),
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
    if lex.get("period_ytd_regex"):  # 前10个月我国…, 1—8月全省…: a period may stand before a subject too
        time_words += "|" + lex["period_ytd_regex"]
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
