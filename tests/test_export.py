"""Export of gold/predictions to Label Studio, doccano and brat; Label Studio corrections back to gold."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extract.cli import main
from extract.export import (LABELS, Compact, _count_fields, field_spans, from_labelstudio, read_gold_dicts, read_raw_pages,
                            to_brat, to_doccano, to_labelstudio, write_gold)
from extract.numbers import parse_amount
from extract.records import COLUMNS
from extract.score import load_gold

ROOT = Path(__file__).resolve().parent.parent
RAW, GOLD = ROOT / "data" / "raw", ROOT / "data" / "gold"


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return read_gold_dicts(GOLD)


@pytest.fixture(scope="module")
def pages(gold) -> dict[str, str]:
    pages, errors = read_raw_pages({r["doc_id"] for r in gold}, RAW)
    assert not errors
    return pages


@pytest.fixture(scope="module")
def tasks(tmp_path_factory) -> list[dict]:
    out = tmp_path_factory.mktemp("ls") / "tasks.json"
    assert main(["gold", "export", "--format", "labelstudio", "--gold", str(GOLD), "-o", str(out)]) == 0
    assert out.with_suffix(".config.xml").is_file()
    return json.loads(out.read_text(encoding="utf-8"))


def _labelled(results: list[dict]) -> list[dict]:
    return [r for r in results if r.get("type") == "labels"]


# --- Label Studio -----------------------------------------------------------------------------


def test_labelstudio_round_trip_gives_the_gold_files_back_byte_for_byte(tasks, tmp_path):
    src = tmp_path / "tasks.json"
    src.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    assert main(["gold", "import", str(src), "-o", str(tmp_path / "gold")]) == 0
    originals = sorted(GOLD.glob("*.jsonl"))
    assert sorted(p.name for p in (tmp_path / "gold").glob("*.jsonl")) == [p.name for p in originals]
    for path in originals:
        assert (tmp_path / "gold" / path.name).read_bytes() == path.read_bytes(), path.name


def test_labelstudio_regions_are_the_raw_text_of_each_field(tasks, gold):
    by_doc = {t["data"]["doc_id"]: t for t in tasks}
    assert set(by_doc) == {r["doc_id"] for r in gold}
    for task in tasks:
        raw = task["data"]["text"]
        for item in _labelled(task["annotations"][0]["result"]):
            v = item["value"]
            assert v["text"] == raw[v["start"]:v["end"]]
            assert v["labels"][0] in LABELS
    # the count and amount regions parse back to the record's values (where they are not the whole evidence)
    for task in tasks:
        results = task["annotations"][0]["result"]
        records = {r["id"]: json.loads(r["value"]["text"][0]) for r in results if r["type"] == "textarea"}
        for item in _labelled(results):
            rec = records.get(item["id"].rsplit("_", 1)[0] + "_count") or records.get(item["id"].rsplit("_", 1)[0] + "_amount")
            text = Compact.of(item["value"]["text"], 0, len(item["value"]["text"])).text
            if item["value"]["labels"] == ["COUNT"] and (item["value"]["start"], item["value"]["end"]) != (rec["start"], rec["end"]):
                assert _count_fields(text)["project_count"] == rec["project_count"]
            if item["value"]["labels"] == ["AMOUNT"] and (item["value"]["start"], item["value"]["end"]) != (rec["start"], rec["end"]):
                assert parse_amount(text).value == pytest.approx(rec["amount_yuan"])


def test_labelstudio_relations_tie_each_record_together(tasks, gold):
    results = [r for t in tasks for r in t["annotations"][0]["result"]]
    textareas = [r for r in results if r["type"] == "textarea"]
    assert len(textareas) == len(gold)  # one record JSON per gold record, on its anchor region
    ids = {r["id"] for r in _labelled(results)}
    assert {t["id"] for t in textareas} <= ids
    relations = [r for r in results if r["type"] == "relation"]
    assert relations and all(r["from_id"] in ids and r["to_id"] in ids for r in relations)
    assert all(r["from_id"].split("_")[0] == r["to_id"].split("_")[0] for r in relations)
    assert sorted(json.loads(t["value"]["text"][0])["start"] for t in textareas) == sorted(r["start"] for r in gold)


def test_field_spans_find_each_field_inside_the_evidence(gold, pages):
    rec = next(r for r in gold if r["evidence"] == "72个老旧小区改造工程")
    raw = pages[rec["doc_id"]]
    spans = field_spans(raw, rec)
    assert raw[slice(*spans["COUNT"])] == "72个"
    assert "".join(raw[slice(*spans["CATEGORY"])].split()) == "老旧小区改造工程"  # crosses a line wrap
    assert "AMOUNT" not in spans and "ACTOR" not in spans
    # a record whose numbers are not in its evidence keeps the whole evidence as its anchor
    odd = dict(rec, project_count=999)
    assert field_spans(raw, odd) == {"COUNT": (rec["start"], rec["end"]), "CATEGORY": spans["CATEGORY"]}


def test_a_record_drawn_in_labelstudio_imports_with_fields_from_its_spans(tasks, tmp_path):
    task = json.loads(json.dumps(next(t for t in tasks if t["data"]["doc_id"].startswith("000"))))
    raw, results = task["data"]["text"], task["annotations"][0]["result"]
    note = next(r for r in results if r["type"] == "textarea"
                and json.loads(r["value"]["text"][0])["evidence"] == "总投资2929亿元的627个项目")
    gone, prefix = json.loads(note["value"]["text"][0]), note["id"].split("_")[0]
    results[:] = [r for r in results if not (r.get("id", "").startswith(prefix + "_") or r.get("from_id", "").startswith(prefix + "_"))]

    def region(rid: str, text: str, label: str) -> dict:  # the text as the annotator selects it (line wraps and all)
        m = re.compile(r"\s*".join(map(re.escape, text))).search(raw, gone["start"])
        return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
                "value": {"start": m.start(), "end": m.end(), "text": m.group(), "labels": [label]}}

    results += [region("Xa1", "627个", "COUNT"), region("Xa2", "2929亿元", "AMOUNT"), region("Xa3", "项目", "CATEGORY"),
                {"type": "relation", "from_id": "Xa2", "to_id": "Xa1", "direction": "right"},
                {"type": "relation", "from_id": "Xa3", "to_id": "Xa1", "direction": "right"}]
    warn: list[str] = []
    records = from_labelstudio([task], warn)[task["data"]["doc_id"]]
    assert not warn
    new = next(r for r in records if r["rule"] == "gold" and r.get("note", "").startswith("added in Label Studio"))
    assert (new["project_count"], new["count_unit"], new["amount_yuan"], new["amount_text"]) == (627, "个", 292900000000.0, "2929亿元")
    assert new["category"] == "项目" and new["amount_kind"] == "total_investment"  # 总投资 stands before the amount
    assert new["evidence"] == "2929亿元的627个项目" and new["evidence"] in new["sentence"]
    assert "".join(raw[new["start"]:new["end"]].split()) == new["evidence"]
    assert new["year"] == 2024 and new["modality"] in ("target", "actual") and new["required"] is True
    assert [r["start"] for r in records] == sorted(r["start"] for r in records)
    write_gold({task["data"]["doc_id"]: records}, tmp_path)
    assert len(load_gold(tmp_path)) == len(records)  # valid gold


def test_new_record_is_valid_gold(tasks, tmp_path):
    task = json.loads(json.dumps(tasks[0]))
    raw = task["data"]["text"]
    task["annotations"][0]["result"] = []
    m = re.search(r"\d+个", raw)
    task["annotations"][0]["result"].append({"id": "n1", "type": "labels", "from_name": "label", "to_name": "text",
                                             "value": {"start": m.start(), "end": m.end(), "text": m.group(), "labels": ["COUNT"]}})
    pages = from_labelstudio([task])
    write_gold(pages, tmp_path)
    (only,) = load_gold(tmp_path)
    assert only.record["project_count"] == int(m.group()[:-1]) and only.record["count_unit"] == "个"


def test_a_moved_region_is_read_again_and_a_deleted_one_clears_its_field(tasks):
    task = json.loads(json.dumps(next(t for t in tasks if t["data"]["doc_id"].startswith("000"))))
    results = task["annotations"][0]["result"]
    count = next(r for r in _labelled(results) if r["value"]["text"] == "72个")
    count["value"]["start"] += 1  # the annotator says the count is 2个 (contrived, to see the field follow)
    cat = next(r for r in _labelled(results) if r["id"].split("_")[0] == count["id"].split("_")[0] and r["value"]["labels"] == ["CATEGORY"])
    results.remove(cat)
    records = from_labelstudio([task])[task["data"]["doc_id"]]
    edited = next(r for r in records if r["evidence"] == "72个老旧小区改造工程")
    assert edited["project_count"] == 2 and edited["category"] is None
    assert edited["actor"] == "区住建局" and edited["alternatives"]  # the rest of the record is kept


def test_a_region_deleted_with_its_record_json_removes_the_record(tasks):
    task = json.loads(json.dumps(tasks[0]))
    results = task["annotations"][0]["result"]
    first = next(r for r in results if r["type"] == "textarea")
    prefix = first["id"].split("_")[0] + "_"
    task["annotations"][0]["result"] = [r for r in results if not r.get("id", "").startswith(prefix)
                                        and not r.get("from_id", "").startswith(prefix)]
    before = len([r for r in results if r["type"] == "textarea"])
    assert len(from_labelstudio([task])[task["data"]["doc_id"]]) == before - 1


def test_astral_characters_shift_labelstudio_offsets_and_import_undoes_it():
    raw = "𠀀𠀁城阳区\n今年实施总投资53亿元的10个项目。"
    start = raw.index("总投资")
    rec = {c: None for c in COLUMNS} | {"doc_id": "p", "start": start, "end": raw.index("。"), "evidence": "总投资53亿元的10个项目",
                                         "sentence": "今年实施总投资53亿元的10个项目。", "project_count": 10, "count_unit": "个",
                                         "amount_yuan": 5300000000.0, "amount_text": "53亿元", "amount_kind": "total_investment",
                                         "category": "项目", "modality": "target", "projects": [], "rule": "gold",
                                         "required": True, "alternatives": {}}
    (task,) = to_labelstudio({"p": raw}, gold=[rec])
    amount = next(r for r in task["annotations"][0]["result"] if r["type"] == "labels" and r["value"]["labels"] == ["AMOUNT"])
    assert amount["value"]["start"] == raw.index("53亿元") + 2  # two astral characters = two extra UTF-16 units
    assert from_labelstudio([task]) == {"p": [rec]}


def test_import_skips_unannotated_tasks_and_rejects_bad_record_json(tasks, tmp_path, capsys):
    bare = {"data": {"text": "x", "doc_id": "bare"}, "predictions": []}
    bad = json.loads(json.dumps(tasks[0]))
    next(r for r in bad["annotations"][0]["result"] if r["type"] == "textarea")["value"]["text"] = ["{not json"]
    path = tmp_path / "in.json"
    path.write_text(json.dumps([bare]), encoding="utf-8")
    assert main(["gold", "import", str(path), "-o", str(tmp_path / "a")]) == 1  # nothing imported: no gold files
    assert "bare: no annotation" in capsys.readouterr().err
    path.write_text(json.dumps([bad], ensure_ascii=False), encoding="utf-8")
    assert main(["gold", "import", str(path), "-o", str(tmp_path / "b")]) == 1
    assert "is not JSON" in capsys.readouterr().err


def test_labelstudio_with_predictions_alongside_gold(tmp_path, gold):
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps({c: dict(r, rule="some_rule").get(c) for c in COLUMNS}, ensure_ascii=False) + "\n"
                            for r in gold[:3]), encoding="utf-8")
    out = tmp_path / "t.json"
    assert main(["gold", "export", "--format", "labelstudio", "--gold", str(GOLD), "--pred", str(pred), "-o", str(out)]) == 0
    tasks = json.loads(out.read_text(encoding="utf-8"))
    with_pred = [t for t in tasks if "predictions" in t]
    assert len(tasks) == 5 and len(with_pred) == 1 and all("annotations" in t for t in tasks)
    (prediction,) = with_pred[0]["predictions"]
    assert prediction["model_version"] == "some_rule"
    assert len([r for r in prediction["result"] if r["type"] == "textarea"]) == 3


# --- doccano and brat -------------------------------------------------------------------------


def test_doccano_lines_label_raw_offsets(gold, pages):
    lines = to_doccano(pages, gold)
    assert [l["doc_id"] for l in lines] == sorted(pages)
    for line in lines:
        assert line["text"] == pages[line["doc_id"]]
        for start, end, label in line["label"]:
            assert label in LABELS and 0 <= start < end <= len(line["text"])
    labels = [l for line in lines for l in line["label"]]
    assert len(labels) == len({tuple(l) for l in labels}) >= len(gold)


def test_doccano_export_of_predictions_by_cli(tmp_path, gold):
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps({c: r.get(c) for c in COLUMNS}, ensure_ascii=False) + "\n" for r in gold), encoding="utf-8")
    out = tmp_path / "d.jsonl"
    assert main(["gold", "export", "--format", "doccano", "--pred", str(pred), "--raw", str(RAW), "-o", str(out)]) == 0
    lines = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert {"text", "label"} <= set(lines[0]) and len(lines) == 5


def test_brat_standoff_files(tmp_path, gold, pages):
    assert main(["gold", "export", "--format", "brat", "--gold", str(GOLD), "-o", str(tmp_path)]) == 0
    assert (tmp_path / "annotation.conf").is_file()
    for doc_id, raw in pages.items():
        assert (tmp_path / f"{doc_id}.txt").read_bytes() == (RAW / f"{doc_id}.txt").read_bytes()
        lines = (tmp_path / f"{doc_id}.ann").read_text(encoding="utf-8").splitlines()
        ts = {}
        for line in lines:
            if line.startswith("T"):
                tid, middle, text = line.split("\t")
                label, where = middle.split(" ", 1)
                frags = [tuple(map(int, f.split())) for f in where.split(";")]
                assert label in LABELS and text == " ".join(raw[a:b] for a, b in frags)
                assert all("\n" not in raw[a:b] for a, b in frags)
                ts[tid] = label
            elif line.startswith("R"):
                _, rel = line.split("\t")
                kind, a1, a2 = rel.split()
                assert kind == "Record" and a1[5:] in ts and a2[5:] in ts
        assert sum(1 for line in lines if line.startswith("#")) == sum(1 for r in gold if r["doc_id"] == doc_id)


def test_brat_cuts_spans_at_line_breaks(gold, pages):
    rec = next(r for r in gold if r["evidence"] == "72个老旧小区改造工程")
    ann = to_brat(pages[rec["doc_id"]], [rec])
    category = next(l for l in ann.splitlines() if "\tCATEGORY " in l)
    assert ";" in category.split("\t")[1]  # 老旧小区改造工\n程: two fragments


def test_export_reports_a_missing_raw_page(tmp_path, capsys):
    out = tmp_path / "d.jsonl"
    empty = tmp_path / "raw"
    empty.mkdir()
    assert main(["gold", "export", "--format", "doccano", "--raw", str(empty), "-o", str(out)]) == 2
    assert "no raw page" in capsys.readouterr().err
