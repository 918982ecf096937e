"""Column wraps on unseen text: the real gold's pages re-laid out as a newspaper column (11-14
characters a line, one width a page, cut mid-word and mid-number, full-width indents, a blank
line at every column break) must give the records of the flat pages (F1 within 0.02): the 12
reports, and the 200 broadcast days set as a paper would set them (headlines on lines of their
own, the HTML paragraphs as text in the column)."""
from __future__ import annotations

import random
import re
import zlib
from pathlib import Path

import pytest

from extract import extract_text
from extract.goldset import gold_pages, load_gold
from extract.score import score

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "pages" / "real" / "gold"
CORPORA = ROOT.parent / "shared" / "corpora"
pytestmark = pytest.mark.skipif(not (CORPORA / "gov-reports-2026").is_dir(),
                                reason="the real corpora (../shared/corpora) are not here")


def set_in_column(para: str, width: int) -> list[str]:
    """Lines of `width` cells, as type is set: a Chinese character fills a cell, a digit or Latin
    letter half of one (so 2929亿元 takes three cells), cut wherever the width runs out."""
    lines, line, cells = [], "", 0.0
    for ch in para:
        size = 0.5 if ch.isascii() else 1.0
        if cells + size > width:
            lines.append(line)
            line, cells = "", 0.0
        line, cells = line + ch, cells + size
    return lines + ([line] if line else [])


def column_layout(text: str, seed: int) -> str:
    """Each paragraph set in a column of 11-14 cells (one width a page), indented with two
    full-width spaces; every 40-60 lines a column break (a blank line) falls wherever it falls."""
    rng = random.Random(seed)
    width = rng.randint(11, 14)
    lines: list[str] = []
    for para in text.split("\n"):
        para = para.strip()
        if not para:
            continue
        lines.extend(set_in_column("\u3000\u3000" + para, width))
        lines.append("")
    out, since_break = [], 0
    for line in lines:
        out.append(line)
        since_break += 1
        if since_break >= rng.randint(40, 60) and line:
            out.append("")
            since_break = 0
    return "\n".join(out)


def test_rewrapped_reports_give_the_records_of_the_flat_reports():
    pages = gold_pages(GOLD)
    reports = {doc for doc, group in pages.groups.items() if group == "gov-reports-2026"}
    golds = [g for g in load_gold(GOLD) if g.record["doc_id"] in reports]
    flat, wrapped = [], []
    for page in pages.read():
        if page.doc_id not in reports:
            continue
        flat += extract_text(page.text, page.doc_id, path=page.path)
        wrapped += extract_text(column_layout(page.text, zlib.crc32(page.doc_id.encode())), page.doc_id, path=page.path)
    f_flat, f_wrapped = score(golds, flat, pages=reports).f1, score(golds, wrapped, pages=reports).f1
    print(f"F1 flat {f_flat:.3f}, wrapped {f_wrapped:.3f}")
    assert f_flat > 0.8 and abs(f_flat - f_wrapped) <= 0.02, f"flat {f_flat:.3f}, wrapped {f_wrapped:.3f}"


def newspaper_copy(page: str) -> str:
    """A broadcast page as a paper prints it: its Markdown headings on lines of their own, each
    HTML paragraph (<p>, <br>) as a plain paragraph, tags gone."""
    out = []
    for line in page.split("\n"):
        if line.startswith("#") or "<p" not in line:
            out.append(line)
            continue
        out += [text for para in re.split(r"</p>|<br\s*/?>", line) if (text := re.sub(r"<[^>]+>", "", para).strip())]
    return "\n".join(out)


def in_columns(copy: str, seed: int) -> str:
    """The copy's text between headings set in one column width for the page; headings stay whole."""
    blocks, text = [], []
    for line in copy.split("\n") + ["#"]:
        if line.startswith("#"):
            if text:
                blocks.append(column_layout("\n".join(text), seed))
            blocks.append(line)
            text = []
        else:
            text.append(line)
    return "\n\n".join(blocks[:-1])


def test_rewrapped_broadcast_days_give_the_records_of_their_flat_copy():
    pages = gold_pages(GOLD)
    days = {doc for doc, group in pages.groups.items() if group != "gov-reports-2026"}
    golds = [g for g in load_gold(GOLD) if g.record["doc_id"] in days]
    flat, wrapped = [], []
    for page in pages.read():
        if page.doc_id not in days:
            continue
        copy = newspaper_copy(page.text)
        flat += extract_text(copy, page.doc_id, path=page.path)
        wrapped += extract_text(in_columns(copy, zlib.crc32(page.doc_id.encode())), page.doc_id, path=page.path)
    f_flat, f_wrapped = score(golds, flat, pages=days).f1, score(golds, wrapped, pages=days).f1
    print(f"F1 flat copy {f_flat:.3f}, wrapped {f_wrapped:.3f}")
    assert f_flat > 0.8 and abs(f_flat - f_wrapped) <= 0.02, f"flat {f_flat:.3f}, wrapped {f_wrapped:.3f}"
