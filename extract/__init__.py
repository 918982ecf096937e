"""extract: project and investment figures from Chinese newspaper pages, as contract records.

    from extract import extract_text, extract_file, extract_pages, to_frame
    records = extract_text(page_text, doc_id="p1", year=2024)
    frame = to_frame(records)
    table = facts(records)          # one row per figure, with its mentions (docs/facts.md)
"""
from .pipeline import extract_file, extract_pages, extract_text
from .records import COLUMNS, Record, read_records, to_frame, write_records


def __getattr__(name: str):
    """RecordList (notebook display) and facts load their modules only when asked for: start-up stays light."""
    if name == "facts":
        from .grouping import facts

        return facts
    if name == "RecordList":
        from .report import RecordList

        return RecordList
    raise AttributeError(name)

__version__ = "0.1.0"
__all__ = ["extract_text", "extract_file", "extract_pages", "to_frame", "facts", "Record", "RecordList", "COLUMNS",
           "read_records", "write_records", "__version__"]
