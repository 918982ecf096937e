"""Pages as users have them: HTML and PDF in, Excel out; the text offsets point into; missing extras.

The HTML tests read the 62 saved news pages of ../shared/corpora/html-news (skipped with a reason
when /work/shared is absent); the PDF tests set the seed pages as 3-, 4- and 5-column newspaper
PDFs (tests/pdfgen.py) and read the real 人民日报 PDF of ../shared/corpora/pdf.
"""
from __future__ import annotations

import builtins
import csv
import json
import sys
from pathlib import Path

import pytest

from extract.cli import main
from extract.pipeline import extract_file, extract_text
from extract.reader import PageError, read_page
from extract.records import COLUMNS

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
HTML_NEWS = CORPORA / "html-news"
RMRB = CORPORA / "pdf" / "rmrb_20251020.pdf"
SEEDS = sorted((ROOT / "data" / "raw").glob("*.txt"))
needs_corpus = pytest.mark.skipif(not HTML_NEWS.is_dir(), reason="../shared/corpora/html-news is absent")
needs_rmrb = pytest.mark.skipif(not RMRB.is_file(), reason="../shared/corpora/pdf/rmrb_20251020.pdf is absent")
# Fields a record keeps whatever the page's format (offsets and the sentence's page differ).
# A plain page's headline is the heading text before its story's first paragraph; setting the page in
# columns re-flows its heading lines (two heading lines become one, the masthead is set as the first
# headline), so the headline is checked apart: present in the PDF wherever the text page has one.
SAME_FIELDS = [c for c in COLUMNS if c not in ("doc_id", "start", "end", "source_page", "headline")]

sys.path.insert(0, str(Path(__file__).parent))
from pdfgen import newspaper_pdf  # noqa: E402

ARTICLE = """<html><head><meta charset="{charset}"><title>{title}_某市新闻网</title>
<meta property="article:published_time" content="2024-03-05T08:00:00+08:00"></head><body>
<div class="nav"><ul><li><a href="/1">首页</a></li><li><a href="/2">要闻</a></li><li><a href="/3">总投资80亿元的12个项目集中开工</a></li>
<li><a href="/4">本市新闻</a></li></ul></div>
<div class="article"><h1>{title}</h1>
<p>今年，襄阳市计划实施重点项目320个，总投资1200亿元，年度计划投资310亿元。</p>
<p>市发改委负责人介绍，这批项目涵盖先进制造、基础设施和民生领域，将有力拉动有效投资，为全年经济增长提供坚实支撑。</p>
<p>下一步，全市将强化要素保障，确保项目早开工、早投产、早见效。</p></div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/5">宜昌总投资500亿元的60个项目签约</a></li>
<li><a href="/6">十堰24个项目集中开工，总投资92亿元</a></li><li><a href="/7">荆州推进98个重点项目</a></li></ul></div>
<div class="footer"><a href="/a">关于我们</a> | <a href="/b">联系我们</a> | <a href="/c">网站地图</a></div></body></html>"""


def _article(charset: str = "utf-8", title: str = "襄阳今年计划实施重点项目320个") -> bytes:
    return ARTICLE.format(charset=charset, title=title).encode("gb18030" if charset == "gbk" else "utf-8")


def _squash(text: str) -> str:
    return "".join(text.split())


# ----- HTML --------------------------------------------------------------------------------------

def test_html_article_figures_only_not_navigation_or_related(tmp_path):
    page = tmp_path / "xiangyang.html"
    page.write_bytes(_article())
    records = extract_file(page)
    # the headline's count, the body's count and two amounts; none of the navigation or related links
    assert sorted(r.amount_yuan or 0 for r in records) == [0, 31_000_000_000.0, 120_000_000_000.0]
    assert [r.project_count for r in records] == [320, 320, None]
    assert records[0].sentence == "襄阳今年计划实施重点项目320个"  # the title is a unit of its own
    assert read_page(page).title == "襄阳今年计划实施重点项目320个"  # the site's name cut off
    assert read_page(page).date == "2024-03-05"  # article:published_time (the pipeline makes it page_date)


def test_html_offsets_point_into_the_text_extract_text_prints(tmp_path, capsys):
    page = tmp_path / "p.html"
    page.write_bytes(_article())
    assert main(["text", str(page)]) == 0
    text = capsys.readouterr().out
    assert "首页" not in text and "相关新闻" not in text and "关于我们" not in text
    for r in extract_file(page):
        assert _squash(text[r.start:r.end]) == _squash(r.evidence)


def test_report_shows_the_extracted_text_of_html_and_pdf_pages(tmp_path):
    (tmp_path / "p.html").write_bytes(_article())
    (tmp_path / "s.pdf").write_bytes(newspaper_pdf(read_page(SEEDS[4]).text, 3))
    out = tmp_path / "r.html"
    assert main(["report", str(tmp_path), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "年度计划投资310亿元" in html and "相关新闻" not in html and "网站地图" not in html
    assert "责任编辑：王明" not in html  # the PDF's running head was dropped


def test_gbk_page_with_meta_charset_decodes(tmp_path):
    page = tmp_path / "gbk.html"
    page.write_bytes(_article("gbk"))
    assert read_page(page).encoding == "gb18030"
    assert len(extract_file(page)) == 3


def test_stdin_html_with_format(tmp_path, monkeypatch):
    out = tmp_path / "o.jsonl"
    import io

    monkeypatch.setattr(sys, "stdin", type("S", (), {"buffer": io.BytesIO(_article())})())
    assert main(["run", "-", "--format", "html", "-o", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_html_without_article_one_line_exit_2_others_written(tmp_path, capsys):
    (tmp_path / "empty.html").write_text("<html><body><ul><li><a href='/'>首页</a></li></ul></body></html>", encoding="utf-8")
    (tmp_path / "good.html").write_bytes(_article())
    out = tmp_path / "o.jsonl"
    assert main(["run", str(tmp_path), "-o", str(out)]) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if "empty.html" in line]
    assert len(err) == 1 and "no article text found" in err[0]
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


@needs_corpus
def test_every_saved_news_page_gives_its_article():
    """The article's first and last words (docs/html-eval/anchors.tsv, read off each page) are in the text."""
    anchors = list(csv.DictReader(open(ROOT / "docs/html-eval/anchors.tsv", encoding="utf-8"), delimiter="\t"))
    assert len(anchors) == 62
    missing = []
    for a in anchors:
        text = _squash(read_page(HTML_NEWS / a["page"]).text)
        i, j = text.find(_squash(a["begin"])), text.rfind(_squash(a["end"]))
        if i < 0 or j < i:
            missing.append(a["page"])
    assert missing == []


@needs_corpus
def test_saved_pages_title_and_date():
    gz = read_page(HTML_NEWS / "gzggw_1.html")
    assert (gz.title, gz.date) == ("1-10月德清县固定资产投资结构趋稳趋优", "2016-11-22")  # <meta name="PubDate">
    assert read_page(HTML_NEWS / "stcn_1.html").date == "2019-09-26"  # the visible dateline 2019-09-26 12:11来源
    assert read_page(HTML_NEWS / "other_1.html").date == "2007-08-20"  # firstpublishedtime, not a later date
    assert "特别国债" in read_page(HTML_NEWS / "other_1.html").text  # after a stray </html>


@needs_corpus
def test_figures_in_page_furniture_stay_out():
    """Five saved pages print 亿元 only in sidebars, hot lists or related links: none reaches the text."""
    for name in ("njxfhn_1", "sina_2", "sina_3", "sina_5", "thepaper_5"):
        assert "亿元" in (HTML_NEWS / f"{name}.html").read_bytes().decode("utf-8", "replace")
        assert "亿元" not in read_page(HTML_NEWS / f"{name}.html").text, name


# ----- PDF ---------------------------------------------------------------------------------------

def _fields(records) -> list[tuple]:
    return [tuple(json.dumps(r.to_dict()[k], ensure_ascii=False) for k in SAME_FIELDS) for r in records]


@pytest.mark.parametrize("columns", [3, 4, 5])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_page_as_newspaper_pdf_gives_the_same_records(seed, columns, tmp_path):
    pdf = tmp_path / f"{seed.stem}.pdf"
    pdf.write_bytes(newspaper_pdf(read_page(seed).text, columns))
    want = extract_text(read_page(seed).text, seed.stem)
    got = extract_file(pdf)
    assert _fields(got) == _fields(want)
    assert all(g.headline for g, w in zip(got, want) if w.headline)
    page = read_page(pdf)
    assert "责任编辑" not in page.text and "第1版" not in page.text  # the running head is dropped
    for r in got:
        assert _squash(page.text[r.start:r.end]) == _squash(r.evidence)
        first, last = page.page_starts[r.source_page - 1], (page.page_starts + [len(page.text)])[r.source_page]
        assert first <= r.start < last


def test_pdf_headlines_stand_alone():
    seed = next(p for p in SEEDS if p.name.startswith("002"))
    text = read_page(seed).text
    heads = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]
    pdf_lines = newspaper_text(text, 4).split("\n\n")
    assert all("# " + h in pdf_lines for h in heads)  # each its own Markdown heading line


def newspaper_text(text: str, columns: int) -> str:
    from extract.pdf import read_pdf

    return read_pdf(newspaper_pdf(text, columns), "t.pdf").text


def _scanned_pdf() -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(50, 50, 400, 600, fill=1)  # an image-like page: marks, no characters
    c.showPage()
    c.save()
    return buf.getvalue()


def _password_pdf() -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt="secret")
    c.setFont("Helvetica", 12)
    c.drawString(72, 720, "total investment")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("name,data,message", [
    ("scan.pdf", None, "no text layer: scanned page, OCR it first"),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage", "broken PDF"),
    ("locked.pdf", "password", "password-protected PDF"),
])
def test_bad_pdfs_one_line_exit_2_others_written(tmp_path, capsys, name, data, message):
    data = _scanned_pdf() if data is None else _password_pdf() if data == "password" else data
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text("今年，襄阳市计划实施重点项目320个，总投资1200亿元。", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["run", str(tmp_path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if name in line]
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


@needs_rmrb
def test_real_rmrb_pdf():
    page = read_page(RMRB)
    assert len(page.page_starts) == 228 and page.page_starts == sorted(page.page_starts)
    assert "历史，正在书写新的篇章。" in page.text
    records = extract_file(RMRB)
    assert records and all(1 <= r.source_page <= 228 for r in records)
    for r in records:
        assert _squash(page.text[r.start:r.end]) == _squash(r.evidence)


# ----- Excel -------------------------------------------------------------------------------------

def test_xlsx_matches_the_jsonl_of_the_same_run(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    (tmp_path / "pages").mkdir()
    for seed in SEEDS[:2]:
        (tmp_path / "pages" / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "pages" / "x.html").write_bytes(_article())
    (tmp_path / "pages" / "scan.pdf").write_bytes(_scanned_pdf())
    assert main(["run", str(tmp_path / "pages"), "-o", str(tmp_path / "r.xlsx")]) == 2
    assert main(["run", str(tmp_path / "pages"), "-o", str(tmp_path / "r.jsonl")]) == 2
    rows = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    sheet = book["records"]
    header = [c.value for c in sheet[1]]
    assert header == COLUMNS + ["amount_yi"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions
    cells = list(sheet.iter_rows(min_row=2))
    assert len(cells) == len(rows) > 10
    col = {name: i for i, name in enumerate(header)}
    for row, rec in zip(cells, rows):
        amount = row[col["amount_yuan"]]
        if rec["amount_yuan"] is None:
            assert amount.value is None and row[col["amount_yi"]].value is None
        else:
            assert isinstance(amount.value, (int, float)) and amount.value == rec["amount_yuan"]
            assert "E" not in amount.number_format and amount.number_format == "#,##0"
            assert row[col["amount_yi"]].value == pytest.approx(rec["amount_yuan"] / 1e8)
        assert row[col["evidence"]].value == rec["evidence"] and row[col["start"]].value == rec["start"]
        assert (row[col["project_count"]].value == rec["project_count"]) or rec["project_count"] is None
        assert json.loads(row[col["projects"]].value) == rec["projects"]
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["B"].width  # sentence wider than start
    pages = [[c.value for c in r] for r in book["pages"].iter_rows()]
    assert pages[0] == ["file", "format", "records", "problems"] and len(pages) == 5
    by_file = {Path(r[0]).name: r for r in pages[1:]}
    assert by_file["x.html"][1:3] == ["html", 3]
    assert by_file["scan.pdf"][1] == "pdf" and "no text layer" in by_file["scan.pdf"][3]


# ----- optional extras missing --------------------------------------------------------------------

def _without(monkeypatch, *modules: str) -> None:
    real = builtins.__import__

    def fake(name, *args, **kwargs):
        if name.split(".")[0] in modules:
            raise ImportError(f"No module named {name!r}")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)


@pytest.mark.parametrize("suffix,module,extra", [(".html", "readability", "extract[html]"),
                                                 (".pdf", "pdfplumber", "extract[pdf]")])
def test_page_without_its_extra_names_the_extra(tmp_path, monkeypatch, capsys, suffix, module, extra):
    page = tmp_path / f"p{suffix}"
    page.write_bytes(_article() if suffix == ".html" else _password_pdf())
    _without(monkeypatch, module)
    with pytest.raises(PageError, match=extra.replace("[", r"\[").replace("]", r"\]")):
        read_page(page)
    assert main(["run", str(page), "-o", str(tmp_path / "o.jsonl")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert any(extra in line for line in err) and "Traceback" not in "\n".join(err)


def test_xlsx_without_openpyxl_names_the_extra(tmp_path, monkeypatch, capsys):
    _without(monkeypatch, "openpyxl")
    assert main(["run", str(SEEDS[0]), "-o", str(tmp_path / "o.xlsx")]) == 1
    assert "extract[xlsx]" in capsys.readouterr().err
    assert not (tmp_path / "o.xlsx").exists()
