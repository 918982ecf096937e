"""Mentions -> facts: the mentions that state the same figure become one fact (docs/facts.md).

A record is one mention; a news day states one figure in its contents, its heading and its body,
and a national figure comes back on several days, so a table of mentions double-counts.  A fact
is a group of mentions equal on every deciding field: actor (after name normalisation, see
actors.py), year, period, modality, amount kind, currency, project count (equal) and amount
(within 0.5%).  A mention missing its actor, year or period takes them from the one figure of its
own page that states them; a mention still without an actor never joins another page's mention.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd

from .actors import ActorNames
from .records import Record, to_frame

AMOUNT_TOLERANCE = 0.005  # relative: 1852亿 and 1850亿 are one figure, 1852亿 and 1800亿 are two
FILLABLE = ("actor_key", "year", "period")  # may be missing in a contents line or a heading
# mentions are compared pairwise only within a block of equal values (scope: the actor key, or
# the page when no actor is known: an unnamed actor never joins another page)
BLOCK = ["scope", "year", "period", "modality", "amount_kind", "currency", "project_count"]
DECIDING = ("modality", "amount_kind", "currency", "project_count")  # must be equal, null = null
FACT_COLUMNS = ["fact_id", "actor", "actor_key", "year", "period", "modality", "project_count", "count_qualifier",
                "category", "amount_yuan", "amount_value", "currency", "amount_text", "amount_kind",
                "amount_qualifier", "evidence", "mention_count", "doc_ids", "first_date", "mentions"]
MENTION_FIELDS = ["doc_id", "start", "end", "evidence", "sentence", "page_date", "headline", "actor", "year",
                  "period", "rule"]


@dataclass(frozen=True)
class Grouping:
    """The result of grouping: the mentions with their fact_id, and one row per fact."""

    mentions: pd.DataFrame
    facts: pd.DataFrame


def facts(records: Iterable[Record] | pd.DataFrame, rules_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per fact (FACT_COLUMNS), most-mentioned first; `mentions` lists where each was said."""
    return group(records, rules_dir).facts


def group(records: Iterable[Record] | pd.DataFrame, rules_dir: str | Path | None = None) -> Grouping:
    """Group mentions into facts; the mention frame keeps the contract columns plus fact_id."""
    frame = records.copy() if isinstance(records, pd.DataFrame) else to_frame(records)
    frame = frame.reset_index(drop=True)
    if frame.empty:
        return Grouping(frame.assign(fact_id=pd.Series(dtype="object")), pd.DataFrame(columns=FACT_COLUMNS))
    work = _keys(frame, ActorNames.load(rules_dir))
    work = _fill_from_page(work)
    frame["fact_id"] = _fact_ids(work)
    return Grouping(frame, _fact_rows(frame, work))


def _keys(frame: pd.DataFrame, names: ActorNames) -> pd.DataFrame:
    """The deciding fields of each mention, with nulls as None (so that None == None in groupby)."""
    amount = frame["amount_value"].where(frame["amount_value"].notna(), frame["amount_yuan"])
    currency = frame["currency"].where(frame["currency"].notna() | amount.isna(), "CNY")
    work = pd.DataFrame({
        "doc_id": frame["doc_id"],
        "actor_key": frame["actor"].map(_actor_keys(frame["actor"], names)).astype(object).where(lambda s: s.notna(), None),
        "year": _objects(frame["year"]), "period": _objects(frame["period"]),
        "modality": frame["modality"], "amount_kind": _objects(frame["amount_kind"]),
        "currency": _objects(currency), "project_count": _objects(frame["project_count"]),
        "amount": amount.astype("float64"), "start": frame["start"], "end": frame["end"],
        "category": _objects(frame["category"]), "head": [_head(c) for c in frame["category"]],
        "count_qualifier": _objects(frame["count_qualifier"]),
    })
    return work


def _actor_keys(actors: pd.Series, names: ActorNames) -> dict[str, str]:
    """Each distinct actor name once (a corpus repeats few names many times)."""
    return {a: names.key(a) for a in actors.dropna().unique() if isinstance(a, str) and a.strip()}


def _head(category) -> str | None:
    """The head noun of a category (重大项目 -> 项目, 世界灌溉工程 -> 工程): the last two characters."""
    return category[-2:] if isinstance(category, str) and category else None


def _objects(column: pd.Series) -> pd.Series:
    """A column as Python objects with None for every kind of null (NA, NaN)."""
    return pd.Series([None if pd.isna(v) else (int(v) if isinstance(v, float) and v.is_integer() else v)
                      for v in column], index=column.index, dtype="object")


def _same_amount(a: float | None, b: float | None) -> bool:
    if a is None or b is None or pd.isna(a) or pd.isna(b):
        return (a is None or pd.isna(a)) and (b is None or pd.isna(b))
    return abs(a - b) <= AMOUNT_TOLERANCE * max(abs(a), abs(b))


def _fill_from_page(work: pd.DataFrame) -> pd.DataFrame:
    """Fill a mention's missing actor/year/period from the same figure on its own page.

    Candidates are the page's other mentions equal on the deciding fields and the amount, and on
    every fillable field both have; a missing field is filled only when all candidates that state
    it agree (one value), so the result does not depend on the order of the mentions."""
    filled = work.copy()
    for _, page in work.groupby("doc_id", sort=False):
        if len(page) < 2:
            continue
        rows = page.to_dict("index")
        for index, row in rows.items():
            missing = [f for f in FILLABLE if row[f] is None]
            if not missing:
                continue
            candidates = [other for j, other in rows.items() if j != index and _compatible(row, other)]
            for name in missing:
                values = {c[name] for c in candidates if c[name] is not None}
                if len(values) == 1:
                    filled.at[index, name] = values.pop()
    return filled


def _compatible(a: dict, b: dict) -> bool:
    """Same figure unless a field both mentions state differs."""
    if any(a[f] != b[f] for f in DECIDING) or not _same_amount(a["amount"], b["amount"]):
        return False
    if pd.isna(a["amount"]) and a["head"] != b["head"]:  # a bare count: 10个项目 is not 10项实事
        return False
    return all(a[f] is None or b[f] is None or a[f] == b[f] for f in FILLABLE)


def _fact_ids(work: pd.DataFrame) -> pd.Series:
    """Connected groups of mentions that state the same figure (pairs checked within a block of
    equal deciding values), each named by a hash of its values and its first mention: stable."""
    scope = [key if key is not None else f"?{doc}" for key, doc in zip(work["actor_key"], work["doc_id"])]
    keyed = work.assign(scope=scope)
    parent = list(range(len(work)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, block in keyed.groupby(BLOCK, dropna=False, sort=False):
        rows = block.to_dict("index")
        labels = list(rows)
        for n, a in enumerate(labels):
            for b in labels[n + 1:]:
                if _same_figure(rows[a], rows[b]):
                    parent[root(b)] = root(a)
    roots = pd.Series([root(i) for i in range(len(work))], index=work.index)
    ids = pd.Series(index=work.index, dtype="object")
    for _, members in keyed.groupby(roots, sort=False):
        first = members.sort_values(["doc_id", "start", "end"], kind="stable").iloc[0]
        values = [_plain(first[name]) for name in BLOCK] + [_plain(members["amount"].min()), first["doc_id"], int(first["start"]), int(first["end"])]
        digest = json.dumps(values, ensure_ascii=False, default=str)
        ids[members.index] = "F" + hashlib.sha1(digest.encode("utf-8")).hexdigest()[:12]
    return ids


def _same_figure(a: dict, b: dict) -> bool:
    """Within a block: amounts within the tolerance; a bare count (no amount) needs the same head
    noun on one page and the same category, as written, across pages."""
    if not _same_amount(a["amount"], b["amount"]):
        return False
    if a["amount"] is not None and not pd.isna(a["amount"]):
        return True
    if a["doc_id"] == b["doc_id"]:
        return a["head"] == b["head"]
    return a["category"] is not None and a["category"] == b["category"] and a["count_qualifier"] == b["count_qualifier"]


def _plain(value):
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def _fact_rows(frame: pd.DataFrame, work: pd.DataFrame) -> pd.DataFrame:
    """One row per fact: the agreed fields, the most common wording of the others, and the mentions."""
    ordered = frame.assign(_key=work["actor_key"], _year=work["year"], _period=work["period"],
                           _date=[_page_date(d, doc) for d, doc in zip(frame["page_date"], frame["doc_id"])])
    ordered = ordered.sort_values(["doc_id", "start"], kind="stable")
    rows = [_fact_row(fact_id, part) for fact_id, part in ordered.groupby("fact_id", sort=False)]
    out = pd.DataFrame(rows, columns=FACT_COLUMNS)
    out = out.sort_values(["mention_count", "fact_id"], ascending=[False, True], kind="stable")
    for name in ("year", "project_count"):
        out[name] = out[name].astype("Int64")
    return out.reset_index(drop=True)


def _fact_row(fact_id: str, part: pd.DataFrame) -> dict:
    first = part.iloc[0]
    dates = sorted(d for d in part["_date"] if d)
    return {
        "fact_id": fact_id, "actor": _most_common(part["actor"]), "actor_key": _first(part["_key"]),
        "year": _first(part["_year"]), "period": _first(part["_period"]), "modality": first["modality"],
        "project_count": _first(part["project_count"]), "count_qualifier": _most_common(part["count_qualifier"]),
        "category": _most_common(part["category"]), "amount_yuan": _first(part["amount_yuan"]),
        "amount_value": _first(part["amount_value"]), "currency": _first(part["currency"]),
        "amount_text": _most_common(part["amount_text"]), "amount_kind": _first(part["amount_kind"]),
        "amount_qualifier": _most_common(part["amount_qualifier"]), "evidence": first["evidence"],
        "mention_count": len(part), "doc_ids": list(dict.fromkeys(part["doc_id"])),
        "first_date": dates[0] if dates else None,
        "mentions": [{k: plain_value(row[k]) for k in MENTION_FIELDS} for _, row in part.iterrows()],
    }


def _first(values: pd.Series):
    known = [v for v in values if not pd.isna(v)]
    return plain_value(known[0]) if known else None


def _most_common(values: pd.Series):
    """The most frequent non-null value; ties go to the longest (the fuller wording), then the first."""
    counts = pd.Series([v for v in values if not pd.isna(v)], dtype="object").value_counts(sort=False)
    if counts.empty:
        return None
    return max(counts.index, key=lambda v: (counts[v], len(str(v))))


def plain_value(value):
    if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _page_date(page_date, doc_id: str) -> str | None:
    """The page's date; else a YYYYMMDD date that is the whole page id (the contract's file-name rule)."""
    if isinstance(page_date, str) and page_date:
        return page_date
    text = str(doc_id)
    if len(text) == 8 and text.isdigit() and text[:2] in ("19", "20"):
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return None


__all__ = ["facts", "group", "Grouping", "FACT_COLUMNS"]
