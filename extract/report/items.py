"""What gets highlighted: records and missed gold records as items with a review status.

Statuses come from the scorer's own matching, so the report and `extract score` never
disagree about what is a hit.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..records import Record

if TYPE_CHECKING:  # only for type hints: the scorer is imported when a gold set is given
    from ..score import Gold

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


def _same(name: str, option: object, value: object) -> bool:
    """Field equality as the scorer sees it: amounts within 0.5%."""
    if name == "amount_yuan" and option is not None and value is not None:
        return math.isclose(option, value, rel_tol=0.005)
    return option == value


def _differs(gold: "Gold", name: str, value: object) -> bool:
    """Whether a matched prediction's field is none of the values the gold accepts."""
    return not any(_same(name, o, value) for o in gold.alternatives.get(name, [gold.record.get(name)]))


def build_items(records: list[Record], golds: list["Gold"] | None) -> list[Item]:
    """Records (and gold misses) as highlights; statuses come from the scorer's own matching."""
    items = [Item(f"r{i}", r.to_dict()) for i, r in enumerate(records)]
    if not golds:
        return items
    from ..score import match

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
