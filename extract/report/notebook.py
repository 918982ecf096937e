"""Notebook displays: a record as its sentence with the evidence marked, lists and frames of them.

``Record._repr_html_`` calls :func:`record_html`; :class:`RecordList` shows many records;
``frame.extract.show()`` does the same for a DataFrame of records (the accessor registers
when this module is imported).
"""
from __future__ import annotations

import html
import math
from typing import Iterable, Mapping

import pandas as pd

from ..records import COLUMNS, Record
from .assets import KIND_COLOURS


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
        from ..records import record_from_dict

        rows = self._frame[COLUMNS].to_dict("records")
        return RecordList(record_from_dict(_as_dict(r)) for r in rows)
