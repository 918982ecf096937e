"""Mentions -> facts (extract/grouping.py, docs/facts.md): which mentions become one fact and which never do.

Small record sets written by hand, one per decision; the real repeats of the 新闻联播 corpus are in
test_facts_corpus.py.
"""
from __future__ import annotations

import json
import random
from dataclasses import replace

import pytest

from extract import facts
from extract.actors import ActorNames
from extract.cli import main
from extract.grouping import group
from extract.records import Record, write_records
from extract.tables import load_records, read_facts

_counter = iter(range(10_000))


def rec(doc: str = "p1", actor: str | None = "湖南省", year: int | None = 2024, period: str | None = "FY",
        count: int | None = 100, amount: float | None = 5e10, kind: str | None = "total_investment",
        modality: str = "target", category: str | None = "重点项目", evidence: str = "100个重点项目，总投资500亿元",
        **more) -> Record:
    """A record with the fields grouping reads; start grows so that every record is its own mention."""
    start = next(_counter) * 100
    return Record(doc, start, start + len(evidence), evidence, f"今年，{evidence}。", actor, year, period, count,
                  "个" if count is not None else None, None, category, amount,
                  None if amount is None else f"{amount / 1e8:g}亿元", kind if amount is not None else None, None,
                  modality, [], "test_rule", **more)


def fact_of(records: list[Record]) -> list[str]:
    """The fact_id of each record, in the records' order."""
    return group(records).mentions["fact_id"].tolist()


@pytest.mark.parametrize("a, b", [
    ("青岛西海岸新区", "西海岸新区"), ("湖南", "湖南省"), ("山东省青岛市", "青岛市"), ("广西壮族自治区", "广西"),
    ("天津滨海新区", "滨海新区"), ("上海浦东", "浦东新区"), ("我国", "全国"),
])
def test_names_of_one_place_have_one_key(a, b):
    names = ActorNames.load()
    assert names.key(a) == names.key(b)


@pytest.mark.parametrize("a, b", [
    ("吉林省", "吉林市"),  # one short form, two places: the suffix stays
    ("长沙县", "长沙市"), ("浙江省委", "浙江省"), ("滨海县", "滨海新区"), ("城阳区", "崂山区"),
])
def test_names_of_different_places_keep_apart(a, b):
    names = ActorNames.load()
    assert names.key(a) != names.key(b)


def test_the_same_figure_on_two_pages_is_one_fact_with_both_pages():
    records = [rec("20240301", actor="青岛西海岸新区", page_date="2024-03-01"),
               rec("20240215", actor="西海岸新区", page_date="2024-02-15")]
    table = facts(records)
    assert len(table) == 1
    fact = table.iloc[0]
    assert fact["mention_count"] == 2 and sorted(fact["doc_ids"]) == ["20240215", "20240301"]
    assert fact["first_date"] == "2024-02-15"
    assert {(m["doc_id"], m["start"]) for m in fact["mentions"]} == {(r.doc_id, r.start) for r in records}


@pytest.mark.parametrize("change", [
    {"modality": "actual"},                              # a target and a result of the same size
    {"year": 2025}, {"period": "Q1"}, {"period": None, "doc": "p2"},
    {"count": 101}, {"count": None},
    {"amount": 5.1e10},                                  # 2% apart
    {"kind": "completed_investment"},
    {"actor": "广东省"}, {"actor": "吉林市"},
])
def test_a_difference_in_a_deciding_field_keeps_two_facts(change):
    base = {"doc": "p2", "actor": "吉林省"} if change.get("actor") == "吉林市" else {}
    a = rec(**{**base, "doc": "p1"} if "doc" not in change else base)
    b = rec(**{**base, **change})
    assert len(set(fact_of([a, b]))) == 2


def test_amounts_within_half_a_percent_are_one_figure():
    assert len(set(fact_of([rec(amount=1852e8), rec(doc="p2", amount=1850e8)]))) == 1  # 0.1%
    assert len(set(fact_of([rec(amount=1852e8), rec(doc="p2", amount=1840e8)]))) == 2  # 0.65%


def test_wording_qualifiers_and_category_do_not_split_a_figure_with_an_amount():
    a = rec(category="重大项目", evidence="687个重大项目 总投资2167亿元", amount=2167e8, count=687)
    b = rec(doc="p2", category="项目", evidence="687个项目，总投资2167亿元", amount=2167e8, count=687, actor="湖南")
    assert len(set(fact_of([a, b]))) == 1


def test_a_missing_actor_is_filled_from_the_same_figure_on_its_own_page():
    contents = rec("d1", actor=None, period=None)         # the day's list of contents: no actor, no period
    body = rec("d1", actor="湖南省")
    elsewhere = rec("d2", actor="湖南")                     # the same figure on another day
    ids = fact_of([contents, body, elsewhere])
    assert len(set(ids)) == 1
    fact = facts([contents, body, elsewhere]).iloc[0]
    assert fact["actor_key"] == "湖南" and fact["period"] == "FY" and fact["mention_count"] == 3


def test_a_missing_actor_never_joins_another_page():
    ids = fact_of([rec("d1", actor=None), rec("d2", actor="湖南省"), rec("d3", actor=None)])
    assert len(set(ids)) == 3


def test_a_missing_actor_stays_alone_when_its_page_names_two_actors_for_the_figure():
    nameless, hunan, guangdong = rec("d1", actor=None), rec("d1", actor="湖南省"), rec("d1", actor="广东省")
    ids = fact_of([nameless, hunan, guangdong])
    assert len(set(ids)) == 3


def test_two_nameless_mentions_of_one_page_are_one_fact():
    assert len(set(fact_of([rec("d1", actor=None), rec("d1", actor=None)]))) == 1


def test_a_filled_field_never_overrides_a_stated_one():
    # the contents line says 2024, the body 2023: different years are different figures
    assert len(set(fact_of([rec("d1", actor=None, year=2024), rec("d1", year=2023)]))) == 2


def test_a_bare_count_needs_its_head_noun_on_a_page_and_its_category_across_pages():
    bare = dict(amount=None, count=10)
    assert len(set(fact_of([rec("d1", category="项目", **bare), rec("d1", category="实事", **bare)]))) == 2
    assert len(set(fact_of([rec("d1", category="重大项目", **bare), rec("d1", category="项目", **bare)]))) == 1
    assert len(set(fact_of([rec("d1", category="重大项目", **bare), rec("d2", category="项目", **bare)]))) == 2
    assert len(set(fact_of([rec("d1", category="重大项目", **bare), rec("d2", category="重大项目", **bare)]))) == 1


def test_fact_ids_do_not_depend_on_record_order():
    records = [rec("d1", actor=None), rec("d1"), rec("d2", actor="湖南"), rec("d2", modality="actual"),
               rec("d3", amount=None, count=7), rec("d3", actor="广东省", year=2023)]
    ids = dict(zip(((r.doc_id, r.start) for r in records), fact_of(records)))
    shuffled = records[:]
    random.Random(4).shuffle(shuffled)
    assert dict(zip(((r.doc_id, r.start) for r in shuffled), fact_of(shuffled))) == ids
    table = facts(records)
    assert table["fact_id"].is_unique and len(table) == 4 and table["mention_count"].sum() == len(records)


def test_a_date_in_the_page_id_is_the_first_date_when_the_page_gives_none():
    assert facts([rec("20250302"), rec("20241222")]).iloc[0]["first_date"] == "2024-12-22"


def test_facts_of_a_dataframe_equal_facts_of_records():
    from extract import to_frame

    records = [rec("d1"), rec("d2", actor="湖南"), rec("d2", modality="actual")]
    assert facts(to_frame(records))["fact_id"].tolist() == facts(records)["fact_id"].tolist()
    assert facts([]).empty


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".xlsx", ".parquet"])
def test_extract_facts_writes_every_format_and_reads_it_back(tmp_path, suffix):
    records = [rec("d1", actor=None), rec("d1"), rec("d2", actor="湖南"), rec("d3", modality="actual", count=None)]
    source = tmp_path / "records.jsonl"
    write_records(records, source)
    out = tmp_path / f"facts{suffix}"
    assert main(["facts", str(source), "-o", str(out)]) == 0
    back = read_facts(out)
    expected = facts(records)
    assert back["fact_id"].tolist() == expected["fact_id"].tolist()
    assert back["mention_count"].tolist() == [3, 1]
    assert [len(m) for m in back["mentions"]] == [3, 1] and back["doc_ids"].iloc[0] == ["d1", "d2"]


def test_records_out_carries_each_records_fact_id_and_reads_back_as_records(tmp_path):
    records = [rec("d1", actor=None), rec("d1"), rec("d2", modality="actual")]
    source, out, with_ids = tmp_path / "r.jsonl", tmp_path / "f.jsonl", tmp_path / "rf.jsonl"
    write_records(records, source)
    assert main(["facts", str(source), "-o", str(out), "--records-out", str(with_ids)]) == 0
    rows = [json.loads(line) for line in with_ids.read_text(encoding="utf-8").splitlines()]
    fact_ids = {f["fact_id"]: f for f in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert len(rows) == 3 and rows[0]["fact_id"] == rows[1]["fact_id"] != rows[2]["fact_id"]
    for row in rows:  # every record points at a fact that lists it among its mentions
        assert (row["doc_id"], row["start"]) in {(m["doc_id"], m["start"]) for m in fact_ids[row["fact_id"]]["mentions"]}
    assert [replace(r) for r in load_records([with_ids])] == records  # fact_id is dropped on the way back in


def test_extract_facts_names_a_bad_input(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "x"}\n', encoding="utf-8")
    assert main(["facts", str(bad), "-o", str(tmp_path / "f.jsonl")]) == 1
    assert "bad.jsonl:1" in capsys.readouterr().err
    assert not (tmp_path / "f.jsonl").exists()
