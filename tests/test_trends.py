"""extract trends: the tables and charts per actor, in the workbook and in a real browser.

The browser part drives Debian's Chromium through Playwright (executable_path, no browser
download), as test_browser.py does; it is skipped with a reason where Chromium is absent.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract import facts
from extract.cli import main
from extract.records import write_records
from extract.trends import actors, cells, top_actors, yuan_text
from test_browser import browser_context  # noqa: F401  (the Chromium fixture, shared)
from test_facts import rec

OUT = Path(__file__).resolve().parent.parent / "data" / "out"


def records():
    """Two places over two years, each figure said on two pages, plus a nameless and a yearless fact."""
    def both(actor, short, **fields):
        return [rec("20240301", actor=actor, page_date="2024-03-01", **fields),
                rec("20240302", actor=short, page_date="2024-03-02", **fields)]

    out = []
    out += both("湖南省", "湖南", year=2023, count=100, amount=500e8, evidence="100个重点项目，总投资500亿元")
    out += both("湖南省", "湖南", year=2023, modality="actual", count=None, amount=480e8,
                kind="completed_investment", evidence="完成投资480亿元")
    out += both("湖南省", "湖南", year=2024, count=120, amount=600e8, evidence="120个重点项目，总投资600亿元")
    out += both("湖南省", "湖南", year=2024, modality="actual", count=None, amount=610e8,
                kind="completed_investment", evidence="完成投资610亿元")
    out += both("青岛西海岸新区", "西海岸新区", year=2024, count=50, amount=None, evidence="50个重点项目")
    out += [rec("20240303", actor="西海岸新区", year=None, count=8, amount=None, evidence="8个重点项目")]
    out += [rec("20240304", actor=None, year=2024, count=None, amount=3e9, evidence="总投资30亿元")]
    return out


def test_cells_give_a_count_row_and_an_amount_row_per_fact():
    table = cells(facts(records()))
    hunan = table[(table["actor_key"] == "湖南") & (table["year"] == 2023)]
    assert sorted(zip(hunan["measure"], hunan["text"])) == [
        ("investment completed", "480亿元"), ("projects planned", "100个"), ("total investment planned", "500亿元")]
    assert yuan_text(292900000000.0) == "2929亿元" and yuan_text(35000000.0) == "3500万元"


def test_actors_most_facts_first_and_the_nameless_last():
    groups = actors(facts(records()))
    assert [g.key for g in groups] == ["湖南", "西海岸", "(actor not named)"]
    assert groups[0].name in ("湖南省", "湖南") and len(groups[0].facts) == 4
    top = top_actors(facts(records()))
    assert top["actor_key"].tolist() == ["湖南", "西海岸"] and top["mentions"].tolist() == [8, 3]


def test_trends_workbook_links_each_cell_to_a_mention_of_its_fact(tmp_path):
    pytest.importorskip("openpyxl", reason="openpyxl not installed (pip install -e '.[trends]')")
    import openpyxl

    source, out = tmp_path / "records.jsonl", tmp_path / "trends.xlsx"
    write_records(records(), source)
    assert main(["trends", str(source), "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["trends", "facts", "mentions"]
    sheet, mentions = book["trends"], book["mentions"]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["actor", "measure"] and "2023" in header and "year ?" in header
    linked = [c for row in sheet.iter_rows(min_row=2) for c in row[2:] if c.value]
    assert linked and all(c.hyperlink is not None for c in linked)
    evidence_col = [c.value for c in mentions[1]].index("evidence")
    for cell in linked:
        row = int(re.fullmatch(r"#mentions!A(\d+)", cell.hyperlink.location or cell.hyperlink.target).group(1))
        evidence = mentions.cell(row=row, column=evidence_col + 1).value
        number = re.sub(r"[约近超≥个亿元万]", "", cell.value.split("; ")[0])
        assert number in evidence, (cell.value, evidence)


# ----------------------------------------------------------------------------------------------
# In Chromium


@pytest.fixture(scope="module")
def trends_page(tmp_path_factory) -> Path:
    pytest.importorskip("matplotlib", reason="matplotlib not installed (pip install -e '.[trends]')")
    folder = tmp_path_factory.mktemp("trends")
    write_records(records(), folder / "records.jsonl")
    assert main(["facts", str(folder / "records.jsonl"), "-o", str(folder / "facts.jsonl")]) == 0
    assert main(["trends", str(folder / "facts.jsonl"), "-o", str(folder / "trends.html")]) == 0
    return folder / "trends.html"


@pytest.mark.browser
def test_trends_page_offline_with_charts_and_every_number_linked_to_its_sentences(browser_context, trends_page):  # noqa: F811 (the fixture)
    page = browser_context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(trends_page.as_uri())
    assert all(url.startswith(("file:", "data:")) for url in requests), requests  # nothing from the network

    # a chart per actor with a known year, drawn (the SVG decoded and laid out)
    sections = page.locator("section.actor")
    assert sections.count() == 3
    charts = page.eval_on_selector_all("img.chart", "imgs => imgs.map(i => [i.complete, i.naturalWidth, i.width])")
    assert len(charts) == 3 and all(done and natural > 300 and shown > 300 for done, natural, shown in charts)

    # every cell holds only linked numbers, and each link leads to the sentences of its figure
    cells_ = page.eval_on_selector_all("table.trend td", "tds => tds.map(td => [td.innerText.replace(/\\s/g, ''),"
                                       " [...td.querySelectorAll('a.num')].map(a => a.innerText).join('')])")
    assert cells_ and all(text == linked for text, linked in cells_)
    links = page.eval_on_selector_all("a.num", "as => as.map(a => [a.innerText, a.getAttribute('href')])")
    assert len(links) == 9  # 湖南: 2 counts + 4 amounts; 西海岸: 2 counts; the nameless fact: 1 amount
    for text, href in links:
        target = page.locator(href)
        assert target.count() == 1
        marks = target.locator("li q mark").all_inner_texts()
        number = re.sub(r"[约近超≥个亿元万]", "", text)
        assert marks and all(number in m for m in marks), (text, marks)
        assert len(marks) == int(re.search(r"\((\d+) mentions\)", target.locator("h4").inner_text()).group(1))

    # clicking a number brings its mentions into view, highlighted
    first = page.locator("a.num").first
    href = first.get_attribute("href")
    first.click()
    assert page.evaluate("location.hash") == href
    target = page.locator(href)
    assert target.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight }")
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert "20240301" in target.inner_text() and "20240302" in target.inner_text()

    OUT.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(OUT / "trends.png"))
    assert (OUT / "trends.png").stat().st_size > 10_000
    assert not errors, errors


def test_an_amount_in_another_currency_is_listed_not_drawn(tmp_path):
    """80亿美元 has no yuan value: its cell shows the amount as written, the chart draws the rest."""
    from dataclasses import replace

    usd = replace(rec("20240305", actor="湖南省", year=2024, count=None, amount=80e8, evidence="总投资80亿美元"),
                  amount_yuan=None, currency="USD", amount_text="80亿美元")
    table = cells(facts(records() + [usd]))
    row = table[table["text"].str.contains("美元")]
    assert len(row) == 1 and row["value"].isna().all()
    source = tmp_path / "r.jsonl"
    write_records(records() + [usd], source)
    assert main(["trends", str(source), "-o", str(tmp_path / "t.html")]) == 0
    assert "80亿美元" in (tmp_path / "t.html").read_text(encoding="utf-8")
