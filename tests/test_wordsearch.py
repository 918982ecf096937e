"""wordsearch.presence answers "does this window hold one of the words?" as the full list does."""
from __future__ import annotations

import random
import re
import tarfile
from pathlib import Path

import pytest

from extract.lexicon_tables import count_partner_words, words_of
from extract.rules import load_rules
from extract.wordsearch import plain_words, presence, shortest_words

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "corpora" / "xinwenlianbo-2022-2026.tar.gz"


def test_a_word_that_holds_another_is_dropped() -> None:
    assert shortest_words(["计划总投资", "总投资", "投资", "项目", "重点项目", "", "园区", "园"]) == ["园", "投资", "项目"]


def test_plain_words_are_read_and_patterns_are_not() -> None:
    assert plain_words("(?:总投资|投资)") == ["总投资", "投资"]
    assert plain_words("完成") == ["完成"]
    assert plain_words("[（(]") is None
    assert plain_words(r"\d+个") is None


def _word_lists() -> dict[str, list[str]]:
    lex = load_rules().lexicon
    return {"figure words": lex["category_heads"] + lex["named_project_heads"] + words_of(lex, "amount_kinds"),
            "amount kinds": words_of(lex, "amount_kinds"), "count partners": count_partner_words(lex)}


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    if NEWS.is_file():  # and 40 pages of the broadcast, when ../shared is here
        with tarfile.open(NEWS) as tar:
            members = [m for m in tar.getmembers() if m.isfile()][::35]
            texts += [tar.extractfile(m).read().decode("utf-8") for m in members]
    return texts


@pytest.mark.parametrize("name", ["figure words", "amount kinds", "count partners"])
def test_presence_agrees_with_the_full_list_in_every_window(name: str) -> None:
    """On real pages, windows of every size at random places: found by one, found by the other."""
    words = _word_lists()[name]
    full = re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))
    short = presence(words)
    assert len(short.pattern) <= len(full.pattern)
    rng = random.Random(7)
    found = 0
    for text in _texts():
        for _ in range(300):
            lo = rng.randrange(len(text))
            hi = min(len(text), lo + rng.choice((2, 5, 20, 130, 2000)))
            expected = full.search(text, lo, hi) is not None
            assert (short.search(text, lo, hi) is not None) == expected, (name, text[lo:hi])
            found += expected
    assert found > 100  # the windows held words often enough to test both answers
