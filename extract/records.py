"""The Record type of ../shared/CONTRACT.md, DataFrames, and the writers (JSONL, CSV, Parquet).

Writers are atomic: they write a temporary file beside the target and rename it, so an
interrupted run never leaves a truncated output file.
"""
from __future__ import annotations

import csv
import json
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:
    import pandas as pd

QUALIFIERS = (None, "approx", "nearly", "over", "at_least")
AMOUNT_KINDS = (None, "total_investment", "completed_investment", "annual_investment", "statistics", "output_value")
PERIODS = (None, "FY", "Q1", "Q2", "Q3", "Q4", "H1", "H2", "YTD")
MODALITIES = ("target", "actual")


@dataclass
class Record:
    """One mention of a project/investment figure on a page (fields fixed by the contract)."""

    doc_id: str
    start: int
    end: int
    evidence: str
    sentence: str
    actor: str | None
    year: int | None
    period: str | None
    project_count: int | None
    count_unit: str | None
    count_qualifier: str | None
    category: str | None
    amount_yuan: float | None
    amount_text: str | None
    amount_kind: str | None
    amount_qualifier: str | None
    modality: str
    projects: list[str] = field(default_factory=list)
    rule: str = ""
    # added to the contract later (kept last here so positional construction stays valid;
    # COLUMNS gives the contract's order)
    amount_value: float | None = None
    currency: str | None = None
    page_date: str | None = None
    headline: str | None = None
    source_page: int | None = None  # optional in the contract: the 1-based PDF page, null otherwise

    def to_dict(self) -> dict:
        # dataclasses.asdict deep-copies value by value (several times slower); only `projects` is mutable
        out = {name: getattr(self, name) for name in COLUMNS}
        out["projects"] = list(self.projects)
        return out

    def _repr_html_(self) -> str:  # notebook display: the evidence highlighted in its sentence
        from .report import record_html

        return record_html(self)


COLUMNS: list[str] = ["doc_id", "start", "end", "evidence", "sentence", "actor", "year", "period", "project_count",
                      "count_unit", "count_qualifier", "category", "amount_yuan", "amount_value", "currency",
                      "amount_text", "amount_kind", "amount_qualifier", "modality", "projects", "rule", "page_date",
                      "headline", "source_page"]
assert sorted(COLUMNS) == sorted(f.name for f in fields(Record)), "COLUMNS must list every Record field"
# Fields the contract added in its second round: a file written before them still reads.
LATER_COLUMNS = ("amount_value", "currency", "page_date", "headline", "source_page")
_JSON = json.JSONEncoder(ensure_ascii=False)  # one encoder: json.dumps with options builds one per call


def to_frame(records: Iterable[Record]) -> "pd.DataFrame":
    """A DataFrame with exactly the contract's columns, in contract order, nullable dtypes.

    (pandas and the report module, which adds the `frame.extract.show()` display, load here,
    not at import: `extract run` starts faster without them.)"""
    import pandas as pd

    from . import report  # noqa: F401  registers the DataFrame accessor

    frame = pd.DataFrame([r.to_dict() for r in records], columns=COLUMNS)
    for name in ("year", "project_count", "source_page"):
        frame[name] = frame[name].astype("Int64")
    for name in ("amount_yuan", "amount_value"):
        frame[name] = frame[name].astype("float64")
    for name in ("start", "end"):
        frame[name] = frame[name].astype("int64")
    return frame


def record_from_dict(data: dict) -> Record:
    """Inverse of Record.to_dict; unknown keys are an error (caught by callers with a line number)."""
    unknown = set(data) - set(COLUMNS)
    if unknown:
        raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}")
    missing = [c for c in COLUMNS if c not in data and c not in LATER_COLUMNS]
    if missing:
        raise ValueError(f"missing field(s): {', '.join(missing)}")
    return Record(**data)


@contextmanager
def atomic_path(target: Path, mode: str = "w", **kwargs) -> Iterator:
    """Open a temporary file next to target; rename it onto target only if the block succeeds."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs should read like any file the user writes
    try:
        if mode is None:
            yield Path(tmp)
        else:
            with open(tmp, mode, **kwargs) as handle:
                yield handle
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _csv_value(value):
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else f"{value:.1f}"
    return "" if value is None else value


OUTPUT_SUFFIXES = (".jsonl", ".csv", ".parquet", ".json", ".xlsx")
BUFFERED = (".parquet", ".xlsx")


class RecordWriter:
    """Writes records incrementally to .jsonl or .csv (streamed) or .parquet/.xlsx (buffered), atomically."""

    def __init__(self, target: Path | str):
        self.target = Path(target)
        self.suffix = self.target.suffix.lower()
        if self.suffix not in OUTPUT_SUFFIXES:
            raise ValueError(f"{self.target}: output format must be .jsonl, .csv, .parquet or .xlsx")
        self.count = 0
        self._buffer: list[Record] = []
        self._pages: list = []
        self._ctx = None

    def page(self, file: str, fmt: str, records: int, problems: str = "") -> None:
        """Note one page of the run (the .xlsx "pages" sheet; other formats have no page table)."""
        if self.suffix == ".xlsx":
            from .excel import PageRow

            self._pages.append(PageRow(file, fmt, records, problems))

    def __enter__(self) -> "RecordWriter":
        if self.suffix in BUFFERED:
            self._ctx = atomic_path(self.target, mode=None)
            self._tmp = self._ctx.__enter__()
        else:
            self._ctx = atomic_path(self.target, "w", encoding="utf-8", newline="")
            self._handle = self._ctx.__enter__()
            if self.suffix == ".csv":
                self._csv = csv.writer(self._handle)
                self._csv.writerow(COLUMNS)
        return self

    def write(self, records: Iterable[Record]) -> None:
        for record in records:
            self.count += 1
            if self.suffix in BUFFERED:
                self._buffer.append(record)
            elif self.suffix == ".csv":
                self._csv.writerow([_csv_value(getattr(record, c)) for c in COLUMNS])
            else:
                self._handle.write(_JSON.encode(record.to_dict()) + "\n")

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None and self.suffix == ".parquet":
            to_frame(self._buffer).to_parquet(self._tmp, index=False)
        elif exc_type is None and self.suffix == ".xlsx":
            from .excel import write_workbook

            write_workbook(self._tmp, self._buffer, self._pages)
        return self._ctx.__exit__(exc_type, exc, tb)


def write_records(records: Iterable[Record], target: Path | str) -> int:
    """Write all records to target (format from its suffix); returns how many were written."""
    with RecordWriter(target) as writer:
        writer.write(records)
    return writer.count


def read_records(path: Path | str) -> list[Record]:
    """Read a JSONL/CSV/Parquet record file; schema errors name the file and line."""
    path = Path(path)
    if path.suffix == ".parquet":
        import pandas as pd

        frame = pd.read_parquet(path)
        return [record_from_dict({k: _from_frame(v) for k, v in row.items()}) for row in frame.to_dict("records")]
    records = []
    with open(path, encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                records.append(record_from_dict(json.loads(line)))
            except (ValueError, TypeError) as err:
                raise ValueError(f"{path}:{lineno}: {err}") from None
    return records


def _from_frame(value):
    import pandas as pd

    if hasattr(value, "tolist"):
        value = value.tolist()
    if value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value
