"""The real gold (tests/pages/real/gold): pages nobody on the team wrote, drawn at random from
../shared/corpora (12 provincial work reports, 200 days of 新闻联播), annotated before the
extractor ran on them.  The texts are not in the repository: these tests skip when ../shared
is absent, and otherwise score the pipeline on every drawn page against floors that only go up."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.goldset import gold_pages, load_gold
from extract.score import by_group, predict, score

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "pages" / "real" / "gold"
CORPORA = ROOT.parent / "shared" / "corpora"
pytestmark = pytest.mark.skipif(not (CORPORA / "gov-reports-2026").is_dir(),
                                reason="the real corpora (../shared/corpora) are not here")


@pytest.fixture(scope="module")
def run():
    golds = load_gold(GOLD)
    pages = gold_pages(GOLD)
    preds, _ = predict(pages, None)
    return golds, pages, preds, score(golds, preds, pages=set(pages.sources))


def test_the_draw_is_the_manifest():
    """The manifest is what the seeded draw gives, and every drawn page has its gold file."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("draw", ROOT / "scripts" / "draw_real_gold.py")
    draw = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(draw)
    manifest = json.loads((GOLD / "pages.json").read_text(encoding="utf-8"))
    assert draw.draw(CORPORA)["pages"] == manifest["pages"]
    assert {p.stem for p in GOLD.glob("*.jsonl")} == set(manifest["pages"])
    groups = [rel.split("/")[0] for rel in manifest["pages"].values()]
    assert groups.count("gov-reports-2026") >= 12 and groups.count("xinwenlianbo-2022-2026.tar.gz") >= 200


def test_gold_spans_point_into_the_corpus_pages(run):
    golds, pages, _, _ = run
    texts = {p.doc_id: p.text for p in pages.read()}
    for g in golds:
        r = g.record
        assert "".join(texts[r["doc_id"]][r["start"]:r["end"]].split()) == "".join(r["evidence"].split()), g.source


def test_scores_stay_above_their_floors(run):
    golds, pages, preds, rep = run
    floor = json.loads((GOLD / "floor.json").read_text(encoding="utf-8"))
    for name in ("f1", "precision", "recall"):
        assert getattr(rep, name) >= floor[name], f"{name} {getattr(rep, name):.4f} fell below the floor {floor[name]}"
    for name, value in floor["fields"].items():
        assert rep.fields[name] >= value, f"{name} accuracy {rep.fields[name]:.4f} fell below the floor {value}"


def test_both_corpora_are_scored_apart(run):
    golds, pages, preds, _ = run
    groups = by_group(golds, preds, pages)
    assert set(groups) == {"gov-reports-2026", "xinwenlianbo-2022-2026.tar.gz"}
    assert all(g.tp + g.fn > 0 for g in groups.values())


def test_score_command_reads_pages_outside_the_repository(capsys):
    from extract.cli import main

    assert main(["score", "--gold", str(GOLD), "--raw-dir", str(CORPORA), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["summary"]["tp"] > 0 and set(out["groups"]) == {"gov-reports-2026", "xinwenlianbo-2022-2026.tar.gz"}


def test_saved_html_pages_give_their_figure_and_no_price_list_items():
    """tests/pages/html/gold: 14 saved news pages, one required figure; a price list's
    信息核验服务就被细分为43个项目 (qq_2) is no record of projects."""
    html_gold = ROOT / "tests" / "pages" / "html" / "gold"
    pages = gold_pages(html_gold)
    preds, _ = predict(pages, None)
    rep = score(load_gold(html_gold), preds, pages=set(pages.sources))
    assert rep.recall == 1.0 and rep.precision == 1.0, (rep.precision, rep.recall)
