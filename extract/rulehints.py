"""What every rule match needs, as cheap tests: a unit (or a stretch of a page) without it gives
no record, so it need not be read.

Two tests, both built from the rules folder (a user's new rule changes them):

- rule words (`rule_words`): one of them is in every match.  A rule anchored at an amount keyword
  holds an amount kind, one anchored at a count has a count partner near it, a rule looked for
  over the whole sentence holds its `needs`.  The pipeline asks it of each unit, the scan of
  each stretch of a page.
- anchors (`anchor_probe`): the scan asks a stretch that has its words whether it also holds a
  place some rule starts from: an amount kind then a numeral (AMOUNT_ANCHOR with its look-arounds
  dropped), a number and count unit with a count partner near it (what COUNT ends in, the partner
  looked for further out than matching.find_candidates does), or a sentence rule's `needs`.
  Look-arounds are dropped and reaches widened because the scan reads the page with white space
  removed, where a unit's neighbours stand closer than in the unit: the test may keep more than
  it must, never less.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon_tables import compiled, count_partner_words, words_of
from .wordsearch import plain_words, presence

# Between the shortest amount word found (投资 of 投资额度) and the amount's number stand the rest
# of the keyword, an amount link (预计达) and an amount's lead word (超过了, 不少于: AMOUNT_PRE,
# three characters at most): the longest keyword and link, and this margin.
AMOUNT_LEAD = 4
# A count partner is looked for PARTNER_WINDOW characters around a count's match (matching.py);
# the match may start a lead word (COUNT_PRE: 不少于, three characters at most) before the number
# run the probe finds and end a 及以上 after its unit (a second number and unit is a run of its own).
PARTNER_WINDOW = 30
PARTNER_REACH = PARTNER_WINDOW + 4
_AMOUNT_START = "[\\d零〇一二两三四五六七八九十百千万亿]"  # what AMOUNT's number starts with (过亿: 亿)
_COUNT_END = "[\\d.一二两三四五六七八九十百千万余多]+"  # a count's number run up to its unit

_CACHE: dict[int, tuple] = {}


def _cached(ruleset, key: str, build):
    """One value per ruleset (holding the ruleset keeps its id from being reused)."""
    hit = _CACHE.get(id(ruleset))
    if hit is None or hit[0] is not ruleset:
        hit = (ruleset, {})
        _CACHE[id(ruleset)] = hit
    if key not in hit[1]:
        hit[1][key] = build()
    return hit[1][key]


def _sentence_needs(ruleset) -> "list[str] | None":
    """The `needs` of every rule looked for over the whole sentence, as re patterns; None when one
    has none (it could match anywhere) or only regex can read it."""
    out = []
    for rule in ruleset.rules:
        if rule.anchor is None:
            if rule.needs is None or not isinstance(rule.needs, re.Pattern):
                return None
            out.append(rule.needs.pattern)
    return out


def rule_words(ruleset) -> "re.Pattern | None":
    """A pattern one of whose words (or sentence-rule needs) is in every match; None: not known."""
    def build() -> "re.Pattern | None":
        needs = _sentence_needs(ruleset)
        if needs is None:
            return None
        lex = ruleset.lexicon
        words = set(words_of(lex, "amount_kinds")) | set(count_partner_words(lex))
        patterns = []
        for pattern in needs:
            plain = plain_words(pattern)
            if plain is not None:
                words |= set(plain)
            else:
                patterns.append(f"(?:{pattern})")
        return re.compile("|".join([presence(words).pattern] + patterns))
    return _cached(ruleset, "rule_words", build)


@dataclass(frozen=True)
class AnchorProbe:
    """Does text[start:end] hold a place some rule starts from?  Asked of text without white
    space, as the scan reads it (see the module docstring)."""

    amount: re.Pattern
    count: re.Pattern
    partners: re.Pattern
    sentence: "re.Pattern | None"

    def found(self, text: str, start: int, end: int) -> bool:
        if self.amount.search(text, start, end) or (self.sentence is not None and self.sentence.search(text, start, end)):
            return True
        for m in self.count.finditer(text, start, end):
            if self.partners.search(text, max(0, m.start() - PARTNER_REACH), m.end() + PARTNER_REACH):
                return True
        return False


def anchor_probe(ruleset) -> "AnchorProbe | None":
    """The probe of a rules folder; None when its anchors are not the ones it knows (no
    AMOUNT_ANCHOR macro, or a sentence rule with no needs re can read)."""
    def build() -> "AnchorProbe | None":
        needs = _sentence_needs(ruleset)
        if needs is None or "AMOUNT_ANCHOR" not in ruleset.macros:
            return None
        lex, lx = ruleset.lexicon, compiled(ruleset.lexicon)
        kinds = lx["amount_kind_words"].pattern
        units = "|".join(map(re.escape, lex["count_units"]))
        gap = max(map(len, words_of(lex, "amount_kinds"))) + max(map(len, lex["amount_links"]), default=0) + AMOUNT_LEAD
        return AnchorProbe(re.compile(f"(?:{kinds}).{{0,{gap}}}?{_AMOUNT_START}", re.S),
                           re.compile(f"{_COUNT_END}(?:{units})"), lx["count_partner_words"],
                           re.compile("|".join(f"(?:{n})" for n in needs)) if needs else None)
    return _cached(ruleset, "anchor_probe", build)
