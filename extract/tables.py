"""Facts on disk, and `extract facts`: read records, group them, write facts (and records with fact_id).

Facts are written as .jsonl (one fact a line, its mentions inside), .parquet (list columns kept),
.csv or .xlsx (list columns as JSON text); every format reads back with read_facts, so
`extract trends` takes any of them.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterable

import pandas as pd

from .grouping import FACT_COLUMNS, plain_value, group
from .records import Record, atomic_path, record_from_dict

LIST_COLUMNS = ("doc_ids", "mentions", "projects")



def load_records(paths: Iterable[str | Path]) -> list[Record]:
    """Records from .jsonl/.json/.parquet files; a fact_id column (from --records-out) is dropped."""
    records: list[Record] = []
    for path in map(Path, paths):
        for lineno, row in enumerate(_rows(path), 1):
            row.pop("fact_id", None)
            try:
                records.append(record_from_dict(row))
            except (TypeError, ValueError) as err:
                raise ValueError(f"{path}:{lineno}: {err}") from None
    return records


def _rows(path: Path) -> list[dict]:
    if path.suffix.lower() == ".parquet":
        frame = pd.read_parquet(path)
        return [{k: plain_value(v.tolist() if hasattr(v, "tolist") else v) for k, v in row.items()}
                for row in frame.to_dict("records")]
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def is_facts_file(path: str | Path) -> bool:
    """A facts file has a fact_id and a mentions list in its first row; a records file has not."""
    path = Path(path)
    if path.suffix.lower() in (".csv", ".xlsx"):
        columns = (pd.read_csv(path, nrows=0) if path.suffix.lower() == ".csv" else pd.read_excel(path, nrows=0)).columns
        return "mention_count" in columns
    rows = _rows(path)
    return bool(rows) and "mention_count" in rows[0]


def read_facts(path: str | Path) -> pd.DataFrame:
    """Read a facts file written by write_facts (list columns decoded from JSON in CSV/XLSX)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        frame = pd.read_parquet(path)
        for name in ("doc_ids", "mentions"):
            frame[name] = [plain_value(v.tolist() if hasattr(v, "tolist") else v) for v in frame[name]]
    elif suffix in (".csv", ".xlsx"):
        frame = pd.read_csv(path) if suffix == ".csv" else pd.read_excel(path, sheet_name="facts")
        frame = frame.astype(object).where(frame.notna(), None)
        for name in ("doc_ids", "mentions"):
            frame[name] = [json.loads(v) for v in frame[name]]
    else:
        frame = pd.DataFrame(_rows(path), columns=FACT_COLUMNS)
    for name in ("year", "project_count"):
        frame[name] = pd.array([None if pd.isna(v) else int(v) for v in frame[name]], dtype="Int64")
    return frame


def write_facts(frame: pd.DataFrame, target: str | Path) -> int:
    """Write facts (or mentions with fact_id) as .jsonl, .csv, .xlsx or .parquet, atomically."""
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix not in (".jsonl", ".json", ".csv", ".xlsx", ".parquet"):
        raise ValueError(f"{target}: output format must be .jsonl, .csv, .xlsx or .parquet")
    with atomic_path(target, mode=None) as tmp:
        if suffix == ".parquet":
            frame.to_parquet(tmp, index=False)
        elif suffix in (".csv", ".xlsx"):
            flat = _flat(frame)
            if suffix == ".csv":
                flat.to_csv(tmp, index=False)
            else:
                excel_engine()
                flat.to_excel(tmp, index=False, sheet_name="facts" if "mention_count" in frame else "mentions",
                              engine="openpyxl")
        else:
            rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
            with open(tmp, "w", encoding="utf-8") as handle:
                for row in rows:
                    handle.write(json.dumps({k: plain_value(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
    return len(frame)


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """List columns as JSON text, for CSV and spreadsheets."""
    flat = frame.copy()
    for name in LIST_COLUMNS:
        if name in flat:
            flat[name] = [json.dumps(plain_value(v) if not isinstance(v, list) else v, ensure_ascii=False)
                          for v in flat[name]]
    return flat


def excel_engine() -> None:
    """openpyxl writes .xlsx; without it, one line that names the extra to install."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise SystemExit("extract: writing .xlsx needs openpyxl: pip install -e '.[trends]'") from None


def cmd_facts(args) -> int:
    """Read records, write facts; exit 1 with one line when an input cannot be read."""
    try:
        records = load_records(args.records)
    except (OSError, ValueError) as err:
        print(f"extract: {err}", file=sys.stderr)
        return 1
    grouping = group(records, args.rules)
    try:
        write_facts(grouping.facts, args.output)
        if args.records_out:
            write_facts(grouping.mentions, args.records_out)
    except (OSError, ValueError) as err:
        print(f"extract: {err}", file=sys.stderr)
        return 1
    print(f"extract: {len(records)} records -> {len(grouping.facts)} facts -> {args.output}"
          + (f"; records with fact_id -> {args.records_out}" if args.records_out else ""), file=sys.stderr)
    return 0
