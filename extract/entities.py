"""Stage 4: named entities — places, bodies, people — for actor attribution.

Default backend: jieba tokens + the gazetteer in rules/ + suffix rules for unknown names
(莱山经济开发区, 解甲庄街道, 区住建局).  jieba alone tags 城市/宜居 as places and splits 西海岸新区;
the gazetteer user dictionary fixes both.  Optional backend: HanLP, loading a model from a local
directory the user names (no downloads here).
"""
from __future__ import annotations

import re
from typing import NamedTuple
from pathlib import Path

from .rules import DEFAULT_RULES_DIR, load_lexicon, load_places
from .segment import Token, tokens

NAME_FLAGS = {"ns", "nr", "nrt", "nz", "n", "j", "s", "nt", "nrfg", "x", "eng", "l", "an", "vn", "f", "b", "ng", "g"}
# After a name, a level character fused with a function word by the segmenter: 石花|镇共|实施
_FUSED_TAIL = {"共", "将", "要", "已", "还", "今", "也", "在", "把", "全", "新", "内", "的"}
# Single characters jieba tags as adjectives or verbs inside names: 合肥|新|站|高新区.
CHAR_FLAGS = {"a", "v", "k", "vg", "ag", "b", "zg", "q", "ng"}
# Words that end a name going leftwards even though their tag could be part of one.
NAME_STOPS = {"今年", "全年", "年内", "其中", "我们", "实施", "推进", "加快", "聚焦", "围绕", "依托", "按照", "全面", "持续",
              "计划", "力争", "确保", "推动", "建设", "打造", "引进", "签约", "完成", "实现", "开展", "召开", "成立", "位于"}
_CJK_WORD = re.compile(r"^[\u3400-\u9fff]+$")
_NOT_IN_BODY = re.compile(r"[的和与及、，。在将要对为]")


class BackendUnavailable(RuntimeError):
    """An entity backend that cannot run here; the message says what to do, in one line."""


class Entity(NamedTuple):
    """A place, body, generic reference (新区) or person, with offsets in the tagged text."""

    text: str
    start: int
    end: int
    kind: str  # place | body | generic | person
    place: str | None = None  # the place a body belongs to (城阳区委 -> 城阳区)


class JiebaEntityTagger:
    """Places and bodies from jieba tokens, the gazetteer and suffix rules."""

    def __init__(self, rules_dir: Path | str = DEFAULT_RULES_DIR):
        self.rules_dir = str(Path(rules_dir).resolve())
        lex = load_lexicon(rules_dir)
        self.places = load_places(rules_dir)
        self.place_suffixes = sorted(lex["place_suffixes"], key=len, reverse=True)
        self._suffix_tuple = tuple(self.place_suffixes)
        # Characters that end every place or body name: a clause without one names no actor.
        ends = {s[-1] for s in lex["place_suffixes"] + lex["body_suffixes"]}
        self.name_end = re.compile("[" + "".join(re.escape(ch) for ch in sorted(ends)) + "]")
        self.body_suffixes = sorted(lex["body_suffixes"], key=len, reverse=True)
        self._body_patterns = [(sfx, re.compile(rf"[\u4e00-\u9fff]{{0,8}}?{re.escape(sfx)}")) for sfx in self.body_suffixes]
        self._body_chars = frozenset(sfx[-1] for sfx in self.body_suffixes)
        self.generic = dict(lex["generic_actor_refs"])
        self.not_places = set(lex["not_places"])
        self.titles = sorted(lex["leader_titles"], key=len, reverse=True)
        self._could_name: dict[str, bool] = {}

    def _may_end_name(self, word: str) -> bool:
        """Can a name end at this token?  Most tokens (verbs, nouns, numbers) cannot; asked once
        per distinct word and remembered, so tagging skips them at the cost of a dict look-up."""
        known = self._could_name.get(word)
        if known is None:
            known = bool(word in self.places or word in self.generic or self._place_suffix(word)
                         or (word and word[-1] in self._body_chars) or word in ("区", "市", "县"))
            if len(self._could_name) > 200_000:  # a bound for very long runs over a huge vocabulary
                self._could_name.clear()
            self._could_name[word] = known
        return known

    def _place_suffix(self, word: str) -> str | None:
        if not word.endswith(self._suffix_tuple):  # fast path: most tokens end in no suffix
            return None
        return next((s for s in self.place_suffixes if word.endswith(s)), None)

    def _is_name_part(self, tok: Token) -> bool:
        return ((tok.flag in NAME_FLAGS or (tok.flag in CHAR_FLAGS and len(tok.word) == 1)) and bool(_CJK_WORD.match(tok.word)) and tok.word not in self.not_places
                and tok.word not in self.generic and not self._place_suffix(tok.word)
                and tok.word not in NAME_STOPS)

    def _place_at(self, toks: list[Token], i: int, text: str) -> tuple[int, int] | None:
        """(start, end) of a place ending at token i, or None."""
        tok = toks[i]
        word = tok.word
        if word in self.not_places:
            return None
        if self.places.get(word) == "full":
            return tok.start, tok.end
        suffix = self._place_suffix(word)
        if suffix is None:
            return None
        if len(word) > len(suffix) and self.places.get(word[: -len(suffix)]) and word not in self.generic:
            return tok.start, tok.end  # 莱山区, 黄岛街道 in one token
        # Unknown name: up to three name-like tokens before a bare suffix (解甲庄|街道, 莱山|经济开发区).
        j = i
        while j > 0 and i - j < 3 and toks[j - 1].end == toks[j].start:
            if self._is_name_part(toks[j - 1]):
                j -= 1
            elif j > 1 and self.places.get(toks[j - 2].word) and _CJK_WORD.match(toks[j - 1].word) \
                    and toks[j - 1].word not in NAME_STOPS and len(toks[j - 1].word) <= 2:
                j -= 2  # a known place, then a word of any tag, then the suffix: 合肥|新站|高新区
            else:
                break
        while j < i and toks[j].flag.startswith("v"):  # a name does not start with a verb (讲|好新区)
            j += 1
        if not any(len(t.word) > 1 and t.flag in NAME_FLAGS for t in toks[j:i]) and len(word) == len(suffix):
            j = i  # single characters alone (好|新区) are not a name; 白|沙河|片区 and 盘|州市 are
        if j == i:
            if tok.flag in ("ns", "nr", "nz") and len(word) >= 3 and word not in self.generic \
                    and self.places.get(word) != "short":
                return tok.start, tok.end  # a place name jieba knows as one word (柏果镇)
            return None
        return toks[j].start, tok.end

    def _repair(self, toks: list[Token]) -> list[Token]:
        """Undo a segmenter slip: a known place followed by a token that starts with its suffix
        (太谷|区共 -> 太谷|区|共), so the suffix can close the name."""
        out: list[Token] = []
        for tok in toks:
            if len(tok.word) < 2 or tok.word[0] not in "区市县镇旗" or not out:  # fast path: most tokens
                out.append(tok)
                continue
            prev = out[-1]
            fused = len(tok.word) == 2 and tok.word[1] in _FUSED_TAIL and len(prev.word) >= 2 and prev.flag in NAME_FLAGS
            if (self.places.get(prev.word) or fused) and not self._place_suffix(tok.word):
                out.append(Token(tok.word[0], "n", tok.start, tok.start + 1))
                out.append(Token(tok.word[1:], "x", tok.start + 1, tok.end))
            else:
                out.append(tok)
        return out

    def tag(self, text: str) -> list[Entity]:
        toks = self._repair(tokens(text, self.rules_dir))
        found: list[Entity] = []
        i = 0
        while i < len(toks):
            if not self._may_end_name(toks[i].word):
                i += 1
                continue
            span = self._place_at(toks, i, text)
            kind = "place"
            if span is None and toks[i].word in self.generic:
                span, kind = (toks[i].start, toks[i].end), "generic"
            if span is None and self.places.get(toks[i].word) == "short" and _short_form_context(text, toks[i].end):
                span = toks[i].start, toks[i].end
            if span is None:
                body = self._place_body_word(toks[i])
                if body:
                    found.append(body)
                    i += 1
                    continue
            if span is None and toks[i].word in ("区", "市", "县") and _clause_start(text, toks[i].start):
                span, kind = (toks[i].start, toks[i].end), "generic"
            if span is None:
                i += 1
                continue
            start, end = span
            # Merge a following place suffix onto a short/known name (莱山 + 经济开发区).
            k = i + 1
            while k < len(toks) and toks[k].start == end and self._place_suffix(toks[k].word) \
                    and toks[k].word not in self.not_places and len(toks[k].word) > 1:
                end, kind, k = toks[k].end, "place", k + 1
            body_end = self._body_end(text, end)
            if body_end:
                place = text[start:end] if kind == "place" else None
                found.append(Entity(text[start:body_end], start, body_end, "body", place))
                while k < len(toks) and toks[k].start < body_end:
                    k += 1
            else:
                found.append(Entity(text[start:end], start, end, kind, text[start:end] if kind == "place" else None))
            i = max(k, i + 1)
        return self._merge_adjacent(found, toks, text)

    def _merge_adjacent(self, found: list[Entity], toks: list[Token], text: str) -> list[Entity]:
        """昆明市|五华区|华山街道 -> one place; 大连|金普新区 -> 大连金普新区 (a known name just before)."""
        merged: list[Entity] = []
        for ent in found:
            prev = merged[-1] if merged else None
            if prev and prev.end == ent.start and prev.kind == "place" and ent.kind in ("place", "body"):
                place = text[prev.start:ent.end] if ent.kind == "place" else (text[prev.start:ent.start] + (ent.place or "") if ent.place else None)
                merged[-1] = Entity(text[prev.start:ent.end], prev.start, ent.end, ent.kind, place)
                continue
            before = next((t for t in toks if t.end == ent.start), None)
            if before is not None and ent.kind in ("place", "body") and self.places.get(before.word) \
                    and before.word not in self.not_places and not (prev and prev.end > before.start):
                place = before.word + ent.place if ent.place else None
                ent = Entity(text[before.start:ent.end], before.start, ent.end, ent.kind, place)
            merged.append(ent)
        return merged

    def _place_body_word(self, tok: Token) -> Entity | None:
        """One token holding place + body (城阳区委 -> body of 城阳区)."""
        word = tok.word
        for cut in range(len(word) - 1, 1, -1):
            head, rest = word[:cut], word[cut:]
            if self.places.get(head) == "full" and rest in self.body_suffixes:
                return Entity(word, tok.start, tok.end, "body", head)
        return None

    def _body_end(self, text: str, end: int) -> int | None:
        """End of a body name that continues a place (区 + 住建局, 西海岸新区 + 工委), if any."""
        window = text[end:end + 12]
        if not window or not any(ch in self._body_chars for ch in window):
            return None
        for suffix, pattern in self._body_patterns:
            m = pattern.match(window)
            if m and not _NOT_IN_BODY.search(m.group()[: -len(suffix)] or "") \
                    and (len(suffix) > 1 or len(m.group()) <= 10):
                return end + m.end()
        return None


def _clause_start(text: str, pos: int) -> bool:
    before = text[:pos]
    return not before or before[-1] in "，。；：,;:“" or bool(re.search(r"(?:\d{4}年|今年|目前|同时|此外)[，,]?$", before))


def _short_form_context(text: str, end: int) -> bool:
    """A short form (平度, 市北) counts as a place only as a heading's subject: 市北:发力…"""
    return end < len(text) and text[end] in "：:"


class HanlpEntityTagger:
    """HanLP NER from a model directory on disk; never downloads."""

    def __init__(self, model_dir: str | None):
        if not model_dir:
            raise BackendUnavailable("--ner hanlp needs a local model: pass --hanlp-model DIR "
                                     "(or set EXTRACT_HANLP_MODEL); models cannot be downloaded here")
        if not Path(model_dir).is_dir():
            raise BackendUnavailable(f"--ner hanlp: model directory {model_dir} does not exist")
        try:
            import hanlp  # noqa: F401  (optional extra)
        except ImportError:
            raise BackendUnavailable("--ner hanlp needs the optional extra: pip install '.[hanlp]'") from None
        try:
            self.model = hanlp.load(model_dir)
        except Exception as err:  # hanlp raises many kinds; the user needs one line
            raise BackendUnavailable(f"--ner hanlp: could not load a model from {model_dir}: "
                                     f"{str(err).splitlines()[0] if str(err) else type(err).__name__}") from None

    def tag(self, text: str) -> list[Entity]:
        chars = list(text)
        result = self.model(chars)
        found = []
        for name, label, start, end in result:
            kind = {"NS": "place", "LOCATION": "place", "NT": "body", "ORGANIZATION": "body",
                    "NR": "person", "PERSON": "person"}.get(label)
            if kind:
                found.append(Entity("".join(name) if isinstance(name, list) else name, start, end, kind,
                                    name if kind == "place" else None))
        return found


def make_tagger(backend: str = "jieba", rules_dir: Path | str = DEFAULT_RULES_DIR, hanlp_model: str | None = None):
    if backend == "jieba":
        return JiebaEntityTagger(rules_dir)
    if backend == "hanlp":
        return HanlpEntityTagger(hanlp_model)
    raise BackendUnavailable(f"unknown entity backend {backend!r}: use jieba or hanlp")
