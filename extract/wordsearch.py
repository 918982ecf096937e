"""Does a text hold one of these words?  Patterns built for that question only.

Many look-ups ask only whether a stretch holds a word of a list (a figure word, an amount kind,
a rule's `needs`), not which word or where.  For that question a word that holds another word
of the list can be dropped: a text with 计划总投资 holds 投资.  The standard library's re tries
the words of an alternation one after another wherever one may start, so 130 figure words cut
to the 55 that hold no other are found a third faster (measured on the 新闻联播 pages), and re
itself finds plain words about three times as fast as `regex`.  The answer is the same for
any text and any [pos, endpos) window, since a word found in a window lies inside it, and so
does every word it holds.
"""
from __future__ import annotations

import re
from typing import Iterable

_PLAIN = re.compile(r"[^\\.^$*+?{}()\[\]|]+")  # a word with no regex syntax in it


def shortest_words(words: Iterable[str]) -> list[str]:
    """The words that hold no other word of the list (empty words dropped), shortest first."""
    kept: list[str] = []
    for word in sorted({w for w in words if w}, key=lambda w: (len(w), w)):
        if not any(k in word for k in kept):
            kept.append(word)
    return kept


def presence(words: Iterable[str]) -> re.Pattern:
    """A pattern whose search finds a match exactly where the text (or window) holds one of the
    words; which word it finds is not said (ask the full list for that)."""
    return re.compile("|".join(map(re.escape, shortest_words(words))))


def plain_words(pattern: str) -> list[str] | None:
    """The words of a pattern written as plain words (完成; 总投资|投资; (?:大)), else None."""
    body = pattern
    while body.startswith("(?:") and body.endswith(")") and body.count("(") == 1:
        body = body[3:-1]
    words = body.split("|")
    return words if all(_PLAIN.fullmatch(w) for w in words) else None
