"""The fast paths of normalisation give what the general paths give (issue 15: they exist only
to be cheaper, so each is checked against the slow code it stands in for)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.markup import _fills, _painted, mask_markup
from extract.mapped import _CJK_CHAR, CJK_PUNCT, FILL, MappedText, _LETTER_SPACED, _SPACE_RUN, _clean_line, clean_spaced
from extract.normalize import split_lines

ROOT = Path(__file__).resolve().parent.parent
MARKUP = [
    "<p><strong>央视网消息</strong>（新闻联播）：今年&nbsp;全市实施**重点项目**120个&amp;总投资3亿元。</p>",
    "[查看原文](https://tv.cctv.com/x.shtml)<br/>第二段<div class=\"a\">第三段</div>",
    "<!-- 注释 <p>里面</p> -->正文[链接&amp;文字](u)与**[粗体链接](v)**",  # overlapping stretches
    "没有标记的一行",
]


@pytest.mark.parametrize("raw", MARKUP)
def test_markup_cut_and_joined_as_painted(raw: str) -> None:
    expected = _painted(raw, _fills(raw)) if _fills(raw) else raw
    masked = mask_markup(raw)
    assert masked.text == expected and len(masked.text) == len(raw)


def _fills_in_two_passes(raw: str) -> list[tuple[int, int, str]]:
    """_fills as it was: block tags found by a pass of their own, then the other tags."""
    from extract import markup

    out = [(m.start(), m.end(), "\n") for m in markup._BLOCK_TAG.finditer(raw)]
    blocks = {a for a, _, _ in out}
    out += [(m.start(), m.end(), markup.FILL) for m in markup._TAG.finditer(raw) if m.start() not in blocks]
    out += [(start, end, markup.FILL) for start, end in markup._links(raw)]
    for m in markup._ENTITY.finditer(raw):
        decoded = markup.html.unescape(m.group())
        out.append((m.start(), m.end(), decoded if len(decoded) == 1 and decoded != "\xa0" else " "))
    return out + [(start, end, markup.FILL) for start, end in markup._bold_marks(raw)]


@given(st.lists(st.sampled_from(["<p>", "</p>", "<P class=x>", "<br/>", "<strong>", "</strong>", "<!--", "-->", "<pre>",
                                 "<p_x>", "<h2>", "&amp;", "&nbsp;", "&#20010;", "[a](b)", "[", "](u)", "!", "**", "__", "文字", "\n", " ", "<", ">", "\x1f"]), max_size=16))
@settings(max_examples=600, deadline=None)
def test_tags_found_in_one_pass_mask_as_in_two(parts: list[str]) -> None:
    from extract.markup import has_markup

    raw = "".join(parts)
    fills = _fills_in_two_passes(raw) if has_markup(raw) else []  # a page without markup is left as it is
    assert mask_markup(raw).text == (_painted(raw, fills) if fills else raw)


def _general_clean(raw: str, start: int) -> MappedText:
    """_clean_line's general path, for a line with white space inside."""
    stripped = raw.strip()
    return clean_spaced(stripped, start + len(raw) - len(raw.lstrip()), start)


@pytest.mark.parametrize("raw", ["\x1f\x1f央视网\x1f\x1f消息\x1f：今年\x1f\x1f", "\x1f一\x1f二\x1f\x1f三", "甲\x1f乙"])
def test_filler_only_line_as_the_general_path(raw: str) -> None:
    fast, slow = _clean_line(raw, 7), _general_clean(raw, 7)
    assert (fast.text, fast.starts, fast.srcs) == (slow.text, slow.starts, slow.srcs)


def test_blank_lines_are_not_made() -> None:
    text = "第一行\n\n  \n\x1f\x1f\n第二行"
    lines = split_lines(text, None)
    assert [(l.raw_start, l.clean.text) for l in lines] == [(0, "第一行"), (len(text) - 3, "第二行")]


# The one-leading-class patterns (scan.py, sentences.py) stand for these alternations.
_ALTERNATIONS = {
    "hint": r"[\d一二两三四五六七八九十百千][\s余多]*[个项件处宗条家座亿万元]|[过超]\s*亿|万\s*余",
    "hint_bare": r"[\d一二两三四五六七八九十百千][余多]*[个项件处宗条家座亿万元]|[过超]亿|万余",
    "figure_hint": r"(?:\d|[一二两三四五六七八九十百千])\s?(?:余|多)?\s?(?:个|项|件|处|宗|条|家|座|亿|万|元)|[过超]亿|万余",
    "caption_sign": r"[■▲△◆摄]|供\s*图|资\s*料\s*图\s*片|图\s*片\s*来\s*源|图\s*/",
}
_TEXT = st.text(alphabet="12３一十千万亿个项元过超余多 \n摄供资料图片来源/■。！？项目x#*_[]()!<p>", max_size=40)


@given(_TEXT)
@settings(max_examples=400, deadline=None)
def test_leading_class_patterns_find_what_the_alternations_find(text: str) -> None:
    from extract import scan, sentences

    for name, pattern in (("hint", scan._HINT), ("hint_bare", scan._HINT_BARE), ("figure_hint", sentences.FIGURE_HINT),
                          ("caption_sign", scan._CAPTION_SIGN)):
        expected = [m.span() for m in re.finditer(_ALTERNATIONS[name], text)]
        assert [m.span() for m in pattern.finditer(text)] == expected, name


@given(_TEXT)
@settings(max_examples=400, deadline=None)
def test_literal_led_markup_patterns_find_what_the_originals_find(text: str) -> None:
    from extract import markup

    assert markup._links(text) == [m.span() for m in re.finditer(r"!?\[[^\]\n]{0,80}\]\([^)\n]{0,800}\)", text)]
    assert markup._bold_marks(text) == [m.span() for m in re.finditer(r"\*\*|__", text)]
    tags = r"<!--.*?-->|</?[a-zA-Z][a-zA-Z0-9]*\b[^<>]{0,500}>"
    assert [m.span() for m in markup._TAG.finditer(text)] == [m.span() for m in re.finditer(tags, text, re.S)]


def _pages() -> list[str]:
    from extract.reader import read_page

    return [read_page(p).text for p in sorted((ROOT / "data" / "raw").glob("*.txt"))] + MARKUP + [
        "\n".join(["### 标题", "#", "  ### ", "短行一二三四五六七八九十"] * 8),
        "\n".join("一二三四五六七八九十一二三四"[: 8 + k % 5] for k in range(40)),
    ]


@pytest.mark.parametrize("text", _pages(), ids=lambda t: t[:12])
def test_page_width_and_cuts_as_the_general_paths(text: str) -> None:
    """_page_width is column_width of the page's cleaned lines; cuts are the # lines that read as
    headings with text, found line by line."""
    from extract import scan
    from extract.normalize import _page_width, column_width, prepare

    page = prepare(text)
    lines = split_lines(page.text, page.fold_map, page.headlines, None, page.lines, page.offsets)
    assert _page_width(page.lines) == column_width(lines)
    by_line = [i for i, line in enumerate(page.lines) if line.lstrip()[:1] == "#" and scan._heading_with_text(line)]
    assert scan.cuts(page) == by_line


@given(st.lists(st.text(alphabet=" \x1f#—。项目12个", max_size=8), max_size=12), st.sets(st.integers(0, 11)))
@settings(max_examples=400, deadline=None)
def test_one_line_units_found_in_the_page_as_line_by_line(lines: list[str], heads: set[int]) -> None:
    """The lines that may be one unit whole, found by two searches of the page, are those
    _may_be_one_unit finds line by line (plus the bold headlines)."""
    from extract import scan
    from extract.normalize import prepare

    page = prepare("\n".join(lines))
    heads = sorted(k for k in heads if k < len(page.lines))
    by_line = [k for k, line in enumerate(page.lines) if k in heads or scan._may_be_one_unit(line)]
    assert scan.one_line_units(page, heads) == by_line


@given(st.text(alphabet="12一个项亿元项目投资。！？x", max_size=40))
@settings(max_examples=400, deadline=None)
def test_shares_sentence_asks_for_one_stretch_with_both(bare: str) -> None:
    from extract import scan

    words = re.compile("项目|投资")
    stretches = re.split("[。！？]", bare)
    if len(stretches) == 1:  # one stretch: its caller found a hint, so only the words are asked
        expected = words.search(bare)
    else:
        expected = any(scan._HINT_BARE.search(s) and words.search(s) for s in stretches)
    assert scan._shares_sentence(bare, scan.Scan(words, None)) == bool(expected)


def test_a_broken_rjieba_falls_back_to_jieba(monkeypatch, caplog):
    """rjieba is looked up, not imported, at start-up; if it is on the path but cannot be imported
    (a wheel for another Python), segmentation falls back to jieba with a warning, not a traceback."""
    import builtins

    from extract import segment

    real_import = builtins.__import__

    def no_rjieba(name, *args, **kwargs):
        if name == "rjieba":
            raise ImportError("simulated broken wheel")
        return real_import(name, *args, **kwargs)

    monkeypatch.setitem(segment._BACKEND, "name", "rjieba")
    monkeypatch.setattr(builtins, "__import__", no_rjieba)
    segment._tokenizer.cache_clear()
    try:
        words = [t.word for t in segment.tokens("今年湖南将启动30个产业数字化转型项目")]
    finally:
        segment._tokenizer.cache_clear()
    assert "湖南" in words and segment.segmenter_name() == "jieba"
    assert "rjieba cannot be imported" in caplog.text


# ----- clean_spaced as it was (a set of indices, walked one by one), for the mask-based one -----

def _removable_spaces_by_index(line: str) -> set[int]:
    """_removable_spaces as it was, a set of indices (the oracle of the mask)."""
    drop: set[int] = {i for i, ch in enumerate(line) if ch == FILL} if FILL in line else set()
    for m in _LETTER_SPACED.finditer(line):
        drop.update(m.start() + k for k, ch in enumerate(m.group()) if ch == " ")
    for m in _SPACE_RUN.finditer(line):
        if drop and all(k in drop for k in range(m.start(), m.end())):
            continue  # filler only: already dropped (a tag between two words joins them)
        left = line[m.start() - 1] if m.start() else ""
        right = line[m.end()] if m.end() < len(line) else ""
        if (left and left in CJK_PUNCT) or (right and right in CJK_PUNCT) \
                or (left.isdigit() and (right in "亿万元个项件千百.%" or right.isdigit())) \
                or (left == "." and right.isdigit()) \
                or (left.isdigit() and _CJK_CHAR.match(right)) or (right.isdigit() and _CJK_CHAR.match(left or " ")):
            drop.update(range(m.start(), m.end()))
    return drop


def _clean_spaced_by_index(stripped: str, base: int, raw_start: int) -> MappedText:
    """clean_spaced as it was, an index at a time: the oracle of the mask-based one."""
    chars, starts, srcs = [], [], []
    pos = 0
    for cut in sorted(_removable_spaces_by_index(stripped)) + [len(stripped)]:
        if cut > pos:
            starts.append(sum(len(c) for c in chars[-1:]) + (starts[-1] if starts else 0))
            srcs.append(base + pos)
            chars.append(stripped[pos:cut])
        pos = max(pos, cut + 1)
    return MappedText("".join(chars), starts or [0], srcs or [raw_start])


@given(st.text(alphabet="\x1f 　一二项目12.3亿，。（）ab", min_size=1, max_size=40))
@settings(max_examples=600, deadline=None)
def test_clean_spaced_by_mask_as_by_index(raw: str) -> None:
    stripped = raw.strip() or "甲"
    fast, slow = clean_spaced(stripped, 5, 3), _clean_spaced_by_index(stripped, 5, 3)
    assert (fast.text, fast.starts, fast.srcs) == (slow.text, slow.starts, slow.srcs)
