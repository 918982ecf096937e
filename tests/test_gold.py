"""The gold set: valid contract records whose evidence sits at its offsets in the raw page."""
from __future__ import annotations

import json
import math

import pytest

from extract.score import ENUMS, load_gold

GOLD = load_gold(__import__("pathlib").Path(__file__).resolve().parent.parent / "data" / "gold")


def test_gold_covers_every_seed_page(raw_dir):
    assert {g.record["doc_id"] for g in GOLD} == {p.stem for p in raw_dir.glob("*.txt")}
    assert sum(g.required for g in GOLD) >= 50


@pytest.mark.parametrize("gold", GOLD, ids=[g.source.rsplit("/", 1)[-1] for g in GOLD])
def test_gold_record(gold, pages):
    rec = gold.record
    raw = pages[rec["doc_id"]]
    assert 0 <= rec["start"] < rec["end"] <= len(raw)
    assert "".join(raw[rec["start"]:rec["end"]].split()) == "".join(rec["evidence"].split())
    assert (rec["amount_yuan"] is None) == (rec["amount_kind"] is None)
    assert rec["amount_yuan"] is None or (math.isfinite(rec["amount_yuan"]) and rec["amount_yuan"] > 0)
    assert isinstance(rec["projects"], list) and all(isinstance(p, str) and p for p in rec["projects"])
    for name, values in gold.alternatives.items():
        assert rec[name] in values, f"{name}: the main value must be one of the alternatives"
        if name in ENUMS:
            assert set(values) <= ENUMS[name]


def test_schema_errors_name_the_line(tmp_path):
    good = tmp_path / "a.jsonl"
    src = __import__("pathlib").Path(__file__).resolve().parent.parent / "data" / "gold" / "000_91750d39516a2c33.jsonl"
    lines = src.read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[1])
    broken["period"] = "Q5"
    good.write_text("\n".join([lines[0], json.dumps(broken, ensure_ascii=False)]) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"a.jsonl:2: period='Q5'"):
        load_gold(tmp_path)
    good.write_text(lines[0] + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"a.jsonl:2: not JSON"):
        load_gold(tmp_path)
    del broken["period"]
    good.write_text(json.dumps(broken, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"a.jsonl:1: missing field\(s\): period"):
        load_gold(tmp_path)


def test_heldout_page_gold_points_at_its_pages():
    """The held-out pages' gold (one page is GB18030, some digits full-width)."""
    from pathlib import Path

    from extract.mapped import fold
    from extract.reader import read_page

    root = Path(__file__).resolve().parent / "pages" / "heldout"
    golds = load_gold(root / "gold")
    pages = {p.stem: read_page(p).text for p in (root / "raw").glob("*.txt")}
    assert {g.record["doc_id"] for g in golds} == set(pages)
    for g in golds:
        rec, raw = g.record, pages[g.record["doc_id"]]
        assert "".join(fold(raw[rec["start"]:rec["end"]])[0].split()) == "".join(rec["evidence"].split()), g.source
