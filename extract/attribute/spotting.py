"""Names that stand as actors by their form, spotted where a clause opens: a national scope (全国,
我国), a known body (国家发展改革委), a fair or an edition of a conference (本届东博会, 2024世界制造业
大会), a company introduced as one (跨国企业罗氏制药), a province by its short name (湖南, 福建厦门), a
place after 在 (在江苏，…).  The tagger's suffix rules do not see these; the words are lexicon data.
"""
from __future__ import annotations

import re

from ..entities import Entity

_CLAUSE_END = re.compile(r"[，。；：,;:、]")
_SUPERLATIVE = re.compile(r"最大|最高|最多|最长|最早|首个|首座|首批|第一|之最|领先|^[^\d]*之一")  # 全国骨干水网工程之一的…: one of many (not 全国150项…之一: the 150 are national)
# 跨国企业罗氏制药宣布…, 法资企业赛诺菲…在北京投资: a company introduced as one (with its kind, or
# announcing); a bare 企业 before 计划 is a programme (企业倍增计划)
# (an adverb after 企业 is no name: 外资企业持续在中国增资)
_COMPANY = re.compile(r"(?:(?:跨国|外资|外商投资|[法美德日英韩港台]资|中资|民营)(?:企业|公司|集团|药企)"
                      r"(?!持续|纷纷|不断|继续|积极|加快|也|都|还|正)(?P<name>[\u4e00-\u9fffA-Za-z]{2,8}?)"
                      r"(?=宣布|表示|计划|正在|已经|已|不久前|近日|在[\u4e00-\u9fff]{2,4}(?:投资|增资|建设))"
                      r"|(?:企业|公司|集团)(?P<name2>[\u4e00-\u9fffA-Za-z]{2,8}?)(?=宣布|表示))")
_EVENT_VERB = re.compile(r"开展|举办|召开|举行|首次|成功|参加|出席|的|刚刚|结束|为期")
_NUMERAL_START = re.compile(r"[一二两三四五六七八九十几数]+[场次个]")


class NameSpotter:
    """The special names of one rules folder's lexicon."""

    def __init__(self, lex: dict, lx: dict, places: dict, tagger):
        self.places, self.tagger = places, tagger
        self.national = tuple(lex.get("national_actors", ()))
        self.state_verbs = tuple(lex.get("national_state_verbs", ()))
        self.provinces = frozenset(lex.get("province_short_names", ()))
        self.known_bodies = frozenset(lex.get("known_bodies", ()))
        # longest first, so a match at a position is the longest body there (国家电网 before 国家)
        self._bodies = re.compile("|".join(map(re.escape, sorted(self.known_bodies, key=len, reverse=True))) or "(?!)")
        self.event, self.not_scope = lx["event"], lx["national_not_scope"]

    def special_at(self, text: str, pos: int) -> list[Entity]:
        """The first special name opening a clause at pos (of the kinds in the module docstring)."""
        return (self.national_at(text, pos) or self.body_at(text, pos) or self.event_at(text, pos)
                or self.company_at(text, pos) or self.zai_place(text, pos))

    def national_at(self, text: str, pos: int) -> list[Entity]:
        """全国, 我国 opening a clause: a national figure's scope, kept as written (not in a
        comparison: 全国首个, 居全国前列)."""
        word = next((w for w in self.national if text.startswith(w, pos)), None)
        if not word or (word == "国家" and not text.startswith(self.state_verbs, pos + len(word))):
            return []  # 国家电网, 国家重点项目: a name or a modifier, not the state as subject
        clause = _CLAUSE_END.split(text[pos + len(word):pos + len(word) + 16], 1)[0]
        if self.not_scope.match(clause) or _SUPERLATIVE.search(clause):  # 全国电源规模最大的…基地: a comparison
            return []
        return [Entity(word, pos, pos + len(word), "national")]

    def body_at(self, text: str, pos: int) -> list[Entity]:
        """A known body opening a clause (国家发展改革委, 交通运输部, 国家电网): lexicon known_bodies."""
        m = self._bodies.match(text, pos)
        return [Entity(m.group(), pos, m.end(), "body")] if m else []

    def event_at(self, text: str, pos: int) -> list[Entity]:
        """A fair or forum opening a clause (本届东博会, 2024世界制造业大会): the figures signed there are its."""
        m = self.event.match(text, pos) if self.event is not None else None
        if not m or m.end() - pos < 4 or _EVENT_VERB.search(m.group()) or _NUMERAL_START.match(m.group()):
            return []  # 首次开展…对接会 is what was done; 三场…对接会 a count; a bare 博览会 no name
        return [Entity(m.group(), pos, m.end(), "body")]

    @staticmethod
    def company_at(text: str, pos: int) -> list[Entity]:
        """A company introduced as one (跨国企业罗氏制药宣布…, 法资企业赛诺菲…): its investment is its own."""
        m = _COMPANY.match(text, pos)
        if not m:
            return []
        group = "name" if m.group("name") else "name2"
        # the entity stands where the clause opens (its subject position), named as the company
        return [Entity(m.group(group), pos, m.end(group), "body")]

    def short_at(self, text: str, pos: int, found: list[Entity]) -> list[Entity]:
        """A short place name opening a clause (湖南集中开工…, 江苏加快…), when the tagger found no
        name there: the broadcast and the press name provinces so (lexicon province_short_names;
        county short names are common words: 新建, 合作, 资源)."""
        if any(e.start == pos for e in found):
            return []
        for size in (3, 2):
            word = text[pos:pos + size]
            if word in self.provinces and not self.places.get(text[pos:pos + size + 1]):
                end = pos + size
                for more in (4, 3, 2):  # 福建厦门, 河南商丘, 黑龙江牡丹江: the province, then its city
                    if self.places.get(text[end:end + more]) and self.word_ends(text, end + more):
                        end += more
                        break
                return [Entity(text[pos:end], pos, end, "place", text[pos:end])]
        return []

    def zai_place(self, text: str, pos: int) -> list[Entity]:
        """在X， opening a clause names where the figure is (在江苏，200多项节能技改项目…)."""
        if not text.startswith("在", pos):
            return []
        window = text[pos + 1:pos + 1 + 14]
        ents = [e for e in self.tagger.tag(window) if e.start == 0 and e.kind in ("place", "body")]
        ents += self.short_at(window, 0, ents)
        if not ents:  # 在深圳，: a city's short form, which the tagger takes for a name only in headings
            ents = [Entity(window[:size], 0, size, "place", window[:size]) for size in (4, 3, 2)
                    if window[size:size + 1] in ("，", ",") and self.places.get(window[:size])][:1]
        return [e._replace(start=e.start + pos + 1, end=e.end + pos + 1) for e in ents[:1]
                if window[e.end:e.end + 1] in ("，", ",")]

    @staticmethod
    def word_ends(text: str, pos: int) -> bool:
        """Does a word end at pos (河南商丘|计划; not 上海合作|组织, where 合作 is not 合作市)?"""
        from ..segment import tokens

        lo = max(0, pos - 4)
        return all(not (t.start + lo < pos < t.end + lo) for t in tokens(text[lo:pos + 4]))

