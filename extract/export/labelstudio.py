"""Gold and predictions as Label Studio tasks: labelled regions, a record textarea, relations.

The full record rides along as the JSON of a per-region textarea on its anchor, so that
`extract gold import` gives back exactly the gold that went out.
"""
from __future__ import annotations

import bisect
import json

from .sources import records_by_page
from .spans import anchor_of, field_spans

LABEL_FROM, RECORD_FROM, TO_NAME = "label", "record", "text"
LABEL_COLOURS = {"COUNT": "#64b5f6", "AMOUNT": "#ffd54f", "CATEGORY": "#81c784", "ACTOR": "#ce93d8"}
LABEL_CONFIG = """<View>
  <Labels name="label" toName="text">
{labels}
  </Labels>
  <Text name="text" value="$text" granularity="symbol"/>
  <TextArea name="record" toName="text" perRegion="true" editable="true" rows="4"
            placeholder="record JSON (leave empty for a new record)"/>
</View>
""".format(labels="\n".join(f'    <Label value="{k}" background="{c}"/>' for k, c in LABEL_COLOURS.items()))


class JsOffsets:
    """Code-point offsets <-> Label Studio's JavaScript (UTF-16) offsets; identity on BMP text."""

    def __init__(self, text: str):
        self.astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self.astral_js = [i + k for k, i in enumerate(self.astral)]

    def to_js(self, i: int) -> int:
        return i + bisect.bisect_left(self.astral, i)

    def from_js(self, j: int) -> int:
        return j - bisect.bisect_left(self.astral_js, j)


def _ls_results(raw: str, records: list[dict], prefix: str, js: JsOffsets) -> list[dict]:
    """Label Studio results of one page: labelled regions, anchor textareas, relations."""
    results: list[dict] = []
    for n, rec in enumerate(records):
        spans = field_spans(raw, rec)
        anchor = anchor_of(spans)
        ids = {label: f"{prefix}{n}_{label.lower()}" for label in spans}
        for label, (s, e) in spans.items():
            value = {"start": js.to_js(s), "end": js.to_js(e), "text": raw[s:e], "labels": [label]}
            results.append({"id": ids[label], "from_name": LABEL_FROM, "to_name": TO_NAME, "type": "labels", "value": value})
        s, e = spans[anchor]
        results.append({"id": ids[anchor], "from_name": RECORD_FROM, "to_name": TO_NAME, "type": "textarea",
                        "value": {"start": js.to_js(s), "end": js.to_js(e), "text": [json.dumps(rec, ensure_ascii=False)]}})
        for label in spans:
            if label != anchor:
                results.append({"type": "relation", "from_id": ids[anchor], "to_id": ids[label], "direction": "right", "labels": []})
    return results


def to_labelstudio(pages: dict[str, str], gold: list[dict] | None = None, pred: list[dict] | None = None) -> list[dict]:
    """One task per page: the raw text, gold as an annotation, predictions as a prediction.

    The prediction's model_version lists the ids of the rules that produced its records.
    """
    gold_by, pred_by = records_by_page(gold or []), records_by_page(pred or [])
    tasks = []
    for doc_id in sorted(set(gold_by) | set(pred_by)):
        raw = pages[doc_id]
        js = JsOffsets(raw)
        task: dict = {"data": {"text": raw, "doc_id": doc_id}}
        if doc_id in gold_by:
            task["annotations"] = [{"result": _ls_results(raw, gold_by[doc_id], "g", js), "was_cancelled": False,
                                    "ground_truth": True}]
        if doc_id in pred_by:
            rules = sorted({r.get("rule") or "" for r in pred_by[doc_id]} - {""})
            task["predictions"] = [{"model_version": ",".join(rules), "result": _ls_results(raw, pred_by[doc_id], "p", js)}]
        tasks.append(task)
    return tasks
