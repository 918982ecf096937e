"""Actor: whose target or result a figure is, looked up inside the figure's own story.

Order (docs/annotation.md 3 and 7.4): the subject before the figure in its clause and sentence,
a 在X phrase or a speaker after it, earlier sentences of its paragraph, earlier paragraphs of
its story (a subject that commits: X将…, X要…), the story's headings and headline,
the story's lead, its dateline place; then the place the story names most often.  Never a
place from another story; nothing found is null.  Every candidate must be a name (names.py).

Actors are subjects and subjects open clauses, so a sentence is segmented only at its clause
openings, one window at a time, and only as far as a look-up needs.
"""
from __future__ import annotations

import re
from collections import Counter

from ..entities import Entity
from ..sentences import Story, Unit
from .names import is_name
from .spotting import NameSpotter

LOOKBACK = 60  # units an actor look-up walks back; a broken page cannot make look-ups quadratic
CLAUSE_WINDOW = 24  # characters tagged at each clause opening
_CLAUSE_START = re.compile(r"(?:^|(?<=[，。；：,;:“”！？]))")
_MODIFIER_NEXT = ("的", "、", "和", "与", "及", "等")
_LEVEL_CHAR = re.compile(r"[省市区县镇乡旗]")
_STANDS_ALONE = re.compile(r"$|[^\u4e00-\u9fff]|[在年于]")
_HEADING_LEAD = re.compile(r"(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?(?:【[^】]{0,12}】)?")


class ActorFinder:
    """Actor look-ups for one page: entities found lazily and remembered, scoped by story."""

    def __init__(self, units: list[Unit], stories: list[Story], tagger, lex: dict, lx: dict):
        self.units, self.stories, self.tagger, self.lex = units, stories, tagger, lex
        self.openers = lx["clause_openers"]
        self.leader_titles = lx["leader_titles"]
        self.generic_refs: dict[str, str] = lex["generic_actor_refs"]
        self.places: dict = getattr(tagger, "places", {})
        self.spot = NameSpotter(lex, lx, self.places, tagger)
        self.provinces = self.spot.provinces
        self.bad_starts = tuple(lex.get("name_bad_starts", ()))
        self.known_bodies = self.spot.known_bodies
        self.suffixes = tuple(lex["place_suffixes"])
        self.stop_words = lx["name_stop_words"]
        self.level_words = frozenset(lex.get("level_words", ()))
        self.subject_lead, self.lead_tail = lx["subject_lead"], lx["lead_tail"]
        self.commits = lx["commit_words"]
        self.after_figure = lx["after_figure"]
        self.party = tuple(lex.get("party_committees", ("党工委", "党委", "工委", "区委", "市委", "县委", "镇委")))
        self.own_bodies = frozenset(lex.get("place_own_bodies", self.party + ("管委会", "管委", "委", "人民政府", "政府")))
        self._windows: dict[tuple[int, int], list[Entity]] = {}
        self._openings: dict[int, list[int]] = {}
        self._tagged: set[int] = set()
        self._main: dict[int, str | None] = {}
        self._story_places: dict[int, Counter] = {}
        self._last_subjects: dict[int, Entity | None] = {}
        self._tag_counts: dict[int, int] = {}
        self._seen: dict[int, tuple[int, list[Entity]]] = {}
        self._names: dict[tuple[int, bool], tuple] = {}

    # ----- entities, segmented lazily -------------------------------------------------------
    def openings(self, i: int) -> list[int]:
        if i not in self._openings:
            unit = self.units[i]
            text = unit.text.text
            whole = unit.kind in ("heading", "speaker") or len(text) <= CLAUSE_WINDOW or not hasattr(self.tagger, "name_end")
            self._openings[i] = [-1] if whole else [m.end() for m in _CLAUSE_START.finditer(text)]
        return self._openings[i]

    def window_entities(self, i: int, lo: int) -> list[Entity]:
        """Entities (names only) of the window opening at lo (lo = -1: the whole unit)."""
        key = (i, lo)
        if key not in self._windows:
            self._tagged.add(i)
            self._tag_counts[i] = self._tag_counts.get(i, 0) + 1
            text = self.units[i].text.text
            if lo < 0:
                lead = self.subject_lead.match(text).end()
                found = self.spot.national_at(text, lead) + self.spot.body_at(text, lead)
                found += self.tagger.tag(text)
                found += self.spot.short_at(text, lead, found)
            else:
                window = text[lo:lo + CLAUSE_WINDOW]
                lead = self.subject_lead.match(window).end()  # 今年开发区承担…: a subject may follow a time word
                opener = window[lead:]
                found = self.spot.special_at(text, lo + lead)
                if not found and not opener.startswith(self.openers) and self.tagger.name_end.search(opener, 0, 14):
                    for ent in self.tagger.tag(window):
                        if ent.end < len(window) or lo + len(window) == len(text):  # not cut by the window edge
                            found.append(ent._replace(start=ent.start + lo, end=ent.end + lo))
                found += self.spot.short_at(text, lo + lead, found)
            self._windows[key] = [e for e in found if is_name(e, text, self.places, self.bad_starts,
                                                              self.known_bodies, self.suffixes, self.stop_words, self.level_words)]
        return self._windows[key]

    def entities(self, i: int) -> list[Entity]:
        return [e for lo in self.openings(i) for e in self.window_entities(i, lo)]

    def seen_entities(self, i: int) -> list[Entity]:
        """Entities of unit i found so far (headings in full): for look-ups that may not cost new
        segmentation, such as resolving 新区 or the story's main place."""
        if self.units[i].kind in ("heading", "speaker"):
            return self.entities(i)
        if i not in self._tagged:
            return []
        tagged = self._tag_counts.get(i, 0)
        hit = self._seen.get(i)
        if hit is None or hit[0] != tagged:  # recomputed only when a new window of unit i was tagged
            hit = (tagged, [e for lo in self.openings(i) for e in self._windows.get((i, lo), ())])
            self._seen[i] = hit
        return hit[1]

    # ----- subjects -------------------------------------------------------------------------
    def in_subject_position(self, text: str, start: int) -> bool:
        """At a clause start, possibly after a time word (2024年，区住建局将…; 今年开发区承担…)."""
        if start and text[start - 1] == "在" and self.in_subject_position(text, start - 1):
            return True  # 在江苏，…
        if start <= 12 and self.subject_lead.fullmatch(text[:start]) is not None:
            return True
        return self.lead_tail.search(text[max(0, start - 12):start]) is not None

    def subjects(self, i: int, lo: int) -> list[Entity]:
        """Entities of the window at lo that stand as subjects: at a clause start and not
        modifying what follows (城阳区|的项目, 城阳区|、黄岛区)."""
        text = self.units[i].text.text
        return [e for e in self.window_entities(i, lo)
                if self.in_subject_position(text, e.start) and text[e.end:e.end + 1] not in _MODIFIER_NEXT]

    def last_subject(self, i: int, before: int | None = None) -> Entity | None:
        """The last subject of unit i before a position (the whole unit: remembered, since every
        figure after it in its paragraph asks the same)."""
        if before is None:
            if i not in self._last_subjects:
                self._last_subjects[i] = self._last_subject(i, len(self.units[i].text.text))
            return self._last_subjects[i]
        return self._last_subject(i, before)

    def _last_subject(self, i: int, limit: int) -> Entity | None:
        for lo in reversed(self.openings(i)):
            if lo >= limit:
                continue
            found = [e for e in self.subjects(i, lo) if e.start < limit]
            if found:
                return found[-1]
        return None

    def first_subject(self, i: int) -> Entity | None:
        for lo in self.openings(i):
            found = self.subjects(i, lo)
            if found:
                return found[0]
        return None

    def heading_actor(self, i: int) -> Entity | None:
        """The name a heading opens with (湖南集中开工…, 城阳区：…, （二）莱西市…), if any: a name
        further into a heading is its object (建设自贸试验区), not whose figures follow."""
        text = self.units[i].text.text
        lead = _HEADING_LEAD.match(text).end()
        ents = [e for e in self.entities(i) if e.kind in ("place", "body", "national")
                and (e.start == lead or self.in_subject_position(text, e.start) and e.start > lead)]
        return ents[0] if ents else None

    # ----- the look-up ----------------------------------------------------------------------
    def actor(self, i: int, pos: int) -> str | None:
        """The actor's name for a figure at pos in unit i, or None."""
        return self.resolve(*self.entity(i, pos))

    def entity(self, i: int, pos: int) -> tuple[Entity | None, int]:
        """(entity, its unit) for a figure at pos in unit i, searched in the order of the module
        docstring, inside the figure's story."""
        found = self.last_subject(i, pos) or self.speaker_after(i, pos)
        if found:
            return found, i
        unit = self.units[i]
        story = self.stories[unit.story]
        j = i - 1
        while j >= story.first and i - j <= LOOKBACK:
            prev = self.units[j]
            if prev.kind in ("heading", "speaker"):
                ent = self.heading_actor(j)
                if ent is not None:
                    return ent, j
                j -= 1
            elif prev.block == unit.block and prev.is_sentence:
                ent = self.last_subject(j)
                if ent is not None:
                    return ent, j
                j -= 1
            elif prev.is_sentence:
                found_pair, j = self._paragraph_subject(j)
                if found_pair:
                    return found_pair
            else:
                j -= 1
        for k in (story.headline, story.lead):
            if k is not None and k < i:
                ent = self.heading_actor(k) if k == story.headline else self.first_subject(k)
                if ent is not None:
                    return ent, k
        return None, i

    def _paragraph_subject(self, j: int) -> tuple[tuple[Entity, int] | None, int]:
        """An earlier paragraph's subject that commits (青岛开发区将…, 李沧区要…), and where to go on.
        Any other subject of an earlier paragraph is a side remark (measured on the real gold:
        taking them put cities of a provincial report as the province's actors)."""
        block = self.units[j].block
        first = j
        while first > self.stories[self.units[j].story].first and self.units[first - 1].block == block:
            first -= 1
        subjects = [(self.first_subject(k), k) for k in range(first, j + 1)]
        subjects = [(e, k) for e, k in subjects if e is not None]
        committing = [(e, k) for e, k in subjects if self.commits.match(self.units[k].text.text, e.end)]
        return (committing[0] if committing else None), first - 1

    def speaker_after(self, i: int, pos: int) -> Entity | None:
        """The actor named after the figure: the speaker after a quote (“…我们要…”仁怀市市长说) or
        the place of a 在 phrase (16个项目在鹤壁市淇滨区集中开工)."""
        text = self.units[i].text.text
        m = self.after_figure.search(text, pos)
        nxt = i + 1
        if m and m.end() < len(text):
            unit, lo = i, m.end()
        elif text.endswith("”") and nxt < len(self.units) and self.units[nxt].block == self.units[i].block:
            unit, lo = nxt, 0  # the quote closes the sentence; the speaker opens the next one
        else:
            return None
        after = self.units[unit].text.text
        found = [e for e in self.tagger.tag(after[lo:lo + CLAUSE_WINDOW]) if e.start == 0 and e.kind in ("place", "body")]
        found = [e for e in found if is_name(e._replace(start=e.start + lo, end=e.end + lo), after, self.places,
                                                  self.bad_starts, self.known_bodies, self.suffixes, self.stop_words, self.level_words)]
        if not found:
            return None
        return found[0]._replace(start=found[0].start + lo, end=found[0].end + lo)

    def is_place(self, text: str) -> bool:
        """Is the whole text one place name (祥云县, 宾川县)?"""
        return any(e.kind == "place" and e.start == 0 and e.end == len(text) for e in self.tagger.tag(text))

    # ----- names as the story uses them -------------------------------------------------------
    def resolve(self, ent: Entity | None, i: int) -> str | None:
        """A generic (新区, 全省) or short (平度) name -> the full name the story uses for it."""
        if ent is None:
            return self.main_place(self.units[i].story)
        if ent.kind == "national":
            return ent.text
        name = self._speaker_place(ent, i)
        if name in self.provinces:  # 山西 -> 山西省 where the story's opening lines name it in full
            story = self.stories[self.units[i].story]
            top = story.headline if story.headline is not None else story.first
            stop = story.lead if story.lead is not None else min(story.end, top + 1)
            head = "".join(self.units[k].text.text for k in range(top, max(stop, top + 1)))
            full = [p for p in self.story_places(story.index) if p.startswith(name) and len(p) <= len(name) + 4 and p in head]
            return full[0] if full else name
        if ent.kind == "body" and ent.place is None or ent.kind == "place" and len(name) > 2 and not self._is_short(name):
            return name
        suffix = ent.text if ent.kind == "generic" else None
        story = self.stories[self.units[i].story]
        near = list(range(i, max(story.first - 1, i - 1 - LOOKBACK), -1)) + list(range(i + 1, min(story.end, i + 1 + LOOKBACK)))
        for j in near:
            if j != i and not (self.units[j].kind in ("heading", "speaker") or self.units[j].is_sentence):
                continue
            for cand, full in self._names_in(j, all_of_it=j == i):
                if full == name:
                    continue
                if suffix:  # 该区 -> 淮安经济技术开发区 (also the place of its 管委会)
                    wanted = self.generic_refs.get(suffix, suffix)
                    for option in (full, cand.place):
                        if option and option.endswith(wanted) and len(option) > len(wanted):
                            return option
                    continue
                if full.startswith(name) and len(full) > len(name):
                    return full
        if ent.kind != "generic":
            return name
        # 全区, 我市: the place of that level the story names most often (章贡区, 晋江市)
        wanted = self.generic_refs.get(suffix, suffix)
        ranked = [p for p, _ in self.story_places(self.units[i].story).most_common() if p.endswith(wanted) and len(p) > len(wanted)]
        return ranked[0] if ranked else self.main_place(self.units[i].story)

    def _names_in(self, j: int, all_of_it: bool) -> list[tuple[Entity, str]]:
        """The places and bodies found in unit j, each with the name it stands for (a committee ->
        its place): remembered until a new window of j is tagged, since every generic 全区 of a long
        paragraph asks its neighbours the same."""
        ents = self.entities(j) if all_of_it else self.seen_entities(j)
        key = (j, all_of_it)
        hit = self._names.get(key)
        if hit is None or hit[0] != len(ents):  # a unit's entities only grow as windows are tagged
            hit = (len(ents), [(e, self._speaker_place(e, j)) for e in ents if e.kind in ("place", "body")])
            self._names[key] = hit
        return hit[1]

    def story_places(self, s: int) -> Counter:
        """Official place names of one story, counted (a dictionary look-up at each 区/市/县…)."""
        if s not in self._story_places:
            story = self.stories[s]
            counts: Counter = Counter()
            for unit in self.units[story.first:story.end]:
                text = unit.text.text
                for m in _LEVEL_CHAR.finditer(text):
                    end = m.end()
                    for size in range(6, 1, -1):
                        name = text[max(0, end - size):end]
                        if len(name) == size and self.places.get(name) == "full":
                            counts[name] += 1
                            break
            self._story_places[s] = counts
        return self._story_places[s]

    def main_place(self, s: int) -> str | None:
        """The story's main place: the place its opening lines name, else the place named most often
        in its headings and in the figure sentences looked at so far (never one from another story)."""
        if s not in self._main:
            story = self.stories[s]
            opening = self._opening_place(story)
            if opening:  # 2026年青海省政府工作报告 / ——2026年1月27日在青海省…会议上: the story's own place
                self._main[s] = opening
                return opening
            counts: Counter = Counter()
            for j in range(story.first, story.end):
                if self.units[j].kind in ("heading", "speaker") or j in self._tagged:
                    for ent in self.seen_entities(j):
                        if ent.kind == "place" and not self._is_short(ent.text):
                            counts[ent.text] += 1
            self._main[s] = max(counts, key=counts.get) if counts else None
        return self._main[s]

    def _opening_place(self, story: Story) -> str | None:
        """The first official place name (a gazetteer full name) in the story's opening lines: its
        headline and the lines before its first paragraph (a report's title and date line)."""
        top = story.headline if story.headline is not None else story.first
        stop = story.lead if story.lead is not None else top + 1
        for unit in self.units[top:max(stop, top + 1)]:
            text = unit.text.text
            for m in _LEVEL_CHAR.finditer(text):
                for size in range(6, 1, -1):
                    start = m.end() - size
                    name = text[max(0, start):m.end()]
                    if len(name) == size and self.places.get(name) == "full" and _STANDS_ALONE.match(text[start - 1:start] if start else ""):
                        return name  # not glued to a word before it (做精|老城区)
        return None

    def _speaker_place(self, ent: Entity, i: int) -> str:
        """城阳区委|副书记, 西海岸新区工委|副书记: a leader speaks for the place, not the committee.
        A body that is itself the subject (武清开发区管委会已促成…) stays the body."""
        if ent.kind == "body" and ent.place and self._is_party_body(ent.text, ent.place):
            after = self.units[i].text.text[ent.end:ent.end + 6] if i < len(self.units) else ""
            if ent.text.endswith(self.party + ("政府",)) or after.startswith(self.leader_titles):
                return ent.place  # a party committee or government speaks for its place; a 管委会 only through its leader
        return ent.text

    def _is_party_body(self, text: str, place: str) -> bool:
        """城阳区委, 西海岸新区工委, 黄岛街道党工委: the place's own committee speaks for the place."""
        return text.startswith(place) and text[len(place):] in self.own_bodies

    def _is_short(self, name: str) -> bool:
        return self.places.get(name) == "short"
