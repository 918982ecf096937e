"""A corrected Label Studio export back to gold: its regions grouped into records, and
the gold files written.

Regions linked by relations (or sharing a textarea) form one record; a record with its
JSON is taken as written except for the regions the annotator changed, one without it is
read from its spans (regions.py).
"""
from __future__ import annotations

import json
from pathlib import Path

from ..records import COLUMNS, atomic_path
from .labelstudio import JsOffsets
from .regions import PageView, edited_record, new_record
from .spans import LABELS, SPAN_LABELS, Span

GOLD_ORDER = COLUMNS + ["required", "alternatives", "note"]


def _chosen_annotation(task: dict) -> dict | None:
    """The latest annotation that was not cancelled (Label Studio keeps every annotator's)."""
    live = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if not live:
        return None
    return max(enumerate(live), key=lambda ia: (ia[1].get("updated_at") or ia[1].get("created_at") or "", ia[0]))[1]


def _components(results: list[dict]) -> list[list[str]]:
    """Region ids grouped into records: connected by relations, in order of first appearance."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in results:
        if r.get("type") != "relation":
            root(r["id"])
    for r in results:
        if r.get("type") == "relation" and r.get("from_id") in parent and r.get("to_id") in parent:
            parent[root(r["from_id"])] = root(r["to_id"])
    groups: dict[str, list[str]] = {}
    for x in list(parent):
        groups.setdefault(root(x), []).append(x)
    return list(groups.values())



def _record_json(items: list[dict], where: str) -> dict | None:
    """The record JSON of a textarea (None when it is empty)."""
    for item in items:
        texts = [t for t in item.get("value", {}).get("text") or [] if t.strip()]
        if texts:
            try:
                data = json.loads(texts[0])
            except json.JSONDecodeError as err:
                raise ValueError(f"{where}: record JSON of region {item.get('id')} is not JSON: {err.msg}") from None
            if not isinstance(data, dict):
                raise ValueError(f"{where}: record JSON of region {item.get('id')} is not an object")
            return data
    return None


def records_from_task(task: dict, warn: list[str]) -> tuple[str, list[dict]] | None:
    """(doc_id, gold records) of one Label Studio task; None when it has no live annotation."""
    data = task.get("data") or {}
    doc_id = str(data.get("doc_id") or task.get("id"))
    annotation = _chosen_annotation(task)
    if annotation is None:
        warn.append(f"{doc_id}: no annotation; page skipped")
        return None
    raw = data.get("text") or ""
    page, js = PageView(doc_id, raw), JsOffsets(raw)
    results = annotation.get("result") or []
    labelled = {r["id"]: r for r in results if r.get("type") == "labels"}
    notes: dict[str, list[dict]] = {}
    for r in results:
        if r.get("type") == "textarea":
            notes.setdefault(r["id"], []).append(r)
    out = []
    for group in _components([r for r in results if r.get("type") in ("labels", "relation", "textarea")]):
        regions: dict[str, Span] = {}
        for rid in group:
            if rid not in labelled:
                continue
            value = labelled[rid]["value"]
            label = (value.get("labels") or [""])[0]
            if label not in LABELS:
                warn.append(f"{doc_id}: region {rid} has unknown label {label!r}; ignored")
            elif label in regions:
                warn.append(f"{doc_id}: a record has two {label} regions; {rid} ignored")
            else:
                regions[label] = (js.from_js(value["start"]), js.from_js(value["end"]))
        rec = _record_json([n for rid in group for n in notes.get(rid, [])], doc_id)
        if rec is not None:
            out.append(edited_record(rec, regions, page, warn))
        elif not any(label in regions for label in SPAN_LABELS):
            if regions:
                warn.append(f"{doc_id}: regions {', '.join(group)} hold no COUNT, AMOUNT or CATEGORY; ignored")
        else:
            rec = new_record(regions, page, warn)
            if rec["project_count"] is None and rec["amount_yuan"] is None:
                warn.append(f"{doc_id}: new record at {rec['start']} has neither a count nor an amount; ignored")
            else:
                out.append(rec)
    return doc_id, out


def gold_line(rec: dict) -> str:
    """A gold line in the gold files' field order (contract fields, required, alternatives, note)."""
    ordered = {k: rec[k] for k in GOLD_ORDER if k in rec}
    ordered.update({k: v for k, v in rec.items() if k not in ordered})
    return json.dumps(ordered, ensure_ascii=False)


def from_labelstudio(tasks: list[dict], warn: list[str] | None = None) -> dict[str, list[dict]]:
    """doc_id -> gold records (sorted by span) of a Label Studio export."""
    warn = warn if warn is not None else []
    out: dict[str, list[dict]] = {}
    for task in tasks:
        got = records_from_task(task, warn)
        if got is not None:
            out[got[0]] = sorted(got[1], key=lambda r: (r["start"], r["end"]))
    return out


def write_gold(pages: dict[str, list[dict]], out_dir: Path) -> list[Path]:
    """One <doc_id>.jsonl per page, atomically; returns the files written."""
    written = []
    for doc_id, recs in sorted(pages.items()):
        path = Path(out_dir) / f"{doc_id}.jsonl"
        with atomic_path(path, "w", encoding="utf-8", newline="") as handle:
            handle.write("".join(gold_line(r) + "\n" for r in recs))
        written.append(path)
    return written
