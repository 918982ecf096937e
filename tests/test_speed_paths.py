"""The fast paths of normalisation give what the general paths give (issue 15: they exist only
to be cheaper, so each is checked against the slow code it stands in for)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.markup import _fills, _painted, mask_markup
from extract.mapped import MappedText, _clean_line, clean_spaced
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
