"""Is an entity a name?  An actor must be a whole name, not a fragment cut out of a phrase.

Real pages showed the tagger's suffix rules making "names" out of words that merely end in a
place character (路径区, 五星红旗, 全城惠民集市), out of a count's tail (个自由贸易试验区, 次东盟), out
of a reporter's phrase (记者从区) and out of slogans (做精老城区 -> 老城区), or doubling a suffix
(某某县县).  These checks run on every entity before it can become an actor.
"""
from __future__ import annotations

import re

from ..entities import Entity

_LEVEL = "省市区县镇乡旗盟"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMERAL = re.compile(r"[\d一二两三四五六七八九十百千万]")


def is_name(ent: Entity, text: str, places: dict, bad_starts: tuple[str, ...], known_bodies: frozenset,
            suffixes: tuple[str, ...] = (), stop_words: re.Pattern | None = None,
            level_words: frozenset = frozenset()) -> bool:
    """True when ent (found in text) can stand as an actor.

    - a gazetteer place, a known body, a generic reference (全区) or a national one (全国) is a name;
    - never one that starts with a measure word or a reporter's phrase (个, 次, 记者从), never a bare
      suffix (县), never a doubled level character (某某县县);
    - an unknown place name is a stem and a suffix: the stem must be a known place and what follows
      it a name (合肥|新站 区, 辽宁|辽阳 灌区: yes; 辽宁|四处大型 灌区, 山东|五 省: no), or a name
      the segmenter reads as one (红谷滩 区, 莘庄|工业 区; 路径 区: no); a province's short name with
      another level is no place (福建市);
    - an unknown name glued to the Chinese character before it is a fragment (做精|老城区), and so is
      one whose level character opens a word with the character after it (新兴市|场);
    - an unknown stem holding a verb of the lexicon's stop words is a phrase (充分发挥国家级新区).
    """
    name = ent.text
    if len(name) < 2:
        return False
    if ent.kind in ("generic", "national") or places.get(name) == "full" or name in known_bodies:
        return True
    if name.startswith(bad_starts):
        return False
    if name[-1] in _LEVEL and name[-1] == name[-2]:
        return False
    if ent.kind == "place" and places.get(name) is None:
        if ent.end < len(text) and name[-1] + text[ent.end] in level_words:
            return False
        suffix = max((s for s in suffixes if name.endswith(s) and len(s) < len(name)), key=len, default=name[-1:])
        stem = name[:-len(suffix)]
        if (stop_words is not None and stop_words.search(stem)) or not _stem_is_a_name(stem, suffix, places):
            return False
        if ent.start > 0 and _CJK.match(text[ent.start - 1]) and not _known_prefix(name, places):
            return False
    return True


def _stem_is_a_name(stem: str, suffix: str, places: dict) -> bool:
    if len(suffix) == 1 and suffix != "省" and any(places.get(stem + lv) == "full" for lv in ("省", "自治区")):
        return False  # 福建市: 福建 is a province (a county may change its level: 太谷县 -> 太谷区)
    rest, known = stem, False
    while True:  # 湖北|嘉鱼|潘家湾: known places, one after the other
        head = next((rest[:k] for k in range(len(rest), 1, -1) if places.get(rest[:k])), "")
        if not head:
            break
        rest, known = rest[len(head):], True
    if known:  # after the known places: nothing, a short word (合肥|新站), or no verb, number or function word
        if not rest or (len(rest) <= 2 and not _NUMERAL.match(rest)):
            return True
        return not _not_a_name(rest)
    return len(suffix) > 1 or _name_like(stem, suffix)  # a designation (街道, 新区) carries a name


# Word classes a name never opens with: verbs, adverbs, numerals, measure words, prepositions,
# conjunctions, particles, pronouns (辽宁|四处…灌区, 湖州|已有…乡, 合作|先行区, 阻击战片区).
_NOT_NAME_TAGS = ("v", "d", "m", "q", "p", "c", "u", "r")


def _not_a_name(part: str) -> bool:
    from ..segment import pos_tags

    tags = pos_tags(part)
    return bool(tags) and tags[0][1].startswith(_NOT_NAME_TAGS) and tags[0][1] != "vn"


_NAME_TAGS = {"ns", "nr", "nz", "nrt", "nrfg", "j"}


def _name_like(stem: str, suffix: str) -> bool:
    """Does the segmenter read the stem as opening with a name (红谷滩, 莘庄|工业; not 路径, 全城|惠民集,
    中|柬国)?  A banner (旗) is always in the gazetteer, so 五星红旗 is no name."""
    from ..segment import pos_tags

    if suffix == "旗":
        return False
    inner = max(stem.rfind(ch) for ch in _LEVEL) + 1  # 盘州市|柏果(镇): the last level's own name
    for part in {stem, stem[inner:]} - {""}:
        tags = pos_tags(part)
        if tags and tags[0][1] in _NAME_TAGS:
            return True
    return False


def _known_prefix(stem: str, places: dict) -> bool:
    """Does the stem hold a known place (full or short) as its start or as a whole?"""
    return any(places.get(stem[:k]) for k in range(len(stem), 1, -1))
