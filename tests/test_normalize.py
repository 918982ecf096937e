"""Stage 1: normalisation keeps every character's raw offset while undoing newspaper damage."""
from __future__ import annotations

import pytest

from extract.mapped import fold
from extract.normalize import normalize, normalize_text


def _squeeze(s: str) -> str:
    return "".join(s.split())


def test_column_wraps_joined_mid_number(pages):
    text = normalize_text(pages["000_91750d39516a2c33"])
    assert "全年总投资2929亿元的627个项目完成目标任务" in text
    assert "邀请居民参与小区改造设计、施工、验收全过程" in text  # broken across a blank line


def test_page_break_mid_word_across_blank_lines(pages):
    text = normalize_text(pages["003_f8888489269c41ac"])
    assert "牢固树立“项目为王”理念" in text
    assert "截至目前已有18个项目开复工建设" in text
    assert "全力创造向上争取的骄人业绩。" in text


def test_headings_and_speaker_lines_stay_apart(pages):
    kinds = {(b.kind, b.text.text) for b in normalize(pages["003_f8888489269c41ac"])}
    assert ("speaker", "莱山经济开发区党工委书记、管委主任 王大昌") in kinds
    assert ("heading", "擂响项目战鼓 奏响奋进乐章") in kinds
    assert ("trail_byline", "YMG全媒体记者 徐睿 整理") in kinds


def test_letter_spacing_undone(pages):
    assert "一批优质项目，对青岛炼化" in normalize_text(pages["000_91750d39516a2c33"])


def test_caption_moved_out_of_the_sentence_it_cuts(pages):
    blocks = normalize(pages["001_34076e840c5a4fa3"])
    texts = [b.text.text for b in blocks]
    assert any("其中，实施总投资494亿元的明董高速等公路、港口、码头项目23个" in t for t in texts)
    assert any(b.kind == "caption" and b.text.text.startswith("西海岸新区总投资5.3亿元") for b in blocks)
    assert any("和泰东北亚智能制造基地" in t for t in texts)


def test_every_character_maps_back_to_its_raw_offset(pages):
    for raw in pages.values():
        for block in normalize(raw):
            mapped = block.text
            for i, ch in enumerate(mapped.text):
                original = raw[mapped.raw_index(i)]
                assert original == ch or fold(original)[0] == ch, (ch, original)


@pytest.mark.parametrize("raw, expected", [
    ("总投资２９２９亿元", "总投资2929亿元"),          # full-width digits
    ("完成投资８．３亿元", "完成投资8.3亿元"),         # full-width decimal point
    ("ＡＢＣ项目", "ABC项目"),                       # full-width letters
    ("总投资1115.2 亿元", "总投资1115.2亿元"),        # space inside a number
    ("实施“微更新”项目，共 300 个。", "实施“微更新”项目，共300个。"),
])
def test_folds_and_spaces(raw, expected):
    assert normalize_text(raw) == expected


def test_nfc_composition_keeps_offsets():
    raw = "e\u0301项目5个"  # decomposed é
    block = normalize(raw)[0]
    assert block.text.text == "é项目5个"
    assert block.text.raw_index(1) == 2


def test_caption_markers_do_not_join_prose():
    raw = "要下大力气争取项目、扩大投资，高效实施总投资300亿元的22个项目；要吃透\n\n\n今年，市北区将开展活动。 资料图片\n\n产业发展现状、趋势。"
    texts = [b.text.text for b in normalize(raw)]
    assert texts[0].endswith("要吃透产业发展现状、趋势。")
    assert texts[1].startswith("今年，市北区将开展活动。")
