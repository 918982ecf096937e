"""HTML pages -> the article's title, date and text, so page furniture gives no records.

A saved news page is mostly navigation, related-article lists, ads and footers; a figure in a
sidebar headline is not the article's.  readability-lxml finds the main text: it was chosen over
trafilatura by measurement on 62 real pages (scripts/compare_html_extractors.py, table in
docs/formats.md).  Two repairs before it parses, each for a failure seen on those pages:

- a stray `</html>` or `</body>` in the middle of a page (an included header) ends lxml's tree
  there, and the article after it is lost (gov.cn);
- `<section>` blocks holding only `<span>`s (WeChat articles) are read as `<div>`s, which the
  extractors score as paragraphs.

The title is the page's <title> without the site name; the date comes from the publication-time
meta tags, else from a visible dateline near the top of the article.  The text that offsets point
into is '# ' and the title, a blank line, then one paragraph a line: `extract text PAGE.html` prints it.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from .reader import Page, PageError

HTML_SUFFIXES = (".html", ".htm")
EXTRA_HINT = "pip install 'extract[html]'"
# Fewer article characters than this (letters, digits, CJK) and the page has no article.
MIN_ARTICLE_CHARS = 20
# Meta tags that carry the publication time, best first (names compared lower-case).
DATE_META = ("article:published_time", "og:release_date", "pubdate", "publishdate", "publish_date",
             "publication_date", "firstpublishedtime", "datepublished", "dc.date.issued", "dc.date", "date",
             "article:modified_time", "lastmodifiedtime")
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "table",
              "dd", "dt", "pre"}

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_STRAY_END = re.compile(r"</(?:html|body)\s*>", re.I)
_SECTION = re.compile(r"<(/?)section\b", re.I)
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_TITLE_SEPARATORS = re.compile(r"\s*(?:_+|\s[-–—|]\s|\||｜|--)\s*")
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}


@dataclass
class Article:
    """What was found in the page: its title, ISO date and paragraphs."""

    title: str | None
    date: str | None
    paragraphs: list[str]

    @property
    def text(self) -> str:
        """The page text records point into: '# title', blank line, one paragraph a line.

        The title is marked as a Markdown heading, so it stays a unit of its own (the pipeline
        reads '#' lines as headings) instead of running into the first sentence."""
        body = "\n".join(self.paragraphs)
        return f"# {self.title}\n\n{body}" if self.title else body


def _libraries():
    """lxml and readability-lxml, or a one-line error naming the extra to install."""
    try:
        import lxml.html
        from readability import Document
    except ImportError:
        raise PageError(f"HTML pages need the optional extra: {EXTRA_HINT}") from None
    return lxml.html, Document


def decode_html(data: bytes, name: str = "<html>") -> tuple[str, str]:
    """Bytes -> (text, encoding): a BOM, else the page's own <meta charset>, else UTF-8, else GB18030.

    Chinese sites still serve GBK/GB2312 pages that say so in a meta tag; GB18030 is read for
    both (their superset), so a character outside GB2312 that a site slipped in still decodes."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    declared = _META_CHARSET.search(data[:8192])
    candidates = []
    if declared:
        enc = declared.group(1).decode("ascii").lower()
        candidates.append(_ALIASES.get(enc, enc))
    candidates += ["utf-8", "gb18030"]
    for enc in dict.fromkeys(candidates):
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    raise PageError(f"{name}: HTML in none of the encodings {', '.join(dict.fromkeys(candidates))}")


def repair(html: str) -> str:
    """Undo the two markup habits that make the article disappear (module docstring)."""
    return _SECTION.sub(r"<\1div", _STRAY_END.sub("", html))


def iso_date(value: str | None) -> str | None:
    """The first plausible date in a string (2019-09-07T13:43, 2020年09月11日) as YYYY-MM-DD."""
    for m in _DATE.finditer(value or ""):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def meta_date(tree) -> str | None:
    """The publication date a meta tag (or <time datetime>) gives, by DATE_META's order."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in DATE_META and key not in found and iso_date(meta.get("content")):
            found[key] = iso_date(meta.get("content"))
    for key in DATE_META:
        if key in found:
            return found[key]
    for time in tree.iter("time"):
        if iso_date(time.get("datetime")):
            return iso_date(time.get("datetime"))
    return None


def page_title(tree) -> str | None:
    """The <title> without the site's name (…_网易财经, … - 新华网), else the first <h1>."""
    raw = " ".join((tree.findtext(".//title") or "").split())
    if not raw:
        h1 = tree.find(".//h1")
        raw = " ".join(h1.text_content().split()) if h1 is not None else ""
    parts = [p for p in _TITLE_SEPARATORS.split(raw) if p]
    if parts and len(parts[0]) >= 5:
        return parts[0]
    return raw or None


def dateline(lines: list[str]) -> str | None:
    """A visible dateline at the top of the article (2020年09月11日 18:05, 2019-09-26 12:11来源…)."""
    return iso_date("\n".join(lines[:10])[:500])


def block_lines(fragment) -> list[str]:
    """An HTML fragment's text, one line per block element (p, div, br, li …), blanks dropped."""
    for el in fragment.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    return [" ".join(line.split()) for line in fragment.text_content().splitlines() if line.strip()]


def extract_article(html: str) -> Article:
    """Title, date and main text of one decoded HTML document."""
    lxml_html, Document = _libraries()
    html = repair(html)
    try:
        tree = lxml_html.document_fromstring(html)
        summary = Document(html).summary(html_partial=True)
        lines = block_lines(lxml_html.fragment_fromstring(summary, create_parent="div"))
    except Exception:  # lxml and readability raise several types on documents they cannot parse
        return Article(None, None, [])
    title = page_title(tree)
    if title and lines and "".join(lines[0].split()) == "".join(title.split()):
        lines = lines[1:]  # the extractor kept the headline as the first line
    return Article(title, meta_date(tree) or dateline(lines), lines)


def article_chars(lines: list[str]) -> int:
    return sum(len(re.findall(r"\w", line)) for line in lines)


def read_html(data: bytes, name: str, doc_id: str | None = None) -> Page:
    """An HTML file's bytes -> Page (title, date, article text); PageError when there is no article."""
    html, encoding = decode_html(data, name)
    article = extract_article(html)
    if article_chars(article.paragraphs) < MIN_ARTICLE_CHARS:
        raise PageError(f"{name}: no article text found in the HTML page")
    return Page(doc_id or Path(name).stem, article.text, name, encoding, title=article.title, date=article.date)
