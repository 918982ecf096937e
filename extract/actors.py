"""Actor names -> one key per place, so that 青岛西海岸新区 = 西海岸新区 and 湖南 = 湖南省.

Pages name a place in full (湖南省), short (湖南) or behind its parents (青岛西海岸新区, 天津滨海
新区).  The key strips leading parent places and the administrative suffix, using the gazetteer
in rules/gazetteer; a short form that two places share (吉林: 吉林省 and 吉林市; 滨海: 滨海县 and
滨海新区) is not used, so those names keep their suffix and are never merged by mistake.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# longest first: 广西壮族自治区 -> 广西, not 广西壮族
SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "新区", "省", "市", "区", "县")
# names of the whole country: one actor
NATIONAL = {"全国": "全国", "我国": "全国", "中国": "全国", "国家": "全国", "全国各地": "全国"}


_EDITION = re.compile(r"第([零〇一二两三四五六七八九十百]+)届")


def _edition_in_figures(m: re.Match) -> str:
    from .numbers import parse_number

    return f"第{int(parse_number(m.group(1)))}届"


@dataclass(frozen=True)
class ActorNames:
    """The gazetteer's places and their short forms (short -> the full names that have it)."""

    places: frozenset[str]
    shorts: dict[str, frozenset[str]] = field(hash=False)

    @staticmethod
    def load(rules_dir: str | Path | None = None) -> "ActorNames":
        from .rules import DEFAULT_RULES_DIR

        return _load(str(Path(rules_dir or DEFAULT_RULES_DIR).resolve()))

    @staticmethod
    def from_places(places: set[str]) -> "ActorNames":
        shorts: dict[str, set[str]] = {}
        for name in places:
            short = short_form(name)
            if short:
                shorts.setdefault(short, set()).add(name)
        return ActorNames(frozenset(places), {k: frozenset(v) for k, v in shorts.items()})

    def key(self, name: str) -> str:
        """The place's key: parents and suffix stripped; the name itself when it is no known place.
        An edition is written in figures (第二十一届…博览会 = 第21届…博览会)."""
        name = _EDITION.sub(_edition_in_figures, "".join(name.split()))
        name = NATIONAL.get(name, name)
        name = self._strip_parents(name)
        short = short_form(name) if name in self.places else None
        if short and len(self.shorts.get(short, ())) == 1:
            return short
        return name

    def is_place(self, text: str) -> bool:
        return text in self.places or len(self.shorts.get(text, ())) == 1

    def _strip_parents(self, name: str) -> str:
        """青岛西海岸新区 -> 西海岸新区: drop a leading place while what follows starts with a place."""
        while True:
            cut = next((n for n in range(len(name) - 2, 1, -1)
                        if self.is_place(name[:n]) and self._starts_with_place(name[n:])), None)
            if cut is None:
                return name
            name = name[cut:]

    def _starts_with_place(self, rest: str) -> bool:
        return any(self.is_place(rest[:n]) for n in range(2, len(rest) + 1))


def short_form(name: str) -> str | None:
    """湖南省 -> 湖南, 西海岸新区 -> 西海岸; None when no suffix leaves two characters."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


@lru_cache(maxsize=4)
def _load(rules_dir: str) -> ActorNames:
    places: set[str] = set()
    for path in sorted((Path(rules_dir) / "gazetteer").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                name, _, kind = line.partition("\t")
                if kind.strip() in ("full", ""):
                    places.add(name.strip())
    return ActorNames.from_places(places)
