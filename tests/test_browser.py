"""The HTML report in a real browser: headless Chromium driven by Playwright.

Playwright drives the system Chromium (Debian's /usr/bin/chromium) through `executable_path`;
no browser is downloaded.  Without Chromium or Playwright the tests are skipped; CI installs both.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from extract.cli import main
from extract.records import Record

ROOT = Path(__file__).resolve().parent.parent
RAW, GOLD, OUT = ROOT / "data" / "raw", ROOT / "data" / "gold", ROOT / "data" / "out"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


def _chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    """A Chromium with a fresh profile; skipped where Chromium or Playwright is missing."""
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed (pip install -e '.[dev]')")
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=executable, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1300, "height": 1000})
        yield context
        context.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, dict]:
    """The report of data/raw against data/gold, written by the CLI; and its embedded data."""
    import json
    import re

    out = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", str(RAW), "--gold", str(GOLD), "-o", str(out)]) == 0
    html_text = out.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="extract-data">(.*?)</script>', html_text, re.S).group(1))
    return out, data


def _open(context, path: Path):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto(path.as_uri())
    return page, errors


def test_report_in_chromium(browser_context, report):
    path, data = report
    page, errors = _open(browser_context, path)
    records = [v for v in data.values() if v["status"] != "miss"]
    misses = [v for v in data.values() if v["status"] == "miss"]
    assert page.locator("main mark.rec[id]").count() == len(records) + len(misses) == len(data)
    assert len(records) >= 1

    # click a highlight: the panel shows that record's fields, rule id included
    mark = page.locator("main mark.rec[id]").nth(len(data) // 2)
    rid = mark.get_attribute("data-rid")
    mark.click()
    panel = page.locator("#panel")
    assert panel.is_visible()
    assert f"rule {data[rid]['fields']['rule']}" in panel.locator("h3").inner_text()
    assert data[rid]["fields"]["evidence"] in panel.inner_text()
    assert "pinned" in panel.get_attribute("class")

    # colours follow the toggle
    before = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    page.locator('input[value="by-modality"]').check()
    assert "by-modality" in page.locator("body").get_attribute("class")
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != before or data[rid]["fields"]["amount_kind"] is None

    # sort by count (numeric, empty cells last), then filter by a rule id
    headers = page.locator("#records-table th").all_inner_texts()
    column = headers.index("count")
    page.locator("#records-table th").nth(column).click()
    counts = page.eval_on_selector_all(f"#records-table tbody tr td:nth-child({column + 1})",
                                       "cells => cells.map(c => c.dataset.v === undefined ? null : Number(c.dataset.v))")
    numbers = [c for c in counts if c is not None]
    assert numbers == sorted(numbers) and counts == numbers + [None] * (len(counts) - len(numbers))
    page.locator("#records-table th").nth(column).click()  # again: descending
    assert page.locator("#records-table tbody tr td:nth-child(%d)" % (column + 1)).first.get_attribute("data-v") == str(max(numbers))
    rule = data[rid]["fields"]["rule"]
    page.locator("#filter").fill(rule)
    rows = page.eval_on_selector_all("#records-table tbody tr", "rows => rows.map(r => [r.hidden, r.textContent.toLowerCase()])")
    assert all((rule.lower() in text) != hidden for hidden, text in rows)
    assert 0 < sum(not hidden for hidden, _ in rows) < len(rows)
    page.locator("#filter").fill("")

    OUT.mkdir(parents=True, exist_ok=True)
    page.locator('input[value="by-kind"]').check()
    mark.click()
    page.screenshot(path=str(OUT / "report.png"))
    assert (OUT / "report.png").stat().st_size > 10_000
    assert not errors, errors


def test_a_page_with_script_tags_runs_no_page_script(browser_context, tmp_path):
    from extract.report import render_report

    text = "城阳区实施10个项目。<script>alert(1)</script><img src=x onerror=alert(2)>"
    record = Record("xss", 5, 10, "10个项目", text, None, None, None, 10, "个", None, "项目", None, None, None, None,
                    "target", [], "<script>alert(3)</script>")
    path = tmp_path / "xss.html"
    path.write_text(render_report({"xss": text}, [record]), encoding="utf-8")
    page, errors = _open(browser_context, path)
    assert page.locator("main script, main img").count() == 0
    assert "<script>alert(1)</script>" in page.locator("pre.text").inner_text()
    page.locator("main mark.rec[id]").click()
    assert "<script>alert(3)</script>" in page.locator("#panel h3").inner_text()
    assert not errors, errors
