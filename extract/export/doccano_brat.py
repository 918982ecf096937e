"""Records as doccano sequence-labelling lines and as brat .txt/.ann pairs."""
from __future__ import annotations

import re
from pathlib import Path

from ..records import atomic_path
from .sources import records_by_page
from .spans import Span, anchor_of, field_spans

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


def to_doccano(pages: dict[str, str], records: list[dict]) -> list[dict]:
    """doccano sequence-labelling lines: the raw text and [start, end, LABEL] per region (no repeats)."""
    lines = []
    for doc_id, recs in sorted(records_by_page(records).items()):
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
    by_page = records_by_page(records)
    for doc_id, recs in sorted(by_page.items()):
        for suffix, content in ((".txt", pages[doc_id]), (".ann", to_brat(pages[doc_id], recs))):
            with atomic_path(out_dir / f"{doc_id}{suffix}", "w", encoding="utf-8", newline="") as handle:
                handle.write(content)
    with atomic_path(out_dir / "annotation.conf", "w", encoding="utf-8") as handle:
        handle.write(BRAT_CONF)
    return len(by_page)
