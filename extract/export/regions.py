"""Record fields from labelled regions: a region's text read again as a count, an amount, a
category or an actor, for a record the annotator drew or edited in Label Studio."""
from __future__ import annotations

import re
from functools import cached_property

from .spans import LABELS, NUMBER, SPAN_LABELS, Compact, Span, field_spans

NEW_RECORD_NOTE = "added in Label Studio: fields from its spans; check year, period, modality, amount_kind, projects"


class PageView:
    """The raw page with its normalised units, to give a drawn region its normalised text."""

    def __init__(self, doc_id: str, raw: str):
        self.doc_id, self.raw = doc_id, raw

    @cached_property
    def units(self) -> list:
        from ..normalize import normalize
        from ..sentences import units_of

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
    from ..rules import DEFAULT_RULES_DIR, load_rules

    return load_rules(DEFAULT_RULES_DIR).lexicon


def _count_fields(text: str) -> dict:
    from ..numbers import parse_count, parse_number

    try:
        quantity, unit = parse_count(text)
        return {"project_count": int(quantity.value), "count_unit": unit, "count_qualifier": quantity.qualifier}
    except ValueError:
        digits = NUMBER.search(text)
        return {"project_count": int(parse_number(digits.group())) if digits else None, "count_unit": None,
                "count_qualifier": None}


def _amount_fields(text: str, before: str) -> dict:
    """Amount fields from the AMOUNT text; its kind from the keyword right before it (总投资 …)."""
    from ..assemble import amount_kind_of
    from ..numbers import parse_amount

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


def new_record(regions: dict[str, Span], page: PageView, warn: list[str]) -> dict:
    """A record drawn in Label Studio: fields from its spans, the rest from the page or defaults."""
    from ..attribute.modality import cue_in, page_modality
    from ..attribute.time import page_year_of, year_in

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


def edited_record(rec: dict, regions: dict[str, Span], page: PageView, warn: list[str]) -> dict:
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
