"""The whole report as one HTML string: header, legends, marked pages, records table, data."""
from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any, Mapping

from ..records import Record
from .assets import CSS, JS, KIND_COLOURS, MODALITY_COLOURS
from .items import STATUS_LABELS, Item, build_items
from .marks import marked_text

if TYPE_CHECKING:  # only for type hints: the scorer is imported when a gold set is given
    from ..score import Gold

TABLE_COLUMNS: list[tuple[str, str, bool]] = [  # (field, header, numeric)
    ("doc_id", "page", False), ("start", "start", True), ("evidence", "evidence", False),
    ("project_count", "count", True), ("amount_text", "amount", False), ("amount_yuan", "yuan", True),
    ("amount_kind", "kind", False), ("category", "category", False), ("actor", "actor", False),
    ("year", "year", True), ("period", "period", False), ("modality", "modality", False),
    ("projects", "projects", False), ("rule", "rule", False),
]


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
           f"<style>{CSS}</style></head><body class=\"by-kind\">",
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
    out.append(f"<script>{JS}</script></body></html>")
    return "".join(out)
