"""The HTML review report and the notebook displays."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from dataclasses import replace
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from extract.cli import main
from extract.records import COLUMNS, Record, to_frame
from extract.report import RecordList, marked_text, record_html, render_report, write_report, Item
from extract.score import load_gold

ROOT = Path(__file__).resolve().parent.parent
RAW, GOLD = ROOT / "data" / "raw", ROOT / "data" / "gold"
VOID = {"meta", "input", "br", "hr", "img", "link"}


class Tree(HTMLParser):
    """Checks that tags nest properly and collects marks, scripts and the text inside <pre>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.marks: list[dict] = []
        self.scripts: list[str] = []
        self.pre: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.marks.append(dict(attrs))
        if tag == "script":
            self.scripts.append("")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "script":
            self.scripts[-1] += data
        elif "pre" in self.stack:
            self.pre.append(data)


def parse(html_text: str) -> Tree:
    tree = Tree()
    tree.feed(html_text)
    tree.close()
    assert not tree.errors and not tree.stack, (tree.errors[:3], tree.stack)
    return tree


def covered_text(fragment: str) -> dict[str, str]:
    """rid -> the text inside that rid's marks, pieces joined."""
    out: dict[str, str] = {}
    stack: list[str] = []

    class Walk(HTMLParser):
        def handle_starttag(self, tag, attrs):
            stack.append(dict(attrs).get("data-rid", ""))

        def handle_endtag(self, tag):
            stack.pop()

        def handle_data(self, data):
            for rid in set(stack) - {""}:
                out[rid] = out.get(rid, "") + data

    Walk(convert_charrefs=True).feed(fragment)
    return out


def as_record(data: dict, **changes) -> Record:
    return replace(Record(**{c: data[c] for c in COLUMNS}), **changes)


def rec(doc_id: str, start: int, end: int, **changes) -> Record:
    base = dict.fromkeys(COLUMNS) | {"doc_id": doc_id, "start": start, "end": end, "evidence": "e", "sentence": "s",
                                     "modality": "target", "projects": [], "rule": "r", "project_count": 1}
    return Record(**(base | changes))


@pytest.fixture(scope="module")
def golds():
    return load_gold(GOLD)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))}


def data_of(html_text: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="extract-data">(.*?)</script>', html_text, re.S).group(1))


# --- marks -----------------------------------------------------------------------------------


def test_one_mark_per_record_and_the_page_text_intact(golds, pages):
    records = [as_record(g.record, rule="x") for g in golds]
    html_text = render_report(pages, records)
    tree = parse(html_text)
    firsts = [m for m in tree.marks if m.get("id", "").startswith("m-")]
    assert len(firsts) == len(records)
    assert unescape("".join(tree.pre)) == "".join(pages[d] for d in pages)  # highlighting adds no text, drops none
    assert len(data_of(html_text)) == len(records)


def test_overlapping_and_crossing_spans_stay_well_formed():
    text = "0123456789abcdefghij"
    spans = [(2, 12), (4, 8), (6, 15), (6, 15), (0, 20), (18, 25), (-3, 1), (9, 9)]
    items = [Item(f"r{i}", rec("p", s, e).to_dict()) for i, (s, e) in enumerate(spans)]
    out = marked_text(text, items)
    tree = parse(f"<pre>{out}</pre>")
    assert "".join(tree.pre) == text
    first = {m["data-rid"] for m in tree.marks if "id" in m}
    assert first == {f"r{i}" for i, (s, e) in enumerate(spans) if max(s, 0) < min(e, len(text))}
    assert any("cont" in m["class"] for m in tree.marks)  # (6, 15) crosses the end of (4, 8): split, not broken
    covered = covered_text(out)  # each span's pieces together hold exactly its characters
    for i, (s, e) in enumerate(spans):
        assert covered.get(f"r{i}", "") == text[max(s, 0):min(e, len(text))]


def test_page_text_is_escaped_not_executed():
    page = 'before <script>alert(1)</script> & <b>bold</b> "</pre>" after'
    start = page.index("<script>")
    evil = rec("evil", start, start + 20, evidence="</script><script>alert(2)</script>", rule="<img src=x onerror=alert(3)>")
    html_text = render_report({"evil": page}, [evil])
    tree = parse(html_text)
    assert len(tree.scripts) == 2  # the report's own data and code, nothing from the page or the record
    assert not any("alert(1)" in s for s in tree.scripts) and "<b>" not in html_text.split("<main>")[1].split("</main>")[0]
    assert unescape("".join(tree.pre)) == page
    assert data_of(html_text)["r0"]["fields"]["evidence"] == evil.evidence  # JSON survives, inert
    assert "<img" not in html_text.replace("&lt;img", "")


def test_gold_statuses_hits_misses_spurious(golds, pages):
    required = [g for g in golds if g.required]
    missed = required[0]
    kept = [g for g in golds if g is not missed]
    records = [as_record(g.record) for g in kept]
    wrong = next(i for i, g in enumerate(kept) if g.required and "actor" not in g.alternatives and g.record["actor"])
    records[wrong] = replace(records[wrong], actor="某某区")
    records.append(rec(missed.record["doc_id"], 5, 9, project_count=12345, rule="fake"))
    html_text = render_report(pages, records, golds)
    tree = parse(html_text)
    classes = [set(m["class"].split()) for m in tree.marks if "id" in m]
    assert sum("miss" in c for c in classes) == 1
    assert sum("spurious" in c for c in classes) == 1
    assert sum("hit-err" in c for c in classes) == 1
    assert sum("ignored" in c for c in classes) == sum(1 for g in golds if not g.required)
    assert len(classes) == len(records) + 1  # records + the miss
    data = data_of(html_text)
    miss = next(v for v in data.values() if v["status"] == "miss")
    assert (miss["fields"]["start"], miss["fields"]["end"]) == (missed.record["start"], missed.record["end"])  # gold's span
    err = next(v for v in data.values() if v["status"] == "hit-err")
    assert list(err["gold"]) == ["actor"] and records[wrong].actor not in err["gold"]["actor"]


def test_table_sortable_filterable_and_a_colour_toggle(golds, pages):
    html_text = render_report(pages, [as_record(g.record) for g in golds], golds)
    assert '<input id="filter" type="search"' in html_text
    header = re.search(r"<thead>(.*?)</thead>", html_text).group(1)
    assert header.count("<th") == 15 and 'data-type="num"' in header
    assert html_text.count('<tr data-rid="') == len(golds)  # every record a row
    assert 'value="by-kind"' in html_text and 'value="by-modality"' in html_text
    for kind in ("total_investment", "completed_investment", "annual_investment", "statistics", "output_value"):
        assert f'.by-kind mark.rec[data-kind="{kind}"]' in html_text
    assert "http://" not in html_text and "https://" not in html_text  # nothing fetched


def test_a_page_of_100k_characters_renders_fast():
    text = ("总投资2929亿元的627个项目完成目标任务。\n" * 5000)[:100_000]
    records = [rec("big", i, i + 16, amount_kind="total_investment") for i in range(0, 99_000, 50)]
    t0 = time.perf_counter()
    html_text = render_report({"big": text}, records)
    took = time.perf_counter() - t0
    print(f"100k-character page with {len(records)} records rendered in {took * 1000:.0f} ms, {len(html_text)} bytes")
    assert took < 5  # generous: it takes some tens of milliseconds
    assert html_text.count("<mark id=") == len(records)


def test_write_report_reads_pages_named_by_records_and_gold(golds, tmp_path):
    out = tmp_path / "r.html"
    write_report(out, [rec("nowhere", 0, 3)], RAW, golds=golds)
    html_text = out.read_text(encoding="utf-8")
    tree = parse(html_text)
    assert "raw page not found" in html_text  # the record's page: no text to mark, but a row in the table
    assert sum(1 for m in tree.marks if "id" in m) == sum(1 for g in golds if g.required)  # every gold page read, all misses
    assert html_text.count('<tr data-rid="') == sum(1 for g in golds if g.required) + 1


# --- command line ----------------------------------------------------------------------------


def test_cli_report_runs_the_pipeline_and_reports_a_bad_page(tmp_path, capsys):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.txt").write_text("2024年，城阳区计划实施总投资53亿元的10个重点项目。", encoding="utf-8")
    (pages / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    out = tmp_path / "report.html"
    assert main(["report", str(pages), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert sum("bad.txt" in line for line in err) == 1
    tree = parse(out.read_text(encoding="utf-8"))
    assert [m["data-kind"] for m in tree.marks if "id" in m] == ["total_investment"]


# --- notebooks ---------------------------------------------------------------------------------


def test_record_html_highlights_the_evidence_in_its_sentence(golds):
    r = as_record(next(g.record for g in golds if g.record["evidence"] == "总投资2929亿元的627个项目"), rule="amount_de_count_noun")
    out = r._repr_html_()
    tree = parse(out)
    assert len(tree.marks) == 1
    assert re.search(r"<mark[^>]*>总投资2929亿元的627个项目<span", out)
    assert "amount_de_count_noun" in out and "292,900,000,000" in out and "TOTAL_INVESTMENT" in out
    assert record_html(replace(r, sentence="<script>x</script>", evidence="<")).count("<script>") == 0


def test_record_list_and_dataframe_accessor(golds):
    records = RecordList(as_record(g.record) for g in golds)
    assert parse(records._repr_html_()).marks.__len__() == len(records)
    frame = to_frame(records)
    shown = frame.extract.show()._repr_html_()
    assert len(parse(shown).marks) == len(frame)
    assert frame.head(3).extract.show()._repr_html_().count("<mark") == 3
    assert frame.extract.records() == list(records)
    with pytest.raises(AttributeError):
        frame[["doc_id"]].extract.show()
    assert "no records" in RecordList()._repr_html_()


def test_importing_extract_does_not_load_pandas():
    """`extract run` starts without pandas: it loads with to_frame, parquet or the report."""
    code = "import sys, extract; print('pandas' in sys.modules, 'jieba.posseg' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_importing_report_is_cheap():
    code = ("import sys, time, extract, pandas; before = set(sys.modules); t = time.perf_counter(); import extract.report; "
            "print(time.perf_counter() - t); print(' '.join(sorted(set(sys.modules) - before)))")
    took, new = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert float(took) < 1.0
    assert not {m.split(".")[0] for m in new.split()} - {"extract"} - set(sys.stdlib_module_names), new  # nothing third-party
