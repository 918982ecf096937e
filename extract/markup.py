"""Markup inside text pages, masked before normalisation with every offset kept.

Real pages come with fragments of HTML and Markdown inside the text: the 新闻联播 transcripts
are Markdown files whose paragraphs are `<p>…</p>` runs with `<strong>` headlines, `<br>`,
`&nbsp;` and `[查看原文](…)` links.  Rather than deleting them (which would move every later
character), each markup character is replaced in place: a block tag by a line break and
filler, inline tags and links by filler, an entity by the character it stands for and filler.
The filler is U+001F, which Python counts as white space and normalisation drops, so the
cleaned text reads as if the markup were never there while its offsets stay those of the file.

Hand-written rather than an HTML parser: the pages are not HTML documents but text with
fragments in it, and a parser would neither keep offsets nor leave the text between tags alone.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

FILL = "\x1f"
_HAS_MARKUP = re.compile(r"<[a-zA-Z/!]|&(?:#\d|#x|[a-zA-Z]{2,8};)|\*\*|\]\(")
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|table|tr|td|th|section|article|blockquote|hr)\b[^<>]{0,500}>", re.I)
# Each pattern starts with one literal character (< [ * _), which re searches for instead of trying
# the pattern at every position: <!--…--> and </tag> share their <, a link's leading ! of an image
# is added after the match (_links), ** and __ are two searches.
_TAG = re.compile(r"<(?:!--.*?-->|/?[a-zA-Z][a-zA-Z0-9]*\b[^<>]{0,500}>)", re.S)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_MD_LINK = re.compile(r"\[[^\]\n]{0,80}\]\([^)\n]{0,800}\)")  # [查看原文](url): page furniture, dropped whole
_STARS, _UNDERSCORES = re.compile(r"\*\*"), re.compile("__")  # bold marks
# A paragraph that is nothing but a bold line: a headline (<p><strong>全国双拥办…</strong></p>)
_HEADLINE_PARA = re.compile(r"<p\b[^<>]*>\s*<(strong|b)\b[^<>]*>([^<>\n]{2,120})</\1>\s*(?:<br\s*/?>\s*)*</p>", re.I)


@dataclass
class Masked:
    """The page with its markup masked (same length as the raw text) and where its bold
    headlines start (offsets of their first character)."""

    text: str
    headlines: list[int] = field(default_factory=list)


def has_markup(text: str) -> bool:
    return _HAS_MARKUP.search(text) is not None


# _TAG with its block tags told by a group: one pass finds both.  At any start it matches what _TAG
# matches (a block tag's name is a tag's name up to the same \b); a block tag inside a comment is
# not found, but the comment, painted after it, covered it anyway.
_ANY_TAG = re.compile(r"<(?:(/?(?:p|div|br|h[1-6]|li|ul|ol|table|tr|td|th|section|article|blockquote|hr)\b[^<>]{0,500}>)"
                      r"|!--.*?-->|/?[a-zA-Z][a-zA-Z0-9]*\b[^<>]{0,500}>)", re.S | re.I)


def _fills(raw: str) -> list[tuple[int, int, str]]:
    """Every stretch of markup as (start, end, first character), in the order masking applies
    them: block tags, other tags, links, entities, bold marks."""
    tags = [(m.start(), m.end(), m.start(1)) for m in _ANY_TAG.finditer(raw)]
    out = [(a, b, "\n") for a, b, block in tags if block >= 0]
    out += [(a, b, FILL) for a, b, block in tags if block < 0]
    return out + _other_fills(raw)


def _other_fills(raw: str) -> list[tuple[int, int, str]]:
    """The stretches that are not tags: links, entities, bold marks (few on a page)."""
    out = [(start, end, FILL) for start, end in _links(raw)]
    for m in _ENTITY.finditer(raw):
        decoded = html.unescape(m.group())
        out.append((m.start(), m.end(), decoded if len(decoded) == 1 and decoded != "\xa0" else " "))
    return out + [(start, end, FILL) for start, end in _bold_marks(raw)]


def _tag_fill(m: re.Match) -> str:
    """A tag's mask: a line break for a block tag, then filler."""
    return ("\n" if m.start(1) >= 0 else FILL) + FILL * (m.end() - m.start() - 1)


def _links(raw: str) -> list[tuple[int, int]]:
    """Spans of Markdown links, an image's leading ! included, as a pattern starting with !? finds
    them (a link ends in ")", so the ! before one never belongs to the link before it)."""
    out = []
    for m in _MD_LINK.finditer(raw):
        start = m.start()
        out.append((start - 1 if start and raw[start - 1] == "!" else start, m.end()))
    return out


def _bold_marks(raw: str) -> list[tuple[int, int]]:
    """Spans of ** and __ in page order, as one search for either finds them (the two are made of
    different characters, so they never overlap)."""
    spans = [m.span() for m in _STARS.finditer(raw)]
    if "__" in raw:
        spans = sorted(spans + [m.span() for m in _UNDERSCORES.finditer(raw)])
    return spans


def mask_markup(raw: str) -> Masked:
    """Markup replaced by filler of the same length; see the module docstring."""
    if not has_markup(raw):
        return Masked(raw)
    headlines = [m.start(2) for m in _HEADLINE_PARA.finditer(raw)]
    # Tags never overlap one another (one pass finds them): they are masked by re.sub, in C but
    # for one call a tag.  The other stretches, if none overlaps another or a tag (a tag's mask
    # changes every character it covers, the first and last included, and no other stretch
    # starts with filler or a line break), are then cut in; else every stretch is painted in order.
    tagged = _ANY_TAG.sub(_tag_fill, raw) if "<" in raw else raw
    others = sorted(_other_fills(raw))
    if all(a[1] <= b[0] for a, b in zip(others, others[1:])) and all(tagged[a:b] == raw[a:b] for a, b, _ in others):
        parts, pos = [], 0
        for start, end, first in others:
            parts += (tagged[pos:start], first, FILL * (end - start - 1))
            pos = end
        parts.append(tagged[pos:])
        return Masked("".join(parts), headlines)
    return Masked(_painted(raw, _fills(raw)), headlines)


def _painted(raw: str, fills: list[tuple[int, int, str]]) -> str:
    """Stretches that overlap (an entity inside a link, a tag inside a comment): each painted
    over the ones before it, in order."""
    chars = list(raw)
    for start, end, first in fills:
        chars[start] = first
        chars[start + 1:end] = FILL * (end - start - 1)  # one slice, not a loop per character
    return "".join(chars)
