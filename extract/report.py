"""Review views of records: one self-contained HTML report, and notebook displays.

The report shows each page's raw text with every record's evidence highlighted where its
start/end point, so a reviewer checks a record against the page it came from, not against
a normalised copy.  With a gold set, hits, misses (highlighted from the gold's own span) and
spurious records are marked apart.  Everything (CSS, JS, data) is inline: the file opens
offline and can be mailed.

Notebooks: ``Record._repr_html_`` calls :func:`record_html`; :class:`RecordList` shows many
records; ``frame.extract.show()`` does the same for a DataFrame of records.

Only the standard library and pandas are imported here, so importing this module is cheap.
"""
from __future__ import annotations

import glob
import html
import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

import pandas as pd

from .records import COLUMNS, Record, atomic_path

if TYPE_CHECKING:  # only for type hints: the scorer is imported when a gold set is given
    from .score import Gold

KIND_COLOURS: dict[str, str] = {
    "total_investment": "#ffd54f",
    "completed_investment": "#81c784",
    "annual_investment": "#64b5f6",
    "statistics": "#ce93d8",
    "output_value": "#ffab91",
    "none": "#e0e0e0",
}
MODALITY_COLOURS: dict[str, str] = {"target": "#90caf9", "actual": "#a5d6a7"}
STATUS_LABELS: dict[str, str] = {
    "hit": "hit: matches a gold record",
    "hit-err": "hit with field errors",
    "ignored": "matches a not-required gold record",
    "spurious": "spurious: no gold record",
    "miss": "miss: gold record not predicted",
}
# fields compared with the gold on a hit (the span fields and rule are not the gold's business)
COMPARED = ["actor", "year", "period", "project_count", "count_unit", "count_qualifier", "category",
            "amount_yuan", "amount_text", "amount_kind", "amount_qualifier", "modality", "projects"]
TABLE_COLUMNS: list[tuple[str, str, bool]] = [  # (field, header, numeric)
    ("doc_id", "page", False), ("start", "start", True), ("evidence", "evidence", False),
    ("project_count", "count", True), ("amount_text", "amount", False), ("amount_yuan", "yuan", True),
    ("amount_kind", "kind", False), ("category", "category", False), ("actor", "actor", False),
    ("year", "year", True), ("period", "period", False), ("modality", "modality", False),
    ("projects", "projects", False), ("rule", "rule", False),
]


# --------------------------------------------------------------------------------------------
# What gets highlighted


@dataclass
class Item:
    """One highlight: a predicted record or a missed gold record, with its review status."""

    rid: str
    fields: dict
    status: str = ""  # "" (page not in the gold), hit, hit-err, ignored, spurious, miss
    gold_diff: dict = field(default_factory=dict)  # field -> values the gold accepts, on a hit
    note: str | None = None

    @property
    def start(self) -> int:
        return int(self.fields["start"])

    @property
    def end(self) -> int:
        return int(self.fields["end"])

    @property
    def doc_id(self) -> str:
        return str(self.fields["doc_id"])

    def payload(self) -> dict:
        """What the page's script shows in the panel for this highlight."""
        out = {"status": self.status, "fields": self.fields}
        if self.gold_diff:
            out["gold"] = self.gold_diff
        if self.note:
            out["note"] = self.note
        return out


def _same(name: str, option, value) -> bool:
    """Field equality as the scorer sees it: amounts within 0.5%."""
    if name == "amount_yuan" and option is not None and value is not None:
        return math.isclose(option, value, rel_tol=0.005)
    return option == value


def _differs(gold: "Gold", name: str, value) -> bool:
    """Whether a matched prediction's field is none of the values the gold accepts."""
    return not any(_same(name, o, value) for o in gold.alternatives.get(name, [gold.record.get(name)]))


def build_items(records: list[Record], golds: list["Gold"] | None) -> list[Item]:
    """Records (and gold misses) as highlights; statuses come from the scorer's own matching."""
    items = [Item(f"r{i}", r.to_dict()) for i, r in enumerate(records)]
    if not golds:
        return items
    from .score import match

    gold_pages = {g.record["doc_id"] for g in golds}
    by_id = {id(r): item for r, item in zip(records, items)}
    scored = [r for r in records if r.doc_id in gold_pages]
    pairs, missed, spurious = match(golds, scored)
    for gold, pred in pairs:
        item = by_id[id(pred)]
        item.gold_diff = {n: gold.alternatives.get(n, [gold.record.get(n)]) for n in COMPARED
                          if _differs(gold, n, getattr(pred, n))}
        item.status = ("hit-err" if item.gold_diff else "hit") if gold.required else "ignored"
    for pred in spurious:
        by_id[id(pred)].status = "spurious"
    for k, gold in enumerate(g for g in missed if g.required):
        note = "gold record not predicted" + (f" ({gold.source})" if gold.source else "")
        items.append(Item(f"g{k}", dict(gold.record), "miss", note=note))
    return items


# --------------------------------------------------------------------------------------------
# Page text with marks


def _span_order(items: list[Item], length: int) -> list[tuple[int, int, Item]]:
    """Spans clamped to the page, outer spans first where two start together."""
    spans = []
    for item in items:
        start, end = max(0, item.start), min(length, item.end)
        if start < end:
            spans.append((start, end, item))
    spans.sort(key=lambda s: (s[0], -s[1]))
    return spans


def _open_tag(item: Item, first: bool) -> str:
    f = item.fields
    kind = f.get("amount_kind") or "none"
    classes = ["rec"] + ([item.status] if item.status else []) + ([] if first else ["cont"])
    ident = f' id="m-{item.rid}"' if first else ""
    return (f'<mark{ident} class="{" ".join(classes)}" data-rid="{item.rid}" data-kind="{html.escape(kind)}" '
            f'data-modality="{html.escape(str(f.get("modality") or ""))}" tabindex="0">')


def marked_text(text: str, items: list[Item]) -> str:
    """Page text, HTML-escaped, with a <mark> per item; overlapping spans are nested or split.

    Tags always close in the order they opened: where a span ends inside another that started
    after it, the inner one is closed, the outer closed, and the inner reopened (class "cont"),
    so the HTML stays well formed.  One pass over the span boundaries: linear in the text.
    """
    spans = _span_order(items, len(text))
    bounds = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    starting: dict[int, list[tuple[int, int, Item]]] = {}
    for span in spans:
        starting.setdefault(span[0], []).append(span)
    out: list[str] = []
    stack: list[tuple[int, int, Item]] = []
    for k, pos in enumerate(bounds):
        if any(e == pos for _, e, _ in stack):
            reopen = []
            while any(e == pos for _, e, _ in stack):
                span = stack.pop()
                out.append("</mark>")
                if span[1] != pos:
                    reopen.append(span)
            for span in reversed(reopen):
                out.append(_open_tag(span[2], first=False))
                stack.append(span)
        for span in starting.get(pos, []):
            out.append(_open_tag(span[2], first=True))
            stack.append(span)
        if k + 1 < len(bounds):
            out.append(html.escape(text[pos:bounds[k + 1]], quote=False))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


# --------------------------------------------------------------------------------------------
# The whole report


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,}"
    return str(value)


def _table(items: list[Item], with_status: bool) -> str:
    """The records table; each row knows its highlight (data-rid) and numeric sort keys (data-v)."""
    head = ['<th data-type="text">status</th>'] if with_status else []
    head += [f'<th data-type="{"num" if num else "text"}">{html.escape(title)}</th>' for _, title, num in TABLE_COLUMNS]
    rows = []
    for item in sorted(items, key=lambda i: (i.doc_id, i.start, i.end)):
        cells = [f'<td class="st {item.status}">{item.status}</td>'] if with_status else []
        for name, _, num in TABLE_COLUMNS:
            value = item.fields.get(name)
            sort_key = f' data-v="{value}"' if num and value is not None else ""
            cells.append(f"<td{sort_key}>{html.escape(_cell(value))}</td>")
        rows.append(f'<tr data-rid="{item.rid}" class="{item.status}">{"".join(cells)}</tr>')
    return (f'<table id="records-table"><thead><tr>{"".join(head)}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _legend() -> str:
    kinds = "".join(f'<span class="key" style="background:{c}">{html.escape(k)}</span>' for k, c in KIND_COLOURS.items())
    modal = "".join(f'<span class="key" style="background:{c}">{k}</span>' for k, c in MODALITY_COLOURS.items())
    return (f'<div class="legend"><span class="by-kind-only">{kinds}</span>'
            f'<span class="by-modality-only">{modal}</span></div>')


def _status_legend(items: list[Item]) -> str:
    counts = {s: sum(1 for i in items if i.status == s) for s in STATUS_LABELS}
    keys = "".join(f'<span class="key"><mark class="rec {s}" data-kind="none">{counts[s]}</mark> {html.escape(label)}</span>'
                   for s, label in STATUS_LABELS.items())
    hits = counts["hit"] + counts["hit-err"]
    p = hits / (hits + counts["spurious"]) if hits + counts["spurious"] else 0.0
    r = hits / (hits + counts["miss"]) if hits + counts["miss"] else 0.0
    return f'<div class="legend status">{keys}<span class="key">precision {p:.3f} · recall {r:.3f}</span></div>'


def _json_for_script(data: Any) -> str:
    """JSON that cannot end its <script> element early: <, > and & are written as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render_report(pages: Mapping[str, str | None], records: list[Record], golds: list["Gold"] | None = None,
                  title: str = "extract report") -> str:
    """The report as one HTML string.  `pages` maps doc_id -> raw text (None: page not found)."""
    items = build_items(records, golds)
    by_page: dict[str, list[Item]] = {}
    for item in items:
        by_page.setdefault(item.doc_id, []).append(item)
    doc_ids = list(pages) + sorted(d for d in by_page if d not in pages)
    out = [f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{html.escape(title)}</title>',
           f"<style>{_CSS}</style></head><body class=\"by-kind\">",
           f'<header><h1>{html.escape(title)}</h1><p>{len(doc_ids)} pages · {len(records)} records',
           f" · gold: {len(golds)} records</p>" if golds else "</p>",
           '<div class="controls">colour by <label><input type="radio" name="colour" value="by-kind" checked> amount kind</label> ',
           '<label><input type="radio" name="colour" value="by-modality"> target / actual</label></div>',
           _legend(), _status_legend(items) if golds else "",
           '<nav>', " ".join(f'<a href="#page-{html.escape(d)}">{html.escape(d)}</a> ({len(by_page.get(d, []))})'
                             for d in doc_ids), "</nav></header>",
           '<aside id="panel"><button id="panel-close" type="button" title="close">×</button><div id="panel-body">'
           '<p class="hint">Hover over a highlight to see its record; click it (or a table row) to keep it here.</p></div></aside>',
           "<main>"]
    for doc_id in doc_ids:
        text = pages.get(doc_id)
        page_items = by_page.get(doc_id, [])
        out.append(f'<section class="page" id="page-{html.escape(doc_id)}"><h2>{html.escape(doc_id)} '
                   f"<small>{len(page_items)} highlights</small></h2>")
        if text is None:
            out.append('<p class="missing">raw page not found; its records are in the table below</p>')
        else:
            out.append(f'<pre class="text">{marked_text(text, page_items)}</pre>')
        out.append("</section>")
    out.append('<section id="records"><h2>Records</h2><input id="filter" type="search" '
               'placeholder="filter rows (any text: a rule id, a page, miss, 项目 …)"> <span id="shown"></span>')
    out.append(_table(items, bool(golds)))
    out.append("</section></main>")
    out.append(f'<script type="application/json" id="extract-data">{_json_for_script({i.rid: i.payload() for i in items})}</script>')
    out.append(f"<script>{_JS}</script></body></html>")
    return "".join(out)


def read_pages(doc_ids: Iterable[str], raw_dir: Path) -> dict[str, str | None]:
    """Raw text of each page, from raw_dir/<doc_id>.* (None when there is no such file)."""
    from .reader import PageError, read_page

    pages: dict[str, str | None] = {}
    for doc_id in sorted(set(doc_ids)):
        hits = sorted(p for p in Path(raw_dir).glob(f"{glob.escape(doc_id)}.*") if p.is_file())
        try:
            pages[doc_id] = read_page(hits[0]).text if hits else None
        except PageError as err:
            print(f"extract report: {err}", file=sys.stderr)
            pages[doc_id] = None
    return pages


def write_report(path: Path, records: list[Record], raw_dir: Path, golds: list["Gold"] | None = None) -> None:
    """Write the HTML report for records (and gold) whose pages are raw_dir/<doc_id>.*."""
    doc_ids = {r.doc_id for r in records} | {g.record["doc_id"] for g in golds or []}
    pages = read_pages(doc_ids, Path(raw_dir))
    _write_html(Path(path), render_report(pages, records, golds))


def _write_html(path: Path, text: str) -> None:
    with atomic_path(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def cmd_report(args) -> int:
    """`extract report PATH... -o FILE [--gold DIR]`: run the pipeline, write the report; 2 if a page failed."""
    from .pipeline import extract_text
    from .reader import PageError, discover, read_page
    from .segment import set_segmenter

    set_segmenter(getattr(args, "segmenter", None))
    rules_dir = str(Path(args.rules).resolve()) if args.rules else None
    failed = 0
    pages: dict[str, str | None] = {}
    records: list[Record] = []
    for item in discover(args.paths):
        try:
            if isinstance(item, PageError):
                raise item
            if item == "-":
                raise PageError("-: extract report reads page files, not stdin")
            page = read_page(item)
        except PageError as err:
            print(f"extract: {err}", file=sys.stderr)
            failed += 1
            continue
        pages[page.doc_id] = page.text  # for HTML and PDF pages: the extracted text the offsets point into
        records.extend(extract_text(page.text, page.doc_id, args.year, rules_dir, args.ner, args.hanlp_model,
                                    date=page.date, path=page.path, title=page.title))
    golds = None
    if args.gold:
        from .score import load_gold

        try:
            golds = [g for g in load_gold(args.gold) if g.record["doc_id"] in pages]
        except (ValueError, OSError) as err:
            print(f"extract report: {err}", file=sys.stderr)
            return 1
    _write_html(args.output, render_report(pages, records, golds))
    print(f"extract: {len(records)} records from {len(pages)} pages -> {args.output}"
          + (f"; {failed} failed" if failed else ""), file=sys.stderr)
    return 2 if failed else 0


# --------------------------------------------------------------------------------------------
# Notebooks


def _as_dict(record: Record | Mapping) -> dict:
    """A Record, a dict or a DataFrame row as a plain dict, pandas missing values as None."""
    data = record.to_dict() if isinstance(record, Record) else dict(record)
    for key, value in data.items():
        if hasattr(value, "tolist"):
            value = value.tolist()
        if value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
            value = None
        data[key] = value
    return data


def _field_line(d: dict) -> str:
    """count · amount (kind) · category · actor · year period · modality · rule, the set ones only."""
    parts = []
    if d.get("project_count") is not None:
        q = f" ({d['count_qualifier']})" if d.get("count_qualifier") else ""
        parts.append(f"<b>{d['project_count']}</b> {html.escape(str(d.get('count_unit') or ''))}{q}")
    if d.get("amount_yuan") is not None:
        q = f", {d['amount_qualifier']}" if d.get("amount_qualifier") else ""
        parts.append(f"<b>{html.escape(str(d.get('amount_text') or ''))}</b> = {float(d['amount_yuan']):,.0f} 元 "
                     f"({html.escape(str(d.get('amount_kind') or ''))}{q})")
    for name in ("category", "actor"):
        if d.get(name):
            parts.append(f"{name} <b>{html.escape(str(d[name]))}</b>")
    when = " ".join(str(d[n]) for n in ("year", "period") if d.get(n) is not None)
    if when:
        parts.append(html.escape(when))
    if d.get("modality"):
        parts.append(html.escape(str(d["modality"])))
    if d.get("projects"):
        parts.append("projects " + html.escape("、".join(map(str, d["projects"]))))
    if d.get("rule"):
        parts.append(f"rule <code>{html.escape(str(d['rule']))}</code>")
    return " · ".join(parts)


def record_html(record: Record | Mapping) -> str:
    """The record's sentence with its evidence as a coloured <mark>, and a line of its fields."""
    d = _as_dict(record)
    sentence, evidence = d.get("sentence") or "", d.get("evidence") or ""
    colour = KIND_COLOURS.get(d.get("amount_kind") or "none", KIND_COLOURS["none"])
    label = (d.get("amount_kind") or "count").upper()
    mark = (f'<mark style="background:{colour};padding:0.15em 0.35em;border-radius:0.35em;line-height:1">'
            f'{html.escape(evidence)}<span style="font-size:0.65em;font-weight:bold;margin-left:0.5em;'
            f'vertical-align:middle;opacity:0.75">{html.escape(label)}</span></mark>')
    at = sentence.find(evidence) if evidence else -1
    if at < 0:  # evidence not in the sentence (hand-edited record): show both
        body = f"{html.escape(sentence)}<br>{mark}"
    else:
        body = f"{html.escape(sentence[:at])}{mark}{html.escape(sentence[at + len(evidence):])}"
    where = f'<span style="color:#888">{html.escape(str(d.get("doc_id") or ""))} [{d.get("start")}:{d.get("end")}]</span> '
    return (f'<div style="margin:0.5em 0;line-height:2;font-family:sans-serif">'
            f'<div>{body}</div><div style="font-size:0.85em;color:#444;line-height:1.4">{where}{_field_line(d)}</div></div>')


def records_html(records: Iterable[Record | Mapping], limit: int | None = None) -> str:
    """Many records as record_html blocks; past `limit`, a line says how many were left out."""
    blocks, total = [], 0
    for total, record in enumerate(records, 1):
        if limit is None or total <= limit:
            blocks.append(record_html(record))
    if not total:
        return "<p><i>no records</i></p>"
    if limit is not None and total > limit:
        blocks.append(f"<p><i>… {total - limit} more records not shown</i></p>")
    return "".join(blocks)


class RecordList(list):
    """A list of records that a notebook shows as highlighted sentences (first `max_rows`)."""

    max_rows = 200

    def _repr_html_(self) -> str:
        return records_html(self, self.max_rows)


class HtmlView:
    """An object whose only job is to show some HTML in a notebook."""

    def __init__(self, html_text: str):
        self.html = html_text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<HtmlView {len(self.html)} characters of HTML>"


@pd.api.extensions.register_dataframe_accessor("extract")
class ExtractAccessor:
    """``frame.extract.show()``: a frame of records shown as highlighted sentences."""

    def __init__(self, frame: pd.DataFrame):
        missing = [c for c in ("sentence", "evidence") if c not in frame.columns]
        if missing:
            raise AttributeError(f"frame.extract needs record columns; missing: {', '.join(missing)}")
        self._frame = frame

    def show(self, limit: int | None = RecordList.max_rows) -> HtmlView:
        """The frame's rows (in frame order, first `limit`) as highlighted sentences."""
        rows = (dict(zip(self._frame.columns, values)) for values in self._frame.itertuples(index=False, name=None))
        return HtmlView(records_html(rows, limit))

    def records(self) -> RecordList:
        """The rows back as Record objects (the frame must have every contract column)."""
        from .records import record_from_dict

        rows = self._frame[COLUMNS].to_dict("records")
        return RecordList(record_from_dict(_as_dict(r)) for r in rows)


# --------------------------------------------------------------------------------------------
# Inline assets


def _colour_css() -> str:
    rules = [f'.by-kind mark.rec[data-kind="{k}"]{{background:{c}}}' for k, c in KIND_COLOURS.items()]
    rules += [f'.by-modality mark.rec[data-modality="{m}"]{{background:{c}}}' for m, c in MODALITY_COLOURS.items()]
    return "".join(rules)


_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","Source Han Sans SC",sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:0.6em 1.2em;background:#fff;border-bottom:1px solid #ddd}
h1{font-size:1.2em;margin:0.2em 0}h2{font-size:1.05em;margin:0.4em 0}h2 small{color:#888;font-weight:normal}
header p{margin:0.2em 0;color:#555}nav{font-size:0.8em;margin-top:0.3em}nav a{margin-right:0.2em}
main{padding:0 1.2em 2em}.page{background:#fff;border:1px solid #e3e3e3;border-radius:6px;margin:1em 0;padding:0.3em 1em}
pre.text{white-space:pre-wrap;word-break:break-all;font-family:inherit;line-height:1.8;margin:0.3em 0;max-width:60em}
mark.rec{background:#eee;color:inherit;padding:0;border-radius:2px;cursor:pointer;box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark.rec:hover,mark.rec.active{filter:brightness(0.85);box-shadow:0 0 0 2px #333}
mark.rec.hit{border-bottom:3px solid #2e7d32}mark.rec.hit-err{border-bottom:3px solid #ef6c00}
mark.rec.ignored{border-bottom:3px dotted #9e9e9e}mark.rec.spurious{outline:2px dashed #c62828;outline-offset:1px}
mark.rec.miss{background:repeating-linear-gradient(45deg,#ffcdd2 0 4px,#fff 4px 8px)!important;border:2px dotted #c62828}
.legend{margin:0.3em 0;font-size:0.8em}.key{display:inline-block;margin:0 0.5em 0.2em 0;padding:0 0.4em;border-radius:3px}
.by-kind .by-modality-only,.by-modality .by-kind-only{display:none}.controls{font-size:0.85em}
#panel{position:fixed;right:1em;bottom:1em;width:26em;max-height:70vh;overflow:auto;background:#fff;border:1px solid #999;
 border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.25);padding:0.5em 0.8em;font-size:0.85em;z-index:3}
#panel.pinned{border:2px solid #1565c0}#panel table{border-collapse:collapse;width:100%}
#panel td{border-top:1px solid #eee;padding:2px 4px;vertical-align:top}#panel td:first-child{color:#666;white-space:nowrap}
#panel .wrong{color:#c62828}#panel .hint{color:#666}#panel{overflow-wrap:anywhere}#panel h3{margin:0.2em 0;font-size:1em}#panel-close{float:right;border:none;background:none;font-size:1.3em;cursor:pointer}
#records table{border-collapse:collapse;font-size:0.8em;background:#fff;width:100%}
#records th{position:sticky;top:0;background:#eee;cursor:pointer;user-select:none;text-align:left;padding:3px 5px}
#records th.asc::after{content:" ▲"}#records th.desc::after{content:" ▼"}
#records td{border-top:1px solid #eee;padding:2px 5px;vertical-align:top}#records tr:hover{background:#f0f6ff;cursor:pointer}
#records td.st.miss,#records td.st.spurious{color:#c62828;font-weight:bold}#records td.st.hit{color:#2e7d32}
#records td.st.hit-err{color:#ef6c00}#filter{width:28em;margin:0.3em 0;padding:0.2em}
.missing{color:#c62828}
@media (min-width:1000px){main,header{margin-right:28em}#panel{top:1em;bottom:auto;max-height:calc(100vh - 2em)}}
""" + _colour_css()

_JS = r"""
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("extract-data").textContent);
  const panel = document.getElementById("panel"), body = document.getElementById("panel-body");
  const ORDER = ["doc_id", "start", "end", "evidence", "project_count", "count_unit", "count_qualifier",
    "amount_text", "amount_yuan", "amount_kind", "amount_qualifier", "category", "actor", "year", "period",
    "modality", "projects", "rule", "sentence"];
  let pinned = null;
  function text(v) { return v === null || v === undefined ? "—" : Array.isArray(v) ? v.join("、") || "—" : String(v); }
  function row(name, value, gold) {
    const tr = document.createElement("tr"), k = document.createElement("td"), v = document.createElement("td");
    k.textContent = name;
    v.textContent = text(value);
    if (gold) { v.className = "wrong"; v.textContent += "  (gold: " + gold.map(text).join(" | ") + ")"; }
    tr.append(k, v);
    return tr;
  }
  function show(rid, pin) {
    const item = data[rid];
    if (!item) return;
    const f = item.fields, h = document.createElement("h3"), table = document.createElement("table");
    h.textContent = (item.status ? item.status + " · " : "") + "rule " + text(f.rule);
    for (const name of ORDER) table.append(row(name, f[name], item.gold && item.gold[name]));
    body.replaceChildren(h, table);
    if (item.note) { const p = document.createElement("p"); p.textContent = item.note; body.append(p); }
    panel.hidden = false;
    panel.dataset.rid = rid;
    panel.classList.toggle("pinned", !!pin);
    document.querySelectorAll("mark.active").forEach(m => m.classList.remove("active"));
    document.querySelectorAll('mark[data-rid="' + rid + '"]').forEach(m => m.classList.add("active"));
    if (pin) pinned = rid;
  }
  function hide() { pinned = null; panel.hidden = true; panel.classList.remove("pinned");
    document.querySelectorAll("mark.active").forEach(m => m.classList.remove("active")); }
  document.addEventListener("mouseover", e => {
    const m = e.target.closest("mark.rec[data-rid]");
    if (m && !pinned) show(m.dataset.rid, false);
  });
  document.addEventListener("click", e => {
    const m = e.target.closest("mark.rec[data-rid]");
    if (m) { e.preventDefault(); show(m.dataset.rid, true); return; }
    const tr = e.target.closest("#records tbody tr");
    if (tr) {
      const target = document.getElementById("m-" + tr.dataset.rid);
      show(tr.dataset.rid, true);
      if (target) target.scrollIntoView({block: "center"});
    }
  });
  document.addEventListener("keydown", e => {
    if (e.key === "Escape") hide();
    if (e.key === "Enter" && e.target.matches && e.target.matches("mark.rec")) show(e.target.dataset.rid, true);
  });
  document.getElementById("panel-close").addEventListener("click", hide);
  document.querySelectorAll('input[name="colour"]').forEach(r => r.addEventListener("change", () => {
    document.body.classList.remove("by-kind", "by-modality");
    document.body.classList.add(r.value);
  }));
  // table: click a header to sort (again to reverse), type to filter
  const table = document.getElementById("records-table"), tbody = table.tBodies[0];
  const rows = Array.from(tbody.rows);
  rows.forEach(r => { r.dataset.search = r.textContent.toLowerCase(); });
  function key(r, i, num) {
    const c = r.cells[i];
    if (!num) return c.textContent;
    return c.dataset.v === undefined ? null : Number(c.dataset.v);
  }
  table.tHead.rows[0].querySelectorAll("th").forEach((th, i) => th.addEventListener("click", () => {
    const num = th.dataset.type === "num", asc = !th.classList.contains("asc");
    table.tHead.querySelectorAll("th").forEach(t => t.classList.remove("asc", "desc"));
    th.classList.add(asc ? "asc" : "desc");
    const sorted = Array.from(tbody.rows).sort((a, b) => {
      const x = key(a, i, num), y = key(b, i, num);
      if (x === y) return 0;
      if (x === null || x === "") return 1;
      if (y === null || y === "") return -1;
      const c = num ? x - y : String(x).localeCompare(String(y), "zh");
      return asc ? c : -c;
    });
    tbody.append(...sorted);
  }));
  const filter = document.getElementById("filter"), shown = document.getElementById("shown");
  function applyFilter() {
    const q = filter.value.trim().toLowerCase();
    let n = 0;
    for (const r of rows) { const ok = !q || r.dataset.search.includes(q); r.hidden = !ok; if (ok) n++; }
    shown.textContent = n + " / " + rows.length + " rows";
  }
  filter.addEventListener("input", applyFilter);
  applyFilter();
})();
"""
