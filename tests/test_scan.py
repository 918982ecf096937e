"""Find first, then read (extract/scan.py): the records of the scan are those of a full pass,
on every page we have, and the work of a page grows with its length, not its square."""
from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest

from extract import extract_text
from extract.mapped import MappedText
from extract.normalize import normalize
from extract.reader import read_page
from extract.scan import Scan, keeps, loose
from extract.sentences import units_of

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
NEWS = CORPORA / "xinwenlianbo-2022-2026.tar.gz"
needs_corpora = pytest.mark.skipif(not NEWS.is_file(), reason="the real corpora (../shared/corpora) are not here")


def same_records(text: str, doc_id: str, path: str | None) -> None:
    full = [r.to_dict() for r in extract_text(text, doc_id, path=path, reload_rules=False, full_pass=True)]
    found = [r.to_dict() for r in extract_text(text, doc_id, path=path, reload_rules=False)]
    assert found == full, doc_id


@pytest.mark.parametrize("path", sorted((ROOT / "data" / "raw").glob("*.txt")) + sorted((ROOT / "tests" / "pages" / "heldout" / "raw").iterdir()),
                         ids=lambda p: p.name)
def test_seed_and_heldout_pages(path: Path) -> None:
    page = read_page(path)
    same_records(page.text, page.doc_id, page.path)


@needs_corpora
def test_real_gold_report_pages() -> None:
    manifest = json.loads((ROOT / "tests" / "pages" / "real" / "gold" / "pages.json").read_text())
    for doc_id, rel in manifest["pages"].items():
        if ".tar.gz/" not in rel:  # the broadcast days are in the whole corpus below
            page = read_page(CORPORA / rel)
            same_records(page.text, doc_id, page.path)


@needs_corpora
def test_whole_news_corpus() -> None:
    with tarfile.open(NEWS) as tar:
        members = [m for m in tar.getmembers() if m.isfile() and m.name.endswith(".md")]
        assert len(members) > 1000
        for m in members:
            same_records(tar.extractfile(m).read().decode("utf-8"), Path(m.name).stem, m.name)


@needs_corpora
def test_saved_html_pages_and_the_pdf() -> None:
    """The real saved news pages (their article text, title as headline) and the PDF's text."""
    pytest.importorskip("readability")
    pytest.importorskip("pdfplumber")
    paths = sorted((CORPORA / "html-news").glob("*.html")) + sorted((CORPORA / "pdf").glob("*.pdf"))
    assert len(paths) > 60
    for path in paths:
        page = read_page(path)
        full = [r.to_dict() for r in extract_text(page.text, page.doc_id, path=page.path, title=page.title,
                                                  reload_rules=False, full_pass=True)]
        found = [r.to_dict() for r in extract_text(page.text, page.doc_id, path=page.path, title=page.title,
                                                   reload_rules=False)]
        assert found == full, path.name


def test_pages_of_skipped_and_kept_stories() -> None:
    """A story without a figure is never read; one with a figure keeps its headline and lead."""
    text = ("### 天气\n\n明天多云。\n\n### 湖南集中开工重大项目\n\n湖南今天集中开工687个重大项目，"
            "总投资2167\n亿元。\n\n### 体育\n\n比赛2\n个小时后开始。\n")
    kept = units_of(normalize(text, lambda page: [(4, 8)]))
    assert [u.text.text for u in kept][:2] == ["湖南集中开工重大项目", "湖南今天集中开工687个重大项目，总投资2167亿元。"]
    records = extract_text(text, "demo", date="2024-03-29")
    assert [(r.actor, r.project_count, r.amount_yuan) for r in records] == [("湖南", 687, 2.167e11)]


def test_scan_is_tolerant_of_wraps_and_captions() -> None:
    import re

    scan = Scan(re.compile("项目"), re.compile(loose(["伊始"])))
    assert keeps(["重点项目1", "5 个"], scan)  # a number wrapped mid-line
    assert keeps(["新春伊", "始，"], scan)  # a page-wide mark wrapped
    assert keeps(["实施重点项目3", "■ 图为工地现场 记者 张三 摄", "个"], scan)  # a caption printed inside the number
    assert not keeps(["重点项目", "明天多云。"], scan)


def test_scan_asks_for_number_and_figure_word_in_one_sentence() -> None:
    """A number and a figure word kept apart by 。！？ cannot meet in one unit, except on a line
    that is one unit whole (a ### heading, a bold headline, a —— speaker line)."""
    import re

    scan = Scan(re.compile("项目"), None)
    assert not keeps(["今年实施重点项目。比赛2", "个小时后开始。"], scan)
    assert keeps(["今年实施重点", "项目12个。比赛开始。"], scan)  # the word wrapped, the number after it
    assert keeps(["### 重点项目。新开工12个"], scan)  # a heading is one unit, 。 or not
    assert keeps(["重点项目。新开工12个"], scan, whole={0})  # a bold headline line
    assert keeps(["重点项目！新开工12个——"], scan)  # a speaker line
    assert keeps(["重点项目", "■ 图为工地。 记者 张三 摄", "12个。"], scan)  # a caption inside the sentence


class Counting:
    """Counts calls of the offset-map methods a page's reading makes."""

    def __init__(self, monkeypatch):
        self.calls = 0
        for name in ("raw_index", "slice", "breaks"):
            original = getattr(MappedText, name)

            def counted(*args, _original=original, **kwargs):
                self.calls += 1
                return _original(*args, **kwargs)

            monkeypatch.setattr(MappedText, name, counted)


def _one_line(n: int) -> str:
    return "".join(f"重点项目{10 + k % 90}个，总投资{5 + k % 50}亿元，" for k in range(n)) + "。"


@pytest.mark.parametrize("kind", ["normalize", "units"])
def test_reading_a_long_line_is_linear(monkeypatch, kind) -> None:
    """Offset-map calls and units per figure stay flat from 1,000 to 10,000 figures on one line."""
    per_figure = []
    for n in (1000, 10000):
        counter = Counting(monkeypatch)
        units = units_of(normalize(_one_line(n)))
        work = counter.calls if kind == "normalize" else len(units)
        spans = sum(len(u.text.starts) for u in units)  # pieces of the offset maps, summed
        per_figure.append((work / n, spans / n))
    (w1, s1), (w2, s2) = per_figure
    assert w2 <= w1 * 1.1 + 0.01 and s2 <= s1 * 1.1 + 0.01


def test_rule_words_and_anchors_are_in_every_rule_example_and_none_without_needs() -> None:
    """Every example a rule matches holds a rule word and an anchor, also with its white space
    removed as the scan reads it (the scan and the unit gate drop units without); a sentence rule
    with no `needs` could match anywhere, and then nothing is dropped."""
    import copy

    from extract.rulehints import anchor_probe, rule_words
    from extract.rules import DEFAULT_RULES_DIR, load_rules

    ruleset = load_rules(DEFAULT_RULES_DIR)
    words, probe = rule_words(ruleset), anchor_probe(ruleset)
    assert words is not None and words.search("实施十大民生实事") and not words.search("新建12所学校")
    assert probe is not None and probe.found("实施十大民生实事", 0, 8) and not probe.found("实施大项目和好项目", 0, 9)
    assert not probe.found("签约项目投资协议，推动合作", 0, 13) and probe.found("项目总投资约12亿元", 0, 10)
    assert probe.found("完成投资超亿元", 0, 7)
    for rule in ruleset.rules:
        for example in rule.examples.get("match", []):
            bare = "".join(example.split())  # the probe is asked of text without white space, as the scan reads it
            assert words.search(example) and words.search(bare) and probe.found(bare, 0, len(bare)), (rule.id, example)
    loose_rules = copy.copy(ruleset)
    loose_rules.rules = [copy.copy(r) for r in ruleset.rules]
    next(r for r in loose_rules.rules if r.anchor is None).needs = None
    assert rule_words(loose_rules) is None and anchor_probe(loose_rules) is None


def test_rules_read_a_long_line_in_windows(monkeypatch) -> None:
    """The characters the rules are handed per figure (windows around anchors, not the whole
    line) and their calls per figure stay flat from 500 to 5,000 figures on one line; the records
    grow with the figures."""
    from extract.rules import Rule

    work = {"calls": 0, "chars": 0}
    match_at, finditer = Rule.match_at, Rule.finditer

    def counted_match(self, text, pos, endpos, **kwargs):
        work["calls"] += 1
        work["chars"] += endpos - pos
        return match_at(self, text, pos, endpos, **kwargs)

    def counted_finditer(self, text, pos=0, endpos=None, **kwargs):
        work["calls"] += 1
        work["chars"] += (len(text) if endpos is None else endpos) - pos
        return finditer(self, text, pos, endpos, **kwargs)

    monkeypatch.setattr(Rule, "match_at", counted_match)
    monkeypatch.setattr(Rule, "finditer", counted_finditer)
    per_figure = []
    for n in (500, 5000):
        work.update(calls=0, chars=0)
        records = extract_text(_one_line(n), "long", reload_rules=False, date="2024-03-01")
        assert len(records) >= n
        per_figure.append((work["calls"] / n, work["chars"] / n))
    (c1, w1), (c2, w2) = per_figure
    assert c2 <= c1 * 1.1 + 0.01 and w2 <= w1 * 1.1 + 0.01
