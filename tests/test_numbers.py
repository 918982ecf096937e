"""Numbers as example lists (price-parser style): each case is a line of data."""
from __future__ import annotations

import pytest

from extract.numbers import parse_amount, parse_count

AMOUNTS = [  # text, yuan, qualifier
    ("2929亿元", 292_900_000_000, None),
    ("8.3亿元", 830_000_000, None),
    ("282.8亿元", 28_280_000_000, None),
    ("3500万元", 35_000_000, None),
    ("8600.5万元", 86_005_000, None),
    ("1.2万亿元", 1_200_000_000_000, None),
    ("4.8万亿元", 4_800_000_000_000, None),
    ("120亿", 12_000_000_000, None),                 # 亿 with no 元
    ("1115.2 亿元", 111_520_000_000, None),          # space inside
    ("1,250亿元", 125_000_000_000, None),
    ("约453亿元", 45_300_000_000, "approx"),
    ("近千亿元", 100_000_000_000, "nearly"),         # bare unit
    ("千亿", 100_000_000_000, None),                 # cn2an rejects this one
    ("超百亿元", 10_000_000_000, "over"),
    ("过亿", 100_000_000, "over"),
    ("逾210亿元", 21_000_000_000, "over"),
    ("2400余万元", 24_000_000, "over"),
    ("70亿元以上", 7_000_000_000, "at_least"),
    ("300亿元左右", 30_000_000_000, "approx"),
    ("三点五亿元", 350_000_000, None),
    ("五十亿元", 5_000_000_000, None),
    ("1亿5343万元", 153_430_000, None),               # found by the property test
    ("三亿五千万元", 350_000_000, None),
    ("两千万元", 20_000_000, None),                  # 两 in a compound numeral (held-out batch 2)
    ("两百亿元", 20_000_000_000, None),
]


@pytest.mark.parametrize("text, value, qualifier", AMOUNTS, ids=[a[0] for a in AMOUNTS])
def test_amount(text, value, qualifier):
    q = parse_amount(text)
    assert q.value == float(value) and q.qualifier == qualifier


COUNTS = [  # text, count, unit, qualifier
    ("151个", 151, "个", None),
    ("两个以上", 2, "个", "at_least"),
    ("五十个", 50, "个", None),
    ("三项", 3, "项", None),
    ("十二个", 12, "个", None),
    ("近50项", 50, "项", "nearly"),
    ("超300个", 300, "个", "over"),
    ("20多个", 20, "个", "over"),
    ("三十余个", 30, "个", "over"),
    ("10件41项", 10, "件", None),
]


@pytest.mark.parametrize("text, count, unit, qualifier", COUNTS, ids=[c[0] for c in COUNTS])
def test_count(text, count, unit, qualifier):
    q, u = parse_count(text)
    assert (q.value, u, q.qualifier) == (count, unit, qualifier)


@pytest.mark.parametrize("text", ["亿元以上", "圆百姓", "万名", ""])
def test_not_amounts(text):
    with pytest.raises(ValueError):
        parse_amount(text)


def test_plain_chinese_integers_read_as_cn2an_reads_them():
    """numbers.plain_integer reads whole numbers under ten thousand without importing cn2an; it
    must give cn2an's value for every such number cn2an writes, and for any other string either
    cn2an's strict value or None (then cn2an reads it, or rejects it, as before)."""
    import random

    import cn2an

    from extract.numbers import chinese_number, plain_integer

    assert all(chinese_number(cn2an.an2cn(v)) == v for v in range(1, 10_000))
    rnd = random.Random(20261202)
    for _ in range(20_000):
        text = "".join(rnd.choice("一二三四五六七八九十百千零") for _ in range(rnd.randint(1, 7)))
        text = "一" + text if text[0] in "十百千" else text  # as chinese_number reads a bare 十
        got = plain_integer(text)
        if got is not None:
            assert got == cn2an.cn2an(text, "strict"), text
        elif "零十" not in text and text != "零":  # chinese_number rejects these without cn2an: so does cn2an
            with pytest.raises(ValueError):
                chinese_number(text)
            with pytest.raises(Exception):
                cn2an.cn2an(text, "strict")
