"""Multi-column newspaper PDFs made from text pages, for the PDF reader's tests (reportlab).

The built-in CID font STSong-Light needs no font file.  A page's headings ("## …") become
headlines in larger type: the first one set across all columns, the others inside their column;
paragraphs are set with a two-character indent and wrapped to the column width, flowing down
and across the columns; each PDF page has a running head (edition, date, 责任编辑) and a folio.
"""
from __future__ import annotations

import io
import re

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
BODY, HEAD = 9.0, 15.0
LEADING = 1.45
GUTTER = 14.0
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 36.0, 60.0, 50.0
WIDTH, HEIGHT = 595.0, 842.0

pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def blocks_of(text: str) -> list[tuple[str, str]]:
    """A text page -> [("head"|"para", text)]: '#' lines are headings, an indented line opens a
    paragraph, a blank line closes one, any other line continues the open paragraph."""
    blocks: list[tuple[str, str]] = []
    open_para = False
    for line in text.splitlines():
        if not line.strip():
            open_para = False
            continue
        if line.lstrip().startswith("#"):
            blocks.append(("head", line.strip().lstrip("#").strip()))
            open_para = False
        elif open_para and not line[:1].isspace():
            blocks[-1] = ("para", blocks[-1][1] + line.strip())
        else:
            blocks.append(("para", line.strip()))
            open_para = True
    return blocks


def wrap(text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    """Greedy wrap by measured width (CJK breaks anywhere; a Latin word is kept whole)."""
    lines, line, room = [], "", width - indent
    for token in re.findall(r"[A-Za-z0-9.%+\-/]+|\s+|.", text):
        w = pdfmetrics.stringWidth(line + token, FONT, size)
        if line and w > room:
            lines.append(line)
            line, room = token.lstrip(), width
        else:
            line += token
    if line:
        lines.append(line)
    return lines


class Layout:
    """Flows blocks down the columns of a band; a spanning headline starts a new band."""

    def __init__(self, columns: int, header: str):
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=(WIDTH, HEIGHT))
        self.n = columns
        self.col_w = (WIDTH - 2 * MARGIN_X - GUTTER * (columns - 1)) / columns
        self.header = header
        self.page = 0
        self._new_page()

    def _new_page(self) -> None:
        if self.page:
            self.c.showPage()
        self.page += 1
        self.c.setFont(FONT, 8)
        self.c.drawString(MARGIN_X, HEIGHT - 30, f"第{self.page}版  {self.header}")
        self.c.drawString(WIDTH / 2, 25, str(self.page))
        self.band_top = HEIGHT - MARGIN_TOP
        self.col, self.y, self.lowest = 0, self.band_top, self.band_top

    def _x(self) -> float:
        return MARGIN_X + self.col * (self.col_w + GUTTER)

    def _line(self, text: str, size: float, indent: float = 0.0) -> None:
        step = size * LEADING
        if self.y - step < MARGIN_BOTTOM:
            self.col += 1
            self.y = self.band_top
            if self.col == self.n:
                self._new_page()
        self.y -= step
        self.lowest = min(self.lowest, self.y)
        self.c.setFont(FONT, size)
        self.c.drawString(self._x() + indent, self.y, text)

    def spanning_headline(self, text: str) -> None:
        """A headline across all columns, below everything set so far on this page."""
        lines = wrap(text, WIDTH - 2 * MARGIN_X, HEAD)
        top = self.lowest - HEAD * 0.8
        if top - HEAD * LEADING * (len(lines) + 3) < MARGIN_BOTTOM:
            self._new_page()
            top = self.band_top
        y = top
        for line in lines:
            y -= HEAD * LEADING
            self.c.setFont(FONT, HEAD)
            self.c.drawString(MARGIN_X, y, line)
        self.band_top = self.lowest = y - HEAD * 0.5
        self.col, self.y = 0, self.band_top

    def headline(self, text: str) -> None:
        for line in wrap(text, self.col_w, HEAD * 0.8):
            self._line(line, HEAD * 0.8)
        self.y -= BODY * 0.5

    def paragraph(self, text: str) -> None:
        for i, line in enumerate(wrap(text, self.col_w, BODY, indent=2 * BODY)):
            self._line(line, BODY, 2 * BODY if i == 0 else 0.0)

    def pdf(self) -> bytes:
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


def newspaper_pdf(text: str, columns: int, header: str = "要闻  2024年3月1日 星期五  责任编辑：王明") -> bytes:
    """The text page set as a newspaper PDF in `columns` columns."""
    layout = Layout(columns, header)
    first = True
    for kind, body in blocks_of(text):
        if kind == "head" and first:
            layout.spanning_headline(body)
            first = False
        elif kind == "head":
            layout.headline(body)
        else:
            layout.paragraph(body)
    return layout.pdf()
