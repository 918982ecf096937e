"""Stage 3: word segmentation with jieba (or rjieba), one tokenizer per process.

The user dictionary is built from rules/: gazetteer places (ns), body suffixes (nt), category
nouns (攻坚项目, 微更新项目) and words jieba mistakes for places (城市, 宜居 -> n).
"""
from __future__ import annotations

import importlib.util
import logging
import os
from typing import NamedTuple
from functools import lru_cache
from pathlib import Path

from .rules import DEFAULT_RULES_DIR, load_lexicon, load_places, signature

log = logging.getLogger("extract")


class Token(NamedTuple):
    """A word with its POS tag and offsets (a tuple: made thousands of times per page)."""

    word: str
    flag: str
    start: int
    end: int


def user_words(rules_dir: Path) -> list[tuple[str, int, str]]:
    """(word, frequency, tag) entries of the user dictionary, all taken from rules/."""
    lex = load_lexicon(rules_dir)
    words: list[tuple[str, int, str]] = []
    for name, kind in load_places(rules_dir).items():
        words.append((name, 2000 if kind == "full" else 500, "ns"))
    for suffix in lex["body_suffixes"]:
        if len(suffix) > 1:
            words.append((suffix, 1000, "nt"))
    for suffix in lex["place_suffixes"]:
        if len(suffix) > 1:
            words.append((suffix, 1000, "n"))
    for head in lex["category_heads"]:
        for mod in lex["category_verbs"]:
            words.append((mod + head, 300, "n"))
    for word in lex["not_places"]:
        words.append((word, 5000, "n"))
    for word in lex.get("domain_words", ()):  # compounds jieba splits (可|再生能源): a category keeps them whole
        words.append((word, 3000, "n"))
    for word in lex["generic_actor_refs"]:  # 该区, 全市: one token, so they can be recognised
        if len(word) > 1:
            words.append((word, 3000, "r"))
    return words


SEGMENTERS = ("rjieba", "jieba")


def _default_segmenter() -> str:
    """rjieba when installed (a core dependency), else jieba; EXTRACT_SEGMENTER overrides."""
    chosen = os.environ.get("EXTRACT_SEGMENTER")
    if chosen in SEGMENTERS:
        return chosen
    # Looked up, not imported: importing rjieba builds its dictionary (0.1 s), which a run that
    # never segments (or a --jobs parent, whose workers segment) need not pay.
    return "rjieba" if importlib.util.find_spec("rjieba") is not None else "jieba"


_BACKEND = {"name": _default_segmenter()}


def set_segmenter(name: str | None) -> None:
    """Choose the segmenter for this process: rjieba (jieba-rs, same dictionary and tags, ~25x
    faster POS tagging measured here) or jieba (pure Python, the reference)."""
    if name is None:
        return
    if name not in SEGMENTERS:
        raise ValueError(f"unknown segmenter {name!r}: use one of {', '.join(SEGMENTERS)}")
    if name == "rjieba":
        try:
            import rjieba  # noqa: F401
        except ImportError:
            raise ValueError("--segmenter rjieba needs the rjieba package: pip install rjieba") from None
    _BACKEND["name"] = name


def segmenter_name() -> str:
    return _BACKEND["name"]


class _RJieba:
    """jieba-rs segmentation with the same user dictionary and jieba's tags.

    rjieba tags dictionary words exactly as jieba's dict.txt does (checked on the seed pages:
    no token differs), but its add_word ignores the tag, so our user dictionary's tags (ns for
    gazetteer places, nt for bodies) are applied here.
    """

    def __init__(self, words: list[tuple[str, int, str]]):
        self.jieba = _fresh_rjieba()
        self.tags: dict[str, str] = {}
        for word, freq, tag in words:
            self.jieba.add_word(word, freq, tag)
            self.tags[word] = tag

    def tokens(self, text: str) -> list[Token]:
        """Tokens with offsets straight from jieba-rs (no intermediate pairs: called per clause)."""
        tags, out, pos = self.tags, [], 0
        for word, flag in self.jieba.tag(text, True):
            end = pos + len(word)
            out.append(Token(word, tags.get(word, flag), pos, end))
            pos = end
        return out


_RJIEBA_DEFAULT = {"taken": False}


def _fresh_rjieba():
    """A jieba-rs instance with the default dictionary only.  Importing rjieba builds one (its
    module-level functions use it; nothing else in this process does), and building a second
    costs another 0.1 s of every start-up: the process's first tokenizer takes that one, any
    later one (another rules folder, edited rules) builds its own."""
    import rjieba

    if not _RJIEBA_DEFAULT["taken"] and hasattr(rjieba, "_DEFAULT_JIEBA"):
        _RJIEBA_DEFAULT["taken"] = True
        return rjieba._DEFAULT_JIEBA
    return rjieba.Jieba()


class _Jieba:
    """Pure-Python jieba's POS tagger behind the same tokens() as _RJieba."""

    def __init__(self, words: list[tuple[str, int, str]]):
        import jieba  # imported only when chosen: its import alone takes 0.1 s
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        base = jieba.Tokenizer()
        base.initialize()
        for word, freq, tag in words:
            base.add_word(word, freq, tag)
        self.tagger = jieba.posseg.POSTokenizer(base)

    def tokens(self, text: str) -> list[Token]:
        out, pos = [], 0
        for pair in self.tagger.cut(text, HMM=True):
            end = pos + len(pair.word)
            out.append(Token(pair.word, pair.flag, pos, end))
            pos = end
        return out


def tokenizer(rules_dir: str = str(DEFAULT_RULES_DIR)) -> _RJieba | _Jieba:
    """The process-wide tokenizer for a rules folder: built once, then reused (rebuilt if edited)."""
    return _tokenizer(rules_dir, _BACKEND["name"], signature(rules_dir))


@lru_cache(maxsize=4)
def _tokenizer(rules_dir: str, backend: str, _signature: tuple) -> _RJieba | _Jieba:
    words = user_words(Path(rules_dir))
    if backend == "rjieba":
        try:
            return _RJieba(words)
        except ImportError as err:  # found on the path but broken (a wheel for another Python): jieba does the same work
            log.warning("rjieba cannot be imported (%s): segmenting with jieba", err)
            _BACKEND["name"] = "jieba"
    return _Jieba(words)


def tokens(text: str, rules_dir: str = str(DEFAULT_RULES_DIR)) -> list[Token]:
    """POS-tagged tokens with their character offsets in text."""
    return tokenizer(rules_dir).tokens(text)


def pos_tags(text: str, rules_dir: str = str(DEFAULT_RULES_DIR)) -> list[tuple[str, str]]:
    return [(t.word, t.flag) for t in tokens(text, rules_dir)]
