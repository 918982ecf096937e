"""The sense of 项目/工程 (rules/senses.yaml): the file's own examples must and must not give records,
and each word list does what its comment says on real phrasings."""
from __future__ import annotations

import pytest

from extract import extract_text
from extract.rules import DEFAULT_RULES_DIR
from extract.senses import load_senses

SENSES = load_senses(str(DEFAULT_RULES_DIR))


@pytest.mark.parametrize("text", SENSES.examples["record"])
def test_investment_figures_stay(text):
    assert extract_text(text, year=2024), f"no record: {text}"


@pytest.mark.parametrize("text", SENSES.examples["not_record"])
def test_other_senses_give_no_record(text):
    assert extract_text(text, year=2024) == [], f"a record from: {text}"


def test_an_investment_word_keeps_a_figure_whatever_the_context():
    """重点项目 next to a sports word is still a project figure (the context list only speaks when the
    category does not say investment)."""
    records = extract_text("运动会场馆建设期间，全市比赛场馆周边实施重点项目12个，总投资30亿元。", year=2024)
    assert [(r.project_count, r.amount_yuan) for r in records] == [(12, 3e9)]


def test_without_a_senses_file_every_figure_stays(tmp_path):
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    (rules / "senses.yaml").unlink()
    assert extract_text("该市共有国家级非遗项目42项。", rules_dir=rules, year=2024)


def test_a_count_after_a_comparison_is_a_difference():
    assert extract_text("今年全市签约项目数比去年增加12个。", year=2024) == []
    assert [r.project_count for r in extract_text("今年全市签约项目32个，比去年增加12个。", year=2024)] == [32]


def test_a_count_before_a_list_of_figures_counts_its_subject():
    """37家…帮扶单位援助资金31.08亿元、引进项目1002个 (a work report): the 37 are units, the 1002 projects."""
    records = extract_text("28家定点帮扶单位投入帮扶资金12.5亿元、引进项目600个。", year=2024)
    assert [r.project_count for r in records] == [600]


def test_a_size_class_before_the_head_is_no_amount_even_after_its_keyword():
    """23个投资额百亿元以上重大工业项目: 以上 sizes each project; the count stays, the amount does not."""
    records = extract_text("全省30个投资额50亿元以上重大工业项目建成投产。", year=2024)
    assert [(r.project_count, r.amount_yuan) for r in records] == [(30, None)]
