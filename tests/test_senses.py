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
