"""Records -> an Excel workbook (pandas + openpyxl), for the people who read our output in Excel.

Sheet "records": exactly the contract's columns, amounts as numbers written in full (a number
format without exponent: 292900000000, not 2.929E+11), and one extra column `amount_yi`, the
yuan amount in 亿元, for reading.  Sheet "pages": one row per page read (file, format, records,
problems).  The header row is frozen, filters are on, and columns are as wide as their text.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .records import COLUMNS, Record

EXTRA_HINT = "pip install 'extract[xlsx]'"
YI = 1e8
AMOUNT_FORMAT = "#,##0"  # full digits with thousands separators, never an exponent (the value stays exact)
YI_FORMAT = "#,##0.0###"
MAX_WIDTH = 60  # characters: a sentence column wider than this wraps in the cell instead


@dataclass
class PageRow:
    """One page of the run, for the "pages" sheet."""

    file: str
    format: str
    records: int
    problems: str = ""


class ExcelUnavailable(RuntimeError):
    """openpyxl is not installed; str() is the one line to show."""


def check_available() -> None:
    """Fail before any work when .xlsx output cannot be written."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise ExcelUnavailable(f".xlsx output needs the optional extra: {EXTRA_HINT}") from None


def records_frame(records: Iterable[Record]):
    """The contract's columns (projects as a JSON list, as in CSV) plus amount_yi."""
    import pandas as pd

    rows = []
    for r in records:
        row = r.to_dict()
        row["projects"] = json.dumps(row["projects"], ensure_ascii=False)
        row["amount_yi"] = r.amount_yuan / YI if r.amount_yuan is not None else None
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS + ["amount_yi"])


def _fit_columns(sheet) -> None:
    """Column widths from the longest value (CJK characters count double), capped at MAX_WIDTH."""
    from openpyxl.utils import get_column_letter

    for i, column in enumerate(sheet.iter_cols(values_only=True), 1):
        width = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(v)) for v in column if v is not None), default=4)
        sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, MAX_WIDTH)


def _finish(sheet, number_formats: dict[str, str]) -> None:
    """Frozen header, filters on the used range, widths, and number formats by column name."""
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    header = [c.value for c in sheet[1]]
    for name, fmt in number_formats.items():
        if name in header:
            col = header.index(name) + 1
            for row in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
                row[0].number_format = fmt
    _fit_columns(sheet)


def write_workbook(target: Path | str, records: list[Record], pages: list[PageRow]) -> None:
    """Write both sheets to target (the caller makes it atomic)."""
    import pandas as pd

    check_available()
    frame = records_frame(records)
    page_frame = pd.DataFrame([vars(p) for p in pages], columns=["file", "format", "records", "problems"])
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="records", index=False)
        page_frame.to_excel(writer, sheet_name="pages", index=False)
        _finish(writer.sheets["records"], {"amount_yuan": AMOUNT_FORMAT, "amount_value": AMOUNT_FORMAT,
                                           "amount_yi": YI_FORMAT})
        _finish(writer.sheets["pages"], {})
