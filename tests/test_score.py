"""The scorer: F1 against the gold with a floor recorded in the repo, per-rule table, baseline gate."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from extract.cli import main
from extract.records import Record, write_records
from extract.rules import DEFAULT_RULES_DIR
from extract.score import load_gold, read_floor, run_score, score

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def report():
    return run_score(ROOT / "data" / "gold")


def test_f1_not_below_the_recorded_floor(report):
    floor = read_floor(ROOT / "data" / "gold")
    assert floor is not None and report.f1 >= floor, f"F1 {report.f1:.4f} fell below the floor {floor}"


def test_report_has_fields_rules_and_frames(report):
    assert set(report.fields) == {"category_strict", "category_lenient", "actor", "year", "period", "modality",
                                  "qualifiers", "amount_kind", "projects", "currency"}
    rules = {row["rule"]: row for row in report.rules}
    assert rules["amount_de_count_noun"]["tp"] >= 10
    assert "count_noun" in rules["amount_de_count_noun"]["overlaps"]  # competing readings are counted
    assert list(report.rules_frame.columns) == ["rule", "fires", "tp", "fp", "precision", "overlaps"]
    assert report.summary_frame.loc[0, "f1"] == pytest.approx(report.f1, abs=1e-4)


def test_matching_by_count_and_amount_within_half_a_percent():
    golds = load_gold(ROOT / "data" / "gold")
    g = next(x for x in golds if x.record["project_count"] == 627)
    base = {k: g.record[k] for k in g.record}
    near = Record(**dict(base, amount_yuan=base["amount_yuan"] * 1.004, amount_value=base["amount_yuan"] * 1.004, rule="t"))
    far = Record(**dict(base, amount_yuan=base["amount_yuan"] * 1.01, amount_value=base["amount_yuan"] * 1.01, rule="t"))
    assert score([g], [near]).tp == 1
    rep = score([g], [far])
    assert (rep.tp, rep.fp, rep.fn) == (0, 1, 1) and rep.misses[0]["evidence"] == g.record["evidence"]


def test_not_required_gold_is_scored_neither_way():
    golds = [g for g in load_gold(ROOT / "data" / "gold") if not g.required]
    assert golds
    rep = score(golds, [])
    assert (rep.tp, rep.fn, rep.fp) == (0, 0, 0)


def test_score_cli_prints_report_and_json(capsys):
    assert main(["score"]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "field accuracy" in out and "rules:" in out and "missed" in out
    assert main(["score", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"summary", "fields", "rules", "misses", "spurious"}


def test_score_a_saved_predictions_file(tmp_path, capsys, seed_records):
    pred = tmp_path / "pred.jsonl"
    write_records([r for recs in seed_records.values() for r in recs], pred)
    assert main(["score", "--pred", str(pred), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["f1"] >= read_floor(ROOT / "data" / "gold")


def test_deleting_a_rule_is_caught_by_the_baseline(tmp_path, capsys):
    """A rule change that loses records: --baseline lists them and exits 1."""
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    path = rules / "patterns" / "count_and_amount.yaml"
    data = [r for r in yaml.safe_load(path.read_text(encoding="utf-8")) if r["id"] != "amount_de_count_noun"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code = main(["score", "--rules", str(rules), "--baseline", str(DEFAULT_RULES_DIR), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    lost = out["diff"]["lost_tp"]
    assert any(r["evidence"] == "总投资2929亿元的627个项目" for r in lost)
    assert all(set(r) >= {"doc_id", "evidence", "sentence", "rule"} for r in lost)
    assert out["summary"]["f1"] < out["baseline"]["f1"]


def test_baseline_from_a_git_revision(capsys):
    """--baseline HEAD compares with the committed rules (same rules: no change, exit 0)."""
    import subprocess

    if subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True).returncode != 0:
        pytest.skip("not a git checkout")
    code = main(["score", "--baseline", "HEAD", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code in (0, 1) and set(out["diff"]) == {"gained_tp", "lost_tp", "new_fp", "removed_fp"}


def test_bad_gold_gives_file_and_line(tmp_path, capsys):
    (tmp_path / "x.jsonl").write_text('{"doc_id": 1}\n', encoding="utf-8")
    assert main(["score", "--gold", str(tmp_path)]) == 1
    assert "x.jsonl:1:" in capsys.readouterr().err


def test_bad_predictions_file_gives_line(tmp_path, capsys):
    pred = tmp_path / "p.jsonl"
    pred.write_text('{"doc_id": "a"}\n', encoding="utf-8")
    assert main(["score", "--pred", str(pred)]) == 1
    assert "p.jsonl:1: missing field(s)" in capsys.readouterr().err


def test_heldout_pages_stay_above_their_floor():
    """Five pages of other cities and years (one GB18030, one column-wrapped, captions inside
    sentences), written with their gold by someone who never saw the rules."""
    gold_dir = ROOT / "tests" / "pages" / "heldout" / "gold"
    rep = run_score(gold_dir)
    assert rep.f1 >= read_floor(gold_dir)
    assert rep.fields["amount_kind"] >= 0.9 and rep.fields["year"] >= 0.9
