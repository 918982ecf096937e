"""Gold and predictions to annotation tools (Label Studio, doccano, brat), and corrections back.

A record becomes labelled spans in the raw page: COUNT, AMOUNT, CATEGORY and ACTOR, found
inside the record's evidence span (the record keeps only the evidence's offsets), linked by
relations.  The first of COUNT/AMOUNT is the record's anchor; when neither can be found in the
evidence the whole evidence is the anchor.  For Label Studio the full record (all contract
fields and the gold's required/alternatives/note) rides along as the JSON of a per-region
textarea on the anchor, so `extract gold import` gives back exactly the gold that went out.

Import rules (Label Studio):
- regions linked by relations (or sharing a textarea) form one record;
- a record with its JSON is taken as written, except where the annotator moved, added or
  deleted one of its labelled regions: that field is read again from the region's text;
- a record without JSON (drawn by the annotator) gets what its spans give (count via
  parse_count, amount via parse_amount, category and actor as written) and page defaults.
"""
from __future__ import annotations

import bisect
import glob
import json
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterable

from .normalize import FULLWIDTH_FOLD as _FULLWIDTH  # the contract's folds: digits, letters, decimal point
from .records import COLUMNS, atomic_path, read_records

LABELS = ("COUNT", "AMOUNT", "CATEGORY", "ACTOR")
GOLD_ORDER = COLUMNS + ["required", "alternatives", "note"]
SPAN_LABELS = ("COUNT", "AMOUNT", "CATEGORY")  # the labels that make up the evidence
LABEL_FROM, RECORD_FROM, TO_NAME = "label", "record", "text"
NEW_RECORD_NOTE = "added in Label Studio: fields from its spans; check year, period, modality, amount_kind, projects"
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
BRAT_CONF = """[entities]
COUNT
AMOUNT
CATEGORY
ACTOR
[relations]
Record\tArg1:<ENTITY>, Arg2:<ENTITY>
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>
[events]
[attributes]
"""

_NUMBER = re.compile(r"\d+|[零〇一二两三四五六七八九十百千]+")

Span = tuple[int, int]


# --------------------------------------------------------------------------------------------
# Finding a record's field spans in the raw page


@dataclass
class Compact:
    """A raw stretch with white space dropped and full-width folded, mapped back to raw offsets.

    Records store normalised text (line wraps joined, ８ -> 8); the raw page still has them,
    so searching is done on this compact form and the hit mapped back.
    """

    text: str
    where: list[int]

    @classmethod
    def of(cls, raw: str, start: int, end: int) -> "Compact":
        chars, where = [], []
        for i in range(max(0, start), min(len(raw), end)):
            if not raw[i].isspace():
                chars.append(raw[i].translate(_FULLWIDTH))
                where.append(i)
        return cls("".join(chars), where)

    def raw_span(self, i: int, j: int) -> Span:
        return self.where[i], self.where[j - 1] + 1

    def find_all(self, needle: str | None) -> list[Span]:
        """Compact positions of every occurrence of needle (white space in it ignored)."""
        if not needle:
            return []
        needle = "".join(needle.split()).translate(_FULLWIDTH)
        out, at = [], self.text.find(needle)
        while needle and at >= 0:
            out.append((at, at + len(needle)))
            at = self.text.find(needle, at + 1)
        return out


def _overlaps(a: Span, others: Iterable[Span | None]) -> bool:
    return any(o is not None and a[0] < o[1] and o[0] < a[1] for o in others)


def _count_span(c: Compact, count: int | None, unit: str | None, amount: Span | None) -> Span | None:
    """The count's digits (or Chinese numeral) plus 余/多 and the measure word when they follow."""
    if count is None:
        return None
    from .numbers import parse_number

    found = []
    for m in _NUMBER.finditer(c.text):
        try:
            value = parse_number(m.group())
        except (ValueError, ArithmeticError):
            continue
        if value != count or _overlaps(m.span(), [amount]):
            continue
        end = m.end() + (1 if c.text[m.end():m.end() + 1] in ("余", "多") and m.end() < len(c.text) else 0)
        with_unit = bool(unit) and c.text.startswith(unit, end)
        found.append((not with_unit, m.start(), end + (len(unit) if with_unit else 0)))
    return min(found)[1:] if found else None


def _first_free(spans: list[Span], taken: list[Span | None]) -> Span | None:
    free = [s for s in spans if not _overlaps(s, taken)]
    return (free or spans or [None])[0]


def field_spans(raw: str, rec: dict) -> dict[str, Span]:
    """Raw spans of the record's COUNT/AMOUNT/CATEGORY/ACTOR inside its evidence span.

    The anchor (COUNT, else AMOUNT) falls back to the whole evidence span, so every record
    has at least one region.  Deterministic: import recomputes it to see what was edited.
    """
    c = Compact.of(raw, rec["start"], rec["end"])
    amount = _first_free(c.find_all(rec.get("amount_text")), []) if rec.get("amount_yuan") is not None else None
    count = _count_span(c, rec.get("project_count"), rec.get("count_unit"), amount)
    category = _first_free(c.find_all(rec.get("category")), [count, amount])
    actor = _first_free(c.find_all(rec.get("actor")), [count, amount, category])
    found = {"COUNT": count, "AMOUNT": amount, "CATEGORY": category, "ACTOR": actor}
    spans = {label: c.raw_span(*s) for label, s in found.items() if s is not None}
    if "COUNT" not in spans and "AMOUNT" not in spans:
        spans["COUNT" if rec.get("project_count") is not None else "AMOUNT"] = (rec["start"], rec["end"])
    return spans


def anchor_of(spans: dict[str, Span]) -> str:
    return "COUNT" if "COUNT" in spans else "AMOUNT"


# --------------------------------------------------------------------------------------------
# Reading what goes out


def read_gold_dicts(gold_dir: Path) -> list[dict]:
    """The gold lines as written (key order, note), after the scorer's validation passes."""
    from .score import load_gold

    load_gold(gold_dir)  # raises ValueError naming file and line on a bad gold line
    out = []
    for path in sorted(Path(gold_dir).glob("*.jsonl")):
        out.extend(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return out


def read_raw_pages(doc_ids: Iterable[str], raw_dir: Path) -> tuple[dict[str, str], list[str]]:
    """doc_id -> raw text from raw_dir/<doc_id>.*, and one error line per page not readable."""
    from .reader import PageError, read_page

    pages, errors = {}, []
    for doc_id in sorted(set(doc_ids)):
        hits = sorted(p for p in Path(raw_dir).glob(f"{glob.escape(doc_id)}.*") if p.is_file())
        if not hits:
            errors.append(f"{raw_dir}: no raw page {doc_id}.*")
            continue
        try:
            pages[doc_id] = read_page(hits[0]).text
        except PageError as err:
            errors.append(str(err))
    return pages, errors


def _by_page(records: Iterable[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for rec in records:
        out.setdefault(rec["doc_id"], []).append(rec)
    return out


# --------------------------------------------------------------------------------------------
# Label Studio


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
    gold_by, pred_by = _by_page(gold or []), _by_page(pred or [])
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


class PageView:
    """The raw page with its normalised units, to give a drawn region its normalised text."""

    def __init__(self, doc_id: str, raw: str):
        self.doc_id, self.raw = doc_id, raw

    @cached_property
    def units(self) -> list:
        from .normalize import normalize
        from .sentences import units_of

        return units_of(normalize(self.raw))

    @cached_property
    def all_text(self) -> str:
        return "\n".join(u.text.text for u in self.units)

    def locate(self, start: int, end: int) -> tuple[str, str, int] | None:
        """(normalised text of raw[start:end], its sentence, its index in the sentence), if in one unit."""
        for unit in self.units:
            mapped = unit.text
            idx = [i for i in range(len(mapped.text)) if start <= mapped.raw_index(i) < end]
            if idx and idx[-1] - idx[0] + 1 == len(idx):
                return mapped.text[idx[0]:idx[-1] + 1], mapped.text, idx[0]
        return None

    def text(self, start: int, end: int) -> str:
        found = self.locate(start, end)
        return found[0] if found else Compact.of(self.raw, start, end).text


def _lexicon() -> dict:
    from .rules import DEFAULT_RULES_DIR, load_rules

    return load_rules(DEFAULT_RULES_DIR).lexicon


def _count_fields(text: str) -> dict:
    from .numbers import parse_count, parse_number

    try:
        quantity, unit = parse_count(text)
        return {"project_count": int(quantity.value), "count_unit": unit, "count_qualifier": quantity.qualifier}
    except ValueError:
        digits = _NUMBER.search(text)
        return {"project_count": int(parse_number(digits.group())) if digits else None, "count_unit": None,
                "count_qualifier": None}


def _amount_fields(text: str, before: str) -> dict:
    """Amount fields from the AMOUNT text; its kind from the keyword right before it (总投资 …)."""
    from .assemble import amount_kind_of
    from .numbers import parse_amount

    quantity = parse_amount(text)
    kinds = {word: kind for kind, words in _lexicon()["amount_kinds"].items() for word in words}
    before = re.sub(r"(?:约为|大约|约|将近|接近|近|超过|逾|超|过|不少于|不低于|至少)$", "", before)
    return {"amount_yuan": quantity.value, "amount_text": text, "amount_qualifier": quantity.qualifier,
            "amount_kind": amount_kind_of(before, kinds) or "total_investment"}


_CLEARED = {"COUNT": {"project_count": None, "count_unit": None, "count_qualifier": None},
            "AMOUNT": {"amount_yuan": None, "amount_text": None, "amount_qualifier": None, "amount_kind": None},
            "CATEGORY": {"category": None}, "ACTOR": {"actor": None}}


def _fields_of(label: str, span: Span, page: PageView) -> dict:
    """The record fields one labelled region gives."""
    text = page.text(*span)
    if label == "COUNT":
        return _count_fields(text)
    if label == "AMOUNT":
        found = page.locate(*span)
        return _amount_fields(text, found[1][:found[2]] if found else "")
    return {label.lower(): text}


def _read_fields(label: str, span: Span, page: PageView, warn: list[str]) -> dict:
    """_fields_of, with a region whose text is no count/amount reported instead of raised."""
    try:
        return _fields_of(label, span, page)
    except ValueError as err:
        warn.append(f"{page.doc_id}: {label} region {span[0]}-{span[1]}: {err}; field left empty")
        return dict(_CLEARED[label])


def _new_record(regions: dict[str, Span], page: PageView, warn: list[str]) -> dict:
    """A record drawn in Label Studio: fields from its spans, the rest from the page or defaults."""
    from .attribute.modality import cue_in, page_modality
    from .attribute.time import page_year_of, year_in

    start = min(s for label, (s, _) in regions.items() if label in SPAN_LABELS)
    end = max(e for label, (_, e) in regions.items() if label in SPAN_LABELS)
    found = page.locate(start, end)
    if found:
        evidence, sentence, at = found
    else:  # the span crosses units (a moved caption): its compact text stands for both
        evidence = sentence = Compact.of(page.raw, start, end).text
        at = 0
    lex = _lexicon()
    page_year = page_year_of(page.all_text)
    said, year = year_in(sentence[:at], page_year, lex)
    rec = {"doc_id": page.doc_id, "start": start, "end": end, "evidence": evidence, "sentence": sentence,
           "actor": None, "year": year if said else page_year, "period": None, **_CLEARED["COUNT"], "category": None,
           **_CLEARED["AMOUNT"], "modality": cue_in(sentence, lex) or page_modality(page.all_text, lex),
           "projects": [], "rule": "gold", "required": True, "alternatives": {}, "note": NEW_RECORD_NOTE}
    for label, span in regions.items():
        rec.update(_read_fields(label, span, page, warn))
    return rec


def _edited_record(rec: dict, regions: dict[str, Span], page: PageView, warn: list[str]) -> dict:
    """A record that went out with its JSON: fields of regions the annotator changed are re-read."""
    expected = field_spans(page.raw, rec)
    if regions == expected:
        return rec
    rec = dict(rec)
    start, end = rec["start"], rec["end"]
    for label in LABELS:
        if regions.get(label) == expected.get(label):
            continue
        if label in regions:
            rec.update(_read_fields(label, regions[label], page, warn))
            if label in SPAN_LABELS:
                start, end = min(start, regions[label][0]), max(end, regions[label][1])
        else:
            rec.update(_CLEARED[label])
    if (start, end) != (rec["start"], rec["end"]):
        rec["start"], rec["end"], rec["evidence"] = start, end, page.text(start, end)
    return rec


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
            out.append(_edited_record(rec, regions, page, warn))
        elif not any(label in regions for label in SPAN_LABELS):
            if regions:
                warn.append(f"{doc_id}: regions {', '.join(group)} hold no COUNT, AMOUNT or CATEGORY; ignored")
        else:
            rec = _new_record(regions, page, warn)
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


# --------------------------------------------------------------------------------------------
# doccano and brat


def to_doccano(pages: dict[str, str], records: list[dict]) -> list[dict]:
    """doccano sequence-labelling lines: the raw text and [start, end, LABEL] per region (no repeats)."""
    lines = []
    for doc_id, recs in sorted(_by_page(records).items()):
        raw = pages[doc_id]
        labels = sorted({(s, e, label) for rec in recs for label, (s, e) in field_spans(raw, rec).items()})
        lines.append({"text": raw, "label": [list(x) for x in labels], "doc_id": doc_id})
    return lines


def _brat_fragments(raw: str, start: int, end: int) -> list[Span]:
    """brat spans cannot hold a line break: cut the span at them into fragments."""
    frags = []
    for m in re.finditer(r"[^\n]+", raw[start:end]):
        frags.append((start + m.start(), start + m.end()))
    return frags or [(start, end)]


def to_brat(raw: str, records: list[dict]) -> str:
    """A brat .ann: T lines per region, R lines linking each record's regions to its anchor, rule notes."""
    lines, t, r, note = [], 0, 0, 0
    for rec in records:
        spans = field_spans(raw, rec)
        anchor = anchor_of(spans)
        ids = {}
        for label, (s, e) in spans.items():
            t += 1
            ids[label] = f"T{t}"
            frags = _brat_fragments(raw, s, e)
            where = ";".join(f"{a} {b}" for a, b in frags)
            lines.append(f"T{t}\t{label} {where}\t{' '.join(raw[a:b] for a, b in frags)}")
        for label in spans:
            if label != anchor:
                r += 1
                lines.append(f"R{r}\tRecord Arg1:{ids[anchor]} Arg2:{ids[label]}")
        if rec.get("rule"):
            note += 1
            lines.append(f"#{note}\tAnnotatorNotes {ids[anchor]}\trule {rec['rule']}")
    return "".join(line + "\n" for line in lines)


def write_brat(pages: dict[str, str], records: list[dict], out_dir: Path) -> int:
    """<doc_id>.txt (the raw page, byte for byte) and <doc_id>.ann per page, plus annotation.conf."""
    out_dir = Path(out_dir)
    by_page = _by_page(records)
    for doc_id, recs in sorted(by_page.items()):
        for suffix, content in ((".txt", pages[doc_id]), (".ann", to_brat(pages[doc_id], recs))):
            with atomic_path(out_dir / f"{doc_id}{suffix}", "w", encoding="utf-8", newline="") as handle:
                handle.write(content)
    with atomic_path(out_dir / "annotation.conf", "w", encoding="utf-8") as handle:
        handle.write(BRAT_CONF)
    return len(by_page)


# --------------------------------------------------------------------------------------------
# Command line


def _write_json(path: Path, data, lines: bool = False) -> None:
    with atomic_path(path, "w", encoding="utf-8", newline="") as handle:
        if lines:
            handle.write("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in data))
        else:
            json.dump(data, handle, ensure_ascii=False, indent=1)


def _export(args) -> int:
    from .score import raw_dir_for

    raw_dir = args.raw or raw_dir_for(args.gold)
    use_gold = args.pred is None or (args.format == "labelstudio" and args.gold.is_dir() and any(args.gold.glob("*.jsonl")))
    gold = read_gold_dicts(args.gold) if use_gold else []
    pred = [r.to_dict() for r in read_records(args.pred)] if args.pred else []
    pages, errors = read_raw_pages({r["doc_id"] for r in gold + pred}, raw_dir)
    for error in errors:
        print(f"extract gold: {error}", file=sys.stderr)
    gold = [r for r in gold if r["doc_id"] in pages]
    pred = [r for r in pred if r["doc_id"] in pages]
    if args.format == "labelstudio":
        tasks = to_labelstudio(pages, gold, pred if args.pred else None)
        _write_json(args.output, tasks)
        config = args.output.with_suffix(".config.xml")
        config.write_text(LABEL_CONFIG, encoding="utf-8")
        what = f"{len(tasks)} tasks -> {args.output} (labelling config: {config})"
    elif args.format == "doccano":
        lines = to_doccano(pages, pred if args.pred else gold)
        _write_json(args.output, lines, lines=True)
        what = f"{len(lines)} pages -> {args.output}"
    else:
        what = f"{write_brat(pages, pred if args.pred else gold, args.output)} pages -> {args.output}/"
    print(f"extract gold: {len(gold)} gold and {len(pred)} predicted records, {what}", file=sys.stderr)
    return 2 if errors else 0


def _import(args) -> int:
    from .score import load_gold

    tasks = json.loads(Path(args.file).read_text(encoding="utf-8"))
    if isinstance(tasks, dict):  # a single task exported on its own
        tasks = [tasks]
    warn: list[str] = []
    pages = from_labelstudio(tasks, warn)
    for message in warn:
        print(f"extract gold: {message}", file=sys.stderr)
    written = write_gold(pages, args.output)
    load_gold(args.output)  # the files written must be valid gold
    print(f"extract gold: {sum(len(v) for v in pages.values())} records in {len(written)} files -> {args.output}",
          file=sys.stderr)
    return 0


def cmd_gold(args) -> int:
    """`extract gold export|import`: 0 done, 2 some page missing (export), 1 bad input."""
    try:
        return _export(args) if args.gold_command == "export" else _import(args)
    except (ValueError, OSError, KeyError) as err:
        print(f"extract gold: {err}", file=sys.stderr)
        return 1
