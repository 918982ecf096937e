"""Gold sets: gold records (validated, with alternatives) and the pages they cover.

A gold folder holds one `<doc_id>.jsonl` per page, an empty file for a page without records
(its page still counts: whatever an extractor finds there is a false positive).  The pages live
beside it in `raw/` (data/gold -> data/raw), or, for pages kept outside the repository (the real
corpora in ../shared), a `pages.json` manifest names each page's file relative to a corpora
folder; a page inside a tar archive is named ARCHIVE/MEMBER and read without unpacking.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .reader import Page, PageError, archive_pages, read_page, split_archive_ref
from .records import COLUMNS, LATER_COLUMNS

MANIFEST = "pages.json"
ENUMS = {
    "count_qualifier": {None, "approx", "nearly", "over", "at_least"},
    "amount_qualifier": {None, "approx", "nearly", "over", "at_least"},
    "amount_kind": {None, "total_investment", "completed_investment", "annual_investment", "statistics", "output_value"},
    "period": {None, "FY", "Q1", "Q2", "Q3", "Q4", "H1", "H2", "YTD"},
    "modality": {"target", "actual"},
}
GOLD_EXTRA = {"required", "alternatives", "note"}
PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Gold:
    """A gold record: the contract fields, whether it counts, and its acceptable alternatives.
    `given`: the contract fields the line states (gold written before the contract's later
    fields has no page_date or headline, and is not scored on them)."""

    record: dict
    required: bool
    alternatives: dict
    source: str
    given: frozenset = frozenset(COLUMNS)

    def accepts(self, name: str, value) -> bool:
        options = self.alternatives.get(name, [self.record.get(name)])
        return value in options

    @property
    def amount(self) -> float | None:
        """The amount in its own currency (amount_value), else in yuan."""
        value = self.record.get("amount_value")
        return value if value is not None else self.record.get("amount_yuan")


def load_gold(gold_dir: Path | str) -> list[Gold]:
    """Read and validate <gold_dir>/*.jsonl; errors name the file and line."""
    gold_dir = Path(gold_dir)
    files = sorted(gold_dir.glob("*.jsonl"))
    if not files:
        raise ValueError(f"{gold_dir}: no gold files (*.jsonl)")
    out = []
    for path in files:
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{where}: not JSON: {err.msg}") from None
            out.append(_gold_from(data, where))
    return out


def _gold_from(data, where: str) -> Gold:
    if not isinstance(data, dict):
        raise ValueError(f"{where}: a gold line must be a JSON object")
    unknown = set(data) - set(COLUMNS) - GOLD_EXTRA
    if unknown:
        raise ValueError(f"{where}: unknown field(s): {', '.join(sorted(unknown))}")
    missing = [c for c in COLUMNS if c not in data and c not in LATER_COLUMNS]
    if missing:
        raise ValueError(f"{where}: missing field(s): {', '.join(missing)}")
    for name, allowed in ENUMS.items():
        if data[name] not in allowed:
            raise ValueError(f"{where}: {name}={data[name]!r} is not one of {sorted(a for a in allowed if a)}")
    if data["project_count"] is None and data["amount_yuan"] is None and data.get("amount_value") is None:
        raise ValueError(f"{where}: neither project_count nor an amount")
    alternatives = data.get("alternatives") or {}
    if not isinstance(alternatives, dict) or any(not isinstance(v, list) for v in alternatives.values()):
        raise ValueError(f"{where}: alternatives must map field names to lists of values")
    if set(alternatives) - set(COLUMNS):
        raise ValueError(f"{where}: alternatives name unknown field(s): {', '.join(sorted(set(alternatives) - set(COLUMNS)))}")
    record = {c: data.get(c) for c in COLUMNS}
    return Gold(record, bool(data.get("required", True)), alternatives, where, frozenset(c for c in COLUMNS if c in data))


# ----- the pages a gold set covers -------------------------------------------------------------

def raw_dir_for(gold_dir: Path) -> Path:
    return Path(gold_dir).resolve().parent / "raw"


@dataclass
class GoldPages:
    """The pages of a gold set: doc_id -> where the page is (a file, or ARCHIVE/MEMBER), and the
    group each belongs to (its corpus: scored apart as well as together)."""

    sources: dict[str, str]
    groups: dict[str, str]

    def read(self) -> Iterator[Page]:
        """Every page, each archive read in one pass; a missing page is an error naming it."""
        members: dict[str, dict[str, str]] = defaultdict(dict)
        for doc_id, ref in sorted(self.sources.items()):
            inside = split_archive_ref(ref)
            if inside is not None and not Path(ref).exists():
                members[inside[0]][inside[1]] = doc_id
                continue
            try:
                yield read_page(ref)
            except PageError as err:
                raise ValueError(f"gold page {doc_id}: {err}") from None
        for archive, wanted in members.items():
            if not Path(archive).is_file():
                raise ValueError(f"gold pages: no archive {archive}")
            found = set()
            for page in archive_pages(archive, wanted):
                if isinstance(page, PageError):
                    raise ValueError(f"gold pages: {page}")
                found.add(page.doc_id)
                yield page
            lost = sorted(set(wanted.values()) - found)
            if lost:
                raise ValueError(f"gold pages: {len(lost)} page(s) not in {archive}: {', '.join(lost[:5])}")


def gold_pages(gold_dir: Path | str, raw_dir: Path | str | None = None) -> GoldPages:
    """The pages of a gold folder: from its pages.json manifest (resolved against raw_dir, else
    the manifest's own "corpora" folder, relative to the project root), else the raw/ folder
    beside it, one page per gold file."""
    gold_dir = Path(gold_dir)
    manifest = gold_dir / MANIFEST
    if manifest.is_file():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        root = Path(raw_dir) if raw_dir else PROJECT_ROOT / data.get("corpora", ".")
        sources = {doc: str(root / rel) for doc, rel in data["pages"].items()}
        groups = {doc: rel.split("/")[0] for doc, rel in data["pages"].items()}
        return GoldPages(sources, groups)
    raw = Path(raw_dir) if raw_dir else raw_dir_for(gold_dir)
    sources = {}
    for path in sorted(gold_dir.glob("*.jsonl")):
        hits = sorted(p for p in raw.glob(path.stem + ".*") if p.is_file())
        if not hits:
            raise ValueError(f"no raw page {path.stem}.* in {raw}")
        sources[path.stem] = str(hits[0])
    return GoldPages(sources, {doc: raw.name for doc in sources})
