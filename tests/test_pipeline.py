"""The whole pipeline on the seed pages: the contract's own examples, offsets, the Python API."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from extract import COLUMNS, Record, extract_file, extract_pages, extract_text, to_frame

ROOT = Path(__file__).resolve().parent.parent


def _find(records, count, amount):
    hits = [r for r in records if r.project_count == count and r.amount_yuan == amount]
    assert hits, f"no record count={count} amount={amount}"
    return hits[0]


def test_contract_examples_on_seed_pages(seed_records):
    p000, p001, p002, p003 = (seed_records[k] for k in sorted(seed_records)[:4])
    r = _find(p000, 627, 292_900_000_000.0)
    assert (r.category, r.amount_kind, r.actor, r.year, r.period, r.modality) == (
        "项目", "total_investment", "区城市更新办", 2024, "FY", "target")
    r = _find(p001, 23, 49_400_000_000.0)
    assert r.projects == ["明董高速"] and r.category == "公路、港口、码头项目"
    r = _find(p001, 169, 28_280_000_000.0)
    assert (r.amount_kind, r.modality, r.actor) == ("completed_investment", "actual", "城阳区")
    r = _find(p003, 42, 45_300_000_000.0)
    assert (r.amount_kind, r.amount_qualifier, r.actor) == ("total_investment", "approx", "莱山经济开发区")
    r = _find(p003, None, 12_350_000_000.0)
    assert r.amount_kind == "annual_investment"
    r = _find(p001, 11, None)
    assert r.category == "50亿元以上项目"
    r = _find(p002, 2, None)
    assert (r.count_qualifier, r.category) == ("at_least", "过百亿元项目")
    r = _find(p001, None, 5_000_000_000.0)
    assert r.projects == ["和泰东北亚智能制造基地"]


def test_traps_from_the_seeds(seed_records):
    p001 = seed_records["001_34076e840c5a4fa3"]
    # 项目11个，20亿元以上项目10个 must not merge into an amount
    assert _find(p001, 10, None).category == "20亿元以上项目"
    everything = [r for recs in seed_records.values() for r in recs]
    assert not any("圆" in (r.amount_text or "") for r in everything)
    assert not any(r.amount_yuan == 2.88e9 for r in everything)  # 降费28.8亿元 is not a project figure


def test_offsets_point_at_the_evidence(seed_records, pages):
    for doc_id, records in seed_records.items():
        raw = pages[doc_id]
        for r in records:
            assert "".join(raw[r.start:r.end].split()) == "".join(r.evidence.split()), r


def test_caption_and_body_are_two_mentions(seed_records):
    parks = [r for r in seed_records["001_34076e840c5a4fa3"] if r.project_count == 54]
    assert len(parks) == 2 and parks[0].start != parks[1].start


def test_year_from_caller_when_page_has_none():
    text = "今年，某区计划实施重点项目50个，总投资120亿元。"
    assert extract_text(text)[0].year is None
    assert extract_text(text, year=2025)[0].year == 2025
    assert extract_text("2023年，某区实施重点项目50个。", year=2025)[0].year == 2023


def test_frame_has_exactly_the_contract_columns(seed_records):
    frame = to_frame(seed_records["000_91750d39516a2c33"])
    assert list(frame.columns) == COLUMNS
    assert frame["amount_yuan"].dtype == "float64" and str(frame["project_count"].dtype) == "Int64"
    empty = to_frame([])
    assert list(empty.columns) == COLUMNS and len(empty) == 0


def test_extract_pages_and_file_agree(raw_dir):
    paths = sorted(raw_dir.glob("*.txt"))
    together = extract_pages(paths)
    separately = [r for p in paths for r in extract_file(p)]
    assert together == separately and all(isinstance(r, Record) for r in together)


def test_works_in_a_fresh_interpreter_like_a_notebook():
    code = ("from extract import extract_text, to_frame;"
            "r = extract_text('确保一季度总投资124亿元的151个攻坚项目开工建设。', doc_id='n', year=2024);"
            "f = to_frame(r); print([int(f.project_count[0]), float(f.amount_yuan[0]), int(f.year[0]), f.period[0]])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", check=True).stdout
    assert out.strip() == "[151, 12400000000.0, 2024, 'Q1']"


def test_distractors_give_nothing():
    for text in ["今年前10月，固定资产投资增长12.5%，连续三年保持两位数增长。",
                 "累计退税、减税、缓税、降费28.8亿元，用“真金白银”为企业排忧纾困。",
                 "全市地区生产总值完成1230.5亿元，同比提高56亿元。",
                 "早日圆百姓“安居梦”，新增泊位5000个，改造老旧小区28个。",
                 "力争全年新签约入驻企业100家以上，打造2座“十亿元级”税收楼宇。"]:
        assert extract_text(text) == [], text


def test_a_page_of_another_city_in_gb18030_with_16_character_wraps():
    """Written for this test: Chengdu, 2025, GB18030, full-width digits, a 16-character column."""
    from extract import extract_file

    page = Path(__file__).parent / "pages" / "chengdu_gb18030_wrapped.txt"
    got = {(r.project_count, r.amount_yuan): r for r in extract_file(page)}
    assert set(got) == {(850, 3.2e12), (None, 4.3e11), (426, None), (218, None), (312, 2.15e11), (45, 6.8e10),
                        (850, 1.12e11), (10, None), (120, None)}
    assert got[(850, 3.2e12)].amount_qualifier == "approx" and got[(850, 3.2e12)].actor == "成都市"
    assert got[(850, 1.12e11)].actor == "成都市"  # not 天府新区, a side remark of the paragraph before
    assert got[(45, 6.8e10)].actor == "天府新区" and got[(45, 6.8e10)].period == "Q1"
    assert got[(10, None)].category == "百亿级项目" and got[(120, None)].category == "重点项目"
    assert {r.year for r in got.values()} == {2025}
    assert not any(r.amount_yuan == 2.65e11 for r in got.values())  # 社会消费品零售总额 is no project figure


def test_an_amount_in_the_next_sentence_joins_the_group_before_it():
    """docs/annotation.md 7.9: a sentence whose amount has no group of its own carries the group
    of the sentence before, as a record with count null; an amount with a subject of its own does not."""
    text = "全县安排重点项目136个。1-9月共完成投资88.4亿元，完成年度计划的82%。"
    got = [(r.project_count, r.amount_yuan, r.category, r.modality) for r in extract_text(text, year=2024)]
    assert got == [(136, None, "重点项目", "target"), (None, 88.4e8, "重点项目", "actual")]
    for other in ("全县安排重点项目136个。全国完成水利建设投资1898亿元。",
                  "全县安排重点项目136个。全县固定资产投资增长8%，完成投资88.4亿元。",
                  "全县安排重点项目136个。\n\n1-9月共完成投资88.4亿元。"):
        assert [r.project_count for r in extract_text(other, year=2024)] == [136], other


def test_an_amount_after_a_semicolon_is_the_groups_only_without_a_subject_of_its_own():
    """…70个重点项目集中开工；福建一季度力争完成投资1700亿元: the province's target, not the 70's;
    59个项目，较去年增长96.67%；总投资1163.1亿元: still the 59's."""
    other = extract_text("雄安新区70个重点项目集中开工，涵盖多个方面；福建一季度力争完成投资1700亿元。", year=2025)
    assert [(r.project_count, r.amount_yuan) for r in other] == [(70, None)]
    same = extract_text("今年，河北重点建设59个新能源项目，较去年增长96.67%；总投资1163.1亿元。", year=2024)
    assert [(r.project_count, r.amount_yuan) for r in same] == [(59, 1163.1e8)]


def test_vague_counts_and_amounts_give_no_figure():
    """几十个 / 数千个 / 十几个 say "tens", "thousands": no count (the 十 of 几十 is not 10), as
    数十亿元 is no amount; 三十多个 and 上千个 are counts with their qualifiers."""
    for text in ("中哈成功实施了几十个重要合作项目。", "我们开展了数千个务实合作项目。", "实施了十几个重点项目。"):
        assert extract_text(text, year=2024) == [], text
    assert [r.amount_yuan for r in extract_text("重点项目12个，总投资数十亿元。", year=2024)] == [None]
    got = extract_text("今年开工三十多个重点项目。", year=2024)
    assert [(r.project_count, r.count_qualifier) for r in got] == [(30, "over")]


@pytest.mark.parametrize("text, name", [
    ("1、滨江文旅小镇项目总投资12亿元。", "滨江文旅小镇项目"),  # list numbering is no part of a name
    ("（一）青岛上合广场项目总投资约30亿元。", "青岛上合广场项目"),
    ("（2）“两重”项目已完成投资超1.2万亿元；", "“两重”项目"),  # the quote after the number stays
    ("特色小镇项目总投资12亿元。", "特色小镇项目"),  # 小镇 is a work, not a place ending the name
])
def test_named_projects_lose_list_numbering_and_keep_their_words(text, name):
    (record,) = extract_text(text, doc_id="t", year=2025)
    assert record.projects == [name] and record.evidence.startswith(name)
