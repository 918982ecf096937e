"""Property tests: no input makes the pipeline raise, spans always point into the input, and
amounts written as Chinese text parse back to their value exactly."""
from __future__ import annotations

from decimal import Decimal

import cn2an
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import extract_text
from extract.mapped import fold
from extract.numbers import format_amount_cn, parse_amount, parse_count

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

GENRE_PIECES = ["总投资", "完成投资", "年度计划投资", "纳统", "的", "个", "项", "件", "亿元", "万元", "万亿元", "亿", "元",
                "重点项目", "攻坚项目", "工程", "民生实事", "约", "近", "超过", "以上", "余", "两", "十", "百", "千", "五十",
                "，", "。", "、", "；", "等", "其中", "签约", "过", "级", "\n", "　　", " ", "２０２４", "８．３", "区", "街道",
                "分别为", "和", "在内的", "包括", "（", "）"]
genre_text = st.lists(st.one_of(st.sampled_from(GENRE_PIECES), st.integers(0, 99999).map(str),
                                st.decimals(0, 9999, places=2).map(str)), max_size=40).map("".join)


def _check_spans(text: str) -> None:
    for r in extract_text(text, doc_id="p"):
        assert 0 <= r.start < r.end <= len(text)
        raw = fold(text[r.start:r.end])[0]
        assert "".join(raw.split()) == "".join(r.evidence.split())
        assert r.project_count is not None or r.amount_yuan is not None


@FAST
@given(st.text(max_size=300))
def test_random_unicode_never_raises(text):
    _check_spans(text)


@FAST
@given(genre_text)
def test_random_genre_fragments_never_raise(text):
    _check_spans(text)


@FAST
@given(st.integers(1, 10**13))
def test_amount_in_yi_and_wan_parses_back(value):
    """X亿Y万元 / Y万元 / X亿元 written as pages write them -> the same number of yuan."""
    value = value * 10**4 if value % 3 else value  # mix whole-万 values with arbitrary ones
    assert parse_amount(format_amount_cn(value)).value == float(value)


@FAST
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2), st.sampled_from(["亿元", "万元", "万亿元"]))
def test_decimal_amounts_parse_back(number, unit):
    factor = {"亿元": 10**8, "万元": 10**4, "万亿元": 10**12}[unit]
    assert parse_amount(f"{number}{unit}").value == float(number * factor)


@FAST
@given(st.integers(1, 9999), st.sampled_from(["亿元", "万元", "个", "项"]))
def test_chinese_numerals_parse_back(number, unit):
    written = cn2an.an2cn(number)  # 一千二百三十四
    if number % 3 == 0:
        written = written.replace("二", "两")  # papers write 两千, 两百 too
    if unit.endswith("元"):
        assert parse_amount(written + unit).value == float(number * {"亿元": 10**8, "万元": 10**4}[unit])
    else:
        quantity, measure = parse_count(written + unit)
        assert (quantity.value, measure) == (number, unit)
