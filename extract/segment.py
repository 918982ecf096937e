"""Stage 3: word segmentation with jieba (or rjieba), one tokenizer per process.

The user dictionary is built from rules/: gazetteer places (ns), body suffixes (nt), category
nouns (攻坚项目, 微更新项目) and words jieba mistakes for places (城市, 宜居 -> n).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba
import jieba.posseg

from .rules import DEFAULT_RULES_DIR, load_lexicon, load_places, signature

jieba.setLogLevel(logging.WARNING)


@dataclass(frozen=True)
class Token:
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
    return words


def tokenizer(rules_dir: str = str(DEFAULT_RULES_DIR)) -> jieba.posseg.POSTokenizer:
    """The process-wide tokenizer for a rules folder: built once, then reused (rebuilt if edited)."""
    return _tokenizer(rules_dir, signature(rules_dir))


@lru_cache(maxsize=4)
def _tokenizer(rules_dir: str, _signature: tuple) -> jieba.posseg.POSTokenizer:
    base = jieba.Tokenizer()
    base.initialize()
    for word, freq, tag in user_words(Path(rules_dir)):
        base.add_word(word, freq, tag)
    return jieba.posseg.POSTokenizer(base)


def tokens(text: str, rules_dir: str = str(DEFAULT_RULES_DIR)) -> list[Token]:
    """POS-tagged tokens with their character offsets in text."""
    out, pos = [], 0
    for pair in tokenizer(rules_dir).cut(text, HMM=True):
        out.append(Token(pair.word, pair.flag, pos, pos + len(pair.word)))
        pos += len(pair.word)
    return out


def pos_tags(text: str, rules_dir: str = str(DEFAULT_RULES_DIR)) -> list[tuple[str, str]]:
    return [(t.word, t.flag) for t in tokens(text, rules_dir)]
