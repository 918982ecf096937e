"""Facts on the real 新闻联播 corpus (../shared/corpora): real repeats merged, real look-alikes kept apart.

A news day lists a story in its contents, then gives its heading and its body, so one figure
comes as 2-3 mentions on one page.  The repeats below were found by running `extract run` on the
corpus and reading the pages; the look-alikes are figures of the same size that are different
facts (another kind, a target and a result, another head noun).  The corpus is not in the
repository: these tests skip when ../shared is absent.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.cli import main
from extract.grouping import group
from extract.tables import load_records

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "xinwenlianbo-2022-2026.tar.gz"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not CORPUS.is_file(),
                                                   reason="the 新闻联播 corpus (../shared/corpora) is not here")]

# (doc_id, project_count, amount_yuan, what the page says): every mention of that figure on the page
REPEATS = [
    ("20240329", 687, 2167e8, "湖南集中开工687个重大项目 总投资2167亿元: contents, heading, body (687个项目，总投资2167亿元)"),
    ("20221111", 150, 1852e8, "四川150个重大文旅项目签约 总投资1852亿元: contents, heading, body (签约金额1852亿元)"),
    ("20230614", 290, None, "北京上半年开工重大项目290个: contents and heading"),
    ("20221031", 299, None, "前三季度我国新开工高速公路和普通国省道项目299个: contents and heading"),
    ("20230304", 76, None, "76个国家区域医疗中心项目落地实施: contents, heading, body (截至目前…)"),
    ("20240926", 100, None, "东博会已签约超百个重大项目: contents, heading, body (100多个重大项目)"),
]
# pairs of (doc_id, count, amount, evidence fragment) that state the same size but are different facts
DISTINCT = [
    (("20260412", 15, None, "15项重大水利工程"), ("20260412", 15, None, "城市更新项目15个")),
    (("20230131", 160, 2700e8, "160项重大项目"), ("20230131", 160, 1000e8, "重点产业项目160多个")),
    # a target (今年将完成投资1000亿元加强农村供水工程) and its result a year and a half later (完成投资超千亿)
    (("20240512", None, 1000e8, "完成投资1000亿元加强农村供水工程"), ("20251107", ..., 1000e8, "完成投资超千亿")),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("news") / "news.jsonl"
    assert main(["run", str(CORPUS), "-o", str(out)]) == 0
    return group(load_records([out]))


def _mentions_of(grouping, doc_id: str, count, amount, evidence: str | None = None):
    m = grouping.mentions
    here = m[m["doc_id"] == doc_id]
    if count is not ...:  # ... : any count (the pipeline reads 10个月 in 10个月我国… as a count today)
        here = here[here["project_count"].isna()] if count is None else here[here["project_count"] == count]
    if amount is None:
        here = here[here["amount_yuan"].isna()]
    else:
        here = here[(here["amount_yuan"] - amount).abs() <= 0.005 * amount]
    if evidence is not None:
        here = here[here["evidence"].str.contains(evidence, regex=False)]
    return here


def test_facts_are_fewer_than_records_and_each_lists_its_mentions(corpus):
    records, table = corpus.mentions, corpus.facts
    assert len(records) > 500
    assert len(table) < len(records)
    assert table["mention_count"].sum() == len(records) and table["fact_id"].is_unique
    spans = {(r.doc_id, r.start, r.end): r.fact_id for r in records.itertuples()}
    assert len(spans) == len(records)
    for fact in table.itertuples():
        assert fact.mention_count == len(fact.mentions) >= 1
        assert {spans[(m["doc_id"], m["start"], m["end"])] for m in fact.mentions} == {fact.fact_id}
        assert fact.doc_ids == list(dict.fromkeys(m["doc_id"] for m in fact.mentions))


@pytest.mark.parametrize("doc_id, count, amount, what", REPEATS, ids=[r[0] for r in REPEATS])
def test_a_figure_repeated_on_its_page_is_one_fact(corpus, doc_id, count, amount, what):
    mentions = _mentions_of(corpus, doc_id, count, amount)
    assert len(mentions) >= 2, f"{doc_id}: the page should give {what}"
    assert mentions["fact_id"].nunique() == 1, mentions[["evidence", "actor", "year", "period", "modality"]].to_string()
    fact = corpus.facts.set_index("fact_id").loc[mentions["fact_id"].iloc[0]]
    assert fact["mention_count"] >= len(mentions)


@pytest.mark.parametrize("a, b", DISTINCT, ids=[f"{a[0]}-{a[3]}" for a, _ in DISTINCT])
def test_figures_of_the_same_size_that_differ_stay_two_facts(corpus, a, b):
    first, second = _mentions_of(corpus, *a), _mentions_of(corpus, *b)
    assert len(first) and len(second), "both figures are on their pages"
    assert not set(first["fact_id"]) & set(second["fact_id"])
