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


def is_name(ent: Entity, text: str, places: dict, bad_starts: tuple[str, ...], known_bodies: frozenset,
            suffixes: tuple[str, ...] = ()) -> bool:
    """True when ent (found in text) can stand as an actor.

    - a gazetteer place, a known body, a generic reference (全区) or a national one (全国) is a name;
    - never one that starts with a measure word or a reporter's phrase (个, 次, 记者从);
    - never a doubled level character (某某县县);
    - an unknown name ending in a one-character level (区, 市, 旗…) needs a known place before it
      (合肥新站区 yes, 路径区 no): multi-character suffixes (经济开发区, 街道, 片区) carry the name;
    - an unknown name glued to the Chinese character before it is a fragment (做精|老城区).
    """
    name = ent.text
    if ent.kind in ("generic", "national") or places.get(name) == "full" or name in known_bodies:
        return True
    if not name or name.startswith(bad_starts):
        return False
    if len(name) >= 2 and name[-1] in _LEVEL and name[-1] == name[-2]:
        return False
    if ent.kind == "place" and places.get(name) is None:
        suffix = max((s for s in suffixes if name.endswith(s)), key=len, default=name[-1:])
        if len(suffix) == 1 and suffix in _LEVEL and not (_known_prefix(name[:-1], places) or _name_like(name[:-1], suffix)):
            return False
        if ent.start > 0 and _CJK.match(text[ent.start - 1]) and not _known_prefix(name, places):
            return False
    return True


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
